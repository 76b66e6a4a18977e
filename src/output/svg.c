// SPDX-License-Identifier: GPL-2.0
/*
 * svg.c - the run's timeline as one SVG file (svg.h): the frame.
 *
 * Layout: a header (the scenario, the variants, the perf command, a key),
 * the snapshots' labels, then one row per CPU that has something to show
 * (the key names the CPUs left out).  A row has lanes for the slices that
 * ran on the CPU, the AUX tracer's state and the fill of the AUX buffer
 * the CPU writes (svg-lanes.c draws them); snapshots cut across every row.
 * Under the time axis, every WARN is listed with its function, CPU and
 * time, so that a screenshot keeps them.  Coordinates are printed with
 * fixed precision, so the bytes depend only on the run.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output/aux-fill.h"
#include "output/report.h"
#include "output/svg-priv.h"
#include "output/svg.h"

/* the lists under the axis: at most this many items */
#define LIST_MAX 30
#define LINE_H 15.0

double svg__x(const struct svg *g, uint64_t t)
{
	if (t > g->dur)
		t = g->dur;
	return LEFT + (double)t * PLOT_W / (double)g->dur;
}

double svg__row_y(const struct svg *g, int cpu)
{
	if (cpu < 0 || cpu >= AUXSIM_MAX_CPUS || g->row_of[cpu] < 0)
		return -1;
	return g->top + g->row_of[cpu] * ROW_H;
}

/* XML character data or attribute text */
void svg__esc(FILE *f, const char *s)
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

void svg__fmt_ms(char *buf, int len, uint64_t ns)
{
	snprintf(buf, len, "%" PRIu64 ".%03" PRIu64 " ms", ns / 1000000,
		 ns / 1000 % 1000);
}

void svg__fmt_bytes(char *buf, int len, uint64_t b)
{
	if (b >= 1024 * 1024)
		snprintf(buf, len, "%.2f MiB", b / 1048576.0);
	else if (b >= 1024)
		snprintf(buf, len, "%.1f KiB", b / 1024.0);
	else
		snprintf(buf, len, "%" PRIu64 " B", b);
}

const struct tracer_look tracer_look[NR_TRACER_STATES] = {
	[TRACER_OFF] = {"off", "none"},
	[TRACER_TRACING] = {"tracing", "#2e9d48"},
	[TRACER_TRACING_USER_PAUSED] = {"tracing though the user paused",
					"#b03bd1"},
	[TRACER_PAUSED] = {"paused (by the user)", "#5b8bd9"},
	[TRACER_PAUSED_NOT_USER] = {"paused (not by the user)", "#e39a2b"},
	[TRACER_THROTTLED] = {"throttled", "#d33a3a"},
	[TRACER_THROTTLED_TRACING] = {"throttled, yet tracing", "#8a1c6e"},
	[TRACER_STOPPED] = {"stopped (a start failed)", "#8d8d8d"},
	[TRACER_DEAD] = {"dead (orphaned AUX handle)", "#222222"},
};

/*
 * Which CPUs get a row: those where a task ran, the tracer was ever on, a
 * WARN fired, or whose AUX buffer ever held anything.  Also which lost
 * slices are crossed out, so that their labels go above the cross.
 */
static void layout(struct svg *g)
{
	const struct sim_result *res = g->res;
	bool show[AUXSIM_MAX_CPUS] = {false};
	int n = res->mc->nr_cpus;

	for (int i = 0; i < res->nslices; i++)
		if (res->slices[i].cpu >= 0 && res->slices[i].cpu < n)
			show[res->slices[i].cpu] = true;
	for (int i = 0; i < res->ntracer; i++)
		if (res->tracer[i].cpu >= 0 && res->tracer[i].cpu < n &&
		    res->tracer[i].state != TRACER_OFF)
			show[res->tracer[i].cpu] = true;
	for (int i = 0; i < res->nwarns; i++)
		if (res->warns[i].w.cpu >= 0 && res->warns[i].w.cpu < n)
			show[res->warns[i].w.cpu] = true;
	for (int rb = 0; rb < MAX_RB; rb++) {
		int c = aux_fill__cpu(res, rb);

		if (c < 0 || c >= n)
			continue;
		g->has_fill[c] = true;
		if (aux_fill__any(res, rb))
			show[c] = true;
	}
	for (int c = 0; c < AUXSIM_MAX_CPUS; c++) {
		g->row_of[c] = c < n && show[c] ? g->nrows : -1;
		if (g->row_of[c] >= 0)
			g->cpu_of[g->nrows++] = c;
	}
	for (int k = 0; k < res->nsnaps; k++)
		for (int j = 0; j < res->snaps[k].nsl; j++) {
			const struct snap_slice *ss = &res->snaps[k].sl[j];

			if (ss->status == SNAP_MISSING && ss->slice >= 1 &&
			    (int)ss->slice <= res->nslices)
				g->lost[ss->slice - 1] = 1;
		}
}

/* "CPU 0, 2-5": the CPUs without a row */
static int left_out(const struct svg *g, char *buf, int len)
{
	int n = g->res->mc->nr_cpus, used = 0, count = 0;

	buf[0] = 0;
	for (int c = 0; c < n; c++) {
		int e = c;

		if (g->row_of[c] >= 0)
			continue;
		while (e + 1 < n && g->row_of[e + 1] < 0)
			e++;
		used += snprintf(buf + used, len - used, "%s%d",
				 used ? ", " : "", c);
		if (e > c)
			used += snprintf(buf + used, len - used, "%s%d",
					 e > c + 1 ? "-" : ", ", e);
		count += e - c + 1;
		c = e;
		if (used >= len)
			break;
	}
	return count;
}

static void key(struct svg *g)
{
	FILE *f = g->f;
	double x = LEFT;
	char cpus[128];
	int out;

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
		"snapshot (its label above it)</text>\n");
	fprintf(f,
		"<text x=\"12\" y=\"56\">marks:</text>\n"
		"<line x1=\"76\" y1=\"44\" x2=\"76\" y2=\"60\" class=\"snap\"/>"
		"<text x=\"84\" y=\"56\">snapshot (SIGUSR2): Sn, its "
		"size</text>\n"
		"<line x1=\"290\" y1=\"44\" x2=\"290\" y2=\"60\" "
		"class=\"snapd\"/><text x=\"298\" y=\"56\">DISCONTINUOUS "
		"snapshot; STALE: it holds older data</text>\n"
		"<path d=\"M600,60 L606,48 L612,60 Z\" class=\"warn\"/>"
		"<text x=\"618\" y=\"56\">kernel WARN Wn, listed under the "
		"time axis</text>\n"
		"<polyline points=\"880,60 895,54 908,48\" class=\"fill\"/>"
		"<text x=\"914\" y=\"56\">AUX buffer fill: bytes (left), %% of "
		"the area (right)</text>\n");
	out = left_out(g, cpus, sizeof(cpus));
	if (out) {
		fprintf(f,
			"<text x=\"1230\" y=\"56\" class=\"leftout\">not "
			"shown: "
			"CPU%s %s (idle: nothing ran, traced or "
			"warned)</text>\n",
			out > 1 ? "s" : "", cpus);
	}
	fprintf(f, "</g>\n");
}

static void header(struct svg *g)
{
	const struct sim_result *res = g->res;
	FILE *f = g->f;
	char d[32];

	fprintf(f, "<text x=\"12\" y=\"24\" class=\"h1\">");
	svg__esc(f, res->scn->name);
	fprintf(f, "  \xe2\x80\x94  kernel ");
	svg__esc(f, res->kernel->name);
	fprintf(f, ", perf ");
	svg__esc(f, res->perf->name);
	fprintf(f, ", patches:");
	for (int i = 0; i < res->nr_patches; i++) {
		fputc(' ', f);
		svg__esc(f, res->patches[i]);
	}
	if (!res->nr_patches)
		fprintf(f, " none");
	svg__fmt_ms(d, sizeof(d), g->dur);
	fprintf(f, ", machine ");
	svg__esc(f, res->mc->name);
	fprintf(f, ", seed %" PRIu64 ", %s</text>\n", res->seed, d);
	fprintf(f, "<text x=\"12\" y=\"46\" class=\"cmd\">%s ",
		res->scn->root ? "#" : "$");
	svg__esc(f, res->scn->rec.cmdline);
	fprintf(f, "</text>\n");
	key(g);
}

static double axis(struct svg *g)
{
	FILE *f = g->f;
	double y = g->top + g->nrows * ROW_H + 6;
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
	fprintf(f,
		"<g class=\"axis\">\n<line x1=\"%.1f\" y1=\"%.1f\" "
		"x2=\"%.1f\" y2=\"%.1f\"/>\n",
		LEFT, y, LEFT + PLOT_W, y);
	for (uint64_t t = 0; t <= g->dur; t += step) {
		double x = svg__x(g, t);

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
			x, g->top - 4, x, y + 4, x, y + 18, d);
	}
	fprintf(f, "</g>\n");
	return y + 30;
}

static void rows(struct svg *g)
{
	FILE *f = g->f;

	for (int r = 0; r < g->nrows; r++) {
		int c = g->cpu_of[r];
		double y = g->top + r * ROW_H;

		fprintf(f,
			"<rect x=\"0\" y=\"%.1f\" width=\"%.0f\" "
			"height=\"%.0f\" class=\"row%d\"/>\n"
			"<text x=\"12\" y=\"%.1f\" class=\"cpu\">CPU "
			"%d</text>\n"
			"<text x=\"12\" y=\"%.1f\" "
			"class=\"lane\">slices</text>\n"
			"<text x=\"12\" y=\"%.1f\" "
			"class=\"lane\">tracer</text>\n"
			"<text x=\"12\" y=\"%.1f\" class=\"lane\">AUX "
			"fill</text>\n",
			y, W, ROW_H, r % 2, y + 16, c, y + SLICE_Y + 14,
			y + TRACER_Y + 11, y + FILL_TOP + FILL_H / 2 + 3);
		if (g->res->mc->cpus[c].type) {
			fprintf(f, "<text x=\"58\" y=\"%.1f\" class=\"lane\">",
				y + 16);
			svg__esc(f, g->res->mc->cpus[c].type);
			fprintf(f, "</text>\n");
		}
		if (!g->has_fill[c] || !g->res->aux_size)
			fprintf(f,
				"<text x=\"%.1f\" y=\"%.1f\" class=\"lane\">"
				"no AUX buffer on this CPU</text>\n",
				LEFT + 6, y + FILL_TOP + FILL_H / 2 + 3);
	}
}

/* the lines a list under the axis takes: a heading, at most LIST_MAX
 * items, then "and N more" */
static int list_lines(int n)
{
	if (!n)
		return 0;
	return 1 + (n < LIST_MAX ? n : LIST_MAX) + (n > LIST_MAX);
}

static double list(struct svg *g, double y, const char *title, int n,
		   void (*item)(struct svg *g, int i, char *buf, int len))
{
	int shown = n < LIST_MAX ? n : LIST_MAX;
	FILE *f = g->f;
	char buf[320];

	if (!n)
		return y;
	fprintf(f,
		"<g class=\"list\">\n<text x=\"12\" y=\"%.1f\" "
		"class=\"cpu\">%s (%d)</text>\n",
		y + 12, title, n);
	for (int i = 0; i < shown; i++) {
		item(g, i, buf, sizeof(buf));
		fprintf(f, "<text x=\"12\" y=\"%.1f\" class=\"item\">",
			y + 12 + LINE_H * (i + 1));
		svg__esc(f, buf);
		fprintf(f, "</text>\n");
	}
	if (n > shown)
		fprintf(f,
			"<text x=\"12\" y=\"%.1f\" class=\"item\">and %d "
			"more: auxsim run --json lists them all</text>\n",
			y + 12 + LINE_H * (shown + 1), n - shown);
	fprintf(f, "</g>\n");
	return y + LINE_H * list_lines(n) + 8;
}

/* a WARN as text: Wn and its time, the splat's WARNING line in the format
 * of the run's kernel (report__warn_line()), the condition and the caller */
static void warn_item(struct svg *g, int i, char *buf, int len)
{
	const struct sim_warning *w = &g->res->warns[i];
	const struct warn_site_desc *d = &warn_sites[w->w.site];
	char a[32], warning[256];
	int n;

	svg__fmt_ms(a, sizeof(a), w->w.time_ns);
	report__warn_line(warning, sizeof(warning), g->res, w);
	n = snprintf(buf, len, "W%d %s  %s  (%s", i + 1, a, warning, d->cond);
	if (n < len && w->w.depth > 1 && w->w.stack[1])
		n += snprintf(buf + n, len - n, ", from %s", w->w.stack[1]);
	if (n < len)
		snprintf(buf + n, len - n, ")");
}

/* the i-th snapshot whose label did not fit above the rows, as text */
static void snap_item(struct svg *g, int i, char *buf, int len)
{
	char l[3][48], a[32];
	int k = 0, n;

	for (;; k++)
		if (!g->place[k].full && !i--)
			break;
	svg__fmt_ms(a, sizeof(a), g->res->snaps[k].t_signal);
	n = svg__snap_text(&g->res->snaps[k], l);
	snprintf(buf, len, "%s at %s%s%s%s%s", l[0], a, n > 1 ? ", " : "",
		 n > 1 ? l[1] : "", n > 2 ? ", " : "", n > 2 ? l[2] : "");
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
	".lostlabel { font: bold 11px sans-serif; fill: #b3000c; "
	"text-anchor: middle; }\n"
	".state { font: 10px sans-serif; fill: #fff; text-anchor: middle; }\n"
	".held { fill: none; stroke: #1a9641; stroke-width: 3; }\n"
	".part { fill: none; stroke: #f0a500; stroke-width: 3; "
	"stroke-dasharray: 5 3; }\n"
	".lost { stroke: #d7191c; stroke-width: 2.5; fill: none; }\n"
	".snap { stroke: #7a1fa2; stroke-width: 1.5; "
	"stroke-dasharray: 6 3; }\n"
	".snapd { stroke: #d7191c; stroke-width: 2.5; "
	"stroke-dasharray: 6 3; }\n"
	".snaplabel { font: bold 11px sans-serif; fill: #7a1fa2; }\n"
	".disc { font: bold 10px sans-serif; fill: #d7191c; }\n"
	".stale { font: bold 10px sans-serif; fill: #c46a00; }\n"
	".warn { fill: #d7191c; stroke: #7f0000; }\n"
	".warntext { font: bold 10px sans-serif; fill: #a50f15; }\n"
	".item { font: 11px monospace; fill: #333; }\n"
	".leftout { font: italic 11px sans-serif; fill: #555; }\n"
	".fill { fill: none; stroke: #2c7fb8; stroke-width: 1.5; }\n"
	".faxis line { stroke: #888; } .faxis .fgrid { stroke: #e2e2e2; }\n"
	".fb { font: 9px sans-serif; fill: #555; text-anchor: end; }\n"
	".fp { font: 9px sans-serif; fill: #555; }\n"
	".axis line { stroke: #444; } .axis .grid { stroke: #ddd; }\n"
	".axis text { font: 10px sans-serif; text-anchor: middle; }\n"
	".key text { font: 11px sans-serif; }\n"
	/* a white halo: lines under a label do not cut its letters */
	".snaplabel, .disc, .stale, .lostlabel, .warntext { paint-order: "
	"stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }\n"
	"</style>\n";

int svg__write(FILE *f, const struct sim_result *res)
{
	struct svg g = {.f = f, .res = res};
	int shrunk, ret = -ENOMEM;
	double y, h;

	g.dur = res->duration_ns ? res->duration_ns : 1;
	g.top = res->nsnaps ? TOP_SNAPS : TOP_NO_SNAPS;
	g.lost = calloc(res->nslices ? res->nslices : 1, 1);
	g.place = calloc(res->nsnaps ? res->nsnaps : 1, sizeof(*g.place));
	if (!g.lost || !g.place)
		goto out;
	layout(&g);
	shrunk = svg__snap_layout(&g);
	y = g.top + g.nrows * ROW_H + 36;
	h = y + LINE_H * (list_lines(res->nwarns) + list_lines(shrunk)) + 16;
	fprintf(f,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" "
		"height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\">\n",
		W, h, W, h);
	fprintf(f, "<title>auxsim: ");
	svg__esc(f, res->scn->name);
	fprintf(f, "</title>\n%s", style);
	header(&g);
	rows(&g);
	y = axis(&g);
	svg__snap_lines(&g);
	svg__slices(&g);
	svg__tracer(&g);
	svg__fill(&g);
	svg__snap_marks(&g);
	svg__warns(&g);
	y = list(&g, y, "kernel WARNs", res->nwarns, warn_item);
	list(&g, y, "snapshots without room for a label above", shrunk,
	     snap_item);
	fprintf(f, "</svg>\n");
	ret = ferror(f) ? -EIO : 0;
out:
	free(g.lost);
	free(g.place);
	return ret;
}
