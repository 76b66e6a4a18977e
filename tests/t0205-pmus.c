// SPDX-License-Identifier: GPL-2.0
/*
 * t0205-pmus: the PMU and sink tables of model/pmus.c.  Every PMU the core
 * may meet has the four callbacks the core calls without checking (add,
 * del, start, stop); an AUX PMU has setup_aux and free_aux together; the
 * capabilities each driver registers follow the kernel variant; every CPU's
 * ETM reaches a sink with all five operations.
 */
#include "fixture.h"
#include "model/pmus.h"

static const struct {
	int id;
	const struct pmu *pmu;
	const char *name;
	bool aux;
	int task_ctx_nr;
} expect[] = {
	{ PMU_CS_ETM, &etm_pmu, "cs_etm", true, perf_sw_context },
	{ PMU_DUMMY, &perf_swevent_dummy, "software", false, perf_sw_context },
	{ PMU_ARMV8, &armv8_pmuv3_pmu, "armv8_pmuv3_0", false,
	  perf_hw_context },
	{ PMU_ARM_SPE, &arm_spe_pmu, "arm_spe_0", true, perf_sw_context },
	{ PMU_TRACEPOINT, &perf_tracepoint, "tracepoint", false,
	  perf_sw_context },
};

static void test_table(void)
{
	for (size_t i = 0; i < sizeof(expect) / sizeof(expect[0]); i++) {
		const struct pmu *p = perf_pmu(expect[i].id);

		ok(p == expect[i].pmu, "id %d is %s", expect[i].id,
		   expect[i].name);
		is_str(p->name, expect[i].name, "%s: its name", expect[i].name);
		ok(p->add && p->del && p->start && p->stop,
		   "%s: add, del, start and stop", p->name);
		ok(!p->setup_aux == !p->free_aux,
		   "%s: setup_aux and free_aux together", p->name);
		ok(!!p->setup_aux == expect[i].aux, "%s: %s", p->name,
		   expect[i].aux ? "an AUX PMU" : "no AUX area");
		is_int(p->task_ctx_nr, expect[i].task_ctx_nr,
		       "%s: its task context", p->name);
	}
	for (int id = -1; id <= PMU_TRACEPOINT + 1; id += PMU_TRACEPOINT + 1) {
		const struct pmu *p = perf_pmu(id);

		ok(p && p->add && p->del && p->start && p->stop &&
			   !p->setup_aux,
		   "id %d: a PMU that does nothing, not NULL", id);
	}
	ok(perf_pmu(PMU_NONE)->add && !perf_pmu(PMU_NONE)->setup_aux,
	   "PMU_NONE: a PMU that does nothing");
}

static void test_capabilities(void)
{
	struct fixture fx;

	fx_init(&fx, "v6.1", 0, "perf-6.1");
	is_int(pmu_capabilities(&fx.m, PMU_CS_ETM),
	       PERF_PMU_CAP_EXCLUSIVE | PERF_PMU_CAP_ITRACE,
	       "v6.1: cs_etm cannot pause");
	is_int(pmu_capabilities(&fx.m, PMU_ARM_SPE),
	       PERF_PMU_CAP_EXCLUSIVE | PERF_PMU_CAP_ITRACE,
	       "v6.1: arm_spe_0 cannot pause");
	is_int(pmu_capabilities(&fx.m, PMU_ARMV8), 0,
	       "v6.1: armv8_pmuv3_0 has none of the modelled capabilities");
	fx_init(&fx, "v7.1", 0, "perf-7.1");
	is_int(pmu_capabilities(&fx.m, PMU_CS_ETM),
	       PERF_PMU_CAP_EXCLUSIVE | PERF_PMU_CAP_ITRACE |
		       PERF_PMU_CAP_AUX_PAUSE,
	       "v7.1: cs_etm can pause (v6.16)");
	is_int(pmu_capabilities(&fx.m, PMU_ARM_SPE),
	       PERF_PMU_CAP_EXCLUSIVE | PERF_PMU_CAP_ITRACE,
	       "v7.1: arm_spe_0 still cannot pause");
}

static void test_sinks(void)
{
	struct fixture fx;

	fx_init(&fx, "v6.1", 0, "perf-6.1");
	for (int cpu = 0; cpu < fx.mc.nr_cpus; cpu++) {
		const struct coresight_ops_sink *s =
			coresight_sink_ops(&fx.m, cpu);

		ok(s == &tmc_etr_sink_ops, "cpu%d: its ETM reaches the ETR",
		   cpu);
		ok(s->enable && s->disable && s->alloc_buffer &&
			   s->free_buffer && s->update_buffer,
		   "cpu%d: the sink has its five operations", cpu);
	}
}

int main(void)
{
	test_table();
	test_capabilities();
	test_sinks();
	return done_testing();
}
