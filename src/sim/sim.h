/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sim.h - the timed driver: runs a scenario on the model over a virtual
 * clock and collects what the kernel and perf would have shown.
 *
 * Determinism: the only randomness is a splitmix64 stream seeded from the
 * scenario seed; events at the same virtual time run in a fixed order
 * (switch-outs, switch-ins, tool completions, signals, the end), so the same
 * scenario, seed and variants give identical results.
 *
 * Invariants of a struct sim_result after sim__run() == 0:
 *  - reads[] are in time order; reads[i] owns pieces[first_piece ..
 *    first_piece + nr_pieces), in stream order of the AUXTRACE data;
 *  - snaps[k].first_read .. + nr_reads are the reads of snapshot k + 1;
 *  - slices[] are in start order; slices[i].id == i + 1.
 */
#ifndef AUXSIM_SIM_H
#define AUXSIM_SIM_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "model/model.h"
#include "scenario/scenario.h"

struct sim_config {
	const char *kernel; /* NULL: the scenario's */
	const char *patches[SCN_MAX_PATCHES];
	int nr_patches;
	bool patches_set; /* --patch given: replaces the scenario's list */
	const char *perf;
	uint64_t seed;
	bool seed_set;
	uint64_t duration_ns; /* 0: the scenario's */
	bool log; /* keep the kernel-side event log */
	FILE *progress; /* a terminal to show progress on, or NULL */
};

#define SIM_MAX_CAP 8

struct sim_slice {
	uint32_t id;
	char label[SCN_NAME_LEN];
	int task, cpu;
	uint64_t t0, t1; /* [t0, t1); t1 = UINT64_MAX while running */
	uint64_t s0, s1; /* CPU stream bytes emitted during the slice */
	/* the stream offset up to which its bytes are counted in a snapshot
	 * interval (sim_snapshot.emitted_bytes); below s0: none yet */
	uint64_t s_acct;
	/* stream ranges captured by snapshots so far (union) */
	int ncap;
	uint64_t cap_lo[SIM_MAX_CAP], cap_hi[SIM_MAX_CAP];
};

struct sim_piece {
	uint8_t kind; /* enum extent_kind */
	int8_t cpu;
	uint32_t slice;
	uint64_t soff, len;
};

struct sim_read {
	struct aux_read rd;
	int first_piece, nr_pieces;
	uint64_t trace_bytes, barrier_bytes, zero_bytes, untracked_bytes;
};

/* the bytes a read copied: its pieces, every kind */
static inline uint64_t sim_read__bytes(const struct sim_read *r)
{
	return r->trace_bytes + r->barrier_bytes + r->zero_bytes +
	       r->untracked_bytes;
}

enum snap_status {
	SNAP_WHOLE, /* every byte the slice emitted is held */
	SNAP_PART, /* some are */
	SNAP_MISSING, /* ran since the previous snapshot, none held */
};

struct snap_slice {
	uint32_t slice;
	uint8_t status; /* enum snap_status */
	uint8_t stale; /* ended before the previous snapshot */
	uint64_t held, dup, emitted;
};

struct sim_snapshot {
	uint32_t index;
	uint64_t t_signal, t_enable;
	int first_read, nr_reads;
	uint64_t total_bytes; /* AUXTRACE payload bytes */
	uint64_t trace_bytes, stale_bytes, dup_bytes;
	/*
	 * The interval since the previous snapshot: the trace bytes the
	 * tasks emitted in it, those of them this snapshot holds, and the
	 * rest, lost (in no snapshot up to this one).  Every byte counts in
	 * the interval it was emitted in, so it is lost at most once:
	 * emitted_bytes == captured_bytes + missing_bytes.
	 */
	uint64_t emitted_bytes, captured_bytes;
	uint64_t missing_bytes;
	uint64_t zero_bytes, barrier_bytes;
	struct snap_slice *sl;
	int nsl;
	bool discontinuous;
	uint32_t disc_missing, disc_older; /* an example pair of slice ids */
};

/* what the AUX tracer on a CPU is doing (sim__tracer_state()) */
enum tracer_state {
	TRACER_OFF, /* no AUX event active on the CPU */
	TRACER_TRACING,
	TRACER_TRACING_USER_PAUSED, /* tracing, the user's last action paused */
	TRACER_PAUSED, /* AUX-paused, as the user asked */
	TRACER_PAUSED_NOT_USER, /* AUX-paused, the user did not ask */
	TRACER_THROTTLED, /* hw.interrupts == MAX_INTERRUPTS, not tracing */
	TRACER_THROTTLED_TRACING, /* throttled, and tracing anyway */
	TRACER_STOPPED, /* ACTIVE, but the PMU is stopped (a start failed) */
	TRACER_DEAD, /* an orphaned AUX transaction: no begin can succeed */
	NR_TRACER_STATES,
};

struct sim_tracer_change {
	uint64_t time_ns;
	int8_t cpu;
	uint8_t state; /* enum tracer_state */
};

struct sim_warning {
	struct aux_warning w;
	char comm[SCN_COMM_LEN];
	int pid;
};

struct sim_result {
	const struct auxsim_scenario *scn;
	const struct machine *mc;
	const struct kernel_variant *kernel;
	const struct perf_variant *perf;
	const char *patches[SCN_MAX_PATCHES];
	int nr_patches;
	uint64_t seed, duration_ns;

	struct aux_record *recs;
	int nrecs, caprecs;
	struct sim_warning *warns;
	int nwarns, capwarns;
	struct sim_read *reads;
	int nreads, capreads;
	struct sim_piece *pieces;
	int npieces, cappieces;
	struct sim_slice *slices;
	int nslices, capslices;
	struct sim_snapshot *snaps;
	int nsnaps, capsnaps;
	char **msgs; /* perf's own messages */
	int nmsgs, capmsgs;
	char **log; /* kernel-side log, with sim_config.log */
	int nlog, caplog;

	struct sim_tracer_change *tracer; /* in time order */
	int ntracer, captracer;

	uint64_t nr_events; /* discrete events processed */
	uint64_t nr_forced_overflows; /* scripted overflows and NMIs */
	uint64_t nr_undelivered_overflows; /* scripted, counter not counting */
	uint64_t nr_switches;
	/* SIGUSR2s perf ignored: a snapshot in progress (the trigger not
	 * ready), and, without -S, all: perf record sets SIGUSR2 to SIG_IGN
	 * unless it snapshots or switches output (__cmd_record()) */
	uint32_t ignored_signals;
	uint32_t usr2_sig_ign;
	/* every SIGUSR2 delivered, in time order: when, and the snapshot it
	 * took (index from 1), or 0 when perf took none: why */
	struct sim_usr2 {
		uint64_t t;
		uint32_t snap;
		enum { USR2_SNAPSHOT, USR2_BUSY, USR2_SIG_IGN } ignored;
	} *usr2;
	int nusr2, capusr2;
	uint64_t aux_size, snapshot_size, etr_buf_size;
	/* perf's "Captured and wrote" and the path it names, for the
	 * report: the caller sets them (perf/data.h: perf_data__write(), or
	 * perf_data__size() without -o) */
	uint64_t perf_data_bytes;
	const char *perf_data_path;
	/* an output file the caller could not write (builtin-run.c), for
	 * the report: the file (-o's for the perf.data or its ELF), why,
	 * and the SIGINT/SIGTERM that stopped its write (0: an error); the
	 * files after it are not written either.  NULL: all written */
	const char *output_failed, *output_error;
	int output_signo;
	uint64_t cpu_rate[AUXSIM_MAX_CPUS]; /* trace bytes/s (trace.c) */
	bool record_switch_events; /* record_opts, from the perf model */
	uint64_t lost_extent_merges;
	int open_error; /* -errno if perf record failed to start */
	/* SIGINT or SIGTERM stopped the run (perf record stopped as on
	 * Ctrl-C) at virtual time duration_ns, before asked_duration_ns */
	int interrupted_signo; /* 0: the run reached its end */
	uint64_t asked_duration_ns;
	/* the run ended at duration_ns because perf record's workload exited
	 * there (its task's `exit T`), before the duration given (the
	 * scenario's or --duration): 0 when it ended at the duration */
	uint64_t workload_exit_ns;
	uint64_t duration_given_ns;
	struct aux_state final; /* the model state at the end */
};

/*
 * Run @scn with @cfg into @res (which the caller frees with
 * sim_result__free()).  Returns 0, or -EINVAL with @err set for variant
 * errors (unknown name, a patch that does not apply) and a --duration the
 * scenario cannot take, or -E2BIG when the run passes a run-time limit of
 * run-limits.h (@res is then empty).  A SIGINT/SIGTERM (interrupt.h)
 * ends the run early: 0, with res->interrupted_signo set.
 */
int sim__run(const struct auxsim_scenario *scn, const struct sim_config *cfg,
	     struct sim_result *res, char *err, int errlen);
void sim_result__free(struct sim_result *res);
int sim__start(const struct auxsim_scenario *scn, const struct sim_config *cfg,
	       struct aux_model *m, char *err, int errlen);

/* Convenience for reports */
const struct sim_slice *sim_result__slice(const struct sim_result *res,
					  uint32_t id);
enum tracer_state sim__tracer_state(const struct aux_model *m, int cpu);

#endif /* AUXSIM_SIM_H */
