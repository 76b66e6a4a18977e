// SPDX-License-Identifier: GPL-2.0
/*
 * builtin-check.c - auxsim check: the model checker's command line, its
 * report, and counterexample files (check.h, cex.h); the seed-001 claims
 * are in builtin-check-claims.c.  Built only into auxsim-check.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <limits.h>
#include <sys/resource.h>

#include "lib/atomic-file.h"
#include "builtin.h"
#include "check/cex.h"
#include "check/check-jobs.h"
#include "check/check.h"
#include "cli.h"
#include "lib/interrupt.h"
#include "check/invariant.h"
#include "lib/json.h"
#include "model/machine.h"
#include "scenario/scenario.h"
#include "sim/sim.h"
#include "check/step.h"
#include "lib/suggest.h"
#include "lib/wrap.h"
#include "model/variant.h"

enum {
	OPT_DFS = OPT_CMD,
	OPT_BFS,
	OPT_RANDOM,
	OPT_RUNS,
	OPT_INVARIANT,
	OPT_MAX_STATES,
	OPT_NO_POR,
	OPT_BITSTATE,
	OPT_JOBS,
	OPT_OUTPUT,
	OPT_CLAIMS,
	OPT_LIST_INVARIANTS,
};

static const struct cli_opt check_opts[] = {
	CLI_VARIANT_OPTS,
	{OPT_DFS, "--dfs", NULL, NULL,
	 "one depth-first pass (not the shortest path)", 0},
	{OPT_BFS, "--bfs", NULL, NULL,
	 "breadth-first: shortest, levels kept in memory", 0},
	{OPT_RANDOM, "--random", NULL, NULL,
	 "random walks (swarm), the counterexample shrunk", 0},
	{OPT_SEED, "--seed", NULL, "N",
	 "with --random: the walks' seed (default 1)", 0},
	{OPT_RUNS, "--runs", NULL, "N",
	 "with --random: how many walks (default 1000)", 0},
	{OPT_INVARIANT, "--invariant", NULL, "ID",
	 "check only ID (repeatable; see --list-invariants)", CLI_MULTI},
	{OPT_MAX_STATES, "--max-states", NULL, "N",
	 "visited table capacity (1024..2^32, default 2^22)", 0},
	{OPT_NO_POR, "--no-por", NULL, NULL,
	 "no sleep sets: the same states, more transitions", 0},
	{OPT_BITSTATE, "--bitstate", NULL, "LOG2",
	 "a 2^LOG2-bit table (10..36): may miss states", 0},
	{OPT_JOBS, "-j", NULL, "N",
	 "N processes (1..64) sharing the visited table", 0},
	{OPT_JSON, "--json", NULL, NULL,
	 "a JSON document, not the text (docs/json.md)", 0},
	{OPT_OUTPUT, "--output", "-o", "FILE",
	 "the counterexample, or that there is none, for replay", 0},
	{OPT_CLAIMS, "--claims", NULL, "DIR",
	 "the seed-001 claims, on DIR/c001-claim-*.scn", 0},
	{OPT_LIST_INVARIANTS, "--list-invariants", NULL, NULL,
	 "list the invariants and what each cites", 0},
	{OPT_DURATION, "--duration", NULL, "T",
	 "the checker has no clock (its steps are ticks, not time): "
	 "--duration is run's",
	 CLI_REFUSED},
	{OPT_LOG, "--log", NULL, NULL,
	 "check prints no kernel log: replay the counterexample with --log",
	 CLI_REFUSED},
	{0},
};

static const struct cli_cmd check_cmd = {
	.name = "check",
	.usage = "SCENARIO [options]\n--claims DIR [options]\n"
		 "--list-invariants",
	.about = "Explore every interleaving of the scenario's steps (ticks, "
		 "counter overflows, context switches, NMIs at interrupt "
		 "points, perf's ioctls, snapshots, munmap) within the bounds "
		 "of its `check` line, check the invariants at every state, "
		 "and print the shortest counterexample with the kernel's "
		 "splat and a replay command (exit 1), or the bound within "
		 "which there is none (exit 0).",
	.opts = check_opts,
	.notes = "The default search is iterative deepening with sleep "
		 "sets; --dfs, --bfs and --random are the others, one at a "
		 "time.  docs/checking.md explains the steps, the bounds and "
		 "the searches.",
	.scenario_arg = true,
};

/* each invariant: its id, what holds and what it cites (unless that is
 * already said: a WARN's site), wrapped in 80 columns */
static int cmd_list_invariants(void)
{
	for (int i = 0; i < NR_INVARIANTS; i++) {
		const struct invariant_desc *d = &invariants[i];
		char text[1024];

		if (strstr(d->what, d->cites))
			snprintf(text, sizeof(text), "%s", d->what);
		else
			snprintf(text, sizeof(text), "%s. Source: %s", d->what,
				 d->cites);
		cli_help_line(stdout, d->id, text);
	}
	return stdout_status();
}

/*
 * The -o file (cex.h): the replay command's arguments, one per line, or,
 * with no violation (@vl NULL), a file that says there is none, with
 * check's verdict @verdict, so that -o always reflects the latest check
 * and `check -o F && replay F` replays nothing stale.  Written whole
 * (atomic-file.h).
 */
static int write_cex(const char *out, const char *path,
		     const struct sim_result *v, const struct mc_violation *vl,
		     const char *verdict)
{
	struct cex *c = calloc(1, sizeof(*c));
	struct atomic_file af;
	char err[2 * PATH_MAX], found[PATH_MAX];
	const char *scn_file;
	int ret;

	if (!c) {
		fprintf(stderr, "auxsim: out of memory\n");
		return AUXSIM_EXIT_NOMEM;
	}
	if (vl) {
		snprintf(c->note, sizeof(c->note), ": %s: %s",
			 invariants[vl->invariant].id,
			 invariants[vl->invariant].broken);
		snprintf(c->invariant, sizeof(c->invariant), "%s",
			 invariants[vl->invariant].id);
	} else {
		snprintf(c->note, sizeof(c->note), ": %s", verdict);
	}
	c->none = !vl;
	/* the scenario relative to @out's directory, its absolute path and
	 * its hash, so that replay finds it from anywhere (cex.h) */
	scn_file = find_scenario(path, found, sizeof(found));
	ret = cex__set_scenario(c, scn_file, out);
	if (ret) {
		fprintf(stderr, "auxsim: %s: %s\n", scn_file, strerror(-ret));
		free(c);
		return ret == -ENOMEM ? AUXSIM_EXIT_NOMEM : AUXSIM_EXIT_IO;
	}
	snprintf(c->kernel, sizeof(c->kernel), "%s", v->kernel->name);
	snprintf(c->perf, sizeof(c->perf), "%s", v->perf->name);
	c->patches_set = true;
	for (int i = 0; i < v->nr_patches && i < SCN_MAX_PATCHES; i++)
		snprintf(c->patches[c->nr_patches++], SCN_NAME_LEN, "%s",
			 v->patches[i]);
	if (vl) {
		c->nr_steps = vl->length;
		memcpy(c->steps, vl->steps, sizeof(c->steps));
	}
	ret = atomic_file__open(&af, out, err, sizeof(err));
	if (!ret)
		ret = atomic_file__close(&af, cex__write(af.f, c), err,
					 sizeof(err));
	free(c);
	if (ret) {
		cli_error("-o", "%s", err);
		return ret == -ENOMEM ? AUXSIM_EXIT_NOMEM : AUXSIM_EXIT_IO;
	}
	return 0;
}

/* the depths with states that an exhaustive search with a visited table
 * reports (how the state count grows with the depth bound); 0: none */
static int at_depth_levels(const struct mc_config *mc,
			   const struct mc_result *res)
{
	int levels = 0;

	if (!res->stats.complete || mc->mode == MC_RANDOM || mc->bitstate_log2)
		return 0;
	for (int d = 0; d <= MC_MAX_DEPTH; d++)
		if (res->stats.at_depth[d])
			levels = d + 1;
	return levels;
}

struct check_args {
	struct mc_config mc;
	struct sim_config cfg;
	const char *path, *claims, *out;
	const char *first; /* the first argument, for --list-invariants */
	int json;
	bool list;
};

/* one option into @a: 0, or an exit status (the message printed) */
static int check_opt(struct check_args *a, int id, const char *flag,
		     const char *v)
{
	struct mc_config *mc = &a->mc;
	uint64_t n;
	int inv;

	switch (id) {
	case OPT_DFS:
	case OPT_BFS:
	case OPT_RANDOM:
		mc->mode = id == OPT_DFS   ? MC_DFS
			   : id == OPT_BFS ? MC_BFS
					   : MC_RANDOM;
		return 0;
	case OPT_RUNS:
		return cli_u64(flag, v, 1, 1000000000, &mc->runs);
	case OPT_MAX_STATES:
		return cli_u64(flag, v, 1024, 1ull << 32, &mc->max_states);
	case OPT_BITSTATE:
		if (cli_u64(flag, v, 10, 36, &n))
			return AUXSIM_EXIT_USAGE;
		mc->bitstate_log2 = (int)n;
		return 0;
	case OPT_JOBS:
		if (cli_u64(flag, v, 1, 64, &n))
			return AUXSIM_EXIT_USAGE;
		mc->jobs = (int)n;
		return 0;
	case OPT_NO_POR:
		mc->no_por = true;
		return 0;
	case OPT_INVARIANT:
		inv = invariant__find(v);
		if (inv < 0) {
			const char *ids[NR_INVARIANTS], *near;

			for (int i = 0; i < NR_INVARIANTS; i++)
				ids[i] = invariants[i].id;
			near = suggest__closest(v, ids, NR_INVARIANTS);
			return cli_error(flag,
					 "unknown invariant '%s'%s%s%s (see "
					 "--list-invariants)",
					 v, near ? "; did you mean '" : "",
					 near ? near : "", near ? "'?" : "");
		}
		mc->enabled[inv] = true;
		return 0;
	case OPT_JSON:
		a->json = 1;
		return 0;
	case OPT_OUTPUT:
		a->out = v;
		return 0;
	case OPT_CLAIMS:
		a->claims = v;
		return 0;
	case OPT_LIST_INVARIANTS:
		a->list = true;
		return 0;
	}
	return variant_opt(id, flag, v, &a->cfg) ? AUXSIM_EXIT_USAGE : 0;
}

/* the options that contradict each other: USAGE (printed), or 0 */
static int check_conflicts(const struct cli *c, const struct check_args *a)
{
	const char *modes[] = {cli_given(c, OPT_DFS), cli_given(c, OPT_BFS),
			       cli_given(c, OPT_RANDOM)};
	const char *mode = NULL, *x;

	for (int i = 0; i < 3; i++) {
		if (modes[i] && mode)
			return cli_conflict(mode, modes[i],
					    "one search mode at a time");
		mode = mode ? mode : modes[i];
	}
	if (a->list && a->first)
		return cli_conflict("--list-invariants", a->first,
				    "--list-invariants lists the catalogue "
				    "and takes nothing else");
	if (a->claims && a->path)
		return cli_conflict("--claims", a->path,
				    "the claims have their own scenarios "
				    "(in DIR)");
	if (a->claims && (x = cli_given(c, OPT_INVARIANT)))
		return cli_conflict("--claims", x,
				    "each claim has its own invariants");
	if (a->claims && (x = cli_given(c, OPT_OUTPUT)))
		return cli_conflict("--claims", x,
				    "-o saves one counterexample, of one "
				    "scenario");
	if (a->mc.mode != MC_RANDOM) {
		if ((x = cli_given(c, OPT_RUNS)) ||
		    (x = cli_given(c, OPT_SEED)))
			return cli_error(
				x, "only with --random (%s)",
				strcmp(x, "--runs")
					? "the other searches are not "
					  "random"
					: "it counts the random walks");
	} else {
		const int ids[] = {OPT_MAX_STATES, OPT_BITSTATE, OPT_NO_POR,
				   OPT_JOBS};

		for (int i = 0; i < 4; i++)
			if ((x = cli_given(c, ids[i])))
				return cli_conflict("--random", x,
						    "random walks keep no "
						    "table, use no sleep sets "
						    "and run in one process");
	}
	if (a->mc.mode == MC_BFS) {
		const int ids[] = {OPT_BITSTATE, OPT_NO_POR, OPT_JOBS};
		const char *why[] = {"--bfs keeps a visited table",
				     "--bfs uses no sleep sets",
				     "--bfs runs in one process"};

		for (int i = 0; i < 3; i++)
			if ((x = cli_given(c, ids[i])))
				return cli_conflict("--bfs", x, why[i]);
	}
	if (cli_given(c, OPT_BITSTATE)) {
		if ((x = cli_given(c, OPT_MAX_STATES)))
			return cli_conflict("--bitstate", x,
					    "two sizes for the table");
		if (a->mc.jobs > 1)
			return cli_conflict("--bitstate", "-j",
					    "-j shares a visited table, not a "
					    "bitstate one");
		if ((x = cli_given(c, OPT_NO_POR)))
			return cli_conflict("--bitstate", x,
					    "--bitstate searches without sleep "
					    "sets already");
	}
	if (a->out && cli_output("-o", a->out))
		return AUXSIM_EXIT_USAGE;
	return 0;
}

static int parse_args(int argc, char **argv, struct check_args *a)
{
	struct cli c;
	const char *v;
	int r, ret;

	memset(a, 0, sizeof(*a));
	a->mc.mode = MC_ITERATIVE;
	a->mc.max_states = 1u << 22;
	a->mc.runs = 1000;
	cli_init(&c, &check_cmd, argc, argv);
	while ((r = cli_next(&c, &v)) != CLI_DONE) {
		if (r == CLI_HELP) {
			cli_help(&check_cmd, stdout);
			return -1;
		}
		if (r == CLI_ERROR)
			return AUXSIM_EXIT_USAGE;
		if (r != OPT_LIST_INVARIANTS && !a->first)
			a->first = r == CLI_ARG ? v : c.flag;
		if (r == CLI_ARG) {
			if (a->path)
				return cli_error(v,
						 "only one scenario (%s is the "
						 "first)",
						 a->path);
			a->path = v;
			continue;
		}
		ret = check_opt(a, r, c.flag, v);
		if (ret)
			return ret;
	}
	ret = check_conflicts(&c, a);
	if (ret)
		return ret;
	if (!cli_given(&c, OPT_INVARIANT))
		for (int i = 0; i < NR_INVARIANTS; i++)
			a->mc.enabled[i] = true;
	a->mc.seed = a->cfg.seed_set ? a->cfg.seed : 1;
	if (!a->path && !a->claims && !a->list)
		return cli_usage_error(&check_cmd,
				       "which scenario? (a file, or an "
				       "installed scenario's name)");
	return 0;
}

/* a search that stopped before its end: why, and what it had explored */
static void print_partial(const struct mc_config *mc,
			  const struct mc_result *res)
{
	const struct mc_stats *st = &res->stats;
	char sig[32];

	for (int k = 0; k < MC_MAX_JOBS; k++) {
		if (!st->lost[k])
			continue;
		if (st->lost[k] == MC_LOST_HUNG)
			printf("worker %d did not stop when asked: killed\n", k);
		else if (st->lost[k] == MC_LOST_FAILED)
			printf("worker %d failed\n", k);
		else
			printf("worker %d killed by %s\n", k,
			       mc_jobs__signame(st->lost[k], sig, sizeof(sig)));
	}
	if (st->interrupted)
		printf("INTERRUPTED by %s: partial statistics, not exhaustive\n",
		       mc_jobs__signame(st->interrupted, sig, sizeof(sig)));
	else if (st->nr_lost)
		wrap__printf(stdout, WRAP_HANG,
			     "ABORTED: %d worker%s lost, the search stopped: "
			     "partial statistics, not exhaustive",
			     st->nr_lost, st->nr_lost > 1 ? "s" : "");
	if (mc->mode == MC_RANDOM || mc->bitstate_log2)
		return;
	if (st->depth_done)
		wrap__printf(stdout, WRAP_HANG,
			     "every path to depth %d explored: %llu states%s",
			     st->depth_done,
			     (unsigned long long)st->states_done,
			     mc->mode == MC_ITERATIVE
				     ? "; the counts above are of the next "
				       "bound's iteration, unfinished"
				     : "");
	else
		printf("no depth bound finished\n");
}

/* the statistics' fields for a search that stopped before its end */
static void json_partial(struct json_writer *jw, const struct mc_result *res)
{
	const struct mc_stats *st = &res->stats;
	char sig[32];

	if (st->interrupted)
		jw_string(jw, "interrupted",
			  mc_jobs__signame(st->interrupted, sig, sizeof(sig)));
	else
		jw_null(jw, "interrupted");
	jw_int(jw, "depth_completed", st->depth_done);
	jw_u64(jw, "states_completed", st->states_done);
	jw_open_array(jw, "workers_lost");
	for (int k = 0; k < MC_MAX_JOBS; k++) {
		if (!st->lost[k])
			continue;
		jw_open_object(jw, NULL);
		jw_int(jw, "worker", k);
		if (st->lost[k] > 0) {
			jw_string(jw, "how", "signal");
			jw_string(jw, "signal",
				  mc_jobs__signame(st->lost[k], sig,
						   sizeof(sig)));
		} else {
			jw_string(jw, "how", st->lost[k] == MC_LOST_HUNG ?
						     "did-not-stop" :
						     "failed");
			jw_null(jw, "signal");
		}
		jw_close_object(jw);
	}
	jw_close_array(jw);
}

/* check's verdict when it found no violation, as the report prints it */
static void no_violation(char *buf, size_t len, const struct mc_config *mc,
			 const struct mc_result *res)
{
	if (res->stats.interrupted || res->stats.nr_lost)
		snprintf(buf, len,
			 "no violation found before the search stopped");
	else
		snprintf(buf, len, "no violation within the bounds%s",
			 res->stats.table_full
				 ? " explored before the table filled"
			 : mc->mode == MC_RANDOM ? " in the random runs"
						 : "");
}

int cmd_check(int argc, char **argv)
{
	struct check_args a;
	struct auxsim_scenario *scn;
	struct mc_config mc;
	struct sim_config cfg;
	struct mc_result res;
	struct sim_result names;
	const char *path;
	int ret = parse_args(argc, argv, &a), levels, json;
	char err[512], replay[4096];

	if (ret)
		return ret < 0 ? stdout_status() : ret;
	if (a.list)
		return cmd_list_invariants();
	/* a SIGINT or SIGTERM stops the search, which reports what it has */
	interrupt__install();
	if (a.claims)
		return cmd_claims(a.claims, &a.cfg, &a.mc, a.json);
	mc = a.mc;
	cfg = a.cfg;
	path = a.path;
	json = a.json;
	scn = calloc(1, sizeof(*scn));
	if (!scn) {
		fprintf(stderr, "auxsim: out of memory\n");
		return AUXSIM_EXIT_NOMEM;
	}
	ret = load_scenario(path, scn);
	if (ret) {
		free(scn);
		return ret;
	}
	ret = mc__check(scn, &cfg, &mc, &res, err, sizeof(err));
	if (ret) {
		ret = cli_start_error(path, scn, ret, err);
		free(scn);
		return ret;
	}
	resolve_names(scn, &cfg, &names);
	levels = at_depth_levels(&mc, &res);
	if (res.violated)
		replay_command(replay, sizeof(replay), path, &names,
			       res.v.steps, res.v.length);
	if (a.out) {
		char verdict[192];

		no_violation(verdict, sizeof(verdict), &mc, &res);
		snprintf(verdict + strlen(verdict),
			 sizeof(verdict) - strlen(verdict),
			 " (depth bound %d, %s)", scn->check.depth,
			 res.stats.complete ? "exhaustive" : "not exhaustive");
		ret = write_cex(a.out, path, &names,
				res.violated ? &res.v : NULL, verdict);
		if (ret) {
			free(scn);
			return ret;
		}
	}
	if (json) {
		struct json_writer jw;
		const struct scn_check *b = &scn->check;
		double sps = res.stats.seconds > 0 ?
				     res.stats.states / res.stats.seconds :
				     0;

		jw_init(&jw, stdout);
		jw_open_object(&jw, NULL);
		jw_string(&jw, "scenario", scn->name);
		jw_string(&jw, "kernel", names.kernel->name);
		jw_open_array(&jw, "patches");
		for (int i = 0; i < names.nr_patches; i++)
			jw_string(&jw, NULL, names.patches[i]);
		jw_close_array(&jw);
		jw_string(&jw, "perf", names.perf->name);
		jw_string(&jw, "mode", mc.mode == MC_RANDOM ? "random" :
				       mc.mode == MC_DFS    ? "dfs" :
				       mc.mode == MC_BFS    ? "bfs" :
							      "iterative");
		jw_open_object(&jw, "bounds");
		jw_int(&jw, "depth", b->depth);
		jw_int(&jw, "tick", b->tick);
		jw_int(&jw, "overflow", b->overflow);
		jw_int(&jw, "switch", b->sched);
		jw_int(&jw, "ioctl", b->ioctl);
		jw_int(&jw, "snapshot", b->snapshot);
		jw_int(&jw, "munmap", b->munmap);
		jw_int(&jw, "nmi", b->nmi);
		jw_close_object(&jw);
		jw_open_array(&jw, "violations");
		if (res.violated) {
			int inv = res.v.invariant;

			jw_open_object(&jw, NULL);
			jw_string(&jw, "invariant", invariants[inv].id);
			if (inv >= INV_WARN_FIRST && inv <= INV_WARN_LAST)
				jw_string(&jw, "function",
					  warn_sites[inv - INV_WARN_FIRST]
						  .function);
			jw_int(&jw, "cpu", res.v.cpu);
			jw_int(&jw, "length", res.v.length);
			jw_open_array(&jw, "steps");
			for (int i = 0; i < res.v.length; i++) {
				char st[64];

				step__format(st, sizeof(st), &res.v.steps[i]);
				jw_string(&jw, NULL, st);
			}
			jw_close_array(&jw);
			jw_string(&jw, "replay", replay);
			jw_close_object(&jw);
		}
		jw_close_array(&jw);
		jw_open_object(&jw, "stats");
		jw_u64(&jw, "states", res.stats.states);
		jw_u64(&jw, "transitions", res.stats.transitions);
		jw_int(&jw, "depth", res.stats.depth);
		jw_fixed(&jw, "seconds", res.stats.seconds, 6);
		jw_fixed(&jw, "states_per_sec", sps, 0);
		if (mc.bitstate_log2)
			jw_fixed(&jw, "bytes_per_state",
				 res.stats.hash_factor / 8, 3);
		else
			jw_int(&jw, "bytes_per_state",
			       mc.mode == MC_RANDOM ? 0 : 16);
		jw_bool(&jw, "complete", res.stats.complete);
		jw_bool(&jw, "table_full", res.stats.table_full);
		json_partial(&jw, &res);
		jw_bool(&jw, "por", mc.mode != MC_RANDOM && mc.mode != MC_BFS &&
					    !mc.no_por &&
					    !mc.bitstate_log2);
		jw_u64(&jw, "slept", res.stats.slept);
		jw_u64(&jw, "noop", res.stats.noop);
		if (levels) {
			jw_open_array(&jw, "states_at_depth");
			for (int d = 0; d < levels; d++)
				jw_u64(&jw, NULL, res.stats.at_depth[d]);
			jw_close_array(&jw);
		}
		jw_int(&jw, "jobs", mc.jobs > 1 ? mc.jobs : 1);
		jw_int(&jw, "bitstate_log2", mc.bitstate_log2);
		if (mc.bitstate_log2)
			jw_fixed(&jw, "hash_factor", res.stats.hash_factor, 1);
		{
			struct rusage ru;

			getrusage(RUSAGE_SELF, &ru);
			jw_fixed(&jw, "transitions_per_sec",
				 res.stats.seconds > 0 ?
					 res.stats.transitions /
						 res.stats.seconds :
					 0,
				 0);
			jw_int(&jw, "peak_rss_kib", ru.ru_maxrss);
		}
		jw_close_object(&jw);
		jw_close_object(&jw);
	} else {
		char line[4096];
		int n;

		/* 80 columns (lib/wrap.h) */
		n = snprintf(line, sizeof(line),
			     "auxsim check: %s  kernel" WRAP_NBSP_S
			     "%s  perf" WRAP_NBSP_S "%s  patches:",
			     scn->name, names.kernel->name, names.perf->name);
		for (int i = 0;
		     i < names.nr_patches && n > 0 && (size_t)n < sizeof(line);
		     i++)
			n += snprintf(line + n, sizeof(line) - (size_t)n,
				      "%s%s", i ? " " : WRAP_NBSP_S,
				      names.patches[i]);
		if (!names.nr_patches && n > 0 && (size_t)n < sizeof(line))
			snprintf(line + n, sizeof(line) - (size_t)n,
				 WRAP_NBSP_S "none");
		wrap__text(stdout, line, WRAP_HANG);
		wrap__command(stdout, scn->root ? "# " : "$ ", scn->rec.cmdline,
			      4);
		wrap__printf(stdout, WRAP_HANG,
			     "  bounds: depth" WRAP_NBSP_S "%d, tick" WRAP_NBSP_S
			     "%d, overflow" WRAP_NBSP_S "%d, switch" WRAP_NBSP_S
			     "%d, ioctl" WRAP_NBSP_S "%d, snapshot" WRAP_NBSP_S
			     "%d, munmap" WRAP_NBSP_S "%d, nmi" WRAP_NBSP_S "%d",
			     scn->check.depth, scn->check.tick,
			     scn->check.overflow, scn->check.sched,
			     scn->check.ioctl, scn->check.snapshot,
			     scn->check.munmap, scn->check.nmi);
		putchar('\n');
		if (res.violated) {
			wrap__printf(stdout, WRAP_HANG, "VIOLATION of %s: %s",
				     invariants[res.v.invariant].id,
				     invariants[res.v.invariant].broken);
			wrap__printf(stdout, WRAP_HANG, "  %s",
				     invariants[res.v.invariant].cites);
			printf("  %s counterexample, %d steps:\n\n",
			       mc.mode == MC_ITERATIVE || mc.mode == MC_BFS
				       ? "shortest"
			       : mc.mode == MC_RANDOM ? "shrunk"
						      : "a",
			       res.v.length);
			cfg.log = false;
			mc__replay(stdout, scn, &cfg, res.v.steps, res.v.length,
				   mc.enabled);
			/* a command to paste: broken with " \\" */
			putchar('\n');
			wrap__command(stdout, "replay: ", replay, 4);
		} else {
			char verdict[192];

			no_violation(verdict, sizeof(verdict), &mc, &res);
			wrap__text(stdout, verdict, WRAP_HANG);
		}
		/* the statistics: one paragraph */
		n = snprintf(line, sizeof(line),
			     "\n%llu" WRAP_NBSP_S "states, %llu" WRAP_NBSP_S
			     "transitions (%llu pruned by sleep sets, %llu "
			     "changed nothing), depth" WRAP_NBSP_S "%d, %.3f"
			     WRAP_NBSP_S "s, %.0f" WRAP_NBSP_S "states/s",
			     (unsigned long long)res.stats.states,
			     (unsigned long long)res.stats.transitions,
			     (unsigned long long)res.stats.slept,
			     (unsigned long long)res.stats.noop,
			     res.stats.depth, res.stats.seconds,
			     res.stats.seconds > 0
				     ? res.stats.states / res.stats.seconds
				     : 0);
		if (mc.bitstate_log2)
			n += snprintf(line + n, sizeof(line) - (size_t)n,
				      ", bitstate 2^%d bits, hash factor %.1f",
				      mc.bitstate_log2, res.stats.hash_factor);
		else
			n += snprintf(line + n, sizeof(line) - (size_t)n,
				      ", 16 bytes stored per state");
		if (mc.jobs > 1)
			n += snprintf(line + n, sizeof(line) - (size_t)n,
				      ", %d processes", mc.jobs);
		snprintf(line + n, sizeof(line) - (size_t)n, "%s",
			 res.stats.complete ? "; exhaustive within the bounds"
					    : "");
		wrap__text(stdout, line, WRAP_HANG);
		if (levels) {
			n = snprintf(line, sizeof(line), "states by depth:");
			for (int d = 0;
			     d < levels && n > 0 && (size_t)n < sizeof(line);
			     d++)
				n += snprintf(line + n,
					      sizeof(line) - (size_t)n, " %llu",
					      (unsigned long long)
						      res.stats.at_depth[d]);
			wrap__text(stdout, line, WRAP_HANG);
		}
		if ((!res.stats.complete && !res.violated) ||
		    res.stats.interrupted || res.stats.nr_lost)
			print_partial(&mc, &res);
	}
	free(scn);
	ret = stdout_status();
	/* a violation found is the answer, whatever stopped the rest */
	if (ret)
		return ret;
	if (res.violated)
		return AUXSIM_EXIT_VIOLATION;
	if (res.stats.interrupted)
		return AUXSIM_EXIT_SIGNAL + res.stats.interrupted;
	if (res.stats.nr_lost)
		return AUXSIM_EXIT_ABORTED;
	return AUXSIM_EXIT_OK;
}
