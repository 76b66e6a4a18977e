// SPDX-License-Identifier: GPL-2.0
/*
 * t0725-run-limits - the pieces that keep a run bounded: times
 * written back as a scenario would write them, the deliveries a signal
 * line makes in a duration, scripted slices put in start order, the
 * run-time limits of run-limits.h, the guard that turns a stalled virtual
 * clock into an internal error, and SIGINT ending a run where it is.
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lib/interrupt.h"
#include "sim/sim-guard.h"
#include "sim/sim.h"
#include "tap.h"

#define MS 1000000ull
#define S 1000000000ull

static void format_time(void)
{
	static const struct {
		uint64_t ns;
		const char *s;
	} cases[] = {
		{ 0, "0" },
		{ 1, "1ns" },
		{ 999, "999ns" },
		{ 1500, "1.5us" },
		{ MS, "1ms" },
		{ 123456789, "123.456789ms" },
		{ 1500 * MS, "1.5s" },
		{ 3600 * S, "3600s" },
		{ UINT64_MAX, "18446744073.709551615s" },
	};
	char buf[32];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		scn__format_time(buf, sizeof(buf), cases[i].ns);
		is_str(buf, cases[i].s, "format %" PRIu64 " ns", cases[i].ns);
	}
}

static void deliveries(void)
{
	struct scn_signal sg = { .until_ns = UINT64_MAX };

	sg.at_ns = 0;
	is_u64(scn_signal__deliveries(&sg, S), 1, "at 0: one");
	sg.at_ns = S;
	is_u64(scn_signal__deliveries(&sg, S), 0, "at the duration: none");
	sg.at_ns = 100 * MS;
	sg.every_ns = 100 * MS;
	is_u64(scn_signal__deliveries(&sg, S), 9,
	       "every 100ms in 1s: 100ms .. 900ms");
	sg.at_ns = 1;
	sg.every_ns = 1;
	is_u64(scn_signal__deliveries(&sg, S), S - 1, "every 1ns in 1s");
	sg.at_ns = 0;
	sg.every_ns = S;
	sg.until_ns = 2 * S;
	is_u64(scn_signal__deliveries(&sg, 10 * S), 3,
	       "every 1s from 0 until 2s: 0, 1s, 2s");
	sg.at_ns = 1;
	sg.every_ns = UINT64_MAX;
	sg.until_ns = UINT64_MAX;
	is_u64(scn_signal__deliveries(&sg, S), 1,
	       "a period past the end: the first only");
}

static void add_slice(struct auxsim_scenario *scn, const char *label,
		      int task, int cpu, uint64_t a, uint64_t b)
{
	struct scn_slice *sl = &scn->slices[scn->nr_slices++];

	memset(sl, 0, sizeof(*sl));
	snprintf(sl->label, sizeof(sl->label), "%s", label);
	sl->task = task;
	sl->cpu = cpu;
	sl->start_ns = a;
	sl->end_ns = b;
	sl->line = scn->nr_slices + 10;
	sl->col = 7;
}

static void order_slices(void)
{
	static struct auxsim_scenario scn;
	struct scn_error err;
	char order[64] = "";

	snprintf(scn.tasks[0].comm, sizeof(scn.tasks[0].comm), "dd");
	snprintf(scn.tasks[1].comm, sizeof(scn.tasks[1].comm), "kw");
	scn.nr_tasks = 2;
	add_slice(&scn, "K", 1, 1, 10 * MS, 20 * MS);
	add_slice(&scn, "A", 0, 0, 0, 50 * MS);
	add_slice(&scn, "B", 0, 1, 60 * MS, 70 * MS);
	add_slice(&scn, "K2", 1, 0, 60 * MS, 65 * MS);
	add_slice(&scn, "K3", 1, 2, 50 * MS, 60 * MS);
	is_int(scenario__order_slices(&scn, &err), 0,
	       "slices out of start order, none overlapping: accepted");
	for (int i = 0; i < scn.nr_slices; i++)
		snprintf(order + strlen(order), sizeof(order) - strlen(order),
			 "%s%s", i ? " " : "", scn.slices[i].label);
	is_str(order, "A K K3 B K2", "in start order, file order on ties");

	scn.nr_slices = 0;
	add_slice(&scn, "P2", 0, 1, 10 * MS, 20 * MS);
	add_slice(&scn, "P1", 0, 2, 5 * MS, 15 * MS);
	is_int(scenario__order_slices(&scn, &err), -EINVAL,
	       "one task in two slices at once: refused");
	ok(err.line == 12 && err.col == 7 &&
		   strstr(err.msg, "slice P1 of 'dd' ends after slice P2"),
	   "  at the later line: %d:%d: %s", err.line, err.col, err.msg);

	scn.nr_slices = 0;
	add_slice(&scn, "A", 0, 1, 10 * MS, 20 * MS);
	add_slice(&scn, "K", 1, 1, 0, 11 * MS);
	is_int(scenario__order_slices(&scn, &err), -EINVAL,
	       "two slices on one CPU at once: refused");
	ok(strstr(err.msg, "slice K overlaps slice A (line 11) on cpu1") !=
		   NULL,
	   "  %s", err.msg);
}

static void limits(void)
{
	struct aux_model *m = calloc(1, sizeof(*m));
	struct sim_result res = { 0 };
	struct sim_guard g;
	char err[256];

	sim_guard__init(&g, S, NULL);
	is_int(sim_guard__limits(&g, &res, m, 0, err, sizeof(err)), 0,
	       "an empty run is within every limit");
	res.nr_events = AUXSIM_MAX_EVENTS + 1;
	is_int(sim_guard__limits(&g, &res, m, 5 * MS, err, sizeof(err)),
	       -E2BIG, "events: over the limit");
	ok(strstr(err, "limit of 100000000 events at virtual time "
		       "0.005000000 s") != NULL,
	   "  %s", err);
	res.nr_events = 0;
	m->s.event[0].nr_overflows = AUXSIM_MAX_OVERFLOWS;
	m->s.event[3].nr_overflows = 1;
	is_int(sim_guard__limits(&g, &res, m, 0, err, sizeof(err)), -E2BIG,
	       "counter overflows, summed over the events: over the limit");
	ok(strstr(err, "counter overflows") != NULL, "  %s", err);
	memset(m->s.event, 0, sizeof(m->s.event));
	res.nslices = AUXSIM_MAX_RUN_SLICES + 1;
	is_int(sim_guard__limits(&g, &res, m, 0, err, sizeof(err)), -E2BIG,
	       "slices: over the limit");
	res.nslices = 0;
	g.snapshot_scan = AUXSIM_MAX_SNAPSHOT_SCAN + 1;
	is_int(sim_guard__limits(&g, &res, m, 0, err, sizeof(err)), -E2BIG,
	       "slices looked at by snapshots: over the limit");
	g.snapshot_scan = 0;
	g.str_bytes = AUXSIM_MAX_RESULT_BYTES;
	res.caprecs = 1;
	is_int(sim_guard__limits(&g, &res, m, 0, err, sizeof(err)), -E2BIG,
	       "result memory: strings and arrays together over the limit");
	ok(strstr(err, "bytes of result") != NULL, "  %s", err);
	free(m);
}

/* the status of a child that runs sim_guard__step() on @steps */
static int guard_child(const uint64_t (*steps)[2], int n)
{
	pid_t pid = fork();
	int status;

	if (!pid) {
		struct rlimit no_core = { 0, 0 };
		struct sim_guard g;

		setrlimit(RLIMIT_CORE, &no_core); /* it aborts on purpose */
		if (!freopen("/dev/null", "w", stderr))
			_exit(3);
		sim_guard__init(&g, S, NULL);
		for (int i = 0; i < n; i++)
			sim_guard__step(&g, steps[i][0], steps[i][1]);
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

static void guard(void)
{
	static uint64_t same[SIM_MAX_STEPS_AT_ONE_TIME + 1][2];
	static const uint64_t back[][2] = { { 0, 5 }, { 10, 5 } };
	int st;

	for (int i = 0; i < SIM_MAX_STEPS_AT_ONE_TIME + 1; i++) {
		same[i][0] = 7;
		same[i][1] = 7;
	}
	st = guard_child((const uint64_t(*)[2])same,
			 SIM_MAX_STEPS_AT_ONE_TIME);
	ok(WIFEXITED(st) && !WEXITSTATUS(st),
	   "%d steps at one virtual time: allowed", SIM_MAX_STEPS_AT_ONE_TIME);
	st = guard_child((const uint64_t(*)[2])same,
			 SIM_MAX_STEPS_AT_ONE_TIME + 1);
	ok(WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT,
	   "one more: an internal error (abort), not a spin");
	st = guard_child(back, 2);
	ok(WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT,
	   "virtual time going backwards: an internal error");
}

static void interrupted(void)
{
	struct sim_result res = { .duration_ns = 10 * S };
	struct sim_guard g;

	sim_guard__init(&g, res.duration_ns, NULL);
	is_u64(sim_guard__interrupted(&g, &res, 5 * S, 10 * S), 10 * S,
	       "no signal: the end stays");
	interrupt_signo = SIGINT;
	is_u64(sim_guard__interrupted(&g, &res, 0, 10 * S), 10 * S,
	       "a signal at virtual time 0: the run goes on to its first "
	       "step");
	is_u64(sim_guard__interrupted(&g, &res, 5 * S, 10 * S), 5 * S,
	       "SIGINT at 5s: the run ends at 5s");
	ok(res.interrupted_signo == SIGINT && res.duration_ns == 5 * S &&
		   res.asked_duration_ns == 10 * S,
	   "  the result says so: signal, duration reached, duration asked");
	is_u64(sim_guard__interrupted(&g, &res, 6 * S, 5 * S), 5 * S,
	       "  once");
	interrupt_signo = 0;
}

int main(void)
{
	format_time();
	deliveries();
	order_slices();
	limits();
	guard();
	interrupted();
	return done_testing();
}
