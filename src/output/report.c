// SPDX-License-Identifier: GPL-2.0
/*
 * report.c - the text report of a run (report.h): the header, the kernel
 * log, the timeline, then the throttling section (report-tracer.c) and the
 * snapshot section (report-snapshot.c).  The splat is report-splat.c, the
 * JSON document report-json.c.
 */
#include <inttypes.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "output/report-priv.h"

const char *report__aux_flags(uint64_t flags, char *buf, int len)
{
	static const struct {
		uint64_t bit;
		const char *s;
	} names[] = {
		{ PERF_AUX_FLAG_TRUNCATED, "T" },
		{ PERF_AUX_FLAG_OVERWRITE, "O" },
		{ PERF_AUX_FLAG_PARTIAL, "P" },
		{ PERF_AUX_FLAG_COLLISION, "C" },
		{ PERF_AUX_FLAG_CORESIGHT_FORMAT_RAW, "raw" },
	};
	int off = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (flags & names[i].bit)
			off += snprintf(buf + off, len - off, "%s%s",
					off ? "|" : "", names[i].s);
	return buf;
}

const char *report__signame(int signo)
{
	return signo == SIGINT ? "SIGINT" : signo == SIGTERM ? "SIGTERM" :
							       "a signal";
}

void report__fmt_time(char *buf, int len, uint64_t ns)
{
	snprintf(buf, len, "%llu.%06llu", (unsigned long long)(ns / NSEC_PER_SEC),
		 (unsigned long long)(ns % NSEC_PER_SEC / 1000));
}
/* ---- timeline ---- */

/* the traced workload is '#', every other task a glyph of its own */
static char task_glyph(const struct sim_result *res, int task)
{
	static const char others[] = "=+*%o~&@";
	int k = 0;

	if (task == res->scn->traced_task)
		return '#';
	for (int i = 0; i < task && i < SCN_MAX_TASKS; i++)
		k += i != res->scn->traced_task;
	return others[k % (int)(sizeof(others) - 1)];
}

/* the key: each task that runs within the timeline, with its glyph */
static void timeline_key(FILE *f, const struct sim_result *res)
{
	bool ran[SCN_MAX_TASKS] = { false };
	int n = 0, order[SCN_MAX_TASKS], traced = res->scn->traced_task;

	for (int i = 0; i < res->nslices; i++) {
		int t = res->slices[i].task;

		if (t >= 0 && t < SCN_MAX_TASKS &&
		    res->slices[i].t0 < res->duration_ns)
			ran[t] = true;
	}
	/* the traced workload first, then the others in scenario order */
	if (traced >= 0 && traced < SCN_MAX_TASKS && ran[traced])
		order[n++] = traced;
	for (int t = 0; t < res->scn->nr_tasks && t < SCN_MAX_TASKS; t++)
		if (ran[t] && t != traced)
			order[n++] = t;
	{
		struct report_line l;
		FILE *out = report__line_open(&l, f);

		fprintf(out, "  running:");
		for (int i = 0; i < n; i++)
			fprintf(out, "%s '%c'" WRAP_NBSP_S "%s", i ? "," : "",
				task_glyph(res, order[i]),
				res->scn->tasks[order[i]].comm);
		fprintf(out, "%s '_'" WRAP_NBSP_S "idle", n ? ";" : "");
		report__line_close(&l, WRAP_HANG);
	}
}

static void timeline(FILE *f, const struct sim_result *res)
{
	int ncpu = res->mc->nr_cpus;
	uint64_t T = res->duration_ns;
	char row[TL_WIDTH + 1];
	char t[32];

	report__fmt_time(t, sizeof(t), T);
	wrap__printf(f, WRAP_HANG,
		     "Timeline: 0 .. %s" WRAP_NBSP_S "s, one column = %.3f"
		     WRAP_NBSP_S "ms, 'V'" WRAP_NBSP_S "=" WRAP_NBSP_S
		     "SIGUSR2" WRAP_NBSP_S "snapshot%s",
		     t, (double)T / TL_WIDTH / 1e6,
		     res->nusr2 > res->nsnaps ?
			     ", 'x'" WRAP_NBSP_S "=" WRAP_NBSP_S
			     "SIGUSR2" WRAP_NBSP_S "ignored" :
			     "");
	timeline_key(f, res);
	for (int c = 0; c < ncpu; c++) {
		memset(row, '_', TL_WIDTH);
		row[TL_WIDTH] = '\0';
		for (int i = 0; i < res->nslices; i++) {
			const struct sim_slice *sl = &res->slices[i];
			uint64_t t1 = sl->t1 > T ? T : sl->t1;
			int c0, c1, len, w;

			if (sl->cpu != c || sl->t0 >= T)
				continue;
			c0 = (int)(sl->t0 * TL_WIDTH / T);
			c1 = (int)((t1 * TL_WIDTH + T - 1) / T) - 1;
			if (c1 < c0)
				c1 = c0;
			if (c1 >= TL_WIDTH)
				c1 = TL_WIDTH - 1;
			memset(row + c0, task_glyph(res, sl->task),
			       c1 - c0 + 1);
			/* random schedules number every task's slices:
			 * label only the traced workload's */
			len = (int)strlen(sl->label);
			w = c1 - c0 + 1;
			if (res->scn->sched.mode == SCN_SCHED_RANDOM &&
			    sl->task != res->scn->traced_task)
				continue;
			if (w >= len + 2)
				memcpy(row + c0 + (w - len) / 2, sl->label, len);
		}
		fprintf(f, "CPU%d: %s|\n", c, row);
	}
	memset(row, ' ', TL_WIDTH);
	for (int k = 0; k < res->nusr2; k++) {
		int col = (int)(res->usr2[k].t * TL_WIDTH / T);

		if (!res->usr2[k].snap)
			row[col < TL_WIDTH ? col : TL_WIDTH - 1] = 'x';
	}
	for (int k = 0; k < res->nsnaps; k++) {
		int col = (int)(res->snaps[k].t_signal * TL_WIDTH / T);

		row[col < TL_WIDTH ? col : TL_WIDTH - 1] = 'V';
	}
	fprintf(f, "USR2: %s\n\n", row);
}
/* what the log's event and ring buffer names mean (model__log_key()) */
static void log_key(FILE *f, const struct sim_result *res)
{
	const char *names[SCN_MAX_EVENTS];
	int nr = res->scn->rec.nr_events;

	for (int i = 0; i < nr && i < SCN_MAX_EVENTS; i++)
		names[i] = res->scn->rec.events[i].text;
	model__log_key(f, "", names, nr < SCN_MAX_EVENTS ? nr : SCN_MAX_EVENTS,
		       res->final.tool.target == TARGET_PER_THREAD);
}

FILE *report__line_open(struct report_line *l, FILE *f)
{
	l->f = f;
	l->buf = NULL;
	l->len = 0;
	l->m = open_memstream(&l->buf, &l->len);
	return l->m ? l->m : f;
}

void report__line_close(struct report_line *l, int hang)
{
	if (!l->m) { /* written to the output as it came: end the line */
		fputc('\n', l->f);
		return;
	}
	if (fclose(l->m) || !l->buf) {
		free(l->buf);
		return;
	}
	wrap__text(l->f, l->buf, hang);
	free(l->buf);
}

/* "auxsim: NAME  seed N  machine M  kernel K  perf P  patches: ...",
 * wrapped between its items */
static void header(FILE *f, const struct sim_result *res)
{
	char line[512];
	int n = snprintf(line, sizeof(line),
			 "auxsim: %s  seed" WRAP_NBSP_S "%" PRIu64
			 "  machine" WRAP_NBSP_S "%s  kernel" WRAP_NBSP_S
			 "%s  perf" WRAP_NBSP_S "%s  patches:",
			 res->scn->name, res->seed, res->mc->name,
			 res->kernel->name, res->perf->name);

	for (int i = 0; i < res->nr_patches && n > 0 &&
			(size_t)n < sizeof(line);
	     i++)
		n += snprintf(line + n, sizeof(line) - (size_t)n, "%s%s",
			      i ? " " : WRAP_NBSP_S, res->patches[i]);
	if (!res->nr_patches && n > 0 && (size_t)n < sizeof(line))
		snprintf(line + n, sizeof(line) - (size_t)n,
			 WRAP_NBSP_S "none");
	wrap__text(f, line, WRAP_HANG);
}

void report__text(FILE *f, const struct sim_result *res, int verbose)
{
	const struct auxsim_scenario *scn = res->scn;
	char t[32];

	report__fmt_time(t, sizeof(t), res->duration_ns);
	header(f, res);
	wrap__command(f, scn->root ? "# " : "$ ", scn->rec.cmdline, 4);
	if (res->interrupted_signo) {
		char a[32];

		report__fmt_time(a, sizeof(a), res->asked_duration_ns);
		wrap__printf(f, WRAP_HANG,
			     "interrupted by %s at virtual time %s s of %s s: "
			     "perf record stopped there and wrote what it had",
			     report__signame(res->interrupted_signo), t, a);
	}
	if (res->output_signo)
		wrap__printf(f, WRAP_HANG,
			     "interrupted by %s while %s was written: the run "
			     "is complete; that file and those after it are "
			     "not written",
			     report__signame(res->output_signo),
			     res->output_failed);
	for (int i = 0; i < res->nmsgs; i++)
		fprintf(f, "%s\n", res->msgs[i]);
	if (res->open_error) {
		fprintf(f, "perf record failed to start (%d); nothing traced\n",
			res->open_error);
		return;
	}
	wrap__printf(f, WRAP_HANG,
		     "  %s, %d AUX mmaps of %" PRIu64 WRAP_NBSP_S "KiB (%s), "
		     "snapshot size %" PRIu64 WRAP_NBSP_S "KiB, ETR buffer "
		     "%" PRIu64 WRAP_NBSP_S "KiB, %s" WRAP_NBSP_S "s",
		res->final.tool.target == TARGET_SYSTEM_WIDE ? "system-wide (-a)" :
		res->final.tool.target == TARGET_PER_THREAD ? "--per-thread" :
							      "per-CPU task events",
		res->final.tool.nr_mmaps, res->aux_size >> 10,
		res->final.tool.snapshot_mode ? "read-only: overwrite mode" :
						"read-write",
		res->snapshot_size >> 10, res->etr_buf_size >> 10, t);
	report__workload_text(f, res);
	fputc('\n', f);

	if (res->nwarns) {
		fprintf(f, "Kernel log:\n");
		for (int i = 0; i < res->nwarns; i++)
			report__splat(f, res, &res->warns[i]);
		fprintf(f, "\n");
	}
	if (res->nlog)
		log_key(f, res);
	/* "[    0.004000] cpu1: ...": continued past the time stamp */
	for (int i = 0; i < res->nlog; i++)
		wrap__text(f, res->log[i], 19);
	if (res->nlog)
		fprintf(f, "\n");

	timeline(f, res);
	if (res->kernel->features & (KF_AUX_PAUSE | KF_GROUP_THROTTLE))
		report__tracer_text(f, res);
	report__snapshots_text(f, res, verbose);
	if (res->output_failed && res->output_failed == res->perf_data_path) {
		fprintf(f, "[ perf record: %s not written: %s ]\n",
			res->perf_data_path, res->output_error);
		return;
	}
	fprintf(f, "[ perf record: Captured and wrote %.3f MB %s ]\n",
		res->perf_data_bytes / MiB,
		res->perf_data_path ? res->perf_data_path : "perf.data");
	if (res->output_failed)
		wrap__printf(f, WRAP_HANG, "%s not written: %s",
			     res->output_failed, res->output_error);
}
