/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sim-guard.h - what keeps a timed run bounded and visible: the run-time
 * limits of run-limits.h, the check that virtual time advances, SIGINT and
 * SIGTERM (interrupt.h), and the progress line on a terminal.
 *
 * The run loop (sim.c) calls sim_guard__step() once per step, with the
 * time of the step.  Wall-clock time is read here only to pace the
 * progress line; it never reaches an output.
 *
 * Invariants: steps come in non-decreasing virtual time, and at most
 * SIM_MAX_STEPS_AT_ONE_TIME of them share a time; a violation is a bug in
 * auxsim and aborts with "internal error" rather than spinning.
 */
#ifndef AUXSIM_SIM_GUARD_H
#define AUXSIM_SIM_GUARD_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

/* steps between two looks at the limits (and at the clock, with a
 * progress line): one step adds a bounded amount to any of them */
#define SIM_GUARD_EVERY 256

struct aux_model;
struct sim_result;

struct sim_guard {
	uint64_t end_ns;	/* the run's end, for the percentage */
	uint64_t last_t;	/* time of the last step */
	unsigned int same_t;	/* steps at last_t */
	unsigned int countdown; /* steps to the next look at the limits */
	/* what the result holds that its arrays' capacities do not show:
	 * strings, snapshots' slice lists; the sim adds to them */
	uint64_t str_bytes;
	uint64_t snapshot_scan; /* slices looked at by snapshots */
	FILE *progress;		/* the terminal to show progress on, or NULL */
	struct timespec start, shown; /* wall clock: the run, the last line */
	bool any_shown;
};

/* @progress: a terminal (the caller checked isatty()), or NULL */
void sim_guard__init(struct sim_guard *g, uint64_t end_ns, FILE *progress);
/*
 * A step at virtual time @t, the model being at @now: aborts with an
 * internal error if @t < @now or too many steps share a time.  Returns
 * true when it is time to look at the limits (every SIM_GUARD_EVERY
 * steps).
 */
bool sim_guard__step(struct sim_guard *g, uint64_t now, uint64_t t);
/* 0, or -E2BIG with @err naming the limit that the run (@res, @m) has
 * passed at virtual time @t */
int sim_guard__limits(const struct sim_guard *g, const struct sim_result *res,
		      const struct aux_model *m, uint64_t t, char *err,
		      int errlen);
/*
 * The end of the run: @end, or @now if a SIGINT or SIGTERM came
 * (interrupt.h) - perf record stops there as on Ctrl-C, and @res says so
 * (interrupted_signo, asked_duration_ns, duration_ns = @now).  Not at 0:
 * a run has a length.
 */
uint64_t sim_guard__interrupted(struct sim_guard *g, struct sim_result *res,
				uint64_t now, uint64_t end);
/* the run is over: clear the progress line */
void sim_guard__done(struct sim_guard *g);

#endif /* AUXSIM_SIM_GUARD_H */
