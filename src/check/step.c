// SPDX-License-Identifier: GPL-2.0
/*
 * step.c - the steps both drivers apply (step.h).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tools/perf/perf.h"
#include "scenario/scenario.h"
#include "check/step.h"
#include "lib/suggest.h"

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
 * well and compare (check-steps.c: mc_burst_verify()).
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

/* how many numbers each kind takes, and how it is written */
static const struct {
	int nargs;
	const char *form;
} step_forms[NR_STEP_KINDS] = {
	[STEP_TICK] = {1, "tick:CPU"},
	[STEP_OVERFLOW] = {2, "overflow:CPU:EVENT"},
	[STEP_SWITCH] = {2, "switch:CPU:TASK (TASK -1: idle)"},
	[STEP_IOCTL_DISABLE] = {1, "ioctl-disable:EVENT"},
	[STEP_IOCTL_ENABLE] = {1, "ioctl-enable:EVENT"},
	[STEP_SNAPSHOT] = {0, "snapshot"},
	[STEP_MUNMAP] = {0, "munmap"},
	[STEP_SIGUSR2] = {0, "sigusr2"},
	[STEP_SNAPSHOT_READ] = {0, "snapshot-read"},
	[STEP_OVERFLOW_BURST] = {2, "overflow-burst:CPU:EVENT"},
};

__attribute__((format(printf, 4, 5))) static int
step_err(struct step_error *err, int ret, int col, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return ret;
	err->col = col;
	va_start(ap, fmt);
	scn__vformat_msg(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return ret;
}

/* what the number in position @i of a @kind step stands for */
static const char *arg_what(int kind, int i)
{
	if (kind == STEP_IOCTL_DISABLE || kind == STEP_IOCTL_ENABLE)
		return "event";
	if (i == 0)
		return "CPU";
	return kind == STEP_SWITCH ? "task" : "event";
}

char *step__excerpt(char *buf, size_t size, const char *s, size_t n)
{
	size_t k = n < size ? n : size - 1;

	if (!size)
		return buf;
	for (size_t i = 0; i < k; i++)
		buf[i] =
			(unsigned char)s[i] < 0x20 || s[i] == 0x7f ? '?' : s[i];
	buf[k] = '\0';
	if (k < n && size > 4)
		memcpy(buf + size - 4, "...", 4);
	return buf;
}

/* [-]digits at s[*i], to @n: within @lo .. 127 (an int8_t field) */
static int parse_num(const char *s, size_t n, size_t *i, int lo, int *v,
		     const char *what, struct step_error *err)
{
	size_t at = *i, j = at;
	long val = 0;
	bool neg = false;
	char ex[STEP_EXCERPT];

	if (j < n && s[j] == '-') {
		neg = true;
		j++;
	}
	if (j >= n || s[j] < '0' || s[j] > '9')
		return step_err(err, -EINVAL, (int)at + 1,
				"expected a number (the %s) at '%s'", what,
				step__excerpt(ex, 16, s + at, n - at));
	for (; j < n && s[j] >= '0' && s[j] <= '9'; j++)
		if (val < 100000)
			val = val * 10 + (s[j] - '0');
	if (neg)
		val = -val;
	if ((val < lo || val > INT8_MAX) && j - at >= sizeof(ex))
		return step_err(err, -EINVAL, (int)at + 1,
				"%s number of %zu digits is too large (%d..%d)",
				what, j - at - neg, lo, INT8_MAX);
	if (val < lo || val > INT8_MAX)
		return step_err(err, -EINVAL, (int)at + 1,
				"%s %s is out of range (%d..%d)", what,
				step__excerpt(ex, sizeof(ex), s + at, j - at),
				lo, INT8_MAX);
	*i = j;
	*v = (int)val;
	return 0;
}

int step__parse_n(const char *s, size_t n, struct step *st,
		  struct step_error *err)
{
	size_t klen = 0, i;
	int k, v[2] = {-1, -1}, ret;

	memset(st, 0, sizeof(*st));
	st->cpu = -1;
	st->arg = -1;
	st->nmi_evsel = -1;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == ':' || c == '+' || c == '-' || c == '_')) {
			if (c == ' ' || c == '\t')
				return step_err(err, -EINVAL, (int)i + 1,
						"a blank (steps are separated "
						"by commas alone)");
			return step_err(err, -EINVAL, (int)i + 1,
					"unexpected character '%c'",
					c < 0x20 || c >= 0x7f ? '?' : c);
		}
	}
	while (klen < n && s[klen] != ':' && s[klen] != '+')
		klen++;
	for (k = 0; k < NR_STEP_KINDS; k++)
		if (strlen(step_names[k]) == klen &&
		    !strncmp(s, step_names[k], klen))
			break;
	if (k == NR_STEP_KINDS) {
		char word[24];
		const char *near;

		step__excerpt(word, sizeof(word), s, klen);
		near = suggest__closest(word, step_names, NR_STEP_KINDS);
		return step_err(err, -EINVAL, 1,
				"unknown step '%s'%s%s%s (known: tick, "
				"overflow, overflow-burst, switch, "
				"ioctl-disable, ioctl-enable, sigusr2, "
				"snapshot-read, snapshot, munmap)",
				word, near ? "; did you mean '" : "",
				near ? near : "", near ? "'?" : "");
	}
	st->kind = (uint8_t)k;
	i = klen;
	for (int a = 0; a < step_forms[k].nargs; a++) {
		if (i >= n || s[i] != ':')
			return step_err(err, -EINVAL, (int)i + 1,
					"'%s' takes %d number%s: %s",
					step_names[k], step_forms[k].nargs,
					step_forms[k].nargs > 1 ? "s" : "",
					step_forms[k].form);
		i++;
		ret = parse_num(s, n, &i, k == STEP_SWITCH && a == 1 ? -1 : 0,
				&v[a], arg_what(k, a), err);
		if (ret)
			return ret;
	}
	if (i < n && s[i] == ':')
		return step_err(err, -EINVAL, (int)i + 1,
				"'%s' takes %d number%s: %s", step_names[k],
				step_forms[k].nargs,
				step_forms[k].nargs == 1 ? "" : "s",
				step_forms[k].form);
	switch (k) {
	case STEP_TICK:
		st->cpu = (int8_t)v[0];
		break;
	case STEP_OVERFLOW:
	case STEP_OVERFLOW_BURST:
	case STEP_SWITCH:
		st->cpu = (int8_t)v[0];
		st->arg = (int8_t)v[1];
		break;
	case STEP_IOCTL_DISABLE:
	case STEP_IOCTL_ENABLE:
		st->arg = (int8_t)v[0];
		break;
	}
	if (i == n)
		return 0;
	if (n - i < 5 || strncmp(s + i, "+nmi:", 5)) {
		char ex[24];

		return step_err(err, -EINVAL, (int)i + 1,
				"unexpected '%s' after the step (an NMI is "
				"+nmi:EVENT:POINT)",
				step__excerpt(ex, sizeof(ex), s + i, n - i));
	}
	if (k == STEP_OVERFLOW || k == STEP_OVERFLOW_BURST)
		return step_err(err, -EINVAL, (int)i + 1,
				"an NMI does not land in a PMU interrupt "
				"step (%s)",
				step_names[k]);
	i += 5;
	ret = parse_num(s, n, &i, 0, &v[0], "NMI's event", err);
	if (ret)
		return ret;
	st->nmi_evsel = (int8_t)v[0];
	if (i >= n || s[i] != ':')
		return step_err(err, -EINVAL, (int)i + 1,
				"an NMI is +nmi:EVENT:POINT, POINT 0..%d or "
				"the function",
				NR_IRQ_POINTS - 1);
	i++;
	for (int p = 0; p < NR_IRQ_POINTS; p++) {
		char num[12];

		snprintf(num, sizeof(num), "%d", p);
		if ((n - i == strlen(num) && !strncmp(s + i, num, n - i)) ||
		    (n - i == strlen(irq_point_names[p]) &&
		     !strncmp(s + i, irq_point_names[p], n - i))) {
			st->nmi_point = (uint8_t)p;
			return 0;
		}
	}
	{
		char ex[36];

		return step_err(err, -EINVAL, (int)i + 1,
				"no interrupt point '%s' (0 %s, 1 %s, 2 %s)",
				step__excerpt(ex, sizeof(ex), s + i, n - i),
				irq_point_names[0], irq_point_names[1],
				irq_point_names[2]);
	}
}

int step__parse(const char *s, struct step *st)
{
	return step__parse_n(s, strlen(s), st, NULL);
}

int step__parse_list(const char *s, size_t len, struct step *steps, int max,
		     int *cols, struct step_error *err)
{
	size_t at = 0;
	int nr = 0;

	if (err)
		memset(err, 0, sizeof(*err));
	if (!len)
		return step_err(err, -EINVAL, 1, "no steps (an empty list)");
	for (;;) {
		const char *comma = memchr(s + at, ',', len - at);
		size_t end = comma ? (size_t)(comma - s) : len;
		int ret;

		if (err) {
			err->index = nr + 1;
			step__excerpt(err->token, sizeof(err->token), s + at,
				      end - at);
		}
		if (end == at)
			return step_err(err, -EINVAL, (int)at + 1,
					"an empty step (%s)",
					!at	     ? "a leading comma"
					: end == len ? "a trailing comma"
						     : "two commas in a row");
		if (nr == max)
			return step_err(err, -E2BIG, (int)at + 1,
					"more than %d steps (the checker's "
					"deepest path)",
					max);
		ret = step__parse_n(s + at, end - at, &steps[nr], err);
		if (ret) {
			if (err)
				err->col += (int)at;
			return ret;
		}
		if (cols)
			cols[nr] = (int)at + 1;
		nr++;
		if (!comma)
			break;
		at = end + 1;
		if (at == len) {
			if (err) {
				err->index = nr + 1;
				err->token[0] = '\0';
			}
			return step_err(err, -EINVAL, (int)at + 1,
					"an empty step (a trailing comma)");
		}
	}
	if (err)
		memset(err, 0, sizeof(*err));
	return nr;
}

/* "e2 (cycles/period=3000/)" */
static void evname(char *buf, int len, int e, const char *const *names, int nr)
{
	if (names && e >= 0 && e < nr && names[e])
		snprintf(buf, len, "e%d (%s)", e, names[e]);
	else
		snprintf(buf, len, "e%d", e);
}

/* @e is an event of perf record's line; if @counter, one that overflows */
static int check_evsel(const struct aux_model *m, int e, int cpu, bool counter,
		       const char *const *names, int nr, char *why, int len)
{
	const struct perf_tool *tool = &m->s.tool;
	char name[96];
	int ev;

	if (e < 0 || e >= tool->nr_evsel) {
		snprintf(why, len, "no event e%d: perf record has e0..e%d", e,
			 tool->nr_evsel - 1);
		return -EINVAL;
	}
	evname(name, sizeof(name), e, names, nr);
	if (!counter)
		return 0;
	ev = evsel_event(m, e, cpu < 0 ? 0 : cpu);
	if (ev < 0 || ev >= MAX_EVENTS || !m->s.event[ev].in_use) {
		snprintf(why, len, "%s is not opened on cpu%d", name, cpu);
		return -EINVAL;
	}
	if (m->s.event[ev].pmu != PMU_ARMV8) {
		snprintf(why, len,
			 "%s is not a counter: only a counter overflows", name);
		return -EINVAL;
	}
	return 0;
}

int step__check(const struct aux_model *m, const struct step *st,
		const char *const *evsel_names, int nr_names, char *why,
		int len)
{
	const struct perf_tool *tool = &m->s.tool;
	int cpu = st->cpu, ret = 0;

	switch (st->kind) {
	case STEP_TICK:
	case STEP_OVERFLOW:
	case STEP_OVERFLOW_BURST:
	case STEP_SWITCH:
		if (cpu < 0 || cpu >= m->s.nr_cpus) {
			snprintf(why, len, "no cpu%d: %s has cpu0..cpu%d", cpu,
				 m->mc ? m->mc->name : "the machine",
				 m->s.nr_cpus - 1);
			return -EINVAL;
		}
		break;
	}
	switch (st->kind) {
	case STEP_OVERFLOW:
	case STEP_OVERFLOW_BURST:
		ret = check_evsel(m, st->arg, cpu, true, evsel_names, nr_names,
				  why, len);
		break;
	case STEP_SWITCH:
		if (st->arg < -1 || st->arg >= MAX_TASKS ||
		    (st->arg >= 0 && !m->s.task[st->arg].in_use)) {
			int nt = 0;

			while (nt < MAX_TASKS && m->s.task[nt].in_use)
				nt++;
			snprintf(why, len,
				 "no task %d: the scenario has tasks 0..%d "
				 "(-1: idle)",
				 st->arg, nt - 1);
			return -EINVAL;
		}
		if (st->arg >= 0 && m->task_cpus[st->arg] &&
		    !(m->task_cpus[st->arg] & (1u << cpu))) {
			snprintf(why, len,
				 "task %d may not run on cpu%d (its cpus)",
				 st->arg, cpu);
			return -EINVAL;
		}
		break;
	case STEP_IOCTL_DISABLE:
	case STEP_IOCTL_ENABLE:
		ret = check_evsel(m, st->arg, -1, false, evsel_names, nr_names,
				  why, len);
		if (!ret && tool->evsel_leader[st->arg] != st->arg) {
			snprintf(why, len,
				 "e%d is not a group leader: perf's ioctl goes "
				 "to its leader, e%d",
				 st->arg, tool->evsel_leader[st->arg]);
			return -EINVAL;
		}
		break;
	case STEP_SNAPSHOT:
	case STEP_SIGUSR2:
	case STEP_SNAPSHOT_READ:
		if (!tool->snapshot_mode) {
			snprintf(why, len,
				 "perf record has no -S: there is no snapshot");
			return -EINVAL;
		}
		break;
	}
	if (ret || st->nmi_evsel < 0)
		return ret;
	if (!m->pmi_nmi) {
		snprintf(why, len,
			 "the PMU interrupts are IRQs here (no 'pmi nmi'): no "
			 "NMI lands");
		return -EINVAL;
	}
	if (st->nmi_point >= NR_IRQ_POINTS) {
		snprintf(why, len, "no interrupt point %d", st->nmi_point);
		return -EINVAL;
	}
	return check_evsel(m, st->nmi_evsel, cpu, true, evsel_names, nr_names,
			   why, len);
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
