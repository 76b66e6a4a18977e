// SPDX-License-Identifier: GPL-2.0
/*
 * scenario-time.c - the checks of a parsed scenario that are about time
 * (scenario.h): scripted slices put in start order and checked for
 * overlaps, the statements that a run's end comes before, and how many
 * snapshots the signal lines ask for (run-limits.h).
 *
 * The parser calls them after the last line, with the scenario's own
 * duration: every problem is an error at its line and column.  A run whose
 * --duration differs calls scenario__check_duration() again: a statement
 * that the shorter run no longer reaches is then a warning, not an error,
 * since the scenario itself is fine.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "scenario/scenario.h"

void scn__format_time(char *buf, size_t size, uint64_t ns)
{
	static const struct {
		const char *name;
		uint64_t mult;
	} units[] = {
		{"s", AUXSIM_NSEC_PER_SEC},
		{"ms", 1000000},
		{"us", 1000},
		{"ns", 1},
	};
	size_t u = 0;
	uint64_t frac;
	int digits = 0;

	if (!ns) {
		snprintf(buf, size, "0");
		return;
	}
	while (u < 3 && ns < units[u].mult)
		u++;
	frac = ns % units[u].mult;
	for (uint64_t m = units[u].mult; m > 1; m /= 10)
		digits++;
	while (frac && frac % 10 == 0) {
		frac /= 10;
		digits--;
	}
	if (frac)
		snprintf(buf, size, "%" PRIu64 ".%0*" PRIu64 "%s",
			 ns / units[u].mult, digits, frac, units[u].name);
	else
		snprintf(buf, size, "%" PRIu64 "%s", ns / units[u].mult,
			 units[u].name);
}

static bool overlap(const struct scn_slice *a, const struct scn_slice *b)
{
	return a->start_ns < b->end_ns && b->start_ns < a->end_ns;
}

/* the first slice before @j that overlaps it and shares its task (or,
 * with @cpu, its CPU); -1 */
static int first_clash(const struct auxsim_scenario *scn, int j, bool cpu)
{
	const struct scn_slice *b = &scn->slices[j];

	for (int i = 0; i < j; i++) {
		const struct scn_slice *a = &scn->slices[i];

		if (overlap(a, b) &&
		    (cpu ? a->cpu == b->cpu : a->task == b->task))
			return i;
	}
	return -1;
}

int scenario__order_slices(struct auxsim_scenario *scn, struct scn_error *err)
{
	for (int j = 1; j < scn->nr_slices; j++) {
		const struct scn_slice *b = &scn->slices[j], *a;
		int i = first_clash(scn, j, false);

		if (i >= 0) {
			a = &scn->slices[i];
			return scn__errorf(
				err, -EINVAL, b->line, b->col,
				"slice %s of '%s' %s slice %s (line "
				"%d) %s (a task runs in one slice "
				"at a time)",
				b->label, scn->tasks[b->task].comm,
				b->start_ns >= a->start_ns ? "starts before"
							   : "ends after",
				a->label, a->line,
				b->start_ns >= a->start_ns ? "ends" : "starts");
		}
		i = first_clash(scn, j, true);
		if (i >= 0) {
			a = &scn->slices[i];
			return scn__errorf(err, -EINVAL, b->line, b->col,
					   "slice %s overlaps slice %s (line "
					   "%d) on cpu%d",
					   b->label, a->label, a->line, b->cpu);
		}
	}
	/* insertion sort: stable, and at most SCN_MAX_SLICES of them */
	for (int j = 1; j < scn->nr_slices; j++) {
		struct scn_slice key = scn->slices[j];
		int i = j - 1;

		while (i >= 0 && scn->slices[i].start_ns > key.start_ns) {
			scn->slices[i + 1] = scn->slices[i];
			i--;
		}
		scn->slices[i + 1] = key;
	}
	return 0;
}

uint64_t scn_signal__deliveries(const struct scn_signal *sg,
				uint64_t duration_ns)
{
	uint64_t last;

	if (sg->at_ns >= duration_ns)
		return 0;
	if (!sg->every_ns)
		return 1;
	last = sg->until_ns < duration_ns - 1 ? sg->until_ns : duration_ns - 1;
	if (last < sg->at_ns)
		return 1;
	return (last - sg->at_ns) / sg->every_ns + 1;
}

uint64_t scenario__end(const struct auxsim_scenario *scn, uint64_t duration_ns)
{
	uint64_t exit_ns = scn->traced_task >= 0
				   ? scn->tasks[scn->traced_task].exit_ns
				   : 0;

	return exit_ns && exit_ns < duration_ns ? exit_ns : duration_ns;
}

#define LATE_WARNINGS 5 /* then one line for the rest */

/*
 * A statement at @t that a run of @duration_ns, ending at @end_ns, does
 * not reach; @nr_late counts the warnings.  The end is the duration, or
 * the workload's exit (@exit_line) when that comes first.
 */
static int late(const char *what, int line, int col, uint64_t t,
		uint64_t duration_ns, uint64_t end_ns, int exit_line,
		const char *flag, FILE *warn, const char *path, int *nr_late,
		struct scn_error *err)
{
	char ts[32], ds[32];

	scn__format_time(ts, sizeof(ts), t);
	scn__format_time(ds, sizeof(ds), end_ns);
	if (!flag && end_ns < duration_ns)
		return scn__errorf(err, -EINVAL, line, col,
				   "%s at %s is %s the workload's exit at %s "
				   "(line %d): the run has ended by then",
				   what, ts, t > end_ns ? "after" : "at", ds,
				   exit_line);
	if (!flag)
		return scn__errorf(err, -EINVAL, line, col,
				   "%s at %s is %s the run's duration %s: "
				   "the run has ended by then",
				   what, ts, t > duration_ns ? "after" : "at",
				   ds);
	scn__format_time(ds, sizeof(ds), duration_ns);
	if (warn && ++*nr_late <= LATE_WARNINGS)
		fprintf(warn,
			"auxsim: %s %s: %s:%d:%d: %s at %s is %s the end of "
			"the run; it does not happen\n",
			flag, ds, path, line, col, what, ts,
			t > end_ns ? "after" : "at");
	return 0;
}

int scenario__check_duration(const struct auxsim_scenario *scn,
			     uint64_t duration_ns, const char *flag, FILE *warn,
			     struct scn_error *err)
{
	uint64_t total = 0, end = scenario__end(scn, duration_ns);
	const struct scn_task *wl =
		scn->traced_task >= 0 ? &scn->tasks[scn->traced_task] : NULL;
	int exit_line = wl ? wl->line : 0;
	char ds[32];
	int ret, nr_late = 0;

	scn__format_time(ds, sizeof(ds), duration_ns);
	if (flag && duration_ns > AUXSIM_MAX_DURATION_NS)
		return scn__errorf(
			err, -E2BIG, 0, 0,
			"%s %s: longer than the longest run, %llus "
			"(docs/scenario-format.md, Limits)",
			flag, ds, AUXSIM_MAX_DURATION_NS / AUXSIM_NSEC_PER_SEC);
	if (flag && warn && end < duration_ns) {
		char es[32];

		scn__format_time(es, sizeof(es), end);
		fprintf(warn,
			"auxsim: %s %s: %s:%d:%d: the workload '%s' exits at "
			"%s; perf record's session ends there\n",
			flag, ds, scn->path, exit_line, wl->exit_col, wl->comm,
			es);
	}
	for (int i = 0; i < scn->nr_signals; i++) {
		const struct scn_signal *sg = &scn->signals[i];
		uint64_t n = scn_signal__deliveries(sg, end);

		if (!n) {
			ret = late(sg->every_ns ? "the first signal USR2"
						: "signal USR2",
				   sg->line, sg->col, sg->at_ns, duration_ns,
				   end, exit_line, flag, warn, scn->path,
				   &nr_late, err);
			if (ret)
				return ret;
			continue;
		}
		total += n;
		if (total <= AUXSIM_MAX_SNAPSHOTS)
			continue;
		if (flag) /* the whole sum, below */
			continue;
		if (total == n)
			return scn__errorf(
				err, -E2BIG, sg->line,
				sg->every_col ? sg->every_col : sg->col,
				"%" PRIu64 " SIGUSR2 in the run's "
				"duration %s; a run takes at most %d "
				"snapshots (Limits)",
				n, ds, AUXSIM_MAX_SNAPSHOTS);
		return scn__errorf(err, -E2BIG, sg->line,
				   sg->every_col ? sg->every_col : sg->col,
				   "%" PRIu64
				   " SIGUSR2 in the run's duration %s, "
				   "%" PRIu64 " with the lines before; a run "
				   "takes at most %d snapshots (Limits)",
				   n, ds, total, AUXSIM_MAX_SNAPSHOTS);
	}
	if (total > AUXSIM_MAX_SNAPSHOTS)
		return scn__errorf(err, -E2BIG, 0, 0,
				   "%s %s: the signal lines send %" PRIu64
				   " SIGUSR2; a run takes at most %d snapshots "
				   "(docs/scenario-format.md, Limits)",
				   flag, ds, total, AUXSIM_MAX_SNAPSHOTS);
	for (int i = 0; i < scn->nr_slices; i++) {
		const struct scn_slice *sl = &scn->slices[i];
		char what[64];

		if (sl->start_ns < end)
			continue;
		snprintf(what, sizeof(what), "slice %s", sl->label);
		ret = late(what, sl->line, sl->col, sl->start_ns, duration_ns,
			   end, exit_line, flag, warn, scn->path, &nr_late,
			   err);
		if (ret)
			return ret;
	}
	for (int i = 0; i < scn->nr_actions; i++) {
		const struct scn_action *a = &scn->actions[i];

		if (a->at_ns < end)
			continue;
		ret = late("the 'at' action", a->line, a->time_col, a->at_ns,
			   duration_ns, end, exit_line, flag, warn, scn->path,
			   &nr_late, err);
		if (ret)
			return ret;
	}
	if (warn && nr_late > LATE_WARNINGS)
		fprintf(warn,
			"auxsim: %s %s: and %d more statements after the "
			"end of the run\n",
			flag, ds, nr_late - LATE_WARNINGS);
	return 0;
}
