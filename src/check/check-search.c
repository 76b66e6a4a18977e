// SPDX-License-Identifier: GPL-2.0
/*
 * check-search.c - the exhaustive search: iterative deepening (or one pass,
 * --dfs; --bfs is check-bfs.c's) over a depth-first search with sleep
 * sets, which generates a state's successors as the blocks their steps
 * change.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/check-internal.h"
#include "lib/interrupt.h"

#define MC_TABLE_FIRST (1u << 16) /* slots, before mc_table_grow() */

/* the bytes of block @blk in the state: 64 but for a short last one */
#define MC_TAIL_BYTES (sizeof(struct aux_state) % MC_BLOCK_BYTES)
static inline size_t mc_blk_len(size_t blk)
{
	return MC_TAIL_BYTES && blk == MC_NR_BLOCKS - 1 ? MC_TAIL_BYTES
							: MC_BLOCK_BYTES;
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

#if defined(MODEL_TESTING)
#define MC_DEAD_CHECK_MASK 0 /* every transition */
#else
#define MC_DEAD_CHECK_MASK 1023
#endif

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
	memcpy(viol->steps, mc->path,
	       (size_t)(depth + 1) * sizeof(mc->path[0]));
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
	bool count =
		mc->jobs <= 1 || mc->worker == 0 || depth >= MC_SPLIT_DEPTH;
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
					fprintf(stderr,
						"auxsim-check: internal "
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
				mc->res->stats.slept +=
					mc_slept(mc, csleep, v == 2, conly);
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
		snprintf(err, errlen,
			 "cannot allocate the visited table "
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
