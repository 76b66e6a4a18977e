/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bytebuf.h - a growable byte buffer for what auxsim writes out (the
 * perf.data, its tracing data, the truth's waiting lines); never model
 * state.
 *
 * Invariant: p[0 .. len) holds every byte added since the last reset,
 * unless @oom is set: then an allocation failed, the bytes of that and of
 * every later bytebuf__add() were dropped, and the owner reports -ENOMEM.
 */
#ifndef AUXSIM_BYTEBUF_H
#define AUXSIM_BYTEBUF_H

#include <stddef.h>
#include <stdint.h>

struct bytebuf {
	uint8_t *p;
	size_t len, cap;
	int oom;
};

/* append @n bytes of @p */
void bytebuf__add(struct bytebuf *b, const void *p, size_t n);
/* append the low @bytes bytes of @v, little endian (perf.data's order) */
void bytebuf__le(struct bytebuf *b, uint64_t v, int bytes);
void bytebuf__release(struct bytebuf *b);

#endif /* AUXSIM_BYTEBUF_H */
