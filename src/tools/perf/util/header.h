/* SPDX-License-Identifier: GPL-2.0 */
/*
 * perf/header.h - the perf.data header's feature sections, as perf 6.1's
 * `perf record` writes them on an arm64 board (tools/perf/util/header.c:
 * feature_ops[] and the write_*() functions; builtin-record.c
 * record__init_features()), so that `perf report --header` shows the
 * modelled run: its command line, kernel, machine and PMUs.
 *
 * Invariants:
 *  - every value comes from the machine, the kernel and perf variants and
 *    the scenario, never from the host running auxsim: the same run gives
 *    the same bytes;
 *  - a feature perf's writer fails to write on the board (CPUDESC: arm64's
 *    /proc/cpuinfo has no "model name"; CPU_PMU_CAPS: no "cpu" PMU;
 *    HYBRID_TOPOLOGY: not a hybrid system to perf 6.1) is set before the
 *    writers run and cleared after: perf_header__adds_write() keeps its
 *    section table entry, zeroed.
 */
#ifndef AUXSIM_PERF_HEADER_H
#define AUXSIM_PERF_HEADER_H

#include <stdint.h>

#include "lib/bytebuf.h"
#include "sim/sim.h"

/* tools/perf/util/header.h (perf 6.1) */
enum perf_header_feat {
	HEADER_TRACING_DATA = 1,
	HEADER_BUILD_ID,
	HEADER_HOSTNAME,
	HEADER_OSRELEASE,
	HEADER_VERSION,
	HEADER_ARCH,
	HEADER_NRCPUS,
	HEADER_CPUDESC,
	HEADER_CPUID,
	HEADER_TOTAL_MEM,
	HEADER_CMDLINE,
	HEADER_EVENT_DESC,
	HEADER_CPU_TOPOLOGY,
	HEADER_NUMA_TOPOLOGY,
	HEADER_BRANCH_STACK,
	HEADER_PMU_MAPPINGS,
	HEADER_GROUP_DESC,
	HEADER_AUXTRACE,
	HEADER_STAT,
	HEADER_CACHE,
	HEADER_SAMPLE_TIME,
	HEADER_MEM_TOPOLOGY,
	HEADER_CLOCKID,
	HEADER_DIR_FORMAT,
	HEADER_BPF_PROG_INFO,
	HEADER_BPF_BTF,
	HEADER_COMPRESSED,
	HEADER_CPU_PMU_CAPS,
	HEADER_CLOCK_DATA,
	HEADER_HYBRID_TOPOLOGY,
	HEADER_PMU_CAPS,
	HEADER_LAST_FEATURE,
};

/*
 * The features perf record sets before it writes them (bit n: feature
 * n): all, less those record__init_features() clears for this command
 * line (TRACING_DATA without a tracepoint evsel, @tracepoints), and
 * GROUP_DESC without a group (__cmd_record()).
 */
uint64_t perf_header__features(const struct sim_result *res, bool tracepoints);

/*
 * Append feature @feat's section to @out: 0; -ENOENT when perf's writer
 * fails on the board (the feature is dropped); -EINVAL for the features
 * perf/data.c writes itself (TRACING_DATA, EVENT_DESC, AUXTRACE).
 */
int perf_header__write_feat(int feat, const struct sim_result *res,
			    struct bytebuf *out);

/* the perf binary perf_exe() names in CMDLINE */
#define PERF_EXE "/usr/bin/perf"

#endif /* AUXSIM_PERF_HEADER_H */
