/* SPDX-License-Identifier: GPL-2.0 */
/*
 * run-limits.h - every limit on what one auxsim run may ask for, in one
 * place.
 *
 * A run must end in time proportional to what it models, with bounded
 * memory, whatever its input.  The limits below are the documented table of
 * docs/scenario-format.md ("Limits"); change both together.
 *
 *  - Parse-time limits are checked by the scenario parser, FILE:LINE:COL at
 *    the word at fault (scenario.c, scenario-time.c), and for --duration
 *    as the run starts, naming the flag (scenario__check_duration()).
 *  - The perf.data's size can only be known after the run: perf/data.c
 *    measures it before writing a byte and refuses it past its limit.
 *  - Run-time limits can only be known while running (how many slices a
 *    random schedule makes, how often counters overflow): sim-guard.c stops
 *    the run with an error naming the limit, exit AUXSIM_EXIT_USAGE.
 *
 * Every default scenario of scenarios/ stays far below each of them, with
 * the durations `make bench` gives them (s000-dd-migrate: 10 simulated
 * seconds, 3,500 events, 100 snapshots; s001-throttle-pause: 10 s,
 * 1.4 M events, 2.1 M counter overflows).
 */
#ifndef AUXSIM_RUN_LIMITS_H
#define AUXSIM_RUN_LIMITS_H

#define AUXSIM_NSEC_PER_SEC 1000000000ull

/* ---- the scenario file (parse time) ---- */

#define SCN_FILE_MAX (16u << 20) /* bytes in a scenario file */
#define SCN_LINE_MAX 4096 /* bytes in a line, without its end */
#define SCN_MAX_EVENTS 8 /* -e events */
#define SCN_MAX_TERMS 8 /* terms of one event */
#define SCN_MAX_TASKS 8 /* task lines, with the implicit one */
#define SCN_MAX_SLICES 512 /* slice lines */
#define SCN_MAX_SIGNALS 64 /* signal lines */
#define SCN_MAX_PATCHES 8
#define SCN_MAX_CPU_OVERRIDES 16 /* cpu N rate lines */
#define SCN_MAX_ACTIONS 64 /* at lines */

/* `duration` and --duration: one hour of virtual time */
#define AUXSIM_MAX_DURATION_NS (3600 * AUXSIM_NSEC_PER_SEC)
/* SIGUSR2 deliveries that the signal lines ask for within the duration
 * (each is a snapshot that reads every AUX buffer) */
#define AUXSIM_MAX_SNAPSHOTS 10000
/* the overflows of all `at ... overflow ... xCOUNT` lines together (one
 * line asks for at most 1,000,000); they run back to back in one step */
#define AUXSIM_MAX_SCRIPTED_OVERFLOWS 2000000
/*
 * Model widths: a trace rate of at most 2 GiB/s keeps one step's bytes in
 * an extent's 32-bit length; an AUX area (-m ,N or the -S size) or an ETR
 * buffer of at most 2 GiB keeps buffer offsets in 32 bits.  On arm64 with
 * 4K pages the kernel cannot map a larger AUX area either: rb_alloc_aux()
 * (kernel/events/ring_buffer.c, v6.1) kcalloc()s a pointer per page, and
 * kmalloc stops at KMALLOC_MAX_SIZE, 4 MiB with MAX_ORDER 11: 512 Ki
 * pointers, 2 GiB of pages.
 */
#define AUXSIM_MAX_TRACE_RATE (2ull << 30) /* bytes/s */
#define AUXSIM_MAX_AUX_BYTES (2ull << 30)
#define AUXSIM_MAX_ETR_BYTES (2ull << 30)

/*
 * The perf.data -o writes (with its ELF): what the run made can only be
 * measured after it (perf/data.c counts the bytes before writing one), so
 * past this the file is refused, naming -o and the size, before a byte is
 * written.  s000-dd-migrate, whose snapshots read 24 MiB every 100 ms,
 * reaches it at about 70 virtual seconds.
 */
#define AUXSIM_MAX_PERF_DATA_BYTES (16ull << 30)

/* ---- the run (run time, sim-guard.c) ---- */

/* discrete events: the times at which the run loop does something */
#define AUXSIM_MAX_EVENTS 100000000ull
/* counter overflows, free-running and scripted */
#define AUXSIM_MAX_OVERFLOWS 100000000ull
/* scheduling slices */
#define AUXSIM_MAX_RUN_SLICES 100000
/* slices looked at by snapshots: each snapshot compares what it holds with
 * every slice so far (sim.c snapshot_analyse()), so this is the sum, over
 * the snapshots, of the slices before each: 1,000 snapshots of 100,000
 * slices, or 10,000 of 10,000 */
#define AUXSIM_MAX_SNAPSHOT_SCAN 100000000ull
/* memory of the run's result: records, WARNs, reads and their pieces,
 * slices, snapshots, kernel log lines (--log), tracer state changes */
#define AUXSIM_MAX_RESULT_BYTES (512ull << 20)

/*
 * Not a limit but a guard: the run loop handles every event due at a time
 * in one step, and a step can make at most a few more due at the same time
 * (a switch-in after a switch-out with no gap).  More steps than this
 * without virtual time advancing is a bug in auxsim, reported as an
 * internal error rather than a spin.
 */
#define SIM_MAX_STEPS_AT_ONE_TIME 1000

#endif /* AUXSIM_RUN_LIMITS_H */
