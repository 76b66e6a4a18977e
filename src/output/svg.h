/* SPDX-License-Identifier: GPL-2.0 */
/*
 * svg.h - a run as a picture: one self-contained SVG timeline (auxsim run
 * --svg FILE).  CPUs with something to show are rows over time; in each
 * row the tasks' slices (the traced task's labelled P1..Pn), what the AUX
 * tracer was doing, and how full the CPU's AUX buffer was, on a scale in
 * bytes and %; snapshots are vertical lines labelled with their size,
 * DISCONTINUOUS and STALE, with the slices each one held outlined and
 * those it lost crossed out (their labels above the cross); WARNs are red
 * markers, listed as text under the time axis.  Every mark carries a
 * <title> (a tooltip in a browser); what a screenshot must show is text.
 *
 * Invariants:
 *  - it only reads a struct sim_result, like report.h;
 *  - the output is well-formed XML and depends only on the result (no
 *    clock, no locale): the same run gives the same bytes.
 */
#ifndef AUXSIM_SVG_H
#define AUXSIM_SVG_H

#include <stdio.h>

#include "sim/sim.h"

/* 0, -EIO if writing @f failed, or -ENOMEM */
int svg__write(FILE *f, const struct sim_result *res);

#endif /* AUXSIM_SVG_H */
