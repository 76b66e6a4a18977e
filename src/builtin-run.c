// SPDX-License-Identifier: GPL-2.0
/*
 * builtin-run.c - auxsim run: one timed simulation of a scenario, its
 * report, and the files it writes (perf.data, truth, SVG).
 */
#include <errno.h>
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

enum {
	OPT_VERBOSE = OPT_CMD,
	OPT_OUTPUT,
	OPT_TRUTH,
	OPT_SVG,
	OPT_TRACE_JSON,
};

static const struct cli_opt run_opts[] = {
	{OPT_SEED, "--seed", NULL, "N",
	 "seed of the random schedule (default: the scenario's)", 0},
	CLI_VARIANT_OPTS,
	{OPT_DURATION, "--duration", NULL, "T",
	 "simulated time, not the scenario's (1s, 250ms)", 0},
	{OPT_JSON, "--json", NULL, NULL,
	 "a JSON document, not the text (docs/json.md)", 0},
	{OPT_VERBOSE, "--verbose", "-v", NULL,
	 "every PERF_RECORD_AUX and slice, not a summary", 0},
	{OPT_LOG, "--log", NULL, NULL,
	 "add the model's kernel-side log to the report", 0},
	{OPT_OUTPUT, "--output", "-o", "FILE.data",
	 "also write the perf.data, with ETMv4 trace", 0},
	{OPT_TRUTH, "--truth", NULL, "FILE.txt",
	 "with -o: the branches perf script must print", 0},
	{OPT_SVG, "--svg", NULL, "FILE.svg",
	 "also draw the run as an SVG timeline", 0},
	{OPT_TRACE_JSON, "--trace-json", NULL, "FILE",
	 "also write Chrome trace events (Perfetto)", 0},
	{0},
};

static const struct cli_cmd run_cmd = {
	.name = "run",
	.usage = "SCENARIO [options]",
	.about = "Simulate the scenario's perf record session on a virtual "
		 "clock and report what the kernel would have logged (WARN "
		 "splats, PERF_RECORD_AUX), what each snapshot holds of the "
		 "workload's slices, a timeline, and perf's \"Captured and "
		 "wrote\" line.  The same scenario, seed and variants give "
		 "the same output, byte for byte.",
	.opts = run_opts,
	.notes = "--kernel, --patch and --perf override the scenario's "
		 "variants; --patch replaces its patch list.  -o also "
		 "writes the traced program's ELF beside the perf.data "
		 "(docs/perf-data.md); --truth lists what 'perf script "
		 "--itrace=b -F cpu,ip,addr,flags' prints for it.",
	.scenario_arg = true,
};

/* the timeline picture, through a temporary file and a rename */
static int write_svg(const char *out, const struct sim_result *res)
{
	struct atomic_file af;
	char err[512];
	int ret = atomic_file__open(&af, out, err, sizeof(err));

	if (!ret)
		ret = atomic_file__close(&af, svg__write(af.f, res), err,
					 sizeof(err));
	if (ret) {
		fprintf(stderr, "auxsim: %s\n", err);
		return ret == -ENOMEM ? AUXSIM_EXIT_NOMEM : AUXSIM_EXIT_IO;
	}
	return 0;
}

struct run_args {
	struct sim_config cfg;
	const char *path, *svg, *data, *truth, *trace_json;
	bool json, verbose;
};

static int parse_args(int argc, char **argv, struct run_args *a)
{
	struct cli c;
	const char *v;
	int r;

	cli_init(&c, &run_cmd, argc, argv);
	while ((r = cli_next(&c, &v)) != CLI_DONE) {
		switch (r) {
		case CLI_HELP:
			cli_help(&run_cmd, stdout);
			return -1;
		case CLI_ERROR:
			return AUXSIM_EXIT_USAGE;
		case CLI_ARG:
			if (a->path)
				return cli_error(v,
						 "only one scenario per run "
						 "(%s is the first)",
						 a->path);
			a->path = v;
			break;
		case OPT_JSON:
			a->json = true;
			break;
		case OPT_VERBOSE:
			a->verbose = true;
			break;
		case OPT_OUTPUT:
			a->data = v;
			break;
		case OPT_TRUTH:
			a->truth = v;
			break;
		case OPT_SVG:
			a->svg = v;
			break;
		case OPT_TRACE_JSON:
			a->trace_json = v;
			break;
		default:
			if (variant_opt(r, c.flag, v, &a->cfg))
				return AUXSIM_EXIT_USAGE;
		}
	}
	if (!a->path)
		return cli_usage_error(&run_cmd, "which scenario? (a file, or "
						 "an installed scenario's "
						 "name)");
	if (a->truth && !a->data)
		return cli_conflict("--truth", "no -o",
				    "the truth is of the perf.data -o writes");
	if (a->json && a->verbose)
		return cli_conflict("--json", cli_given(&c, OPT_VERBOSE),
				    "the JSON document is complete; "
				    "--verbose is for the text report");
	if (a->json && a->cfg.log)
		return cli_conflict("--json", "--log",
				    "the JSON document has no kernel log");
	if ((a->data && cli_output("-o", a->data)) ||
	    (a->truth && cli_output("--truth", a->truth)) ||
	    (a->svg && cli_output("--svg", a->svg)) ||
	    (a->trace_json && cli_output("--trace-json", a->trace_json)))
		return AUXSIM_EXIT_USAGE;
	if (a->data && a->truth && cli_same_file(a->data, a->truth))
		return cli_conflict("-o", "--truth", "the same file");
	if (a->data && a->svg && cli_same_file(a->data, a->svg))
		return cli_conflict("-o", "--svg", "the same file");
	if (a->truth && a->svg && cli_same_file(a->truth, a->svg))
		return cli_conflict("--truth", "--svg", "the same file");
	if (a->trace_json) {
		const char *other[] = { a->data, a->truth, a->svg };
		const char *flag[] = { "-o", "--truth", "--svg" };

		for (int i = 0; i < 3; i++)
			if (other[i] && cli_same_file(other[i], a->trace_json))
				return cli_conflict(flag[i], "--trace-json",
						    "the same file");
	}
	return 0;
}

/* the files -o, --truth, --svg and --trace-json asked for */
static int write_files(const struct run_args *a, struct sim_result *res)
{
	char msg[512];
	int ret = 0;

	res->perf_data_path = a->data;
	if (!a->data)
		res->perf_data_bytes = perf_data__size(res);
	else
		ret = perf_data__write(a->data, res, &res->perf_data_bytes, msg,
				       sizeof(msg));
	if (!ret && a->truth)
		ret = perf_truth__write(a->truth, res, msg, sizeof(msg));
	if (ret) {
		fprintf(stderr, "auxsim: %s\n", msg);
		return ret == -ENOMEM ? AUXSIM_EXIT_NOMEM : AUXSIM_EXIT_IO;
	}
	if (a->svg) {
		ret = write_svg(a->svg, res);
		if (ret)
			return ret;
	}
	if (a->trace_json &&
	    (ret = trace_json__write_file(a->trace_json, res, msg,
					  sizeof(msg)))) {
		fprintf(stderr, "auxsim: %s\n", msg);
		return ret == -ENOMEM ? AUXSIM_EXIT_NOMEM : AUXSIM_EXIT_IO;
	}
	return 0;
}

int cmd_run(int argc, char **argv)
{
	struct auxsim_scenario *scn;
	struct run_args a = {0};
	struct sim_result res;
	int ret = parse_args(argc, argv, &a);
	char msg[512];

	if (ret)
		return ret < 0 ? AUXSIM_EXIT_OK : ret;
	scn = calloc(1, sizeof(*scn));
	if (!scn) {
		fprintf(stderr, "auxsim: out of memory\n");
		return AUXSIM_EXIT_NOMEM;
	}
	ret = load_scenario(a.path, scn);
	if (ret) {
		free(scn);
		return ret;
	}
	/* Ctrl-C stops the modelled session where it is, as perf record's
	 * does; the report and files say so */
	interrupt__install();
	a.cfg.progress = isatty(STDERR_FILENO) ? stderr : NULL;
	ret = sim__run(scn, &a.cfg, &res, msg, sizeof(msg));
	if (ret) {
		ret = cli_start_error(a.path, scn, ret, msg);
		free(scn);
		return ret;
	}
	ret = write_files(&a, &res);
	if (ret) {
		sim_result__free(&res);
		free(scn);
		/* a SIGINT/SIGTERM while it was written: dropped, as asked */
		return interrupt__signo() ?
			       AUXSIM_EXIT_SIGNAL + interrupt__signo() :
			       ret;
	}
	/* a perf record that failed printed why on its standard error
	 * before it exited: so does the modelled one (the report keeps the
	 * lines too, with the rest of perf's output) */
	if (res.open_error)
		for (int i = 0; i < res.nmsgs; i++)
			fprintf(stderr, "%s\n", res.msgs[i]);
	if (a.json)
		report__json(stdout, &res);
	else
		report__text(stdout, &res, a.verbose);
	ret = res.open_error ? AUXSIM_EXIT_PERF : AUXSIM_EXIT_OK;
	if (interrupt__signo()) /* in the run, or since */
		ret = AUXSIM_EXIT_SIGNAL + interrupt__signo();
	sim_result__free(&res);
	free(scn);
	return stdout_status() ? AUXSIM_EXIT_IO : ret;
}
