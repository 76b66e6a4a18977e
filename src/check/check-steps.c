// SPDX-License-Identifier: GPL-2.0
/*
 * check-steps.c - the checker's steps: every step a scenario can take (the
 * alphabet, step.h), and a step applied to an explored state, its bounds
 * counted.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/check-internal.h"

/* every step a scenario can take (enabled or not), NMIs last */
int mc_candidates(const struct aux_model *m, const uint8_t *bound,
		  struct step *out, int max)
{
	const struct perf_tool *tool = &m->s.tool;
	int n = 0, base;

#define ADD(k, c, a)                                                           \
	do {                                                                   \
		if (n < max)                                                   \
			out[n++] = (struct step){.kind = (k),                  \
						 .cpu = (int8_t)(c),           \
						 .arg = (int8_t)(a),           \
						 .nmi_evsel = -1};             \
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
int mc_apply(struct mc *mc, const struct mc_state *from, const struct step *st,
	     uint8_t *used)
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

/* apply @st to a copy of @from into @to; -1 if not enabled */
int mc_successor(struct mc *mc, const struct mc_state *from,
		 const struct step *st, struct mc_state *to)
{
	mc->work_src = NULL; /* callers change *from in place */
	if (mc_apply(mc, from, st, to->used))
		return -1;
	to->s = mc->work.s;
	return 0;
}
