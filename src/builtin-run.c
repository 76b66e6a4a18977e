// SPDX-License-Identifier: GPL-2.0
/*
 * builtin-run.c - auxsim run: one timed simulation of a scenario, its
 * report, and the files it writes (perf.data, truth, SVG).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomic-file.h"
#include "builtin.h"
#include "cli.h"
#include "interrupt.h"
#include "json.h"
#include "perf/data.h"
#include "perf/truth.h"
#include "report.h"
#include "scenario.h"
#include "sim.h"
#include "svg.h"
#include "trace-json.h"

/* the timeline picture, through a temporary file and a rename */
static int write_svg(const char *out, const struct sim_result *res)
{
	struct atomic_file af;
	char err[512];

	if (atomic_file__open(&af, out, err, sizeof(err)) ||
	    atomic_file__close(&af, svg__write(af.f, res), err, sizeof(err))) {
		fprintf(stderr, "auxsim: %s\n", err);
		return 1;
	}
	return 0;
}

int cmd_run(int argc, char **argv)
{
	struct auxsim_scenario *scn = calloc(1, sizeof(*scn));
	struct sim_config cfg = { 0 };
	struct sim_result res;
	const char *path = NULL, *svg = NULL, *data = NULL, *truth = NULL,
		   *trace_json = NULL, *v;
	int json = 0, verbose = 0, ret;
	char msg[512];

	if (!scn)
		return 3;
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];
		int r = variant_flag(argc, argv, &i, &cfg);

		if (r == 2) {
			free(scn);
			return 2;
		}
		if (r == 1) {
			continue;
		} else if (!strcmp(a, "--json")) {
			json = 1;
		} else if (!strcmp(a, "--verbose") || !strcmp(a, "-v")) {
			verbose = 1;
		} else if ((v = flag_value(argc, argv, &i, "--svg"))) {
			if (!*v) {
				free(scn);
				return flag_error("--svg", "%sneeds a file",
						  "");
			}
			svg = v;
		} else if ((v = flag_value(argc, argv, &i, "--trace-json"))) {
			if (!*v) {
				free(scn);
				return flag_error("--trace-json",
						  "%sneeds a file", "");
			}
			trace_json = v;
		} else if ((v = flag_value(argc, argv, &i, "-o")) ||
			   (v = flag_value(argc, argv, &i, "--output"))) {
			if (!*v) {
				free(scn);
				return flag_error("-o", "%sneeds a file", "");
			}
			data = v;
		} else if ((v = flag_value(argc, argv, &i, "--truth"))) {
			if (!*v) {
				free(scn);
				return flag_error("--truth", "%sneeds a file",
						  "");
			}
			truth = v;
		} else if (a[0] == '-' && a[1]) {
			free(scn);
			return flag_error(a, "%sunknown option", "");
		} else if (!path) {
			path = a;
		} else {
			free(scn);
			return flag_error(a, "%sonly one scenario per run", "");
		}
	}
	if (!path) {
		free(scn);
		return usage(stderr, 2);
	}
	if (load_scenario(path, scn)) {
		free(scn);
		return 2;
	}
	/* Ctrl-C stops the modelled session where it is, as perf record's
	 * does; the report and files say so */
	interrupt__install();
	cfg.progress = isatty(STDERR_FILENO) ? stderr : NULL;
	ret = sim__run(scn, &cfg, &res, msg, sizeof(msg));
	if (ret) {
		fprintf(stderr, "auxsim: %s: %s\n", path, msg);
		free(scn);
		return 2;
	}
	res.perf_data_path = data;
	if (!data)
		res.perf_data_bytes = perf_data__size(&res);
	else if (perf_data__write(data, &res, &res.perf_data_bytes, msg,
				  sizeof(msg))) {
		fprintf(stderr, "auxsim: %s\n", msg);
		sim_result__free(&res);
		free(scn);
		/* a SIGINT/SIGTERM while it was written: dropped, as asked */
		return interrupt__signo() ?
			       AUXSIM_EXIT_SIGNAL + interrupt__signo() :
			       1;
	}
	if (truth && perf_truth__write(truth, &res, msg, sizeof(msg))) {
		fprintf(stderr, "auxsim: %s\n", msg);
		sim_result__free(&res);
		free(scn);
		return 1;
	}
	if (svg && write_svg(svg, &res)) {
		sim_result__free(&res);
		free(scn);
		return 1;
	}
	if (trace_json &&
	    trace_json__write_file(trace_json, &res, msg, sizeof(msg))) {
		fprintf(stderr, "auxsim: %s\n", msg);
		sim_result__free(&res);
		free(scn);
		return AUXSIM_EXIT_IO;
	}
	if (json)
		report__json(stdout, &res);
	else
		report__text(stdout, &res, verbose);
	ret = res.open_error ? 1 : 0;
	if (interrupt__signo()) /* in the run, or since */
		ret = AUXSIM_EXIT_SIGNAL + interrupt__signo();
	sim_result__free(&res);
	free(scn);
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "auxsim: write error on standard output\n");
		return 1;
	}
	return ret;
}
