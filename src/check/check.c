// SPDX-License-Identifier: GPL-2.0
/*
 * check.c - the model checker's entry point (check.h): a search set up
 * from the scenario, its initial state checked, and the search of the
 * mode asked for run (check-search.c, check-bfs.c, check-random.c; -j:
 * check-workers.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check/check-internal.h"
#include "lib/interrupt.h"

/* a SIGINT or SIGTERM came (a -j worker's: from its parent, too): the
 * search stops where it is, its counts so far kept */
void mc_interrupted(struct mc *mc)
{
	mc->stop = true;
	if (!mc->res->stats.interrupted)
		mc->res->stats.interrupted = interrupt__signo();
}

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
