// SPDX-License-Identifier: GPL-2.0
/*
 * escape.c - printable text from a file's bytes (escape.h).
 */
#include <stdint.h>
#include <string.h>

#include "lib/escape.h"

/* the length of the well-formed UTF-8 sequence at @s (1..4), with its
 * code point in *@cp, or 0 when the bytes there are not one (RFC 3629) */
static int utf8_seq(const unsigned char *s, uint32_t *cp)
{
	int n;
	uint32_t c;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		c = s[0] & 0x07;
	} else {
		return 0; /* a continuation byte, 0xc0, 0xc1, 0xf5.. */
	}
	for (int i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0; /* the NUL at the end included */
		c = c << 6 | (s[i] & 0x3f);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) ||
	    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return 0;
	*cp = c;
	return n;
}

size_t escape__text(char *buf, size_t len, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t out = 0;

	if (len)
		buf[0] = '\0';
	while (*p) {
		char piece[20];
		uint32_t cp = 0;
		int n = utf8_seq(p, &cp), k = 0;
		size_t m;

		if (n && cp >= 0x20 && cp != 0x7f && cp != '\\' &&
		    !(cp >= 0x80 && cp <= 0x9f)) {
			memcpy(piece, p, (size_t)n);
			k = n;
		} else if (cp == '\\' && n) {
			k = 2;
			memcpy(piece, "\\\\", 2);
		} else if (cp == '\t' && n) {
			k = 2;
			memcpy(piece, "\\t", 2);
		} else {
			/* a control (C0, DEL, the two bytes of a C1) or a
			 * byte that is not UTF-8 */
			static const char hex[] = "0123456789abcdef";

			if (!n)
				n = 1;
			for (int i = 0; i < n; i++) {
				piece[k++] = '\\';
				piece[k++] = 'x';
				piece[k++] = hex[p[i] >> 4];
				piece[k++] = hex[p[i] & 15];
			}
		}
		m = (size_t)k;
		if (out + m < len) {
			memcpy(buf + out, piece, m);
			buf[out + m] = '\0';
		} else if (out < len) {
			len = out + 1; /* cut at a whole escape: no more */
		}
		out += m;
		p += n;
	}
	return out;
}

void escape__print(FILE *f, const char *s)
{
	char buf[1024];
	size_t n = escape__text(buf, sizeof(buf), s);

	if (n < sizeof(buf)) {
		fputs(buf, f);
		return;
	}
	/* longer than the buffer: a character at a time */
	for (const char *p = s; *p;) {
		char one[5] = "", tmp[20];
		uint32_t cp;
		int k = utf8_seq((const unsigned char *)p, &cp);

		k = k ? k : 1;
		memcpy(one, p, (size_t)k);
		escape__text(tmp, sizeof(tmp), one);
		fputs(tmp, f);
		p += k;
	}
}
