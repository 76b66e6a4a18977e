/* SPDX-License-Identifier: GPL-2.0 */
/*
 * report.h - what a run shows: the text report a kernel developer reads
 * (the kernel's view: WARN splats and PERF_RECORD_AUX; perf's view: the
 * AUXTRACE sizes and "Captured and wrote"; the seed-style timeline and what
 * each snapshot holds), and the same as one JSON document (docs/json.md).
 *
 * Reports only read a struct sim_result; they never run the model.
 */
#ifndef AUXSIM_REPORT_H
#define AUXSIM_REPORT_H

#include <stdio.h>

#include "sim/sim.h"

/* @verbose: every PERF_RECORD_AUX and every slice, not a summary */
void report__text(FILE *f, const struct sim_result *res, int verbose);
void report__json(FILE *f, const struct sim_result *res);
/* one WARN as the kernel prints it (dmesg without timestamps) */
void report__splat(FILE *f, const struct sim_result *res,
		   const struct sim_warning *w);
/*
 * The splat's WARNING line, without the time stamp, in the format of the
 * run's kernel (KF_WARN_FORMAT_V7 or the one before): "WARNING: FILE:LINE
 * at FUNCTION, CPU#n: COMM/PID" or "WARNING: CPU: n PID: p at FILE:LINE
 * FUNCTION".  The one formatter of it: the text report, the SVG and the
 * trace-event file all print this.  Returns what snprintf() returns.
 */
int report__warn_line(char *buf, size_t len, const struct sim_result *res,
		      const struct sim_warning *w);
/* "O", "T|O" ... for PERF_AUX_FLAG_* */
const char *report__aux_flags(uint64_t flags, char *buf, int len);

#endif /* AUXSIM_REPORT_H */
