// SPDX-License-Identifier: GPL-2.0
/*
 * builtin-check.c - auxsim check: the model checker's command line, its
 * reports, the seed-001 claims, and counterexample files (check.h).
 * Built only into auxsim-check.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <limits.h>
#include <sys/resource.h>

#include "atomic-file.h"
#include "builtin.h"
#include "check-jobs.h"
#include "check.h"
#include "cli.h"
#include "interrupt.h"
#include "invariant.h"
#include "json.h"
#include "machine.h"
#include "scenario.h"
#include "sim.h"
#include "step.h"
#include "variant.h"

static int cmd_list_invariants(void)
{
	for (int i = 0; i < NR_INVARIANTS; i++)
		printf("%-26s %s\n%-26s   (%s)\n", invariants[i].id,
		       invariants[i].what, "", invariants[i].cites);
	return 0;
}


void replay_command(char *buf, int len, const char *path,
			   const struct sim_result *v, const struct step *steps,
			   int nr)
{
	int off = snprintf(buf, len, "auxsim replay %s --kernel %s --perf %s",
			   path, v->kernel->name, v->perf->name);

	if (!v->nr_patches)
		off += snprintf(buf + off, len - off, " --patch none");
	for (int i = 0; i < v->nr_patches && off < len; i++)
		off += snprintf(buf + off, len - off, " --patch %s",
				v->patches[i]);
	off += snprintf(buf + off, len - off, " --steps ");
	for (int i = 0; i < nr && off < len; i++) {
		if (i)
			buf[off++] = ',';
		off += step__format(buf + off, len - off, &steps[i]);
	}
}

/* the variants a check ran with, for its report (a sim result's fields) */
static void resolve_names(const struct auxsim_scenario *scn,
			  const struct sim_config *cfg, struct sim_result *r)
{
	memset(r, 0, sizeof(*r));
	r->scn = scn;
	r->mc = machine__find(scn->machine);
	r->kernel = variant__find_kernel(cfg->kernel ? cfg->kernel :
					 scn->kernel[0] ? scn->kernel :
							  KERNEL_DEFAULT);
	r->perf = variant__find_perf(cfg->perf ? cfg->perf :
				     scn->perf[0] ? scn->perf :
						    PERF_DEFAULT);
	if (cfg->patches_set) {
		r->nr_patches = cfg->nr_patches;
		for (int i = 0; i < cfg->nr_patches; i++)
			r->patches[i] = cfg->patches[i];
	} else {
		r->nr_patches = scn->nr_patches;
		for (int i = 0; i < scn->nr_patches; i++)
			r->patches[i] = scn->patches[i];
	}
}

/* the review's five claims on the seed-001 patch: a scenario and the
 * invariants that stand for each */
static const struct claim {
	const char *id, *file, *inv[2], *what;
} claims[] = {
	{ "a", "c001-claim-a.scn", { "aux-traces-when-allowed" },
	  "aux_paused leaked when unthrottled by a context switch" },
	{ "b", "c001-claim-b.scn", { "user-pause-respected" },
	  "throttling overrides a user aux-action=pause" },
	{ "c", "c001-claim-c.scn", { "throttle-stops-aux" },
	  "a throttle from an NMI dropped by the recursion guard" },
	{ "d", "c001-claim-d.scn",
	  { "throttle-stops-counters", "throttle-stops-aux" },
	  "throttling fails without a ring buffer" },
	{ "e", "c001-claim-e.scn", { "warn-aux-nest" },
	  "AUX PMUs without AUX_PAUSE still WARN" },
};

static int cmd_claims(const char *dir, const struct sim_config *cfg,
		      const struct mc_config *base, int json)
{
	struct auxsim_scenario *scn = calloc(1, sizeof(*scn));
	struct json_writer jw;
	struct mc_result res[5];
	struct sim_result names[5];
	char path[5][PATH_MAX], replay[5][4096], err[512];
	int confirmed = 0;

	if (!scn)
		return 3;
	for (int k = 0; k < 5; k++) {
		struct mc_config mc = *base;

		snprintf(path[k], sizeof(path[k]), "%s/%s", dir, claims[k].file);
		if (load_scenario(path[k], scn)) {
			free(scn);
			return 2;
		}
		memset(mc.enabled, 0, sizeof(mc.enabled));
		for (int i = 0; i < 2 && claims[k].inv[i]; i++)
			mc.enabled[invariant__find(claims[k].inv[i])] = true;
		if (mc__check(scn, cfg, &mc, &res[k], err, sizeof(err))) {
			fprintf(stderr, "auxsim: %s: %s\n", path[k], err);
			free(scn);
			return 2;
		}
		if (res[k].stats.interrupted && !res[k].violated) {
			char sig[32];

			fprintf(stderr, "auxsim: claims: interrupted by %s at "
					"claim (%s): not checked\n",
				mc_jobs__signame(res[k].stats.interrupted, sig,
						 sizeof(sig)),
				claims[k].id);
			free(scn);
			return AUXSIM_EXIT_SIGNAL + res[k].stats.interrupted;
		}
		resolve_names(scn, cfg, &names[k]);
		replay[k][0] = '\0';
		if (res[k].violated) {
			confirmed++;
			replay_command(replay[k], sizeof(replay[k]), path[k],
				       &names[k], res[k].v.steps,
				       res[k].v.length);
		}
		if (!json && res[k].violated) {
			printf("Claim (%s): %s - CONFIRMED, %s, shortest "
			       "counterexample of %d steps:\n",
			       claims[k].id, claims[k].what,
			       invariants[res[k].v.invariant].id,
			       res[k].v.length);
			mc__replay(stdout, scn, cfg, res[k].v.steps,
				   res[k].v.length, mc.enabled);
			printf("  replay: %s\n\n", replay[k]);
		} else if (!json) {
			printf("Claim (%s): %s - NOT REPRODUCED: no violation "
			       "of %s%s%s within depth %d (%llu states)\n\n",
			       claims[k].id, claims[k].what, claims[k].inv[0],
			       claims[k].inv[1] ? ", " : "",
			       claims[k].inv[1] ? claims[k].inv[1] : "",
			       scn->check.depth,
			       (unsigned long long)res[k].stats.states);
		}
	}
	if (json) {
		jw_init(&jw, stdout);
		jw_open_object(&jw, NULL);
		jw_string(&jw, "kernel", names[0].kernel->name);
		jw_open_array(&jw, "patches");
		for (int i = 0; i < names[0].nr_patches; i++)
			jw_string(&jw, NULL, names[0].patches[i]);
		jw_close_array(&jw);
		jw_open_array(&jw, "claims");
	} else {
		printf("claim  verdict         invariant                "
		       "length    states  depth\n");
	}
	for (int k = 0; k < 5; k++) {
		const struct mc_result *r = &res[k];
		const char *verdict = r->violated ? "confirmed" :
						    "not-reproduced";
		const char *inv = r->violated ? invariants[r->v.invariant].id :
						claims[k].inv[0];

		if (json) {
			jw_open_object(&jw, NULL);
			jw_string(&jw, "id", claims[k].id);
			jw_string(&jw, "claim", claims[k].what);
			jw_string(&jw, "verdict", verdict);
			jw_string(&jw, "invariant", inv);
			jw_u64(&jw, "states", r->stats.states);
			jw_int(&jw, "depth", r->stats.depth);
			if (r->violated) {
				jw_int(&jw, "length", r->v.length);
				jw_string(&jw, "replay", replay[k]);
			} else {
				jw_null(&jw, "length");
				jw_bool(&jw, "complete", r->stats.complete);
			}
			jw_close_object(&jw);
		} else {
			char len[16] = "-";

			if (r->violated)
				snprintf(len, sizeof(len), "%d", r->v.length);
			printf("(%s)    %-15s %-24s %6s %9llu %6d\n",
			       claims[k].id, verdict, inv, len,
			       (unsigned long long)r->stats.states,
			       r->stats.depth);
		}
	}
	if (json) {
		jw_close_array(&jw);
		jw_close_object(&jw);
	}
	free(scn);
	return 0;
}

/*
 * A counterexample file: the replay command's arguments, one per line
 * ("scenario PATH", "kernel K", "perf V", "patch P"..., "steps S", and the
 * invariant as a comment), written to a temporary file and renamed.
 */
static int write_cex(const char *out, const char *path,
		     const struct sim_result *v, const struct mc_violation *cex)
{
	struct atomic_file af;
	char err[512];
	FILE *f;

	if (atomic_file__open(&af, out, err, sizeof(err))) {
		fprintf(stderr, "auxsim: %s\n", err);
		return 1;
	}
	f = af.f;
	fprintf(f, "# auxsim counterexample: %s (%s)\n",
		invariants[cex->invariant].id, invariants[cex->invariant].what);
	fprintf(f, "scenario %s\nkernel %s\nperf %s\n", path, v->kernel->name,
		v->perf->name);
	if (!v->nr_patches)
		fprintf(f, "patch none\n");
	for (int i = 0; i < v->nr_patches; i++)
		fprintf(f, "patch %s\n", v->patches[i]);
	fprintf(f, "steps ");
	for (int i = 0; i < cex->length; i++) {
		char st[64];

		step__format(st, sizeof(st), &cex->steps[i]);
		fprintf(f, "%s%s", i ? "," : "", st);
	}
	fprintf(f, "\n");
	if (atomic_file__close(&af, 0, err, sizeof(err))) {
		fprintf(stderr, "auxsim: %s\n", err);
		return 1;
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
		printf("ABORTED: %d worker%s lost, the search stopped: partial "
		       "statistics, not exhaustive\n",
		       st->nr_lost, st->nr_lost > 1 ? "s" : "");
	if (mc->mode == MC_RANDOM || mc->bitstate_log2)
		return;
	if (st->depth_done)
		printf("every path to depth %d explored: %llu states%s\n",
		       st->depth_done, (unsigned long long)st->states_done,
		       mc->mode == MC_ITERATIVE ?
			       "; the counts above are of the next bound's "
			       "iteration, unfinished" :
			       "");
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

int cmd_check(int argc, char **argv)
{
	struct auxsim_scenario *scn = calloc(1, sizeof(*scn));
	struct mc_config mc = { .mode = MC_ITERATIVE, .max_states = 1u << 22,
				.runs = 1000 };
	struct sim_config cfg = { 0 };
	struct mc_result res;
	struct sim_result names;
	const char *path = NULL, *claims_dir = NULL, *out = NULL;
	bool some = false;
	int json = 0, ret, levels;
	char err[512], replay[4096];

	if (!scn)
		return 3;
	for (int i = 0; i < NR_INVARIANTS; i++)
		mc.enabled[i] = true;
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i], *v;
		int r = variant_flag(argc, argv, &i, &cfg);

		if (r == 2)
			goto bad;
		if (r == 1)
			continue;
		if (!strcmp(a, "--list-invariants")) {
			free(scn);
			return cmd_list_invariants();
		} else if ((v = flag_value(argc, argv, &i, "--claims"))) {
			claims_dir = v;
		} else if ((v = flag_value(argc, argv, &i, "-o"))) {
			out = v;
		} else if (!strcmp(a, "--dfs")) {
			mc.mode = MC_DFS;
		} else if (!strcmp(a, "--bfs")) {
			mc.mode = MC_BFS;
		} else if (!strcmp(a, "--random")) {
			mc.mode = MC_RANDOM;
		} else if ((v = flag_value(argc, argv, &i, "--runs"))) {
			mc.runs = strtoull(v, NULL, 10);
			if (!mc.runs) {
				flag_error("--runs", "'%s' is not a count", v);
				goto bad;
			}
		} else if ((v = flag_value(argc, argv, &i, "--max-states"))) {
			mc.max_states = strtoull(v, NULL, 10);
			if (mc.max_states < 1024 || mc.max_states > (1ull << 32)) {
				flag_error("--max-states", "'%s': 1024 .. 2^32",
					   v);
				goto bad;
			}
		} else if ((v = flag_value(argc, argv, &i, "--invariant"))) {
			int id = invariant__find(v);

			if (id < 0) {
				flag_error("--invariant",
					   "unknown invariant '%s' (see "
					   "--list-invariants)",
					   v);
				goto bad;
			}
			if (!some)
				memset(mc.enabled, 0, sizeof(mc.enabled));
			some = true;
			mc.enabled[id] = true;
		} else if (!strcmp(a, "--no-por")) {
			mc.no_por = true;
		} else if ((v = flag_value(argc, argv, &i, "--bitstate"))) {
			char *end;
			long n = strtol(v, &end, 10);

			if (*end || n < 10 || n > 36) {
				flag_error("--bitstate",
					   "'%s': log2 of the bits, 10 .. 36", v);
				goto bad;
			}
			mc.bitstate_log2 = (int)n;
		} else if ((v = flag_value(argc, argv, &i, "-j"))) {
			char *end;
			long n = strtol(v, &end, 10);

			if (*end || n < 1 || n > 64) {
				flag_error("-j", "'%s': 1 .. 64 processes", v);
				goto bad;
			}
			mc.jobs = (int)n;
		} else if (!strcmp(a, "--json")) {
			json = 1;
		} else if (a[0] == '-' && a[1]) {
			flag_error(a, "%sunknown option", "");
			goto bad;
		} else if (!path) {
			path = a;
		} else {
			flag_error(a, "%sonly one scenario", "");
			goto bad;
		}
	}
	if (mc.jobs > 1 && (mc.mode == MC_RANDOM || mc.mode == MC_BFS)) {
		flag_error("-j", "%snot with --random or --bfs", "");
		goto bad;
	}
	mc.seed = cfg.seed_set ? cfg.seed : 1;
	/* a SIGINT or SIGTERM stops the search, which reports what it has */
	interrupt__install();
	if (claims_dir) {
		free(scn);
		return cmd_claims(claims_dir, &cfg, &mc, json);
	}
	if (!path) {
		usage(stderr, 2);
		goto bad;
	}
	if (load_scenario(path, scn))
		goto bad;
	ret = mc__check(scn, &cfg, &mc, &res, err, sizeof(err));
	if (ret) {
		fprintf(stderr, "auxsim: %s: %s\n", path, err);
		free(scn);
		return 2;
	}
	resolve_names(scn, &cfg, &names);
	levels = at_depth_levels(&mc, &res);
	if (res.violated)
		replay_command(replay, sizeof(replay), path, &names,
			       res.v.steps, res.v.length);
	if (res.violated && out && write_cex(out, path, &names, &res.v)) {
		free(scn);
		return 2;
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
		printf("auxsim check: %s  kernel %s  perf %s  patches:",
		       scn->name, names.kernel->name, names.perf->name);
		for (int i = 0; i < names.nr_patches; i++)
			printf(" %s", names.patches[i]);
		printf("%s\n", names.nr_patches ? "" : " none");
		printf("%s %s\n", scn->root ? "#" : "$", scn->rec.cmdline);
		printf("  bounds: depth %d, tick %d, overflow %d, switch %d, "
		       "ioctl %d, snapshot %d, munmap %d, nmi %d\n\n",
		       scn->check.depth, scn->check.tick, scn->check.overflow,
		       scn->check.sched, scn->check.ioctl,
		       scn->check.snapshot, scn->check.munmap, scn->check.nmi);
		if (res.violated) {
			printf("VIOLATION of %s: %s\n  %s\n  %s counterexample, "
			       "%d steps:\n\n",
			       invariants[res.v.invariant].id,
			       invariants[res.v.invariant].what,
			       invariants[res.v.invariant].cites,
			       mc.mode == MC_ITERATIVE ||
					       mc.mode == MC_BFS ?
				       "shortest" :
			       mc.mode == MC_RANDOM	 ? "shrunk" :
							   "a",
			       res.v.length);
			cfg.log = false;
			mc__replay(stdout, scn, &cfg, res.v.steps, res.v.length,
				   mc.enabled);
			printf("\nreplay: %s\n", replay);
		} else if (res.stats.interrupted || res.stats.nr_lost) {
			printf("no violation found before the search stopped\n");
		} else {
			printf("no violation within the bounds%s\n",
			       res.stats.table_full ?
				       " explored before the table filled" :
			       mc.mode == MC_RANDOM ? " in the random runs" :
						      "");
		}
		printf("\n%llu states, %llu transitions (%llu pruned by sleep "
		       "sets, %llu changed nothing), depth %d, %.3f s, "
		       "%.0f states/s",
		       (unsigned long long)res.stats.states,
		       (unsigned long long)res.stats.transitions,
		       (unsigned long long)res.stats.slept,
		       (unsigned long long)res.stats.noop, res.stats.depth,
		       res.stats.seconds,
		       res.stats.seconds > 0 ?
			       res.stats.states / res.stats.seconds :
			       0);
		if (mc.bitstate_log2)
			printf(", bitstate 2^%d bits, hash factor %.1f",
			       mc.bitstate_log2, res.stats.hash_factor);
		else
			printf(", 16 bytes stored per state");
		if (mc.jobs > 1)
			printf(", %d processes", mc.jobs);
		printf("%s\n", res.stats.complete ?
					"; exhaustive within the bounds" :
					"");
		if (levels) {
			printf("states by depth:");
			for (int d = 0; d < levels; d++)
				printf(" %llu",
				       (unsigned long long)res.stats.at_depth[d]);
			printf("\n");
		}
		if ((!res.stats.complete && !res.violated) ||
		    res.stats.interrupted || res.stats.nr_lost)
			print_partial(&mc, &res);
	}
	free(scn);
	/* a violation found is the answer, whatever stopped the rest */
	if (res.violated)
		return AUXSIM_EXIT_VIOLATION;
	if (res.stats.interrupted)
		return AUXSIM_EXIT_SIGNAL + res.stats.interrupted;
	if (res.stats.nr_lost)
		return AUXSIM_EXIT_ABORTED;
	return AUXSIM_EXIT_OK;
bad:
	free(scn);
	return 2;
}
