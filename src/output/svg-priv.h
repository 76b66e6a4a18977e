/* SPDX-License-Identifier: GPL-2.0 */
/*
 * svg-priv.h - what the two halves of the SVG writer share: the layout,
 * the drawing state and the small formatting helpers.  svg.c draws the
 * frame (header, key, rows, time axis, WARN list); svg-lanes.c draws what
 * happened in each row's lanes (slices, tracer, AUX fill, snapshots,
 * WARN markers).
 *
 * A row, top to bottom (offsets from its top):
 *   4..18   WARN markers, "Wn function" beside them
 *   22..34  labels of the slices no snapshot holds (above their crosses)
 *   36..56  slices (the traced task's 20 high, the others' 12)
 *   60..74  the tracer's state
 *   84..120 the AUX fill, with a bytes axis on the left and a % axis on
 *           the right
 */
#ifndef AUXSIM_SVG_PRIV_H
#define AUXSIM_SVG_PRIV_H

#include <stdbool.h>
#include <stdio.h>

#include "sim/sim.h"

#define W 1600.0
#define LEFT 120.0
#define RIGHT 56.0
#define PLOT_W (W - LEFT - RIGHT)
#define SNAP_TOP 132.0 /* snapshot labels: SNAP_LINES lines of 12 */
#define SNAP_LINES 5
/* the first row's top: under the snapshots' labels, if any */
#define TOP_SNAPS (SNAP_TOP + 12 * SNAP_LINES + 8)
#define TOP_NO_SNAPS (SNAP_TOP + 4)
#define ROW_H 128.0
#define WARN_Y 4.0
#define LOST_Y 32.0 /* baseline of a lost slice's label */
#define SLICE_Y 36.0
#define TRACER_Y 60.0
#define FILL_TOP 84.0
#define FILL_H 36.0

/* rough advance of one character, for fitting labels: bold 11px sans */
#define CHAR_W 7.0

struct snap_place {
	double x0;
	int8_t line; /* the first line of the band, -1: no label */
	bool full;   /* the whole label, not just "Sn" */
};

struct svg {
	FILE *f;
	const struct sim_result *res;
	uint64_t dur;
	double top; /* the first row's */
	int nrows;
	int row_of[AUXSIM_MAX_CPUS]; /* -1: the CPU is left out */
	int cpu_of[AUXSIM_MAX_CPUS];
	bool has_fill[AUXSIM_MAX_CPUS]; /* a row with an AUX buffer */
	uint8_t *lost;		  /* [nslices]: in no snapshot (crossed out) */
	struct snap_place *place; /* [nsnaps]: the snapshots' labels */
};

struct tracer_look {
	const char *name, *color;
};

extern const struct tracer_look tracer_look[NR_TRACER_STATES];

double svg__x(const struct svg *g, uint64_t t);
/* the top of @cpu's row, or a negative number when it is left out */
double svg__row_y(const struct svg *g, int cpu);
void svg__esc(FILE *f, const char *s);
void svg__fmt_ms(char *buf, int len, uint64_t ns);
void svg__fmt_bytes(char *buf, int len, uint64_t b);

/* svg-lanes.c */
void svg__slices(struct svg *g);
void svg__tracer(struct svg *g);
void svg__fill(struct svg *g);
/* "Sn size", then DISCONTINUOUS and STALE: the number of lines */
int svg__snap_text(const struct sim_snapshot *sn, char l[3][48]);
int svg__snap_layout(struct svg *g);
void svg__snap_lines(struct svg *g);
void svg__snap_marks(struct svg *g);
void svg__warns(struct svg *g);

#endif /* AUXSIM_SVG_PRIV_H */
