// SPDX-License-Identifier: GPL-2.0
/*
 * t1120-warn-format: one formatter for a WARN's "WARNING:" line
 * (report__warn_line()), in the format of the run's kernel: 7.x's
 * "WARNING: FILE:LINE at FUNCTION, CPU#n: COMM/PID" (KF_WARN_FORMAT_V7),
 * before it "WARNING: CPU: n PID: p at FILE:LINE FUNCTION".  The text
 * report's splat, the SVG's WARN list and tooltips and the trace-event
 * file's WARN instants all print that line, for either format.
 *
 * No v6.x run of the model reaches a WARN, so the v6 format is checked on
 * seed 001's run with its kernel variant swapped for v6.1 after the run:
 * the outputs only read the result.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output/report.h"
#include "scenario/scenario.h"
#include "sim/sim.h"
#include "output/svg.h"
#include "tap.h"
#include "output/trace-json.h"
#include "model/variant.h"

typedef int (*writer)(FILE *f, const struct sim_result *res);

static int write_splats(FILE *f, const struct sim_result *res)
{
	for (int i = 0; i < res->nwarns; i++)
		report__splat(f, res, &res->warns[i]);
	return 0;
}

/* what @fn writes for @res, malloc'd */
static char *output(writer fn, const struct sim_result *res)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return NULL;
	fn(f, res);
	fclose(f);
	return buf;
}

static void check_outputs(const struct sim_result *res, const char *kernel)
{
	char *splat = output(write_splats, res);
	char *svg = output(svg__write, res);
	char *tj = output(trace_json__write, res);

	if (!ok(splat && svg && tj, "%s: the three outputs are written",
		kernel))
		goto out;
	for (int i = 0; i < res->nwarns; i++) {
		char line[256], want[300];

		report__warn_line(line, sizeof(line), res, &res->warns[i]);
		snprintf(want, sizeof(want), "] %s\n", line);
		ok(strstr(splat, want) != NULL,
		   "%s W%d: the splat prints \"%s\"", kernel, i + 1, line);
		snprintf(want, sizeof(want), "class=\"item\">W%d ", i + 1);
		ok(strstr(svg, want) && strstr(strstr(svg, want), line),
		   "%s W%d: the SVG's WARN list prints it", kernel, i + 1);
		snprintf(want, sizeof(want), "<title>W%d at ", i + 1);
		ok(strstr(svg, want) && strstr(strstr(svg, want), line),
		   "%s W%d: the SVG's WARN marker's tooltip too", kernel,
		   i + 1);
		snprintf(want, sizeof(want), "\"name\": \"W%d %s\"", i + 1,
			 line);
		ok(strstr(tj, want) != NULL,
		   "%s W%d: the trace-event instant is named by it", kernel,
		   i + 1);
	}
	/* no output keeps a format of its own */
	if (res->kernel->features & KF_WARN_FORMAT_V7)
		ok(!strstr(splat, "WARNING: CPU:") &&
			   !strstr(svg, "WARNING: CPU:") &&
			   !strstr(tj, "WARNING: CPU:"),
		   "%s: no output prints the 6.x format", kernel);
	else
		ok(!strstr(splat, ", CPU#") && !strstr(svg, ", CPU#") &&
			   !strstr(tj, ", CPU#"),
		   "%s: no output prints the 7.x format", kernel);
out:
	free(splat);
	free(svg);
	free(tj);
}

int main(void)
{
	struct auxsim_scenario *scn = calloc(1, sizeof(*scn));
	struct sim_config cfg = {0};
	struct sim_result res;
	struct scn_error e;
	char path[512], err[256], line[256];
	const char *top = getenv("TOP");

	if (!scn)
		return 1;
	snprintf(path, sizeof(path), "%s/scenarios/s001-throttle-pause.scn",
		 top && *top ? top : ".");
	if (!ok(!scenario__load(path, scn, &e), "s001-throttle-pause loads") ||
	    !ok(!sim__run(scn, &cfg, &res, err, sizeof(err)), "it runs")) {
		free(scn);
		return done_testing();
	}
	if (!ok(res.nwarns >= 1, "it WARNs"))
		goto out;
	report__warn_line(line, sizeof(line), &res, &res.warns[0]);
	is_str(line,
	       "WARNING: kernel/events/ring_buffer.c:415 at "
	       "perf_aux_output_begin, CPU#0: perf/2002",
	       "v7.1: the seed's WARNING line");
	check_outputs(&res, "v7.1");

	res.kernel = variant__find_kernel("v6.1");
	if (!ok(res.kernel && !(res.kernel->features & KF_WARN_FORMAT_V7),
		"v6.1 has the format before 7.x"))
		goto out;
	report__warn_line(line, sizeof(line), &res, &res.warns[0]);
	ok(!strncmp(line,
		    "WARNING: CPU: 0 PID: 2002 at kernel/events/ring_buffer.c",
		    strlen("WARNING: CPU: 0 PID: 2002 at kernel/events/"
			   "ring_buffer.c")) &&
		   strstr(line, " perf_aux_output_begin"),
	   "v6.1: \"%s\"", line);
	check_outputs(&res, "v6.1");
out:
	sim_result__free(&res);
	free(scn);
	return done_testing();
}
