/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sim-priv.h - what the parts of the timed driver share: the run's state
 * (struct sim) and the steps one part takes for another.  sim.c holds the
 * set-up and the run loop, sim-sched.c the slices and the random
 * scheduler, sim-snapshot.c the snapshots, sim-observer.c what the model
 * reports.  Not for callers outside src/sim/: they use sim.h.
 */
#ifndef AUXSIM_SIM_PRIV_H
#define AUXSIM_SIM_PRIV_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h" /* enum auxsim_exit */
#include "sim/sim-guard.h"
#include "sim/sim.h"

#define NSEC_PER_SEC 1000000000ull
#define TOOL_PID 2000
#define TASK_PID0 2001
#define NEVER UINT64_MAX
#define LATEST (NEVER - 1) /* a time after any run's end, but not NEVER */

/* @now + @dt without wrapping: a huge scenario time means "never" */
static inline uint64_t after(uint64_t now, uint64_t dt)
{
	return dt < LATEST - now ? now + dt : LATEST;
}

/* ---- growable arrays (output only, never model state) ---- */

static inline void *grow(void *p, int *cap, int need, size_t sz)
{
	int ncap;
	void *np;

	if (need <= *cap)
		return p;
	ncap = *cap ? *cap * 2 : 64;
	while (ncap < need)
		ncap *= 2;
	np = realloc(p, (size_t)ncap * sz);
	if (!np) {
		fprintf(stderr, "auxsim: out of memory\n");
		exit(AUXSIM_EXIT_NOMEM);
	}
	*cap = ncap;
	return np;
}

#define PUSH(res, arr, n, cap)                                                 \
	(res->arr = grow(res->arr, &res->cap, res->n + 1, sizeof(*res->arr)),  \
	 &res->arr[res->n++])

static inline char *xstrdup(const char *s)
{
	char *d = strdup(s);

	if (!d) {
		fprintf(stderr, "auxsim: out of memory\n");
		exit(AUXSIM_EXIT_NOMEM);
	}
	return d;
}

/* ---- the run's state ---- */

struct sim_task {
	bool running;
	int cpu;
	uint64_t t_next;   /* next switch-in (off) or switch-out (running) */
	uint64_t run_left; /* SCN_TASK_RUN_SLEEP: run time left before sleep */
	int cur_slice;	   /* index in res->slices, -1 */
	bool execed;
};

struct sim {
	struct aux_model m;
	const struct auxsim_scenario *scn;
	const struct sim_config *cfg;
	struct sim_result *res;
	struct sim_task task[SCN_MAX_TASKS];
	uint64_t rng;
	int next_script;   /* next scripted slice to start */
	uint64_t t_enable; /* pending snapshot enable, NEVER */
	uint64_t sig_next[SCN_MAX_SIGNALS];
	int cur_snap;		  /* index of the snapshot being read, -1 */
	uint64_t t_tick;	  /* next periodic scheduler tick, NEVER */
	uint64_t t_ovf[MAX_CPUS]; /* next counter overflow per CPU, NEVER */
	uint64_t t_pmi_done[MAX_CPUS]; /* the last PMI's handler returns */
	int next_action;	       /* next scripted `at` action */
	/* an NMI armed by `at T nmi cpuN eK in F`: lands at F on cpuN */
	int nmi_event[MAX_CPUS]; /* evsel, -1 */
	enum irq_point nmi_point[MAX_CPUS];
	uint8_t tracer[MAX_CPUS]; /* enum tracer_state last recorded */
	bool pmi_nmi;		  /* the PMU interrupt is an NMI */
	struct sim_guard guard;	  /* run-time limits, progress */
};

static inline uint64_t cpu_stream(struct sim *sim, int cpu)
{
	return sim->m.s.cpu[cpu].stream;
}

/* sim-observer.c */
extern const struct aux_observer sim_observer;
void sim__obs_tool(struct aux_model *m, const char *line);
void sim__tracer_note(struct sim *sim);

/* sim-sched.c */
void sim__slice_begin(struct sim *sim, int ti, int cpu, const char *label);
void sim__slice_end(struct sim *sim, int ti);
void sim__random_switch_in(struct sim *sim, int ti);
void sim__random_switch_out(struct sim *sim, int ti);

/* sim-snapshot.c */
void sim__take_snapshot(struct sim *sim, bool usr2);

/* sim.c: a scripted overflow or a landing NMI */
void sim__deliver_overflow(struct sim *sim, int cpu, int evsel, bool nmi);

#endif /* AUXSIM_SIM_PRIV_H */
