// SPDX-License-Identifier: GPL-2.0
/*
 * extent.c - extent maps: see extent.h for the representation and its
 * invariants.
 */
#include <string.h>

#include "model/extent.h"

void extent_map__init(struct extent_map *em, uint32_t size)
{
	memset(em, 0, sizeof(*em));
	em->size = size;
}

/* Drop the first @n bytes of extent @e. */
static void extent__advance(struct extent *e, uint32_t n)
{
	e->off += n;
	e->len -= n;
	if (e->kind == EXT_TRACE)
		e->soff += n;
}

static bool extent__continues(const struct extent *a, const struct extent *b)
{
	if (a->kind != b->kind || a->off + a->len != b->off)
		return false;
	if (a->kind == EXT_UNTRACKED)
		return true;
	if (a->kind == EXT_BARRIER)
		return false;
	return a->cpu == b->cpu && a->slice == b->slice &&
	       a->soff + a->len == b->soff;
}

/* Merge the touching pair with the smallest combined length. */
static int extent__shrink(struct extent *e, int nr)
{
	int best = -1;
	uint64_t best_len = UINT64_MAX;

	for (int i = 0; i + 1 < nr; i++) {
		uint64_t l = (uint64_t)e[i].len + e[i + 1].len;

		if (e[i].off + e[i].len == e[i + 1].off && l < best_len) {
			best = i;
			best_len = l;
		}
	}
	if (best < 0) {
		/* nothing touches: merge across the smallest gap */
		uint64_t best_span = UINT64_MAX;

		for (int i = 0; i + 1 < nr; i++) {
			uint64_t span = (uint64_t)e[i + 1].off + e[i + 1].len -
					e[i].off;
			if (span < best_span) {
				best = i;
				best_span = span;
			}
		}
		best_len = best_span;
	}
	e[best].len = (uint32_t)best_len;
	e[best].kind = EXT_UNTRACKED;
	e[best].cpu = -1;
	e[best].slice = 0;
	e[best].soff = 0;
	memmove(&e[best + 1], &e[best + 2],
		(nr - best - 2) * sizeof(e[0]));
	nr--;
	/* an untracked extent may now touch another untracked one */
	for (int i = 0; i + 1 < nr; i++) {
		if (extent__continues(&e[i], &e[i + 1])) {
			e[i].len += e[i + 1].len;
			memmove(&e[i + 1], &e[i + 2],
				(nr - i - 2) * sizeof(e[0]));
			nr--;
			i--;
		}
	}
	return nr;
}

/* Write pieces into [a, a + len) with a + len <= size (no wrap). */
static void extent_map__write_flat(struct extent_map *em, uint32_t a,
				   const struct extent *src, int nr,
				   uint32_t len)
{
	struct extent tmp[EXTENT_MAX + EXTENT_PIECES_MAX + 8];
	uint32_t b = a + len;
	int n = 0, i = 0;

	/* old extents before a, cut at a */
	for (; i < em->nr && em->e[i].off < a; i++) {
		tmp[n] = em->e[i];
		if (tmp[n].off + tmp[n].len > a)
			tmp[n].len = a - tmp[n].off;
		n++;
	}
	/* the new pieces */
	uint32_t pos = a;
	for (int k = 0; k < nr; k++) {
		struct extent p = src[k];

		p.off = pos;
		pos += p.len;
		if (!p.len || p.kind == EXT_ZERO)
			continue;
		if (n && extent__continues(&tmp[n - 1], &p)) {
			tmp[n - 1].len += p.len;
			continue;
		}
		tmp[n++] = p;
	}
	/* old extents that reach past b, cut at b */
	for (i = 0; i < em->nr; i++) {
		struct extent o = em->e[i];

		if (o.off + o.len <= b)
			continue;
		if (o.off < b)
			extent__advance(&o, b - o.off);
		if (n && extent__continues(&tmp[n - 1], &o)) {
			tmp[n - 1].len += o.len;
			continue;
		}
		tmp[n++] = o;
	}
	while (n > EXTENT_MAX) {
		n = extent__shrink(tmp, n);
		em->merges++;
	}
	memcpy(em->e, tmp, n * sizeof(tmp[0]));
	em->nr = (uint16_t)n;
}

/* Split off the first @n bytes of a piece list into @out (advancing src). */
static int pieces__take(const struct extent **src, int *nr, uint32_t *skip,
			uint32_t n, struct extent *out)
{
	int k = 0;

	while (n && *nr) {
		struct extent p = **src;

		p.len -= *skip;
		if (p.kind == EXT_TRACE)
			p.soff += *skip;
		if (p.len > n) {
			*skip += n;
			p.len = n;
			out[k++] = p;
			return k;
		}
		n -= p.len;
		out[k++] = p;
		*skip = 0;
		(*src)++;
		(*nr)--;
	}
	return k;
}

void extent_map__write(struct extent_map *em, uint64_t at,
		       const struct extent *src, int nr, uint64_t len)
{
	struct extent part[EXTENT_PIECES_MAX + 4];
	uint32_t skip = 0;
	int k;

	if (!em->size || !len)
		return;
	if (nr > EXTENT_PIECES_MAX)
		nr = EXTENT_PIECES_MAX; /* callers pass extent_map__read() output */
	if (len > em->size) {
		/* only the last em->size bytes survive the lapping copy */
		uint64_t drop = len - em->size;

		at += drop;
		while (drop) {
			uint32_t l = src->len - skip;

			if (l > drop) {
				skip += (uint32_t)drop;
				break;
			}
			drop -= l;
			skip = 0;
			src++;
			nr--;
		}
		len = em->size;
	}
	at %= em->size;
	if (at + len > em->size) {
		uint32_t first = em->size - (uint32_t)at;

		k = pieces__take(&src, &nr, &skip, first, part);
		extent_map__write_flat(em, (uint32_t)at, part, k, first);
		k = pieces__take(&src, &nr, &skip, (uint32_t)len - first, part);
		extent_map__write_flat(em, 0, part, k, (uint32_t)len - first);
	} else {
		k = pieces__take(&src, &nr, &skip, (uint32_t)len, part);
		extent_map__write_flat(em, (uint32_t)at, part, k,
				       (uint32_t)len);
	}
}

/* Pieces for the flat range [a, b), appended to out at window pos @wpos. */
static int extent_map__read_flat(const struct extent_map *em, uint32_t a,
				 uint32_t b, uint32_t wpos, struct extent *out,
				 int n, int max)
{
	uint32_t pos = a;

	for (int i = 0; i < em->nr && pos < b; i++) {
		struct extent e = em->e[i];

		if (e.off + e.len <= pos)
			continue;
		if (e.off >= b)
			break;
		if (e.off > pos) {
			if (n < max)
				out[n++] = (struct extent){
					.off = wpos + (pos - a),
					.len = e.off - pos,
					.kind = EXT_ZERO,
					.cpu = -1,
				};
			pos = e.off;
		}
		if (e.off < pos)
			extent__advance(&e, pos - e.off);
		if (e.off + e.len > b)
			e.len = b - e.off;
		e.off = wpos + (pos - a);
		if (n < max)
			out[n++] = e;
		pos += e.len;
	}
	if (pos < b && n < max)
		out[n++] = (struct extent){
			.off = wpos + (pos - a),
			.len = b - pos,
			.kind = EXT_ZERO,
			.cpu = -1,
		};
	return n;
}

int extent_map__read(const struct extent_map *em, uint64_t at, uint64_t len,
		     struct extent *out, int max)
{
	int n;

	if (!em->size || !len)
		return 0;
	if (len > em->size)
		len = em->size;
	at %= em->size;
	if (at + len > em->size) {
		uint32_t first = em->size - (uint32_t)at;

		n = extent_map__read_flat(em, (uint32_t)at, em->size, 0, out, 0,
					  max);
		return extent_map__read_flat(em, 0, (uint32_t)len - first,
					     first, out, n, max);
	}
	return extent_map__read_flat(em, (uint32_t)at, (uint32_t)(at + len), 0,
				     out, 0, max);
}

bool extent_map__written(const struct extent_map *em, uint32_t a, uint32_t b)
{
	for (int i = 0; i < em->nr; i++)
		if (em->e[i].off < b && em->e[i].off + em->e[i].len > a)
			return true;
	return false;
}

uint64_t extent__trace_bytes(const struct extent *p, int nr)
{
	uint64_t n = 0;

	for (int i = 0; i < nr; i++)
		if (p[i].kind == EXT_TRACE)
			n += p[i].len;
	return n;
}

int extent_map__check(const struct extent_map *em)
{
	if (em->nr > EXTENT_MAX)
		return -1;
	for (int i = 0; i < em->nr; i++) {
		const struct extent *e = &em->e[i];

		if (!e->len || (uint64_t)e->off + e->len > em->size)
			return -1;
		if (i && em->e[i - 1].off + em->e[i - 1].len > e->off)
			return -1;
		if (i && extent__continues(&em->e[i - 1], e))
			return -1;
	}
	return 0;
}
