/* SPDX-License-Identifier: GPL-2.0 */
/*
 * perf/pmu.h - the PMUs of the modelled board as perf sees them under
 * /sys/bus/event_source/devices (tools/perf/util/pmu.c perf_pmu__scan()):
 * each PMU's name, its type (the number perf_pmu_register() gave it) and
 * the files of its caps/ directory.  The perf.data takes from here the
 * cs_etm attr.type and AUXTRACE_INFO's PMU type, and the header its
 * PMU_MAPPINGS and PMU_CAPS.
 *
 * Invariants:
 *  - everything comes from the machine and the kernel variant, never from
 *    the host's /sys;
 *  - the list is in perf's scan order, which is readdir()'s: kernfs
 *    returns a directory's entries by the hash of their names
 *    (fs/kernfs/dir.c kernfs_name_hash()), and so are caps/ files.
 */
#ifndef AUXSIM_PERF_PMU_H
#define AUXSIM_PERF_PMU_H

#include <stdint.h>

#include "model/machine.h"
#include "model/variant.h"

#define PERF_PMU_MAX 16
#define PERF_PMU_MAX_CAPS 8

struct perf_pmu_cap {
	const char *name, *value;
};

struct perf_pmu_desc {
	char name[32];
	uint32_t type;
	struct perf_pmu_cap caps[PERF_PMU_MAX_CAPS]; /* readdir() order */
	int nr_caps;
};

/* the board's PMUs into @pmus, in perf's scan order: how many */
int perf_pmus__list(const struct machine *mc, const struct kernel_variant *k,
		    struct perf_pmu_desc *pmus);
/* the type of PMU @name on the board, 0 if it has none */
uint32_t perf_pmu__type(const struct machine *mc,
			const struct kernel_variant *k, const char *name);
/* fs/kernfs/dir.c kernfs_name_hash() of @name (no namespace) */
unsigned int kernfs_name_hash(const char *name);

#endif /* AUXSIM_PERF_PMU_H */
