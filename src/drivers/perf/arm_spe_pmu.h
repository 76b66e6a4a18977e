/* SPDX-License-Identifier: GPL-2.0 */
/*
 * arm_spe_pmu.h - the per-CPU state of the SPE PMU (arm_spe_pmu.c).
 */
#ifndef AUXSIM_ARM_SPE_PMU_H
#define AUXSIM_ARM_SPE_PMU_H

#include <stdint.h>

#include "include/linux/perf_event.h"

/* arm_spe_pmu.c: the per-CPU handle and buffer state (PMBLIMITR.E) */
struct arm_spe_cpu {
	struct perf_output_handle handle;
	int8_t enabled; /* profiling buffer enabled */
	uint64_t ptr; /* PMBPTR - (base + PERF_IDX2OFF(head)): bytes written */
};

#endif /* AUXSIM_ARM_SPE_PMU_H */
