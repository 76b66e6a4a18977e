/* SPDX-License-Identifier: GPL-2.0 */
/*
 * perf/data.h - the perf.data the modelled `perf record` writes
 * (tools/perf/util/header.c perf_session__write_header(), builtin-record.c
 * record__write(), util/auxtrace.c and arch/arm/util/cs-etm.c for the
 * AUXTRACE records and cs_etm's AUXTRACE_INFO), with trace bytes made from
 * the run's extents (etm4x-trace.h) only here.
 *
 * Invariants:
 *  - the file is written under no name and named when complete
 *    (atomic-file.h): never a partial FILE, and never one without its ELF;
 *  - the same run gives the same bytes.
 */
#ifndef AUXSIM_PERF_DATA_H
#define AUXSIM_PERF_DATA_H

#include "sim/sim.h"

/* attr.config of the cs_etm event, as perf opened it (0: none) */
uint64_t perf_data__cs_etm_config(const struct sim_result *res);
/* does the trace carry timestamps (ETM_OPT_TS, TRCCONFIGR.TS)? */
bool perf_data__timestamps(const struct sim_result *res);
/* the virtual clock of piece @p's stream, for its timestamps */
struct etm4x_clock;
void perf_data__clock(const struct sim_result *res, const struct sim_piece *p,
		      struct etm4x_clock *clk);

/*
 * The perf.data at @path and its ELF (elf.h), named together at the end.
 * 0, or -errno with @err set: -E2BIG past AUXSIM_MAX_PERF_DATA_BYTES and
 * -ENOSPC when the filesystem has not the room (both before a byte is
 * written), -EINTR when a SIGINT/SIGTERM came while it was written (the
 * write stops within a MiB), a failed call's errno.  *@captured (if not
 * NULL): the bytes perf record reports as "Captured and wrote" (the header
 * and the data), set once measured, written or not.
 */
int perf_data__write(const char *path, const struct sim_result *res,
		     uint64_t *captured, char *err, int errlen);
/* the same figure for a perf.data naming /usr/bin/COMM, without writing */
uint64_t perf_data__size(const struct sim_result *res);

#endif /* AUXSIM_PERF_DATA_H */
