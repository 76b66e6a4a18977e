// SPDX-License-Identifier: GPL-2.0
/*
 * t0600-extent: src/model/extent.c, the extent maps that stand for the bytes of an
 * AUX area or of the ETR memory.  No kernel file: these are the model's own
 * data structure, and the rules under test are the ones extent.h states
 * (wrapping, lapping writes keep the last size bytes, splits adjust the
 * stream offset, continuing neighbours merge, never-written bytes read as
 * EXT_ZERO, a full map merges into EXT_UNTRACKED and counts it).
 *
 * Every test holds for both capacities: EXTENT_MAX is 48, or 6 in
 * MODEL_TESTING builds.
 */
#include "fixture.h"

#define SZ 0x1000u

static struct extent T(int cpu, uint32_t slice, uint64_t soff, uint32_t len)
{
	return (struct extent){
		.len = len,
		.kind = EXT_TRACE,
		.cpu = (int8_t)cpu,
		.slice = slice,
		.soff = soff,
	};
}

static struct extent K(enum extent_kind kind, uint32_t len)
{
	return (struct extent){ .len = len, .kind = kind, .cpu = -1 };
}

/* write one piece and assert that the map still holds its invariants */
static void wr1(struct extent_map *em, uint64_t at, struct extent p,
		const char *what)
{
	extent_map__write(em, at, &p, 1, p.len);
	is_int(extent_map__check(em), 0, "%s: extent_map__check", what);
}

static int same(const struct extent *e, uint32_t off, uint32_t len, int kind,
		int cpu, uint32_t slice, uint64_t soff)
{
	return e->off == off && e->len == len && e->kind == kind &&
	       e->cpu == cpu && e->slice == slice && e->soff == soff;
}

static void show(const char *what, const struct extent *e, int n)
{
	for (int i = 0; i < n; i++)
		diag("  %s[%d]: off %#x len %#x kind %d cpu %d slice %u "
		     "soff %#llx",
		     what, i, e[i].off, e[i].len, e[i].kind, e[i].cpu,
		     e[i].slice, (unsigned long long)e[i].soff);
}

#define is_ext(e, off, len, kind, cpu, slice, soff, ...)                  \
	do {                                                              \
		if (!ok(same((e), (off), (len), (kind), (cpu), (slice),   \
			     (soff)),                                     \
			__VA_ARGS__))                                     \
			show("got", (e), 1);                              \
	} while (0)

static void test_init(void)
{
	struct extent_map em;
	struct extent p[EXTENT_PIECES_MAX];
	int n;

	extent_map__init(&em, SZ);
	ok(em.size == SZ && em.nr == 0 && em.merges == 0,
	   "init: size set, empty, no merges");
	is_int(extent_map__check(&em), 0, "init: extent_map__check");
	n = extent_map__read(&em, 0, SZ, p, EXTENT_PIECES_MAX);
	is_int(n, 1, "read of a fresh map: one piece");
	is_ext(&p[0], 0, SZ, EXT_ZERO, -1, 0, 0,
	       "read of a fresh map: all EXT_ZERO");
	ok(!extent_map__written(&em, 0, SZ), "fresh map: nothing written");

	/* a zero-sized map ignores writes and reads nothing */
	extent_map__init(&em, 0);
	wr1(&em, 0, T(0, 1, 0, 0x10), "size 0 map");
	is_int(em.nr, 0, "write to a size 0 map: no extent");
	is_int(extent_map__read(&em, 0, 0x10, p, EXTENT_PIECES_MAX), 0,
	       "read of a size 0 map: no piece");

	/* a zero-length write or read does nothing */
	extent_map__init(&em, SZ);
	extent_map__write(&em, 0x100, NULL, 0, 0);
	is_int(em.nr, 0, "write len 0: no extent");
	is_int(extent_map__read(&em, 0x100, 0, p, EXTENT_PIECES_MAX), 0,
	       "read len 0: no piece");
}

static void test_write_flat(void)
{
	struct extent_map em;
	struct extent p[EXTENT_PIECES_MAX];
	int n;

	extent_map__init(&em, SZ);
	wr1(&em, 0x100, T(1, 7, 0x5000, 0x200), "flat write");
	is_int(em.nr, 1, "flat write: one extent");
	is_ext(&em.e[0], 0x100, 0x200, EXT_TRACE, 1, 7, 0x5000,
	       "flat write: [0x100, 0x300) = cpu1 slice 7 stream 0x5000");

	n = extent_map__read(&em, 0, SZ, p, EXTENT_PIECES_MAX);
	is_int(n, 3, "read whole map: zero, trace, zero");
	is_ext(&p[0], 0, 0x100, EXT_ZERO, -1, 0, 0, "read: leading gap");
	is_ext(&p[1], 0x100, 0x200, EXT_TRACE, 1, 7, 0x5000, "read: data");
	is_ext(&p[2], 0x300, 0xd00, EXT_ZERO, -1, 0, 0, "read: trailing gap");

	ok(!extent_map__written(&em, 0, 0x100), "written: [0, 0x100) no");
	ok(extent_map__written(&em, 0xff, 0x101), "written: [0xff, 0x101) yes");
	ok(extent_map__written(&em, 0x2ff, 0x300), "written: last byte yes");
	ok(!extent_map__written(&em, 0x300, SZ), "written: [0x300, end) no");
	ok(!extent_map__written(&em, 0x100, 0x100), "written: empty range no");

	/* @at is taken modulo the size */
	extent_map__init(&em, SZ);
	wr1(&em, 3 * (uint64_t)SZ + 0x40, T(2, 1, 0, 0x10), "at > size");
	is_ext(&em.e[0], 0x40, 0x10, EXT_TRACE, 2, 1, 0,
	       "write at 3 * size + 0x40 lands at 0x40");
}

static void test_write_wrap(void)
{
	struct extent_map em;
	struct extent p[EXTENT_PIECES_MAX];
	int n;

	extent_map__init(&em, SZ);
	wr1(&em, 0xf00, T(3, 2, 0x100, 0x200), "wrapping write");
	is_int(em.nr, 2, "wrapping write: two extents");
	is_ext(&em.e[0], 0, 0x100, EXT_TRACE, 3, 2, 0x200,
	       "wrap: the second half at the start, stream + 0x100");
	is_ext(&em.e[1], 0xf00, 0x100, EXT_TRACE, 3, 2, 0x100,
	       "wrap: the first half at the end");

	n = extent_map__read(&em, 0xf00, 0x200, p, EXTENT_PIECES_MAX);
	is_int(n, 2, "wrapping read: two pieces");
	is_ext(&p[0], 0, 0x100, EXT_TRACE, 3, 2, 0x100,
	       "wrapping read: window order, first the end of the map");
	is_ext(&p[1], 0x100, 0x100, EXT_TRACE, 3, 2, 0x200,
	       "wrapping read: then the start, at window offset 0x100");
	is_u64(extent__trace_bytes(p, n), 0x200,
	       "wrapping read: all 0x200 bytes are trace");

	/* exactly the size, starting mid-map: wraps, no lapping */
	extent_map__init(&em, SZ);
	wr1(&em, 0x800, T(0, 1, 0, SZ), "write of exactly size");
	is_int(em.nr, 2, "write of exactly size at 0x800: two extents");
	is_ext(&em.e[0], 0, 0x800, EXT_TRACE, 0, 1, 0x800,
	       "exact size: [0, 0x800) holds stream 0x800");
	is_ext(&em.e[1], 0x800, 0x800, EXT_TRACE, 0, 1, 0,
	       "exact size: [0x800, end) holds stream 0");
}

static void test_write_lap(void)
{
	struct extent_map em;
	struct extent src[3], p[EXTENT_PIECES_MAX];
	int n;

	/* one piece of 0x2800 at 0x300: the last 0x1000 bytes (stream
	 * 0x1800..0x2800) stay, ending at (0x300 + 0x2800) mod 0x1000, which
	 * is 0xb00 */
	extent_map__init(&em, SZ);
	wr1(&em, 0x300, T(1, 4, 0, 0x2800), "lapping write");
	is_int(em.nr, 2, "lapping write: two extents");
	is_ext(&em.e[0], 0, 0xb00, EXT_TRACE, 1, 4, 0x1d00,
	       "lap: [0, 0xb00) = stream 0x1d00 (newest, ends at 0xb00)");
	is_ext(&em.e[1], 0xb00, 0x500, EXT_TRACE, 1, 4, 0x1800,
	       "lap: [0xb00, end) = stream 0x1800 (oldest survivor)");
	n = extent_map__read(&em, 0xb00, SZ, p, EXTENT_PIECES_MAX);
	ok(n == 2 && p[0].soff == 0x1800 && p[1].soff == 0x1d00 &&
		   p[1].soff + p[1].len == 0x2800,
	   "lap: read from the end position gives stream order 0x1800..0x2800");

	/* several pieces, 0x1c00 at 0: the first 0xc00 bytes are dropped,
	 * which is all of A and 0x400 of B */
	src[0] = T(0, 1, 0x10000, 0x800);
	src[1] = T(1, 2, 0x20000, 0x1000);
	src[2] = T(2, 3, 0x30000, 0x400);
	extent_map__init(&em, SZ);
	extent_map__write(&em, 0, src, 3, 0x1c00);
	is_int(extent_map__check(&em), 0, "lap, three pieces: check");
	is_int(em.nr, 3, "lap, three pieces: three extents");
	is_ext(&em.e[0], 0, 0x800, EXT_TRACE, 1, 2, 0x20800,
	       "lap: the rest of B wraps to the start");
	is_ext(&em.e[1], 0x800, 0x400, EXT_TRACE, 2, 3, 0x30000,
	       "lap: C after it, ending at 0x1c00 mod 0x1000 = 0xc00");
	is_ext(&em.e[2], 0xc00, 0x400, EXT_TRACE, 1, 2, 0x20400,
	       "lap: B from its byte 0x400 at 0xc00, the oldest survivor");
	ok(em.e[0].cpu != 0 && em.e[1].cpu != 0 && em.e[2].cpu != 0,
	   "lap: nothing of A is left");

	/* exactly twice the size: ends where it started */
	extent_map__init(&em, SZ);
	wr1(&em, 0x200, T(5, 9, 0, 2 * SZ), "lap of 2 * size");
	is_int(em.nr, 2, "lap of 2 * size: two extents");
	is_ext(&em.e[1], 0x200, 0xe00, EXT_TRACE, 5, 9, SZ,
	       "lap of 2 * size: oldest survivor starts at 0x200, stream size");
}

static void test_overwrite(void)
{
	struct extent_map em;
	struct extent src[2], p[EXTENT_PIECES_MAX];
	int n;

	/* a barrier in the middle of one extent splits it */
	extent_map__init(&em, SZ);
	wr1(&em, 0, T(0, 1, 0x10000, SZ), "fill");
	wr1(&em, 0x400, K(EXT_BARRIER, 16), "barrier in the middle");
	is_int(em.nr, 3, "split: three extents");
	is_ext(&em.e[0], 0, 0x400, EXT_TRACE, 0, 1, 0x10000,
	       "split: head part keeps its stream offset");
	is_ext(&em.e[1], 0x400, 16, EXT_BARRIER, -1, 0, 0,
	       "split: the barrier in between");
	is_ext(&em.e[2], 0x410, 0xbf0, EXT_TRACE, 0, 1, 0x10410,
	       "split: tail part, soff advanced by 0x410");

	/* a write over the end of one extent and the start of the next */
	extent_map__init(&em, SZ);
	wr1(&em, 0, T(0, 1, 0x100, 0x800), "A");
	wr1(&em, 0x800, T(1, 2, 0x900, 0x800), "B");
	wr1(&em, 0x600, T(2, 3, 0, 0x400), "C over A and B");
	is_int(em.nr, 3, "cut both: three extents");
	is_ext(&em.e[0], 0, 0x600, EXT_TRACE, 0, 1, 0x100, "cut both: A cut");
	is_ext(&em.e[1], 0x600, 0x400, EXT_TRACE, 2, 3, 0, "cut both: C");
	is_ext(&em.e[2], 0xa00, 0x600, EXT_TRACE, 1, 2, 0xb00,
	       "cut both: B cut at 0xa00, soff + 0x200");

	/* an exact cover replaces the extent */
	wr1(&em, 0x600, T(4, 4, 0x40, 0x400), "D over C exactly");
	is_int(em.nr, 3, "exact cover: still three extents");
	is_ext(&em.e[1], 0x600, 0x400, EXT_TRACE, 4, 4, 0x40,
	       "exact cover: D replaced C");

	/* writing never-written bytes (EXT_ZERO pieces, as a copy of a hole
	 * carries) clears what was there */
	extent_map__init(&em, SZ);
	wr1(&em, 0, T(0, 1, 0, SZ), "fill");
	src[0] = K(EXT_ZERO, 0x100);
	src[1] = T(3, 1, 0x7000, 0x100);
	extent_map__write(&em, 0x200, src, 2, 0x200);
	is_int(extent_map__check(&em), 0, "zero piece: check");
	ok(!extent_map__written(&em, 0x200, 0x300),
	   "a copied hole leaves [0x200, 0x300) unwritten");
	n = extent_map__read(&em, 0, SZ, p, EXTENT_PIECES_MAX);
	ok(n == 4 && p[1].kind == EXT_ZERO && p[1].off == 0x200 &&
		   p[1].len == 0x100 && p[2].soff == 0x7000 &&
		   p[3].soff == 0x400,
	   "a copied hole: trace, zero, new trace, old trace from 0x400");
}

static void test_merge(void)
{
	struct extent_map em;
	struct extent src[2];

	extent_map__init(&em, SZ);
	wr1(&em, 0x200, T(2, 3, 0x500, 0x100), "first");
	wr1(&em, 0x300, T(2, 3, 0x600, 0x80), "continuing");
	is_int(em.nr, 1, "continuing write merges");
	is_ext(&em.e[0], 0x200, 0x180, EXT_TRACE, 2, 3, 0x500,
	       "merged: [0x200, 0x380) from stream 0x500");

	wr1(&em, 0x380, T(2, 3, 0x700, 0x10), "stream jump");
	is_int(em.nr, 2, "a stream jump does not merge");
	wr1(&em, 0x390, T(2, 4, 0x690, 0x10), "other slice");
	is_int(em.nr, 3, "another slice does not merge");
	wr1(&em, 0x3a0, T(1, 4, 0x6a0, 0x10), "other cpu");
	is_int(em.nr, 4, "another cpu does not merge");

	/* a new extent that continues into the existing one after it */
	extent_map__init(&em, SZ);
	wr1(&em, 0x100, T(1, 1, 0x1100, 0x100), "later part");
	wr1(&em, 0, T(1, 1, 0x1000, 0x100), "earlier part");
	is_int(em.nr, 1, "a write continuing into its successor merges");
	is_ext(&em.e[0], 0, 0x200, EXT_TRACE, 1, 1, 0x1000,
	       "merged forward: [0, 0x200) from stream 0x1000");

	/* filling the hole between two parts of one stream */
	extent_map__init(&em, SZ);
	wr1(&em, 0, T(0, 2, 0, 0x100), "A");
	wr1(&em, 0x200, T(0, 2, 0x200, 0x100), "C");
	wr1(&em, 0x100, T(0, 2, 0x100, 0x100), "B between");
	is_int(em.nr, 1, "filling the hole merges all three");
	is_int(em.e[0].len, 0x300, "filled: one extent of 0x300");

	/* barriers never merge, untracked bytes always do */
	extent_map__init(&em, SZ);
	wr1(&em, 0, K(EXT_BARRIER, 16), "barrier");
	wr1(&em, 16, K(EXT_BARRIER, 16), "barrier after barrier");
	is_int(em.nr, 2, "touching barriers stay two extents");
	src[0] = K(EXT_UNTRACKED, 0x20);
	src[1] = K(EXT_UNTRACKED, 0x30);
	extent_map__write(&em, 0x100, src, 2, 0x50);
	is_int(extent_map__check(&em), 0, "untracked pair: check");
	is_int(em.nr, 3, "touching untracked pieces become one extent");
	is_ext(&em.e[2], 0x100, 0x50, EXT_UNTRACKED, -1, 0, 0,
	       "untracked: [0x100, 0x150)");
}

static void test_read_gaps(void)
{
	struct extent_map em;
	struct extent p[EXTENT_PIECES_MAX];
	int n;

	extent_map__init(&em, SZ);
	wr1(&em, 0x100, T(0, 1, 0, 0x100), "A");
	wr1(&em, 0x800, T(1, 1, 0, 0x100), "B");
	n = extent_map__read(&em, 0, SZ, p, EXTENT_PIECES_MAX);
	is_int(n, 5, "gaps: five pieces");
	ok(p[0].kind == EXT_ZERO && p[0].len == 0x100 &&
		   p[2].kind == EXT_ZERO && p[2].off == 0x200 &&
		   p[2].len == 0x600 && p[4].kind == EXT_ZERO &&
		   p[4].off == 0x900 && p[4].len == 0x700,
	   "gaps: zero pieces of 0x100, 0x600 and 0x700 at 0, 0x200, 0x900");
	is_u64(extent__trace_bytes(p, n), 0x200, "gaps: 0x200 trace bytes");

	/* a window that wraps: [0xf80, end) then [0, 0x180) */
	n = extent_map__read(&em, 0xf80, 0x200, p, EXTENT_PIECES_MAX);
	is_int(n, 3, "wrapping gap read: three pieces");
	ok(p[0].kind == EXT_ZERO && p[0].off == 0 && p[0].len == 0x80 &&
		   p[1].kind == EXT_ZERO && p[1].off == 0x80 &&
		   p[1].len == 0x100,
	   "wrapping gap read: zero 0x80 at the end, zero 0x100 at the start");
	is_ext(&p[2], 0x180, 0x80, EXT_TRACE, 0, 1, 0,
	       "wrapping gap read: first 0x80 bytes of A at window 0x180");

	/* a window starting inside an extent */
	n = extent_map__read(&em, 0x180, 0x10, p, EXTENT_PIECES_MAX);
	ok(n == 1, "read inside an extent: one piece");
	is_ext(&p[0], 0, 0x10, EXT_TRACE, 0, 1, 0x80,
	       "read inside an extent: soff advanced by 0x80");

	/* a window longer than the map is the whole map */
	n = extent_map__read(&em, 0x100, 3 * SZ, p, EXTENT_PIECES_MAX);
	ok(n == 5 && p[n - 1].off + p[n - 1].len == SZ,
	   "read longer than the map: clamped to the size");

	/* @max bounds the output */
	is_int(extent_map__read(&em, 0, SZ, p, 2), 2, "read: at most @max");
}

static void test_trace_bytes(void)
{
	struct extent p[4] = {
		T(0, 1, 0, 0x30),
		K(EXT_BARRIER, 16),
		K(EXT_ZERO, 0x100),
		K(EXT_UNTRACKED, 0x40),
	};

	is_u64(extent__trace_bytes(p, 4), 0x30,
	       "trace_bytes: only EXT_TRACE counts");
	is_u64(extent__trace_bytes(p, 0), 0, "trace_bytes: empty list is 0");
}

static uint64_t kind_bytes(const struct extent_map *em, int kind)
{
	uint64_t n = 0;

	for (int i = 0; i < em->nr; i++)
		if (em->e[i].kind == kind)
			n += em->e[i].len;
	return n;
}

static void test_capacity(void)
{
	struct extent_map em;
	int total = 2 * EXTENT_MAX + 3, bad = 0, i;

	/* touching 0x10-byte extents of different slices: nothing merges
	 * until the map is full */
	extent_map__init(&em, SZ);
	for (i = 0; i < EXTENT_MAX; i++) {
		struct extent p = T(0, i + 1, 0x10 * i, 0x10);

		extent_map__write(&em, 0x10 * i, &p, 1, 0x10);
	}
	ok(em.nr == EXTENT_MAX && em.merges == 0,
	   "EXTENT_MAX distinct extents fit, no merge");

	/* one more: the first touching pair with the smallest combined
	 * length (all 0x20: the first) becomes EXT_UNTRACKED */
	wr1(&em, 0x10 * i, T(0, i + 1, 0x10 * i, 0x10), "one over capacity");
	i++;
	is_int(em.nr, EXTENT_MAX, "over capacity: still EXTENT_MAX extents");
	is_int(em.merges, 1, "over capacity: merges counted");
	is_ext(&em.e[0], 0, 0x20, EXT_UNTRACKED, -1, 0, 0,
	       "over capacity: [0, 0x20) is EXT_UNTRACKED");
	is_ext(&em.e[1], 0x20, 0x10, EXT_TRACE, 0, 3, 0x20,
	       "over capacity: slice 3 is still tracked");
	is_ext(&em.e[EXTENT_MAX - 1], 0x10 * EXTENT_MAX, 0x10, EXT_TRACE, 0,
	       EXTENT_MAX + 1, 0x10 * EXTENT_MAX,
	       "over capacity: the newest extent is tracked");

	/* one more: slices 3 and 4 merge, and the new untracked extent
	 * joins the one before it */
	wr1(&em, 0x10 * i, T(0, i + 1, 0x10 * i, 0x10), "two over capacity");
	i++;
	is_int(em.merges, 2, "two over: two merges");
	is_int(em.nr, EXTENT_MAX - 1,
	       "two over: untracked neighbours joined, one slot free");
	is_ext(&em.e[0], 0, 0x40, EXT_UNTRACKED, -1, 0, 0,
	       "two over: [0, 0x40) is one EXT_UNTRACKED extent");

	for (; i < total; i++) {
		struct extent p = T(0, i + 1, 0x10 * i, 0x10);

		extent_map__write(&em, 0x10 * i, &p, 1, 0x10);
		bad += extent_map__check(&em) != 0 || em.nr > EXTENT_MAX;
	}
	is_int(bad, 0, "%d writes: every map checked, never over EXTENT_MAX",
	       total);
	is_u64(kind_bytes(&em, EXT_TRACE) + kind_bytes(&em, EXT_UNTRACKED),
	       0x10 * total, "no byte lost: trace + untracked = written");
	is_int(em.merges, 1 + (total - EXTENT_MAX) / 2,
	       "a merge every second write past capacity");
	is_u64(kind_bytes(&em, EXT_UNTRACKED), 0x10 * (total - em.nr + 1),
	       "untracked holds everything the tracked extents do not");
	is_ext(&em.e[em.nr - 1], 0x10 * (total - 1), 0x10, EXT_TRACE, 0,
	       total, 0x10 * (total - 1), "the newest write is still tracked");

	/* nothing touches: the pair with the smallest span merges, and the
	 * gap between them goes with it */
	extent_map__init(&em, 0x10000);
	for (i = 0; i <= EXTENT_MAX; i++) {
		uint32_t at = 0x40 * i - (i > EXTENT_MAX / 2 ? 0x18 : 0);
		struct extent p = T(1, i + 1, at, 0x10);

		extent_map__write(&em, at, &p, 1, 0x10);
	}
	is_int(extent_map__check(&em), 0, "gapped overflow: check");
	is_int(em.merges, 1, "gapped overflow: one merge");
	is_int(em.nr, EXTENT_MAX, "gapped overflow: EXTENT_MAX extents");
	is_ext(&em.e[EXTENT_MAX / 2], 0x40 * (EXTENT_MAX / 2), 0x38,
	       EXT_UNTRACKED, -1, 0, 0,
	       "gapped overflow: the closest pair and its 0x18 gap merge");
}

static void test_check(void)
{
	struct extent_map em;

	extent_map__init(&em, SZ);
	em.nr = 2;
	em.e[0] = T(0, 1, 0, 0x100);
	em.e[1] = T(0, 2, 0, 0x100);
	em.e[1].off = 0x100;
	is_int(extent_map__check(&em), 0, "check: a good map passes");
	em.e[1].off = 0x80;
	is_int(extent_map__check(&em), -1, "check: overlap fails");
	em.e[1].off = 0x100;
	em.e[1].len = 0;
	is_int(extent_map__check(&em), -1, "check: zero length fails");
	em.e[1].len = 0xf01;
	is_int(extent_map__check(&em), -1, "check: past the size fails");
	em.e[1].len = 0x100;
	em.e[1].slice = 1;
	em.e[1].soff = 0x100;
	is_int(extent_map__check(&em), -1,
	       "check: unmerged continuing neighbours fail");
	em.e[1].slice = 2;
	em.nr = EXTENT_MAX + 1;
	is_int(extent_map__check(&em), -1, "check: nr > EXTENT_MAX fails");
}

int main(void)
{
	diag("EXTENT_MAX = %d", EXTENT_MAX);
	test_init();
	test_write_flat();
	test_write_wrap();
	test_write_lap();
	test_overwrite();
	test_merge();
	test_read_gaps();
	test_trace_bytes();
	test_capacity();
	test_check();
	return done_testing();
}
