// SPDX-License-Identifier: GPL-2.0
/*
 * builtin-replay.c - auxsim replay: rerun a list of checker steps, from
 * --steps or from a counterexample file written by check -o (cex.h), with
 * the kernel log.  Every step is checked against the scenario first
 * (step__check()): a bad one is an error (exit 2), never a silent skip.
 * Built only into auxsim-check.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtin.h"
#include "cex.h"
#include "check.h"
#include "cli.h"
#include "scenario.h"
#include "sim.h"
#include "step.h"

enum {
	OPT_STEPS = OPT_CMD,
};

static const struct cli_opt replay_opts[] = {
	{OPT_STEPS, "--steps", NULL, "S",
	 "with a SCENARIO: the steps, comma-separated", 0},
	{OPT_KERNEL, "--kernel", NULL, "K",
	 "with a SCENARIO: the kernel variant", 0},
	{OPT_PATCH, "--patch", NULL, "P",
	 "with a SCENARIO: apply patch P (repeatable)", CLI_MULTI},
	{OPT_PERF, "--perf", NULL, "V",
	 "with a SCENARIO: the perf tool variant", 0},
	{OPT_LOG, "--log", NULL, NULL, "add the model's kernel-side log", 0},
	{OPT_SEED, "--seed", NULL, "N",
	 "replay follows its steps: nothing in it is random", CLI_REFUSED},
	{OPT_DURATION, "--duration", NULL, "T",
	 "replay has no clock (its steps are ticks, not time): --duration "
	 "is run's",
	 CLI_REFUSED},
	{0},
};

static const struct cli_cmd replay_cmd = {
	.name = "replay",
	.usage = "CEX-FILE [--log]\nSCENARIO --steps S [options]",
	.about = "Rerun a counterexample from the scenario's initial state: "
		 "the numbered step log, each WARN splat, and the invariant "
		 "it violates (exit 1; exit 0 when the steps violate none).  "
		 "CEX-FILE is what 'auxsim check -o' writes; with a SCENARIO, "
		 "--steps gives the steps, as check's replay line prints "
		 "them.",
	.opts = replay_opts,
	.notes = "Steps: tick:CPU, overflow:CPU:EVENT, "
		 "overflow-burst:CPU:EVENT, switch:CPU:TASK (TASK -1: "
		 "idle), ioctl-disable:EVENT, ioctl-enable:EVENT, sigusr2, "
		 "snapshot-read, snapshot, munmap; +nmi:EVENT:POINT after a "
		 "step adds an NMI at POINT (0 perf_event_aux_pause, 1 "
		 "perf_event_throttle_group, 2 perf_event_unthrottle_group; "
		 "the name or the number).  EVENT K is the K-th -e of the "
		 "perf record line, from 0 (docs/checking.md).  A step the "
		 "scenario cannot take (no such CPU, event or task, an "
		 "overflow of an event that is not a counter, a snapshot "
		 "without -S, an NMI without 'pmi nmi') is an error, exit "
		 "2; a possible step not enabled at its turn is shown as "
		 "skipped.",
	.scenario_arg = true,
};

struct replay_args {
	struct sim_config cfg;
	const char *path, *steps;
	struct cli c;
};

/* @path begins like a counterexample file */
static bool looks_like_cex(const char *path)
{
	char head[sizeof(CEX_MAGIC)] = "";
	FILE *f = fopen(path, "r");

	if (!f)
		return false;
	if (!fgets(head, sizeof(head), f))
		head[0] = '\0';
	fclose(f);
	return !strcmp(head, CEX_MAGIC);
}

static int parse_args(int argc, char **argv, struct replay_args *a)
{
	const char *v, *x;
	int r;

	cli_init(&a->c, &replay_cmd, argc, argv);
	while ((r = cli_next(&a->c, &v)) != CLI_DONE) {
		if (r == CLI_HELP) {
			cli_help(&replay_cmd, stdout);
			return -1;
		}
		if (r == CLI_ERROR)
			return AUXSIM_EXIT_USAGE;
		if (r == CLI_ARG) {
			if (a->path)
				return cli_error(v,
						 "only one file to replay (%s "
						 "is the first)",
						 a->path);
			a->path = v;
		} else if (r == OPT_STEPS) {
			a->steps = v;
		} else if (variant_opt(r, a->c.flag, v, &a->cfg)) {
			return AUXSIM_EXIT_USAGE;
		}
	}
	if (!a->path)
		return cli_usage_error(&replay_cmd,
				       "what to replay? (a counterexample "
				       "file, or a scenario and --steps)");
	if (a->steps && looks_like_cex(a->path))
		return cli_conflict("--steps", a->path,
				    "that is a counterexample file, with its "
				    "own steps (replay it alone)");
	if (!a->steps && ((x = cli_given(&a->c, OPT_KERNEL)) ||
			  (x = cli_given(&a->c, OPT_PERF)) ||
			  (x = cli_given(&a->c, OPT_PATCH))))
		return cli_conflict(x, "a counterexample file",
				    "the file names its variants (replay its "
				    "scenario with --steps to change them)");
	return 0;
}

/*
 * Check @steps against the model started from @scn: 0, or USAGE with the
 * first bad step named (@where prefixes the message: "--steps" or a
 * FILE:LINE; @cols are the steps' columns there).
 */
static int check_steps(const struct auxsim_scenario *scn,
		       const struct sim_config *cfg, const struct step *steps,
		       int nr, const char *file, int line, const int *cols)
{
	struct aux_model *m = calloc(1, sizeof(*m));
	const char *names[SCN_MAX_EVENTS];
	char err[512], why[256], tok[64];
	int ret;

	if (!m) {
		fprintf(stderr, "auxsim: out of memory\n");
		return AUXSIM_EXIT_NOMEM;
	}
	ret = sim__start(scn, cfg, m, err, sizeof(err));
	if (ret) {
		ret = cli_start_error(scn->path, scn, ret, err);
		free(m);
		return ret;
	}
	for (int i = 0; i < scn->rec.nr_events; i++)
		names[i] = scn->rec.events[i].text;
	for (int i = 0; i < nr; i++) {
		if (!step__check(m, &steps[i], names, scn->rec.nr_events, why,
				 sizeof(why)))
			continue;
		step__format(tok, sizeof(tok), &steps[i]);
		if (file)
			fprintf(stderr, "%s:%d:%d: step %d '%s': %s\n", file,
				line, cols[i], i + 1, tok, why);
		else
			cli_error("--steps", "step %d '%s' (column %d): %s",
				  i + 1, tok, cols[i], why);
		free(m);
		return AUXSIM_EXIT_USAGE;
	}
	free(m);
	return 0;
}

/* the counterexample file @path into @cex and @a->cfg */
static int load_cex(struct replay_args *a, struct cex *cex)
{
	struct scn_error err;
	int ret = cex__load(a->path, cex, &err);

	if (ret) {
		if (err.line)
			fprintf(stderr, "%s:%d:%d: %s\n", a->path, err.line,
				err.col, err.msg);
		else
			fprintf(stderr, "%s: %s\n", a->path, err.msg);
		return ret == -ENOMEM ? AUXSIM_EXIT_NOMEM : AUXSIM_EXIT_USAGE;
	}
	if (cex->kernel[0])
		a->cfg.kernel = cex->kernel;
	if (cex->perf[0])
		a->cfg.perf = cex->perf;
	a->cfg.patches_set = cex->patches_set;
	a->cfg.nr_patches = cex->nr_patches;
	for (int i = 0; i < cex->nr_patches; i++)
		a->cfg.patches[i] = cex->patches[i];
	return 0;
}

int cmd_replay(int argc, char **argv)
{
	struct replay_args a = {0};
	struct auxsim_scenario *scn = calloc(1, sizeof(*scn));
	struct cex *cex = calloc(1, sizeof(*cex));
	struct step_error se;
	int ret, inv;

	if (!scn || !cex) {
		fprintf(stderr, "auxsim: out of memory\n");
		ret = AUXSIM_EXIT_NOMEM;
		goto out;
	}
	ret = parse_args(argc, argv, &a);
	if (ret) {
		ret = ret < 0 ? stdout_status() : ret;
		goto out;
	}
	if (a.steps) {
		ret = step__parse_list(a.steps, strlen(a.steps), cex->steps,
				       MC_MAX_DEPTH, cex->step_col, &se);
		if (ret < 0) {
			if (se.token[0])
				ret = cli_error("--steps",
						"step %d '%s' (column %d): %s",
						se.index, se.token, se.col,
						se.msg);
			else
				ret = cli_error("--steps",
						"step %d (column "
						"%d): %s",
						se.index, se.col, se.msg);
			goto out;
		}
		cex->nr_steps = ret;
		ret = load_scenario(a.path, scn);
		if (!ret)
			ret = check_steps(scn, &a.cfg, cex->steps,
					  cex->nr_steps, NULL, 0,
					  cex->step_col);
	} else {
		ret = load_cex(&a, cex);
		if (ret)
			goto out;
		ret = load_scenario(cex->scenario, scn);
		if (ret)
			fprintf(stderr,
				"%s:%d:%d: (the scenario this "
				"counterexample names)\n",
				a.path, cex->scenario_line, cex->scenario_col);
		else
			ret = check_steps(scn, &a.cfg, cex->steps,
					  cex->nr_steps, a.path,
					  cex->steps_line, cex->step_col);
	}
	if (ret)
		goto out;
	printf("%s %s\n", scn->root ? "#" : "$", scn->rec.cmdline);
	inv = mc__replay(stdout, scn, &a.cfg, cex->steps, cex->nr_steps, NULL);
	ret = stdout_status();
	if (!ret)
		ret = inv >= 0 ? AUXSIM_EXIT_VIOLATION : AUXSIM_EXIT_OK;
out:
	free(cex);
	free(scn);
	return ret;
}
