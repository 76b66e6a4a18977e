// SPDX-License-Identifier: GPL-2.0
/*
 * bytebuf.c - a growable byte buffer for output (bytebuf.h).
 */
#include <stdlib.h>
#include <string.h>

#include "lib/bytebuf.h"

void bytebuf__add(struct bytebuf *b, const void *p, size_t n)
{
	if (b->oom || !n)
		return;
	if (b->len + n > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		uint8_t *q;

		while (cap < b->len + n)
			cap *= 2;
		q = realloc(b->p, cap);
		if (!q) {
			b->oom = 1;
			return;
		}
		b->p = q;
		b->cap = cap;
	}
	memcpy(b->p + b->len, p, n);
	b->len += n;
}

void bytebuf__le(struct bytebuf *b, uint64_t v, int bytes)
{
	uint8_t x[8];

	for (int i = 0; i < bytes && i < 8; i++)
		x[i] = (uint8_t)(v >> (8 * i));
	bytebuf__add(b, x, (size_t)(bytes < 8 ? bytes : 8));
}

void bytebuf__release(struct bytebuf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
	b->oom = 0;
}
