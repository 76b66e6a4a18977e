/* SPDX-License-Identifier: GPL-2.0 */
/*
 * include/linux/perf/arm_pmu.h - the per-CPU state of the CPU PMU.
 */
#ifndef AUXSIM_LINUX_PERF_ARM_PMU_H
#define AUXSIM_LINUX_PERF_ARM_PMU_H

#include <stdint.h>

/* drivers/perf/arm_pmu.c: struct pmu_hw_events, per CPU */
struct pmu_hw_events {
	uint8_t used_mask; /* counters in use: bit 0 the cycle counter */
};

#endif /* AUXSIM_LINUX_PERF_ARM_PMU_H */
