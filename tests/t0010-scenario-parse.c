// SPDX-License-Identifier: GPL-2.0
/*
 * t0010-scenario-parse - valid scenarios: every statement and its defaults,
 * the units, the `perf record` command line forms and event strings, line
 * endings and comments, and the examples in tests/scenarios/.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/machine.h"
#include "scenario/scenario.h"
#include "tap.h"
#include "model/variant.h"

static struct auxsim_scenario scn;
static struct scn_error err;

static const char *top(void)
{
	const char *t = getenv("TOP");

	return t && *t ? t : ".";
}

static int parse(const char *text)
{
	int ret = scenario__parse("tests/inline.scn", text, strlen(text), &scn,
				  &err);

	if (ret)
		diag("  %d:%d: %s", err.line, err.col, err.msg);
	return ret;
}

static int events(struct scn_record *r, const char *str)
{
	int ret = parse_events(r, str, 1, 1, &err);

	if (ret)
		diag("  %d:%d: %s", err.line, err.col, err.msg);
	return ret;
}

static int cmdline(const char *text)
{
	int ret = perf_record__parse_cmdline(text, 1, 1, &scn.rec, &err);

	if (ret)
		diag("  %d:%d: %s", err.line, err.col, err.msg);
	return ret;
}

#define BASE "machine juno\nduration 1s\n"
#define SEED000 \
	"perf record -e cs_etm/@tmc_etr0/u -S -- dd if=/dev/zero of=/dev/null"
#define PERF SEED000 "\n"

static void test_units(void)
{
	static const struct {
		const char *s;
		int ret;
		uint64_t v;
	} times[] = {
		{ "0", 0, 0 },
		{ "0ns", 0, 0 },
		{ "100ns", 0, 100 },
		{ "10us", 0, 10000 },
		{ "250ms", 0, 250000000 },
		{ "1.5ms", 0, 1500000 },
		{ "1s", 0, 1000000000 },
		{ "0.5s", 0, 500000000 },
		{ "1.000000001s", 0, 1000000001 },
		{ "2.50000000000s", 0, 2500000000 },
		{ "18446744073709551615ns", 0, UINT64_MAX },
		{ "18446744073s", 0, 18446744073000000000ull },
		{ "18446744073709551616ns", -ERANGE, 0 },
		{ "18446744074s", -ERANGE, 0 },
		{ "1.5ns", -EINVAL, 0 },
		{ "1.0000000001s", -EINVAL, 0 },
		{ "10", -EINVAL, 0 },
		{ "", -EINVAL, 0 },
		{ "1.s", -EINVAL, 0 },
		{ ".5s", -EINVAL, 0 },
		{ "1ms ", -EINVAL, 0 },
		{ "-1ms", -EINVAL, 0 },
		{ "1Ms", -EINVAL, 0 },
	}, sizes[] = {
		{ "4096", 0, 4096 },
		{ "0", 0, 0 },
		{ "1B", 0, 1 },
		{ "128K", 0, 128 << 10 },
		{ "64KiB", 0, 64 << 10 },
		{ "1M", 0, 1 << 20 },
		{ "4MiB", 0, 4 << 20 },
		{ "2G", 0, 2ull << 30 },
		{ "1GiB", 0, 1ull << 30 },
		{ "17179869183G", 0, 17179869183ull << 30 },
		{ "17179869184G", -ERANGE, 0 },
		{ "1.5M", -EINVAL, 0 },
		{ "4m", -EINVAL, 0 },
		{ "1MB", -EINVAL, 0 },
		{ "K", -EINVAL, 0 },
	}, rates[] = {
		{ "10B/s", 0, 10 },
		{ "500KB/s", 0, 500000 },
		{ "100MB/s", 0, 100000000 },
		{ "1GB/s", 0, 1000000000 },
		{ "1.5GB/s", 0, 1500000000 },
		{ "64KiB/s", 0, 64 << 10 },
		{ "64MiB/s", 0, 64 << 20 },
		{ "2GiB/s", 0, 2ull << 30 },
		{ "0.5KiB/s", 0, 512 },
		{ "0B/s", 0, 0 },
		{ "18446744073709551615B/s", 0, UINT64_MAX },
		{ "18446744073709551616B/s", -ERANGE, 0 },
		{ "18446744074GB/s", -ERANGE, 0 },
		{ "0.5B/s", -EINVAL, 0 },
		{ "100", -EINVAL, 0 },
		{ "100MB", -EINVAL, 0 },
		{ "100mb/s", -EINVAL, 0 },
	};
	uint64_t v;

	for (size_t i = 0; i < sizeof(times) / sizeof(times[0]); i++) {
		v = 0;
		is_int(scn__parse_time(times[i].s, strlen(times[i].s), &v),
		       times[i].ret, "time '%s' returns %d", times[i].s,
		       times[i].ret);
		if (!times[i].ret)
			is_u64(v, times[i].v, "time '%s'", times[i].s);
	}
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		v = 0;
		is_int(scn__parse_size(sizes[i].s, strlen(sizes[i].s), &v),
		       sizes[i].ret, "size '%s' returns %d", sizes[i].s,
		       sizes[i].ret);
		if (!sizes[i].ret)
			is_u64(v, sizes[i].v, "size '%s'", sizes[i].s);
	}
	for (size_t i = 0; i < sizeof(rates) / sizeof(rates[0]); i++) {
		v = 0;
		is_int(scn__parse_rate(rates[i].s, strlen(rates[i].s), &v),
		       rates[i].ret, "rate '%s' returns %d", rates[i].s,
		       rates[i].ret);
		if (!rates[i].ret)
			is_u64(v, rates[i].v, "rate '%s'", rates[i].s);
	}
	/* The unit parsers take a length: nothing past it is read. */
	is_int(scn__parse_time("1msXX", 3, &v), 0, "time: length bounds it");
	is_u64(v, 1000000, "time: '1ms' of '1msXX'");
}

static void test_defaults(void)
{
	const struct scn_task *t;

	if (!ok(!parse(BASE PERF), "minimal scenario parses"))
		return;
	is_str(scn.path, "tests/inline.scn", "path kept");
	is_str(scn.name, "inline", "name: basename without .scn");
	is_str(scn.machine, "juno", "machine");
	is_int(scn.nr_cpu_rates, 0, "no cpu rate overrides");
	is_u64(scn.etr_size, 0, "etr-size defaults to the machine's");
	is_int(scn.root, 1, "user defaults to root");
	is_str(scn.kernel, "", "kernel defaults to \"\"");
	is_str(scn.perf, "", "perf variant defaults to \"\"");
	is_int(scn.nr_patches, 0, "no patches");
	is_u64(scn.seed, 1, "seed defaults to 1");
	is_u64(scn.duration_ns, 1000000000, "duration 1s");
	is_u64(scn.copy_rate, 1000000000, "copy-rate defaults to 1GB/s");
	is_int(scn.sched.mode, SCN_SCHED_RANDOM, "sched defaults to random");
	is_u64(scn.sched.slice_min_ns, 4000000, "slice min 4ms");
	is_u64(scn.sched.slice_max_ns, 40000000, "slice max 40ms");
	is_u64(scn.sched.gap_min_ns, 100000, "gap min 100us");
	is_u64(scn.sched.gap_max_ns, 2000000, "gap max 2ms");
	is_int(scn.sched.migrate_permille, 300, "migrate 30%%");
	is_int(scn.nr_slices, 0, "no slices");
	is_int(scn.nr_signals, 0, "no signals");
	is_int(scn.nr_tasks, 1, "implicit task for the workload");
	is_int(scn.traced_task, 0, "it is the traced task");
	t = &scn.tasks[0];
	is_str(t->comm, "dd", "implicit task comm");
	is_int(t->kind, SCN_TASK_CPU_BOUND, "implicit task is cpu-bound");
	is_int(t->cpus_allowed, 0, "implicit task may run anywhere");
	is_int(t->start_cpu, -1, "implicit task: scheduler picks the CPU");
	is_int(t->line, 3, "implicit task: line of perf record");
	is_int(scn.rec.line, 3, "perf record line");
	is_str(scn.rec.cmdline, SEED000, "cmdline as written");
}

static void test_statements(void)
{
	const char *text =
		"# every statement\n"
		"machine juno\n"
		"cpu 1 rate 96MB/s\n"
		"cpu 3 rate 1.5MiB/s   # a comment after a statement\n"
		"etr-size 4MiB\n"
		"user nonroot\n"
		"perf perf-5.13\n"
		"kernel v5.12\n"
		"patch etm-snapshot-rfc\n"
		"seed 18446744073709551615\n"
		"duration 2.5s\n"
		"copy-rate 250MB/s\n"
		"\n"
		"\t perf   record -e cs_etm/@tmc_etr0/u -Se -- dd if=/dev/zero\n"
		"task dd run 1ms sleep 250us cpus 0-1,4 start-cpu 4\n"
		"task bg cpu-bound cpus 5\n"
		"task kw cpu-bound start-cpu 2\n"
		"pin bg 3\n"
		"sched random migrate 2.5% gap 0..1ms slice 1ms..1ms\n"
		"signal USR2 at 0\n"
		"signal SIGUSR2 every 100ms\n"
		"signal USR2 every 1s from 0 until 2s\n"
		"signal USR2 every 1s until 10s from 2s\n";

	if (!ok(!parse(text), "scenario with every statement parses"))
		return;
	is_int(scn.nr_cpu_rates, 2, "two cpu rates");
	is_int(scn.cpu_rates[0].cpu, 1, "cpu 1");
	is_u64(scn.cpu_rates[0].rate, 96000000, "96MB/s");
	is_int(scn.cpu_rates[1].cpu, 3, "cpu 3");
	is_u64(scn.cpu_rates[1].rate, 1572864, "1.5MiB/s");
	is_u64(scn.etr_size, 4 << 20, "etr-size 4MiB");
	is_int(scn.root, 0, "user nonroot");
	is_str(scn.perf, "perf-5.13", "perf variant");
	is_str(scn.kernel, "v5.12", "kernel variant");
	is_int(scn.nr_patches, 1, "one patch");
	is_str(scn.patches[0], "etm-snapshot-rfc", "patch name");
	is_u64(scn.seed, UINT64_MAX, "seed u64 max");
	is_u64(scn.duration_ns, 2500000000ull, "duration 2.5s");
	is_u64(scn.copy_rate, 250000000, "copy-rate");
	is_int(scn.rec.line, 14, "perf record after blank line, indented");
	is_int(scn.rec.snapshot_on_exit, 1, "-Se");
	is_int(scn.rec.events[0].col, 20, "event column counts the indent");

	is_int(scn.nr_tasks, 3, "three tasks, none implicit");
	is_int(scn.traced_task, 0, "dd is traced");
	is_int(scn.tasks[0].kind, SCN_TASK_RUN_SLEEP, "dd run/sleep");
	is_u64(scn.tasks[0].run_ns, 1000000, "run 1ms");
	is_u64(scn.tasks[0].sleep_ns, 250000, "sleep 250us");
	is_int(scn.tasks[0].cpus_allowed, 0x13, "cpus 0-1,4");
	is_int(scn.tasks[0].start_cpu, 4, "start-cpu 4");
	is_int(scn.tasks[0].line, 15, "task line");
	is_int(scn.tasks[1].cpus_allowed, 1 << 3, "pin bg 3: mask");
	is_int(scn.tasks[1].start_cpu, 3, "pin bg 3: start cpu");
	is_int(scn.tasks[2].cpus_allowed, 0, "kw: all CPUs");
	is_int(scn.tasks[2].start_cpu, 2, "kw: start-cpu 2");

	is_int(scn.sched.mode, SCN_SCHED_RANDOM, "sched random");
	is_int(scn.sched.migrate_permille, 25, "migrate 2.5%%");
	is_u64(scn.sched.gap_min_ns, 0, "gap 0..");
	is_u64(scn.sched.gap_max_ns, 1000000, "gap ..1ms");
	is_u64(scn.sched.slice_min_ns, 1000000, "slice 1ms..");
	is_u64(scn.sched.slice_max_ns, 1000000, "slice ..1ms (min == max)");

	is_int(scn.nr_signals, 4, "four signals");
	is_int(scn.signals[0].signo, SCN_SIGUSR2, "USR2");
	is_u64(scn.signals[0].at_ns, 0, "at 0");
	is_u64(scn.signals[0].every_ns, 0, "once");
	is_u64(scn.signals[0].until_ns, UINT64_MAX, "at: until default");
	is_int(scn.signals[1].signo, SCN_SIGUSR2, "SIGUSR2 spelling");
	is_u64(scn.signals[1].at_ns, 100000000, "every: from defaults to T");
	is_u64(scn.signals[1].every_ns, 100000000, "every 100ms");
	is_u64(scn.signals[1].until_ns, UINT64_MAX, "until defaults to max");
	is_u64(scn.signals[2].at_ns, 0, "from 0");
	is_u64(scn.signals[2].until_ns, 2000000000, "until 2s");
	is_u64(scn.signals[3].at_ns, 2000000000ull, "options in any order");
	is_u64(scn.signals[3].until_ns, 10000000000ull, "until 10s");
	is_int(scn.signals[3].line, 23, "signal line");
}

static void test_script(void)
{
	const char *text =
		"machine juno-nohlt-2cpu\n"
		"perf record -e cs_etm// -- ./loop\n"
		"duration 100ms\n"
		"task other cpu-bound cpus 1\n"
		"sched script\n"
		"slice P1 loop cpu0 0..10ms\n"
		"slice O1 other cpu1 0..10ms\n"
		"slice P2 loop cpu1 10ms..20ms\n"
		"slice P3 loop cpu0 20ms..20.5ms\n";

	if (!ok(!parse(text), "scripted schedule parses"))
		return;
	is_int(scn.sched.mode, SCN_SCHED_SCRIPT, "sched script");
	is_int(scn.nr_tasks, 2, "other + implicit loop");
	is_int(scn.traced_task, 1, "loop is traced, added last");
	is_str(scn.tasks[1].comm, "loop", "comm is the basename of ./loop");
	is_int(scn.nr_slices, 4, "four slices");
	is_str(scn.slices[0].label, "P1", "label");
	is_int(scn.slices[0].task, 1, "slice task index (implicit task)");
	is_int(scn.slices[1].task, 0, "slice of the other task");
	is_int(scn.slices[2].cpu, 1, "cpu1");
	is_u64(scn.slices[2].start_ns, 10000000, "start 10ms");
	is_u64(scn.slices[2].end_ns, 20000000, "end 20ms: [start, end)");
	is_u64(scn.slices[3].end_ns, 20500000, "end 20.5ms");
	is_int(scn.slices[3].line, 9, "slice line");
}

static void test_line_endings(void)
{
	const char crlf[] =
		"# CRLF\r\nmachine juno\r\nduration 1s\r\n"
		"perf record -a -e cs_etm// -- dd   # comment\r\n\r\n";
	const char bom[] = "\xef\xbb\xbfmachine juno\nduration 1s\n"
			   "perf record -e cs_etm// -- dd";
	const char hash[] = "machine juno\nduration 1s#not-a-comment\n"
			    "perf record -e cs_etm// -- dd\n";
	const char quoted[] = "machine juno\nduration 1s\n"
			      "perf record -e 'cs_etm/@tmc_etr0/u' -- sh -c 'echo # not a comment' # one\n";

	if (ok(!parse(crlf), "CRLF line endings are accepted")) {
		is_str(scn.rec.workload, "dd", "CRLF: workload without \\r");
		is_int(scn.rec.system_wide, 1, "CRLF: -a");
	}
	if (ok(!parse(bom), "UTF-8 BOM, no final newline")) {
		is_str(scn.rec.workload_comm, "dd", "BOM: workload");
		is_int(scn.rec.events[0].col, 16, "BOM is not a column");
	}
	ok(parse(hash) && strstr(err.msg, "bad time '1s#not-a-comment'"),
	   "'#' inside a word is not a comment");
	if (ok(!parse(quoted), "quotes protect '#' on the perf line")) {
		is_str(scn.rec.workload, "sh -c 'echo # not a comment'",
		       "workload as written");
		is_str(scn.rec.workload_comm, "sh", "comm sh");
		is_str(scn.rec.events[0].text, "cs_etm/@tmc_etr0/u",
		       "event text unquoted");
		is_int(scn.rec.events[0].col, 17, "event column after quote");
	}
	/* The text is a byte buffer: what follows len is not read. */
	is_int(scenario__parse("x.scn", BASE PERF "seed 99\n",
			       strlen(BASE PERF), &scn, &err),
	       0, "len bounds the input");
	is_u64(scn.seed, 1, "the seed line past len was not read");
	is_str(scn.name, "x", "name of a path without directory");
}

static void test_cmdline(void)
{
	struct scn_record *r = &scn.rec;

	if (ok(!cmdline(SEED000), "seed 000's command line")) {
		is_int(r->nr_events, 1, "one event");
		is_int(r->snapshot, 1, "-S");
		is_int(r->snapshot_on_exit, 0, "no e");
		is_u64(r->snapshot_size, 0, "default size");
		is_u64(r->mmap_pages, 0, "default mmap pages");
		is_u64(r->aux_pages, 0, "default aux pages");
		is_str(r->workload, "dd if=/dev/zero of=/dev/null",
		       "workload after --");
		is_str(r->workload_comm, "dd", "comm");
		is_int(r->line, 1, "line");
	}
	if (ok(!cmdline("perf record -Se -e cs_etm// ls"), "-Se"))
		ok(r->snapshot && r->snapshot_on_exit && !r->snapshot_size,
		   "-Se: on exit, default size");
	if (ok(!cmdline("perf record -S4194304 -e cs_etm// ls"), "-S4194304"))
		is_u64(r->snapshot_size, 4194304, "decimal size");
	if (ok(!cmdline("perf record -Se0x400000 -e cs_etm// ls"),
	       "-Se0x400000")) {
		is_u64(r->snapshot_size, 0x400000, "hex size");
		is_int(r->snapshot_on_exit, 1, "on exit");
	}
	if (ok(!cmdline("perf record -S010 ls"), "-S010"))
		is_u64(r->snapshot_size, 8, "octal, as strtoull base 0");
	if (ok(!cmdline("perf record --snapshot ls"), "--snapshot"))
		ok(r->snapshot && !r->snapshot_on_exit, "--snapshot alone");
	if (ok(!cmdline("perf record --snapshot=e1048576 ls"),
	       "--snapshot=e1048576")) {
		is_u64(r->snapshot_size, 1048576, "size");
		is_int(r->snapshot_on_exit, 1, "on exit");
	}
	if (ok(!cmdline("perf record --snapshot e ls"),
	       "--snapshot takes no separate argument"))
		is_str(r->workload, "e ls", "'e' is the workload");
	if (ok(!cmdline("perf record -Se4096 -S ls"), "last -S wins"))
		ok(r->snapshot && !r->snapshot_on_exit && !r->snapshot_size,
		   "second -S resets e and size");
	if (ok(!cmdline("perf record -aS"), "bundled -aS, no workload"))
		ok(r->system_wide && r->snapshot && !r->workload[0],
		   "-a and -S set, no workload");
	if (ok(!cmdline("perf record -ae cs_etm// -- ls"),
	       "bundle ending with -e, value in the next word"))
		ok(r->system_wide && r->nr_events == 1, "-a and the event");
	if (ok(!cmdline("perf record -aecs_etm//k ls"),
	       "bundle with an attached -e value"))
		ok(r->system_wide && r->events[0].exclude_user,
		   "-a and cs_etm//k");
	if (ok(!cmdline("perf record --event=cs_etm// --event cycles "
			"-ecycles:u ls"),
	       "--event=EV, --event EV, -eEV")) {
		is_int(r->nr_events, 3, "three events");
		is_int(r->events[0].col, 21, "--event= column");
		is_int(r->events[1].col, 38, "--event column");
		is_int(r->events[2].col, 47, "-eEV column");
	}
	if (ok(!cmdline("perf record -m 16,128 ls"), "-m 16,128")) {
		is_u64(r->mmap_pages, 16, "data pages");
		is_u64(r->aux_pages, 128, "aux pages");
	}
	if (ok(!cmdline("perf record -m ,128 ls"), "-m ,128")) {
		is_u64(r->mmap_pages, 0, "data pages default");
		is_u64(r->aux_pages, 128, "aux pages");
	}
	if (ok(!cmdline("perf record --mmap-pages=4K,1M ls"),
	       "--mmap-pages=4K,1M"))
		ok(r->mmap_pages == 1 && r->aux_pages == 256,
		   "sizes converted to 4096-byte pages");
	if (ok(!cmdline("perf record -m5000B,3 ls"), "-m5000B,3"))
		ok(r->mmap_pages == 2 && r->aux_pages == 3,
		   "5000B rounds up to 2 pages; counts kept raw");
	if (ok(!cmdline("perf record -m 1G ls"), "-m 1G"))
		is_u64(r->mmap_pages, 262144, "1G = 262144 pages");
	if (ok(!cmdline("perf record --per-thread -o perf.data -q -vv "
			"--output=x --quiet --verbose ls"),
	       "--per-thread, -o, -q, -v accepted"))
		ok(r->per_thread && !r->system_wide, "per-thread");
	if (ok(!cmdline("perf record --all-cpus"), "--all-cpus"))
		is_int(r->system_wide, 1, "system wide");
	if (ok(!cmdline("perf\trecord\t-e\tcs_etm//\t--\t"
			"/usr/local/bin/a-very-long-name-indeed -x"),
	       "tabs, long path")) {
		is_str(r->workload_comm, "a-very-long-nam",
		       "comm: basename, 15 bytes");
		is_int((int)strlen(r->workload_comm), 15, "TASK_COMM_LEN - 1");
	}
	if (ok(!cmdline("perf record -e cs_etm// ls -e x"),
	       "options stop at the first non-option"))
		ok(r->nr_events == 1 && !strcmp(r->workload, "ls -e x"),
		   "the rest is the workload");
	if (ok(!cmdline("perf record -- -weird"), "-- then a dash word"))
		is_str(r->workload_comm, "-weird", "comm -weird");
	if (ok(!cmdline("perf record - "), "a lone - is a non-option"))
		is_str(r->workload, "-", "workload '-'");
	if (ok(!cmdline("perf record -e \"cs_etm/\"@tmc_etr0/ 'l's"),
	       "quotes in the middle of words")) {
		is_str(r->events[0].sink, "tmc_etr0", "sink");
		is_str(r->workload_comm, "ls", "comm unquoted");
	}
}

static void test_events(void)
{
	struct scn_record *r = &scn.rec;
	const struct scn_event *e;

	memset(r, 0, sizeof(*r));
	if (ok(!events(r, "cs_etm/@tmc_etr0,timestamp=0,cycacc,preset=15,"
			  "sinkid=0xffffffff,cc_threshold=4095/"),
	       "cs_etm with sink and terms")) {
		e = &r->events[0];
		is_str(e->pmu, "cs_etm", "pmu");
		is_str(e->sink, "tmc_etr0", "sink without @");
		is_int(e->nr_terms, 5, "five terms (sink is not one)");
		is_str(e->terms[0].name, "timestamp", "term name");
		is_str(e->terms[0].val, "0", "term value");
		is_str(e->terms[1].val, "1", "bare term is 1");
		is_str(e->terms[3].val, "0xffffffff", "hex value kept");
		ok(!e->exclude_user && !e->exclude_kernel,
		   "no modifier: nothing excluded");
		is_int(e->group, -1, "not in a group");
		is_int(e->group_leader, 0, "not a leader");
		is_int(e->col, 1, "column");
	}
	memset(r, 0, sizeof(*r));
	if (ok(!parse_events(r, "cs_etm//u,cs_etm//k,cs_etm//uk,cycles:h,"
			     "instructions:ppp,branch-misses:uppp,cpu-cycles",
			     1, 10, &err),
	       "modifiers")) {
		e = r->events;
		ok(e[0].exclude_kernel && !e[0].exclude_user,
		   "u excludes kernel");
		ok(e[1].exclude_user && !e[1].exclude_kernel,
		   "k excludes user");
		ok(!e[2].exclude_user && !e[2].exclude_kernel, "uk: neither");
		ok(e[3].exclude_user && e[3].exclude_kernel && !e[3].exclude_hv,
		   "h: user and kernel excluded");
		ok(!e[4].exclude_user && !e[4].exclude_kernel,
		   "ppp: no exclusion");
		ok(e[5].exclude_kernel && !e[5].exclude_user, "uppp");
		is_str(e[6].pmu, "cpu-cycles", "legacy name with a dash");
		is_int(e[1].col, 20, "second event column");
		is_str(e[1].text, "cs_etm//k", "text of one event of a list");
	}
	memset(r, 0, sizeof(*r));
	if (ok(!events(r, "{cs_etm/@tmc_etr0/k,"
			  "cycles/period=3000,aux-action=pause/}:u,"
			  "{instructions,cycles}"),
	       "groups with group modifiers")) {
		e = r->events;
		is_int(r->nr_events, 4, "four events");
		ok(e[0].group == 0 && e[0].group_leader, "leader of group 0");
		ok(e[1].group == 0 && !e[1].group_leader, "member of group 0");
		ok(e[2].group == 1 && e[2].group_leader, "leader of group 1");
		ok(e[3].group == 1 && !e[3].group_leader, "member of group 1");
		ok(!e[0].exclude_user && !e[0].exclude_kernel,
		   "member k + group u: both levels (perf's rule)");
		ok(e[1].exclude_kernel && !e[1].exclude_user,
		   "member without modifier + group u");
		is_str(e[1].terms[1].name, "aux-action", "aux-action term");
		is_str(e[1].terms[1].val, "pause", "aux-action value");
		is_str(e[0].text, "cs_etm/@tmc_etr0/k", "member text");
		is_int(e[1].col, 21, "member column");
	}
	/* A second -e continues the group numbering. */
	if (ok(!events(r, "{arm_spe_0/ts_enable=1,min_latency=20/,cycles}"),
	       "second call"))
		is_int(r->events[4].group, 2, "group index continues");
	memset(r, 0, sizeof(*r));
	ok(!events(r, "arm_spe/event_filter=0xffffffffffffffff,jitter,"
		      "load_filter=1/"),
	   "arm_spe terms");
	ok(!events(r, "intel_pt/cyc,mtc_period=3,whatever=yes/u"),
	   "intel_pt accepts any term");
	ok(!events(r, "cycles/name=my-ev,call-graph=dwarf,stack-size=8192,"
		      "no-inherit,aux-output,aux-sample-size=4096/"),
	   "generic terms");
	ok(!events(r, "cs_etm/aux-action=start-paused/"),
	   "start-paused on the AUX event");
	memset(r, 0, sizeof(*r));
	ok(!parse_events(r, "cs_etm", 1, 1, &err) && r->nr_events == 1,
	   "bare PMU name");
	ok(parse_events(r, "cycles,bogus", 1, 1, &err) && r->nr_events == 1,
	   "a failed call adds no event");
}

static void test_files(void)
{
	static const char *const files[] = {
		"snapshot-minimal.scn",
		"snapshot-usr2.scn",
		"scripted-2cpu.scn",
	};
	char path[512];

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		int ret;

		snprintf(path, sizeof(path), "%s/tests/scenarios/%s", top(),
			 files[i]);
		ret = scenario__load(path, &scn, &err);
		if (!ok(!ret, "load %s", files[i]))
			diag("  %s:%d:%d: %s", path, err.line, err.col,
			     err.msg);
	}
	if (!scenario__load(path, &scn, &err)) {
		is_str(scn.name, "scripted-2cpu", "name from the path");
		is_int(scn.nr_slices, 4, "scripted-2cpu: 4 slices");
	}
	snprintf(path, sizeof(path), "%s/tests/scenarios/snapshot-usr2.scn",
		 top());
	if (!scenario__load(path, &scn, &err)) {
		is_int(scn.nr_signals, 2, "snapshot-usr2: 2 signals");
		is_int(scn.tasks[1].start_cpu, 3, "snapshot-usr2: pinned");
	}
	is_int(scenario__load("/nonexistent/x.scn", &scn, &err), -ENOENT,
	       "missing file: -ENOENT");
	ok(err.line == 0 && strstr(err.msg, "No such file"),
	   "missing file: line 0, strerror text");
	snprintf(path, sizeof(path), "%s/tests", top());
	is_int(scenario__load(path, &scn, &err), -EISDIR, "directory: -EISDIR");
}

/* seed 001: pmi, overflows, ticks, aux-mmap, max-sample-rate, `at` lines
 * and the sched:sched_switch tracepoint */
static void test_seed001(void)
{
	const char *text =
		"machine n1sdp\n"
		"pmi nmi\n"
		"overflows script\n"
		"ticks script\n"
		"aux-mmap off\n"
		"max-sample-rate 10000000\n"
		"perf record -a -e cs_etm/aux-action=start-paused/k"
		" -e sched:sched_switch/aux-action=resume/"
		" -e cycles/aux-action=pause,period=3000/ -- sleep 1\n"
		"kernel v7.1\n"
		"patch aux-pause-throttle-v1\n"
		"perf perf-7.1\n"
		"duration 10ms\n"
		"at 0 tick cpu0\n"
		"at 1ms overflow cpu1 e2 x399\n"
		"at 1ms overflow cpu3 e2\n"
		"at 1500us nmi cpu1 e2 in perf_event_aux_pause\n"
		"at 2ms nmi cpu2 e1 in perf_event_throttle_group\n"
		"at 2ms nmi cpu2 e0 in perf_event_unthrottle_group\n"
		"at 3ms ioctl disable e0\n"
		"at 4ms ioctl enable e1   # a comment\n"
		"at 4ms\ttick   cpu3\n"
		"at 5ms overflow cpu0 e2 x1000000\n";
	static const char *const files[] = {
		"s001-throttle-pause.scn", "s001-claim-a.scn",
		"s001-claim-b.scn",	   "s001-claim-c.scn",
		"s001-claim-d.scn",	   "s001-claim-e.scn",
	};
	struct scn_record *r = &scn.rec;
	const struct scn_action *a = scn.actions;
	const struct scn_event *e;
	char path[512];

	if (ok(!parse(BASE PERF), "seed 001: defaults parse")) {
		ok(!scn.pmi_set && !scn.pmi_nmi,
		   "no pmi line: the machine's PMI kind");
		is_int(scn.overflows_script, 0, "overflows free by default");
		is_int(scn.ticks_script, 0, "ticks periodic by default");
		is_int(scn.no_aux_mmap, 0, "the AUX area is mapped by default");
		is_int(scn.max_sample_rate, 0, "max-sample-rate 0: default");
		is_int(scn.nr_actions, 0, "no 'at' lines");
	}
	if (!ok(!parse(text), "seed 001: every new statement parses"))
		return;
	ok(scn.pmi_set && scn.pmi_nmi, "pmi nmi");
	is_int(scn.overflows_script, 1, "overflows script");
	is_int(scn.ticks_script, 1, "ticks script");
	is_int(scn.no_aux_mmap, 1, "aux-mmap off");
	is_int(scn.max_sample_rate, 10000000, "max-sample-rate 10000000");
	is_int(r->nr_events, 3, "three -e events");
	is_str(r->events[1].pmu, "sched:sched_switch", "e1: the tracepoint");
	is_str(r->events[1].terms[0].val, "resume", "e1: aux-action=resume");

	is_int(scn.nr_actions, 10, "ten 'at' lines");
	ok(a[0].kind == SCN_ACT_TICK && a[0].at_ns == 0 && a[0].cpu == 0 &&
		   a[0].event == -1 && a[0].line == 12,
	   "at 0 tick cpu0: a tick, no event, line 12");
	ok(a[1].kind == SCN_ACT_OVERFLOW && a[1].at_ns == 1000000 &&
		   a[1].cpu == 1 && a[1].event == 2 && a[1].count == 399,
	   "overflow cpu1 e2 x399");
	is_int(a[1].col, 22, "the action keeps the column of eK");
	ok(a[2].at_ns == 1000000 && a[2].cpu == 3 && a[2].count == 1,
	   "same time as the previous line; no xN: count 1");
	ok(a[3].kind == SCN_ACT_NMI && a[3].at_ns == 1500000 &&
		   a[3].cpu == 1 && a[3].event == 2 &&
		   a[3].point == SCN_IP_AUX_PAUSE && a[3].count == 1,
	   "nmi cpu1 e2 in perf_event_aux_pause");
	is_int(a[4].point, SCN_IP_THROTTLE_GROUP,
	       "in perf_event_throttle_group");
	is_int(a[5].point, SCN_IP_UNTHROTTLE_GROUP,
	       "in perf_event_unthrottle_group");
	ok(a[6].kind == SCN_ACT_IOCTL_DISABLE && a[6].cpu == -1 &&
		   a[6].event == 0,
	   "ioctl disable e0: no CPU");
	ok(a[7].kind == SCN_ACT_IOCTL_ENABLE && a[7].event == 1,
	   "ioctl enable e1, a comment after it");
	ok(a[8].kind == SCN_ACT_TICK && a[8].cpu == 3 && a[8].line == 20,
	   "tabs and blanks between the words");
	is_int(a[9].count, 1000000, "x1000000 is the largest count");

	ok(!parse(BASE PERF "pmi irq\noverflows free\nticks periodic\n"
			    "aux-mmap on\nmax-sample-rate 1\n") &&
		   scn.pmi_set && !scn.pmi_nmi && !scn.overflows_script &&
		   !scn.ticks_script && !scn.no_aux_mmap &&
		   scn.max_sample_rate == 1,
	   "the other choices: pmi irq, free, periodic, on, rate 1");
	ok(!parse(BASE "perf record -e cs_etm// -e cycles/period=1/ -- dd\n"
		       "at 1ms overflow cpu5 e1\nat 1ms ioctl enable e0\n") &&
		   scn.nr_actions == 2 && scn.actions[0].cpu == 5 &&
		   scn.actions[0].event == 1,
	   "eK up to the last event, cpuN up to the machine's last CPU");

	memset(r, 0, sizeof(*r));
	if (ok(!events(r, "sched:sched_switch"), "a bare tracepoint")) {
		e = &r->events[0];
		is_str(e->pmu, "sched:sched_switch", "pmu is SYSTEM:EVENT");
		is_str(e->text, "sched:sched_switch", "text");
		is_int(e->nr_terms, 0, "no terms");
	}
	memset(r, 0, sizeof(*r));
	if (ok(!events(r, "sched:sched_switch/aux-action=resume,period=1/u"),
	       "a tracepoint with generic terms and a modifier")) {
		e = &r->events[0];
		is_int(e->nr_terms, 2, "two terms");
		is_str(e->terms[0].name, "aux-action", "aux-action term");
		ok(e->exclude_kernel && !e->exclude_user, "'u': user only");
	}
	memset(r, 0, sizeof(*r));
	ok(!events(r, "sched:sched_switch:k") && r->events[0].exclude_user &&
		   !r->events[0].exclude_kernel,
	   "SYSTEM:EVENT:mods");
	memset(r, 0, sizeof(*r));
	if (ok(!events(r, "{cs_etm//,sched:sched_switch/aux-action=resume/}"),
	       "a tracepoint in a group")) {
		is_int(r->nr_events, 2, "two events");
		ok(r->events[1].group == 0 && !r->events[1].group_leader,
		   "the tracepoint is a member of group 0");
		is_int(r->events[1].col, 11, "its column");
	}

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		int ret;

		snprintf(path, sizeof(path), "%s/scenarios/%s", top(),
			 files[i]);
		ret = scenario__load(path, &scn, &err);
		if (!ok(!ret, "load scenarios/%s", files[i]))
			diag("  %s:%d:%d: %s", path, err.line, err.col,
			     err.msg);
	}
	if (!scenario__load(path, &scn, &err))
		ok(scn.nr_actions == 1 && scn.actions[0].count == 400 &&
			   scn.overflows_script,
		   "s001-claim-e: one scripted overflow x400");
}

/* perf_record__check(): the events against the machine and the perf */
static void test_record_check(void)
{
	const struct perf_variant *p61 = variant__find_perf("perf-6.1");
	const struct perf_variant *p71 = variant__find_perf("perf-7.1");

	ok(!parse("machine n1sdp\nduration 1s\n"
		  "perf record -e arm_spe// -- dd\n"),
	   "arm_spe on n1sdp (arm_spe_0 by perf's wildcard)");
	ok(parse(BASE "perf record -e arm_spe_0// -- dd\n") == -EINVAL &&
		   err.line == 3 && err.col == 16 &&
		   strstr(err.msg, "Cannot find PMU `arm_spe_0'"),
	   "arm_spe_0 on juno: Cannot find PMU, at the event");
	ok(!parse(BASE "perf perf-7.1\nkernel v7.1\nperf record -a -e "
		       "cs_etm/aux-action=start-paused/ -e "
		       "cycles/aux-action=pause,period=10/ -- sleep 1\n"),
	   "aux-action with perf-7.1");
	ok(!parse(BASE "perf record -S -e cycles/period=1000/ -- dd\n"),
	   "-S without an AUX event: left to the modelled perf record");
	ok(!parse(BASE "perf record -e cs_etm// -e cycles/period=1000/ -e "
		       "cpu-cycles/period=1000/ -e sched:sched_switch -- dd\n"),
	   "cycles, cpu-cycles and sched:sched_switch beside cs_etm");

	/* the same line, checked again with another perf (run --perf) */
	if (ok(!parse(BASE "perf perf-7.1\nperf record -e "
			   "'cs_etm/timestamp,aux-action=start-paused/' "
			   "-- dd\n"),
	       "a perf-7.1 scenario with aux-action")) {
		const struct machine *mc = machine__find("juno");

		is_int(scn.rec.events[0].terms[1].col, 34,
		       "the term's column, through the quote");
		is_int(perf_record__check(&scn.rec, mc, p71, "from --perf",
					  &err),
		       0, "  perf-7.1 parses it");
		ok(perf_record__check(&scn.rec, mc, p61, "from --perf", &err) ==
				   -EINVAL &&
			   err.line == 4 && err.col == 34 &&
			   strstr(err.msg, "(perf-6.1, from --perf, has no "),
		   "  perf-6.1 refuses the term, at its column");
	}
}

int main(void)
{
	test_units();
	test_defaults();
	test_statements();
	test_script();
	test_line_endings();
	test_cmdline();
	test_events();
	test_files();
	test_seed001();
	test_record_check();
	return done_testing();
}
