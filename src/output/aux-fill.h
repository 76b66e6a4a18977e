/* SPDX-License-Identifier: GPL-2.0 */
/*
 * aux-fill.h - how full each ring buffer's AUX area was over a run, from a
 * struct sim_result: PERF_RECORD_AUX moves the head (offset + size), perf's
 * AUXTRACE reads move the tail in full-trace mode; in snapshot mode the area
 * overwrites, so it is as full as what was ever written.  Both pictures of a
 * run use it: the SVG's AUX-fill lane (svg.h) and the trace-event counters
 * (trace-json.h).
 *
 * Invariants: the points of one walk are in time order, start at (0, 0),
 * end at the run's duration, and every value is <= res->aux_size.
 */
#ifndef AUXSIM_AUX_FILL_H
#define AUXSIM_AUX_FILL_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/sim.h"

/* the CPU that mmapped ring buffer @rb (per-thread mmaps: CPU 0), or -1
 * when no mmap of the run uses it */
int aux_fill__cpu(const struct sim_result *res, int rb);

/* calls @fn at every change of @rb's fill: @t in [0, duration], @used in
 * bytes */
void aux_fill__walk(const struct sim_result *res, int rb,
		    void (*fn)(void *arg, uint64_t t, uint64_t used),
		    void *arg);

/* was ring buffer @rb ever anything but empty? */
bool aux_fill__any(const struct sim_result *res, int rb);

#endif /* AUXSIM_AUX_FILL_H */
