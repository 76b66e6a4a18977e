// SPDX-License-Identifier: GPL-2.0
/*
 * core.c - model of kernel/events/core.c: event contexts and scheduling,
 * ioctl enable/disable through event_function_call(), enable_on_exec, the
 * AUX mmap and munmap, and the side-band records of the AUX path.
 *
 * The modelled scheduling is that of v5.12 and v6.1 (before the v6.2
 * perf_event_pmu_context rework), which agree on what matters here:
 * ctx_sched_out() clears ctx->is_active BEFORE pmu->del() runs, and
 * ctx_sched_in() sets it BEFORE pmu->add() runs, while an ioctl DISABLE on a
 * running task's context calls pmu->del() with is_active still set.  The
 * seed-000 RFC tells the two apart by exactly that.
 *
 * Simplifications, each stated: all events are flexible (perf record does
 * not pin them); the active lists are walked in event index order (the
 * kernel walks them in the order the groups went on, which is the same for
 * the groups perf record opens); a task context is never cloned, so
 * perf_event_context_sched_out() never swaps contexts; cgroups, time
 * accounting and multiplexing rotation are not modelled.
 */
#include <errno.h>
#include <string.h>

#include "model/model.h"
#include "model/pmus.h"

static struct perf_event *EV(struct aux_model *m, int i)
{
	return &m->s.event[i];
}

static void perf_event_unthrottle(struct aux_model *m, int event, bool start);
static void perf_log_throttle(struct aux_model *m, int event, int enable);

/* ---- records ---- */

/* kernel/events/core.c: perf_event_aux_event(): PERF_RECORD_AUX */
void perf_event_aux_event(struct aux_model *m, int event, uint64_t head,
			  uint64_t size, uint64_t flags)
{
	struct aux_record r = {
		.type = PERF_RECORD_AUX,
		.event = (int16_t)event,
		.rb = EV(m, event)->rb,
		.cpu = (int8_t)m->this_cpu,
		.offset = head,
		.size = size,
		.flags = flags,
	};

	m->s.rb[r.rb].nr_aux_records++;
	/* perf_session__process_event() counts it: stats.total_aux_lost */
	if ((flags & PERF_AUX_FLAG_TRUNCATED) &&
	    m->s.tool.total_aux_lost < UINT16_MAX)
		m->s.tool.total_aux_lost++;
	model__emit(m, &r);
}

/* kernel/events/core.c: perf_log_itrace_start() */
void perf_log_itrace_start(struct aux_model *m, int event)
{
	struct perf_event *e = EV(m, event);
	int t = m->s.cpu[m->this_cpu].curr;
	struct aux_record r = { .type = PERF_RECORD_ITRACE_START };

	if (e->parent >= 0)
		e = EV(m, e->parent);
	if (!(pmu_capabilities(m, e->pmu) & PERF_PMU_CAP_ITRACE) ||
	    e->attach_itrace)
		return;
	r.event = (int16_t)event;
	r.rb = e->rb;
	r.cpu = (int8_t)m->this_cpu;
	r.pid = r.tid = t >= 0 ? (uint32_t)m->s.task[t].pid : 0;
	model__emit(m, &r);
}

/* kernel/events/core.c: perf_event_itrace_started() */
void perf_event_itrace_started(struct aux_model *m, int event)
{
	EV(m, event)->attach_itrace = 1;
}

/* kernel/events/core.c: perf_report_aux_output_id() */
void perf_report_aux_output_id(struct aux_model *m, int event, uint64_t hw_id)
{
	struct aux_record r = {
		.type = PERF_RECORD_AUX_OUTPUT_HW_ID,
		.event = (int16_t)event,
		.rb = EV(m, event)->rb,
		.cpu = (int8_t)m->this_cpu,
		.hw_id = hw_id,
	};

	model__emit(m, &r);
}

/* perf_output_wakeup(): rb->poll, pending_wakeup, irq_work */
void perf_output_wakeup(struct aux_model *m, const struct perf_output_handle *h)
{
	m->s.rb[h->rb].nr_wakeups++;
}

/* ---- the software PMUs (struct pmu) ---- */

/* event->pmu: the operations of the event's PMU, from the id it keeps */
static const struct pmu *event_pmu(const struct aux_model *m, int event)
{
	return perf_pmu(m->s.event[event].pmu);
}

/* kernel/events/core.c: has_aux(): the PMU writes an AUX area */
static bool has_aux(int pmu)
{
	return perf_pmu(pmu)->setup_aux != NULL;
}

/* kernel/trace/trace_event_perf.c: perf_trace_add(): stopped unless
 * PERF_EF_START */
static int perf_trace_add(struct aux_model *m, int event, int flags)
{
	EV(m, event)->hw_state = (flags & PERF_EF_START) ? 0 : PERF_HES_STOPPED;
	return 0;
}

/* kernel/trace/trace_event_perf.c: perf_trace_del(): off the tracepoint's
 * list, which the model does not keep */
static void perf_trace_del(struct aux_model *m, int event, int flags)
{
}

/* kernel/events/core.c: perf_swevent_start() */
static void perf_swevent_start(struct aux_model *m, int event, int flags)
{
	EV(m, event)->hw_state = 0;
}

/* kernel/events/core.c: perf_swevent_stop() */
static void perf_swevent_stop(struct aux_model *m, int event, int flags)
{
	EV(m, event)->hw_state = PERF_HES_STOPPED;
}

/* kernel/events/core.c: perf_tracepoint, the sched:sched_switch events */
const struct pmu perf_tracepoint = {
	.name = "tracepoint",
	.task_ctx_nr = perf_sw_context,
	.add = perf_trace_add,
	.del = perf_trace_del,
	.start = perf_swevent_start,
	.stop = perf_swevent_stop,
};

static int perf_swevent_dummy_add(struct aux_model *m, int event, int flags)
{
	return 0;
}

static void perf_swevent_dummy_op(struct aux_model *m, int event, int flags)
{
}

/*
 * kernel/events/core.c: perf_swevent, as the perf tool's dummy:u tracking
 * event uses it.  A dummy counts nothing and the model keeps no hardware
 * state for it, so its callbacks do nothing.
 */
const struct pmu perf_swevent_dummy = {
	.name = "software",
	.task_ctx_nr = perf_sw_context,
	.add = perf_swevent_dummy_add,
	.del = perf_swevent_dummy_op,
	.start = perf_swevent_dummy_op,
	.stop = perf_swevent_dummy_op,
};

/* ---- event_sched_in/out ---- */

/* kernel/events/core.c: event_filter_match(): cpu == -1 or this CPU */
bool event_filter_match(const struct aux_model *m, int event)
{
	int cpu = m->s.event[event].cpu;

	return cpu == -1 || cpu == m->this_cpu;
}

/* kernel/events/core.c: event_sched_out() */
void event_sched_out(struct aux_model *m, int event, int ctx)
{
	struct perf_event *e = EV(m, event);
	int state = PERF_EVENT_STATE_INACTIVE;

	if (e->state != PERF_EVENT_STATE_ACTIVE)
		return;
	KENTER(m);
	model__log(m, "event_sched_out: event%d (ctx is_active %#x)", event,
		   m->s.ctx[ctx].is_active);
	event_pmu(m, event)->del(m, event, 0);
	e->oncpu = -1;
	if (e->pending_disable) {
		e->pending_disable = 0;
		state = PERF_EVENT_STATE_OFF;
	}
	e->state = (int8_t)state;
	KLEAVE(m);
}

/* kernel/events/core.c: event_sched_in() */
int event_sched_in(struct aux_model *m, int event, int ctx)
{
	struct perf_event *e = EV(m, event);
	int ret = 0;

	if (e->state <= PERF_EVENT_STATE_OFF)
		return 0;
	KENTER(m);
	e->oncpu = (int8_t)m->this_cpu;
	e->state = PERF_EVENT_STATE_ACTIVE;
	model__log(m, "event_sched_in: event%d (ctx is_active %#x)", event,
		   m->s.ctx[ctx].is_active);
	/* still throttled from before it went off: clear it (and log the
	 * UNTHROTTLE), no start - pmu->add(PERF_EF_START) follows */
	if (e->hw_interrupts == MAX_INTERRUPTS) {
		if (kernel_has(m, KF_GROUP_THROTTLE)) {
			perf_event_unthrottle(m, event, false);
		} else {
			perf_log_throttle(m, event, 1);
			e->hw_interrupts = 0;
		}
	}
	perf_log_itrace_start(m, event);
	if (event_pmu(m, event)->add(m, event, PERF_EF_START)) {
		e->state = PERF_EVENT_STATE_INACTIVE;
		e->oncpu = -1;
		ret = -EAGAIN;
	}
	KLEAVE(m);
	return ret;
}

static bool is_leader(struct aux_model *m, int i)
{
	return EV(m, i)->group_leader == i;
}

/* include/linux/perf_event.h: for_each_sibling_event(), over the leader's
 * sibling_list, in index order (no break in its body: it would end only
 * the inner loop) */
#define for_each_sibling_event(m, i, leader)                               \
	for (uint32_t sib_##i = EV(m, leader)->sibling_list; sib_##i;      \
	     sib_##i &= sib_##i - 1)                                       \
		for (int i = __builtin_ctz(sib_##i), one_##i = 1; one_##i; \
		     one_##i = 0)

/* kernel/events/core.c: group_sched_out() */
static void group_sched_out(struct aux_model *m, int leader, int ctx)
{
	if (EV(m, leader)->state != PERF_EVENT_STATE_ACTIVE)
		return;
	KENTER(m);
	event_sched_out(m, leader, ctx);
	for_each_sibling_event(m, i, leader)
		event_sched_out(m, i, ctx);
	KLEAVE(m);
}

/* kernel/events/core.c: group_sched_in() (no transactions: no CPU PMU) */
static int group_sched_in(struct aux_model *m, int leader, int ctx)
{
	int ret = 0;

	if (EV(m, leader)->state == PERF_EVENT_STATE_OFF)
		return 0;
	KENTER(m);
	if (event_sched_in(m, leader, ctx)) {
		ret = -EAGAIN;
		goto out;
	}
	for_each_sibling_event(m, i, leader) {
		if (event_sched_in(m, i, ctx)) {
			/* group_error: undo the partial group */
			for_each_sibling_event(m, j, leader)
				if (j < i)
					event_sched_out(m, j, ctx);
			event_sched_out(m, leader, ctx);
			ret = -EAGAIN;
			goto out;
		}
	}
out:
	KLEAVE(m);
	return ret;
}

/* kernel/events/core.c: ctx_flexible_sched_in() -> merge_sched_in() */
static void ctx_flexible_sched_in(struct aux_model *m, int ctx)
{
	KENTER(m);
	for (int i = 0; i < m->s.nr_event_slots; i++) {
		struct perf_event *e = EV(m, i);

		if (!e->in_use || e->ctx != ctx || !is_leader(m, i))
			continue;
		if (e->state <= PERF_EVENT_STATE_OFF)
			continue;
		if (!event_filter_match(m, i))
			continue;
		if (e->state == PERF_EVENT_STATE_ACTIVE)
			continue;
		/* group_can_go_on() is true: no exclusive CPU PMU here */
		group_sched_in(m, i, ctx);
		/* still INACTIVE: rotate_necessary = 1 (rotation is not
		 * modelled; the group waits for the next sched-in) */
	}
	KLEAVE(m);
}

/* kernel/events/core.c: ctx_sched_out(): is_active is cleared FIRST */
void ctx_sched_out(struct aux_model *m, int ctx, uint8_t event_type)
{
	struct perf_event_context *c = &m->s.ctx[ctx];
	struct perf_cpu_context *cpuctx = &m->s.cpuctx[m->this_cpu];
	uint8_t is_active = c->is_active;

	KENTER(m);
	if (!c->nr_events) {
		if (c->task >= 0)
			WARN_ON_ONCE(m, cpuctx->task_ctx >= 0,
				     WARN_CTX_TASK_CTX);
		KLEAVE(m);
		return;
	}
	c->is_active &= (uint8_t)~event_type;
	if (!(c->is_active & EVENT_ALL))
		c->is_active = 0;
	if (c->task >= 0) {
		WARN_ON_ONCE(m, cpuctx->task_ctx != ctx, WARN_CTX_TASK_CTX);
		if (!c->is_active)
			cpuctx->task_ctx = -1;
	}
	is_active ^= c->is_active; /* changed bits */
	if (is_active & EVENT_ALL) {
		for (int i = 0; i < m->s.nr_event_slots; i++)
			if (EV(m, i)->in_use && EV(m, i)->ctx == ctx &&
			    is_leader(m, i) &&
			    EV(m, i)->state == PERF_EVENT_STATE_ACTIVE)
				group_sched_out(m, i, ctx);
	}
	KLEAVE(m);
}

/* kernel/events/core.c: ctx_sched_in(): is_active is set FIRST */
void ctx_sched_in(struct aux_model *m, int ctx, uint8_t event_type)
{
	struct perf_event_context *c = &m->s.ctx[ctx];
	struct perf_cpu_context *cpuctx = &m->s.cpuctx[m->this_cpu];
	uint8_t is_active = c->is_active;

	if (!c->nr_events)
		return;
	KENTER(m);
	c->is_active |= (uint8_t)(event_type | EVENT_TIME);
	if (c->task >= 0) {
		/* mutant: the task ctx is not installed */
		if (!is_active &&
		    !kernel_patched(m, KP_MUTANT_SCHED_IN_NO_TASK_CTX))
			cpuctx->task_ctx = (int16_t)ctx;
		else
			WARN_ON_ONCE(m, cpuctx->task_ctx != ctx,
				     WARN_CTX_TASK_CTX);
	}
	is_active ^= c->is_active; /* changed bits */
	/* pinned groups first: none modelled; then flexible */
	if (is_active & EVENT_FLEXIBLE)
		ctx_flexible_sched_in(m, ctx);
	KLEAVE(m);
}

static int cpu_ctx(int cpu)
{
	return cpu; /* ctx[0..MAX_CPUS) are the CPU contexts */
}

/* kernel/events/core.c: perf_event_sched_in() */
static void perf_event_sched_in(struct aux_model *m, int task_ctx)
{
	/* cpu pinned, task pinned (none), cpu flexible, task flexible */
	ctx_sched_in(m, cpu_ctx(m->this_cpu), EVENT_FLEXIBLE);
	if (task_ctx >= 0)
		ctx_sched_in(m, task_ctx, EVENT_FLEXIBLE);
}

/* kernel/events/core.c: ctx_resched() for a flexible event */
static void ctx_resched(struct aux_model *m, int task_ctx, bool cpu_event)
{
	KENTER(m);
	if (task_ctx >= 0)
		ctx_sched_out(m, task_ctx, EVENT_FLEXIBLE);
	if (cpu_event)
		ctx_sched_out(m, cpu_ctx(m->this_cpu), EVENT_FLEXIBLE);
	perf_event_sched_in(m, task_ctx);
	KLEAVE(m);
}

/* ---- context switch ---- */

/* kernel/events/core.c: __perf_event_task_sched_out() ->
 * perf_event_context_sched_out() -> task_ctx_sched_out(EVENT_ALL) */
void perf_event_task_sched_out(struct aux_model *m, int cpu, int task)
{
	int ctx = m->s.task[task].perf_ctx;

	if (ctx < 0 || m->s.cpuctx[cpu].task_ctx != ctx)
		return;
	m->this_cpu = cpu;
	KENTER(m);
	ctx_sched_out(m, ctx, EVENT_ALL);
	KLEAVE(m);
}

/* kernel/events/core.c: __perf_event_task_sched_in() ->
 * perf_event_context_sched_in() */
void perf_event_task_sched_in(struct aux_model *m, int cpu, int task)
{
	int ctx = m->s.task[task].perf_ctx;

	if (ctx < 0)
		return;
	m->this_cpu = cpu;
	if (m->s.cpuctx[cpu].task_ctx == ctx)
		return;
	if (!m->s.ctx[ctx].nr_events)
		return;
	KENTER(m);
	/* no pinned task groups: the CPU flexible groups stay */
	perf_event_sched_in(m, ctx);
	KLEAVE(m);
}

/* ---- disable/enable ---- */

/* kernel/events/core.c: perf_event_disable_inatomic(): pending_disable
 * plus an irq_work that runs once the current code returns */
void perf_event_disable_inatomic(struct aux_model *m, int event)
{
	/* 5.12 stores smp_processor_id(); 6.1 stores 1 and queues the
	 * irq_work on this CPU: either way it runs here.  The model keeps
	 * the CPU + 1. */
	EV(m, event)->pending_disable = (uint8_t)(m->this_cpu + 1);
	m->s.irq_work_pending |= 1u << m->this_cpu; /* irq_work_queue() */
}

/* kernel/events/core.c: __perf_event_disable() */
static void __perf_event_disable(struct aux_model *m, int event, int ctx)
{
	struct perf_event *e = EV(m, event);

	if (e->state < PERF_EVENT_STATE_INACTIVE)
		return;
	KENTER(m);
	if (e->group_leader == event)
		group_sched_out(m, event, ctx);
	else
		event_sched_out(m, event, ctx);
	e->state = PERF_EVENT_STATE_OFF;
	KLEAVE(m);
}

/* kernel/events/core.c: __perf_event_enable() */
static void __perf_event_enable(struct aux_model *m, int event, int ctx)
{
	struct perf_event *e = EV(m, event);
	struct perf_event_context *c = &m->s.ctx[ctx];
	int leader = e->group_leader;

	if (e->state >= PERF_EVENT_STATE_INACTIVE ||
	    e->state < PERF_EVENT_STATE_ERROR)
		return;
	KENTER(m);
	/* ctx_sched_out(ctx, EVENT_TIME) only stops the clock */
	e->state = PERF_EVENT_STATE_INACTIVE;
	if (!c->is_active)
		goto out;
	if (!event_filter_match(m, event))
		goto out; /* ctx_sched_in(EVENT_TIME): clock only */
	/* __perf_event_enable(): a sibling whose leader is not ACTIVE waits
	 * for the leader's group to be scheduled; only a leader (or a sibling
	 * of an active leader) goes on now. */
	if (leader != event && EV(m, leader)->state != PERF_EVENT_STATE_ACTIVE)
		goto out;
	ctx_resched(m, c->task >= 0 ? ctx : m->s.cpuctx[m->this_cpu].task_ctx,
		    c->task < 0);
out:
	KLEAVE(m);
}

/*
 * kernel/events/core.c: event_function_call().  A CPU context runs @func on
 * event->cpu (an IPI); a task context runs it on the CPU where the task is
 * current (task_function_call()), with ctx->is_active set; if the task is not
 * running, @func runs locally with is_active == 0 and no PMU callback
 * follows, since nothing of that context is ACTIVE.
 */
static void event_function_call(struct aux_model *m, int event,
				void (*func)(struct aux_model *, int, int))
{
	struct perf_event *e = EV(m, event);
	struct perf_event_context *c = &m->s.ctx[e->ctx];
	int saved = m->this_cpu;

	KENTER(m);
	if (c->task < 0) {
		m->this_cpu = c->cpu; /* cpu_function_call(event->cpu) */
		func(m, event, e->ctx);
	} else {
		int cpu = m->s.task[c->task].cpu;

		if (cpu >= 0 && m->s.cpuctx[cpu].task_ctx == e->ctx)
			m->this_cpu = cpu; /* task_function_call() */
		func(m, event, e->ctx);
	}
	irq_work_run(m, m->this_cpu);
	m->this_cpu = saved;
	KLEAVE(m);
}

/* kernel/events/core.c: _perf_event_disable() */
static void _perf_event_disable(struct aux_model *m, int event)
{
	if (EV(m, event)->state <= PERF_EVENT_STATE_OFF)
		return;
	event_function_call(m, event, __perf_event_disable);
}

/* kernel/events/core.c: _perf_event_enable() */
static void _perf_event_enable(struct aux_model *m, int event)
{
	struct perf_event *e = EV(m, event);

	if (e->state >= PERF_EVENT_STATE_INACTIVE ||
	    e->state < PERF_EVENT_STATE_ERROR)
		return;
	/* _perf_event_enable(): an event in ERROR goes back to OFF first */
	if (e->state == PERF_EVENT_STATE_ERROR)
		e->state = PERF_EVENT_STATE_OFF;
	event_function_call(m, event, __perf_event_enable);
}

/* kernel/events/core.c: perf_ioctl() -> _perf_ioctl() (no inherited
 * children: perf_event_for_each_child() visits the event only) */
int perf_ioctl(struct aux_model *m, int event, unsigned int cmd)
{
	int ret = 0;

	KENTER(m);
	model__log(m, "perf_ioctl: event%d %s", event,
		   cmd == PERF_EVENT_IOC_ENABLE ? "PERF_EVENT_IOC_ENABLE" :
		   cmd == PERF_EVENT_IOC_DISABLE ? "PERF_EVENT_IOC_DISABLE" :
						   "?");
	switch (cmd) {
	case PERF_EVENT_IOC_ENABLE:
		_perf_event_enable(m, event);
		break;
	case PERF_EVENT_IOC_DISABLE:
		_perf_event_disable(m, event);
		break;
	default:
		ret = -ENOTTY;
	}
	KLEAVE(m);
	return ret;
}

/*
 * kernel/events/core.c: perf_pending_event_disable() (5.12) /
 * perf_pending_irq() (6.1): the irq_work queued on the CPU that called
 * perf_event_disable_inatomic() runs perf_event_disable_local() there, so
 * the event is disabled whether or not it is still ACTIVE (event_sched_out()
 * also turns a pending disable into OFF).
 */
void irq_work_run(struct aux_model *m, int cpu)
{
	int saved = m->this_cpu;

	if (!(m->s.irq_work_pending & (1u << cpu)))
		return;
	m->s.irq_work_pending &= ~(1u << cpu);

	for (int i = 0; i < m->s.nr_event_slots; i++) {
		struct perf_event *e = EV(m, i);

		if (!e->in_use || e->pending_disable != cpu + 1)
			continue;
		KENTER(m);
		m->this_cpu = cpu;
		e->pending_disable = 0;
		/* perf_event_disable_local() */
		__perf_event_disable(m, i, e->ctx);
		KLEAVE(m);
	}
	m->this_cpu = saved;
}

/* kernel/events/core.c: perf_event_enable_on_exec() */
void perf_event_exec(struct aux_model *m, int task)
{
	int ctx = m->s.task[task].perf_ctx;
	int cpu = m->s.task[task].cpu;
	bool enabled = false;

	if (ctx < 0)
		return;
	KENTER(m);
	if (cpu >= 0)
		m->this_cpu = cpu;
	for (int i = 0; i < m->s.nr_event_slots; i++) {
		struct perf_event *e = EV(m, i);

		if (!e->in_use || e->ctx != ctx || !e->enable_on_exec)
			continue;
		/* event_enable_on_exec() */
		e->enable_on_exec = 0;
		if (e->state >= PERF_EVENT_STATE_INACTIVE)
			continue;
		e->state = PERF_EVENT_STATE_INACTIVE;
		enabled = true;
	}
	/* perf_event_enable_on_exec(): when any event changed state, the
	 * context stops being a clone and is rescheduled. */
	if (enabled && cpu >= 0) {
		if (m->s.ctx[ctx].is_active)
			ctx_resched(m, ctx, false);
		else
			perf_event_sched_in(m, ctx);
		/* local_irq_restore(): queued irq_work runs */
		irq_work_run(m, cpu);
	}
	KLEAVE(m);
}

/* ---- perf_event_open, mmap, munmap ---- */

static int find_get_context(struct aux_model *m, int task, int cpu)
{
	if (task < 0) {
		struct perf_event_context *c = &m->s.ctx[cpu_ctx(cpu)];

		/* perf_allow_cpu(): a CPU event needs CAP_PERFMON unless
		 * kernel.perf_event_paranoid is 0 or less */
		if (!m->perfmon_capable && m->perf_event_paranoid > 0)
			return -EACCES;

		c->in_use = 1;
		c->cpu = (int8_t)cpu;
		c->task = -1;
		return cpu_ctx(cpu);
	}
	if (m->s.task[task].perf_ctx >= 0)
		return m->s.task[task].perf_ctx;
	for (int i = MAX_CPUS; i < MAX_CTX; i++) {
		struct perf_event_context *c = &m->s.ctx[i];

		if (c->in_use)
			continue;
		c->in_use = 1;
		c->cpu = -1;
		c->task = (int16_t)task;
		m->s.task[task].perf_ctx = (int16_t)i;
		return i;
	}
	return -ENOMEM;
}

/*
 * kernel/events/core.c: perf_install_in_context() -> __perf_install_in_context()
 * on the event's CPU (a CPU context) or where the task runs: add the event,
 * then ctx_resched(), which schedules the context in and so sets
 * is_active.  A task that is not running gets the event added only.
 */
static void perf_install_in_context(struct aux_model *m, int event, int ctx)
{
	struct perf_event_context *c = &m->s.ctx[ctx];
	int saved = m->this_cpu;
	int cpu = c->task < 0 ? c->cpu : m->s.task[c->task].cpu;

	c->nr_events++; /* add_event_to_ctx() */
	if (cpu < 0)
		return;
	KENTER(m);
	m->this_cpu = cpu;
	if (c->task >= 0)
		ctx_resched(m, m->s.cpuctx[cpu].task_ctx == ctx ? ctx : -1,
			    false);
	else
		ctx_resched(m, m->s.cpuctx[cpu].task_ctx, true);
	m->this_cpu = saved;
	KLEAVE(m);
}

/* kernel/events/core.c: sys_perf_event_open() -> perf_event_alloc(),
 * perf_install_in_context().  Events are opened disabled, as perf record
 * opens them; only then can the install skip the resched. */
int perf_event_open(struct aux_model *m,
		    const struct perf_event_attr_model *attr, int task, int cpu,
		    int group_fd)
{
	const struct pmu *pmu = perf_pmu(attr->pmu);
	bool need_aux_event = attr->aux_pause || attr->aux_resume;
	int ctx, leader = group_fd;

	/* perf_copy_attr(): aux_action bits are reserved before v6.13 */
	if (!kernel_has(m, KF_AUX_PAUSE) &&
	    (attr->aux_start_paused || need_aux_event))
		return -EINVAL;
	/* perf_event_alloc(): */
	if (attr->aux_pause && attr->aux_resume)
		return -EINVAL;
	if (attr->aux_start_paused &&
	    !(pmu_capabilities(m, attr->pmu) & PERF_PMU_CAP_AUX_PAUSE))
		return -EOPNOTSUPP;
	if (leader >= 0) {
		const struct perf_event *l = EV(m, leader);

		/* the group leader must be a leader, on the same CPU and
		 * context */
		if (!l->in_use || l->group_leader != leader || l->cpu != cpu ||
		    l->task != task)
			return -EINVAL;
	}
	/* perf_init_event(): the PMU's own checks (pmu->event_init()) */
	if (pmu->event_init) {
		int ret = pmu->event_init(m, attr, leader);

		if (ret)
			return ret;
	}
	/* perf_get_aux_event(): an aux-action event needs an AUX leader
	 * that can pause */
	if (need_aux_event &&
	    (leader < 0 ||
	     !(pmu_capabilities(m, EV(m, leader)->pmu) & PERF_PMU_CAP_AUX_PAUSE)))
		return -EINVAL;
	if (!attr->disabled && leader < 0)
		return -EINVAL; /* not modelled: perf record opens leaders
				 * disabled */
	/* perf_event_open(): a frequency above the sample-rate limit */
	if (attr->freq &&
	    attr->sample_period > m->s.max_samples_per_tick * m->mc->hz)
		return -EINVAL;
	ctx = find_get_context(m, task, cpu);
	if (ctx < 0)
		return ctx;
	for (int i = 0; i < MAX_EVENTS; i++) {
		struct perf_event *e = EV(m, i);

		if (e->in_use)
			continue;
		memset(e, 0, sizeof(*e));
		e->in_use = 1;
		if (i >= m->s.nr_event_slots)
			m->s.nr_event_slots = (uint8_t)(i + 1);
		e->pmu = (int8_t)attr->pmu;
		e->cpu = (int8_t)cpu;
		e->task = (int16_t)task;
		e->ctx = (int16_t)ctx;
		e->state = attr->disabled ? PERF_EVENT_STATE_OFF :
					    PERF_EVENT_STATE_INACTIVE;
		e->oncpu = -1;
		e->hw_state = PERF_HES_STOPPED;
		e->group_leader = (int16_t)(leader >= 0 ? leader : i);
		if (leader >= 0) /* perf_group_attach() */
			EV(m, leader)->sibling_list |= 1u << i;
		e->group_pmu = e->pmu;
		e->rb = -1;
		e->parent = -1;
		e->fd_idx = -1;
		e->evsel = -1;
		e->aux_event = (int16_t)(need_aux_event ? leader : -1);
		/* mutant: perf_get_aux_event()'s link is not made */
		if (kernel_patched(m, KP_MUTANT_NO_AUX_EVENT))
			e->aux_event = -1;
		e->hw_idx = -1;
		e->disabled = attr->disabled;
		e->enable_on_exec = attr->enable_on_exec;
		e->exclude_user = attr->exclude_user;
		e->exclude_kernel = attr->exclude_kernel;
		e->aux_start_paused = attr->aux_start_paused;
		e->aux_pause = attr->aux_pause;
		e->aux_resume = attr->aux_resume;
		/* perf_event_alloc(): start paused */
		e->hw_aux_paused = attr->aux_start_paused;
		e->ghost_user_paused = attr->aux_start_paused;
		e->config = attr->config;
		e->config2 = attr->config2;
		e->sample_period = attr->sample_period;
		e->freq = attr->freq;
		/* perf_event_alloc(): a frequency event starts at period 1 */
		if (attr->freq) {
			e->sample_freq = (uint32_t)attr->sample_period;
			e->sample_period = 1;
		}
		e->last_period = e->sample_period;
		e->hw_period_left = (int64_t)e->sample_period;
		/*
		 * move_group: a hardware event joining a group whose leader
		 * is in the software context (cs_etm and arm_spe set
		 * task_ctx_nr = perf_sw_context) moves the whole group into
		 * the hardware PMU's pmu_ctx.
		 */
		if (leader >= 0 && pmu->task_ctx_nr == perf_hw_context)
			for (int j = 0; j < m->s.nr_event_slots; j++)
				if (EV(m, j)->in_use &&
				    EV(m, j)->group_leader == leader)
					EV(m, j)->group_pmu = (int8_t)attr->pmu;
		perf_install_in_context(m, i, ctx);
		return i;
	}
	return -EMFILE;
}

/* kernel/events/core.c: perf_mmap() for the data area (rb_alloc +
 * ring_buffer_attach) */
int perf_mmap(struct aux_model *m, int event)
{
	int rb = rb_alloc(m, event);

	if (rb < 0)
		return rb;
	EV(m, event)->rb = (int16_t)rb;
	m->s.rb[rb].event_list |= 1u << event; /* ring_buffer_attach() */
	return rb;
}

/*
 * kernel/events/core.c: perf_event_set_output() (PERF_EVENT_IOC_SET_OUTPUT).
 * Of its refusals the model keeps: no output event buffer, another CPU, and
 * two events that both write AUX data through different PMUs (one ring
 * buffer's AUX area belongs to one PMU's setup_aux(): cs_etm and arm_spe
 * events cannot share it, two cs_etm events can).
 */
int perf_event_set_output(struct aux_model *m, int event, int output_event)
{
	int rb = EV(m, output_event)->rb;

	if (rb < 0)
		return -EINVAL;
	if (EV(m, event)->cpu != EV(m, output_event)->cpu)
		return -EINVAL;
	if (has_aux(EV(m, event)->pmu) && has_aux(EV(m, output_event)->pmu) &&
	    EV(m, event)->pmu != EV(m, output_event)->pmu)
		return -EINVAL;
	m->s.rb[rb].refcount++;
	EV(m, event)->rb = (int16_t)rb;
	m->s.rb[rb].event_list |= 1u << event; /* ring_buffer_attach() */
	return 0;
}

/* kernel/events/core.c: perf_mmap() for the AUX area (perf_mmap_aux()) */
int perf_mmap_aux(struct aux_model *m, int event, uint32_t nr_pages,
		  bool writable)
{
	int rbi = EV(m, event)->rb;
	struct perf_buffer *rb;
	int ret;

	if (rbi < 0)
		return -EINVAL;
	rb = &m->s.rb[rbi];
	/* nr_pages must be a power of two */
	if (!nr_pages || (nr_pages & (nr_pages - 1)))
		return -EINVAL;
	if (rb->aux_nr_pages) {
		if (rb->aux_nr_pages != nr_pages)
			return -EINVAL;
		rb->aux_mmap_count++;
		return 0;
	}
	ret = rb_alloc_aux(m, rbi, event, nr_pages, 0,
			   writable ? RING_BUFFER_WRITABLE : 0);
	if (!ret)
		rb->aux_mmap_count = 1;
	return ret;
}

/* kernel/events/core.c: perf_pmu_output_stop() -> __perf_event_stop():
 * stop(PERF_EF_UPDATE) on every ACTIVE AUX event writing into @rb */
static void perf_pmu_output_stop(struct aux_model *m, int rb)
{
	int saved = m->this_cpu;

	KENTER(m);
	/* over rb->event_list, in index order */
	for (uint32_t l = m->s.rb[rb].event_list; l; l &= l - 1) {
		int i = __builtin_ctz(l);
		struct perf_event *e = EV(m, i);

		if (!e->in_use || e->state != PERF_EVENT_STATE_ACTIVE ||
		    !has_aux(e->pmu) || e->rb != rb)
			continue;
		m->this_cpu = e->oncpu;
		KENTER(m); /* __perf_event_stop */
		event_pmu(m, i)->stop(m, i, PERF_EF_UPDATE);
		KLEAVE(m);
	}
	m->this_cpu = saved;
	KLEAVE(m);
}

/* kernel/events/core.c: perf_mmap_close() for the AUX vma */
void perf_mmap_close_aux(struct aux_model *m, int event)
{
	int rbi = EV(m, event)->rb;
	struct perf_buffer *rb;

	if (rbi < 0)
		return;
	rb = &m->s.rb[rbi];
	if (!rb->aux_nr_pages || --rb->aux_mmap_count)
		return;
	model__enter(m, "perf_mmap_close");
	/* perf_mmap_close(): the last AUX unmap stops every event still
	 * writing into this rb before the AUX pages go; aux_mmap_count is
	 * already zero, so none of them can start again. */
	perf_pmu_output_stop(m, rbi);
	/* this has to be the last one */
	if (!kernel_patched(m, KP_MUTANT_MUNMAP_LEAKS))
		rb_free_aux(m, rbi);
	WARN_ON_ONCE(m, rb->aux_refcount != 0, WARN_AUX_REFCOUNT);
	KLEAVE(m);
}

/* ---- throttling, overflow, AUX pause/resume ---- */

/* kernel/events/core.c: perf_log_throttle(): PERF_RECORD_THROTTLE or
 * UNTHROTTLE into the event's rb */
static void perf_log_throttle(struct aux_model *m, int event, int enable)
{
	struct aux_record r = {
		.type = enable ? PERF_RECORD_UNTHROTTLE : PERF_RECORD_THROTTLE,
		.event = (int16_t)event,
		.rb = EV(m, event)->rb,
		.cpu = (int8_t)m->this_cpu,
	};

	model__emit(m, &r);
}

/*
 * kernel/events/core.c: __perf_event_aux_pause().  hw.aux_paused is one
 * idempotent bit: PAUSE and RESUME reach the PMU only when it changes.
 */
static void __perf_event_aux_pause(struct aux_model *m, int event, bool pause)
{
	struct perf_event *e = EV(m, event);

	if (pause) {
		if (!e->hw_aux_paused) {
			e->hw_aux_paused = 1;
			event_pmu(m, event)->stop(m, event, PERF_EF_PAUSE);
		}
	} else {
		if (e->hw_aux_paused) {
			e->hw_aux_paused = 0;
			event_pmu(m, event)->start(m, event, PERF_EF_RESUME);
		}
	}
}

/*
 * kernel/events/core.c: perf_event_aux_pause().  The rb's
 * aux_in_pause_resume guards against recursion: a pause or resume that
 * arrives (from an NMI) while another is in progress on this rb is
 * dropped.  IRQs are off inside, NMIs are not.
 */
void perf_event_aux_pause(struct aux_model *m, int event, bool pause)
{
	struct perf_buffer *rb;
	int rbi;

	KENTER(m);
	if (WARN_ON_ONCE(m, event < 0, WARN_AUX_PAUSE_NO_EVENT)) {
		KLEAVE(m);
		return;
	}
	rbi = EV(m, event)->rb; /* ring_buffer_get(event) */
	if (EV(m, event)->parent >= 0)
		rbi = EV(m, EV(m, event)->parent)->rb;
	if (rbi < 0 || m->s.rb[rbi].refcount <= 0) {
		KLEAVE(m);
		return;
	}
	rb = &m->s.rb[rbi];
	rb->refcount++;
	/* perf_event_aux_pause(): aux_in_pause_resume blocks recursion; a
	 * pause or resume from an NMI that lands while one is running on
	 * this rb is dropped. */
	if (rb->aux_in_pause_resume) {
		model__log(m, "perf_event_aux_pause: event%d %s dropped "
			      "(aux_in_pause_resume)",
			   event, pause ? "pause" : "resume");
	} else {
		rb->aux_in_pause_resume = 1;
		model__irq_point(m, IP_AUX_PAUSE_GUARDED);
		__perf_event_aux_pause(m, event, pause);
		rb->aux_in_pause_resume = 0;
	}
	rb->refcount--; /* ring_buffer_put() */
	KLEAVE(m);
}

/* kernel/events/core.c: perf_event_unthrottle() (v6.16+, with the ACTIVE
 * guard); the seed-001 patch resumes AUX_PAUSE PMUs instead of start(0) */
static void perf_event_unthrottle(struct aux_model *m, int event, bool start)
{
	struct perf_event *e = EV(m, event);

	if (e->state != PERF_EVENT_STATE_ACTIVE)
		return;
	KENTER(m);
	e->hw_interrupts = 0;
	if (start) {
		/* aux-throttle-fix: the throttle closed the AUX transaction,
		 * start(0) opens a new one (and honours hw.aux_paused) */
		if (!kernel_patched(m, KP_AUX_THROTTLE_FIX) &&
		    kernel_patched(m, KP_AUX_PAUSE_THROTTLE_V1) &&
		    (pmu_capabilities(m, e->pmu) & PERF_PMU_CAP_AUX_PAUSE))
			perf_event_aux_pause(m, event, false);
		else
			event_pmu(m, event)->start(m, event, 0);
	}
	if (event == e->group_leader)
		perf_log_throttle(m, event, 1);
	KLEAVE(m);
}

/* kernel/events/core.c: perf_event_throttle() (v6.16+) */
static void perf_event_throttle(struct aux_model *m, int event)
{
	struct perf_event *e = EV(m, event);

	if (e->state != PERF_EVENT_STATE_ACTIVE)
		return;
	KENTER(m);
	e->hw_interrupts = MAX_INTERRUPTS;
	if (kernel_patched(m, KP_MUTANT_THROTTLE_NO_STOP) ||
	    (kernel_patched(m, KP_MUTANT_THROTTLE_KEEPS_AUX) && has_aux(e->pmu)))
		; /* mutants: no stop */
	else if (kernel_patched(m, KP_AUX_THROTTLE_FIX) && has_aux(e->pmu))
		/* aux-throttle-fix: close the AUX transaction, as every other
		 * AUX teardown does; hw.aux_paused stays the user's */
		event_pmu(m, event)->stop(m, event, PERF_EF_UPDATE);
	else if (kernel_patched(m, KP_AUX_PAUSE_THROTTLE_V1) &&
		 (pmu_capabilities(m, e->pmu) & PERF_PMU_CAP_AUX_PAUSE))
		perf_event_aux_pause(m, event, true);
	else
		event_pmu(m, event)->stop(m, event, 0);
	if (event == e->group_leader)
		perf_log_throttle(m, event, 0);
	KLEAVE(m);
}

/* kernel/events/core.c: perf_event_unthrottle_group() */
void perf_event_unthrottle_group(struct aux_model *m, int event,
				 bool skip_start_event)
{
	int leader = EV(m, event)->group_leader;

	KENTER(m);
	perf_event_unthrottle(m, leader, skip_start_event ? leader != event :
							     true);
	for_each_sibling_event(m, i, leader) {
		model__irq_point(m, IP_UNTHROTTLE_GROUP);
		perf_event_unthrottle(m, i, skip_start_event ? i != event : true);
	}
	KLEAVE(m);
}

/* kernel/events/core.c: perf_event_throttle_group(): the leader first,
 * even when it is not the overflowing event (an AUX leader never is) */
void perf_event_throttle_group(struct aux_model *m, int event)
{
	int leader = EV(m, event)->group_leader;

	KENTER(m);
	perf_event_throttle(m, leader);
	for_each_sibling_event(m, i, leader) {
		model__irq_point(m, IP_THROTTLE_GROUP);
		perf_event_throttle(m, i);
	}
	KLEAVE(m);
}

static bool is_event_in_freq_mode(const struct perf_event *e)
{
	return e->freq && e->sample_freq;
}

/* kernel/events/core.c: perf_calculate_period(): the period that gives
 * sample_freq samples a second, having counted @count in @nsec */
static uint64_t perf_calculate_period(const struct perf_event *e,
				      uint64_t nsec, uint64_t count)
{
	unsigned __int128 dividend = (unsigned __int128)count * 1000000000u;
	unsigned __int128 divisor = (unsigned __int128)nsec * e->sample_freq;

	if (!divisor)
		return (uint64_t)dividend;
	return (uint64_t)(dividend / divisor);
}

/* kernel/events/core.c: perf_adjust_period(): low-pass filter the period
 * toward the frequency; restart if far too much is left */
static void perf_adjust_period(struct aux_model *m, int event, uint64_t nsec,
			       uint64_t count, bool disable)
{
	struct perf_event *e = EV(m, event);
	int64_t period = (int64_t)perf_calculate_period(e, nsec, count);
	int64_t delta = period - (int64_t)e->sample_period;
	int64_t sample_period;

	KENTER(m);
	if (delta >= 0)
		delta += 7;
	else
		delta -= 7;
	delta /= 8; /* low pass filter */
	sample_period = (int64_t)e->sample_period + delta;
	if (!sample_period)
		sample_period = 1;
	model__log(m, "perf_adjust_period: event%d %llu in %llu ns: period "
		      "%llu -> %lld",
		   event, (unsigned long long)count, (unsigned long long)nsec,
		   (unsigned long long)e->sample_period, (long long)sample_period);
	e->sample_period = (uint64_t)sample_period;
	if (e->hw_period_left > 8 * sample_period) {
		if (disable)
			event_pmu(m, event)->stop(m, event, PERF_EF_UPDATE);
		e->hw_period_left = 0;
		if (disable)
			event_pmu(m, event)->start(m, event, PERF_EF_RELOAD);
	}
	KLEAVE(m);
}

/* kernel/events/core.c: __perf_event_account_interrupt() */
static int __perf_event_account_interrupt(struct aux_model *m, int event,
					  int throttle)
{
	struct perf_event *e = EV(m, event);
	struct cpu_state *c = &m->s.cpu[m->this_cpu];
	int ret = 0;

	KENTER(m);
	if (c->perf_throttled_seq != e->hw_interrupts_seq) {
		e->hw_interrupts_seq = c->perf_throttled_seq;
		e->hw_interrupts = 1;
	} else {
		e->hw_interrupts++;
	}
	if (throttle && e->hw_interrupts >= m->s.max_samples_per_tick) {
		c->perf_throttled_count++;
		if (kernel_has(m, KF_GROUP_THROTTLE)) {
			perf_event_throttle_group(m, event);
		} else {
			/* before v6.16: only this event, its PMU's handler
			 * disables the counter */
			e->hw_interrupts = MAX_INTERRUPTS;
			perf_log_throttle(m, event, 0);
		}
		ret = 1;
	}
	if (e->freq) {
		uint64_t now = m->s.time_ns; /* perf_clock() */
		int64_t delta = (int64_t)(now - e->freq_time_stamp);

		/* freq_time_stamp starts at 0 and perf_clock() counts from
		 * boot, so the first interrupt never adjusts; the model's
		 * clock starts at 0, so 0 means "never" */
		if (!e->freq_time_stamp)
			delta = 0;
		e->freq_time_stamp = now;
		if (delta > 0 &&
		    delta < 2 * (int64_t)(1000000000ull / m->mc->hz))
			perf_adjust_period(m, event, (uint64_t)delta,
					   e->last_period, true);
	}
	KLEAVE(m);
	return ret;
}

/*
 * kernel/events/core.c: __perf_event_overflow().  The order matters: the
 * interrupt is accounted (and the group maybe throttled) first, then
 * aux_pause, then the sample, and aux_resume last, at `out:` - so a resume
 * event whose overflow throttles resumes its AUX leader after the
 * throttle.  Returns nonzero if the PMU must stop.
 */
static int __perf_event_overflow(struct aux_model *m, int event, int throttle)
{
	struct perf_event *e = EV(m, event);
	int ret;

	KENTER(m);
	e->nr_overflows++;
	/* __perf_event_overflow(): a counting (non-sampling) event can
	 * overflow too, only to widen a narrow hardware counter; it produces
	 * no sample and is not throttled. */
	if (!e->sample_period) {
		KLEAVE(m);
		return 0;
	}
	ret = __perf_event_account_interrupt(m, event, throttle);
	if (e->aux_pause) {
		if (e->aux_event >= 0)
			EV(m, e->aux_event)->ghost_user_paused = 1;
		perf_event_aux_pause(m, e->aux_event, true);
	}
	/* overflow_handler: perf_event_output() writes PERF_RECORD_SAMPLE */
	e->nr_samples++;
	if (e->aux_resume) {
		if (e->aux_event >= 0)
			EV(m, e->aux_event)->ghost_user_paused = 0;
		perf_event_aux_pause(m, e->aux_event, false);
	}
	KLEAVE(m);
	return ret;
}

/* kernel/events/core.c: perf_event_overflow(), from a PMU interrupt */
int perf_event_overflow(struct aux_model *m, int event)
{
	int ret;

	KENTER(m);
	ret = __perf_event_overflow(m, event, 1);
	KLEAVE(m);
	return ret;
}

/*
 * kernel/events/core.c: perf_tp_event() -> perf_swevent_event() ->
 * perf_swevent_overflow() for a sched:sched_switch event with period 1,
 * from __schedule() with IRQs off.  A throttled or stopped event does not
 * fire; the first overflow of a call is not throttle-accounted.
 */
static void perf_swevent_event(struct aux_model *m, int event)
{
	struct perf_event *e = EV(m, event);

	KENTER(m);
	/* v7: guard(irqsave) and the ACTIVE check */
	if (e->state == PERF_EVENT_STATE_ACTIVE &&
	    !(e->hw_state & PERF_HES_STOPPED) &&
	    e->hw_interrupts != MAX_INTERRUPTS) {
		model__enter(m, "perf_swevent_overflow");
		__perf_event_overflow(m, event, 0);
		model__leave(m);
	}
	KLEAVE(m);
}

void perf_tp_sched_switch(struct aux_model *m, int cpu)
{
	m->this_cpu = cpu;
	model__enter(m, "perf_tp_event");
	for (int i = 0; i < m->s.nr_event_slots; i++)
		if (EV(m, i)->in_use && event_pmu(m, i) == &perf_tracepoint &&
		    EV(m, i)->oncpu == cpu)
			perf_swevent_event(m, i);
	model__leave(m);
}

/* the tick's frequency adjustment of one event (both versions):
 * stop(UPDATE), the count since the last tick, adjust, restart */
static void perf_adjust_freq_event(struct aux_model *m, int event)
{
	struct perf_event *e = EV(m, event);
	uint64_t delta;

	event_pmu(m, event)->stop(m, event, PERF_EF_UPDATE);
	delta = e->count - e->freq_count_stamp;
	e->freq_count_stamp = e->count;
	if (delta > 0)
		perf_adjust_period(m, event, 1000000000ull / m->mc->hz, delta,
				   false);
	event_pmu(m, event)->start(m, event, delta > 0 ? PERF_EF_RELOAD : 0);
}

/* kernel/events/core.c: perf_adjust_freq_unthr_events() over the ACTIVE
 * group leaders of @ctx (v6.16+: the epc active lists hold leaders) */
static void perf_adjust_freq_unthr_events(struct aux_model *m, int ctx)
{
	KENTER(m);
	for (int i = 0; i < m->s.nr_event_slots; i++) {
		struct perf_event *e = EV(m, i);

		if (!e->in_use || e->ctx != ctx || !is_leader(m, i) ||
		    e->state != PERF_EVENT_STATE_ACTIVE ||
		    !event_filter_match(m, i))
			continue;
		if (e->hw_interrupts == MAX_INTERRUPTS)
			perf_event_unthrottle_group(m, i,
						    is_event_in_freq_mode(e));
		if (!is_event_in_freq_mode(e))
			continue;
		perf_adjust_freq_event(m, i);
	}
	KLEAVE(m);
}

/* v6.1: perf_adjust_freq_unthr_context() walks every ACTIVE event,
 * restarts each throttled one itself and adjusts each frequency event */
static void perf_adjust_freq_unthr_events_v6_1(struct aux_model *m, int ctx)
{
	for (int i = 0; i < m->s.nr_event_slots; i++) {
		struct perf_event *e = EV(m, i);

		if (!e->in_use || e->ctx != ctx ||
		    e->state != PERF_EVENT_STATE_ACTIVE ||
		    !event_filter_match(m, i))
			continue;
		if (e->hw_interrupts == MAX_INTERRUPTS) {
			e->hw_interrupts = 0;
			perf_log_throttle(m, i, 1);
			event_pmu(m, i)->start(m, i, 0);
		}
		if (is_event_in_freq_mode(e))
			perf_adjust_freq_event(m, i);
	}
}

/* ctx->nr_freq: ACTIVE frequency events (event_sched_in counts them) */
static int ctx_nr_freq(struct aux_model *m, int ctx)
{
	int n = 0;

	for (int i = 0; i < m->s.nr_event_slots; i++)
		n += EV(m, i)->in_use && EV(m, i)->ctx == ctx &&
		     EV(m, i)->state == PERF_EVENT_STATE_ACTIVE &&
		     is_event_in_freq_mode(EV(m, i));
	return n;
}

/* kernel/events/core.c: perf_adjust_freq_unthr_context() */
static void perf_adjust_freq_unthr_context(struct aux_model *m, int ctx,
					   bool unthrottle)
{
	if (!m->s.ctx[ctx].nr_events ||
	    !(unthrottle || ctx_nr_freq(m, ctx)))
		return;
	KENTER(m);
	if (kernel_has(m, KF_GROUP_THROTTLE))
		perf_adjust_freq_unthr_events(m, ctx);
	else
		perf_adjust_freq_unthr_events_v6_1(m, ctx);
	KLEAVE(m);
}

/* kernel/events/core.c: perf_event_task_tick(), from sched_tick() */
void perf_event_task_tick(struct aux_model *m, int cpu)
{
	struct cpu_state *c = &m->s.cpu[cpu];
	int throttled, t;

	m->this_cpu = cpu;
	model__enter(m, "update_process_times");
	model__enter(m, "sched_tick");
	KENTER(m);
	c->perf_throttled_seq++;
	throttled = c->perf_throttled_count;
	c->perf_throttled_count = 0;
	perf_adjust_freq_unthr_context(m, cpu /* &cpuctx->ctx */, throttled);
	t = c->curr;
	if (t >= 0 && m->s.task[t].perf_ctx >= 0)
		perf_adjust_freq_unthr_context(m, m->s.task[t].perf_ctx,
					       throttled);
	irq_work_run(m, cpu);
	KLEAVE(m);
	model__leave(m);
	model__leave(m);
}
