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
#include <stdint.h>
#include <stdio.h>

#include "tools/perf/perf.h"

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

static const char *errno_name(int err)
{
	switch (err) {
	case EINVAL:
		return "Invalid argument";
	case EOPNOTSUPP:
		return "Operation not supported";
	case ENOENT:
		return "No such file or directory";
	case ENOMEM:
		return "Cannot allocate memory";
	case EMFILE:
		return "Too many open files";
	case EBUSY:
		return "Device or resource busy";
	case EACCES:
		return "Permission denied";
	default:
		return "error";
	}
}

/*
 * util/evlist.c parse_pages_arg(), as record__parse_mmap_pages() calls it
 * for each half of -m: a count that is not a power of 2 is rounded up, and
 * perf says so on its standard error, the size in
 * unit_number__scnprintf()'s units (divided by 1024 while more than 1024
 * of the next unit remain: 1024K, then 2M).
 */
uint64_t parse_pages_arg__round(struct aux_model *m, uint64_t pages)
{
	static const char unit[] = "BKMG";
	uint64_t p = 1, n;
	int i = 0;

	while (p < pages)
		p <<= 1;
	if (p == pages)
		return p;
	for (n = p * m->page_size; n / 1024 > 1 && i < 3; i++)
		n /= 1024;
	perf__msg(m, "rounding mmap pages size to %llu%c (%llu pages)",
		  (unsigned long long)n, unit[i], (unsigned long long)p);
	return p;
}

/*
 * util/evsel.c evsel__open_strerror() for EACCES, as ui__error() prints
 * it after "Error:", on a board without SELinux enforcing.  perf first
 * tries evsel__fallback(): an event that counts the kernel is retried with
 * the kernel excluded (":u"), which a CPU event (-a) meets the same
 * refusal with; the model goes straight to the message.
 */
static void evsel__open_strerror_access(struct aux_model *m)
{
	static const char *const text[] = {
		"Access to performance monitoring and observability operations "
		"is limited.",
		"Consider adjusting /proc/sys/kernel/perf_event_paranoid "
		"setting to open",
		"access to performance monitoring and observability operations "
		"for processes",
		"without CAP_PERFMON, CAP_SYS_PTRACE or CAP_SYS_ADMIN Linux "
		"capability.",
		"More information can be found at 'Perf events and tool "
		"security' document:",
		/* perf's output, not a comment: the "//" split so that
		 * line-based comment scanners do not read one here */
		"https:/" "/www.kernel.org/doc/html/latest/admin-guide/"
		"perf-security.html",
		NULL,
		"  -1: Allow use of (almost) all events by all users",
		"      Ignore mlock limit after perf_event_mlock_kb without "
		"CAP_IPC_LOCK",
		">= 0: Disallow raw and ftrace function tracepoint access",
		">= 1: Disallow CPU event access",
		">= 2: Disallow kernel profiling",
		"To make the adjusted perf_event_paranoid setting permanent "
		"preserve it",
		"in /etc/sysctl.conf (e.g. kernel.perf_event_paranoid = "
		"<setting>)",
	};

	for (size_t i = 0; i < sizeof(text) / sizeof(text[0]); i++) {
		if (text[i])
			perf__msg(m, "%s", text[i]);
		else
			perf__msg(m, "perf_event_paranoid setting is %d:",
				  m->perf_event_paranoid);
	}
}

/* If no evsel leads a group, each is its own leader; a {...} group is led
 * by its first member (parse_events__set_leader()). */
static void evlist__set_leaders(struct record_opts *opts)
{
	for (int i = 0; i < opts->nr_evsel; i++) {
		struct evsel_model *ev = &opts->evsel[i];

		ev->leader = i;
		ev->nr_members = 1;
		for (int j = 0; ev->group >= 0 && j < i; j++)
			if (opts->evsel[j].group == ev->group) {
				ev->leader = j;
				opts->evsel[j].nr_members++;
				break;
			}
	}
}

/*
 * record__open() and record__mmap(): each evsel opened on each CPU (per-CPU
 * modes) or once (--per-thread), the group leader first, its members with
 * group_fd = FD(leader, cpu); the first event of each CPU mmaps the data
 * and AUX areas (PROT_READ in snapshot mode) and the others redirect to it
 * with PERF_EVENT_IOC_SET_OUTPUT.
 */
int record__open(struct aux_model *m, struct record_opts *opts, int task)
{
	struct perf_tool *tool = &m->s.tool;
	int nr = opts->target == TARGET_PER_THREAD ? 1 : m->s.nr_cpus;
	enum auxtrace_recorder itr;
	int aux = -1, ret;

	if (opts->nr_evsel > MAX_EVSEL)
		return -E2BIG;
	if (opts->evsel[0].leader < 0 || !opts->evsel[0].nr_members)
		evlist__set_leaders(opts);
	/* record__auxtrace_init(): the recorder (auxtrace_record__init()),
	 * what -S asks of it, then (perf >= 6.13) the aux-action terms */
	ret = auxtrace_record__init(m, opts, &itr);
	if (ret)
		return ret;
	ret = auxtrace_parse_snapshot_options(m, itr, opts);
	if (ret)
		return ret;
	ret = auxtrace_parse_aux_action(m, opts);
	if (ret)
		return ret;
	/* auxtrace_record__options(): the recorder's recording options */
	if (itr == AUXTRACE_ARM_SPE)
		ret = arm_spe_recording_options(m, opts);
	else if (itr == AUXTRACE_CS_ETM)
		ret = cs_etm_recording_options(m, opts);
	if (ret)
		return ret;
	for (int i = 0; i < opts->nr_evsel && aux < 0; i++)
		if (opts->evsel[i].attr.pmu == PMU_CS_ETM ||
		    opts->evsel[i].attr.pmu == PMU_ARM_SPE)
			aux = i;
	if (aux < 0) {
		/* perf would record without AUX tracing; auxsim models
		 * only AUX sessions, and the scenario parser refuses a
		 * line without an AUX event (perf_record__check()) */
		perf__msg(m, "auxsim: no AUX area event on the command line");
		return -EINVAL;
	}
	tool->snapshot_mode = opts->auxtrace_snapshot_mode;
	tool->privileged = opts->privileged;
	tool->target = (int8_t)opts->target;
	tool->auxtrace_mmap_pages = opts->auxtrace_mmap_pages;
	tool->auxtrace_snapshot_size = opts->auxtrace_snapshot_size;
	tool->mmap_pages = opts->mmap_pages;
	tool->phase = TOOL_RUNNING;
	tool->nr_evsel = (int8_t)opts->nr_evsel;
	tool->aux_evsel = (int8_t)aux;
	for (int i = 0; i < opts->nr_evsel && i < MAX_EVSEL; i++)
		tool->evsel_leader[i] = (int8_t)opts->evsel[i].leader;

	for (int c = 0; c < nr; c++) {
		int cpu = opts->target == TARGET_PER_THREAD ? -1 : c;
		int t = opts->target == TARGET_SYSTEM_WIDE ? -1 : task;
		struct perf_mmap *mm = &m->s.mmap[c];
		int rb = -1;

		for (int i = 0; i < opts->nr_evsel; i++) {
			struct evsel_model *es = &opts->evsel[i];
			struct perf_event_attr_model attr = es->attr;
			bool leader = es->leader == i;
			int ev;

			/* evsel__config(): leaders start disabled, and
			 * enable on exec for a workload perf started */
			attr.disabled = leader;
			attr.enable_on_exec =
				leader && opts->target != TARGET_SYSTEM_WIDE;
			ev = perf_event_open(m, &attr, t, cpu,
					     leader ? -1 :
						      tool->evsel_fd[es->leader][c]);
			if (ev < 0) {
				perf__msg(m, "Error:");
				if (ev == -EACCES)
					evsel__open_strerror_access(m);
				else
					perf__msg(m,
						  "The sys_perf_event_open() "
						  "syscall returned with %d "
						  "(%s) for event (%s).",
						  -ev, errno_name(-ev),
						  es->name);
				return ev;
			}
			m->s.event[ev].fd_idx = (int16_t)c;
			m->s.event[ev].evsel = (int16_t)i;
			tool->evsel_fd[i][c] = (int16_t)ev;
			if (i == aux)
				tool->fd_event[tool->nr_fds++] = (int16_t)ev;
		}
		/* record__mmap_evlist(): the AUX event's fd gets the mmap */
		rb = perf_mmap(m, tool->evsel_fd[aux][c]);
		if (rb < 0)
			return rb;
		/* libperf mmap_per_evsel(): every other fd of the CPU
		 * redirects to the first with PERF_EVENT_IOC_SET_OUTPUT; a
		 * refusal fails the whole mmap (record__mmap_evlist()) */
		for (int i = 0; i < opts->nr_evsel; i++) {
			if (i == aux)
				continue;
			ret = perf_event_set_output(m, tool->evsel_fd[i][c],
						    tool->evsel_fd[aux][c]);
			if (ret) {
				perf__msg(m, "failed to mmap with %d (%s)", -ret,
					  errno_name(-ret));
				return ret;
			}
		}
		if (!opts->no_aux_mmap) {
			ret = perf_mmap_aux(m, tool->evsel_fd[aux][c],
					    (uint32_t)opts->auxtrace_mmap_pages,
					    !opts->auxtrace_snapshot_mode);
			if (ret) {
				perf__msg(m, "failed to mmap AUX area: %d", ret);
				return ret;
			}
		}
		mm->in_use = 1;
		mm->idx = (int16_t)c;
		mm->cpu = (int8_t)cpu;
		/* auxtrace_mmap_params__set_idx(): the workload's pid unless
		 * the thread map is the dummy one of -a */
		mm->tid = opts->target == TARGET_SYSTEM_WIDE ?
				  -1 :
				  m->s.task[task].pid;
		mm->rb = (int16_t)rb;
		mm->len = opts->no_aux_mmap ? 0 :
			  opts->auxtrace_mmap_pages * m->page_size;
		mm->prev = 0;
		m->s.rb[rb].mmap = (int16_t)c;
		tool->nr_mmaps++;
	}
	/* -a: evlist__enable() once the workload is forked: the group
	 * leaders, evsel by evsel, CPU by CPU */
	if (opts->target == TARGET_SYSTEM_WIDE)
		for (int i = 0; i < opts->nr_evsel; i++)
			if (opts->evsel[i].leader == i)
				for (int c = 0; c < nr; c++)
					perf_ioctl(m, tool->evsel_fd[i][c],
						   PERF_EVENT_IOC_ENABLE);
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

/*
 * Ghost (not perf state): close the snapshot's per-stream accounting for
 * the snapshot-not-older-than-lost invariant.  Of each CPU's bytes emitted
 * since the last snapshot, those between the oldest one this snapshot
 * holds and the newest emitted that it does not hold were lost before it
 * (undecided if it held untracked bytes).  The events are disabled:
 * nothing more is emitted until the enable.
 */
static void ghost__snapshot_done(struct aux_model *m)
{
	struct perf_tool *tool = &m->s.tool;

	for (int c = 0; c < m->s.nr_cpus; c++) {
		struct cpu_state *cs = &m->s.cpu[c];
		uint64_t span = 0;

		if (cs->ghost_snap_lo != UINT64_MAX &&
		    cs->ghost_snap_held != UINT64_MAX &&
		    cs->stream > cs->ghost_snap_lo)
			span = cs->stream - cs->ghost_snap_lo;
		cs->ghost_snap_lost = span > cs->ghost_snap_held ?
					      span - cs->ghost_snap_held :
					      0;
		cs->ghost_snap_end = cs->stream;
		cs->ghost_snap_lo = cs->ghost_snap_held = 0;
	}
	tool->ghost_snap_flagged =
		tool->total_aux_lost != tool->ghost_snap_aux_lost;
	tool->ghost_snap_aux_lost = tool->total_aux_lost;
}

/* record__read_auxtrace_snapshot() -> record__auxtrace_read_snapshot_all():
 * every mmap with an AUX area, in index order.  Returns bytes copied. */
uint64_t record__read_auxtrace_snapshot(struct aux_model *m)
{
	struct perf_tool *tool = &m->s.tool;
	uint64_t total = 0, copied;

	tool->nr_snapshots++;
	for (int c = 0; c < m->s.nr_cpus; c++) /* ghost: auxtrace.c */
		m->s.cpu[c].ghost_snap_lo = UINT64_MAX;
	for (int i = 0; i < tool->nr_mmaps; i++) {
		if (!m->s.mmap[i].len) /* no AUX area mapped */
			continue;
		if (__auxtrace_mmap__read(m, i, true,
					  tool->auxtrace_snapshot_size,
					  tool->nr_snapshots, &copied) < 0) {
			perf__msg(m, "AUX area tracing snapshot failed");
			break;
		}
		total += copied;
	}
	ghost__snapshot_done(m);
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

		if (!mm->len || (!synch && w == mm->wakeups_seen))
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
	m->in_tool = true;
	m->this_cpu = 0; /* perf's own CPU */
	for (int i = 0; i < tool->nr_fds; i++)
		perf_mmap_close_aux(m, tool->fd_event[i]);
	m->in_tool = false;
}
