// SPDX-License-Identifier: GPL-2.0
/*
 * wrap.c - prose in 80 columns (wrap.h).
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "lib/wrap.h"

/* columns of @n bytes at @s: UTF-8 characters */
static int columns(const char *s, size_t n)
{
	int c = 0;

	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xc0) != 0x80;
	return c;
}

static void put(FILE *f, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fputc(s[i] == WRAP_NBSP ? ' ' : s[i], f);
}

/* one line (no '\n') of @n bytes */
static void wrap_line(FILE *f, const char *s, size_t n, int hang,
		      const char *tail)
{
	int indent = 0, col = 0, room;
	size_t tl = strlen(tail);

	while ((size_t)indent < n && s[indent] == ' ')
		indent++;
	if (hang < 0)
		hang = indent + 4;
	room = WRAP_WIDTH;
	for (;;) {
		size_t cut = 0, end = n;

		/* the longest part that fits, broken after a word */
		if (col + columns(s, n) > room) {
			size_t i = 0;

			while ((size_t)indent > i && s[i] == ' ')
				i++;
			for (; i < n; i++)
				if (s[i] == ' ' && i > (size_t)indent &&
				    col + columns(s, i) + (int)tl <= room)
					cut = i;
			if (!cut) /* a word longer than the room: after it */
				for (i = (size_t)indent + 1; i < n; i++)
					if (s[i] == ' ') {
						cut = i;
						break;
					}
			if (cut)
				end = cut;
		}
		/* no trailing blanks before a break */
		while (cut && end > 0 && s[end - 1] == ' ')
			end--;
		put(f, s, end);
		if (!cut) {
			fputc('\n', f);
			return;
		}
		fprintf(f, "%s\n", tail);
		s += cut;
		n -= cut;
		while (n && *s == ' ')
			s++, n--;
		if (!n)
			return;
		fprintf(f, "%*s", hang, "");
		col = hang;
		indent = 0;
	}
}

static void wrap_all(FILE *f, const char *text, int hang, const char *tail)
{
	while (*text) {
		const char *nl = strchr(text, '\n');
		size_t n = nl ? (size_t)(nl - text) : strlen(text);

		wrap_line(f, text, n, hang, tail);
		text += n + (nl ? 1 : 0);
	}
}

void wrap__text(FILE *f, const char *text, int hang)
{
	wrap_all(f, text, hang, "");
}

void wrap__printf(FILE *f, int hang, const char *fmt, ...)
{
	va_list ap;
	char small[256], *buf = small;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(small)) {
		buf = malloc((size_t)n + 1);
		if (!buf) {
			/* no memory for the text: unwrapped, as given */
			va_start(ap, fmt);
			vfprintf(f, fmt, ap);
			va_end(ap);
			return;
		}
		va_start(ap, fmt);
		vsnprintf(buf, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	wrap_all(f, buf, hang, "");
	if (buf != small)
		free(buf);
}

void wrap__command(FILE *f, const char *prompt, const char *cmd, int hang)
{
	size_t n = strlen(prompt) + strlen(cmd) + 1;
	char *buf = malloc(n);
	char quote = 0;

	if (!buf) {
		fprintf(f, "%s%s\n", prompt, cmd);
		return;
	}
	snprintf(buf, n, "%s%s", prompt, cmd);
	/* no break inside quotes (their blanks are the word's), nor between
	 * an option and its value ("-e cs_etm//", "--steps tick:1"): after
	 * a word that starts with '-', before one that does not */
	for (char *p = buf + strlen(prompt), *word = p; *p; p++) {
		if (quote && *p == quote)
			quote = 0;
		else if (!quote && (*p == '\'' || *p == '"'))
			quote = *p;
		else if (quote && *p == ' ')
			*p = WRAP_NBSP;
		else if (*p == ' ' && *word == '-' && p[1] && p[1] != '-' &&
			 p[1] != ' ')
			*p = WRAP_NBSP;
		if (!quote && (*p == ' ' || *p == WRAP_NBSP))
			word = p + 1;
	}
	wrap_line(f, buf, strlen(buf), hang, " \\");
	free(buf);
}
