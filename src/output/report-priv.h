/* SPDX-License-Identifier: GPL-2.0 */
/*
 * report-priv.h - what the parts of the text and JSON reports share
 * (report.c, report-splat.c, report-tracer.c, report-snapshot.c,
 * report-json.c).  Not for callers outside the reports: they use report.h.
 */
#ifndef AUXSIM_REPORT_PRIV_H
#define AUXSIM_REPORT_PRIV_H

#include <stdio.h>

#include "lib/wrap.h"
#include "output/report.h"

#define NSEC_PER_SEC 1000000000ull
#define MiB (1024.0 * 1024.0)
#define TL_WIDTH 64 /* columns of a timeline row */

/*
 * A line of prose made piece by piece: report__line_open() gives the FILE
 * to write its pieces to (in memory; @f itself when there is no memory for
 * that), report__line_close() prints it to @f wrapped (lib/wrap.h), the
 * lines after the first indented by @hang (WRAP_HANG).
 */
struct report_line {
	FILE *m, *f;
	char *buf;
	size_t len;
};
FILE *report__line_open(struct report_line *l, FILE *f);
void report__line_close(struct report_line *l, int hang);

/* "1.100000": seconds with microseconds, as the text reports print times */
void report__fmt_time(char *buf, int len, uint64_t ns);
/* "SIGINT", "SIGTERM" */
const char *report__signame(int signo);

/* enum snap_status and enum tracer_state, in words */
extern const char *const snap_status_name[];
extern const char *const tracer_name[NR_TRACER_STATES];

/* time spent in each tracer state on @cpu, and when each was first seen */
void report__tracer_spent(const struct sim_result *res, int cpu,
			  uint64_t spent[NR_TRACER_STATES],
			  uint64_t first[NR_TRACER_STATES]);

/* the AUX tracer per CPU, throttling, and what happened to tracing */
void report__tracer_text(FILE *f, const struct sim_result *res);
/* PERF_RECORD_AUX, each snapshot, and the run's summary line */
void report__snapshots_text(FILE *f, const struct sim_result *res,
			    int verbose);

/* the run's end against perf record's workload: ended at its exit, or
 * outliving a `sleep N` workload (report-workload.c) */
void report__workload_text(FILE *f, const struct sim_result *res);
/* the length a `sleep ARGS` workload sleeps, as sleep(1) adds its
 * operands (NUMBER[smhd]); 0 when the workload is something else */
uint64_t report__sleep_ns(const char *workload);

#endif /* AUXSIM_REPORT_PRIV_H */
