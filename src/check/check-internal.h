/* SPDX-License-Identifier: GPL-2.0 */
/*
 * check-internal.h - what the checker's files (check*.c) share: the
 * explored state, the visited table's slots, struct mc (one search), and
 * each file's functions the others call, under the file's name.
 */
#ifndef AUXSIM_CHECK_INTERNAL_H
#define AUXSIM_CHECK_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "check/check.h"

enum budget {
	B_TICK,
	B_OVERFLOW,
	B_SCHED,
	B_IOCTL,
	B_SNAPSHOT,
	B_MUNMAP,
	B_NMI,
	B_SNAPSHOT_READ, /* follows each SIGUSR2: bounded by snapshot too */
	NR_BUDGETS,
};

#ifndef MC_BLOCK_BYTES
#define MC_BLOCK_BYTES 64
#endif
#define MC_BLOCK_WORDS (MC_BLOCK_BYTES / 8)
#define MC_STATE_WORDS (sizeof(struct aux_state) / 8)
#define MC_NR_BLOCKS ((MC_STATE_WORDS + MC_BLOCK_WORDS - 1) / MC_BLOCK_WORDS)

/* the explored state: the model state and the bounds used so far */
struct mc_state {
	struct aux_state s;
	uint8_t used[NR_BUDGETS];
	uint64_t hash; /* mc_block_hash_all(&s), kept up to date in mc_dfs */
	uint64_t bh[MC_NR_BLOCKS]; /* each block's term of hash */
};

/*
 * A visited-table slot: hash compaction, 16 bytes.  meta packs the
 * shallowest depth the state was reached at (8 bits), the iteration that
 * stored it (8 bits) and its sleep set (48 bits: the transitions not yet
 * explored from it, Godefroid's H(s).Sleep).
 */
struct mc_slot {
	uint64_t hash; /* 0: empty */
	uint64_t meta;
};

#define MC_SHARED_GENS 24 /* -j: table sizes, first << 2k, to --max-states */
/* -j: the depth whose states' successors are dealt to the workers (the
 * first step's alone were too few, and too unequal, for two) */
#define MC_SPLIT_DEPTH 1
/* linear probing's longest run grows with the log of the table: at 90%
 * load in 2^26 slots it is some hundreds */
#define MC_MAX_PROBE 4096
#define MC_SLEEP_BITS 48
#define MC_SLEEP_MASK ((1ull << MC_SLEEP_BITS) - 1)
#define MC_ALPHA_MAX 256
#define MC_ALPHA_WORDS (MC_ALPHA_MAX / 64)
#define META(depth, iter, sleep)                                               \
	((uint64_t)(uint8_t)(depth) | (uint64_t)(uint8_t)(iter) << 8 |         \
	 ((uint64_t)(sleep)&MC_SLEEP_MASK) << 16)
#define META_DEPTH(m) ((int)((m)&0xff))
#define META_ITER(m) ((uint8_t)((m) >> 8))
#define META_SLEEP(m) ((m) >> 16)

struct mc_succ;
struct mc_blk;
struct mc_shared;

struct mc {
	const struct auxsim_scenario *scn;
	const struct mc_config *cfg;
	struct aux_model work; /* configuration + a scratch state */
	uint64_t iter_states;  /* states first reached in this iteration */
	uint8_t bound[NR_BUDGETS];
	int depth_bound;
	struct mc_slot *table;
	uint64_t mask, nr_slots;
	uint64_t max_slots; /* the table grows to this (--max-states) */
	uint8_t *bits;	    /* bitstate mode: 2^bitstate_log2 bits */
	uint64_t bits_mask;
	uint32_t iter;
	/* every step of the scenario (step__enabled() filters per state) */
	struct step alpha[MC_ALPHA_MAX];
	int nalpha;
	uint64_t fp[MC_ALPHA_MAX];	  /* footprint */
	uint64_t indep[MC_ALPHA_MAX];	  /* sleep-set steps disjoint from it */
	uint64_t same_budget[NR_BUDGETS]; /* sleep-set steps of a budget */
	/* the alphabet by bound: mc_dfs() tries only steps with room */
	uint64_t budget_alpha[NR_BUDGETS][MC_ALPHA_WORDS];
	uint64_t nmi_alpha[MC_ALPHA_WORDS]; /* steps carrying an NMI */
	int alpha_words;		    /* of them in use */
	uint8_t alpha_budget[MC_ALPHA_MAX]; /* budget_of(&alpha[i]) */
	bool por;
	/* the 64-byte blocks of the state this scenario can write (the rest,
	 * array entries past its CPUs and past what its set-up allocated,
	 * keep their values in the set-up state, mc->root: mc_check_dead()
	 * makes sure), as runs of blocks */
	struct aux_state root;
	uint16_t live_first[160], live_len[160];
	int nr_live_runs;
	uint64_t dead_checks;
	/* mc_dfs(): the stack slot mc->work.s is an unchanged copy of */
	const struct mc_state *work_src;
	bool shared; /* -j: the table is shared by the workers (atomics) */
	struct mc_shared *sh; /* -j: what the workers share */
	struct mc_slot *shared_table[MC_SHARED_GENS]; /* -j: each size */
	uint64_t shared_slots[MC_SHARED_GENS];
	int shared_gens;	  /* of them */
	uint32_t gen;		  /* -j: the table this worker probes */
	uint32_t shared_pending;  /* -j: stored here, not yet added to nr */
	int first_limit;	  /* the first iterative-deepening limit */
	int worker, jobs;	  /* -j: this process explores the successors of
			     depth MC_SPLIT_DEPTH worker, worker + jobs, ... */
	uint64_t dealt;		  /* -j: of them, in this iteration */
	struct mc_state stack[2]; /* the root; a scratch successor */
	/* mc_dfs(): the state being expanded (mc->work.s equals it whenever
	 * mc->work_src points here), and the successors pending on the
	 * path, each as the blocks its step changed (mc_dfs_succ) */
	struct mc_state cur;
	struct mc_succ *succ;
	uint32_t nr_succ, succ_cap;
	uint16_t *ch_idx;	/* a changed block's index */
	uint64_t *ch_bh;	/* its term of the successor's hash */
	struct mc_blk *ch_data; /* its content in the successor */
	uint32_t nr_ch, ch_cap;
	struct step path[MC_MAX_DEPTH];
	struct mc_result *res;
	int limit;
	bool stop;
	bool visit_new; /* the last visit stored a state never seen */
};

/* check.c */
/* a SIGINT or SIGTERM came: stop, and say so in the result */
void mc_interrupted(struct mc *mc);

/* check-search.c */
/* the search of mc->cfg's mode, from mc->first_limit: 0, or -errno */
int mc_search(struct mc *mc, char *err, int errlen);

/* check-hash.c: the state hash */
/* the S-box, and AES-NI where the CPU has it; AVX2 block compares */
void mc_hash_init(void);
void mc_diff_init(void);
uint64_t mc_block_hash_all(const struct aux_state *s, uint64_t *bh);
uint64_t mc_block_hash_update(const struct mc *mc, uint64_t h,
			      const uint64_t *from_bh,
			      const struct aux_state *from,
			      const struct aux_state *to, uint16_t *changed,
			      uint64_t *new_bh, int *nchanged);
uint64_t mc_key(uint64_t state_hash, const uint8_t *used);
uint64_t mc_state_hash(const struct aux_state *s, const uint8_t *used);

/* check-state.c: live blocks and the abstraction */
void mc_check_dead(const struct mc *mc, const struct aux_state *st);
void mc_live_init(struct mc *mc);
void mc_copy(const struct mc *mc, struct aux_state *dst,
	     const struct aux_state *src);
void mc_normalize(struct aux_state *s);

/* check-visited.c: the visited table of one process, and bitstate */
struct mc_slot *mc_table_alloc(uint64_t slots);
void mc_table_free(struct mc_slot *t, uint64_t slots);
int mc_visit(struct mc *mc, uint64_t h, int depth, uint64_t *sleep,
	     uint64_t *only);
int mc_visit_bits(struct mc *mc, uint64_t h);
/* a visit's decision on a slot's meta @m (mc_visit()): 0, 1 or 2, *@nm
 * the new meta */
int mc_meta_visit(uint64_t m, int depth, uint8_t iter, uint64_t *sleep,
		  uint64_t *only, uint64_t *nm);
void mc_at_depth(const struct mc *mc, uint64_t *at_depth);

/* check-steps.c: the alphabet, and a step applied */
static inline int budget_of(const struct step *st)
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
int mc_candidates(const struct aux_model *m, const uint8_t *bound,
		  struct step *out, int max);
int mc_apply(struct mc *mc, const struct mc_state *from, const struct step *st,
	     uint8_t *used);
int mc_successor(struct mc *mc, const struct mc_state *from,
		 const struct step *st, struct mc_state *to);

/* check-por.c: partial-order reduction */
void mc_alphabet(struct mc *mc);
/* the sleep-set steps independent of alpha[@i] in a state that has
 * used @used of its bounds (inline: mc_dfs() asks it of every successor) */
static inline uint64_t mc_indep(const struct mc *mc, const uint8_t *used, int i)
{
	int b = mc->alpha_budget[i];
	uint64_t m = mc->indep[i];

	/* two steps of one budget commute only if both fit in it */
	if (used[b] + 2 > mc->bound[b])
		m &= ~mc->same_budget[b];
	return m;
}

/* check-random.c: random walks (swarm) */
void mc_random(struct mc *mc);

/* check-bfs.c: breadth-first search; 0 or -ENOMEM */
int mc_bfs(struct mc *mc);

/* check-workers.c (-j) */
int mc_workers(struct mc *mc, char *err, int errlen);
int mc_visit_shared(struct mc *mc, uint64_t h, int depth, uint64_t *sleep,
		    uint64_t *only);
/* a worker's iteration at depth limit @limit: begins; its counts (after
 * it, finished or not); finished (waits for the others: -1, stop) */
void mc_shared_begin(struct mc *mc, int limit);
void mc_shared_counts(struct mc *mc, int limit);
int mc_shared_done(struct mc *mc, int limit);

#endif /* AUXSIM_CHECK_INTERNAL_H */
