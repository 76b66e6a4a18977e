/* SPDX-License-Identifier: GPL-2.0 */
/*
 * perf/truth.h - the ground truth for the perf.data of data.h: the branch
 * list `perf script --itrace=b -F cpu,ip,addr,flags` must print, one
 * branch a line, blanks squeezed ("[001] jcc 400088 => 400084").
 *
 * Invariants: computed from the run's extents and the traced program, not
 * from the bytes written; written through a temporary file and a rename.
 */
#ifndef AUXSIM_PERF_TRUTH_H
#define AUXSIM_PERF_TRUTH_H

#include "sim/sim.h"

/* 0, or -errno with @err set */
int perf_truth__write(const char *path, const struct sim_result *res,
		      char *err, int errlen);

#endif /* AUXSIM_PERF_TRUTH_H */
