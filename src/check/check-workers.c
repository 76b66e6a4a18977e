// SPDX-License-Identifier: GPL-2.0
/*
 * check-workers.c - check -j N: the visited table the workers share, their
 * deepening in step, and their counts summed (check-internal.h); the
 * processes themselves are check-jobs.c's.
 */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check/check-internal.h"
#include "check/check-jobs.h"
#include "lib/interrupt.h"

/* -j: the shared table's first size (the workers move to one four times
 * as large when it is 90% full: mc_shared_sync()), and how many stores a
 * worker makes before it adds them to the shared count */
#if defined(MODEL_TESTING)
#define MC_SHARED_FIRST (1u << 10) /* every -j test restarts */
#else
#define MC_SHARED_FIRST (1u << 20)
#endif
#define MC_SHARED_BATCH 256u
_Static_assert(MC_JOBS_MAX == MC_MAX_JOBS, "check.h and check-jobs.h agree");

/* one deepening iteration's counts (-j: one worker's) */
struct mc_iter_stats {
	uint64_t states, transitions, slept, noop;
};

/*
 * -j: what the workers share besides the table, in a mapping of its own.
 * Every table size the search may grow to is mapped (MAP_NORESERVE, not
 * touched) before the workers fork, so all of them see each at the same
 * address and a growth needs no new mapping.  Each worker's counts and
 * result are here too, so that the parent has them even from a worker
 * that was killed.
 */
struct mc_shared {
	uint64_t nr;	    /* slots stored in the table in use (in batches) */
	uint32_t gen;	    /* the table in use: mc->shared_table[gen] */
	uint32_t grow;	    /* a worker found it full: every worker stops */
	uint32_t active;    /* workers still searching */
	uint32_t arrived;   /* workers stopped for the growth */
	uint32_t migrating; /* the one moving the slots over (or leaving) */
	uint32_t left[MC_JOBS_MAX]; /* the worker's search is over */
	/* the depth limit each worker is at, and the last it finished: no
	 * worker starts limit L + 1 before every one has finished L */
	uint32_t limit[MC_JOBS_MAX], done[MC_JOBS_MAX];
	struct mc_iter_stats iter[MC_JOBS_MAX][MC_MAX_DEPTH + 1];
	struct mc_result out[MC_JOBS_MAX]; /* each worker's, as it ends */
	uint32_t out_ok[MC_JOBS_MAX];
};

/* -j: the table in use is now shared_table[@gen] */
static void mc_shared_use(struct mc *mc, uint32_t gen)
{
	mc->gen = gen;
	mc->table = mc->shared_table[gen];
	mc->mask = mc->shared_slots[gen] - 1;
}

/* -j: the slots of the full table into the next one (every other worker
 * waits in mc_shared_sync()), and the full one's memory given back */
static void mc_shared_migrate(struct mc *mc)
{
	const struct mc_slot *from = mc->shared_table[mc->gen];
	uint64_t nfrom = mc->shared_slots[mc->gen], n = 0;
	struct mc_slot *to = mc->shared_table[mc->gen + 1];
	uint64_t mask = mc->shared_slots[mc->gen + 1] - 1;

	for (uint64_t i = 0; i < nfrom; i++) {
		uint64_t j;

		if (!from[i].hash)
			continue;
		for (j = from[i].hash & mask; to[j].hash; j = (j + 1) & mask)
			;
		to[j] = from[i];
		n++;
	}
	mc->sh->nr = n;
#ifdef MADV_REMOVE
	madvise(mc->shared_table[mc->gen], nfrom * sizeof(*from), MADV_REMOVE);
#endif
}

/* -j: waiting for the other workers; a sched_yield() spin at first, then
 * naps (a worker may be stopped, or slow to notice) */
static void mc_backoff(unsigned spin)
{
	struct timespec ts = {0, 200000};

	if (spin < 1000)
		sched_yield();
	else
		nanosleep(&ts, NULL);
}

/*
 * -j: a worker asked for a larger table.  Every worker still searching
 * stops here, between two visits; the last to arrive (or, if a worker
 * finished meanwhile, the first to see that all the others have) moves
 * the slots into the next size, and all go on with it.  A worker asked to
 * stop meanwhile leaves (-1), taking the lock the mover takes so that it
 * is not counted in a move under way; the mover publishes the new table
 * before it lets go of the lock.
 */
static int mc_shared_sync(struct mc *mc)
{
	struct mc_shared *sh = mc->sh;
	uint32_t gen = mc->gen, zero = 0;

	__atomic_add_fetch(&sh->arrived, 1, __ATOMIC_ACQ_REL);
	for (unsigned spin = 0;
	     __atomic_load_n(&sh->gen, __ATOMIC_ACQUIRE) == gen; spin++) {
		bool all = __atomic_load_n(&sh->arrived, __ATOMIC_ACQUIRE) >=
			   __atomic_load_n(&sh->active, __ATOMIC_ACQUIRE);

		if ((all || interrupt__signo()) &&
		    __atomic_compare_exchange_n(&sh->migrating, &zero, 1, false,
						__ATOMIC_ACQ_REL,
						__ATOMIC_ACQUIRE)) {
			if (__atomic_load_n(&sh->gen, __ATOMIC_ACQUIRE) !=
			    gen) {
				/* moved meanwhile */
				__atomic_store_n(&sh->migrating, 0,
						 __ATOMIC_RELEASE);
				break;
			}
			if (!all) {
				__atomic_sub_fetch(&sh->arrived, 1,
						   __ATOMIC_ACQ_REL);
				__atomic_store_n(&sh->migrating, 0,
						 __ATOMIC_RELEASE);
				mc_interrupted(mc);
				return -1;
			}
			mc_shared_migrate(mc);
			__atomic_store_n(&sh->arrived, 0, __ATOMIC_RELAXED);
			__atomic_store_n(&sh->grow, 0, __ATOMIC_RELAXED);
			__atomic_store_n(&sh->gen, gen + 1, __ATOMIC_RELEASE);
			__atomic_store_n(&sh->migrating, 0, __ATOMIC_RELEASE);
			break;
		}
		zero = 0;
		mc_backoff(spin);
	}
	mc_shared_use(mc, gen + 1);
	mc->shared_pending = 0; /* the move counted every slot */
	return 0;
}

/* -j: this worker's search is over: the others no longer wait for it (the
 * parent does the same for a worker that died) */
static void mc_shared_leave(struct mc *mc)
{
	uint32_t zero = 0;

	__atomic_add_fetch(&mc->sh->nr, mc->shared_pending, __ATOMIC_RELAXED);
	mc->shared_pending = 0;
	if (__atomic_compare_exchange_n(&mc->sh->left[mc->worker], &zero, 1,
					false, __ATOMIC_ACQ_REL,
					__ATOMIC_ACQUIRE))
		__atomic_sub_fetch(&mc->sh->active, 1, __ATOMIC_ACQ_REL);
}

/*
 * -j: the end of iteration @limit: wait until every worker still searching
 * has finished it too, so that no two work in different iterations (a
 * slot's iteration stamp would flip between them, and each count the
 * state).  Growths go on meanwhile.  -1: asked to stop.
 */
static int mc_barrier(struct mc *mc, int limit)
{
	struct mc_shared *sh = mc->sh;

	for (unsigned spin = 0;; spin++) {
		int k = 0;

		while (k < mc->jobs &&
		       (__atomic_load_n(&sh->left[k], __ATOMIC_ACQUIRE) ||
			__atomic_load_n(&sh->done[k], __ATOMIC_ACQUIRE) >=
				(uint32_t)limit))
			k++;
		if (k == mc->jobs)
			return 0;
		if (__atomic_load_n(&sh->grow, __ATOMIC_ACQUIRE) &&
		    mc_shared_sync(mc))
			return -1;
		if (interrupt__signo()) {
			mc_interrupted(mc);
			return -1;
		}
		mc_backoff(spin);
	}
}

/*
 * mc_visit() on a table the -j workers share: the same decisions, made
 * with compare-and-swap, so that exactly one worker counts a state in an
 * iteration (a slot claimed but its meta not yet written is waited for:
 * meta is never 0 once written).  A table 90% full, or one where a probe
 * runs long, grows (mc_shared_sync()) while a larger size is left; after
 * the last, -1.  -2: asked to stop.
 */
int mc_visit_shared(struct mc *mc, uint64_t h, int depth, uint64_t *sleep,
		    uint64_t *only)
{
	struct mc_shared *sh = mc->sh;
	uint8_t iter = (uint8_t)mc->iter;
	uint64_t i;

again:
	if (__atomic_load_n(&sh->grow, __ATOMIC_ACQUIRE) && mc_shared_sync(mc))
		return -2;
	i = h & mc->mask;
	for (uint64_t probe = 0; probe < MC_MAX_PROBE;
	     probe++, i = (i + 1) & mc->mask) {
		struct mc_slot *sl = &mc->table[i];
		uint64_t cur = __atomic_load_n(&sl->hash, __ATOMIC_ACQUIRE);
		uint64_t m, nm;
		int ret;

		if (!cur) {
			uint64_t n = __atomic_load_n(&sh->nr, __ATOMIC_RELAXED);

			if (n * 10 > (mc->mask + 1) * 9)
				break;
			if (__atomic_compare_exchange_n(&sl->hash, &cur, h,
							false, __ATOMIC_ACQ_REL,
							__ATOMIC_ACQUIRE)) {
				__atomic_store_n(&sl->meta,
						 META(depth, iter, *sleep),
						 __ATOMIC_RELEASE);
				/* in batches: one cache line written by
				 * every worker at every store would cost
				 * more than the search */
				if (++mc->shared_pending == MC_SHARED_BATCH) {
					__atomic_add_fetch(&sh->nr,
							   MC_SHARED_BATCH,
							   __ATOMIC_RELAXED);
					mc->shared_pending = 0;
				}
				mc->iter_states++;
				mc->visit_new = true;
				return 1;
			}
		}
		if (cur != h)
			continue;
		m = __atomic_load_n(&sl->meta, __ATOMIC_ACQUIRE);
		for (unsigned spin = 0; !m; spin++) {
			if (interrupt__signo()) {
				mc_interrupted(mc);
				return -2;
			}
			mc_backoff(spin);
			m = __atomic_load_n(&sl->meta, __ATOMIC_ACQUIRE);
		}
		do {
			uint64_t sl_sleep = *sleep, sl_only = 0;

			ret = mc_meta_visit(m, depth, iter, &sl_sleep, &sl_only,
					    &nm);
			if (!ret)
				return 0;
			if (__atomic_compare_exchange_n(&sl->meta, &m, nm,
							false, __ATOMIC_ACQ_REL,
							__ATOMIC_ACQUIRE)) {
				mc->iter_states += META_ITER(m) != iter;
				*sleep = sl_sleep;
				*only = sl_only;
				return ret;
			}
		} while (1);
	}
	if ((int)mc->gen + 1 >= mc->shared_gens)
		return -1;
	__atomic_store_n(&sh->grow, 1, __ATOMIC_RELEASE);
	goto again;
}

static void mc_test_hooks(struct mc *mc, int limit);

void mc_shared_begin(struct mc *mc, int limit)
{
	__atomic_store_n(&mc->sh->limit[mc->worker], (uint32_t)limit,
			 __ATOMIC_RELEASE);
	mc_test_hooks(mc, limit);
}

void mc_shared_counts(struct mc *mc, int limit)
{
	struct mc_iter_stats *it = &mc->sh->iter[mc->worker][limit];

	it->states = mc->iter_states;
	it->transitions = mc->res->stats.transitions;
	it->slept = mc->res->stats.slept;
	it->noop = mc->res->stats.noop;
}

int mc_shared_done(struct mc *mc, int limit)
{
	__atomic_store_n(&mc->sh->done[mc->worker], (uint32_t)limit,
			 __ATOMIC_RELEASE);
	return limit < mc->depth_bound ? mc_barrier(mc, limit) : 0;
}

/*
 * -j N: N processes sharing one visited table (MAP_SHARED mappings,
 * slots claimed by compare-and-swap), dealing the successors of the
 * states at MC_SPLIT_DEPTH round-robin; a state one worker stored is not
 * expanded again by another at the same or a greater depth.  The table
 * grows as one process's does, fourfold at 90%, with every worker stopped
 * while one moves the slots (mc_shared_sync()).  The workers deepen
 * together: none starts limit L + 1 before all have finished L
 * (mc_barrier()), so a state is counted once an iteration, by the worker
 * that stamped it, and the counts of an iteration are the sums of the
 * workers' (struct mc_shared: the parent has them even from a worker that
 * died).  Which worker finds a violation first depends on timing, its
 * length does not, so a violation of length L is searched again by one
 * process at limit L alone: the counterexample printed is the same on
 * every run.  The processes themselves: check-jobs.c.
 */
static void mc_workers_unmap(struct mc *mc)
{
	for (int g = 0; g < mc->shared_gens; g++)
		munmap(mc->shared_table[g],
		       mc->shared_slots[g] * sizeof(struct mc_slot));
	if (mc->sh)
		munmap(mc->sh, sizeof(*mc->sh));
	mc->sh = NULL;
	mc->shared_gens = 0;
	mc->table = NULL;
	mc->shared = false;
	mc->jobs = 1;
}

/* the tests' failing worker (git's GIT_TEST_* way):
 * AUXSIM_TEST_ABORT_WORKER=K aborts worker K as it starts, =K:L as it
 * begins depth limit L, once the others are done with L;
 * AUXSIM_TEST_HANG_WORKER=K makes it ignore SIGINT and SIGTERM and sleep */
static void mc_test_hooks(struct mc *mc, int limit)
{
	const char *t = getenv(limit ? "AUXSIM_TEST_ABORT_WORKER"
				     : "AUXSIM_TEST_HANG_WORKER");
	const char *colon;
	sigset_t set;

	if (!t || !*t || atoi(t) != mc->worker)
		return;
	if (!limit) {
		sigemptyset(&set);
		sigaddset(&set, SIGINT);
		sigaddset(&set, SIGTERM);
		sigprocmask(SIG_BLOCK, &set, NULL);
		for (;;)
			pause();
	}
	colon = strchr(t, ':');
	if (!colon && limit == mc->first_limit)
		abort();
	if (!colon || atoi(colon + 1) != limit)
		return;
	for (int k = 0; k < mc->jobs; k++)
		while (k != mc->worker &&
		       !__atomic_load_n(&mc->sh->left[k], __ATOMIC_ACQUIRE) &&
		       __atomic_load_n(&mc->sh->done[k], __ATOMIC_ACQUIRE) <
			       (uint32_t)limit)
			mc_backoff(0);
	abort();
}

/* in worker @k: its share of the search, its result into the shared
 * mapping; the exit status */
static int mc_worker(int k, void *arg)
{
	struct mc *mc = arg;
	char e[256] = "";
	int r;

	mc->worker = k;
	mc_test_hooks(mc, 0);
	r = mc_search(mc, e, sizeof(e));
	mc_shared_leave(mc);
	if (r)
		return 3;
	mc->sh->out[k] = *mc->res;
	__atomic_store_n(&mc->sh->out_ok[k], 1, __ATOMIC_RELEASE);
	return 0;
}

struct mc_watch {
	struct mc *mc;
	bool stopped; /* the search was stopped because of a worker's end */
	int signo;    /* a worker's own SIGINT or SIGTERM ended the search */
};

/* in the parent, as worker @k ends: true when that ends the search */
static bool mc_worker_ended(void *arg, int k, int status)
{
	struct mc_watch *w = arg;
	struct mc_shared *sh = w->mc->sh;
	const struct mc_result *r = &sh->out[k];
	uint32_t zero = 0;

	if (!WIFEXITED(status) || WEXITSTATUS(status) ||
	    !__atomic_load_n(&sh->out_ok[k], __ATOMIC_ACQUIRE)) {
		/* it died: the others must not wait for it at a growth or
		 * at the end of an iteration (they are stopped anyway) */
		if (__atomic_compare_exchange_n(&sh->left[k], &zero, 1, false,
						__ATOMIC_ACQ_REL,
						__ATOMIC_ACQUIRE))
			__atomic_sub_fetch(&sh->active, 1, __ATOMIC_ACQ_REL);
		w->stopped = true;
		return true;
	}
	if (r->stats.complete)
		return false;
	/* a violation, the table full, or a signal to this worker alone */
	if (r->stats.interrupted && !w->stopped && !interrupt__signo())
		w->signo = r->stats.interrupted;
	w->stopped = true;
	return true;
}

/* the workers' results, summed as one process would have counted */
static void mc_workers_sum(struct mc *mc, const struct mc_jobs *jobs,
			   const struct mc_watch *w)
{
	struct mc_shared *sh = mc->sh;
	struct mc_result *res = mc->res;
	uint32_t limit = 0, done = UINT32_MAX;
	bool complete = true;

	memset(res, 0, sizeof(*res));
	for (int k = 0; k < jobs->n; k++) {
		const struct mc_job *j = &jobs->job[k];
		const struct mc_result *part = &sh->out[k];

		if (sh->limit[k] > limit)
			limit = sh->limit[k];
		if (sh->done[k] < done)
			done = sh->done[k];
		if (j->killed || WIFSIGNALED(j->status) ||
		    !WIFEXITED(j->status) || WEXITSTATUS(j->status) ||
		    !sh->out_ok[k]) {
			res->stats.lost[k] = j->killed ? MC_LOST_HUNG
					     : WIFSIGNALED(j->status)
						     ? WTERMSIG(j->status)
						     : MC_LOST_FAILED;
			res->stats.nr_lost++;
			complete = false;
			continue;
		}
		if (part->violated &&
		    (!res->violated || part->v.length < res->v.length)) {
			res->violated = true;
			res->v = part->v;
		}
		if (part->stats.depth > res->stats.depth)
			res->stats.depth = part->stats.depth;
		res->stats.table_full |= part->stats.table_full;
		complete &= part->stats.complete;
	}
	res->stats.interrupted =
		interrupt__signo() ? interrupt__signo() : w->signo;
	res->stats.complete =
		complete && !res->violated && !res->stats.interrupted;
	/* the iteration in progress (or the last), and the last finished */
	for (int k = 0; k < jobs->n && limit <= MC_MAX_DEPTH; k++) {
		const struct mc_iter_stats *it = &sh->iter[k][limit];

		res->stats.states += it->states;
		res->stats.transitions += it->transitions;
		res->stats.slept += it->slept;
		res->stats.noop += it->noop;
	}
	if (done >= (uint32_t)mc->first_limit && done <= MC_MAX_DEPTH) {
		res->stats.depth_done = (int)done;
		for (int k = 0; k < jobs->n; k++)
			res->stats.states_done += sh->iter[k][done].states;
	}
}

int mc_workers(struct mc *mc, char *err, int errlen)
{
	struct mc_result *res = mc->res;
	struct mc_watch watch = {.mc = mc};
	struct mc_jobs jobs;
	int ret = 0;
	uint64_t cap = 1, slots;

	while (cap < mc->cfg->max_states)
		cap <<= 1;
	/* every size the table may grow to, from MC_SHARED_FIRST slots by
	 * four up to --max-states: a shared mapping gets no huge pages
	 * here, and a table larger than the search costs more in page
	 * faults and TLB misses than the search */
	mc->sh = mmap(NULL, sizeof(*mc->sh), PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (mc->sh == MAP_FAILED) {
		mc->sh = NULL;
		snprintf(err, errlen, "cannot map the workers' shared state");
		return -ENOMEM;
	}
	slots = cap < MC_SHARED_FIRST ? cap : MC_SHARED_FIRST;
	for (;;) {
		void *map =
			mmap(NULL, slots * sizeof(struct mc_slot),
			     PROT_READ | PROT_WRITE,
			     MAP_SHARED | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

		if (map == MAP_FAILED || mc->shared_gens == MC_SHARED_GENS) {
			if (map != MAP_FAILED)
				munmap(map, slots * sizeof(struct mc_slot));
			snprintf(err, errlen,
				 "cannot map the shared visited "
				 "table (%llu slots)",
				 (unsigned long long)slots);
			mc_workers_unmap(mc);
			return -ENOMEM;
		}
		mc->shared_table[mc->shared_gens] = map;
		mc->shared_slots[mc->shared_gens++] = slots;
		if (slots == cap)
			break;
		slots = slots * 4 < cap ? slots * 4 : cap;
	}
	mc->jobs = mc->cfg->jobs < MC_JOBS_MAX ? mc->cfg->jobs : MC_JOBS_MAX;
	mc->sh->active = (uint32_t)mc->jobs;
	mc_shared_use(mc, 0);
	mc->shared = true;
	mc->shared_pending = 0;
	ret = mc_jobs__start(&jobs, mc->jobs, mc_worker, mc, err, errlen);
	if (ret) {
		mc_workers_unmap(mc);
		return ret;
	}
	mc_jobs__wait(&jobs, mc_worker_ended, &watch);
	mc_workers_sum(mc, &jobs, &watch);
	if (res->stats.complete) {
		uint64_t stored = 0;

		mc_shared_use(mc, mc->sh->gen);
		for (uint64_t i = 0; i <= mc->mask; i++)
			stored += mc->table[i].hash != 0;
		mc_at_depth(mc, res->stats.at_depth);
#if defined(MODEL_TESTING)
		if (stored != res->stats.states) {
			fprintf(stderr,
				"auxsim-check: internal error: -j "
				"counted %llu states, stored %llu\n",
				(unsigned long long)res->stats.states,
				(unsigned long long)stored);
			abort();
		}
#endif
		res->stats.states = stored;
	}
	mc_workers_unmap(mc);
	if (res->violated && !res->stats.interrupted) {
		/* the same counterexample every time: limit L, one process */
		struct mc_stats st = res->stats;
		struct mc_violation v = res->v;

		mc->first_limit = res->v.length > 0 ? res->v.length : 1;
		res->violated = false;
		mc->stop = false;
		ret = mc_search(mc, err, errlen);
		if (!res->violated) /* interrupted meanwhile */
			res->v = v;
		res->violated = true;
		st.interrupted = res->stats.interrupted;
		st.complete = false;
		res->stats = st;
	}
	return ret;
}
