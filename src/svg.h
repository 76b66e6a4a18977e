/* SPDX-License-Identifier: GPL-2.0 */
/*
 * svg.h - a run as a picture: one self-contained SVG timeline (auxsim run
 * --svg FILE).  CPUs are rows over time; in each row the tasks' slices
 * (the traced task's labelled P1..Pn), what the AUX tracer was doing, and
 * how full the CPU's AUX buffer was; snapshots are vertical lines, with
 * the slices each one held outlined and those it lost crossed out; WARNs
 * are red markers.  Every mark carries a <title> (a tooltip in a browser).
 *
 * Invariants:
 *  - it only reads a struct sim_result, like report.h;
 *  - the output is well-formed XML and depends only on the result (no
 *    clock, no locale): the same run gives the same bytes.
 */
#ifndef AUXSIM_SVG_H
#define AUXSIM_SVG_H

#include <stdio.h>

#include "sim.h"

/* 0, or -EIO if writing @f failed */
int svg__write(FILE *f, const struct sim_result *res);

#endif /* AUXSIM_SVG_H */
