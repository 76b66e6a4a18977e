// SPDX-License-Identifier: GPL-2.0
/*
 * svg.c - the run's timeline as one SVG file (svg.h).
 *
 * Layout: a header (the scenario, the variants, the perf command, a key),
 * then one row per CPU.  A row has three lanes: the slices that ran on the
 * CPU (the traced task's in blue, labelled P1..Pn; other tasks' in grey),
 * the AUX tracer's state (sim__tracer_state(), recorded at every change),
 * and the fill of the AUX buffer the CPU writes (from the PERF_RECORD_AUX
 * heads and perf's reads).  Snapshots cut across every row.  Coordinates
 * are printed with fixed precision, so the bytes depend only on the run.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "report.h"
#include "svg.h"

#define W 1600.0
#define LEFT 120.0
#define RIGHT 24.0
#define TOP 118.0
#define ROW_H 92.0
#define PLOT_W (W - LEFT - RIGHT)

struct svg {
	FILE *f;
	const struct sim_result *res;
	uint64_t dur;
	int nrows;
};

static double x_of(const struct svg *g, uint64_t t)
{
	if (t > g->dur)
		t = g->dur;
	return LEFT + (double)t * PLOT_W / (double)g->dur;
}

static double row_y(int row)
{
	return TOP + row * ROW_H;
}

/* XML character data or attribute text */
static void esc(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		default:
			if ((unsigned char)*s >= 0x20 || *s == '\n')
				fputc(*s, f);
		}
	}
}

static void fmt_ms(char *buf, int len, uint64_t ns)
{
	snprintf(buf, len, "%" PRIu64 ".%03" PRIu64 " ms", ns / 1000000,
		 ns / 1000 % 1000);
}

static void fmt_bytes(char *buf, int len, uint64_t b)
{
	if (b >= 1024 * 1024)
		snprintf(buf, len, "%.2f MiB", b / 1048576.0);
	else if (b >= 1024)
		snprintf(buf, len, "%.1f KiB", b / 1024.0);
	else
		snprintf(buf, len, "%" PRIu64 " B", b);
}

static const struct {
	const char *name, *color;
} tracer_look[NR_TRACER_STATES] = {
	[TRACER_OFF] = { "off", "none" },
	[TRACER_TRACING] = { "tracing", "#2e9d48" },
	[TRACER_TRACING_USER_PAUSED] = { "tracing though the user paused",
					 "#b03bd1" },
	[TRACER_PAUSED] = { "paused (by the user)", "#5b8bd9" },
	[TRACER_PAUSED_NOT_USER] = { "paused (not by the user)", "#e39a2b" },
	[TRACER_THROTTLED] = { "throttled", "#d33a3a" },
	[TRACER_THROTTLED_TRACING] = { "throttled, yet tracing", "#8a1c6e" },
	[TRACER_STOPPED] = { "stopped (a start failed)", "#8d8d8d" },
	[TRACER_DEAD] = { "dead (orphaned AUX handle)", "#222222" },
};

static void header(struct svg *g)
{
	const struct sim_result *res = g->res;
	FILE *f = g->f;
	char d[32];
	double x = LEFT;

	fprintf(f, "<text x=\"12\" y=\"24\" class=\"h1\">");
	esc(f, res->scn->name);
	fprintf(f, "  \xe2\x80\x94  kernel ");
	esc(f, res->kernel->name);
	fprintf(f, ", perf ");
	esc(f, res->perf->name);
	fprintf(f, ", patches:");
	for (int i = 0; i < res->nr_patches; i++) {
		fputc(' ', f);
		esc(f, res->patches[i]);
	}
	if (!res->nr_patches)
		fprintf(f, " none");
	fmt_ms(d, sizeof(d), g->dur);
	fprintf(f, ", machine ");
	esc(f, res->mc->name);
	fprintf(f, ", seed %" PRIu64 ", %s</text>\n", res->seed, d);
	fprintf(f, "<text x=\"12\" y=\"46\" class=\"cmd\">%s ",
		res->scn->root ? "#" : "$");
	esc(f, res->scn->rec.cmdline);
	fprintf(f, "</text>\n");
	/* the key, in the picture itself */
	fprintf(f, "<g class=\"key\" transform=\"translate(0,64)\">\n");
	fprintf(f, "<text x=\"12\" y=\"12\">tracer:</text>\n");
	for (int s = TRACER_TRACING; s < NR_TRACER_STATES; s++) {
		fprintf(f,
			"<rect x=\"%.1f\" y=\"2\" width=\"14\" height=\"12\" "
			"fill=\"%s\"/><text x=\"%.1f\" y=\"12\">%s</text>\n",
			x - 50, tracer_look[s].color, x - 32,
			tracer_look[s].name);
		x += 8.0 * (double)strlen(tracer_look[s].name) + 34;
	}
	fprintf(f,
		"<text x=\"12\" y=\"34\">slices:</text>\n"
		"<rect x=\"70\" y=\"24\" width=\"28\" height=\"12\" "
		"class=\"traced\"/><text x=\"104\" y=\"34\">the traced task "
		"(P1..Pn)</text>\n"
		"<rect x=\"270\" y=\"24\" width=\"28\" height=\"12\" "
		"class=\"other\"/><text x=\"304\" y=\"34\">other tasks</text>\n"
		"<rect x=\"410\" y=\"24\" width=\"28\" height=\"12\" "
		"class=\"traced held\"/><text x=\"444\" y=\"34\">held whole "
		"by the next snapshot</text>\n"
		"<rect x=\"640\" y=\"24\" width=\"28\" height=\"12\" "
		"class=\"traced part\"/><text x=\"674\" y=\"34\">held in "
		"part</text>\n"
		"<rect x=\"770\" y=\"24\" width=\"28\" height=\"12\" "
		"class=\"traced\"/><path d=\"M770,24 L798,36 M770,36 L798,24\" "
		"class=\"lost\"/><text x=\"804\" y=\"34\">lost: in no "
		"snapshot</text>\n"
		"<line x1=\"950\" y1=\"22\" x2=\"950\" y2=\"38\" "
		"class=\"snap\"/><text x=\"958\" y=\"34\">snapshot "
		"(SIGUSR2)</text>\n"
		"<path d=\"M1100,38 L1106,26 L1112,38 Z\" class=\"warn\"/>"
		"<text x=\"1118\" y=\"34\">kernel WARN</text>\n"
		"<polyline points=\"1230,36 1245,30 1258,26\" class=\"fill\"/>"
		"<text x=\"1264\" y=\"34\">AUX buffer fill</text>\n"
		"</g>\n");
}

static void axis(struct svg *g)
{
	FILE *f = g->f;
	double y = row_y(g->nrows) + 6;
	uint64_t step = 1;
	char d[32];

	/* 1, 2 or 5 times a power of ten: about ten ticks */
	while (step * 10 < g->dur) {
		if (step * 20 >= g->dur) {
			step *= 2;
			break;
		}
		if (step * 50 >= g->dur) {
			step *= 5;
			break;
		}
		step *= 10;
	}
	fprintf(f, "<g class=\"axis\">\n<line x1=\"%.1f\" y1=\"%.1f\" "
		   "x2=\"%.1f\" y2=\"%.1f\"/>\n",
		LEFT, y, LEFT + PLOT_W, y);
	for (uint64_t t = 0; t <= g->dur; t += step) {
		double x = x_of(g, t);

		if (step % 1000000 == 0)
			snprintf(d, sizeof(d), "%" PRIu64 " ms", t / 1000000);
		else if (step % 1000 == 0)
			snprintf(d, sizeof(d), "%" PRIu64 " us", t / 1000);
		else
			snprintf(d, sizeof(d), "%" PRIu64 " ns", t);
		fprintf(f,
			"<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
			"y2=\"%.1f\" class=\"grid\"/>\n"
			"<text x=\"%.1f\" y=\"%.1f\">%s</text>\n",
			x, TOP - 4, x, y + 4, x, y + 18, d);
	}
	fprintf(f, "</g>\n");
}

static void rows(struct svg *g)
{
	FILE *f = g->f;

	for (int c = 0; c < g->nrows; c++) {
		double y = row_y(c);

		fprintf(f,
			"<rect x=\"0\" y=\"%.1f\" width=\"%.0f\" "
			"height=\"%.0f\" class=\"row%d\"/>\n"
			"<text x=\"12\" y=\"%.1f\" class=\"cpu\">CPU %d</text>\n"
			"<text x=\"12\" y=\"%.1f\" class=\"lane\">slices</text>\n"
			"<text x=\"12\" y=\"%.1f\" class=\"lane\">tracer</text>\n"
			"<text x=\"12\" y=\"%.1f\" class=\"lane\">AUX fill</text>\n",
			y, W, ROW_H, c % 2, y + 16, c, y + 32, y + 52, y + 78);
		if (c < AUXSIM_MAX_CPUS && g->res->mc->cpus[c].type) {
			fprintf(f, "<text x=\"58\" y=\"%.1f\" class=\"lane\">",
				y + 16);
			esc(f, g->res->mc->cpus[c].type);
			fprintf(f, "</text>\n");
		}
	}
}

static void slices(struct svg *g)
{
	const struct sim_result *res = g->res;
	FILE *f = g->f;
	char a[32], b[32], by[32];

	fprintf(f, "<g class=\"slices\">\n");
	for (int i = 0; i < res->nslices; i++) {
		const struct sim_slice *sl = &res->slices[i];
		bool traced = sl->task == res->scn->traced_task;
		uint64_t t1 = sl->t1 > g->dur ? g->dur : sl->t1;
		double x0 = x_of(g, sl->t0), x1 = x_of(g, t1);
		double y = row_y(sl->cpu) + 22, h = traced ? 20 : 12;

		if (sl->cpu < 0 || sl->cpu >= g->nrows || t1 < sl->t0)
			continue;
		if (!traced)
			y += 8;
		fmt_ms(a, sizeof(a), sl->t0);
		fmt_ms(b, sizeof(b), t1);
		fmt_bytes(by, sizeof(by), sl->s1 >= sl->s0 ? sl->s1 - sl->s0 :
							     0);
		fprintf(f,
			"<rect id=\"slice%u\" x=\"%.2f\" y=\"%.1f\" "
			"width=\"%.2f\" height=\"%.0f\" class=\"%s\">"
			"<title>",
			sl->id, x0, y, x1 - x0 > 0.5 ? x1 - x0 : 0.5, h,
			traced ? "traced" : "other");
		esc(f, sl->label);
		fprintf(f, ": ");
		esc(f, res->scn->tasks[sl->task].comm);
		fprintf(f, " on CPU %d, %s to %s", sl->cpu, a, b);
		if (traced)
			fprintf(f, ", %s of trace emitted", by);
		fprintf(f, "</title></rect>\n");
		if (traced && x1 - x0 >= 8.0 * (double)strlen(sl->label) + 4) {
			fprintf(f,
				"<text x=\"%.2f\" y=\"%.1f\" "
				"class=\"label\">",
				(x0 + x1) / 2, y + 14);
			esc(f, sl->label);
			fprintf(f, "</text>\n");
		}
	}
	fprintf(f, "</g>\n");
}

static void tracer(struct svg *g)
{
	const struct sim_result *res = g->res;
	FILE *f = g->f;
	char a[32], b[32];

	fprintf(f, "<g class=\"tracer\">\n");
	for (int c = 0; c < g->nrows; c++) {
		uint64_t t = 0;
		int state = TRACER_OFF;

		for (int i = 0; i <= res->ntracer; i++) {
			const struct sim_tracer_change *ch =
				i < res->ntracer ? &res->tracer[i] : NULL;
			uint64_t t1 = ch ? ch->time_ns : g->dur;

			if (ch && ch->cpu != c)
				continue;
			if (t1 > t && state != TRACER_OFF) {
				double x0 = x_of(g, t), x1 = x_of(g, t1);

				fmt_ms(a, sizeof(a), t);
				fmt_ms(b, sizeof(b), t1);
				fprintf(f,
					"<rect x=\"%.2f\" y=\"%.1f\" "
					"width=\"%.2f\" height=\"14\" "
					"fill=\"%s\"><title>CPU %d: %s, %s to "
					"%s</title></rect>\n",
					x0, row_y(c) + 42,
					x1 - x0 > 0.5 ? x1 - x0 : 0.5,
					tracer_look[state].color, c,
					tracer_look[state].name, a, b);
				if (x1 - x0 >= 7.0 * (double)strlen(
							     tracer_look[state]
								     .name) +
							     6)
					fprintf(f,
						"<text x=\"%.2f\" y=\"%.1f\" "
						"class=\"state\">%s</text>\n",
						(x0 + x1) / 2, row_y(c) + 53,
						tracer_look[state].name);
			}
			if (!ch)
				break;
			t = t1;
			state = ch->state;
		}
	}
	fprintf(f, "</g>\n");
}

/*
 * The fill of each ring buffer's AUX area: PERF_RECORD_AUX moves the head
 * (offset + size), perf's reads move the tail in full-trace mode; in
 * snapshot mode (overwrite) the area is as full as what was ever written.
 * Drawn in the row of the CPU that mmapped it (per-thread: CPU 0's).
 */
static void fill(struct svg *g)
{
	const struct sim_result *res = g->res;
	const struct aux_state *s = &res->final;
	bool overwrite = s->tool.snapshot_mode;
	FILE *f = g->f;

	if (!res->aux_size)
		return;
	fprintf(f, "<g class=\"fills\">\n");
	for (int rb = 0; rb < MAX_RB; rb++) {
		uint64_t head = 0, tail = 0;
		int ri = 0, row = 0, n = 0;
		double base;

		for (int i = 0; i < MAX_MMAPS; i++)
			if (s->mmap[i].in_use && s->mmap[i].rb == rb)
				row = s->mmap[i].cpu >= 0 ? s->mmap[i].cpu : 0;
		if (row >= g->nrows)
			continue;
		base = row_y(row) + 86;
		for (int i = 0; i <= res->nrecs; i++) {
			const struct aux_record *r =
				i < res->nrecs ? &res->recs[i] : NULL;
			uint64_t t = r ? r->time_ns : g->dur;
			uint64_t used;
			double frac;

			/* reads up to this record's time */
			while (ri < res->nreads &&
			       res->reads[ri].rd.time_ns <= t) {
				if (res->reads[ri].rd.rb == rb && !overwrite)
					tail = res->reads[ri].rd.head;
				ri++;
			}
			if (r && (r->type != PERF_RECORD_AUX || r->rb != rb))
				continue;
			if (r)
				head = r->offset + r->size;
			used = overwrite ? head : head - (tail < head ? tail :
									head);
			if (used > res->aux_size)
				used = res->aux_size;
			frac = (double)used / (double)res->aux_size;
			if (!n++)
				fprintf(f, "<polyline class=\"fill\" points=\"%.1f,%.1f",
					LEFT, base);
			fprintf(f, " %.2f,%.1f", x_of(g, t), base - 24 * frac);
		}
		if (n)
			fprintf(f, "\"><title>AUX area of ring buffer %d "
				   "(%" PRIu64 " KiB)</title></polyline>\n",
				rb, res->aux_size / 1024);
	}
	fprintf(f, "</g>\n");
}

static void snapshots(struct svg *g)
{
	const struct sim_result *res = g->res;
	FILE *f = g->f;
	double y0 = TOP - 10, y1 = row_y(g->nrows);
	char a[32], by[32];

	fprintf(f, "<g class=\"snapshots\">\n");
	for (int k = 0; k < res->nsnaps; k++) {
		const struct sim_snapshot *sn = &res->snaps[k];
		double x = x_of(g, sn->t_signal);

		fmt_ms(a, sizeof(a), sn->t_signal);
		fmt_bytes(by, sizeof(by), sn->total_bytes);
		fprintf(f,
			"<line x1=\"%.2f\" y1=\"%.1f\" x2=\"%.2f\" y2=\"%.1f\" "
			"class=\"snap\"><title>snapshot %u at %s: %s%s"
			"</title></line>\n"
			"<text x=\"%.2f\" y=\"%.1f\" class=\"snaplabel\">S%u"
			"</text>\n",
			x, y0, x, y1, sn->index, a, by,
			sn->discontinuous ? ", DISCONTINUOUS" : "", x + 2,
			y0 + 2, sn->index);
		for (int j = 0; j < sn->nsl; j++) {
			const struct snap_slice *ss = &sn->sl[j];
			const struct sim_slice *sl;
			double x0, x1, sy;

			if (ss->slice < 1 || (int)ss->slice > res->nslices)
				continue;
			sl = &res->slices[ss->slice - 1];
			if (sl->cpu < 0 || sl->cpu >= g->nrows)
				continue;
			x0 = x_of(g, sl->t0);
			x1 = x_of(g, sl->t1 > g->dur ? g->dur : sl->t1);
			sy = row_y(sl->cpu) + 22;
			if (ss->status == SNAP_MISSING) {
				fprintf(f,
					"<path d=\"M%.2f,%.1f L%.2f,%.1f "
					"M%.2f,%.1f L%.2f,%.1f\" class=\"lost\">"
					"<title>",
					x0, sy, x1, sy + 20, x0, sy + 20, x1,
					sy);
				esc(f, sl->label);
				fprintf(f, " is in no snapshot (S%u did not hold "
					   "it)</title></path>\n",
					sn->index);
			} else {
				fprintf(f,
					"<rect x=\"%.2f\" y=\"%.1f\" "
					"width=\"%.2f\" height=\"20\" "
					"class=\"%s\"><title>",
					x0, sy, x1 - x0 > 0.5 ? x1 - x0 : 0.5,
					ss->status == SNAP_WHOLE ? "held" :
								   "part");
				esc(f, sl->label);
				fmt_bytes(by, sizeof(by), ss->held);
				fprintf(f, ": S%u holds %s%s%s</title></rect>\n",
					sn->index, by,
					ss->status == SNAP_WHOLE ? ", all of it" :
								   " of it",
					ss->stale ? " (stale: it ended before "
						    "the previous snapshot)" :
						    "");
			}
		}
	}
	fprintf(f, "</g>\n");
}

static void warns(struct svg *g)
{
	const struct sim_result *res = g->res;
	FILE *f = g->f;
	char a[32];

	fprintf(f, "<g class=\"warns\">\n");
	for (int i = 0; i < res->nwarns; i++) {
		const struct sim_warning *w = &res->warns[i];
		double x = x_of(g, w->w.time_ns), y = row_y(w->w.cpu) + 4;

		if (w->w.cpu < 0 || w->w.cpu >= g->nrows)
			continue;
		fmt_ms(a, sizeof(a), w->w.time_ns);
		fprintf(f,
			"<path d=\"M%.2f,%.1f L%.2f,%.1f L%.2f,%.1f Z\" "
			"class=\"warn\"><title>WARNING at %s, CPU#%d, %s",
			x - 7, y + 14, x, y, x + 7, y + 14,
			w->w.depth > 0 && w->w.stack[0] ? w->w.stack[0] : "?",
			w->w.cpu, a);
		for (int d = 1; d < w->w.depth && d < AUX_MAX_STACK; d++)
			if (w->w.stack[d])
				fprintf(f, "\n  %s", w->w.stack[d]);
		fprintf(f, "</title></path>\n");
	}
	fprintf(f, "</g>\n");
}

static const char style[] =
	"<style>\n"
	"text { font: 12px sans-serif; fill: #222; }\n"
	".h1 { font: bold 15px sans-serif; }\n"
	".cmd { font: 12px monospace; }\n"
	".cpu { font: bold 13px sans-serif; }\n"
	".lane { font: 10px sans-serif; fill: #666; }\n"
	".row0 { fill: #ffffff; } .row1 { fill: #f4f6f8; }\n"
	".traced { fill: #4f7fbf; } .other { fill: #c9c9c9; }\n"
	".label { font: bold 11px sans-serif; fill: #fff; "
	"text-anchor: middle; }\n"
	".state { font: 10px sans-serif; fill: #fff; text-anchor: middle; }\n"
	".held { fill: none; stroke: #1a9641; stroke-width: 3; }\n"
	".part { fill: none; stroke: #f0a500; stroke-width: 3; "
	"stroke-dasharray: 5 3; }\n"
	".lost { stroke: #d7191c; stroke-width: 2.5; fill: none; }\n"
	".snap { stroke: #7a1fa2; stroke-width: 1.5; "
	"stroke-dasharray: 6 3; }\n"
	".snaplabel { font: bold 11px sans-serif; fill: #7a1fa2; }\n"
	".warn { fill: #d7191c; stroke: #7f0000; }\n"
	".fill { fill: none; stroke: #2c7fb8; stroke-width: 1.5; }\n"
	".axis line { stroke: #444; } .axis .grid { stroke: #ddd; }\n"
	".axis text { font: 10px sans-serif; text-anchor: middle; }\n"
	".key text { font: 11px sans-serif; }\n"
	"</style>\n";

int svg__write(FILE *f, const struct sim_result *res)
{
	struct svg g = { .f = f, .res = res };
	double h;

	g.dur = res->duration_ns ? res->duration_ns : 1;
	g.nrows = res->mc->nr_cpus;
	h = row_y(g.nrows) + 40;
	fprintf(f,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" "
		"height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\">\n",
		W, h, W, h);
	fprintf(f, "<title>auxsim: ");
	esc(f, res->scn->name);
	fprintf(f, "</title>\n%s", style);
	header(&g);
	rows(&g);
	axis(&g);
	slices(&g);
	tracer(&g);
	fill(&g);
	snapshots(&g);
	warns(&g);
	fprintf(f, "</svg>\n");
	return ferror(f) ? -EIO : 0;
}
