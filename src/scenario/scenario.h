/* SPDX-License-Identifier: GPL-2.0 */
/*
 * scenario.h - the auxsim scenario file: machine, `perf record` command line,
 * workload and schedule, signals, duration and variants.
 *
 * A scenario is configuration, not model state: the parser fills a
 * struct auxsim_scenario, the simulator reads it.  The format is documented in
 * docs/scenario-format.md.
 *
 * Invariants of a successfully parsed scenario (scenario__parse() == 0):
 *  - machine names a known preset (machine__find()), kernel/perf/patches name
 *    known variants (variant__find_*());
 *  - rec.workload_comm names exactly one `task` line (the traced task);
 *  - every `slice` line names a declared task and a CPU of the machine; no
 *    two slices of one task, nor two slices on one CPU, overlap; slices[] is
 *    in start-time order (stable), whatever the order of the lines;
 *  - no signal, slice or `at` line is at or after the duration, the signal
 *    lines ask for at most AUXSIM_MAX_SNAPSHOTS deliveries, and every other
 *    limit of run-limits.h holds;
 *  - every time is in nanoseconds, every size in bytes, every rate in bytes
 *    per second of traced run time;
 *  - nothing is allocated: the struct is plain data and may be copied.
 *
 * Errors: scenario__parse() returns -EINVAL (or -E2BIG when a fixed capacity
 * is exceeded) and fills struct scn_error with the 1-based line and column of
 * the offending character and a message without trailing newline; the caller
 * prints "FILE:LINE:COL: message" and exits 2.
 */
#ifndef AUXSIM_SCENARIO_H
#define AUXSIM_SCENARIO_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "sim/run-limits.h" /* SCN_MAX_*: the capacities */

#define SCN_NAME_LEN 32
#define SCN_COMM_LEN 16 /* TASK_COMM_LEN */

struct scn_error {
	int line; /* 1-based; 0 when the error is not tied to a line */
	int col; /* 1-based */
	char msg[256];
};

/* One term of an event: `name=value` or a bare `name` (value "1"). */
struct scn_term {
	char name[SCN_NAME_LEN];
	char val[SCN_NAME_LEN];
	int col; /* column of its name in the scenario line, for errors */
};

/* One `-e` event, as tools/perf/util/parse-events.c splits it. */
struct scn_event {
	char text[128]; /* as written, e.g. "cs_etm/@tmc_etr0/u" */
	char pmu[SCN_NAME_LEN]; /* "cs_etm", "arm_spe", or a legacy name: "cycles" */
	char sink[SCN_NAME_LEN]; /* "@tmc_etr0" term, without '@'; "" if none */
	struct scn_term terms[SCN_MAX_TERMS];
	int nr_terms;
	bool exclude_user; /* from modifiers: "k" alone excludes user */
	bool exclude_kernel; /* "u" alone excludes kernel */
	bool exclude_hv; /* "u" or "k" without "h" excludes the hypervisor */
	int group; /* index of the {...} group it is in, -1 if none */
	bool group_leader; /* first event of its {...} group */
	int col; /* column of the event in the scenario line, for errors */
};

/* The `perf record ...` line, parsed with perf's own option spelling. */
struct scn_record {
	char cmdline[512]; /* "perf record -e cs_etm// -S -- dd ..." as written */
	struct scn_event events[SCN_MAX_EVENTS];
	int nr_events;
	bool snapshot; /* -S / --snapshot */
	bool snapshot_on_exit; /* -Se / --snapshot=e */
	uint64_t snapshot_size; /* bytes from -S<size>, 0 = default */
	uint64_t mmap_pages; /* -m N[,M]: data pages, 0 = default */
	uint64_t aux_pages; /* -m [N],M: AUX pages, 0 = default */
	bool system_wide; /* -a */
	bool per_thread; /* --per-thread */
	char workload[256]; /* everything after "--" */
	char workload_comm[SCN_COMM_LEN]; /* basename of its argv[0] */
	int line; /* line of the `perf record` statement */
	int col; /* column of its "perf" */
};

enum scn_task_kind {
	SCN_TASK_CPU_BOUND, /* never sleeps (dd if=/dev/zero of=/dev/null) */
	SCN_TASK_RUN_SLEEP, /* runs run_ns, sleeps sleep_ns, repeatedly */
};

struct scn_task {
	char comm[SCN_COMM_LEN];
	enum scn_task_kind kind;
	uint64_t run_ns, sleep_ns; /* SCN_TASK_RUN_SLEEP only */
	uint32_t cpus_allowed; /* bitmask of CPUs; 0 = all CPUs of the machine */
	int start_cpu; /* CPU of the first slice, -1 = chosen by the scheduler */
	/* `exit T`: the task exits at T (> 0), 0: it runs to the end.  Only
	 * perf record's workload may: its exit ends the session, as perf
	 * record's ends when the child it forked exits */
	uint64_t exit_ns;
	int exit_col;
	int line;
};

enum scn_sched_mode {
	SCN_SCHED_RANDOM, /* seeded random slices and migrations (default) */
	SCN_SCHED_SCRIPT, /* exactly the `slice` lines, nothing else */
};

struct scn_sched {
	enum scn_sched_mode mode;
	uint64_t slice_min_ns, slice_max_ns; /* length of a run slice */
	uint64_t gap_min_ns, gap_max_ns; /* time off-CPU between slices */
	uint32_t migrate_permille; /* chance that the next slice is elsewhere */
};

/* A scripted slice: `slice P3 dd cpu1 40ms..55ms`. */
struct scn_slice {
	char label[SCN_NAME_LEN]; /* "P3" */
	int task; /* index into tasks[] */
	int cpu;
	uint64_t start_ns, end_ns; /* [start, end) */
	int line, col; /* col: of the START..END word */
};

enum scn_signo {
	SCN_SIGUSR2 = 12,
};

/* `signal USR2 at 1s` or `signal USR2 every 100ms [from T] [until T]`. */
struct scn_signal {
	enum scn_signo signo;
	uint64_t at_ns; /* first (or only) delivery */
	uint64_t every_ns; /* 0 = once */
	uint64_t until_ns; /* last possible delivery, UINT64_MAX = duration */
	int line;
	int col; /* of the word giving the first delivery: at T, from T, or
		  * every T without from */
	int every_col; /* of the period, every T */
};

/*
 * A scripted action at a time: `at 4ms tick cpu0`, `at 1ms overflow cpu0
 * e2 x400`, `at 2ms nmi cpu0 e1 in perf_event_aux_pause`, `at 3ms ioctl
 * disable e0`.  Events are named eK: the K-th event of the perf record
 * command line (0-based, in -e order).
 */
enum scn_action_kind {
	SCN_ACT_TICK, /* the scheduler tick on a CPU */
	SCN_ACT_OVERFLOW, /* the PMU interrupt for eK's counter on a CPU */
	SCN_ACT_NMI, /* an overflow NMI of eK landing at an interrupt point */
	SCN_ACT_IOCTL_ENABLE, /* perf's ioctl(ENABLE) on every fd of eK */
	SCN_ACT_IOCTL_DISABLE,
};

enum scn_irq_point {
	SCN_IP_AUX_PAUSE, /* inside perf_event_aux_pause()'s guard */
	SCN_IP_THROTTLE_GROUP, /* between perf_event_throttle_group() members */
	SCN_IP_UNTHROTTLE_GROUP,
};

struct scn_action {
	enum scn_action_kind kind;
	uint64_t at_ns;
	int cpu; /* -1 for ioctls */
	int event; /* eK, -1 for ticks */
	int count; /* overflow xN */
	enum scn_irq_point point; /* SCN_ACT_NMI */
	int line, col; /* of the eK word, for errors after the last line */
	int cpu_col; /* of the cpuN word */
	int time_col; /* of the time word */
};

struct scn_cpu_override {
	int cpu;
	uint64_t rate; /* trace bytes per second of traced run time */
};

struct auxsim_scenario {
	char path[256]; /* as given to scenario__parse() */
	char name[64]; /* basename of path without ".scn" */

	char machine[SCN_NAME_LEN]; /* `machine juno` (required) */
	struct scn_cpu_override cpu_rates[SCN_MAX_CPU_OVERRIDES];
	int nr_cpu_rates;
	uint64_t etr_size; /* `etr-size 1MiB`: ETR drvdata->size, 0 = machine's */
	bool root; /* `user root` (default) / `user nonroot` */

	struct scn_record rec; /* `perf record ...` (required) */

	char kernel[SCN_NAME_LEN]; /* `kernel v5.12` ("" = default variant) */
	char patches[SCN_MAX_PATCHES][SCN_NAME_LEN]; /* `patch NAME`, repeatable */
	int nr_patches;
	char perf[SCN_NAME_LEN]; /* `perf perf-5.13` ("" = default variant) */

	uint64_t seed; /* `seed N`, default 1 */
	uint64_t duration_ns; /* `duration 1s` (required) */
	uint64_t copy_rate; /* `copy-rate 1GB/s`: perf's AUX read speed, default 1 GB/s */

	struct scn_task tasks[SCN_MAX_TASKS];
	int nr_tasks;
	int traced_task; /* index of the task whose comm is rec.workload_comm */

	struct scn_sched sched;
	struct scn_slice slices[SCN_MAX_SLICES]; /* SCN_SCHED_SCRIPT only */
	int nr_slices;

	struct scn_signal signals[SCN_MAX_SIGNALS];
	int nr_signals;

	/* seed 001: interrupts, throttling and scripted interleavings */
	bool pmi_nmi; /* `pmi nmi`: PMU interrupts are (pseudo-)NMIs */
	bool pmi_set; /* a `pmi` line was given (else: the machine's) */
	bool overflows_script; /* `overflows script`: only `at` overflows */
	bool ticks_script; /* `ticks script`: only `at ... tick` ticks */
	bool no_aux_mmap; /* `aux-mmap off`: the AUX area is never mapped */
	uint32_t max_sample_rate; /* perf_event_max_sample_rate, 0 = 100000 */
	struct scn_action actions[SCN_MAX_ACTIONS]; /* in time order */
	int nr_actions;

	/* `check depth D tick N overflow N switch N ioctl N snapshot N munmap
	 * N nmi N`: the model checker's bounds (how many of each step a path
	 * may take); unset bounds are 0 */
	struct scn_check {
		bool set;
		uint16_t depth;
		uint8_t tick, overflow, sched, ioctl, snapshot, munmap, nmi;
		uint8_t trace; /* 1/HZ periods of trace a tick step carries */
		int line;
	} check;
};

/*
 * Parse @len bytes of @text, read from @path, into @scn.
 * Returns 0, or -EINVAL/-E2BIG with @err filled.
 */
int scenario__parse(const char *path, const char *text, size_t len,
		    struct auxsim_scenario *scn, struct scn_error *err);

/*
 * Read the file @path and parse it.  I/O errors give -errno and an @err with
 * line 0 and the strerror text.
 */
int scenario__load(const char *path, struct auxsim_scenario *scn,
		   struct scn_error *err);

/*
 * Parse a `perf record ...` command line (@text starts at "perf") into @rec.
 * @line and @col0 locate @text in its file for error columns.  Shared by the
 * scenario parser and by tests.
 */
int perf_record__parse_cmdline(const char *text, int line, int col0,
			       struct scn_record *rec, struct scn_error *err);
/*
 * The arguments perf's main() hands `perf record` (argv[0] "record"):
 * @fn for each word of @text after "perf", quotes removed.  Returns how
 * many, or -errno.
 */
int perf_record__argv(const char *text, void (*fn)(void *arg, const char *word),
		      void *arg);

struct machine;
struct perf_variant;
/*
 * What perf's event parser makes of a parsed perf record line on machine
 * @mc with perf @perf, and what of it auxsim models (src/perf/
 * record-check.c): each event's PMU must be on the machine ("Cannot find
 * PMU" otherwise) and modelled, each term known to @perf, and the line must
 * trace an AUX area.  @perf_from says where @perf came from in messages
 * ("the default", "--perf").  0, or -EINVAL with @err at the event, term or
 * "perf" at fault.
 */
int perf_record__check(const struct scn_record *rec, const struct machine *mc,
		       const struct perf_variant *perf, const char *perf_from,
		       struct scn_error *err);

/*
 * Parse one event string as `perf record -e` does (tools/perf/util/
 * parse-events.c): "pmu/term=val,.../mods", legacy names, {a,b}:mods groups.
 * Appends to @rec->events.  @col0 is the column of @str for errors.
 */
int parse_events(struct scn_record *rec, const char *str, int line, int col0,
		 struct scn_error *err);

/*
 * Fill @err (if not NULL) with @line, @col and the formatted message, with
 * control characters replaced by '?'.  Returns @ret, for
 * `return scn__errorf(err, -EINVAL, ...)`.
 */
int scn__errorf(struct scn_error *err, int ret, int line, int col,
		const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* vsnprintf() into @msg, control characters replaced by '?' (a message
 * may quote the input) */
void scn__vformat_msg(char *msg, size_t len, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

/*
 * The unit parsers below take @n bytes at @s (not NUL-terminated) and return
 * 0, -EINVAL (syntax, or not a whole number of ns/bytes) or -ERANGE (does
 * not fit in a u64).
 */
/* Parse "1s", "250ms", "1.5ms", "10us", "100ns" (a bare 0 is allowed). */
int scn__parse_time(const char *s, size_t n, uint64_t *ns);
/* Parse "4MiB", "1M", "128K", "4096", "64KiB", "2G" (K/M/G are powers of 2). */
int scn__parse_size(const char *s, size_t n, uint64_t *bytes);
/* Parse "100MB/s" (10^6), "64MiB/s" (2^20), "1GB/s", "500KB/s", "10B/s". */
int scn__parse_rate(const char *s, size_t n, uint64_t *bytes_per_sec);

/* ---- scenario-time.c: the checks about time, after the last line ---- */

/* @ns as a scenario would write it, exactly: "1s", "1.5ms", "250us", "0" */
void scn__format_time(char *buf, size_t size, uint64_t ns);

/*
 * Refuse two slices of one task, or two slices on one CPU, that overlap
 * (at the later line of the pair), then sort slices[] by start time,
 * keeping file order among equal starts.  0 or -EINVAL.
 */
int scenario__order_slices(struct auxsim_scenario *scn,
			   struct scn_error *err);

/* the SIGUSR2 deliveries of @sg in a run of @duration_ns */
uint64_t scn_signal__deliveries(const struct scn_signal *sg,
				uint64_t duration_ns);

/*
 * Check @scn against a run of @duration_ns: a signal, slice or `at` line
 * at or after its end, and more than AUXSIM_MAX_SNAPSHOTS deliveries.
 * With @flag NULL (the scenario's own duration) each is an error at its
 * line and column.  With @flag (the flag that set @duration_ns, e.g.
 * "--duration"), a statement after the end is a warning on @warn (one
 * line each, naming @flag and @path) and the run goes on; too many
 * snapshots, or a duration above AUXSIM_MAX_DURATION_NS, is an error with
 * line 0 and a message naming @flag.  0, -EINVAL or -E2BIG.
 */
/*
 * When a run of @duration_ns ends: at the duration, or earlier when perf
 * record's workload exits (its task's `exit T`).
 */
uint64_t scenario__end(const struct auxsim_scenario *scn, uint64_t duration_ns);

int scenario__check_duration(const struct auxsim_scenario *scn,
			     uint64_t duration_ns, const char *flag,
			     FILE *warn, struct scn_error *err);

#endif /* AUXSIM_SCENARIO_H */
