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

#include "sim.h"

/* @verbose: every PERF_RECORD_AUX and every slice, not a summary */
void report__text(FILE *f, const struct sim_result *res, int verbose);
void report__json(FILE *f, const struct sim_result *res);
/* one WARN as the kernel prints it (dmesg without timestamps) */
void report__splat(FILE *f, const struct sim_result *res,
		   const struct sim_warning *w);
/* "O", "T|O" ... for PERF_AUX_FLAG_* */
const char *report__aux_flags(uint64_t flags, char *buf, int len);

#endif /* AUXSIM_REPORT_H */
