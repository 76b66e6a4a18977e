// SPDX-License-Identifier: GPL-2.0
/*
 * step.c - the steps both drivers apply (step.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "perf/perf.h"
#include "step.h"

const char *const step_names[NR_STEP_KINDS] = {
	[STEP_TICK] = "tick",
	[STEP_OVERFLOW] = "overflow",
	[STEP_SWITCH] = "switch",
	[STEP_IOCTL_DISABLE] = "ioctl-disable",
	[STEP_IOCTL_ENABLE] = "ioctl-enable",
	[STEP_SNAPSHOT] = "snapshot",
	[STEP_MUNMAP] = "munmap",
	[STEP_SIGUSR2] = "sigusr2",
	[STEP_SNAPSHOT_READ] = "snapshot-read",
	[STEP_OVERFLOW_BURST] = "overflow-burst",
};

static const char *const irq_point_names[NR_IRQ_POINTS] = {
	[IP_AUX_PAUSE_GUARDED] = "perf_event_aux_pause",
	[IP_THROTTLE_GROUP] = "perf_event_throttle_group",
	[IP_UNTHROTTLE_GROUP] = "perf_event_unthrottle_group",
};

/* the event of @evsel on @cpu (per-CPU modes) or the one (--per-thread) */
static int evsel_event(const struct aux_model *m, int evsel, int cpu)
{
	const struct perf_tool *tool = &m->s.tool;

	if (evsel < 0 || evsel >= tool->nr_evsel)
		return -1;
	if (tool->target == TARGET_PER_THREAD)
		return tool->evsel_fd[evsel][0];
	if (cpu < 0 || cpu >= m->s.nr_cpus)
		return -1;
	return tool->evsel_fd[evsel][cpu];
}

static bool counting(const struct aux_model *m, int ev, int cpu)
{
	const struct perf_event *e = &m->s.event[ev];

	return e->pmu == PMU_ARMV8 && e->oncpu == cpu && e->hw_enabled;
}

int step__overflow(struct aux_model *m, int cpu, int evsel, bool nmi)
{
	int saved = m->this_cpu;
	int ev = evsel_event(m, evsel, cpu);

	if (ev < 0 || !counting(m, ev, cpu))
		return -EAGAIN;
	m->s.event[ev].hw_ovf_cycle = m->s.cpu[cpu].cycles; /* overflows now */
	m->s.cpu[cpu].in_nmi += nmi;
	if (nmi)
		model__enter(m, "el1_nmi");
	armv8pmu_handle_irq(m, cpu);
	if (nmi)
		model__leave(m);
	m->s.cpu[cpu].in_nmi -= nmi;
	m->this_cpu = saved;
	return 0;
}

/* model__irq_point(): the step's planned NMI lands here */
void model__nmi(struct aux_model *m, enum irq_point ip)
{
	int evsel = m->nmi_evsel;

	if (evsel < 0 || m->nmi_point != (int)ip ||
	    m->s.cpu[m->this_cpu].in_nmi)
		return;
	m->nmi_evsel = -1; /* one NMI per step */
	if (step__overflow(m, m->this_cpu, evsel, true) == 0)
		m->nmi_landed = true;
}

static bool task_may_run(const struct aux_model *m, int task, int cpu)
{
	if (task < 0)
		return true;
	if (task >= MAX_TASKS || !m->s.task[task].in_use)
		return false;
	if (m->s.task[task].cpu >= 0) /* running somewhere */
		return false;
	return !m->task_cpus[task] || (m->task_cpus[task] & (1u << cpu));
}

/*
 * __perf_event_account_interrupt() throttles at the max_samples_per_tick'th
 * interrupt of a tick; a burst takes the counter to one short of it.
 * hw_interrupts counts this tick's only while its seq is the CPU's.
 */
int step__burst_len(const struct aux_model *m, int cpu, int evsel)
{
	int ev = evsel_event(m, evsel, cpu);
	const struct perf_event *e;
	uint64_t now;

	if (ev < 0 || !counting(m, ev, cpu) || m->s.cpu[cpu].curr < 0)
		return 0;
	e = &m->s.event[ev];
	if (e->hw_interrupts == MAX_INTERRUPTS)
		return 0;
	now = e->hw_interrupts_seq == m->s.cpu[cpu].perf_throttled_seq ?
		      e->hw_interrupts :
		      0;
	if (now + 2 >= m->s.max_samples_per_tick)
		return 0;
	return (int)(m->s.max_samples_per_tick - 1 - now);
}

/* a burst looks for a steady interrupt among its first few only */
#define BURST_STEADY_TRIES 8

/*
 * STEP_OVERFLOW_BURST: step__burst_len() interrupts of @evsel's counter on
 * @cpu, each through armv8pmu_handle_irq().  For the checker
 * (m->burst_abstract set) the burst ends early once an interrupt changed
 * the abstracted state only by the counter's hw.interrupts, one up, from
 * what the interrupt before it had left: the model is a function of the
 * abstracted state (mc_normalize() zeroes only what never steers it), and
 * hw.interrupts steers it only at the throttle test in
 * __perf_event_account_interrupt(), which a burst stops one short of, so
 * every interrupt still to come would make the same change.  hw.interrupts
 * is moved on by the interrupts not run; the counts the abstraction zeroes
 * are not.  MODEL_TESTING builds of the checker run every burst in full as
 * well and compare (check.c: mc_burst_verify()).
 */
static void step__overflow_burst(struct aux_model *m, int cpu, int evsel)
{
	int n = step__burst_len(m, cpu, evsel);
	int ev = evsel_event(m, evsel, cpu);
	struct aux_state *prev = m->burst_scratch;
	struct aux_state *now = prev ? prev + 1 : NULL;

	for (int k = 1; k <= n; k++) {
		struct aux_state *t;
		uint64_t hi;

		if (step__overflow(m, cpu, evsel, m->pmi_nmi))
			break;
		if (!m->burst_abstract || k == n || k > BURST_STEADY_TRIES)
			continue;
		memcpy(now, &m->s, sizeof(*now));
		m->burst_abstract(now);
		hi = now->event[ev].hw_interrupts;
		if (k > 1 && hi == prev->event[ev].hw_interrupts + 1) {
			prev->event[ev].hw_interrupts = hi;
			if (!memcmp(prev, now, sizeof(*now))) {
				m->s.event[ev].hw_interrupts += (uint64_t)(n - k);
				break;
			}
		}
		t = prev;
		prev = now;
		now = t;
	}
}

bool step__enabled(const struct aux_model *m, const struct step *st)
{
	const struct perf_tool *tool = &m->s.tool;
	int cpu = st->cpu;

	if (tool->exited)
		return false;
	switch (st->kind) {
	case STEP_TICK:
		return cpu >= 0 && cpu < m->s.nr_cpus;
	case STEP_OVERFLOW_BURST:
		return st->nmi_evsel < 0 && cpu >= 0 && cpu < m->s.nr_cpus &&
		       step__burst_len(m, cpu, st->arg) > 0;
	case STEP_OVERFLOW: {
		int ev = evsel_event(m, st->arg, cpu);

		/* the counter counts cycles: the CPU must run code */
		return ev >= 0 && counting(m, ev, cpu) &&
		       m->s.cpu[cpu].curr >= 0;
	}
	case STEP_SWITCH:
		if (cpu < 0 || cpu >= m->s.nr_cpus ||
		    m->s.cpu[cpu].curr == st->arg)
			return false;
		return task_may_run(m, st->arg, cpu);
	case STEP_IOCTL_DISABLE:
	case STEP_IOCTL_ENABLE:
		return st->arg >= 0 && st->arg < tool->nr_evsel;
	case STEP_SNAPSHOT:
	case STEP_SIGUSR2:
		return tool->snapshot_mode && tool->phase == TOOL_RUNNING;
	case STEP_SNAPSHOT_READ:
		return tool->snapshot_mode && tool->phase == TOOL_SNAPSHOT_READ;
	case STEP_MUNMAP:
		return true;
	}
	return false;
}

bool step__terminal(const struct aux_model *m)
{
	return m->s.tool.exited; /* step__enabled(): false for every step */
}

int step__apply(struct aux_model *m, const struct step *st)
{
	if (!step__enabled(m, st))
		return -EAGAIN;
	return step__apply_enabled(m, st);
}

int step__apply_enabled(struct aux_model *m, const struct step *st)
{
	struct perf_tool *tool = &m->s.tool;
	int nr = tool->target == TARGET_PER_THREAD ? 1 : m->s.nr_cpus;

	m->nmi_evsel = st->nmi_evsel;
	m->nmi_point = st->nmi_point;
	m->nmi_landed = false;
	switch (st->kind) {
	case STEP_TICK:
		/* the checker's `check ... trace N`: the tick period's trace */
		trace__tick(m, st->cpu, m->tick_trace_ns);
		perf_event_task_tick(m, st->cpu);
		break;
	case STEP_OVERFLOW:
		m->nmi_evsel = -1; /* an NMI does not nest in a PMI */
		step__overflow(m, st->cpu, st->arg, m->pmi_nmi);
		break;
	case STEP_OVERFLOW_BURST:
		m->nmi_evsel = -1;
		step__overflow_burst(m, st->cpu, st->arg);
		break;
	case STEP_SWITCH:
		if (st->arg >= 0 && m->s.task[st->arg].cpu >= 0)
			return -EAGAIN;
		sched__switch(m, st->cpu, st->arg,
			      st->arg >= 0 ? m->s.next_slice++ : 0);
		break;
	case STEP_IOCTL_DISABLE:
	case STEP_IOCTL_ENABLE:
		m->in_tool = true;
		for (int c = 0; c < nr; c++)
			perf_ioctl(m, tool->evsel_fd[st->arg][c],
				   st->kind == STEP_IOCTL_ENABLE ?
					   PERF_EVENT_IOC_ENABLE :
					   PERF_EVENT_IOC_DISABLE);
		m->in_tool = false;
		break;
	case STEP_SNAPSHOT:
		if (record__snapshot_trigger(m) == 0) {
			record__read_auxtrace_snapshot(m);
			record__snapshot_finish(m);
		}
		break;
	case STEP_SIGUSR2:
		record__snapshot_trigger(m);
		break;
	case STEP_SNAPSHOT_READ:
		record__read_auxtrace_snapshot(m);
		record__snapshot_finish(m);
		break;
	case STEP_MUNMAP:
		record__exit(m);
		tool->exited = 1;
		break;
	}
	m->nmi_evsel = -1;
	return 0;
}

int step__format(char *buf, int len, const struct step *st)
{
	int n;

	switch (st->kind) {
	case STEP_TICK:
		n = snprintf(buf, len, "tick:%d", st->cpu);
		break;
	case STEP_OVERFLOW:
	case STEP_OVERFLOW_BURST:
	case STEP_SWITCH:
		n = snprintf(buf, len, "%s:%d:%d", step_names[st->kind],
			     st->cpu, st->arg);
		break;
	case STEP_IOCTL_DISABLE:
	case STEP_IOCTL_ENABLE:
		n = snprintf(buf, len, "%s:%d", step_names[st->kind], st->arg);
		break;
	default:
		n = snprintf(buf, len, "%s", step_names[st->kind]);
	}
	if (st->nmi_evsel >= 0 && n < len)
		n += snprintf(buf + n, len - n, "+nmi:%d:%d", st->nmi_evsel,
			      st->nmi_point);
	return n;
}

int step__parse(const char *s, struct step *st)
{
	const char *colon = strchr(s, ':');
	const char *plus = strchr(s, '+');
	size_t klen = colon ? (size_t)(colon - s) :
		      plus  ? (size_t)(plus - s) :
			      strlen(s);
	int a = -1, b = -1, k;

	memset(st, 0, sizeof(*st));
	st->cpu = -1;
	st->arg = -1;
	st->nmi_evsel = -1;
	for (k = 0; k < NR_STEP_KINDS; k++)
		if (strlen(step_names[k]) == klen &&
		    !strncmp(s, step_names[k], klen))
			break;
	if (k == NR_STEP_KINDS)
		return -EINVAL;
	st->kind = (uint8_t)k;
	if (colon && (!plus || colon < plus)) {
		char *end;

		a = (int)strtol(colon + 1, &end, 10);
		if (*end == ':')
			b = (int)strtol(end + 1, &end, 10);
		if (*end && *end != '+')
			return -EINVAL;
	}
	switch (k) {
	case STEP_TICK:
		st->cpu = (int8_t)a;
		break;
	case STEP_OVERFLOW:
	case STEP_OVERFLOW_BURST:
	case STEP_SWITCH:
		st->cpu = (int8_t)a;
		st->arg = (int8_t)b;
		break;
	case STEP_IOCTL_DISABLE:
	case STEP_IOCTL_ENABLE:
		st->arg = (int8_t)a;
		break;
	}
	if (plus) {
		int e, p;

		if (sscanf(plus, "+nmi:%d:%d", &e, &p) != 2 || e < 0 ||
		    p < 0 || p >= NR_IRQ_POINTS)
			return -EINVAL;
		st->nmi_evsel = (int8_t)e;
		st->nmi_point = (uint8_t)p;
	}
	return 0;
}

void step__describe(char *buf, int len, const struct step *st,
		    const char *const *evsel_names, int nr_evsel)
{
	const char *ename = st->arg >= 0 && st->arg < nr_evsel ?
				    evsel_names[st->arg] :
				    "?";
	int n = 0;

	switch (st->kind) {
	case STEP_TICK:
		n = snprintf(buf, len, "cpu%d  sched_tick", st->cpu);
		break;
	case STEP_OVERFLOW:
		n = snprintf(buf, len, "cpu%d  PMU interrupt: e%d %s overflows",
			     st->cpu, st->arg, ename);
		break;
	case STEP_OVERFLOW_BURST:
		n = snprintf(buf, len,
			     "cpu%d  PMU interrupts: e%d %s overflows back to "
			     "back, to one short of the throttle",
			     st->cpu, st->arg, ename);
		break;
	case STEP_SWITCH:
		if (st->arg < 0)
			n = snprintf(buf, len, "cpu%d  context switch to idle",
				     st->cpu);
		else
			n = snprintf(buf, len, "cpu%d  context switch to task %d",
				     st->cpu, st->arg);
		break;
	case STEP_IOCTL_DISABLE:
	case STEP_IOCTL_ENABLE:
		n = snprintf(buf, len, "perf  ioctl(PERF_EVENT_IOC_%s) on e%d %s",
			     st->kind == STEP_IOCTL_ENABLE ? "ENABLE" : "DISABLE",
			     st->arg, ename);
		break;
	case STEP_SNAPSHOT:
		n = snprintf(buf, len, "perf  SIGUSR2: snapshot");
		break;
	case STEP_SIGUSR2:
		n = snprintf(buf, len, "perf  SIGUSR2: snapshot start "
				       "(disable the AUX event)");
		break;
	case STEP_SNAPSHOT_READ:
		n = snprintf(buf, len, "perf  main loop: read the AUX areas, "
				       "enable again");
		break;
	case STEP_MUNMAP:
		n = snprintf(buf, len, "perf  exits: munmap the AUX areas");
		break;
	}
	if (st->nmi_evsel >= 0 && n < len)
		snprintf(buf + n, len - n, ", an NMI of e%d %s landing in %s",
			 st->nmi_evsel,
			 st->nmi_evsel < nr_evsel ? evsel_names[st->nmi_evsel] :
						    "?",
			 irq_point_names[st->nmi_point % NR_IRQ_POINTS]);
}
