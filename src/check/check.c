// SPDX-License-Identifier: GPL-2.0
/*
 * check.c - the model checker (check.h).
 */
#include <errno.h>
#include <sched.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check/check-internal.h"
#include "lib/interrupt.h"
#include "lib/wrap.h"
#include "output/report.h"

#define MC_TABLE_FIRST (1u << 16) /* slots, before mc_table_grow() */
/*
 * What a step touches, for partial-order reduction: bit c for CPU c's
 * per-CPU state (its events, contexts, PMU and trace unit, and the ring
 * buffers only its events write), FP_SINK for a sink all CPUs share (the
 * ETR behind cs_etm: tmc_enable_etr_sink_perf() counts CPUs in), FP_ALL
 * for anything wider (the tool, tasks, task contexts).  Two steps whose
 * footprints are disjoint commute; steps of the same budget commute only
 * while the budget has room for both (mc_indep()).
 */
#define FP_SINK (1ull << 62)
#define FP_ALL (~0ull)

/* the bytes of block @blk in the state: 64 but for a short last one */
#define MC_TAIL_BYTES (sizeof(struct aux_state) % MC_BLOCK_BYTES)
static inline size_t mc_blk_len(size_t blk)
{
	return MC_TAIL_BYTES && blk == MC_NR_BLOCKS - 1 ? MC_TAIL_BYTES :
							 MC_BLOCK_BYTES;
}

/* a 64-byte block of the state */
struct mc_blk {
	uint64_t w[MC_BLOCK_WORDS];
};

/*
 * A successor mc_dfs() generated and has not visited yet: its step, its
 * bounds used, its hash and table key, and the blocks its step changed
 * (mc->ch_*[first, first + n)).  Its state is mc->cur with those blocks
 * swapped in.
 */
struct mc_succ {
	uint64_t key;
	uint64_t hash;
	uint32_t first;
	uint16_t n;
	uint16_t i; /* mc->alpha[i] */
	uint8_t used[NR_BUDGETS];
	/* a terminal successor (step__terminal()): checked when generated,
	 * no blocks kept; the invariant it violates (-1: none) */
	bool terminal;
	int8_t inv, inv_cpu;
};

/* ---- hashing and the visited table ---- */

/*
 * The state hash: the XOR over the state's 64-byte blocks of a hash of
 * the block and its index.  A step changes a few blocks of a 6 KiB state,
 * so a successor's hash is its parent's with the changed blocks' terms
 * swapped (mc_block_hash_update()): one compare of the two states instead
 * of hashing all of it.
 *
 * The block hash is six AES encryption rounds (FIPS-197: SubBytes,
 * ShiftRows, MixColumns, AddRoundKey) over a 16-byte state: the block's
 * first lane whitened, its other three lanes as the first three round
 * keys, then the index and two constants, the 128-bit result folded to 64
 * bits.  Every key is applied after a round, so two blocks that differ
 * anywhere differ in the 128-bit result (each round is a permutation for a
 * given key), and the last lane still passes three rounds.  With AES-NI
 * (checked once, at run time) a round is one instruction; elsewhere
 * mc_aesenc() computes the same round, so a search visits the same states
 * on every machine.  It replaced a multiply-xorshift hash with eleven
 * 64-bit multiplies a block: c001 and s001 searches 6-8% faster.
 */

static inline uint64_t mc_fmix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ull;
	h ^= h >> 33;
	return h;
}

/* the round constants: whitening, then the two after the index */
#define MC_K0_LO 0x0a4093822299f31dull
#define MC_K0_HI 0x13198a2e03707344ull
#define MC_K1_LO 0x452821e638d01377ull
#define MC_K1_HI 0x082efa98ec4e6c89ull
#define MC_K2_LO 0x1bd1310ba698dfb5ull
#define MC_K2_HI 0x3f84d5b5b5470917ull
#define MC_IDX_LO(idx) ((idx) ^ 0x243f6a8885a308d3ull)
#define MC_IDX_HI(idx) (((idx) + 1) * 0xd6e8feb86659fd93ull)

static uint8_t mc_sbox[256]; /* the AES S-box, mc_hash_init() */

static uint8_t mc_gf_mul(uint8_t a, uint8_t b) /* in GF(2^8), AES's */
{
	uint8_t p = 0;

	while (b) {
		if (b & 1)
			p ^= a;
		a = (uint8_t)(a << 1 ^ (a & 0x80 ? 0x1b : 0));
		b >>= 1;
	}
	return p;
}

/* the S-box: the inverse in GF(2^8) (0 for 0), then the affine map */
static void mc_sbox_init(void)
{
	for (int x = 0; x < 256; x++) {
		uint8_t inv = 0, b;

		for (int y = 1; y < 256 && x; y++)
			if (mc_gf_mul((uint8_t)x, (uint8_t)y) == 1) {
				inv = (uint8_t)y;
				break;
			}
		b = inv;
		for (int k = 1; k < 5; k++)
			b ^= (uint8_t)(inv << k | inv >> (8 - k));
		mc_sbox[x] = b ^ 0x63;
	}
}

/* one AES encryption round on @st (byte i of the 128-bit value: row i % 4,
 * column i / 4, as AESENC takes it), round key @rk0 (low) @rk1 (high) */
static void mc_aesenc(uint8_t st[16], uint64_t rk0, uint64_t rk1)
{
	uint8_t t[16];

	for (int i = 0; i < 16; i++) /* SubBytes, ShiftRows */
		t[i] = mc_sbox[st[(i % 4) + 4 * ((i / 4 + i % 4) % 4)]];
	for (int c = 0; c < 4; c++) { /* MixColumns */
		uint8_t *a = t + 4 * c, *r = st + 4 * c;

		r[0] = (uint8_t)(mc_gf_mul(a[0], 2) ^ mc_gf_mul(a[1], 3) ^
				 a[2] ^ a[3]);
		r[1] = (uint8_t)(a[0] ^ mc_gf_mul(a[1], 2) ^
				 mc_gf_mul(a[2], 3) ^ a[3]);
		r[2] = (uint8_t)(a[0] ^ a[1] ^ mc_gf_mul(a[2], 2) ^
				 mc_gf_mul(a[3], 3));
		r[3] = (uint8_t)(mc_gf_mul(a[0], 3) ^ a[1] ^ a[2] ^
				 mc_gf_mul(a[3], 2));
	}
	for (int i = 0; i < 8; i++) { /* AddRoundKey */
		st[i] ^= (uint8_t)(rk0 >> 8 * i);
		st[8 + i] ^= (uint8_t)(rk1 >> 8 * i);
	}
}

static uint64_t mc_le64(const uint8_t *p)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

/* the block hash in C, byte for byte what mc_block_hash_aesni() does */
static uint64_t mc_block_hash_soft(const uint64_t *w, uint64_t idx)
{
	uint8_t st[16];
	uint64_t lo = w[0] ^ MC_K0_LO, hi = w[1] ^ MC_K0_HI;

	for (int i = 0; i < 8; i++) {
		st[i] = (uint8_t)(lo >> 8 * i);
		st[8 + i] = (uint8_t)(hi >> 8 * i);
	}
	mc_aesenc(st, w[2], w[3]);
	mc_aesenc(st, w[4], w[5]);
	mc_aesenc(st, w[6], w[7]);
	mc_aesenc(st, MC_IDX_LO(idx), MC_IDX_HI(idx));
	mc_aesenc(st, MC_K1_LO, MC_K1_HI);
	mc_aesenc(st, MC_K2_LO, MC_K2_HI);
	return mc_le64(st) ^ mc_le64(st + 8);
}

/* the block hash in use (mc_hash_init()) */
static uint64_t (*mc_block_hash)(const uint64_t *, uint64_t) =
	mc_block_hash_soft;

/* block @b of @s, the last one padded with zeroes */
static inline const uint64_t *mc_block(const struct aux_state *s, size_t b,
				       uint64_t *pad)
{
	const uint64_t *w = (const uint64_t *)(const void *)s;
	size_t first = b * MC_BLOCK_WORDS;

	if (first + MC_BLOCK_WORDS <= MC_STATE_WORDS)
		return w + first;
	memset(pad, 0, MC_BLOCK_WORDS * 8);
	memcpy(pad, w + first, (MC_STATE_WORDS - first) * 8);
	return pad;
}

/* @s's hash, and each block's term of it into @bh (if not NULL) */
static uint64_t mc_block_hash_all(const struct aux_state *s, uint64_t *bh)
{
	uint64_t h = 0, pad[MC_BLOCK_WORDS];

	for (size_t b = 0; b < MC_NR_BLOCKS; b++) {
		uint64_t t = mc_block_hash(mc_block(s, b, pad), b);

		if (bh)
			bh[b] = t;
		h ^= t;
	}
	return h;
}

/*
 * The full blocks of run [@first, @first + @n) that differ between @a and
 * @b, appended to @changed.  On x86-64 with AVX2 (checked once, at run
 * time) two 32-byte compares a block; elsewhere what the compiler makes of
 * eight 64-bit words.
 */
static int mc_diff_run_generic(const uint64_t *a, const uint64_t *b,
			       size_t first, size_t n, uint16_t *changed)
{
	int k = 0;

	for (size_t blk = first; blk < first + n; blk++) {
		const uint64_t *x = a + blk * MC_BLOCK_WORDS;
		const uint64_t *y = b + blk * MC_BLOCK_WORDS;
		uint64_t d = 0;

		for (int i = 0; i < MC_BLOCK_WORDS; i++)
			d |= x[i] ^ y[i];
		if (d)
			changed[k++] = (uint16_t)blk;
	}
	return k;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>

__attribute__((target("avx2"))) static int
mc_diff_run_avx2(const uint64_t *a, const uint64_t *b, size_t first, size_t n,
		 uint16_t *changed)
{
	int k = 0;

	for (size_t blk = first; blk < first + n; blk++) {
		const __m256i *x = (const __m256i *)(const void *)(a + blk *
						      MC_BLOCK_WORDS);
		const __m256i *y = (const __m256i *)(const void *)(b + blk *
						      MC_BLOCK_WORDS);
		__m256i d = _mm256_xor_si256(_mm256_loadu_si256(x),
					     _mm256_loadu_si256(y));

#if MC_BLOCK_WORDS == 8
		d = _mm256_or_si256(d, _mm256_xor_si256(_mm256_loadu_si256(x + 1),
							_mm256_loadu_si256(y + 1)));
#endif
		if (!_mm256_testz_si256(d, d))
			changed[k++] = (uint16_t)blk;
	}
	return k;
}

static int (*mc_diff_run)(const uint64_t *, const uint64_t *, size_t, size_t,
			  uint16_t *);

static void mc_diff_init(void)
{
	__builtin_cpu_init();
	mc_diff_run = __builtin_cpu_supports("avx2") ? mc_diff_run_avx2 :
						       mc_diff_run_generic;
}
#else
#define mc_diff_run mc_diff_run_generic
static void mc_diff_init(void)
{
}
#endif

/*
 * The hash of @to given @h, that of a state whose block terms are
 * @from_bh and which differs from @to in the @n blocks @changed: their
 * new terms into @new_bh.
 */
static inline __attribute__((always_inline)) uint64_t
mc_rehash_with(uint64_t (*bh)(const uint64_t *, uint64_t), uint64_t h,
	       const uint64_t *from_bh, const struct aux_state *to,
	       const uint16_t *changed, int n, uint64_t *new_bh)
{
	uint64_t pb[MC_BLOCK_WORDS];

	for (int i = 0; i < n; i++) {
		size_t blk = changed[i];

		new_bh[i] = bh(mc_block(to, blk, pb), blk);
		h ^= from_bh[blk] ^ new_bh[i];
	}
	return h;
}

static uint64_t mc_rehash_soft(uint64_t h, const uint64_t *from_bh,
			       const struct aux_state *to,
			       const uint16_t *changed, int n, uint64_t *new_bh)
{
	return mc_rehash_with(mc_block_hash_soft, h, from_bh, to, changed, n,
			      new_bh);
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <wmmintrin.h>

__attribute__((target("aes,sse4.1"))) static inline uint64_t
mc_block_hash_aesni(const uint64_t *w, uint64_t idx)
{
	const __m128i *l = (const __m128i *)(const void *)w;
	__m128i h = _mm_xor_si128(_mm_loadu_si128(l),
				  _mm_set_epi64x((long long)MC_K0_HI,
						 (long long)MC_K0_LO));

	h = _mm_aesenc_si128(h, _mm_loadu_si128(l + 1));
	h = _mm_aesenc_si128(h, _mm_loadu_si128(l + 2));
	h = _mm_aesenc_si128(h, _mm_loadu_si128(l + 3));
	h = _mm_aesenc_si128(h, _mm_set_epi64x((long long)MC_IDX_HI(idx),
					       (long long)MC_IDX_LO(idx)));
	h = _mm_aesenc_si128(h, _mm_set_epi64x((long long)MC_K1_HI,
					       (long long)MC_K1_LO));
	h = _mm_aesenc_si128(h, _mm_set_epi64x((long long)MC_K2_HI,
					       (long long)MC_K2_LO));
	return (uint64_t)_mm_cvtsi128_si64(h) ^
	       (uint64_t)_mm_extract_epi64(h, 1);
}

__attribute__((target("aes,sse4.1"))) static uint64_t
mc_rehash_aesni(uint64_t h, const uint64_t *from_bh,
		const struct aux_state *to, const uint16_t *changed, int n,
		uint64_t *new_bh)
{
	/* the block hash inlined: AES-NI is this function's target */
	return mc_rehash_with(mc_block_hash_aesni, h, from_bh, to, changed, n,
			      new_bh);
}
#endif

static uint64_t (*mc_rehash)(uint64_t, const uint64_t *,
			     const struct aux_state *, const uint16_t *, int,
			     uint64_t *) = mc_rehash_soft;

/* the S-box; AES-NI where the CPU has it (MODEL_TESTING builds check it
 * against the C rounds first) */
static void mc_hash_init(void)
{
	if (mc_sbox[0] == 0x63)
		return;
	mc_sbox_init();
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
	__builtin_cpu_init();
	if (__builtin_cpu_supports("aes") && __builtin_cpu_supports("sse4.1") &&
	    !getenv("AUXSIM_NO_AESNI")) {
#if defined(MODEL_TESTING)
		uint64_t x = 0x9e3779b97f4a7c15ull, w[MC_BLOCK_WORDS];

		for (int k = 0; k < 4096; k++) {
			for (int i = 0; i < MC_BLOCK_WORDS; i++) {
				x = mc_fmix(x + (uint64_t)k * 31 + (uint64_t)i);
				w[i] = k % 3 ? x : x & 0xff; /* sparse, too */
			}
			if (mc_block_hash_aesni(w, (uint64_t)k) !=
			    mc_block_hash_soft(w, (uint64_t)k)) {
				fprintf(stderr, "auxsim-check: internal error: "
						"AES-NI and C block hashes "
						"differ\n");
				abort();
			}
		}
#endif
		mc_rehash = mc_rehash_aesni;
		mc_block_hash = mc_block_hash_aesni;
	}
#endif
}

/* the hash of @to, given @from with its hash @h and block terms @from_bh:
 * only live blocks differ; those that do into @changed (*@nchanged of
 * them), their new terms into @new_bh */
static uint64_t mc_block_hash_update(const struct mc *mc, uint64_t h,
				     const uint64_t *from_bh,
				     const struct aux_state *from,
				     const struct aux_state *to,
				     uint16_t *changed, uint64_t *new_bh,
				     int *nchanged)
{
	const uint64_t *a = (const uint64_t *)(const void *)from;
	const uint64_t *b = (const uint64_t *)(const void *)to;
	uint64_t pa[MC_BLOCK_WORDS], pb[MC_BLOCK_WORDS];

	int n = 0;

	for (int r = 0; r < mc->nr_live_runs; r++) {
		size_t first = mc->live_first[r], len = mc->live_len[r];

		if ((first + len) * MC_BLOCK_WORDS > MC_STATE_WORDS) {
			/* the last, partial block */
			const uint64_t *x = mc_block(from, first + len - 1, pa);
			const uint64_t *y = mc_block(to, first + len - 1, pb);

			if (memcmp(x, y, MC_BLOCK_WORDS * 8))
				changed[n++] = (uint16_t)(first + len - 1);
			len--;
		}
		n += mc_diff_run(a, b, first, len, changed + n);
	}
	h = mc_rehash(h, from_bh, to, changed, n, new_bh);
	*nchanged = n;
	return h;
}

#if defined(MODEL_TESTING)
#define MC_DEAD_CHECK_MASK 0 /* every transition */
#else
#define MC_DEAD_CHECK_MASK 1023
#endif

#if defined(AUXSIM_CHECK)
_Static_assert(sizeof(struct aux_state) % MC_BLOCK_BYTES == 0,
	       "struct aux_state: not whole blocks (model.h: pad_)");
#endif

/* a dead block written: the live set was wrong, and the search with it */
static void mc_check_dead(const struct mc *mc, const struct aux_state *st)
{
	const unsigned char *p = (const unsigned char *)st;
	const unsigned char *q = (const unsigned char *)&mc->root;
	size_t next = 0;

	for (int r = 0; r <= mc->nr_live_runs; r++) {
		size_t end = r < mc->nr_live_runs ?
				     (size_t)mc->live_first[r] * MC_BLOCK_BYTES :
				     sizeof(*st);

		for (size_t i = next; i < end && i < sizeof(*st); i++)
			if (p[i] != q[i]) {
				fprintf(stderr,
					"auxsim-check: internal error: state "
					"byte %zu written outside the "
					"scenario's live blocks\n",
					i);
				abort();
			}
		if (r < mc->nr_live_runs)
			next = (size_t)(mc->live_first[r] + mc->live_len[r]) *
			       MC_BLOCK_BYTES;
	}
}

/*
 * The live blocks: all but those wholly inside array entries past the
 * machine's CPUs (per-CPU arrays) or past the last entry the set-up
 * allocated (events, ring buffers, perf's mmaps, ETM event data, ETR perf
 * buffers: no checker step opens, mmaps or sets up AUX).  ETR buffers and
 * contexts are always live.
 */
static void mc_live_init(struct mc *mc)
{
	unsigned char dead[sizeof(struct aux_state)];
	const struct aux_state *st = &mc->stack[0].s;
	int ncpu = st->nr_cpus;

	memset(dead, 0, sizeof(dead));
#define DEAD_FROM(field, n)                                                  \
	do {                                                                 \
		size_t es = sizeof(st->field[0]);                            \
		size_t cnt = sizeof(st->field) / es;                         \
		if ((size_t)(n) < cnt)                                       \
			memset(dead + offsetof(struct aux_state, field) +    \
				       (size_t)(n) * es,                     \
			       1, (cnt - (size_t)(n)) * es);                 \
	} while (0)
#define LAST_USED(field, out)                                                \
	do {                                                                 \
		out = 0;                                                     \
		for (size_t k = 0; k < sizeof(st->field) / sizeof(st->field[0]); \
		     k++)                                                    \
			if (st->field[k].in_use)                             \
				out = (int)k + 1;                            \
	} while (0)
	{
		int n;

		DEAD_FROM(cpu, ncpu);
		DEAD_FROM(cpuctx, ncpu);
		DEAD_FROM(etm_ctxt, ncpu);
		DEAD_FROM(etm, ncpu);
		DEAD_FROM(spe, ncpu);
		DEAD_FROM(armpmu, ncpu);
		LAST_USED(event, n);
		DEAD_FROM(event, n);
		LAST_USED(rb, n);
		DEAD_FROM(rb, n);
		LAST_USED(mmap, n);
		DEAD_FROM(mmap, n);
		LAST_USED(etm_event_data, n);
		DEAD_FROM(etm_event_data, n);
		LAST_USED(etr_perf, n);
		DEAD_FROM(etr_perf, n);
	}
#undef DEAD_FROM
#undef LAST_USED
	mc->nr_live_runs = 0;
	for (size_t blk = 0; blk < MC_NR_BLOCKS; blk++) {
		size_t off = blk * MC_BLOCK_BYTES, end = off + MC_BLOCK_BYTES;
		bool live = false;

		if (end > sizeof(dead))
			end = sizeof(dead);
		for (size_t i = off; i < end; i++)
			live |= !dead[i];
		if (!live)
			continue;
		if (mc->nr_live_runs &&
		    mc->live_first[mc->nr_live_runs - 1] +
				    mc->live_len[mc->nr_live_runs - 1] ==
			    blk) {
			mc->live_len[mc->nr_live_runs - 1]++;
		} else {
			mc->live_first[mc->nr_live_runs] = (uint16_t)blk;
			mc->live_len[mc->nr_live_runs++] = 1;
		}
	}
}

/* *@dst = *@src, both with the root's dead blocks */
static void mc_copy(const struct mc *mc, struct aux_state *dst,
		    const struct aux_state *src)
{
	char *d = (char *)dst;
	const char *s = (const char *)src;

	for (int r = 0; r < mc->nr_live_runs; r++) {
		size_t off = (size_t)mc->live_first[r] * MC_BLOCK_BYTES;
		size_t len = (size_t)mc->live_len[r] * MC_BLOCK_BYTES;

		if (off + len > sizeof(*dst))
			len = sizeof(*dst) - off;
		memcpy(d + off, s + off, len);
	}
}

/*
 * The checker's abstraction: fields that only count or label (samples,
 * overflows, counted cycles, wakeups, records, slice numbers) never steer
 * the modelled code; zeroing them lets states that differ only there
 * merge.  Time does not pass in the checker, so clocks stay 0.
 */
static void mc_normalize(struct aux_state *s)
{
	for (int i = 0; i < s->nr_event_slots; i++) {
		struct perf_event *e = &s->event[i];

		e->nr_samples = e->nr_overflows = 0;
		e->count = e->freq_count_stamp = 0;
	}
	for (int i = 0; i < MAX_RB; i++) {
		s->rb[i].nr_wakeups = 0;
		s->rb[i].nr_aux_records = 0;
		s->rb[i].nr_truncated = 0;
	}
	for (int i = 0; i < MAX_TASKS; i++)
		if (s->task[i].slice)
			s->task[i].slice = 1;
	s->next_slice = 1;
	s->tool.nr_snapshots = 0;
	s->tool.snapshot_bytes = 0;
}

/*
 * What reaching a stored state (its slot's meta @m) at @depth with sleep
 * set *@sleep in iteration @iter decides, and the slot's new meta *@nm:
 * 1 explore (first time this iteration, or shallower than before); 2 the
 * state was reached as deep with more asleep: explore only *@only, the
 * steps asleep then and awake now, with *@sleep narrowed (Godefroid's
 * "H(s).Sleep \ Sleep"), the slot recording it only at the same depth;
 * 0 nothing to do.
 */
int mc_meta_visit(uint64_t m, int depth, uint8_t iter, uint64_t *sleep,
		  uint64_t *only, uint64_t *nm)
{
	uint64_t todo;

	if (META_ITER(m) != iter || depth < META_DEPTH(m)) {
		*nm = META(depth, iter, *sleep);
		return 1;
	}
	todo = META_SLEEP(m) & ~*sleep;
	*nm = m;
	if (!todo)
		return 0;
	*sleep &= META_SLEEP(m);
	*only = todo;
	if (depth == META_DEPTH(m))
		*nm = META(depth, iter, *sleep);
	return 2;
}

static struct mc_slot *mc_table_alloc(uint64_t slots);
static void mc_table_free(struct mc_slot *t, uint64_t slots);

/*
 * A table at 90% grows fourfold, up to mc->max_slots: a small search does
 * not pay for clearing the memory a large one needs.  Slots keep the whole
 * key, so they move over as they are.  -1: at its largest, or no memory.
 */
static int mc_table_grow(struct mc *mc)
{
	uint64_t n = 4 * (mc->mask + 1);
	struct mc_slot *t;

	if (n > mc->max_slots)
		n = mc->max_slots;
	if (mc->shared || n <= mc->mask + 1)
		return -1;
	t = mc_table_alloc(n);
	if (!t)
		return -1;
	for (uint64_t i = 0; i <= mc->mask; i++) {
		const struct mc_slot *sl = &mc->table[i];
		uint64_t j;

		if (!sl->hash)
			continue;
		for (j = sl->hash & (n - 1); t[j].hash; j = (j + 1) & (n - 1))
			;
		t[j] = *sl;
	}
	mc_table_free(mc->table, mc->mask + 1);
	mc->table = t;
	mc->mask = n - 1;
	return 0;
}

/*
 * 1: explore everything not in @sleep; 2: explore only *@only (the
 * transitions an earlier visit at the same depth left asleep, Godefroid's
 * "H(s).Sleep \ Sleep"), with *@sleep narrowed; 0: nothing to do (seen as
 * shallow or shallower, with no more asleep); -1: table full.  Slots of
 * earlier (shallower) iterations are not cleared: their iteration stamp
 * says they must be expanded again, and every iteration reaches them again.
 */
static int mc_visit(struct mc *mc, uint64_t h, int depth, uint64_t *sleep,
		    uint64_t *only)
{
	uint64_t i = h & mc->mask;
	uint8_t iter = (uint8_t)mc->iter;

	for (uint64_t probe = 0; probe < MC_MAX_PROBE; probe++, i = (i + 1) & mc->mask) {
		struct mc_slot *sl = &mc->table[i];

		if (!sl->hash) {
			if (mc->nr_slots * 10 > (mc->mask + 1) * 9)
				return mc_table_grow(mc) ? -1 :
					mc_visit(mc, h, depth, sleep, only);
			sl->hash = h;
			sl->meta = META(depth, iter, *sleep);
			mc->nr_slots++;
			mc->iter_states++;
			mc->visit_new = true;
			return 1;
		}
		if (sl->hash != h)
			continue;
		mc->iter_states += META_ITER(sl->meta) != iter;
		return mc_meta_visit(sl->meta, depth, iter, sleep, only,
				     &sl->meta);
	}
	return mc_table_grow(mc) ? -1 : mc_visit(mc, h, depth, sleep, only);
}

/* a SIGINT or SIGTERM came (a -j worker's: from its parent, too): the
 * search stops where it is, its counts so far kept */
void mc_interrupted(struct mc *mc)
{
	mc->stop = true;
	if (!mc->res->stats.interrupted)
		mc->res->stats.interrupted = interrupt__signo();
}

/* bitstate: two bits a state; 1: new, 0: (probably) seen */
static int mc_visit_bits(struct mc *mc, uint64_t h)
{
	uint64_t b1 = h & mc->bits_mask;
	uint64_t b2 = ((h >> 29) * 0x9e3779b97f4a7c15ull >> 7) & mc->bits_mask;
	int seen = (mc->bits[b1 >> 3] >> (b1 & 7) & 1) &&
		   (mc->bits[b2 >> 3] >> (b2 & 7) & 1);

	if (seen)
		return 0;
	mc->bits[b1 >> 3] |= (uint8_t)(1u << (b1 & 7));
	mc->bits[b2 >> 3] |= (uint8_t)(1u << (b2 & 7));
	mc->iter_states++;
	mc->visit_new = true;
	return 1;
}

/* ---- steps ---- */

static int budget_of(const struct step *st)
{
	switch (st->kind) {
	case STEP_TICK:
		return B_TICK;
	case STEP_OVERFLOW:
	case STEP_OVERFLOW_BURST:
		return B_OVERFLOW;
	case STEP_SWITCH:
		return B_SCHED;
	case STEP_IOCTL_DISABLE:
	case STEP_IOCTL_ENABLE:
		return B_IOCTL;
	case STEP_SNAPSHOT:
	case STEP_SIGUSR2:
		return B_SNAPSHOT;
	case STEP_SNAPSHOT_READ:
		return B_SNAPSHOT_READ;
	default:
		return B_MUNMAP;
	}
}

/* every step a scenario can take (enabled or not), NMIs last */
static int mc_candidates(const struct aux_model *m, const uint8_t *bound,
			 struct step *out, int max)
{
	const struct perf_tool *tool = &m->s.tool;
	int n = 0, base;

#define ADD(k, c, a)                                                   \
	do {                                                           \
		if (n < max)                                           \
			out[n++] = (struct step){ .kind = (k),         \
						  .cpu = (int8_t)(c),  \
						  .arg = (int8_t)(a),  \
						  .nmi_evsel = -1 };   \
	} while (0)
	for (int c = 0; c < m->s.nr_cpus; c++) {
		if (bound[B_OVERFLOW])
			for (int e = 0; e < tool->nr_evsel; e++)
				ADD(STEP_OVERFLOW, c, e);
		/* bursts, where the throttle is more than two away */
		if (bound[B_OVERFLOW] && m->s.max_samples_per_tick > 2)
			for (int e = 0; e < tool->nr_evsel; e++)
				ADD(STEP_OVERFLOW_BURST, c, e);
		if (bound[B_TICK])
			ADD(STEP_TICK, c, -1);
		if (bound[B_SCHED])
			for (int t = -1; t < MAX_TASKS; t++)
				if (t < 0 || m->s.task[t].in_use)
					ADD(STEP_SWITCH, c, t);
	}
	if (bound[B_IOCTL])
		for (int e = 0; e < tool->nr_evsel; e++)
			if (tool->evsel_leader[e] == e) {
				ADD(STEP_IOCTL_DISABLE, -1, e);
				ADD(STEP_IOCTL_ENABLE, -1, e);
			}
	if (bound[B_SNAPSHOT]) { /* the signal and the read apart */
		ADD(STEP_SIGUSR2, -1, -1);
		ADD(STEP_SNAPSHOT_READ, -1, -1);
	}
	if (bound[B_MUNMAP])
		ADD(STEP_MUNMAP, -1, -1);
	base = n;
	/* the same steps with an NMI of a counter landing inside them */
	if (bound[B_NMI] && m->pmi_nmi)
		for (int i = 0; i < base; i++) {
			if (out[i].kind == STEP_OVERFLOW ||
			    out[i].kind == STEP_OVERFLOW_BURST)
				continue;
			for (int e = 0; e < tool->nr_evsel; e++)
				for (int p = 0; p < NR_IRQ_POINTS; p++)
					if (n < max) {
						out[n] = out[i];
						out[n].nmi_evsel = (int8_t)e;
						out[n].nmi_point = (uint8_t)p;
						n++;
					}
		}
#undef ADD
	return n;
}

#if defined(MODEL_TESTING)
/*
 * A burst the checker ended early (step__overflow_burst()) must leave the
 * state the whole burst leaves: run it again in full from @from and
 * compare the two, abstracted.
 */
static void mc_burst_verify(struct mc *mc, const struct mc_state *from,
			    const struct step *st, int r)
{
	struct aux_model *full = malloc(sizeof(*full));

	if (!full)
		abort();
	*full = mc->work;
	memcpy(&full->s, &from->s, sizeof(full->s));
	full->burst_abstract = NULL;
	if (step__apply(full, st) != r) {
		fprintf(stderr, "auxsim-check: internal error: a burst ended "
				"early fails differently\n");
		abort();
	}
	mc_normalize(&full->s);
	if (memcmp(&full->s, &mc->work.s, sizeof(full->s))) {
		fprintf(stderr, "auxsim-check: internal error: a burst ended "
				"early leaves another state than in full\n");
		abort();
	}
	free(full);
}
#endif

/* apply @st to a copy of @from in mc->work.s, the bounds used into @used;
 * -1 if the step is not enabled, over its bound, or an NMI that did not
 * land (the same state as the step without it).  The copy is made only
 * when mc->work.s is not already one (mc->work_src) and the step is
 * enabled: most steps are not, and the state is 4 KiB. */
static int mc_apply(struct mc *mc, const struct mc_state *from,
		    const struct step *st, uint8_t *used)
{
	struct aux_model *m = &mc->work;
	int b = budget_of(st);

	if (from->used[b] >= mc->bound[b])
		return -1;
	if (st->nmi_evsel >= 0 && from->used[B_NMI] >= mc->bound[B_NMI])
		return -1;
	if (mc->work_src != from) {
		mc_copy(mc, &m->s, &from->s);
		mc->work_src = from;
	}
	if (!step__enabled(m, st))
		return -1;
	mc->work_src = NULL;
#if defined(MODEL_TESTING)
	if (st->kind == STEP_OVERFLOW_BURST) {
		int r = step__apply_enabled(m, st);

		mc_normalize(&m->s);
		mc_burst_verify(mc, from, st, r);
		if (r)
			return -1;
	} else
#endif
	if (step__apply_enabled(m, st))
		return -1;
	if (st->nmi_evsel >= 0 && !m->nmi_landed)
		return -1;
	mc_normalize(&m->s);
	memcpy(used, from->used, NR_BUDGETS);
	used[b]++;
	used[B_NMI] += st->nmi_evsel >= 0;
	return 0;
}

/* the visited table's key: the state's hash and the bounds used */
static uint64_t mc_key(uint64_t state_hash, const uint8_t *used)
{
	uint64_t u, h;

	memcpy(&u, used, sizeof(u));
	h = mc_fmix(state_hash ^ mc_fmix(u ^ 0x5851f42d4c957f2dull));
	return h ? h : 1;
}

static uint64_t mc_state_hash(const struct aux_state *s, const uint8_t *used)
{
	return mc_key(mc_block_hash_all(s, NULL), used);
}

/* apply @st to a copy of @from into @to; -1 if not enabled */
static int mc_successor(struct mc *mc, const struct mc_state *from,
			const struct step *st, struct mc_state *to)
{
	mc->work_src = NULL; /* callers change *from in place */
	if (mc_apply(mc, from, st, to->used))
		return -1;
	to->s = mc->work.s;
	return 0;
}

/* ---- partial-order reduction: footprints and independence ---- */

/*
 * Steps of one CPU touch only that CPU's part of the state when every
 * event is a CPU event (no task context to follow a task across CPUs) and
 * every ring buffer is written from one CPU only; a shared ETR sink adds
 * FP_SINK.  Anything else, and every step of the tool or the scheduler
 * (tasks move), or carrying an NMI, is FP_ALL.
 */
static uint64_t mc_footprint(const struct aux_model *m, const struct step *st)
{
	const struct aux_state *s = &m->s;
	int8_t rb_cpu[MAX_RB];
	uint64_t fp;

	if (st->nmi_evsel >= 0 || st->cpu < 0 ||
	    (st->kind != STEP_TICK && st->kind != STEP_OVERFLOW &&
	     st->kind != STEP_OVERFLOW_BURST))
		return FP_ALL;
	fp = 1ull << st->cpu;
	memset(rb_cpu, -1, sizeof(rb_cpu));
	for (int i = 0; i < MAX_EVENTS; i++) {
		const struct perf_event *e = &s->event[i];

		if (!e->in_use)
			continue;
		if (e->task >= 0 || e->cpu < 0)
			return FP_ALL;
		if (e->rb >= 0) {
			if (rb_cpu[e->rb] >= 0 && rb_cpu[e->rb] != e->cpu)
				return FP_ALL;
			rb_cpu[e->rb] = e->cpu;
		}
		if (e->pmu == PMU_CS_ETM)
			fp |= FP_SINK; /* one ETR for every CPU */
	}
	return fp;
}

/* the sleep-set steps independent of alpha[@i] in a state that has
 * used @used of its bounds */
static uint64_t mc_indep(const struct mc *mc, const uint8_t *used, int i)
{
	int b = mc->alpha_budget[i];
	uint64_t m = mc->indep[i];

	/* two steps of one budget commute only if both fit in it */
	if (used[b] + 2 > mc->bound[b])
		m &= ~mc->same_budget[b];
	return m;
}

static void mc_alphabet(struct mc *mc)
{
	int nsleep;

	mc->nalpha = mc_candidates(&mc->work, mc->bound, mc->alpha,
				   MC_ALPHA_MAX);
	nsleep = mc->nalpha < MC_SLEEP_BITS ? mc->nalpha : MC_SLEEP_BITS;
	for (int i = 0; i < mc->nalpha; i++)
		mc->fp[i] = mc_footprint(&mc->work, &mc->alpha[i]);
	for (int i = 0; i < mc->nalpha; i++) {
		mc->indep[i] = 0;
		for (int j = 0; j < nsleep; j++)
			if (!(mc->fp[i] & mc->fp[j]))
				mc->indep[i] |= 1ull << j;
	}
	for (int j = 0; j < nsleep; j++)
		mc->same_budget[budget_of(&mc->alpha[j])] |= 1ull << j;
	mc->alpha_words = (mc->nalpha + 63) / 64;
	for (int i = 0; i < mc->nalpha; i++) {
		mc->alpha_budget[i] = (uint8_t)budget_of(&mc->alpha[i]);
		mc->budget_alpha[budget_of(&mc->alpha[i])][i / 64] |=
			1ull << (i % 64);
		if (mc->alpha[i].nmi_evsel >= 0)
			mc->nmi_alpha[i / 64] |= 1ull << (i % 64);
	}
}

/* ---- depth-first search to mc->limit, with sleep sets ---- */

/* room for one more successor and its changed blocks; -1: no memory */
static int mc_succ_reserve(struct mc *mc)
{
	if (mc->nr_succ == mc->succ_cap) {
		uint32_t cap = mc->succ_cap ? 2 * mc->succ_cap : 1024;
		struct mc_succ *p = realloc(mc->succ, cap * sizeof(*p));

		if (!p)
			return -1;
		mc->succ = p;
		mc->succ_cap = cap;
	}
	if (mc->nr_ch + MC_NR_BLOCKS > mc->ch_cap) {
		uint32_t cap = mc->ch_cap ? 2 * mc->ch_cap : 1u << 14;
		uint16_t *idx = malloc(cap * sizeof(*idx));
		uint64_t *bh = malloc(cap * sizeof(*bh));
		struct mc_blk *data = aligned_alloc(64, cap * sizeof(*data));

		if (!idx || !bh || !data) {
			free(idx);
			free(bh);
			free(data);
			return -1;
		}
		if (mc->nr_ch) {
			memcpy(idx, mc->ch_idx, mc->nr_ch * sizeof(*idx));
			memcpy(bh, mc->ch_bh, mc->nr_ch * sizeof(*bh));
			memcpy(data, mc->ch_data, mc->nr_ch * sizeof(*data));
		}
		free(mc->ch_idx);
		free(mc->ch_bh);
		free(mc->ch_data);
		mc->ch_idx = idx;
		mc->ch_bh = bh;
		mc->ch_data = data;
		mc->ch_cap = cap;
	}
	return 0;
}

static void mc_succ_free(struct mc *mc)
{
	free(mc->succ);
	free(mc->ch_idx);
	free(mc->ch_bh);
	free(mc->ch_data);
	mc->succ = NULL;
	mc->ch_idx = NULL;
	mc->ch_bh = NULL;
	mc->ch_data = NULL;
	mc->nr_succ = mc->succ_cap = mc->nr_ch = mc->ch_cap = 0;
}

/*
 * Make mc->cur successor @sc, its changed blocks and their hash terms
 * exchanged with mc->cur's (which @sc keeps); with @out, make it the
 * parent again from what @sc kept (the successor's own blocks are not
 * needed after it has been explored, and are not kept).  mc->work.s
 * follows, block by block if it equalled mc->cur, else whole.
 */
static void mc_succ_swap(struct mc *mc, const struct mc_succ *sc, bool out)
{
	struct mc_state *cur = &mc->cur;
	char *c = (char *)&cur->s, *w = (char *)&mc->work.s;
	bool follow = mc->work_src == cur;

	for (uint32_t k = sc->first; k < sc->first + sc->n; k++) {
		size_t blk = mc->ch_idx[k], off = blk * MC_BLOCK_BYTES;
		size_t len = mc_blk_len(blk); /* a constant but for a tail */
		struct mc_blk t, *d = &mc->ch_data[k];

		if (!out)
			memcpy(&t, c + off, len);
		memcpy(c + off, d, len);
		if (follow)
			memcpy(w + off, d, len);
		if (out) {
			cur->bh[blk] = mc->ch_bh[k];
			continue;
		}
		memcpy(d, &t, len);
		{
			uint64_t tb = cur->bh[blk];

			cur->bh[blk] = mc->ch_bh[k];
			mc->ch_bh[k] = tb;
		}
	}
	if (!follow) {
		mc_copy(mc, &mc->work.s, &cur->s);
		mc->work_src = cur;
	}
}

/* successor @sc's changed blocks into mc->work.s (mc->cur's, with
 * @back), mc->work.s being mc->cur but for them */
static void mc_succ_work(struct mc *mc, const struct mc_succ *sc, bool back)
{
	char *w = (char *)&mc->work.s;
	const char *c = (const char *)&mc->cur.s;

	for (uint32_t k = sc->first; k < sc->first + sc->n; k++) {
		size_t blk = mc->ch_idx[k], off = blk * MC_BLOCK_BYTES;

		memcpy(w + off, back ? c + off : (const char *)&mc->ch_data[k],
		       mc_blk_len(blk));
	}
}

/* the next set bit of @try, cleared, from word @i / 64 on; -1: none */
static inline int mc_next_try(uint64_t *try, int i)
{
	for (int w = i / 64; w < MC_ALPHA_WORDS; w++)
		if (try[w]) {
			int b = __builtin_ctzll(try[w]);

			try[w] &= try[w] - 1;
			return w * 64 + b;
		}
	return -1;
}

/* invariant @inv broken on @cpu by the step at @depth of mc->path */
static void mc_violation(struct mc *mc, int inv, int cpu, int depth)
{
	struct mc_violation *viol = &mc->res->v;

	viol->invariant = inv;
	viol->cpu = cpu;
	viol->length = depth + 1;
	memcpy(viol->steps, mc->path, (size_t)(depth + 1) * sizeof(mc->path[0]));
	mc->res->violated = true;
	mc->stop = true;
	mc->iter_states--; /* the violating state is not one explored */
}

/*
 * The invariants of a state stored for the first time, mc->cur (and
 * mc->work.s), reached at @depth + 1 from a state whose WARN bits and count
 * were @warned and @nr_warnings.  A state seen before need not be checked
 * again: every invariant but the WARN ones is of the state alone, and a
 * stored state has no WARN bit set that is checked (the step that set it
 * was a violation), so no step into it can be one.  On a violation the
 * search stops: mc->stop makes mc_dfs() return at once.
 */
static void mc_check_new(struct mc *mc, uint32_t warned, uint32_t nr_warnings,
			 int depth)
{
	int cpu, inv = invariant__check_from(&mc->work, warned, nr_warnings,
					     mc->cfg->enabled, &cpu);

	if (inv >= 0)
		mc_violation(mc, inv, cpu, depth);
}

/* the steps asleep in a state entered with @sleep (restricted to @only) */
static uint64_t mc_slept(const struct mc *mc, uint64_t sleep, bool restrict_,
			 uint64_t only)
{
	uint64_t valid = mc->nalpha >= 64 ? ~0ull : (1ull << mc->nalpha) - 1;

	return (uint64_t)__builtin_popcountll(sleep & valid &
					      (restrict_ ? only : ~0ull));
}

/*
 * No-op steps: a step that changes nothing in the state (ioctl(DISABLE) on
 * a disabled event, a tick with nothing to unthrottle) is a transition but
 * not followed.  Its successor would be this state with a bound used up
 * and one step less of depth to go: every path from there is a path from
 * here, within the bounds and the depth.  Nor can it be a violation: the
 * state was checked when stored, and no WARN fired (the count of WARNs is
 * state).  A shortest counterexample never has such a step.  It is not
 * counted as done for sleep sets (a step asleep in a sibling is one that
 * was explored here).
 */

/*
 * Expand mc->cur, at @depth, to mc->limit.  First every enabled step not
 * asleep is applied to mc->work.s: its changed blocks (found against
 * mc->cur) give the successor's hash, its table slot is prefetched, and
 * the blocks are kept (mc->ch_*) before mc->work.s is put back.  Then the
 * successors are visited in step order, and each one the visit says to
 * explore is swapped into mc->cur block by block, checked if it is new
 * (mc_check_new()), explored, and swapped out: no state is copied whole,
 * and the table's cache misses overlap.  Visits, states, sleep sets and
 * counterexamples are those of a search that generates each successor
 * when it visits it: a successor's state does not depend on what was
 * explored before it.
 */
static void mc_dfs(struct mc *mc, int depth, uint64_t sleep, bool restrict_,
		   uint64_t only)
{
	struct mc_state *cur = &mc->cur;
	uint32_t s0 = mc->nr_succ, c0 = mc->nr_ch, ns;
	uint8_t here_used[NR_BUDGETS];
	uint64_t here_hash = cur->hash, done = 0, try[MC_ALPHA_WORDS];
	uint32_t here_warned = cur->s.warned;
	uint32_t here_nr_warnings = cur->s.nr_warnings;
	/* -j: above the split every worker expands every state; worker 0
	 * alone counts what one process would */
	bool count = mc->jobs <= 1 || mc->worker == 0 || depth >= MC_SPLIT_DEPTH;
	bool count_here = count && (mc->jobs <= 1 || mc->worker == 0 ||
				    depth > MC_SPLIT_DEPTH);

	if (depth > mc->res->stats.depth)
		mc->res->stats.depth = depth;
	if (__builtin_expect(interrupt_signo != 0, 0))
		mc_interrupted(mc);
	if (depth >= mc->limit || mc->stop)
		return;
	memcpy(here_used, cur->used, NR_BUDGETS);
	/* the steps to try: those with room in their bounds, not asleep
	 * (sleep sets cover the first MC_SLEEP_BITS), and when restricted
	 * only those in @only; in alphabet order */
	memset(try, 0, sizeof(try));
	for (int b = 0; b < NR_BUDGETS; b++)
		if (here_used[b] < mc->bound[b])
			for (int w = 0; w < mc->alpha_words; w++)
				try[w] |= mc->budget_alpha[b][w];
	if (here_used[B_NMI] >= mc->bound[B_NMI])
		for (int w = 0; w < mc->alpha_words; w++)
			try[w] &= ~mc->nmi_alpha[w];
	if (restrict_) {
		try[0] &= only;
		for (int w = 1; w < mc->alpha_words; w++)
			try[w] = 0;
	}
	if (count_here)
		mc->res->stats.slept += mc_slept(mc, sleep, restrict_, only);
	try[0] &= ~sleep;
	for (int i = mc_next_try(try, 0); i >= 0; i = mc_next_try(try, i)) {
		uint8_t used[NR_BUDGETS];
		struct mc_succ *sc;
		int n = 0;

		if (mc_apply(mc, cur, &mc->alpha[i], used))
			continue;
		/* -j: the successors of the states at MC_SPLIT_DEPTH are
		 * dealt round-robin, in an order every worker sees alike */
		if (mc->jobs > 1 && depth == MC_SPLIT_DEPTH &&
		    mc->dealt++ % (uint64_t)mc->jobs != (uint64_t)mc->worker)
			continue; /* mc->work.s dirty: mc_apply() copies */
		if (mc_succ_reserve(mc)) {
			mc->res->stats.table_full = true; /* out of memory */
			mc->stop = true;
			break;
		}
		mc->res->stats.transitions += count;
		sc = &mc->succ[mc->nr_succ];
		sc->hash = mc_block_hash_update(
			mc, here_hash, cur->bh, &cur->s, &mc->work.s,
			mc->ch_idx + mc->nr_ch, mc->ch_bh + mc->nr_ch, &n);
		if ((++mc->dead_checks & MC_DEAD_CHECK_MASK) == 0)
			mc_check_dead(mc, &mc->work.s);
		if (!n) {
			/* a no-op step (above): mc->work.s is mc->cur */
			mc->res->stats.noop += count;
			mc->work_src = cur;
			continue;
		}
		sc->key = mc_key(sc->hash, used);
		if (mc->table)
			__builtin_prefetch(&mc->table[sc->key & mc->mask]);
		sc->first = mc->nr_ch;
		sc->n = (uint16_t)n;
		sc->i = (uint16_t)i;
		memcpy(sc->used, used, NR_BUDGETS);
		sc->terminal = step__terminal(&mc->work);
		if (sc->terminal) {
			/* no step leaves it (perf has exited, munmap): it is
			 * checked now, in mc->work.s, and its blocks (a
			 * third of the state) are not kept; it is visited
			 * in turn below, and never expanded */
			int cpu;

#if defined(MODEL_TESTING)
			for (int j = 0; j < mc->nalpha; j++)
				if (step__enabled(&mc->work, &mc->alpha[j])) {
					fprintf(stderr, "auxsim-check: internal "
							"error: a step enabled "
							"in a terminal state\n");
					abort();
				}
#endif
			sc->inv = (int8_t)invariant__check_from(
				&mc->work, here_warned, here_nr_warnings,
				mc->cfg->enabled, &cpu);
			sc->inv_cpu = (int8_t)cpu;
			mc_succ_work(mc, sc, true);
			mc->work_src = cur;
			sc->n = 0; /* nothing kept */
			mc->nr_succ++;
			continue;
		}
		/* keep the changed blocks; put mc->work.s back */
		for (int k = 0; k < n; k++) {
			uint32_t e = mc->nr_ch + (uint32_t)k;
			size_t blk = mc->ch_idx[e], off = blk * MC_BLOCK_BYTES;
			char *w = (char *)&mc->work.s + off;
			const char *c = (const char *)&cur->s + off;

			memcpy(&mc->ch_data[e], w, mc_blk_len(blk));
			memcpy(w, c, mc_blk_len(blk));
		}
		mc->work_src = cur;
		mc->nr_succ++;
		mc->nr_ch += (uint32_t)n;
	}
	ns = mc->nr_succ;
	for (uint32_t k = s0; k < ns && !mc->stop; k++) {
		const struct mc_succ *sc = &mc->succ[k];
		int i = sc->i, v;
		uint64_t bit = i < MC_SLEEP_BITS ? 1ull << i : 0;
		uint64_t csleep = 0, conly = 0;

		if (mc->por)
			csleep = (sleep | done) & mc_indep(mc, here_used, i);
		mc->visit_new = false;
		if (mc->bits)
			v = mc_visit_bits(mc, sc->key);
		else if (mc->shared)
			v = mc_visit_shared(mc, sc->key, depth + 1, &csleep,
					    &conly);
		else
			v = mc_visit(mc, sc->key, depth + 1, &csleep, &conly);
		if (mc->jobs > 1 && depth + 1 <= MC_SPLIT_DEPTH && v >= 0) {
			/* -j: above the split every worker explores every
			 * state, whatever the table says, so that all deal
			 * the same successors below it */
			v = 1;
			conly = 0;
			if (mc->por)
				csleep = (sleep | done) &
					 mc_indep(mc, here_used, i);
		}
		if (v < 0) {
			/* -1: the table is full; -2: asked to stop */
			mc->res->stats.table_full |= v == -1;
			mc->stop = true;
			break;
		}
		if (v > 0 && sc->terminal) {
			/* as mc_dfs() of it would: count, check, no step */
			if (depth + 1 > mc->res->stats.depth)
				mc->res->stats.depth = depth + 1;
			if (depth + 1 < mc->limit &&
			    (count || depth + 1 > MC_SPLIT_DEPTH))
				mc->res->stats.slept += mc_slept(
					mc, csleep, v == 2, conly);
			if (mc->visit_new && sc->inv >= 0) {
				mc->path[depth] = mc->alpha[i];
				mc_violation(mc, sc->inv, sc->inv_cpu, depth);
			}
		} else if (v > 0 && depth + 1 >= mc->limit) {
			/* a leaf of this iteration: not expanded, so not
			 * swapped in; a new one is checked in mc->work.s
			 * alone, its blocks copied in and back out */
			if (depth + 1 > mc->res->stats.depth)
				mc->res->stats.depth = depth + 1;
			if (mc->visit_new) {
				if (mc->work_src != cur) {
					mc_copy(mc, &mc->work.s, &cur->s);
					mc->work_src = cur;
				}
				mc_succ_work(mc, sc, false);
				mc->path[depth] = mc->alpha[i];
				mc_check_new(mc, here_warned, here_nr_warnings,
					     depth);
				mc_succ_work(mc, sc, true);
			}
		} else if (v > 0) {
			/* new, reached shallower, or with fewer asleep */
			mc_succ_swap(mc, sc, false);
			cur->hash = sc->hash;
			memcpy(cur->used, sc->used, NR_BUDGETS);
			mc->path[depth] = mc->alpha[i];
			if (mc->visit_new)
				mc_check_new(mc, here_warned, here_nr_warnings,
					     depth);
			mc_dfs(mc, depth + 1, csleep, v == 2, conly);
			sc = &mc->succ[k]; /* the child may have grown it */
			mc_succ_swap(mc, sc, true);
			cur->hash = here_hash;
			memcpy(cur->used, here_used, NR_BUDGETS);
		}
		if (k + 1 < ns && mc->table) /* evicted while exploring */
			__builtin_prefetch(
				&mc->table[mc->succ[k + 1].key & mc->mask]);
		done |= bit;
	}
	mc->nr_succ = s0;
	mc->nr_ch = c0;
}

/* ---- breadth-first search ---- */

/*
 * --bfs: a FIFO of whole states (4 KiB each; a ring that doubles when
 * full, up to MC_BFS_FRONTIER states, so memory follows the widest level) and a tree of (parent, step) for every state stored, to rebuild
 * the path.  The first time a state is reached is at its smallest depth,
 * so the first violation is a shortest one, as with iterative deepening,
 * and each state is expanded once.  No sleep sets (they are a depth-first
 * device).
 */
#define MC_BFS_FRONTIER (1u << 20)

struct mc_node {
	uint32_t parent; /* UINT32_MAX: the root */
	struct step step;
};

struct mc_qent {
	struct mc_state st;
	uint32_t node;
	uint8_t depth;
};

static int mc_bfs(struct mc *mc)
{
	struct mc_result *res = mc->res;
	uint64_t cap = mc->max_slots;
	struct mc_node *nodes = malloc(cap * sizeof(*nodes));
	uint32_t qcap = 1024;
	struct mc_qent *q = malloc(qcap * sizeof(*q));
	uint32_t head = 0, len = 0, nr_nodes = 0;
	uint64_t sleep = 0, only = 0;

	if (!nodes || !q) {
		free(nodes);
		free(q);
		return -ENOMEM;
	}
	mc->iter = 2;
	mc_visit(mc, mc_key(mc->stack[0].hash, mc->stack[0].used), 0, &sleep,
		 &only);
	nodes[nr_nodes++] = (struct mc_node){ .parent = UINT32_MAX };
	q[0].st = mc->stack[0];
	q[0].node = 0;
	q[0].depth = 0;
	len = 1;
	while (len && !mc->stop) {
		struct mc_qent *cur = &q[head];

		if (interrupt_signo) {
			mc_interrupted(mc);
			break;
		}
		mc->stack[0] = cur->st; /* mc_apply() copies from a stable place */
		mc->work_src = NULL;
		if (cur->depth > res->stats.depth) {
			/* every state of the levels above is expanded: all
			 * within cur->depth steps are stored, and checked */
			res->stats.depth = cur->depth;
			res->stats.depth_done = cur->depth;
			res->stats.states_done = mc->iter_states;
		}
		if (cur->depth < mc->depth_bound)
			for (int i = 0; i < mc->nalpha && !mc->stop; i++) {
				const struct mc_state *from = &mc->stack[0];
				uint8_t used[NR_BUDGETS];
				uint64_t sh, key;
				int inv, cpu, v;

				if (mc_apply(mc, from, &mc->alpha[i], used))
					continue;
				res->stats.transitions++;
				uint16_t chg[MC_NR_BLOCKS];
				uint64_t nbh[MC_NR_BLOCKS];
				int nchg = 0;

				sh = mc_block_hash_update(mc, from->hash,
							  from->bh, &from->s,
							  &mc->work.s, chg, nbh,
							  &nchg);
				mc_check_dead(mc, &mc->work.s);
				if (!nchg) { /* a no-op step (mc_dfs()) */
					res->stats.noop++;
					mc->work_src = NULL;
					continue;
				}
				key = mc_key(sh, used);
				inv = invariant__check(&mc->work, &from->s,
						       mc->cfg->enabled, &cpu);
				if (inv >= 0) {
					int n = cur->depth + 1;

					res->violated = true;
					res->v.invariant = inv;
					res->v.cpu = cpu;
					res->v.length = n;
					res->v.steps[--n] = mc->alpha[i];
					for (uint32_t k = cur->node; n > 0;
					     k = nodes[k].parent)
						res->v.steps[--n] = nodes[k].step;
					mc->stop = true;
					break;
				}
				sleep = 0;
				v = mc_visit(mc, key, cur->depth + 1, &sleep,
					     &only);
				if (v == 0)
					continue;
				if (len == qcap && qcap < MC_BFS_FRONTIER) {
					/* grow the ring, unwrapped */
					struct mc_qent *nq =
						malloc(2 * (size_t)qcap *
						       sizeof(*nq));

					if (nq) {
						for (uint32_t k = 0; k < len; k++)
							nq[k] = q[(head + k) %
								  qcap];
						free(q);
						q = nq;
						head = 0;
						qcap *= 2;
						cur = &q[0];
						mc->stack[0] = cur->st;
					}
				}
				if (v < 0 || nr_nodes == UINT32_MAX ||
				    len == qcap) {
					res->stats.table_full = true;
					mc->stop = true;
					break;
				}
				nodes[nr_nodes] = (struct mc_node){
					.parent = cur->node,
					.step = mc->alpha[i],
				};
				{
					struct mc_qent *t =
						&q[(head + len) % qcap];

					t->st.s = mc->work.s;
					memcpy(t->st.used, used, NR_BUDGETS);
					t->st.hash = sh;
					memcpy(t->st.bh, from->bh,
					       sizeof(t->st.bh));
					for (int k = 0; k < nchg; k++)
						t->st.bh[chg[k]] = nbh[k];
					t->node = nr_nodes++;
					t->depth = (uint8_t)(cur->depth + 1);
				}
				len++;
				mc->work_src = NULL;
			}
		head = (head + 1) % qcap;
		len--;
	}
	res->stats.states = mc->iter_states;
	if (!len && !mc->stop) { /* the last level expanded too */
		res->stats.depth_done = mc->depth_bound;
		res->stats.states_done = mc->iter_states;
	}
	free(nodes);
	free(q);
	return 0;
}

/* ---- random walks (swarm) ---- */

static uint64_t mc_rand(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static bool mc_walk_violates(struct mc *mc, const struct step *steps, int nr,
			     int want, struct step *kept, int *nkept)
{
	struct mc_state *from = &mc->stack[0], *to = &mc->stack[1];
	struct mc_state base = mc->stack[0];
	int cpu, k = 0;
	bool hit = false;

	for (int i = 0; i < nr; i++) {
		if (mc_successor(mc, from, &steps[i], to))
			continue;
		kept[k++] = steps[i];
		mc->work.s = to->s;
		if (invariant__check(&mc->work, &from->s, mc->cfg->enabled,
				     &cpu) == want) {
			hit = true;
			break;
		}
		*from = *to;
	}
	mc->stack[0] = base;
	*nkept = k;
	return hit;
}

/* greedy shrinking: drop every step the violation does not need */
static void mc_shrink(struct mc *mc, struct mc_violation *v)
{
	struct step trial[MC_MAX_DEPTH], kept[MC_MAX_DEPTH];
	int nkept;

	for (int i = v->length - 1; i >= 0; i--) {
		int n = 0;

		for (int j = 0; j < v->length; j++)
			if (j != i)
				trial[n++] = v->steps[j];
		if (mc_walk_violates(mc, trial, n, v->invariant, kept, &nkept)) {
			memcpy(v->steps, kept, (size_t)nkept * sizeof(kept[0]));
			v->length = nkept;
		}
	}
}

static void mc_random(struct mc *mc)
{
	struct mc_result *res = mc->res;
	uint64_t rng = mc->cfg->seed;

	for (uint64_t r = 0; r < mc->cfg->runs && !res->violated; r++) {
		struct mc_state *from = &mc->stack[0];
		struct mc_state start = mc->stack[0];
		bool kinds[NR_STEP_KINDS];
		struct step cand[256];
		int any = 0;

		if (interrupt_signo) {
			mc_interrupted(mc);
			break;
		}

		/* swarm: this run's mix of step kinds */
		for (int k = 0; k < NR_STEP_KINDS; k++)
			any += kinds[k] = mc_rand(&rng) & 1;
		if (!any)
			kinds[STEP_OVERFLOW] = kinds[STEP_TICK] = true;
		for (int d = 0; d < mc->depth_bound; d++) {
			struct step ok[256];
			int n, nok = 0, inv, cpu;
			struct mc_state *to = &mc->stack[1];

			mc->work.s = from->s;
			n = mc_candidates(&mc->work, mc->bound, cand, 256);
			for (int i = 0; i < n; i++)
				if (kinds[cand[i].kind] &&
				    !mc_successor(mc, from, &cand[i], to))
					ok[nok++] = cand[i];
			if (!nok)
				break;
			mc->path[d] = ok[mc_rand(&rng) % (uint64_t)nok];
			mc_successor(mc, from, &mc->path[d], to);
			res->stats.transitions++;
			mc->work.s = to->s;
			inv = invariant__check(&mc->work, &from->s,
					       mc->cfg->enabled, &cpu);
			if (inv >= 0) {
				res->violated = true;
				res->v.invariant = inv;
				res->v.cpu = cpu;
				res->v.length = d + 1;
				memcpy(res->v.steps, mc->path,
				       (size_t)(d + 1) * sizeof(mc->path[0]));
				break;
			}
			*from = *to;
			if (d + 1 > res->stats.depth)
				res->stats.depth = d + 1;
		}
		mc->stack[0] = start;
		res->stats.states++;
	}
	if (res->violated)
		mc_shrink(mc, &res->v);
}

/* ---- entry points ---- */

static double now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int mc_init(struct mc *mc, const struct auxsim_scenario *scn,
		   const struct sim_config *cfg, char *err, int errlen)
{
	const struct scn_check *b = &scn->check;
	int ret;

	if (!b->set) {
		snprintf(err, errlen, "the scenario has no 'check' line "
				      "giving the bounds");
		return -EINVAL;
	}
	ret = sim__start(scn, cfg, &mc->work, err, errlen);
	if (ret)
		return ret;
	mc->work.burst_abstract = mc_normalize;
	mc->work.burst_scratch = malloc(2 * sizeof(struct aux_state));
	if (!mc->work.burst_scratch) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	memset(&mc->stack[0], 0, sizeof(mc->stack[0]));
	mc_normalize(&mc->work.s);
	mc->stack[0].s = mc->work.s;
	mc_hash_init();
	mc->stack[0].hash = mc_block_hash_all(&mc->stack[0].s, mc->stack[0].bh);
	mc->root = mc->stack[0].s;
	mc_live_init(mc);
	mc_diff_init();
	mc->bound[B_TICK] = b->tick;
	mc->bound[B_OVERFLOW] = b->overflow;
	mc->bound[B_SCHED] = b->sched;
	mc->bound[B_IOCTL] = b->ioctl;
	mc->bound[B_SNAPSHOT] = b->snapshot;
	mc->bound[B_SNAPSHOT_READ] = b->snapshot;
	mc->bound[B_MUNMAP] = b->munmap;
	mc->bound[B_NMI] = b->nmi;
	mc->depth_bound = b->depth < MC_MAX_DEPTH ? b->depth : MC_MAX_DEPTH;
	return 0;
}

/*
 * The visited table: anonymous zeroed memory, with transparent huge pages
 * where the kernel gives them (madvise mode): a random probe into 64 MiB
 * then costs a cache miss, not a TLB miss as well.
 */
static struct mc_slot *mc_table_alloc(uint64_t slots)
{
	size_t bytes = slots * sizeof(struct mc_slot);
	void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return NULL;
#ifdef MADV_HUGEPAGE
	madvise(p, bytes, MADV_HUGEPAGE);
#endif
	return p;
}

static void mc_table_free(struct mc_slot *t, uint64_t slots)
{
	if (t)
		munmap(t, slots * sizeof(struct mc_slot));
}

/* the states in the visited table, by the depth each was stored at */
void mc_at_depth(const struct mc *mc, uint64_t *at_depth)
{
	memset(at_depth, 0, (MC_MAX_DEPTH + 1) * sizeof(*at_depth));
	for (uint64_t i = 0; i <= mc->mask; i++)
		if (mc->table[i].hash &&
		    META_DEPTH(mc->table[i].meta) <= MC_MAX_DEPTH)
			at_depth[META_DEPTH(mc->table[i].meta)]++;
}

/* iterative deepening (or one pass, --dfs) over the visited table */
int mc_search(struct mc *mc, char *err, int errlen)
{
	const struct mc_config *cfgm = mc->cfg;
	struct mc_result *res = mc->res;
	uint64_t cap = 1;

	if (mc->shared) {
		/* -j: the parent's shared table */
	} else if (cfgm->bitstate_log2) {
		uint64_t nbits = 1ull << cfgm->bitstate_log2;

		mc->bits = calloc(nbits / 8, 1);
		mc->bits_mask = nbits - 1;
	} else {
		while (cap < cfgm->max_states)
			cap <<= 1;
		mc->max_slots = cap;
		if (cap > MC_TABLE_FIRST)
			cap = MC_TABLE_FIRST;
		mc->table = mc_table_alloc(cap);
		mc->mask = cap - 1;
	}
	if (!mc->table && !mc->bits) {
		snprintf(err, errlen, "cannot allocate the visited table "
				      "(%llu slots)",
			 (unsigned long long)cap);
		return -ENOMEM;
	}
	if (cfgm->mode == MC_BFS) {
		struct mc_state root = mc->stack[0];
		int r = mc_bfs(mc);

		mc->stack[0] = root;
		if (r) {
			snprintf(err, errlen, "cannot allocate the queue");
			mc_table_free(mc->table, mc->mask + 1);
			mc->table = NULL;
			return r;
		}
	}
	for (int limit = mc->first_limit;
	     cfgm->mode != MC_BFS && limit <= mc->depth_bound; limit++) {
		uint64_t sleep = 0, only = 0;

		mc->limit = limit;
		mc->iter = (uint32_t)limit + 1;
		mc->work_src = NULL;
		mc->iter_states = 0;
		if (mc->bits) { /* a fresh bit table each iteration */
			memset(mc->bits, 0, (mc->bits_mask + 1) / 8);
			mc_visit_bits(mc, mc_state_hash(&mc->stack[0].s,
							mc->stack[0].used));
		} else {
			uint64_t h = mc_state_hash(&mc->stack[0].s,
						   mc->stack[0].used);

			if (mc->shared)
				mc_visit_shared(mc, h, 0, &sleep, &only);
			else
				mc_visit(mc, h, 0, &sleep, &only);
		}
		res->stats.transitions = 0;
		res->stats.slept = 0;
		res->stats.noop = 0;
		mc->dealt = 0;
		res->stats.depth = 0;
		mc->cur = mc->stack[0];
		mc->work.s = mc->cur.s;
		mc->work_src = &mc->cur;
		if (mc->shared)
			mc_shared_begin(mc, limit);
		mc_dfs(mc, 0, 0, false, 0);
		res->stats.states = mc->iter_states;
		if (mc->shared)
			mc_shared_counts(mc, limit);
		if (mc->stop)
			break;
		/* every path to this depth explored (with --dfs, the one
		 * pass to the bound) */
		res->stats.depth_done = limit;
		res->stats.states_done = mc->iter_states;
		if (mc->shared && mc_shared_done(mc, limit))
			break;
	}
	res->stats.complete = !res->violated && !res->stats.table_full &&
			      !res->stats.interrupted && !mc->bits;
	if (mc->table && !mc->shared)
		mc_at_depth(mc, res->stats.at_depth);
	if (mc->bits && res->stats.states)
		res->stats.hash_factor =
			(double)(mc->bits_mask + 1) / (double)res->stats.states;
	if (!mc->shared)
		mc_table_free(mc->table, mc->mask + 1);
	mc_succ_free(mc);
	free(mc->bits);
	mc->table = NULL;
	mc->bits = NULL;
	return 0;
}

int mc__check(const struct auxsim_scenario *scn, const struct sim_config *cfg,
	      const struct mc_config *cfgm, struct mc_result *res, char *err,
	      int errlen)
{
	struct mc *mc = calloc(1, sizeof(*mc));
	double t0 = now_seconds();
	int ret;

	if (!mc) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	memset(res, 0, sizeof(*res));
	mc->scn = scn;
	mc->cfg = cfgm;
	mc->res = res;
	ret = mc_init(mc, scn, cfg, err, errlen);
	if (ret)
		goto out;
	/* the initial state (a zero parent: WARNs of the set-up count) */
	{
		struct aux_state *zero = calloc(1, sizeof(*zero));
		int cpu, inv;

		if (!zero) {
			ret = -ENOMEM;
			goto out;
		}
		mc->work.s = mc->stack[0].s;
		inv = invariant__check(&mc->work, zero, cfgm->enabled, &cpu);
		free(zero);
		if (inv >= 0) {
			res->violated = true;
			res->v.invariant = inv;
			res->v.cpu = cpu;
			res->v.length = 0;
			goto done;
		}
	}
	if (cfgm->mode == MC_RANDOM) {
		mc_random(mc);
		res->stats.complete = false;
		goto done;
	}
	mc_alphabet(mc);
	mc->por = !cfgm->no_por && !cfgm->bitstate_log2;
	mc->first_limit = cfgm->mode == MC_DFS ? mc->depth_bound : 1;
	if (cfgm->jobs > 1 && !cfgm->bitstate_log2)
		ret = mc_workers(mc, err, errlen);
	else
		ret = mc_search(mc, err, errlen);
	if (ret)
		goto out;
done:
	res->stats.seconds = now_seconds() - t0;
	ret = 0;
out:
	free(mc->work.burst_scratch);
	free(mc);
	return ret;
}

/* ---- replay ---- */

struct replay {
	FILE *f;
	struct sim_result res; /* for report__splat() */
	int nrecs;
};

static void rp_warn(struct aux_model *m, const struct aux_warning *w)
{
	struct replay *rp = m->priv;
	struct sim_warning sw = { .w = *w };
	int t = m->s.cpu[w->cpu].curr;

	if (m->in_tool) {
		snprintf(sw.comm, sizeof(sw.comm), "perf");
		sw.pid = 2000;
	} else if (t >= 0) {
		snprintf(sw.comm, sizeof(sw.comm), "%s",
			 rp->res.scn->tasks[t].comm);
		sw.pid = m->s.task[t].pid;
	} else {
		snprintf(sw.comm, sizeof(sw.comm), "swapper/%d", w->cpu);
	}
	report__splat(rp->f, &rp->res, &sw);
}

static void rp_record(struct aux_model *m, const struct aux_record *r)
{
	struct replay *rp = m->priv;
	static const char *const names[] = {
		[PERF_RECORD_THROTTLE] = "PERF_RECORD_THROTTLE",
		[PERF_RECORD_UNTHROTTLE] = "PERF_RECORD_UNTHROTTLE",
		[PERF_RECORD_AUX] = "PERF_RECORD_AUX",
		[PERF_RECORD_ITRACE_START] = "PERF_RECORD_ITRACE_START",
	};

	if (r->type < sizeof(names) / sizeof(names[0]) && names[r->type])
		fprintf(rp->f, "        cpu%d %s%s\n", r->cpu, names[r->type],
			r->type == PERF_RECORD_AUX ?
				(r->flags & PERF_AUX_FLAG_TRUNCATED ? " [T]" :
								      "") :
				"");
	rp->nrecs++;
}

static void rp_log(struct aux_model *m, const char *line)
{
	struct replay *rp = m->priv;

	wrap__printf(rp->f, WRAP_HANG, "        %s", line);
}

static const struct aux_observer replay_observer = {
	.record = rp_record,
	.warn = rp_warn,
	.log = rp_log,
};

int mc__replay(FILE *f, const struct auxsim_scenario *scn,
	       const struct sim_config *cfg, const struct step *steps, int nr,
	       const bool *enabled)
{
	struct mc_replay_result r;

	mc__replay_result(f, scn, cfg, steps, nr, enabled, &r);
	return r.invariant;
}

int mc__replay_result(FILE *f, const struct auxsim_scenario *scn,
		      const struct sim_config *cfg, const struct step *steps,
		      int nr, const bool *enabled, struct mc_replay_result *r)
{
	struct aux_model *m = calloc(1, sizeof(*m));
	struct replay rp = { .f = f };
	const char *names[MAX_EVSEL];
	char err[256], line[256];
	int inv = -1, cpu;

	*r = (struct mc_replay_result){.invariant = -1, .cpu = -1};
	if (!m)
		return -ENOMEM;
	inv = sim__start(scn, cfg, m, err, sizeof(err));
	if (inv) {
		fprintf(f, "auxsim: %s\n", err);
		free(m);
		return inv < 0 ? inv : -EINVAL;
	}
	rp.res.scn = scn;
	rp.res.mc = m->mc;
	rp.res.kernel = m->kernel;
	rp.res.perf = m->perf;
	m->obs = &replay_observer;
	m->priv = &rp;
	m->log = cfg->log;
	for (int i = 0; i < scn->rec.nr_events && i < MAX_EVSEL; i++)
		names[i] = scn->rec.events[i].text;
	if (cfg->log)
		model__log_key(f, "", names,
			       scn->rec.nr_events < MAX_EVSEL
				       ? scn->rec.nr_events
				       : MAX_EVSEL,
			       m->s.tool.target == TARGET_PER_THREAD);
	{
		struct aux_state *zero = calloc(1, sizeof(*zero));

		if (zero)
			inv = invariant__check(m, zero, enabled, &cpu);
		free(zero);
		if (inv >= 0) {
			fprintf(f, "   0  the initial state (perf record "
				   "started)\n        => violates %s: %s\n",
				invariants[inv].id, invariants[inv].broken);
			r->invariant = inv;
			r->cpu = cpu;
			free(m);
			return 0;
		}
	}
	for (int i = 0; i < nr; i++) {
		struct aux_state parent = m->s;

		r->step = i + 1;
		step__describe(line, sizeof(line), &steps[i], names,
			       scn->rec.nr_events);
		wrap__printf(f, 10, "%4d  %s", i + 1, line);
		if (step__apply(m, &steps[i])) {
			fprintf(f, "        (not enabled here: skipped)\n");
			r->skipped++;
			continue;
		}
		if (steps[i].nmi_evsel >= 0 && !m->nmi_landed)
			fprintf(f, "        (the NMI did not land)\n");
		inv = invariant__check(m, &parent, enabled, &cpu);
		if (inv >= 0) {
			char on[24] = "";

			if (cpu >= 0)
				snprintf(on, sizeof(on), " on cpu%d", cpu);
			wrap__printf(f, WRAP_HANG, "        => violates %s%s: %s",
				     invariants[inv].id, on,
				     invariants[inv].broken);
			r->invariant = inv;
			r->cpu = cpu;
			break;
		}
	}
	free(m);
	return 0;
}
