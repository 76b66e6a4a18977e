/* SPDX-License-Identifier: GPL-2.0 */
/*
 * check.h - the model checker: every interleaving of a scenario's steps
 * (step.h) within its bounds, invariants (invariant.h) checked at every
 * state.
 *
 * Search: iterative deepening depth-first search, so the first violation
 * found is a shortest one; a visited table of 64-bit state hashes (hash
 * compaction: 16 bytes a state); or one depth-first pass (--dfs), or
 * breadth-first search (--bfs: shortest too, the frontier in memory), or
 * random walks with a per-run mix of step kinds (--random, swarm).
 * Options: sleep sets (partial-order reduction, on unless --no-por), a
 * bitstate table (2 bits a state, Holzmann's supertrace: may miss states),
 * and N worker processes that split the first step's successors.
 *
 * Invariants:
 *  - the explored state is struct mc_state: the model state plus how many
 *    steps of each kind the path used, so two paths merge only when their
 *    remaining bounds agree;
 *  - a counterexample is a list of steps; replaying it from the scenario's
 *    initial state (mc__replay) reproduces the violation, deterministically;
 *  - sleep sets prune transitions, never states: with POR on or off an
 *    exhaustive search visits the same states (tests/t1000 checks it);
 *  - with -j N the result depends on N but not on the workers' timing;
 *    its states (and states_done, depth_done) are one process's;
 *  - states <= transitions + 1, complete or not: a state is counted in the
 *    iteration that reached it, by the transition that did;
 *  - a SIGINT or SIGTERM (interrupt.h) stops any search with the counts so
 *    far (stats.interrupted); with -j the workers die with their parent,
 *    and the parent reaps them on every path (check-jobs.h).
 */
#ifndef AUXSIM_CHECK_H
#define AUXSIM_CHECK_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "check/invariant.h"
#include "scenario/scenario.h"
#include "sim/sim.h"
#include "check/step.h"

#define MC_MAX_DEPTH 64
#define MC_MAX_JOBS 64 /* -j */

enum mc_mode {
	MC_ITERATIVE, /* iterative deepening: shortest counterexamples */
	MC_DFS, /* one depth-first pass to the depth bound */
	MC_BFS, /* breadth-first: shortest, states kept in a queue */
	MC_RANDOM, /* random walks (swarm) */
};

struct mc_config {
	enum mc_mode mode;
	uint64_t max_states; /* visited-table capacity (power of 2) */
	uint64_t seed, runs; /* MC_RANDOM */
	bool enabled[NR_INVARIANTS]; /* which to check */
	bool all_violations; /* keep going after the first */
	bool no_por; /* --no-por: no sleep sets */
	int bitstate_log2; /* > 0: bitstate table of 2^N bits (--bitstate N) */
	int jobs; /* > 1: worker processes (-j N, at most MC_MAX_JOBS) */
};

struct mc_violation {
	int invariant;
	int cpu;
	int length;
	struct step steps[MC_MAX_DEPTH];
};

struct mc_stats {
	uint64_t states; /* distinct states (last iteration) */
	uint64_t transitions;
	int depth; /* the deepest level explored */
	double seconds;
	bool complete; /* every path within the bounds was explored */
	bool table_full;
	uint64_t slept; /* transitions sleep sets pruned */
	uint64_t noop; /* transitions that changed nothing: not followed */
	/* states stored, by the smallest depth they were reached at (the
	 * visited table's; none in bitstate and random modes) */
	uint64_t at_depth[MC_MAX_DEPTH + 1];
	double hash_factor; /* bitstate: bits / states (Spin's -w figure) */
	/* the SIGINT or SIGTERM that stopped the search (interrupt.h), or 0;
	 * the counts above are then those reached, not exhaustive */
	int interrupted;
	/* every path to this depth explored: iterative deepening's last
	 * finished bound (--dfs: the bound, when complete; --bfs: the
	 * levels expanded); 0: none.  And the states within it. */
	int depth_done;
	uint64_t states_done;
	/* -j: workers lost, the search then stopped: per worker 0, the
	 * signal that killed it, MC_LOST_FAILED (it exited with an error)
	 * or MC_LOST_HUNG (it did not stop when asked: killed) */
	int nr_lost;
	int8_t lost[MC_MAX_JOBS];
};

#define MC_LOST_FAILED (-1)
#define MC_LOST_HUNG (-2)

struct mc_result {
	struct mc_violation v;
	bool violated;
	struct mc_stats stats;
};

int mc__check(const struct auxsim_scenario *scn, const struct sim_config *cfg,
	      const struct mc_config *mc, struct mc_result *res, char *err,
	      int errlen);

/*
 * Replay @steps from @scn's initial state with the kernel log on, printing
 * the numbered per-CPU step log, every WARN splat and the invariant verdict
 * to @f.  Returns the violated invariant, or -1.
 */
int mc__replay(FILE *f, const struct auxsim_scenario *scn,
	       const struct sim_config *cfg, const struct step *steps,
	       int nr, const bool *enabled);

/* what a replay came to, for its verdict line */
struct mc_replay_result {
	int invariant; /* the violated invariant, or -1 */
	/* the step that violated it (1-based; 0: the initial state), or
	 * the number of steps run */
	int step;
	int cpu;     /* where, or -1 */
	int skipped; /* steps not enabled at their turn */
};

/* mc__replay(), and what it came to in @r; with cfg->log, the log's key
 * first (model__log_key()).  0, or -ENOMEM, or the -errno of sim__start()
 * (its message printed to @f) */
int mc__replay_result(FILE *f, const struct auxsim_scenario *scn,
		      const struct sim_config *cfg, const struct step *steps,
		      int nr, const bool *enabled, struct mc_replay_result *r);

#endif /* AUXSIM_CHECK_H */
