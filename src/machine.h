/* SPDX-License-Identifier: GPL-2.0 */
/*
 * machine.h - modelled machines: CPUs, their types and trace rates, and the
 * CoreSight topology that matters to perf (which sinks exist, their sizes).
 *
 * Invariants:
 *  - nr_cpus <= AUXSIM_MAX_CPUS; CPU numbers are Linux logical numbers;
 *  - a CPU with has_etm == 0 has no csdev_src (etm_setup_aux clears it from
 *    the event's mask);
 *  - every rate is trace bytes per second of traced run time, as the ETR
 *    receives them (formatted 16-byte frames included).
 */
#ifndef AUXSIM_MACHINE_H
#define AUXSIM_MACHINE_H

#include <stdbool.h>
#include <stdint.h>

#define AUXSIM_MAX_CPUS 8

struct machine_cpu {
	const char *type; /* "cortex-a57" */
	uint64_t rate; /* trace bytes/s while the traced task runs */
	uint64_t hz; /* core clock: the cycles counter's rate */
	bool has_etm;
	bool has_spe; /* Statistical Profiling Extension (arm_spe_0) */
	uint32_t trcidr[4]; /* TRCIDR0, 1, 2, 8 for AUXTRACE_INFO; 0 = not yet modelled */
};

/* the driver modules a PMU of the machine needs, loaded */
struct machine_pmu_modules {
	const char *pmu; /* a perf PMU name or its prefix: "cs_etm", "arm_spe" */
	const char *modules; /* as "Modules linked in:" lists them */
};

#define MACHINE_MAX_PMU_MODULES 4

struct machine {
	const char *name;
	const char *desc;
	/* dump_stack()'s "Hardware name:": the DMI vendor and product a
	 * UEFI board reports, or a DT's model followed by " (DT)" */
	const char *hw_name;
	/* the modules each PMU of a run loads (none: built in); a splat
	 * lists those of the PMUs the run uses */
	struct machine_pmu_modules pmu_modules[MACHINE_MAX_PMU_MODULES];
	int nr_cpus;
	struct machine_cpu cpus[AUXSIM_MAX_CPUS];
	uint64_t etr_size; /* tmc_etr drvdata->size (DT arm,buffer-size) */
	const char *sink_name; /* "tmc_etr0" */
	unsigned int hz; /* CONFIG_HZ */
	bool pmi_nmi; /* PMU interrupts are pseudo-NMIs (irqchip.gicv3_pseudo_nmi=1) */
	uint32_t pmi_cost_ns; /* a PMI's handling time: the next one waits */
	uint64_t page_size;
};

extern const struct machine machines[];

const struct machine *machine__find(const char *name);
void machine__names(char *buf, int len);

#endif /* AUXSIM_MACHINE_H */
