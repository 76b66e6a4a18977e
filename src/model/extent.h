/* SPDX-License-Identifier: GPL-2.0 */
/*
 * extent.h - what a trace buffer holds, without holding bytes.
 *
 * An extent says "bytes [off, off+len) of this buffer are bytes
 * [soff, soff+len) of CPU cpu's trace stream, emitted during scheduling
 * slice `slice`" (EXT_TRACE), or a CoreSight barrier packet (EXT_BARRIER), or
 * bytes whose origin the model stopped tracking because the map was full
 * (EXT_UNTRACKED).  Bytes covered by no extent were never written: the AUX
 * pages and the ETR memory start zeroed.
 *
 * Invariants of struct extent_map:
 *  - e[0..nr) are sorted by off, do not overlap, and lie within [0, size);
 *  - no extent has len == 0;
 *  - two neighbours that continue each other (same kind, cpu and slice,
 *    touching offsets and stream offsets) are always merged;
 *  - nr <= EXTENT_MAX: when a write would exceed it, the two touching
 *    neighbours with the smallest combined length become one EXT_UNTRACKED
 *    extent, or, if no two extents touch, the two with the smallest gap
 *    between them (the never-written gap then counts as written,
 *    untracked); `merges` counts each (deterministic, reported).
 *
 * In a list of pieces (extent_map__read() output, write input) off is the
 * position in the window, and EXT_ZERO marks never-written bytes.
 */
#ifndef AUXSIM_EXTENT_H
#define AUXSIM_EXTENT_H

#include <stdbool.h>
#include <stdint.h>

#if defined(AUXSIM_CHECK)
#define EXTENT_MAX 4
#elif defined(MODEL_TESTING)
#define EXTENT_MAX 6
#else
#define EXTENT_MAX 48
#endif
/* Enough pieces for any read of one map (gaps between extents included). */
#define EXTENT_PIECES_MAX (2 * EXTENT_MAX + 4)

enum extent_kind {
	EXT_ZERO = 0,
	EXT_TRACE = 1,
	EXT_BARRIER = 2,
	EXT_UNTRACKED = 3,
};

struct extent {
	uint32_t off;
	uint32_t len;
	uint8_t kind; /* enum extent_kind */
	int8_t cpu;
	uint16_t pad;
	uint32_t slice;
	uint64_t soff;
};

struct extent_map {
	uint32_t size;
	uint16_t nr;
	uint16_t merges;
	struct extent e[EXTENT_MAX];
};

void extent_map__init(struct extent_map *em, uint32_t size);

/*
 * Write the pieces @src[0..nr) (lengths adding up to @len) at offset @at,
 * wrapping at em->size.  When @len > em->size only the last em->size bytes
 * stay, ending at (@at + @len) % size, as a lapping copy leaves them.
 */
void extent_map__write(struct extent_map *em, uint64_t at,
		       const struct extent *src, int nr, uint64_t len);

/*
 * Pieces for [@at, @at + @len) (wrapping, @len <= size) into @out, in window
 * order, off = position in the window.  Returns how many.
 */
int extent_map__read(const struct extent_map *em, uint64_t at, uint64_t len,
		     struct extent *out, int max);

/* Is any byte of [@a, @b) written (non-zero)?  @a <= @b <= size. */
bool extent_map__written(const struct extent_map *em, uint32_t a, uint32_t b);

/* Bytes held by EXT_TRACE extents in @p[0..nr). */
uint64_t extent__trace_bytes(const struct extent *p, int nr);

int extent_map__check(const struct extent_map *em);

#endif /* AUXSIM_EXTENT_H */
