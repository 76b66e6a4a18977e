/* SPDX-License-Identifier: GPL-2.0 */
/*
 * step.h - the steps of the world around the modelled kernel: one
 * scheduler tick, one counter overflow interrupt, one context switch, one
 * ioctl by perf, one snapshot, perf's exit.  Both drivers apply them: the
 * timed simulator at the times its clock gives, the model checker in every
 * order its bounds allow.
 *
 * A step may carry an NMI: the overflow interrupt of one counter landing
 * at an interrupt point inside the code the step runs (model__irq_point()).
 *
 * Invariants:
 *  - step__apply() only changes the model through modelled kernel and perf
 *    functions; it returns -EAGAIN, changing nothing, when the step is not
 *    enabled in the current state (step__enabled());
 *  - the text form (step__format()/step__parse()) round-trips.
 */
#ifndef AUXSIM_STEP_H
#define AUXSIM_STEP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/model.h"

enum step_kind {
	STEP_TICK, /* sched_tick on cpu */
	STEP_OVERFLOW, /* the PMU interrupt of evsel arg's counter on cpu */
	STEP_SWITCH, /* context switch on cpu to task arg (-1: idle) */
	STEP_IOCTL_DISABLE, /* perf's ioctl(DISABLE) on evsel arg's fds */
	STEP_IOCTL_ENABLE,
	STEP_SNAPSHOT, /* SIGUSR2: disable, read every AUX mmap, enable */
	STEP_MUNMAP, /* perf exits: munmap every AUX area */
	/* STEP_SNAPSHOT in two, so that the kernel can run in between: */
	STEP_SIGUSR2, /* the signal: auxtrace_record__snapshot_start() */
	STEP_SNAPSHOT_READ, /* the main loop: read every AUX mmap, enable */
	/* evsel arg's counter on cpu interrupts back to back, nothing else
	 * running on cpu, until one interrupt short of the throttle
	 * (max_samples_per_tick): hundreds of steps as one */
	STEP_OVERFLOW_BURST,
	NR_STEP_KINDS,
};

struct step {
	uint8_t kind; /* enum step_kind */
	int8_t cpu; /* -1 for the tool's steps */
	int8_t arg; /* evsel, or task (-1: idle) */
	int8_t nmi_evsel; /* -1, or the counter whose NMI lands at nmi_point */
	uint8_t nmi_point; /* enum irq_point */
};

extern const char *const step_names[NR_STEP_KINDS];

bool step__enabled(const struct aux_model *m, const struct step *st);
/* no step is enabled here or after (perf has exited) */
bool step__terminal(const struct aux_model *m);
int step__apply(struct aux_model *m, const struct step *st);
/* step__apply() of a step the caller has just found step__enabled() */
int step__apply_enabled(struct aux_model *m, const struct step *st);

/* the overflow interrupt of @evsel's counter on @cpu, now: -EAGAIN if the
 * counter is not counting (not ACTIVE on @cpu, or stopped) */
int step__overflow(struct aux_model *m, int cpu, int evsel, bool nmi);

/* how many interrupts an overflow-burst of @evsel on @cpu takes now (0:
 * not enabled, the same as at most one overflow) */
int step__burst_len(const struct aux_model *m, int cpu, int evsel);

/* "overflow:1:2", "tick:0", "switch:1:-1", "ioctl-disable:0",
 * "snapshot", "sigusr2", "snapshot-read", "munmap", "overflow-burst:1:2";
 * an NMI is "+nmi:EVSEL:POINT" (POINT a number, or on input also the
 * function's name: "+nmi:2:perf_event_aux_pause") */
int step__format(char *buf, int len, const struct step *st);
/* one step, strictly: the kind's exact arguments, each within what a
 * struct step holds; 0 or -EINVAL */
int step__parse(const char *s, struct step *st);

/*
 * User input quoted in a message: @n bytes at @s, control characters as
 * '?'; past STEP_EXCERPT - 1 bytes, cut and ended with "..." so that a cut
 * never reads as the whole.  Returns @buf.
 */
#define STEP_EXCERPT 48
char *step__excerpt(char *buf, size_t size, const char *s, size_t n);

/*
 * Errors of the step parsers: which step (1-based; 0 for the list as a
 * whole), the 1-based column of the offending byte in the text parsed, the
 * step as written (step__excerpt()) and why.
 */
struct step_error {
	int index;
	int col;
	char token[STEP_EXCERPT];
	char msg[192];
};

/*
 * One step from @n bytes at @s (not NUL-terminated): 0, or -EINVAL with
 * @err's col (within @s) and msg set (@err may be NULL).
 */
int step__parse_n(const char *s, size_t n, struct step *st,
		  struct step_error *err);

/*
 * A comma-separated list of steps ("overflow:1:1,tick:1"), @len bytes at
 * @s: no empty list, no empty step (",,", a leading or trailing comma), no
 * blank, at most @max steps.  Returns how many, or -EINVAL / -E2BIG with
 * @err filled.  @cols, if not NULL, gets each step's 1-based column.
 */
int step__parse_list(const char *s, size_t len, struct step *steps, int max,
		     int *cols, struct step_error *err);

/*
 * Whether @st can ever be taken in the scenario @m was started from
 * (sim__start()): its CPU is one of the machine's, its event exists and is
 * of the kind the step needs (a counter for an overflow or an NMI, a group
 * leader for an ioctl), its task exists and may run on the CPU, a
 * snapshot step has perf record -S, an NMI has `pmi nmi`.  Whether it is
 * enabled in a given state is step__enabled().  0, or -EINVAL with @why.
 * @evsel_names (may be NULL) name the events in messages.
 */
int step__check(const struct aux_model *m, const struct step *st,
		const char *const *evsel_names, int nr_names, char *why,
		int len);


/* a line for a person: "cpu1  overflow of e2 (cycles/...)" */
void step__describe(char *buf, int len, const struct step *st,
		    const char *const *evsel_names, int nr_evsel);

#endif /* AUXSIM_STEP_H */
