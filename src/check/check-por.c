// SPDX-License-Identifier: GPL-2.0
/*
 * check-por.c - partial-order reduction: what each step of the alphabet
 * touches (its footprint) and which steps commute, for the sleep sets of
 * mc_dfs() (check-search.c; mc_indep(), check-internal.h).
 */
#include <string.h>

#include "check/check-internal.h"

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

void mc_alphabet(struct mc *mc)
{
	int nsleep;

	mc->nalpha =
		mc_candidates(&mc->work, mc->bound, mc->alpha, MC_ALPHA_MAX);
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
