// SPDX-License-Identifier: GPL-2.0
/*
 * builtin-record.c - model of the AUX parts of tools/perf/builtin-record.c:
 * opening the cs_etm events (record__open), mmapping the data and AUX areas
 * (record__mmap_evlist; the AUX area read-only in snapshot mode), the
 * SIGUSR2 snapshot trigger (snapshot_sig_handler ->
 * hit_auxtrace_snapshot_trigger -> auxtrace_record__snapshot_start), the
 * main loop's record__read_auxtrace_snapshot(), and the final munmap.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>

#include "perf.h"

void perf__msg(struct aux_model *m, const char *fmt, ...)
{
	char line[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (m->obs && m->obs->tool)
		m->obs->tool(m, line);
}

/* record__open() and record__mmap(): one cs_etm event per CPU (per-CPU
 * modes) or per thread (--per-thread), each with its own mmap. */
int record__open(struct aux_model *m, struct record_opts *opts, int task)
{
	struct perf_tool *tool = &m->s.tool;
	struct perf_event_attr_model attr = {
		.pmu = PMU_CS_ETM,
		.disabled = 1,
		.exclude_user = opts->exclude_user,
		.exclude_kernel = opts->exclude_kernel,
		.config2 = opts->config2,
	};
	int nr = opts->target == TARGET_PER_THREAD ? 1 : m->s.nr_cpus;
	int ret = cs_etm_recording_options(m, opts);

	if (ret)
		return ret;
	/* evsel__config(): enable_on_exec for a workload perf started */
	attr.enable_on_exec = opts->target != TARGET_SYSTEM_WIDE;
	tool->snapshot_mode = opts->auxtrace_snapshot_mode;
	tool->privileged = opts->privileged;
	tool->target = (int8_t)opts->target;
	tool->auxtrace_mmap_pages = opts->auxtrace_mmap_pages;
	tool->auxtrace_snapshot_size = opts->auxtrace_snapshot_size;
	tool->mmap_pages = opts->mmap_pages;
	tool->phase = TOOL_RUNNING;

	for (int i = 0; i < nr; i++) {
		int cpu = opts->target == TARGET_PER_THREAD ? -1 : i;
		int t = opts->target == TARGET_SYSTEM_WIDE ? -1 : task;
		int ev = perf_event_open(m, &attr, t, cpu, -1);
		struct perf_mmap *mm = &m->s.mmap[i];
		int rb;

		if (ev < 0) {
			perf__msg(m, "sys_perf_event_open failed: %d", ev);
			return ev;
		}
		m->s.event[ev].fd_idx = (int16_t)i;
		tool->fd_event[tool->nr_fds++] = (int16_t)ev;
		/* record__mmap_evlist(): the data area, then the AUX area,
		 * PROT_READ only in snapshot (overwrite) mode */
		rb = perf_mmap(m, ev);
		if (rb < 0)
			return rb;
		ret = perf_mmap_aux(m, ev, (uint32_t)opts->auxtrace_mmap_pages,
				    !opts->auxtrace_snapshot_mode);
		if (ret) {
			perf__msg(m, "failed to mmap AUX area: %d", ret);
			return ret;
		}
		mm->in_use = 1;
		mm->idx = (int16_t)i;
		mm->cpu = (int8_t)cpu;
		/* auxtrace_mmap_params__set_idx(): the workload's pid unless
		 * the thread map is the dummy one of -a */
		mm->tid = opts->target == TARGET_SYSTEM_WIDE ?
				  -1 :
				  m->s.task[task].pid;
		mm->rb = (int16_t)rb;
		mm->len = opts->auxtrace_mmap_pages * m->page_size;
		mm->prev = 0;
		m->s.rb[rb].mmap = (int16_t)i;
		tool->nr_mmaps++;
	}
	/* -a: evlist__enable() once the workload is forked */
	if (opts->target == TARGET_SYSTEM_WIDE)
		for (int i = 0; i < tool->nr_fds; i++)
			perf_ioctl(m, tool->fd_event[i], PERF_EVENT_IOC_ENABLE);
	return 0;
}

/* The workload's execvp(): enable_on_exec fires */
void record__workload_exec(struct aux_model *m, int task)
{
	perf_event_exec(m, task);
}

/* snapshot_sig_handler() -> hit_auxtrace_snapshot_trigger(): only when the
 * trigger is ready; auxtrace_record__snapshot_start() runs in the handler */
int record__snapshot_trigger(struct aux_model *m)
{
	struct perf_tool *tool = &m->s.tool;

	if (!tool->snapshot_mode)
		return -EINVAL; /* SIGUSR2 is SIG_IGN */
	if (tool->phase != TOOL_RUNNING)
		return -EBUSY; /* trigger_is_ready() is false */
	cs_etm_snapshot_start(m);
	tool->phase = TOOL_SNAPSHOT_READ;
	return 0;
}

/* record__read_auxtrace_snapshot() -> record__auxtrace_read_snapshot_all():
 * every mmap with an AUX area, in index order.  Returns bytes copied. */
uint64_t record__read_auxtrace_snapshot(struct aux_model *m)
{
	struct perf_tool *tool = &m->s.tool;
	uint64_t total = 0, copied;

	tool->nr_snapshots++;
	for (int i = 0; i < tool->nr_mmaps; i++) {
		if (__auxtrace_mmap__read(m, i, true,
					  tool->auxtrace_snapshot_size,
					  tool->nr_snapshots, &copied) < 0) {
			perf__msg(m, "AUX area tracing snapshot failed");
			break;
		}
		total += copied;
	}
	tool->snapshot_bytes = total;
	tool->phase = TOOL_SNAPSHOT_ENABLE;
	return total;
}

/* auxtrace_record__snapshot_finish(): re-enable, trigger ready again */
void record__snapshot_finish(struct aux_model *m)
{
	cs_etm_snapshot_finish(m);
	m->s.tool.phase = TOOL_RUNNING;
}

/*
 * record__mmap_read_all() -> record__auxtrace_mmap_read(): in full-trace
 * mode the main loop reads every AUX mmap whose ring woke perf's poll()
 * (the kernel's aux_watermark wakeup), or every one when @synch (the final
 * drain).  Snapshot mode never reads AUX here.  Returns bytes read.
 */
uint64_t record__mmap_read_all(struct aux_model *m, bool synch)
{
	struct perf_tool *tool = &m->s.tool;
	uint64_t total = 0, copied;

	if (tool->snapshot_mode)
		return 0;
	for (int i = 0; i < tool->nr_mmaps; i++) {
		struct perf_mmap *mm = &m->s.mmap[i];
		uint32_t w = m->s.rb[mm->rb].nr_wakeups;

		if (!synch && w == mm->wakeups_seen)
			continue;
		mm->wakeups_seen = w;
		if (__auxtrace_mmap__read(m, i, false, 0, 0, &copied) < 0)
			break;
		total += copied;
	}
	return total;
}

/* perf record exits: in full-trace mode evlist__disable() and a last
 * read of everything; then the evlist is munmapped (perf_mmap_close() of
 * each AUX area stops a still-tracing event with PERF_EF_UPDATE first) */
void record__exit(struct aux_model *m)
{
	struct perf_tool *tool = &m->s.tool;

	if (!tool->snapshot_mode) {
		for (int i = 0; i < tool->nr_fds; i++)
			perf_ioctl(m, tool->fd_event[i], PERF_EVENT_IOC_DISABLE);
		record__mmap_read_all(m, true);
	}
	for (int i = 0; i < tool->nr_fds; i++)
		perf_mmap_close_aux(m, tool->fd_event[i]);
}
