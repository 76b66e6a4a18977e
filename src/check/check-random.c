// SPDX-License-Identifier: GPL-2.0
/*
 * check-random.c - --random: random walks with a per-run mix of step kinds
 * (swarm), and the greedy shrinking of the counterexample one finds.
 */
#include <string.h>

#include "check/check-internal.h"
#include "lib/interrupt.h"

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
		if (mc_walk_violates(mc, trial, n, v->invariant, kept,
				     &nkept)) {
			memcpy(v->steps, kept, (size_t)nkept * sizeof(kept[0]));
			v->length = nkept;
		}
	}
}

void mc_random(struct mc *mc)
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
