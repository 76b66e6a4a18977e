// SPDX-License-Identifier: GPL-2.0
/*
 * check-hash.c - the checker's state hash: a 64-bit hash of the explored
 * state, kept up to date block by block as steps change it, and the
 * visited table's key (check-internal.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/check-internal.h"

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
static uint64_t (*mc_block_hash)(const uint64_t *,
				 uint64_t) = mc_block_hash_soft;

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
uint64_t mc_block_hash_all(const struct aux_state *s, uint64_t *bh)
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
		const __m256i *x =
			(const __m256i *)(const void *)(a +
							blk * MC_BLOCK_WORDS);
		const __m256i *y =
			(const __m256i *)(const void *)(b +
							blk * MC_BLOCK_WORDS);
		__m256i d = _mm256_xor_si256(_mm256_loadu_si256(x),
					     _mm256_loadu_si256(y));

#if MC_BLOCK_WORDS == 8
		d = _mm256_or_si256(
			d, _mm256_xor_si256(_mm256_loadu_si256(x + 1),
					    _mm256_loadu_si256(y + 1)));
#endif
		if (!_mm256_testz_si256(d, d))
			changed[k++] = (uint16_t)blk;
	}
	return k;
}

static int (*mc_diff_run)(const uint64_t *, const uint64_t *, size_t, size_t,
			  uint16_t *);

void mc_diff_init(void)
{
	__builtin_cpu_init();
	mc_diff_run = __builtin_cpu_supports("avx2") ? mc_diff_run_avx2
						     : mc_diff_run_generic;
}
#else
#define mc_diff_run mc_diff_run_generic
void mc_diff_init(void)
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
	__m128i h = _mm_xor_si128(
		_mm_loadu_si128(l),
		_mm_set_epi64x((long long)MC_K0_HI, (long long)MC_K0_LO));

	h = _mm_aesenc_si128(h, _mm_loadu_si128(l + 1));
	h = _mm_aesenc_si128(h, _mm_loadu_si128(l + 2));
	h = _mm_aesenc_si128(h, _mm_loadu_si128(l + 3));
	h = _mm_aesenc_si128(h, _mm_set_epi64x((long long)MC_IDX_HI(idx),
					       (long long)MC_IDX_LO(idx)));
	h = _mm_aesenc_si128(
		h, _mm_set_epi64x((long long)MC_K1_HI, (long long)MC_K1_LO));
	h = _mm_aesenc_si128(
		h, _mm_set_epi64x((long long)MC_K2_HI, (long long)MC_K2_LO));
	return (uint64_t)_mm_cvtsi128_si64(h) ^
	       (uint64_t)_mm_extract_epi64(h, 1);
}

__attribute__((target("aes,sse4.1"))) static uint64_t
mc_rehash_aesni(uint64_t h, const uint64_t *from_bh, const struct aux_state *to,
		const uint16_t *changed, int n, uint64_t *new_bh)
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
void mc_hash_init(void)
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
uint64_t mc_block_hash_update(const struct mc *mc, uint64_t h,
			      const uint64_t *from_bh,
			      const struct aux_state *from,
			      const struct aux_state *to, uint16_t *changed,
			      uint64_t *new_bh, int *nchanged)
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

#if defined(AUXSIM_CHECK)
_Static_assert(sizeof(struct aux_state) % MC_BLOCK_BYTES == 0,
	       "struct aux_state: not whole blocks (model.h: pad_)");
#endif

/* the visited table's key: the state's hash and the bounds used */
uint64_t mc_key(uint64_t state_hash, const uint8_t *used)
{
	uint64_t u, h;

	memcpy(&u, used, sizeof(u));
	h = mc_fmix(state_hash ^ mc_fmix(u ^ 0x5851f42d4c957f2dull));
	return h ? h : 1;
}

uint64_t mc_state_hash(const struct aux_state *s, const uint8_t *used)
{
	return mc_key(mc_block_hash_all(s, NULL), used);
}
