// SPDX-License-Identifier: GPL-2.0
/*
 * pmus.c - the table of PMUs and the table of CoreSight sinks.
 *
 * The kernel finds an event's PMU by attr.type among the registered PMUs
 * (kernel/events/core.c: perf_init_event()) and keeps a pointer to it in the
 * event; the model keeps the PMU's id (enum model_pmu) in the event's state
 * instead, and this table maps the id to the PMU's operations.  A new PMU is
 * its driver file, which defines its const struct pmu, plus an id and an
 * entry here.  Sinks likewise: their driver defines its const struct
 * coresight_ops_sink, and gets an id and an entry here.
 */
#include "model/model.h"
#include "model/pmus.h"

static const struct pmu *const pmus[] = {
	[PMU_CS_ETM] = &etm_pmu,
	[PMU_DUMMY] = &perf_swevent_dummy,
	[PMU_ARMV8] = &armv8_pmuv3_pmu,
	[PMU_ARM_SPE] = &arm_spe_pmu,
	[PMU_TRACEPOINT] = &perf_tracepoint,
};

static int nop_add(struct aux_model *m, int event, int flags)
{
	return 0;
}

static void nop_op(struct aux_model *m, int event, int flags)
{
}

/* what an event of no known PMU (PMU_NONE) gets: callbacks that do
 * nothing (perf_event_open() does not refuse it) */
static const struct pmu no_pmu = {
	.name = "none",
	.task_ctx_nr = perf_sw_context,
	.add = nop_add,
	.del = nop_op,
	.start = nop_op,
	.stop = nop_op,
};

const struct pmu *perf_pmu(int pmu)
{
	if (pmu < 0 || pmu >= (int)(sizeof(pmus) / sizeof(pmus[0])) ||
	    !pmus[pmu])
		return &no_pmu;
	return pmus[pmu];
}

uint32_t pmu_capabilities(const struct aux_model *m, int pmu)
{
	const struct pmu *p = perf_pmu(pmu);
	uint32_t caps = p->capabilities;

	if (p->feature_caps && kernel_has(m, p->caps_feature))
		caps |= p->feature_caps;
	return caps;
}

/* event->pmu->add() and the like, for callers outside the core (the
 * tests, the checker's steps) */
int pmu_add(struct aux_model *m, int event, int flags)
{
	return perf_pmu(m->s.event[event].pmu)->add(m, event, flags);
}

void pmu_del(struct aux_model *m, int event, int flags)
{
	perf_pmu(m->s.event[event].pmu)->del(m, event, flags);
}

void pmu_start(struct aux_model *m, int event, int flags)
{
	perf_pmu(m->s.event[event].pmu)->start(m, event, flags);
}

void pmu_stop(struct aux_model *m, int event, int flags)
{
	perf_pmu(m->s.event[event].pmu)->stop(m, event, flags);
}

/* ---- sinks ---- */

static const struct coresight_ops_sink *const coresight_sinks[NR_CS_SINKS] = {
	[CS_SINK_TMC_ETR] = &tmc_etr_sink_ops,
};

/*
 * Every modelled machine routes each CPU's ETM through funnels (and an ETF
 * used as a link) to its one TMC-ETR, so the default sink of every CPU is
 * the ETR.  A machine with per-CPU sinks (TRBE) or an ETF as the sink will
 * name its sink per CPU in its preset, and this looks it up.
 */
const struct coresight_ops_sink *coresight_sink_ops(const struct aux_model *m,
						    int cpu)
{
	return coresight_sinks[CS_SINK_TMC_ETR];
}
