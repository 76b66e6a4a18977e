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
#include <sys/stat.h>

#include "builtin.h"
#include "check/cex.h"
#include "check/check.h"
#include "cli.h"
#include "check/invariant.h"
#include "scenario/scenario.h"
#include "sim/sim.h"
#include "check/step.h"
#include "lib/escape.h"
#include "lib/wrap.h"

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
		 "the numbered step log, each WARN splat, and a verdict line "
		 "last: the invariant the steps violate (exit 1), or none "
		 "(exit 0).  CEX-FILE is what 'auxsim check -o' writes: its "
		 "scenario is looked for relative to the file, then at its "
		 "absolute path, then by name; the verdict says whether the "
		 "saved violation reproduces, and a note whether the "
		 "scenario changed since (a file saying check found no "
		 "violation: nothing to replay, exit 0).  With a SCENARIO, --steps gives the "
		 "steps, as check's replay line prints them.",
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
	char head[sizeof(CEX_NONE_MAGIC)] = "";
	FILE *f = fopen(path, "r");

	if (!f)
		return false;
	if (!fgets(head, sizeof(head), f))
		head[0] = '\0';
	fclose(f);
	return !strncmp(head, CEX_MAGIC, strlen(CEX_MAGIC)) ||
	       !strcmp(head, CEX_NONE_MAGIC);
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

/*
 * @path, which is not a counterexample file (@ret, @err: why), is a
 * scenario: a file that parses as one, or the name of an installed one.
 * Then say that a scenario is replayed with --steps.
 */
static bool scenario_without_steps(const char *path, int ret,
				   const struct scn_error *err)
{
	struct auxsim_scenario *scn;
	struct scn_error serr;
	char buf[PATH_MAX];
	const char *file;
	bool is_scn;

	if (!(ret == -EINVAL && err->line == 1 && err->col == 1) &&
	    ret != -ENOENT)
		return false;
	file = find_scenario(path, buf, sizeof(buf));
	if (ret == -ENOENT && file == path)
		return false;
	scn = calloc(1, sizeof(*scn));
	if (!scn)
		return false;
	is_scn = !scenario__load(file, scn, &serr);
	free(scn);
	if (is_scn)
		fprintf(stderr,
			"%s: a scenario, not a counterexample: replay it with "
			"--steps S (as check's replay line does)\n",
			path);
	return is_scn;
}

/* the counterexample file @path into @cex and @a->cfg */
static int load_cex(struct replay_args *a, struct cex *cex)
{
	struct scn_error err;
	int ret = cex__load(a->path, cex, &err);

	if (ret && ret != -ENOMEM && scenario_without_steps(a->path, ret, &err))
		return AUXSIM_EXIT_USAGE;
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

/*
 * The places a counterexample file's scenario may be, tried in this
 * order (cex.h): its `scenario` path relative to the file's directory;
 * its `scenario-abs` path (a file from before that key: the `scenario`
 * path relative to the current directory, as check was given it); the
 * installed scenario of that name.
 */
enum place { AT_REL, AT_ABS, AT_GIVEN, AT_INSTALLED, NR_PLACES };

struct scn_places {
	char path[NR_PLACES][PATH_MAX + 8];
	int found; /* the place used, or -1 */
};

static bool regular_file(const char *path)
{
	struct stat st;

	return path[0] && !stat(path, &st) && S_ISREG(st.st_mode);
}

static void find_places(const char *file, const struct cex *c,
			struct scn_places *p)
{
	const char *slash = strrchr(file, '/');
	const char *base = strrchr(c->scenario, '/');
	size_t n;

	memset(p, 0, sizeof(*p));
	p->found = -1;
	if (c->scenario[0] == '/' || !slash)
		snprintf(p->path[AT_REL], sizeof(p->path[0]), "%s",
			 c->scenario);
	else
		snprintf(p->path[AT_REL], sizeof(p->path[0]), "%.*s/%s",
			 (int)(slash - file), file, c->scenario);
	if (c->scenario_abs[0])
		snprintf(p->path[AT_ABS], sizeof(p->path[0]), "%s",
			 c->scenario_abs);
	else if (strcmp(c->scenario, p->path[AT_REL]))
		snprintf(p->path[AT_GIVEN], sizeof(p->path[0]), "%s",
			 c->scenario);
	base = base ? base + 1 : c->scenario;
	snprintf(p->path[AT_INSTALLED], sizeof(p->path[0]), "%s/%s",
		 cli_scenario_dir(), base);
	/* by name, as find_scenario() takes one: with or without .scn */
	n = strlen(base);
	if (!regular_file(p->path[AT_INSTALLED]) &&
	    (n < 4 || strcmp(base + n - 4, ".scn")))
		snprintf(p->path[AT_INSTALLED], sizeof(p->path[0]), "%s/%s.scn",
			 cli_scenario_dir(), base);
	for (int i = 0; i < NR_PLACES; i++)
		if (regular_file(p->path[i])) {
			p->found = i;
			return;
		}
}

/* the counterexample's scenario is nowhere: say where it was looked for */
static void no_scenario(const char *file, const struct cex *c,
			const struct scn_places *p)
{
	fprintf(stderr,
		"%s:%d:%d: (the scenario this counterexample names) not "
		"found:\n",
		file, c->scenario_line, c->scenario_col);
	fprintf(stderr, "  %s (relative to %s): %s\n", p->path[AT_REL], file,
		strerror(ENOENT));
	if (p->path[AT_ABS][0])
		fprintf(stderr, "  %s (its absolute path): %s\n",
			p->path[AT_ABS], strerror(ENOENT));
	if (p->path[AT_GIVEN][0])
		fprintf(stderr, "  %s (relative to this directory): %s\n",
			p->path[AT_GIVEN], strerror(ENOENT));
	fprintf(stderr, "  %s (installed): %s\n", p->path[AT_INSTALLED],
		strerror(ENOENT));
}

/* the notes before a counterexample's replay: where its scenario was
 * found, when not at the first place; whether it changed */
static void replay_notes(const char *file, const struct cex *c,
			 const struct scn_places *p, bool changed, uint64_t now)
{
	static const char *const how[NR_PLACES] = {
		[AT_ABS] = "the absolute path the file records",
		[AT_GIVEN] = "the path as check was given it, relative to this "
			     "directory (a file from before auxsim stored "
			     "paths relative to itself)",
		[AT_INSTALLED] = "the installed scenario of that name",
	};

	if (p->found > AT_REL)
		wrap__printf(stdout, WRAP_HANG,
			     "note: no scenario at %s (relative to %s): "
			     "replaying %s, %s",
			     p->path[AT_REL], file, p->path[p->found],
			     how[p->found]);
	if (changed)
		wrap__printf(stdout, WRAP_HANG,
			     "note: %s changed since the counterexample was "
			     "written (scenario-hash fnv1a64:%016llx, now "
			     "fnv1a64:%016llx)",
			     p->path[p->found],
			     (unsigned long long)c->scenario_hash,
			     (unsigned long long)now);
}

#define CHANGED "the scenario changed since the counterexample was written"

/*
 * The end of every replay: the violated invariant's citation, under the
 * step log's "=> violates" line, then the verdict, the last line: what
 * the steps came to, and, for a counterexample file that names its
 * invariant, whether that violation reproduces.  @changed: 1 changed, 0
 * the same, -1 unknown (no hash).
 */
static void verdict(const struct cex *c, bool from_file, int changed,
		    const struct mc_replay_result *r, int nr)
{
	int saved = from_file && c->invariant[0] ? invariant__find(c->invariant)
						 : -1;
	int inv = r->invariant;
	char at[40] = "", skipped[64] = "";

	if (inv >= 0 && r->step)
		snprintf(at, sizeof(at), "at step %d", r->step);
	else if (inv >= 0)
		snprintf(at, sizeof(at), "at step 0 (the initial state)");
	/* the citation, under the step log's "=> violates" line */
	if (inv >= 0)
		wrap__printf(stdout, WRAP_HANG, "           %s",
			     invariants[inv].cites);
	if (r->skipped)
		snprintf(skipped, sizeof(skipped),
			 ", %d of them not enabled at their turn (skipped)",
			 r->skipped);
	if (saved >= 0 && inv == saved)
		wrap__printf(stdout, WRAP_HANG,
			     "verdict: the saved violation of %s reproduces "
			     "%s%s",
			     c->invariant, at,
			     changed > 0 ? " (though " CHANGED ")" : "");
	else if (saved >= 0)
		wrap__printf(
			stdout, WRAP_HANG,
			"verdict: the saved violation of %s does NOT reproduce "
			"(%s)%s%s%s%s",
			c->invariant,
			changed > 0 ? CHANGED
			: changed == 0
				? "the scenario is unchanged: auxsim's "
				  "model, or this file's kernel, perf or "
				  "patch lines, changed since it was "
				  "written"
				: "the file records no scenario hash: "
				  "whether the scenario changed is unknown",
			inv >= 0 ? "; the steps violate " : "",
			inv >= 0 ? invariants[inv].id : "", inv >= 0 ? " " : "",
			inv >= 0 ? at : "");
	else if (inv >= 0)
		wrap__printf(stdout, WRAP_HANG,
			     "verdict: the steps violate %s %s",
			     invariants[inv].id, at);
	else
		wrap__printf(stdout, WRAP_HANG,
			     "verdict: no invariant violated in %d step%s%s",
			     nr, nr == 1 ? "" : "s", skipped);
}

int cmd_replay(int argc, char **argv)
{
	struct replay_args a = {0};
	struct auxsim_scenario *scn = calloc(1, sizeof(*scn));
	struct cex *cex = calloc(1, sizeof(*cex));
	struct scn_places *places = calloc(1, sizeof(*places));
	struct mc_replay_result r;
	struct step_error se;
	uint64_t now = 0;
	int ret, changed = -1;

	if (!scn || !cex || !places) {
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
		const char *path;

		ret = load_cex(&a, cex);
		if (ret)
			goto out;
		/* check -o found no violation: it said so in the file */
		if (cex->none) {
			/* the note as check wrote it, or as someone edited
			 * it: no raw control or non-UTF-8 byte to the tty */
			char note[4 * sizeof(cex->note)];

			escape__text(note, sizeof(note), cex->note);
			wrap__printf(stdout, WRAP_HANG,
				     "%s: no violation was found; nothing to "
				     "replay (auxsim check%s)",
				     a.path, note);
			ret = stdout_status();
			goto out;
		}
		find_places(a.path, cex, places);
		if (places->found < 0) {
			no_scenario(a.path, cex, places);
			ret = AUXSIM_EXIT_USAGE;
			goto out;
		}
		path = places->path[places->found];
		if (cex->has_hash && !cex__hash_file(path, &now))
			changed = now != cex->scenario_hash;
		ret = load_scenario(path, scn);
		if (ret)
			fprintf(stderr,
				"%s:%d:%d: (the scenario this "
				"counterexample names)\n",
				a.path, cex->scenario_line, cex->scenario_col);
		else
			ret = check_steps(scn, &a.cfg, cex->steps,
					  cex->nr_steps, a.path,
					  cex->steps_line, cex->step_col);
		if (ret && changed > 0)
			fprintf(stderr, "%s: %s (%s)\n", a.path, CHANGED, path);
		if (!ret)
			replay_notes(a.path, cex, places, changed > 0, now);
	}
	if (ret)
		goto out;
	wrap__command(stdout, scn->root ? "# " : "$ ", scn->rec.cmdline, 4);
	ret = mc__replay_result(stdout, scn, &a.cfg, cex->steps, cex->nr_steps,
				NULL, &r);
	if (ret) {
		/* check_steps() started the same model: only memory fails */
		if (ret == -ENOMEM)
			fprintf(stderr, "auxsim: out of memory\n");
		ret = cli_start_status(ret, "");
		goto out;
	}
	verdict(cex, !a.steps, changed, &r, cex->nr_steps);
	ret = stdout_status();
	if (!ret)
		ret = r.invariant >= 0 ? AUXSIM_EXIT_VIOLATION : AUXSIM_EXIT_OK;
out:
	free(places);
	free(cex);
	free(scn);
	return ret;
}
