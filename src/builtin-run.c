// SPDX-License-Identifier: GPL-2.0
/*
 * builtin-run.c - auxsim run: one timed simulation of a scenario, its
 * report, and the files it writes (perf.data, truth, SVG).
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/atomic-file.h"
#include "builtin.h"
#include "cli.h"
#include "lib/interrupt.h"
#include "lib/json.h"
#include "tools/perf/util/data.h"
#include "output/elf.h"
#include "output/truth.h"
#include "tools/perf/util/arm-spe-data.h"
#include "output/report.h"
#include "scenario/scenario.h"
#include "sim/sim.h"
#include "output/svg.h"
#include "output/trace-json.h"

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
		 "variants; --patch replaces its patch list.  -o FILE also "
		 "writes the traced program's ELF beside it, as "
		 "FILE.auxsim.elf, which the perf.data names "
		 "(docs/perf-data.md); --truth lists what 'perf script "
		 "--itrace=b -F cpu,ip,addr,flags' prints for it.",
	.scenario_arg = true,
};

/* the timeline picture, through a temporary file and a rename */
static int write_svg(const char *out, const struct sim_result *res,
		     char *err, int errlen)
{
	struct atomic_file af;
	int ret = atomic_file__open(&af, out, err, errlen);

	if (!ret)
		ret = atomic_file__close(&af, svg__write(af.f, res), err,
					 errlen);
	return ret;
}

struct run_args {
	struct sim_config cfg;
	const char *path, *svg, *data, *truth, *trace_json;
	char elf[PATH_MAX + 64]; /* with -o: the ELF beside the perf.data */
	bool json, verbose;
};

/*
 * Before the run: every file it will write can be written (cli_output()),
 * the traced program's ELF that -o writes beside the perf.data included,
 * and no two of them are the same file.
 */
static int check_outputs(struct run_args *a)
{
	enum { DATA, TRUTH, SVG, TRACE_JSON, ELF, NR };
	const char *flag[NR] = {"-o", "--truth", "--svg", "--trace-json",
				"-o (the traced program's ELF)"};
	const char *path[NR] = {a->data, a->truth, a->svg, a->trace_json};
	int ret;

	if (a->data) {
		ret = workload_elf__path(a->data, a->elf, sizeof(a->elf));
		if (ret)
			return cli_error("-o", "%s: %s", a->data,
					 strerror(-ret));
		path[ELF] = a->elf;
	}
	for (int i = 0; i < NR; i++)
		if (path[i] && cli_output(flag[i], path[i]))
			return AUXSIM_EXIT_USAGE;
	for (int i = 0; i < NR; i++)
		for (int j = i + 1; j < NR; j++) {
			char why[2 * PATH_MAX];

			if (!path[i] || !path[j] ||
			    !cli_same_file(path[i], path[j]))
				continue;
			if (j != ELF)
				return cli_conflict(flag[i], flag[j],
						    "the same file");
			snprintf(why, sizeof(why),
				 "%s is the traced program's ELF that -o "
				 "writes beside %s",
				 path[i], a->data);
			return cli_conflict(flag[i], "-o", why);
		}
	return 0;
}

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
	return check_outputs(a);
}

/*
 * The file at @path not written (@ret, @msg): said now on stderr, naming
 * its @flag as the checks before the run do, and in the report, which is
 * printed all the same (the run happened).  The exit
 * status: 128 + the signal that stopped the write, USAGE past a limit
 * (-E2BIG), NOMEM, else IO.
 */
static int output_failed(struct sim_result *res, const char *flag,
			 const char *path, int ret, const char *msg, char *why,
			 size_t len)
{
	size_t n = strlen(path);
	int signo = ret == -EINTR ? interrupt__signo() : 0;

	cli_error(flag, "%s", msg);
	if (signo)
		snprintf(why, len, "interrupted by %s while it was written",
			 signo == SIGINT ? "SIGINT" : "SIGTERM");
	else if (!strncmp(msg, path, n) && !strncmp(msg + n, ": ", 2))
		snprintf(why, len, "%s", msg + n + 2);
	else
		snprintf(why, len, "%s", msg);
	res->output_failed = path;
	res->output_error = why;
	res->output_signo = signo;
	return signo		? AUXSIM_EXIT_SIGNAL + signo
	       : ret == -ENOMEM ? AUXSIM_EXIT_NOMEM
	       : ret == -E2BIG	? AUXSIM_EXIT_USAGE
				: AUXSIM_EXIT_IO;
}

/*
 * The files -o, --truth, --svg and --trace-json asked for, in that order,
 * up to the first that fails.  A SIGINT/SIGTERM that comes while they are
 * written stops the writing (the file being written is dropped); one that
 * stopped the run came before: every file is written, as perf record
 * writes its perf.data after Ctrl-C.
 */
static int write_files(const struct run_args *a, struct sim_result *res,
		       char *why, size_t len)
{
	enum { DATA, TRUTH, SVG, TRACE_JSON, NR };
	const char *path[NR] = {a->data, a->truth, a->svg, a->trace_json};
	const char *flag[NR] = {"-o", "--truth", "--svg", "--trace-json"};
	int sig_run = interrupt__signo();
	char msg[2 * PATH_MAX];

	res->perf_data_path = a->data;
	if (!a->data)
		res->perf_data_bytes = perf_data__size(res);
	for (int i = 0; i < NR; i++) {
		int ret = 0;

		if (!path[i])
			continue;
		if (interrupt__signo() && !sig_run) {
			ret = -EINTR;
			snprintf(msg, sizeof(msg),
				 "%s: interrupted by a signal; not written",
				 path[i]);
		} else if (i == DATA) {
			ret = perf_data__write(path[i], res,
					       &res->perf_data_bytes, msg,
					       sizeof(msg));
		} else if (i == TRUTH) {
			ret = perf_truth__write(path[i], res, msg, sizeof(msg));
		} else if (i == SVG) {
			ret = write_svg(path[i], res, msg, sizeof(msg));
		} else {
			ret = trace_json__write_file(path[i], res, msg,
						     sizeof(msg));
		}
		if (ret)
			return output_failed(res, flag[i], path[i], ret, msg,
					     why, len);
	}
	return 0;
}

int cmd_run(int argc, char **argv)
{
	struct auxsim_scenario *scn;
	struct run_args a = {0};
	struct sim_result res;
	int ret = parse_args(argc, argv, &a);
	char msg[512], why[2 * PATH_MAX];

	if (ret) /* < 0: --help, printed */
		return ret < 0 ? stdout_status() : ret;
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
	/* the truth is of cs_etm's branches; SPE's samples have none
	 * (docs/perf-data.md, "ARM SPE") */
	for (int e = 0; a.truth && e < scn->rec.nr_events; e++)
		if (arm_spe_data__is_spe(scn->rec.events[e].pmu)) {
			free(scn);
			return cli_error("--truth",
					 "%s: an arm_spe_0 session has no "
					 "modelled truth (it lists cs_etm "
					 "branches); check its samples with "
					 "perf script (docs/perf-data.md)",
					 a.truth);
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
	/* a file not written is said in the report, printed all the same */
	ret = write_files(&a, &res, why, sizeof(why));
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
	if (!ret)
		ret = res.open_error ? AUXSIM_EXIT_PERF : AUXSIM_EXIT_OK;
	if (interrupt__signo()) /* in the run, or since */
		ret = AUXSIM_EXIT_SIGNAL + interrupt__signo();
	sim_result__free(&res);
	free(scn);
	return stdout_status() ? AUXSIM_EXIT_IO : ret;
}
