// SPDX-License-Identifier: GPL-2.0
/*
 * builtin-check-claims.c - auxsim check --claims: the seed-001 review's
 * five claims, each a scenario and the invariants that stand for it; and
 * what check's reports share: the variants a check ran with, and the
 * replay command of a counterexample.  Built only into auxsim-check.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtin.h"
#include "check/check-jobs.h"
#include "check/check.h"
#include "cli.h"
#include "check/invariant.h"
#include "lib/json.h"
#include "model/machine.h"
#include "scenario/scenario.h"
#include "sim/sim.h"
#include "check/step.h"
#include "model/variant.h"
#include "lib/wrap.h"

void replay_command(char *buf, int len, const char *path,
		    const struct sim_result *v, const struct step *steps,
		    int nr)
{
	char prog[PATH_MAX + 64], file[PATH_MAX + 64];
	int off;

	cli_shell_quote(prog, sizeof(prog), cli_progname);
	cli_shell_quote(file, sizeof(file), path);
	off = snprintf(buf, len, "%s replay %s --kernel %s --perf %s", prog,
		       file, v->kernel->name, v->perf->name);

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

void resolve_names(const struct auxsim_scenario *scn,
		   const struct sim_config *cfg, struct sim_result *r)
{
	memset(r, 0, sizeof(*r));
	r->scn = scn;
	r->mc = machine__find(scn->machine);
	r->kernel = variant__find_kernel(cfg->kernel	  ? cfg->kernel
					 : scn->kernel[0] ? scn->kernel
							  : KERNEL_DEFAULT);
	r->perf = variant__find_perf(cfg->perf	    ? cfg->perf
				     : scn->perf[0] ? scn->perf
						    : PERF_DEFAULT);
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
	{"a",
	 "c001-claim-a.scn",
	 {"aux-traces-when-allowed"},
	 "aux_paused leaked when unthrottled by a context switch"},
	{"b",
	 "c001-claim-b.scn",
	 {"user-pause-respected"},
	 "throttling overrides a user aux-action=pause"},
	{"c",
	 "c001-claim-c.scn",
	 {"throttle-stops-aux"},
	 "a throttle from an NMI dropped by the recursion guard"},
	{"d",
	 "c001-claim-d.scn",
	 {"throttle-stops-counters", "throttle-stops-aux"},
	 "throttling fails without a ring buffer"},
	{"e",
	 "c001-claim-e.scn",
	 {"warn-aux-nest"},
	 "AUX PMUs without AUX_PAUSE still WARN"},
};

/* the table's last column: every invariant the claim checks, one a line
 * (they are long), the one its counterexample violates marked */
static void claim_invariants(const struct claim *c, const struct mc_result *r)
{
	for (int i = 0; i < 2 && c->inv[i]; i++) {
		bool broken = r->violated && c->inv[1] &&
			      !strcmp(invariants[r->v.invariant].id, c->inv[i]);

		printf("%*s%s%s%s\n", i ? 56 : 0, "", c->inv[i],
		       broken ? " (violated)" : "", !i && c->inv[1] ? "," : "");
	}
}

int cmd_claims(const char *dir, const struct sim_config *cfg,
	       const struct mc_config *base, int json)
{
	struct auxsim_scenario *scn = calloc(1, sizeof(*scn));
	struct json_writer jw;
	struct mc_result res[5];
	struct sim_result names[5];
	char path[5][PATH_MAX], replay[5][4096], err[512];
	int confirmed = 0, depth_bound[5];

	if (!scn) {
		fprintf(stderr, "auxsim: out of memory\n");
		return AUXSIM_EXIT_NOMEM;
	}
	for (int k = 0; k < 5; k++) {
		struct mc_config mc = *base;
		int ret;

		snprintf(path[k], sizeof(path[k]), "%s/%s", dir,
			 claims[k].file);
		ret = load_scenario(path[k], scn);
		if (ret) {
			free(scn);
			return ret;
		}
		memset(mc.enabled, 0, sizeof(mc.enabled));
		for (int i = 0; i < 2 && claims[k].inv[i]; i++)
			mc.enabled[invariant__find(claims[k].inv[i])] = true;
		ret = mc__check(scn, cfg, &mc, &res[k], err, sizeof(err));
		if (ret) {
			ret = cli_start_error(path[k], scn, ret, err);
			free(scn);
			return ret;
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
			wrap__printf(stdout, WRAP_HANG,
				     "Claim (%s): %s - CONFIRMED, %s, shortest "
				     "counterexample of %d steps:",
				     claims[k].id, claims[k].what,
				     invariants[res[k].v.invariant].id,
				     res[k].v.length);
			mc__replay(stdout, scn, cfg, res[k].v.steps,
				   res[k].v.length, mc.enabled);
			wrap__command(stdout, "  replay: ", replay[k], 6);
			putchar('\n');
		} else if (!json) {
			wrap__printf(
				stdout, WRAP_HANG,
				"Claim (%s): %s - NOT REPRODUCED: no "
				"violation of %s%s%s: %s, %llu states, the "
				"longest %d steps (bound: depth %d)",
				claims[k].id, claims[k].what, claims[k].inv[0],
				claims[k].inv[1] ? " or " : "",
				claims[k].inv[1] ? claims[k].inv[1] : "",
				res[k].stats.complete
					? "every path explored"
					: "not every path explored",
				(unsigned long long)res[k].stats.states,
				res[k].stats.depth, scn->check.depth);
			putchar('\n');
		}
		depth_bound[k] = scn->check.depth;
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
		printf("claim  verdict         length    states  depth  bound  "
		       "invariants checked\n");
	}
	for (int k = 0; k < 5; k++) {
		const struct mc_result *r = &res[k];
		const char *verdict =
			r->violated ? "confirmed" : "not-reproduced";
		const char *inv = r->violated ? invariants[r->v.invariant].id
					      : claims[k].inv[0];

		if (json) {
			jw_open_object(&jw, NULL);
			jw_string(&jw, "id", claims[k].id);
			jw_string(&jw, "claim", claims[k].what);
			jw_string(&jw, "verdict", verdict);
			jw_string(&jw, "invariant", inv);
			jw_open_array(&jw, "invariants");
			for (int i = 0; i < 2 && claims[k].inv[i]; i++)
				jw_string(&jw, NULL, claims[k].inv[i]);
			jw_close_array(&jw);
			jw_u64(&jw, "states", r->stats.states);
			jw_int(&jw, "depth", r->stats.depth);
			jw_int(&jw, "depth_bound", depth_bound[k]);
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
			printf("(%s)    %-15s %6s %9llu %6d %6d  ",
			       claims[k].id, verdict, len,
			       (unsigned long long)r->stats.states,
			       r->stats.depth, depth_bound[k]);
			claim_invariants(&claims[k], r);
		}
	}
	if (json) {
		jw_close_array(&jw);
		jw_close_object(&jw);
	} else {
		printf("length: the shortest counterexample's steps; depth: "
		       "the deepest level explored;\nbound: the depth bound of "
		       "the claim's scenario (its check line).\n");
	}
	free(scn);
	/* 0 whatever the verdicts: each is an answer (docs/checking.md) */
	return stdout_status();
}
