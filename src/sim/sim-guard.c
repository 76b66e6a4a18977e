// SPDX-License-Identifier: GPL-2.0
/*
 * sim-guard.c - run-time limits, the virtual-time guard and the progress
 * line of a timed run (sim-guard.h).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "lib/interrupt.h"
#include "sim/run-limits.h"
#include "sim/sim-guard.h"
#include "sim/sim.h"

#define PROGRESS_DELAY_MS 500 /* runs shorter than this show nothing */
#define PROGRESS_EVERY_MS 250 /* at most four lines a second */
#define NS ((uint64_t)AUXSIM_NSEC_PER_SEC)

void sim_guard__init(struct sim_guard *g, uint64_t end_ns, FILE *progress)
{
	*g = (struct sim_guard){
		.end_ns = end_ns,
		.progress = progress,
		.countdown = SIM_GUARD_EVERY,
	};
	if (progress)
		clock_gettime(CLOCK_MONOTONIC, &g->start);
}

static uint64_t ms_since(const struct timespec *a, const struct timespec *b)
{
	return (uint64_t)(b->tv_sec - a->tv_sec) * 1000 +
	       (uint64_t)((b->tv_nsec - a->tv_nsec) / 1000000);
}

static void progress(struct sim_guard *g, uint64_t t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (ms_since(&g->start, &now) < PROGRESS_DELAY_MS ||
	    (g->any_shown && ms_since(&g->shown, &now) < PROGRESS_EVERY_MS))
		return;
	g->shown = now;
	g->any_shown = true;
	fprintf(g->progress,
		"\rauxsim: virtual time %" PRIu64 ".%03" PRIu64 " s of %" PRIu64
		".%03" PRIu64 " s (%" PRIu64 "%%) ",
		t / NS, t % NS / 1000000, g->end_ns / NS,
		g->end_ns % NS / 1000000,
		t / (g->end_ns / 100 ? g->end_ns / 100 : 1));
	fflush(g->progress);
}

static void internal_error(const char *what, uint64_t now, uint64_t t)
{
	fflush(stdout);
	fprintf(stderr,
		"auxsim: internal error: %s (at %" PRIu64 " ns, next step at %"
		"" PRIu64 " ns); this is a bug in auxsim\n",
		what, now, t);
	abort();
}

static int over(char *err, int errlen, const char *what, uint64_t n,
		uint64_t limit, uint64_t t)
{
	snprintf(err, errlen,
		 "the run passed the limit of %" PRIu64 " %s at virtual time "
		 "%" PRIu64 ".%09" PRIu64 " s (docs/scenario-format.md, "
		 "Limits); %" PRIu64 " so far",
		 limit, what, t / NS, t % NS, n);
	return -E2BIG;
}

bool sim_guard__step(struct sim_guard *g, uint64_t now, uint64_t t)
{
	if (t < now)
		internal_error("virtual time went backwards", now, t);
	if (t == g->last_t) {
		if (++g->same_t > SIM_MAX_STEPS_AT_ONE_TIME)
			internal_error("virtual time did not advance", now, t);
	} else {
		g->last_t = t;
		g->same_t = 1;
	}
	if (--g->countdown)
		return false;
	g->countdown = SIM_GUARD_EVERY;
	if (g->progress)
		progress(g, t);
	return true;
}

int sim_guard__limits(const struct sim_guard *g, const struct sim_result *res,
		      const struct aux_model *m, uint64_t t, char *err,
		      int errlen)
{
	const struct sim_result *r = res;
	uint64_t overflows = 0, bytes;

	for (int k = 0; k < MAX_EVENTS; k++)
		overflows += m->s.event[k].nr_overflows;
	bytes = (uint64_t)r->caprecs * sizeof(*r->recs) +
		(uint64_t)r->capwarns * sizeof(*r->warns) +
		(uint64_t)r->capreads * sizeof(*r->reads) +
		(uint64_t)r->cappieces * sizeof(*r->pieces) +
		(uint64_t)r->capslices * sizeof(*r->slices) +
		(uint64_t)r->capsnaps * sizeof(*r->snaps) +
		(uint64_t)r->capmsgs * sizeof(*r->msgs) +
		(uint64_t)r->caplog * sizeof(*r->log) +
		(uint64_t)r->captracer * sizeof(*r->tracer) + g->str_bytes;

	if (r->nr_events > AUXSIM_MAX_EVENTS)
		return over(err, errlen, "events", r->nr_events,
			    AUXSIM_MAX_EVENTS, t);
	if (overflows > AUXSIM_MAX_OVERFLOWS)
		return over(err, errlen, "counter overflows", overflows,
			    AUXSIM_MAX_OVERFLOWS, t);
	if ((uint64_t)r->nslices > AUXSIM_MAX_RUN_SLICES)
		return over(err, errlen, "scheduling slices",
			    (uint64_t)r->nslices, AUXSIM_MAX_RUN_SLICES, t);
	if (g->snapshot_scan > AUXSIM_MAX_SNAPSHOT_SCAN)
		return over(err, errlen, "slices looked at by snapshots",
			    g->snapshot_scan, AUXSIM_MAX_SNAPSHOT_SCAN, t);
	if (bytes > AUXSIM_MAX_RESULT_BYTES)
		return over(err, errlen, "bytes of result", bytes,
			    AUXSIM_MAX_RESULT_BYTES, t);
	return 0;
}

uint64_t sim_guard__interrupted(struct sim_guard *g, struct sim_result *res,
				uint64_t now, uint64_t end)
{
	int signo = interrupt__signo();

	if (!signo || !now || res->interrupted_signo || now >= end)
		return end;
	res->interrupted_signo = signo;
	res->asked_duration_ns = res->duration_ns;
	res->duration_ns = now;
	g->end_ns = now;
	return now;
}

void sim_guard__done(struct sim_guard *g)
{
	if (g->progress && g->any_shown) {
		fprintf(g->progress, "\r%60s\r", "");
		fflush(g->progress);
	}
}
