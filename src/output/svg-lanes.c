// SPDX-License-Identifier: GPL-2.0
/*
 * svg-lanes.c - what happened in each row of the SVG timeline (svg.h,
 * svg-priv.h): the slices, the tracer's state, the AUX fill with its axes,
 * the snapshots cutting across the rows and the WARN markers.  Every mark
 * has a <title> (a tooltip); what a screenshot must show is text too.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "output/aux-fill.h"
#include "output/report.h"
#include "output/svg-priv.h"

void svg__slices(struct svg *g)
{
	const struct sim_result *res = g->res;
	FILE *f = g->f;
	char a[32], b[32], by[32];

	fprintf(f, "<g class=\"slices\">\n");
	for (int i = 0; i < res->nslices; i++) {
		const struct sim_slice *sl = &res->slices[i];
		bool traced = sl->task == res->scn->traced_task;
		uint64_t t1 = sl->t1 > g->dur ? g->dur : sl->t1;
		double x0 = svg__x(g, sl->t0), x1 = svg__x(g, t1);
		double row = svg__row_y(g, sl->cpu);
		double y = row + SLICE_Y, h = traced ? 20 : 12;

		if (row < 0 || t1 < sl->t0)
			continue;
		if (!traced)
			y += 8;
		svg__fmt_ms(a, sizeof(a), sl->t0);
		svg__fmt_ms(b, sizeof(b), t1);
		svg__fmt_bytes(by, sizeof(by),
			       sl->s1 >= sl->s0 ? sl->s1 - sl->s0 : 0);
		fprintf(f,
			"<rect id=\"slice%u\" x=\"%.2f\" y=\"%.1f\" "
			"width=\"%.2f\" height=\"%.0f\" class=\"%s\">"
			"<title>",
			sl->id, x0, y, x1 - x0 > 0.5 ? x1 - x0 : 0.5, h,
			traced ? "traced" : "other");
		svg__esc(f, sl->label);
		fprintf(f, ": ");
		svg__esc(f, res->scn->tasks[sl->task].comm);
		fprintf(f, " on CPU %d, %s to %s", sl->cpu, a, b);
		if (traced)
			fprintf(f, ", %s of trace emitted", by);
		fprintf(f, "</title></rect>\n");
		if (!traced || x1 - x0 < CHAR_W * (double)strlen(sl->label) + 4)
			continue;
		/* a lost slice is crossed out: its label goes above it */
		if (g->lost[i])
			fprintf(f,
				"<text x=\"%.2f\" y=\"%.1f\" "
				"class=\"lostlabel\">",
				(x0 + x1) / 2, row + LOST_Y);
		else
			fprintf(f,
				"<text x=\"%.2f\" y=\"%.1f\" "
				"class=\"label\">",
				(x0 + x1) / 2, y + 14);
		svg__esc(f, sl->label);
		fprintf(f, "</text>\n");
	}
	fprintf(f, "</g>\n");
}

void svg__tracer(struct svg *g)
{
	const struct sim_result *res = g->res;
	FILE *f = g->f;
	char a[32], b[32];

	fprintf(f, "<g class=\"tracer\">\n");
	for (int c = 0; c < res->mc->nr_cpus; c++) {
		double row = svg__row_y(g, c);
		uint64_t t = 0;
		int state = TRACER_OFF;

		if (row < 0)
			continue;
		for (int i = 0; i <= res->ntracer; i++) {
			const struct sim_tracer_change *ch =
				i < res->ntracer ? &res->tracer[i] : NULL;
			uint64_t t1 = ch ? ch->time_ns : g->dur;
			const char *name = tracer_look[state].name;
			double x0, x1;

			if (ch && ch->cpu != c)
				continue;
			if (t1 > t && state != TRACER_OFF) {
				x0 = svg__x(g, t);
				x1 = svg__x(g, t1);
				svg__fmt_ms(a, sizeof(a), t);
				svg__fmt_ms(b, sizeof(b), t1);
				fprintf(f,
					"<rect x=\"%.2f\" y=\"%.1f\" "
					"width=\"%.2f\" height=\"14\" "
					"fill=\"%s\"><title>CPU %d: %s, %s to "
					"%s</title></rect>\n",
					x0, row + TRACER_Y,
					x1 - x0 > 0.5 ? x1 - x0 : 0.5,
					tracer_look[state].color, c, name, a,
					b);
				if (x1 - x0 >= 7.0 * (double)strlen(name) + 6)
					fprintf(f,
						"<text x=\"%.2f\" y=\"%.1f\" "
						"class=\"state\">%s</text>\n",
						(x0 + x1) / 2,
						row + TRACER_Y + 11, name);
			}
			if (!ch)
				break;
			t = t1;
			state = ch->state;
		}
	}
	fprintf(f, "</g>\n");
}

struct fill_line {
	const struct svg *g;
	double base;
	double y; /* the last point's */
	int n;
};

/*
 * The fill is a step: it changes only when the kernel publishes a new
 * aux_head (PERF_RECORD_AUX) or perf moves aux_tail, and holds between, as
 * the trace-event counters show it.  So each change is drawn as a
 * horizontal line at the old value up to its time, then a vertical one.
 */
static void fill_point(void *arg, uint64_t t, uint64_t used)
{
	struct fill_line *p = arg;
	double x = svg__x(p->g, t);
	double y =
		p->base - FILL_H * (double)used / (double)p->g->res->aux_size;

	if (p->n && y != p->y)
		fprintf(p->g->f, " %.2f,%.1f", x, p->y);
	fprintf(p->g->f, "%s%.2f,%.1f", p->n++ ? " " : "", x, y);
	p->y = y;
}

/* the fill lane's axes: bytes on the left, % of the area on the right */
static void fill_axis(struct svg *g, double row)
{
	uint64_t size = g->res->aux_size;
	double r = LEFT + PLOT_W, bottom = row + FILL_TOP + FILL_H;
	char by[32];

	fprintf(g->f,
		"<g class=\"faxis\">\n<line x1=\"%.1f\" y1=\"%.1f\" "
		"x2=\"%.1f\" y2=\"%.1f\"/><line x1=\"%.1f\" y1=\"%.1f\" "
		"x2=\"%.1f\" y2=\"%.1f\"/>\n",
		LEFT, row + FILL_TOP, LEFT, bottom, r, row + FILL_TOP, r,
		bottom);
	for (int k = 0; k <= 2; k++) {
		double y = bottom - FILL_H / 2 * k;

		if (k)
			svg__fmt_bytes(by, sizeof(by), size / 2 * k);
		else
			snprintf(by, sizeof(by), "0");
		fprintf(g->f,
			"<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
			"class=\"%s\"/><line x1=\"%.1f\" y1=\"%.1f\" "
			"x2=\"%.1f\" y2=\"%.1f\"/><line x1=\"%.1f\" "
			"y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n"
			"<text x=\"%.1f\" y=\"%.1f\" class=\"fb\">%s</text>"
			"<text x=\"%.1f\" y=\"%.1f\" "
			"class=\"fp\">%d%%</text>\n",
			LEFT, y, r, y, k ? "fgrid" : "fbase", LEFT - 4, y, LEFT,
			y, r, y, r + 4, y, LEFT - 6, y + 3, by, r + 6, y + 3,
			50 * k);
	}
	fprintf(g->f, "</g>\n");
}

/*
 * The fill of each ring buffer's AUX area (aux-fill.h), drawn in the row
 * of the CPU that mmapped it (per-thread: CPU 0's), on axes in bytes and
 * in % of the area.
 */
void svg__fill(struct svg *g)
{
	const struct sim_result *res = g->res;
	FILE *f = g->f;

	if (!res->aux_size)
		return;
	fprintf(f, "<g class=\"fills\">\n");
	for (int c = 0; c < res->mc->nr_cpus; c++)
		if (g->has_fill[c] && svg__row_y(g, c) >= 0)
			fill_axis(g, svg__row_y(g, c));
	for (int rb = 0; rb < MAX_RB; rb++) {
		int cpu = aux_fill__cpu(res, rb);
		struct fill_line p = {.g = g};

		if (cpu < 0 || svg__row_y(g, cpu) < 0)
			continue;
		p.base = svg__row_y(g, cpu) + FILL_TOP + FILL_H;
		fprintf(f, "<polyline class=\"fill\" points=\"");
		aux_fill__walk(res, rb, fill_point, &p);
		fprintf(f,
			"\"><title>AUX area of ring buffer %d "
			"(%" PRIu64 " KiB)</title></polyline>\n",
			rb, res->aux_size / 1024);
	}
	fprintf(f, "</g>\n");
}

/* the slices snapshot @sn held (outlined) or lost (crossed out) */
static void snap_marks(struct svg *g, const struct sim_snapshot *sn)
{
	const struct sim_result *res = g->res;
	FILE *f = g->f;
	char by[32];

	for (int j = 0; j < sn->nsl; j++) {
		const struct snap_slice *ss = &sn->sl[j];
		const struct sim_slice *sl;
		double x0, x1, sy, row;

		if (ss->slice < 1 || (int)ss->slice > res->nslices)
			continue;
		sl = &res->slices[ss->slice - 1];
		row = svg__row_y(g, sl->cpu);
		if (row < 0)
			continue;
		x0 = svg__x(g, sl->t0);
		x1 = svg__x(g, sl->t1 > g->dur ? g->dur : sl->t1);
		sy = row + SLICE_Y;
		if (ss->status == SNAP_MISSING) {
			fprintf(f,
				"<path d=\"M%.2f,%.1f L%.2f,%.1f "
				"M%.2f,%.1f L%.2f,%.1f\" class=\"lost\">"
				"<title>",
				x0, sy, x1, sy + 20, x0, sy + 20, x1, sy);
			svg__esc(f, sl->label);
			fprintf(f,
				" is in no snapshot (S%u did not hold "
				"it)</title></path>\n",
				sn->index);
			continue;
		}
		fprintf(f,
			"<rect x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" "
			"height=\"20\" class=\"%s\"><title>",
			x0, sy, x1 - x0 > 0.5 ? x1 - x0 : 0.5,
			ss->status == SNAP_WHOLE ? "held" : "part");
		svg__esc(f, sl->label);
		svg__fmt_bytes(by, sizeof(by), ss->held);
		fprintf(f, ": S%u holds %s%s%s</title></rect>\n", sn->index, by,
			ss->status == SNAP_WHOLE ? ", all of it" : " of it",
			ss->stale ? " (stale: it ended before the previous "
				    "snapshot)"
				  : "");
	}
}

int svg__snap_text(const struct sim_snapshot *sn, char l[3][48])
{
	char by[32];
	int n = 1;

	svg__fmt_bytes(by, sizeof(by), sn->total_bytes);
	snprintf(l[0], sizeof(l[0]), "S%u %s", sn->index, by);
	if (sn->discontinuous)
		snprintf(l[n++], sizeof(l[0]), "DISCONTINUOUS");
	if (sn->stale_bytes) {
		svg__fmt_bytes(by, sizeof(by), sn->stale_bytes);
		snprintf(l[n++], sizeof(l[0]), "STALE %s", by);
	}
	return n;
}

static double text_w(char l[3][48], int n)
{
	double w = 0;

	for (int i = 0; i < n; i++)
		if (6.5 * (double)strlen(l[i]) > w)
			w = 6.5 * (double)strlen(l[i]);
	return w;
}

/*
 * Where each snapshot's label goes: to the right of its line (left of it
 * at the right edge), "Sn size" then DISCONTINUOUS and STALE when they
 * apply, one a line, in the highest free lines of the band above the rows.
 * A label that fits nowhere shrinks to "Sn", then to nothing; the line's
 * colour still tells, and svg.c lists those snapshots under the axis.
 * Returns how many it shrank.
 */
int svg__snap_layout(struct svg *g)
{
	const struct sim_result *res = g->res;
	double line_end[SNAP_LINES] = {0};
	char l[3][48];
	int shrunk = 0;

	for (int k = 0; k < res->nsnaps; k++) {
		struct snap_place *p = &g->place[k];
		double x = svg__x(g, res->snaps[k].t_signal);
		int n = svg__snap_text(&res->snaps[k], l);

		p->line = -1;
		for (int pass = 0; pass < 2 && p->line < 0; pass++) {
			double w = text_w(l, n);
			double x0 = x + 3 + w <= W ? x + 3 : x - 3 - w;

			for (int s = 0; s + n <= SNAP_LINES; s++) {
				bool free = true;

				for (int i = s; i < s + n; i++)
					free &= x0 >= line_end[i];
				if (!free)
					continue;
				for (int i = s; i < s + n; i++)
					line_end[i] = x0 + w + 6;
				p->line = (int8_t)s;
				p->full = !pass;
				p->x0 = x0;
				break;
			}
			snprintf(l[0], sizeof(l[0]), "S%u",
				 res->snaps[k].index);
			n = 1;
		}
		shrunk += !p->full;
	}
	return shrunk;
}

/* the snapshot lines, then their labels (over the lines), under the
 * slices */
void svg__snap_lines(struct svg *g)
{
	const struct sim_result *res = g->res;
	FILE *f = g->f;
	double y1 = g->top + g->nrows * ROW_H;
	char a[32], by[32], l[3][48];

	fprintf(f, "<g class=\"snapshots\">\n");
	for (int k = 0; k < res->nsnaps; k++) {
		const struct sim_snapshot *sn = &res->snaps[k];
		double x = svg__x(g, sn->t_signal);

		svg__fmt_ms(a, sizeof(a), sn->t_signal);
		svg__fmt_bytes(by, sizeof(by), sn->total_bytes);
		fprintf(f,
			"<line x1=\"%.2f\" y1=\"%.1f\" x2=\"%.2f\" y2=\"%.1f\" "
			"class=\"%s\"><title>snapshot %u at %s: %s%s"
			"</title></line>\n",
			x, SNAP_TOP, x, y1,
			sn->discontinuous ? "snapd" : "snap", sn->index, a, by,
			sn->discontinuous ? ", DISCONTINUOUS" : "");
	}
	for (int k = 0; k < res->nsnaps; k++) {
		const struct snap_place *p = &g->place[k];
		int n = svg__snap_text(&res->snaps[k], l);

		if (p->line < 0)
			continue;
		if (!p->full) {
			n = 1;
			snprintf(l[0], sizeof(l[0]), "S%u",
				 res->snaps[k].index);
		}
		for (int i = 0; i < n; i++)
			fprintf(f,
				"<text x=\"%.2f\" y=\"%.1f\" "
				"class=\"%s\">%s</text>\n",
				p->x0, SNAP_TOP + 12 + 12 * (p->line + i),
				!i		 ? "snaplabel"
				: l[i][0] == 'D' ? "disc"
						 : "stale",
				l[i]);
	}
	fprintf(f, "</g>\n");
}

/* what each snapshot held (outlined) or lost (crossed out), over them */
void svg__snap_marks(struct svg *g)
{
	fprintf(g->f, "<g class=\"held\">\n");
	for (int k = 0; k < g->res->nsnaps; k++)
		snap_marks(g, &g->res->snaps[k]);
	fprintf(g->f, "</g>\n");
}

/*
 * A red marker at each WARN, "Wn function" beside it when that fits
 * before the next one (else "Wn"); svg.c lists them all under the axis.
 */
void svg__warns(struct svg *g)
{
	const struct sim_result *res = g->res;
	FILE *f = g->f;
	double text_end[AUXSIM_MAX_CPUS];
	char a[32], l[96], warning[256];

	for (int c = 0; c < AUXSIM_MAX_CPUS; c++)
		text_end[c] = 0;
	fprintf(f, "<g class=\"warns\">\n");
	for (int i = 0; i < res->nwarns; i++) {
		const struct sim_warning *w = &res->warns[i];
		const char *fn =
			w->w.depth > 0 && w->w.stack[0] ? w->w.stack[0] : "?";
		double x = svg__x(g, w->w.time_ns);
		double row = svg__row_y(g, w->w.cpu), y = row + WARN_Y;
		double next = LEFT + PLOT_W + RIGHT, len, x0;

		if (row < 0)
			continue;
		svg__fmt_ms(a, sizeof(a), w->w.time_ns);
		report__warn_line(warning, sizeof(warning), res, w);
		fprintf(f,
			"<path d=\"M%.2f,%.1f L%.2f,%.1f L%.2f,%.1f Z\" "
			"class=\"warn\"><title>W%d at %s: ",
			x - 7, y + 14, x, y, x + 7, y + 14, i + 1, a);
		svg__esc(f, warning);
		for (int d = 1; d < w->w.depth && d < AUX_MAX_STACK; d++)
			if (w->w.stack[d])
				fprintf(f, "\n  %s", w->w.stack[d]);
		fprintf(f, "</title></path>\n");
		/* the next WARN on this row bounds the text */
		for (int j = i + 1; j < res->nwarns; j++)
			if (res->warns[j].w.cpu == w->w.cpu) {
				next = svg__x(g, res->warns[j].w.time_ns) - 9;
				break;
			}
		for (int pass = 0; pass < 2; pass++) {
			if (pass)
				snprintf(l, sizeof(l), "W%d", i + 1);
			else
				snprintf(l, sizeof(l), "W%d %s", i + 1, fn);
			len = 6.2 * (double)strlen(l);
			x0 = x + 9 + len <= next && x + 9 + len <= W
				     ? x + 9
				     : x - 9 - len;
			if (x0 >= text_end[w->w.cpu] && x0 >= LEFT) {
				fprintf(f,
					"<text x=\"%.2f\" y=\"%.1f\" "
					"class=\"warntext\">%s</text>\n",
					x0, y + 12, l);
				text_end[w->w.cpu] = x0 + len + 4;
				break;
			}
		}
		if (text_end[w->w.cpu] < x + 8)
			text_end[w->w.cpu] = x + 8;
	}
	fprintf(f, "</g>\n");
}
