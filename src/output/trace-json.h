/* SPDX-License-Identifier: GPL-2.0 */
/*
 * trace-json.h - a run in the Chrome trace-event format (auxsim run
 * --trace-json FILE), for Perfetto's UI or Chromium's trace viewer: zoom and
 * pan over what svg.h draws in one picture.
 *
 * The JSON Object Format: {"traceEvents": [...], "displayTimeUnit": "ms",
 * "otherData": {the run's variants}}.  Each CPU with something to show is a
 * process ("CPU n"), with two threads: "tasks" (a complete event, ph X, per
 * slice) and "AUX tracer" (an X event per tracer state, an instant, ph i,
 * per WARN), and a counter (ph C) per AUX buffer it mmapped.  perf record is
 * one more process: an instant per SIGUSR2 (scope global) and per snapshot,
 * and an X event for the time the AUX events stay disabled while perf
 * copies.  Metadata events (ph M) name every process and thread.  ts and
 * dur are microseconds with three decimals: the model's nanoseconds, exact.
 *
 * Invariants: it only reads a struct sim_result; the same run gives the
 * same bytes; every X event lies within [0, duration].
 */
#ifndef AUXSIM_TRACE_JSON_H
#define AUXSIM_TRACE_JSON_H

#include <stdio.h>

#include "sim/sim.h"

/* 0, -EIO if writing @f failed, -ENOMEM */
int trace_json__write(FILE *f, const struct sim_result *res);
/* through a temporary file and a rename (atomic-file.h): 0, or -errno
 * with @err set */
int trace_json__write_file(const char *path, const struct sim_result *res,
			   char *err, int errlen);

#endif /* AUXSIM_TRACE_JSON_H */
