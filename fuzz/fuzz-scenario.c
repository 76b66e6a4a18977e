// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz-scenario.c - libFuzzer target for the scenario parser.
 *
 *	make fuzz FUZZ_SECONDS=120
 *
 * The input bytes are the scenario file, as is: scenario__parse() must
 * never read outside them (they are not NUL-terminated), never allocate,
 * and either succeed with the invariants of scenario.h or fail with a
 * position and a message.  The input size also picks a path, so that the
 * name derivation is fuzzed too.
 *
 * The same bytes, cut at the first NUL, then go straight to the perf record
 * command line parser and to the event parser, which take C strings.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/machine.h"
#include "scenario/scenario.h"
#include "model/variant.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct auxsim_scenario scn;

static void check(bool cond)
{
	if (!cond)
		abort();
}

static void check_ok(void)
{
	const struct machine *mc = machine__find(scn.machine);
	int traced = 0;

	check(mc != NULL);
	check(scn.duration_ns > 0);
	check(scn.rec.workload_comm[0] != '\0');
	check(!scn.kernel[0] || variant__find_kernel(scn.kernel));
	check(!scn.perf[0] || variant__find_perf(scn.perf));
	for (int i = 0; i < scn.nr_patches; i++)
		check(variant__find_patch(scn.patches[i]) != NULL);
	for (int i = 0; i < scn.nr_tasks; i++)
		traced += !strcmp(scn.tasks[i].comm, scn.rec.workload_comm);
	check(traced == 1);
	check(scn.traced_task >= 0 && scn.traced_task < scn.nr_tasks);
	check(!strcmp(scn.tasks[scn.traced_task].comm,
		      scn.rec.workload_comm));
	for (int i = 0; i < scn.nr_slices; i++) {
		const struct scn_slice *s = &scn.slices[i];

		check(s->task >= 0 && s->task < scn.nr_tasks);
		check(s->cpu >= 0 && s->cpu < mc->nr_cpus);
		check(s->start_ns < s->end_ns);
		for (int j = 0; j < i; j++)
			if (scn.slices[j].task == s->task)
				check(scn.slices[j].end_ns <= s->start_ns);
	}
	check(scn.nr_slices == 0 || scn.sched.mode == SCN_SCHED_SCRIPT);
	check(scn.sched.slice_min_ns <= scn.sched.slice_max_ns);
	check(scn.sched.gap_min_ns <= scn.sched.gap_max_ns);
	check(scn.sched.migrate_permille <= 1000);
	for (int i = 0; i < scn.nr_cpu_rates; i++)
		check(scn.cpu_rates[i].cpu < mc->nr_cpus);
	for (int i = 0; i < scn.rec.nr_events; i++)
		check(memchr(scn.rec.events[i].text, 0,
			     sizeof(scn.rec.events[i].text)) != NULL);
}

static void check_error(int ret, const struct scn_error *err)
{
	size_t n = strnlen(err->msg, sizeof(err->msg));

	check(ret == -EINVAL || ret == -E2BIG);
	check(n > 0 && n < sizeof(err->msg));
	check(err->line >= 1 && err->col >= 1);
	for (size_t i = 0; i < n; i++)
		check((unsigned char)err->msg[i] >= 0x20);
}

static void fuzz_strings(const uint8_t *data, size_t size)
{
	static char str[8192 + 1];
	struct scn_error err;
	size_t n = size < sizeof(str) - 1 ? size : sizeof(str) - 1;
	int ret;

	memcpy(str, data, n);
	str[n] = '\0';
	ret = perf_record__parse_cmdline(str, 7, 3, &scn.rec, &err);
	if (ret) {
		check_error(ret, &err);
	} else {
		check(scn.rec.workload[0] || scn.rec.system_wide);
		check(!(scn.rec.system_wide && scn.rec.per_thread));
	}
	memset(&scn.rec, 0, sizeof(scn.rec));
	ret = parse_events(&scn.rec, str, 7, 3, &err);
	if (ret) {
		check_error(ret, &err);
		check(scn.rec.nr_events == 0);
	} else {
		check(scn.rec.nr_events > 0 &&
		      scn.rec.nr_events <= SCN_MAX_EVENTS);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const paths[] = {
		"fuzz.scn", "dir/x.scn", ".scn", "", "a/b/", "noext",
		"/abs/path/to/s1234-snapshot.scn", "x.scn.scn",
	};
	struct scn_error err;
	int ret;

	ret = scenario__parse(paths[size % 8], (const char *)data, size, &scn,
			      &err);
	if (ret)
		check_error(ret, &err);
	else
		check_ok();
	fuzz_strings(data, size);
	return 0;
}
