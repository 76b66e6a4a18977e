// SPDX-License-Identifier: GPL-2.0
/*
 * trace-json.c - a run as Chrome trace events (trace-json.h), written with
 * json.h's writer.  The format is the "Trace Event Format" document of the
 * Chromium project (the JSON Object Format; phases X, i, C and M), which has
 * no schema: tests/t1110-trace-json.sh checks the fields it documents.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "lib/atomic-file.h"
#include "output/aux-fill.h"
#include "lib/json.h"
#include "output/report.h"
#include "output/trace-json.h"

/* the process of CPU c is c + 1; perf record's comes after the CPUs' */
#define PERF_PID (AUXSIM_MAX_CPUS + 1)
#define TID_TASKS(pid) ((pid)*10 + 1)
#define TID_TRACER(pid) ((pid)*10 + 2)

static const char *const state_name[NR_TRACER_STATES] = {
	[TRACER_OFF] = "off",
	[TRACER_TRACING] = "tracing",
	[TRACER_TRACING_USER_PAUSED] = "tracing though the user paused",
	[TRACER_PAUSED] = "paused (by the user)",
	[TRACER_PAUSED_NOT_USER] = "paused (not by the user)",
	[TRACER_THROTTLED] = "throttled",
	[TRACER_THROTTLED_TRACING] = "throttled, yet tracing",
	[TRACER_STOPPED] = "stopped (a start failed)",
	[TRACER_DEAD] = "dead (orphaned AUX handle)",
};

static const char *const snap_status[] = {
	[SNAP_WHOLE] = "whole",
	[SNAP_PART] = "part",
	[SNAP_MISSING] = "none (lost)",
};

struct tj {
	struct json_writer jw;
	const struct sim_result *res;
	uint64_t dur;
	bool tasks[AUXSIM_MAX_CPUS], tracer[AUXSIM_MAX_CPUS];
	bool fill[AUXSIM_MAX_CPUS];
	/* the snapshots that list each slice: sl_of[sl_first[id] ..
	 * sl_first[id + 1]) are the (snapshot, entry) pairs of slice id */
	int *sl_first, (*sl_of)[2];
	int pid; /* the counter being walked */
	char name[64];
};

/* nanoseconds as microseconds, exactly: three decimals */
static void ts(struct tj *t, const char *key, uint64_t ns)
{
	jw_fixed(&t->jw, key, (double)(ns / 1000) + (double)(ns % 1000) / 1e3,
		 3);
}

/* an event's common fields */
static void event(struct tj *t, const char *name, const char *cat,
		  const char *ph, uint64_t at, int pid, int tid)
{
	jw_open_object(&t->jw, NULL);
	jw_string(&t->jw, "name", name);
	if (cat)
		jw_string(&t->jw, "cat", cat);
	jw_string(&t->jw, "ph", ph);
	ts(t, "ts", at < t->dur ? at : t->dur);
	jw_int(&t->jw, "pid", pid);
	jw_int(&t->jw, "tid", tid);
}

static void complete(struct tj *t, const char *name, const char *cat,
		     uint64_t t0, uint64_t t1, int pid, int tid)
{
	if (t1 > t->dur)
		t1 = t->dur;
	if (t0 > t1)
		t0 = t1;
	event(t, name, cat, "X", t0, pid, tid);
	ts(t, "dur", t1 - t0);
}

static void meta(struct tj *t, const char *what, const char *key,
		 const char *name, int sort, int pid, int tid)
{
	event(t, what, NULL, "M", 0, pid, tid);
	jw_open_object(&t->jw, "args");
	if (name)
		jw_string(&t->jw, key, name);
	else
		jw_int(&t->jw, key, sort);
	jw_close_object(&t->jw);
	jw_close_object(&t->jw);
}

/* the thread that names CPU @c's process and carries its counters */
static int main_tid(const struct tj *t, int c)
{
	return t->tasks[c] ? TID_TASKS(c + 1) : TID_TRACER(c + 1);
}

/* which CPUs have tasks, a tracer or an AUX buffer to show */
static void survey(struct tj *t)
{
	const struct sim_result *res = t->res;
	int n = res->mc->nr_cpus;

	for (int i = 0; i < res->nslices; i++)
		if (res->slices[i].cpu >= 0 && res->slices[i].cpu < n)
			t->tasks[res->slices[i].cpu] = true;
	for (int i = 0; i < res->ntracer; i++)
		if (res->tracer[i].cpu >= 0 && res->tracer[i].cpu < n &&
		    res->tracer[i].state != TRACER_OFF)
			t->tracer[res->tracer[i].cpu] = true;
	for (int i = 0; i < res->nwarns; i++)
		if (res->warns[i].w.cpu >= 0 && res->warns[i].w.cpu < n)
			t->tracer[res->warns[i].w.cpu] = true;
	for (int rb = 0; rb < MAX_RB; rb++) {
		int c = aux_fill__cpu(res, rb);

		if (c >= 0 && c < n && aux_fill__any(res, rb))
			t->fill[c] = true;
	}
}

static void metadata(struct tj *t)
{
	const struct sim_result *res = t->res;
	char name[64];

	for (int c = 0; c < res->mc->nr_cpus; c++) {
		int pid = c + 1, tid = main_tid(t, c);

		if (!t->tasks[c] && !t->tracer[c] && !t->fill[c])
			continue;
		if (res->mc->cpus[c].type)
			snprintf(name, sizeof(name), "CPU %d (%s)", c,
				 res->mc->cpus[c].type);
		else
			snprintf(name, sizeof(name), "CPU %d", c);
		meta(t, "process_name", "name", name, 0, pid, tid);
		meta(t, "process_sort_index", "sort_index", NULL, c, pid, tid);
		if (t->tasks[c]) {
			meta(t, "thread_name", "name", "tasks", 0, pid,
			     TID_TASKS(pid));
			meta(t, "thread_sort_index", "sort_index", NULL, 0, pid,
			     TID_TASKS(pid));
		}
		if (t->tracer[c] || !t->tasks[c]) {
			meta(t, "thread_name", "name", "AUX tracer", 0, pid,
			     TID_TRACER(pid));
			meta(t, "thread_sort_index", "sort_index", NULL, 1, pid,
			     TID_TRACER(pid));
		}
	}
	meta(t, "process_name", "name", "perf record", 0, PERF_PID,
	     TID_TASKS(PERF_PID));
	meta(t, "process_sort_index", "sort_index", NULL, AUXSIM_MAX_CPUS,
	     PERF_PID, TID_TASKS(PERF_PID));
	meta(t, "thread_name", "name", "perf record", 0, PERF_PID,
	     TID_TASKS(PERF_PID));
}

/* an index from each slice to the snapshots that list it */
static int index_slices(struct tj *t)
{
	const struct sim_result *res = t->res;
	int total = 0;

	t->sl_first = calloc(res->nslices + 2, sizeof(*t->sl_first));
	for (int k = 0; k < res->nsnaps; k++)
		total += res->snaps[k].nsl;
	t->sl_of = calloc(total ? total : 1, sizeof(*t->sl_of));
	if (!t->sl_first || !t->sl_of)
		return -ENOMEM;
	for (int k = 0; k < res->nsnaps; k++)
		for (int j = 0; j < res->snaps[k].nsl; j++) {
			uint32_t id = res->snaps[k].sl[j].slice;

			if (id >= 1 && (int)id <= res->nslices)
				t->sl_first[id + 1]++;
		}
	for (int i = 1; i <= res->nslices + 1; i++)
		t->sl_first[i] += t->sl_first[i - 1];
	/* sl_first[id] is where slice id's entries start: fill them,
	 * counting up */
	for (int k = 0; k < res->nsnaps; k++)
		for (int j = 0; j < res->snaps[k].nsl; j++) {
			uint32_t id = res->snaps[k].sl[j].slice;
			int at;

			if (id < 1 || (int)id > res->nslices)
				continue;
			at = t->sl_first[id]++;
			t->sl_of[at][0] = k;
			t->sl_of[at][1] = j;
		}
	/* sl_first[id] is now slice id's end, that is slice id + 1's
	 * start: shift back by one */
	for (int i = res->nslices + 1; i >= 1; i--)
		t->sl_first[i] = t->sl_first[i - 1];
	t->sl_first[0] = 0;
	return 0;
}

static void slices(struct tj *t)
{
	const struct sim_result *res = t->res;
	struct json_writer *jw = &t->jw;

	for (int i = 0; i < res->nslices; i++) {
		const struct sim_slice *sl = &res->slices[i];
		bool traced = sl->task == res->scn->traced_task;
		int pid = sl->cpu + 1;

		if (sl->cpu < 0 || sl->cpu >= res->mc->nr_cpus)
			continue;
		complete(t, traced ? sl->label : res->scn->tasks[sl->task].comm,
			 "slice", sl->t0, sl->t1, pid, TID_TASKS(pid));
		jw_open_object(jw, "args");
		jw_string(jw, "task", res->scn->tasks[sl->task].comm);
		jw_string(jw, "slice", sl->label);
		jw_bool(jw, "traced", traced);
		if (traced)
			jw_u64(jw, "trace_bytes",
			       sl->s1 >= sl->s0 ? sl->s1 - sl->s0 : 0);
		/* slice i + 1's entries */
		if (t->sl_first[i + 2] > t->sl_first[i + 1]) {
			jw_open_array(jw, "snapshots");
			for (int e = t->sl_first[i + 1]; e < t->sl_first[i + 2];
			     e++) {
				const struct sim_snapshot *sn =
					&res->snaps[t->sl_of[e][0]];
				const struct snap_slice *ss =
					&sn->sl[t->sl_of[e][1]];

				jw_open_object(jw, NULL);
				jw_int(jw, "snapshot", sn->index);
				jw_string(jw, "held", snap_status[ss->status]);
				jw_u64(jw, "held_bytes", ss->held);
				jw_bool(jw, "stale", ss->stale);
				jw_close_object(jw);
			}
			jw_close_array(jw);
		}
		jw_close_object(jw);
		jw_close_object(jw);
	}
}

static void tracer(struct tj *t)
{
	const struct sim_result *res = t->res;

	for (int c = 0; c < res->mc->nr_cpus; c++) {
		uint64_t at = 0;
		int state = TRACER_OFF, pid = c + 1;

		for (int i = 0; i <= res->ntracer; i++) {
			const struct sim_tracer_change *ch =
				i < res->ntracer ? &res->tracer[i] : NULL;
			uint64_t t1 = ch ? ch->time_ns : t->dur;

			if (ch && ch->cpu != c)
				continue;
			if (t1 > at && state != TRACER_OFF) {
				complete(t, state_name[state], "tracer", at, t1,
					 pid, TID_TRACER(pid));
				jw_close_object(&t->jw);
			}
			if (!ch)
				break;
			at = t1;
			state = ch->state;
		}
	}
}

static void warns(struct tj *t)
{
	const struct sim_result *res = t->res;
	struct json_writer *jw = &t->jw;
	char name[288], warning[256];

	for (int i = 0; i < res->nwarns; i++) {
		const struct sim_warning *w = &res->warns[i];
		const struct warn_site_desc *d = &warn_sites[w->w.site];
		int pid = w->w.cpu + 1;

		if (w->w.cpu < 0 || w->w.cpu >= res->mc->nr_cpus)
			continue;
		/* the splat's WARNING line, as the text report prints it */
		report__warn_line(warning, sizeof(warning), res, w);
		snprintf(name, sizeof(name), "W%d %s", i + 1, warning);
		event(t, name, "warn", "i", w->w.time_ns, pid, TID_TRACER(pid));
		jw_string(jw, "s", "t");
		jw_open_object(jw, "args");
		jw_string(jw, "file", d->file);
		jw_int(jw, "line", warn_site__line(w->w.site, res->kernel));
		jw_string(jw, "condition", d->cond);
		jw_string(jw, "comm", w->comm);
		jw_int(jw, "pid", w->pid);
		jw_open_array(jw, "call_trace");
		for (int k = 0; k < w->w.depth && k < AUX_MAX_STACK; k++)
			if (w->w.stack[k])
				jw_string(jw, NULL, w->w.stack[k]);
		jw_close_array(jw);
		jw_close_object(jw);
		jw_close_object(jw);
	}
}

static void fill_point(void *arg, uint64_t at, uint64_t used)
{
	struct tj *t = arg;

	event(t, t->name, "aux", "C", at, t->pid, main_tid(t, t->pid - 1));
	jw_open_object(&t->jw, "args");
	jw_u64(&t->jw, "bytes", used);
	jw_close_object(&t->jw);
	jw_close_object(&t->jw);
}

static void fills(struct tj *t)
{
	const struct sim_result *res = t->res;

	if (!res->aux_size)
		return;
	for (int rb = 0; rb < MAX_RB; rb++) {
		int c = aux_fill__cpu(res, rb);

		if (c < 0 || c >= res->mc->nr_cpus || !t->fill[c])
			continue;
		t->pid = c + 1;
		snprintf(t->name, sizeof(t->name),
			 "AUX fill, ring buffer %d (of %" PRIu64 " bytes)", rb,
			 res->aux_size);
		aux_fill__walk(res, rb, fill_point, t);
	}
}

/* every SIGUSR2 perf received, and the snapshot each took */
static void signals(struct tj *t)
{
	struct json_writer *jw = &t->jw;
	char name[32];

	for (int i = 0; i < t->res->nusr2; i++) {
		const struct sim_usr2 *u = &t->res->usr2[i];

		event(t, "SIGUSR2", "signal", "i", u->t, PERF_PID,
		      TID_TASKS(PERF_PID));
		jw_string(jw, "s", "g");
		jw_open_object(jw, "args");
		if (u->snap) {
			snprintf(name, sizeof(name), "S%u", u->snap);
			jw_string(jw, "snapshot", name);
		} else if (u->ignored == USR2_SIG_IGN) {
			jw_string(jw, "snapshot",
				  "none: perf record without -S ignores "
				  "SIGUSR2 (SIG_IGN)");
		} else {
			jw_string(jw, "snapshot",
				  "none: a snapshot in progress (trigger not "
				  "ready)");
		}
		jw_close_object(jw);
		jw_close_object(jw);
	}
}

static void snapshots(struct tj *t)
{
	const struct sim_result *res = t->res;
	struct json_writer *jw = &t->jw;
	char name[64];

	for (int k = 0; k < res->nsnaps; k++) {
		const struct sim_snapshot *sn = &res->snaps[k];

		snprintf(name, sizeof(name), "snapshot S%u%s", sn->index,
			 sn->discontinuous ? " DISCONTINUOUS" : "");
		event(t, name, "snapshot", "i", sn->t_signal, PERF_PID,
		      TID_TASKS(PERF_PID));
		jw_string(jw, "s", "p");
		jw_open_object(jw, "args");
		jw_u64(jw, "bytes", sn->total_bytes);
		jw_u64(jw, "trace_bytes", sn->trace_bytes);
		jw_bool(jw, "discontinuous", sn->discontinuous);
		jw_u64(jw, "stale_bytes", sn->stale_bytes);
		jw_u64(jw, "dup_bytes", sn->dup_bytes);
		jw_u64(jw, "lost_bytes", sn->missing_bytes);
		jw_int(jw, "auxtrace_records", sn->nr_reads);
		jw_bool(jw, "on_exit", sn->t_signal >= res->duration_ns);
		jw_close_object(jw);
		jw_close_object(jw);
		if (sn->t_enable <= sn->t_signal ||
		    sn->t_signal >= res->duration_ns)
			continue;
		snprintf(name, sizeof(name), "S%u: AUX events disabled",
			 sn->index);
		complete(t, name, "snapshot", sn->t_signal, sn->t_enable,
			 PERF_PID, TID_TASKS(PERF_PID));
		jw_close_object(jw);
	}
}

static void other_data(struct tj *t)
{
	const struct sim_result *res = t->res;
	struct json_writer *jw = &t->jw;
	char patches[256] = "";
	int n = 0;

	for (int i = 0; i < res->nr_patches && n < (int)sizeof(patches); i++)
		n += snprintf(patches + n, sizeof(patches) - n, "%s%s",
			      i ? " " : "", res->patches[i]);
	jw_open_object(jw, "otherData");
	jw_string(jw, "generator", "auxsim run --trace-json");
	jw_string(jw, "scenario", res->scn->name);
	jw_string(jw, "kernel", res->kernel->name);
	jw_string(jw, "perf", res->perf->name);
	jw_string(jw, "patches", n ? patches : "none");
	jw_string(jw, "machine", res->mc->name);
	jw_u64(jw, "seed", res->seed);
	jw_u64(jw, "duration_ns", res->duration_ns);
	jw_string(jw, "command", res->scn->rec.cmdline);
	jw_u64(jw, "aux_size", res->aux_size);
	jw_u64(jw, "ignored_signals", res->ignored_signals);
	jw_u64(jw, "usr2_sig_ign", res->usr2_sig_ign);
	jw_close_object(jw);
}

int trace_json__write(FILE *f, const struct sim_result *res)
{
	struct tj t = {.res = res, .dur = res->duration_ns};
	int ret;

	ret = index_slices(&t);
	if (ret)
		goto out;
	survey(&t);
	jw_init(&t.jw, f);
	jw_open_object(&t.jw, NULL);
	jw_open_array(&t.jw, "traceEvents");
	metadata(&t);
	slices(&t);
	tracer(&t);
	warns(&t);
	fills(&t);
	signals(&t);
	snapshots(&t);
	jw_close_array(&t.jw);
	jw_string(&t.jw, "displayTimeUnit", "ms");
	other_data(&t);
	jw_close_object(&t.jw);
	if (!ret && ferror(f))
		ret = -EIO;
out:
	free(t.sl_first);
	free(t.sl_of);
	return ret;
}

int trace_json__write_file(const char *path, const struct sim_result *res,
			   char *err, int errlen)
{
	struct atomic_file af;
	int ret = atomic_file__open(&af, path, err, errlen);

	if (ret)
		return ret;
	return atomic_file__close(&af, trace_json__write(af.f, res), err,
				  errlen);
}
