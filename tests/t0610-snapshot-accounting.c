// SPDX-License-Identifier: GPL-2.0
/*
 * t0610-snapshot-accounting - what each snapshot interval emitted, captured
 * and lost adds up: captured + lost = emitted per interval, and a byte is
 * lost at most once across the run, also when its slice spans a snapshot
 * (sim-snapshot.c: snapshot_analyse(), interval_account()).
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/sim.h"
#include "held-bytes.h"
#include "tap.h"

/*
 * P2 runs on cpu2 from 35 to 130 ms, across the snapshot at 100 ms: 65 ms
 * of an A57's trace (6.2 MB) wrap the 4 MiB ETR before the snapshot copies
 * it, so part of P2's first stretch is lost.  Its rest is emitted after the
 * snapshot and read at 180 ms.
 */
static const char span_scn[] =
	"machine juno\n"
	"user root\n"
	"perf record -e cs_etm// -S -- dd if=/dev/zero of=/dev/null\n"
	"kernel v5.12\n"
	"perf perf-6.1\n"
	"duration 200ms\n"
	"task dd cpu-bound\n"
	"sched script\n"
	"slice P1 dd cpu1 0..30ms\n"
	"slice P2 dd cpu2 35ms..130ms\n"
	"slice P3 dd cpu1 135ms..200ms\n"
	"signal USR2 at 20ms\n"
	"signal USR2 at 100ms\n"
	"signal USR2 at 180ms\n";

/* the sums over a run's snapshots; returns the number of intervals that
 * do not add up */
static int sums(const struct sim_result *res, uint64_t *emitted,
		uint64_t *lost)
{
	int bad = 0;

	*emitted = *lost = 0;
	for (int k = 0; k < res->nsnaps; k++) {
		const struct sim_snapshot *sn = &res->snaps[k];

		uint64_t sum = sn->captured_bytes + sn->missing_bytes;

		if (sum != sn->emitted_bytes) {
			diag("  snapshot %u: captured %" PRIu64 " + lost %" PRIu64
			     " != emitted %" PRIu64,
			     sn->index, sn->captured_bytes, sn->missing_bytes,
			     sn->emitted_bytes);
			bad++;
		}
		*emitted += sn->emitted_bytes;
		*lost += sn->missing_bytes;
	}
	return bad;
}

static void check_run(const struct auxsim_scenario *scn,
		      const struct sim_config *cfg, const char *name)
{
	struct sim_result res;
	char err[256];
	uint64_t emitted, lost, held, all = 0;

	if (!ok(!sim__run(scn, cfg, &res, err, sizeof(err)), "%s runs", name)) {
		diag("  %s", err);
		return;
	}
	is_int(sums(&res, &emitted, &lost), 0,
	       "%s: captured + lost = emitted, in every interval", name);
	held = held_by_snapshots(&res);
	ok(held != UINT64_MAX, "%s: the snapshots' pieces counted", name);
	is_u64(lost, emitted - held,
	       "%s: lost over the run = emitted - held by some snapshot: "
	       "no byte lost twice, none lost then held",
	       name);
	for (int i = 0; i < res.nslices; i++)
		all += res.slices[i].s1 - res.slices[i].s0;
	ok(emitted <= all, "%s: the intervals count no more than was emitted",
	   name);
	sim_result__free(&res);
}

int main(void)
{
	struct auxsim_scenario *scn = calloc(1, sizeof(*scn));
	struct sim_config cfg = { 0 };
	struct scn_error e;
	struct sim_result res;
	char err[256], path[512];
	const char *top = getenv("TOP");

	if (!scn)
		return 1;
	if (!ok(!scenario__parse("span.scn", span_scn, strlen(span_scn), scn,
				 &e),
		"the spanning scenario parses")) {
		diag("  %d:%d: %s", e.line, e.col, e.msg);
		return done_testing();
	}
	if (!ok(!sim__run(scn, &cfg, &res, err, sizeof(err)), "it runs"))
		return done_testing();
	is_int(res.nsnaps, 3, "three snapshots");
	if (res.nsnaps == 3) {
		const struct sim_snapshot *s2 = &res.snaps[1];
		const struct sim_snapshot *s3 = &res.snaps[2];

		ok(s2->missing_bytes > 0,
		   "snapshot 2: part of P2's first stretch is lost (the ETR "
		   "wrapped)");
		ok(s3->missing_bytes < s2->missing_bytes,
		   "snapshot 3 does not count P2's loss again");
		is_u64(s3->emitted_bytes,
		       s3->captured_bytes + s3->missing_bytes,
		       "snapshot 3: captured + lost = emitted");
	}
	sim_result__free(&res);
	check_run(scn, &cfg, "span");

	/* the shipped scenarios, where slices span snapshots at random */
	snprintf(path, sizeof(path), "%s/scenarios/s000-dd-migrate.scn",
		 top && *top ? top : ".");
	if (ok(!scenario__load(path, scn, &e), "s000-dd-migrate loads")) {
		static const char *const perfs[] = { "perf-5.13", "perf-6.1" };

		for (int p = 0; p < 2; p++)
			for (uint64_t seed = 1; seed <= 3; seed++) {
				char name[64];

				cfg.perf = perfs[p];
				cfg.seed = seed;
				cfg.seed_set = true;
				snprintf(name, sizeof(name),
					 "migrate %s seed %" PRIu64, perfs[p],
					 seed);
				check_run(scn, &cfg, name);
			}
	}
	free(scn);
	return done_testing();
}
