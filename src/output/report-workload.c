// SPDX-License-Identifier: GPL-2.0
/*
 * report-workload.c - how the run ended against perf record's workload.
 * perf record forks the workload and its session ends when the child
 * exits (SIGCHLD: done, then the exit path of __cmd_record()).  The model
 * ends the run at the scenario's duration, or earlier at the workload's
 * `exit T`; it does not run the workload's command.  The report says when
 * the run ended at the workload's exit, and when the command names its own
 * length (`sleep 10`) that the run outlives.
 */
#include <inttypes.h>
#include <string.h>

#include "output/report-priv.h"

/* one operand of sleep(1): NUMBER[.FRACTION][s|m|h|d]; 0 if not one */
static uint64_t sleep_arg_ns(const char *s, size_t n)
{
	static const struct {
		char unit;
		uint64_t mult;
	} units[] = {{'s', 1}, {'m', 60}, {'h', 3600}, {'d', 86400}};
	uint64_t mult = 1, whole = 0, frac = 0, scale = NSEC_PER_SEC;
	size_t i = 0;

	if (n && (s[n - 1] < '0' || s[n - 1] > '9')) {
		size_t u = 0;

		while (u < sizeof(units) / sizeof(units[0]) &&
		       units[u].unit != s[n - 1])
			u++;
		if (u == sizeof(units) / sizeof(units[0]))
			return 0;
		mult = units[u].mult;
		n--;
	}
	for (; i < n && s[i] >= '0' && s[i] <= '9' && whole < 100000000; i++)
		whole = whole * 10 + (uint64_t)(s[i] - '0');
	if (!i)
		return 0;
	if (i < n && s[i] == '.')
		for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			if (scale > 1) {
				scale /= 10;
				frac += (uint64_t)(s[i] - '0') * scale;
			}
	if (i != n)
		return 0;
	return (whole * NSEC_PER_SEC + frac) * mult;
}

uint64_t report__sleep_ns(const char *workload)
{
	const char *p = workload, *word;
	uint64_t total = 0;
	size_t n;

	p += strspn(p, " ");
	n = strcspn(p, " ");
	word = p + n;
	while (word > p && word[-1] != '/') /* the basename of argv[0] */
		word--;
	if (n - (size_t)(word - p) != 5 || strncmp(word, "sleep", 5))
		return 0;
	for (p += n;; p += n) {
		uint64_t ns;

		p += strspn(p, " ");
		n = strcspn(p, " ");
		if (!n)
			break;
		ns = sleep_arg_ns(p, n);
		if (!ns)
			return 0;
		total += ns;
	}
	return total;
}

void report__workload_text(FILE *f, const struct sim_result *res)
{
	const struct auxsim_scenario *scn = res->scn;
	const struct scn_task *wl = &scn->tasks[scn->traced_task];
	uint64_t sleep_ns = report__sleep_ns(scn->rec.workload);
	char t[32], g[32], e[32];

	if (res->workload_exit_ns) {
		report__fmt_time(t, sizeof(t), res->workload_exit_ns);
		report__fmt_time(g, sizeof(g), res->duration_given_ns);
		fprintf(f,
			"  perf record ends at %s s, when its workload, %s, "
			"exits (line %d):\n  before the duration given, %s s\n",
			t, wl->comm, wl->line, g);
	} else if (sleep_ns && !wl->exit_ns && !res->interrupted_signo &&
		   res->duration_ns > sleep_ns) {
		report__fmt_time(t, sizeof(t), sleep_ns);
		report__fmt_time(g, sizeof(g), res->duration_ns);
		scn__format_time(e, sizeof(e), sleep_ns);
		fprintf(f,
			"  note: a real '%s' exits after %s s, and perf record "
			"with it;\n  this run lasts %s s ('task %s ... "
			"exit %s' would end it there)\n",
			scn->rec.workload, t, g, wl->comm, e);
	}
	/* no task line for the workload: the model runs it cpu-bound */
	if (sleep_ns && wl->line == scn->rec.line)
		fprintf(f,
			"  note: no task line names %s: the model runs it "
			"cpu-bound, not asleep\n",
			wl->comm);
}
