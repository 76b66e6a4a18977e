/* SPDX-License-Identifier: GPL-2.0 */
/*
 * perf/arm-spe-data.h - what perf 6.1 writes for an arm_spe_0 session that
 * cs_etm's does not (perf/data.c writes the rest of the file, the same for
 * both): the SPE evsel's attr, PERF_RECORD_TIME_CONV and the
 * PERF_RECORD_AUXTRACE_INFO of type PERF_AUXTRACE_ARM_SPE; the AUX bytes
 * are model/arm-spe-trace.h's.
 */
#ifndef AUXSIM_PERF_ARM_SPE_DATA_H
#define AUXSIM_PERF_ARM_SPE_DATA_H

#include <stdbool.h>
#include <stdint.h>

#include "lib/bytebuf.h"
#include "sim/sim.h"

/* is @pmu (a scenario event's) the SPE PMU? */
bool arm_spe_data__is_spe(const char *pmu);
/* is the session's AUX area evsel arm_spe_0? */
bool arm_spe_data__session(const struct sim_result *res);
/* does the SPE output carry Timestamp packets (attr.config ts_enable)? */
bool arm_spe_data__timestamps(const struct sim_result *res);

/* the attr fields of SPE event @e (a scenario -e event) perf opens */
struct arm_spe_attr {
	uint32_t type;
	uint64_t config, config1, config2, sample_period, sample_type;
};
void arm_spe_data__attr(const struct sim_result *res, int e,
			uint64_t sample_type, struct arm_spe_attr *a);

/* PERF_RECORD_TIME_CONV, then PERF_RECORD_AUXTRACE_INFO, into @b */
void arm_spe_data__info(const struct sim_result *res, struct bytebuf *b);

#endif /* AUXSIM_PERF_ARM_SPE_DATA_H */
