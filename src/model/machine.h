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

/*
 * A cache of a CPU, as the kernel's cacheinfo shows it under
 * /sys/devices/system/cpu/cpuN/cache/indexM (the device tree's cache
 * properties): ways = size / (line * sets).
 */
struct machine_cache {
	uint8_t level;
	char type; /* 'D'ata, 'I'nstruction, 'U'nified */
	bool cluster; /* shared by the CPU's cluster, else private */
	uint32_t size, line, sets;
};

#define MACHINE_MAX_CACHES 4

struct machine_cpu {
	const char *type; /* "cortex-a57" */
	uint64_t rate; /* trace bytes/s while the traced task runs */
	uint64_t hz; /* core clock: the cycles counter's rate */
	bool has_etm;
	bool has_spe; /* Statistical Profiling Extension (arm_spe_0) */
	uint32_t trcidr[4]; /* TRCIDR0, 1, 2, 8 for AUXTRACE_INFO; 0 = not yet modelled */
	/* MIDR_EL1 (variant and revision 0: perf clears them) */
	uint32_t midr;
	/* cacheinfo's index order: L1 data, L1 instruction, L2 */
	struct machine_cache caches[MACHINE_MAX_CACHES];
};

/* the driver modules a PMU of the machine needs, loaded */
struct machine_pmu_modules {
	const char *pmu; /* a perf PMU name or its prefix: "cs_etm", "arm_spe" */
	const char *modules; /* as "Modules linked in:" lists them */
};

#define MACHINE_MAX_PMU_MODULES 4

/* a range of RAM (the device tree's memory node) */
struct machine_ram {
	uint64_t start, size;
};

#define MACHINE_MAX_RAM 4

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
	/*
	 * What perf record reads from the board for the perf.data header
	 * (perf/header.c): uname's nodename; each CPU's cluster in the
	 * device tree's cpu-map (its core number there is its rank among
	 * the cluster's CPUs); /proc/meminfo's MemTotal and MemFree; the
	 * RAM ranges.
	 */
	const char *hostname;
	uint8_t cluster[AUXSIM_MAX_CPUS];
	uint64_t mem_total_kb, mem_free_kb;
	struct machine_ram ram[MACHINE_MAX_RAM];
};

extern const struct machine machines[];

const struct machine *machine__find(const char *name);
void machine__names(char *buf, int len);
/* the machine name closest to @word (suggest.h), or NULL */
const char *machine__closest(const char *word);

#endif /* AUXSIM_MACHINE_H */
