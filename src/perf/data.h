/* SPDX-License-Identifier: GPL-2.0 */
/*
 * perf/data.h - the perf.data the modelled `perf record` writes
 * (tools/perf/util/header.c perf_session__write_header(), builtin-record.c
 * record__write(), util/auxtrace.c and arch/arm/util/cs-etm.c for the
 * AUXTRACE records and cs_etm's AUXTRACE_INFO), with trace bytes made from
 * the run's extents (etm4x-trace.h) only here.
 *
 * Invariants:
 *  - the file is written to a temporary file and renamed: never a partial
 *    FILE;
 *  - the same run gives the same bytes.
 */
#ifndef AUXSIM_PERF_DATA_H
#define AUXSIM_PERF_DATA_H

#include "../sim.h"

/* 0, or -errno with @err set */
int perf_data__write(const char *path, const struct sim_result *res,
		     char *err, int errlen);

#endif /* AUXSIM_PERF_DATA_H */
