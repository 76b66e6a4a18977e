// SPDX-License-Identifier: GPL-2.0
/*
 * arm_pmu.c - model of drivers/perf/arm_pmu.c and the PMUv3 parts of
 * drivers/perf/arm_pmuv3.c used by a `cycles` sampling event.
 *
 * A counter counts the CPU's cycles while the CPU runs code (the cycle
 * counter stops in WFI) and while it is enabled.  Instead of a counter
 * value the model keeps the CPU cycle count at which it overflows
 * (hw_ovf_cycle) while it counts, and the cycles left (hw_period_left,
 * the kernel's hwc->period_left) while it does not.
 *
 * Counters: PMCCNTR (index 0) for CPU_CYCLES when free, then the six event
 * counters of a Cortex-A57/A53 (armv8pmu_get_event_idx()).
 */
#include <errno.h>

#include "model/model.h"
#include "model/pmus.h"

#define ARMV8_IDX_CYCLE_COUNTER 0
#define ARMV8_NR_COUNTERS ARMV8_PMU_MAX_COUNTERS

static struct perf_event *EV(struct aux_model *m, int i)
{
	return &m->s.event[i];
}

static int event_cpu(const struct aux_model *m, int event)
{
	int oncpu = m->s.event[event].oncpu;

	return oncpu >= 0 ? oncpu : m->this_cpu;
}

/* arm_pmuv3.c: armv8pmu_enable_event(): the counter counts */
static void armv8pmu_enable_event(struct aux_model *m, int event)
{
	struct perf_event *e = EV(m, event);
	uint64_t now = m->s.cpu[event_cpu(m, event)].cycles;

	e->hw_ovf_cycle = now + (uint64_t)e->hw_period_left;
	e->hw_prev_cycles = now;
	e->hw_enabled = 1;
}

/* arm_pmu.c: armpmu_event_update(): fold the count into event->count
 * and period_left */
static void armpmu_event_update(struct aux_model *m, int event)
{
	struct perf_event *e = EV(m, event);
	uint64_t now = m->s.cpu[event_cpu(m, event)].cycles;

	if (!e->hw_enabled)
		return;
	e->count += now - e->hw_prev_cycles;
	e->hw_prev_cycles = now;
	e->hw_period_left = (int64_t)(e->hw_ovf_cycle - now);
}

/* arm_pmuv3.c: armv8pmu_disable_event() */
static void armv8pmu_disable_event(struct aux_model *m, int event)
{
	armpmu_event_update(m, event);
	EV(m, event)->hw_enabled = 0;
}

/* arm_pmu.c: armpmu_event_set_period(): returns 1 if the period expired */
static int armpmu_event_set_period(struct aux_model *m, int event)
{
	struct perf_event *e = EV(m, event);
	int64_t left = e->hw_period_left;
	int64_t period = (int64_t)e->sample_period;
	int ret = 0;

	if (left <= -period) {
		left = period;
		e->last_period = (uint64_t)period;
		ret = 1;
	} else if (left <= 0) {
		left += period;
		e->last_period = (uint64_t)period;
		ret = 1;
	}
	e->hw_period_left = left;
	/* the counter is programmed to overflow after `left` cycles */
	if (e->hw_enabled)
		e->hw_ovf_cycle = m->s.cpu[event_cpu(m, event)].cycles +
				  (uint64_t)left;
	return ret;
}

/* arm_pmuv3.c: armv8pmu_get_event_idx() */
static int armv8pmu_get_event_idx(struct aux_model *m, int cpu)
{
	struct pmu_hw_events *hw = &m->s.armpmu[cpu];

	for (int idx = ARMV8_IDX_CYCLE_COUNTER; idx < ARMV8_NR_COUNTERS; idx++)
		if (!(hw->used_mask & (1u << idx))) {
			hw->used_mask |= (uint8_t)(1u << idx);
			return idx;
		}
	return -EAGAIN;
}

/* arm_pmu.c: armpmu_start() */
void armpmu_start(struct aux_model *m, int event, int flags)
{
	struct perf_event *e = EV(m, event);

	KENTER(m);
	/* armpmu_start(): PERF_EF_RELOAD makes no difference here, the
	 * period is written on every start (next comment). */
	e->hw_state = 0;
	/* A stop may only have masked the counter's interrupt and left it
	 * running, so the start rewrites the period; without that a stale
	 * count could raise an overflow nobody asked for. */
	armpmu_event_set_period(m, event);
	armv8pmu_enable_event(m, event);
	KLEAVE(m);
}

/* arm_pmu.c: armpmu_stop() */
void armpmu_stop(struct aux_model *m, int event, int flags)
{
	struct perf_event *e = EV(m, event);

	KENTER(m);
	/* armpmu_stop(): the count is read back on every stop, whether or
	 * not PERF_EF_UPDATE was passed (the start side rewrites it). */
	if (!(e->hw_state & PERF_HES_STOPPED)) {
		armv8pmu_disable_event(m, event);
		armpmu_event_update(m, event);
		e->hw_state |= PERF_HES_STOPPED | PERF_HES_UPTODATE;
	}
	KLEAVE(m);
}

/* arm_pmu.c: armpmu_add() */
int armpmu_add(struct aux_model *m, int event, int flags)
{
	struct perf_event *e = EV(m, event);
	int idx;

	KENTER(m);
	/* armpmu_add(): no free counter index, so the add fails here. */
	idx = armv8pmu_get_event_idx(m, m->this_cpu);
	if (idx < 0) {
		KLEAVE(m);
		return idx;
	}
	e->hw_idx = (int8_t)idx;
	e->hw_state = PERF_HES_STOPPED | PERF_HES_UPTODATE;
	if (flags & PERF_EF_START)
		armpmu_start(m, event, PERF_EF_RELOAD);
	KLEAVE(m);
	return 0;
}

/* arm_pmu.c: armpmu_del() */
void armpmu_del(struct aux_model *m, int event, int flags)
{
	struct perf_event *e = EV(m, event);

	KENTER(m);
	armpmu_stop(m, event, PERF_EF_UPDATE);
	if (e->hw_idx >= 0)
		m->s.armpmu[m->this_cpu].used_mask &=
			(uint8_t)~(1u << e->hw_idx);
	e->hw_idx = -1;
	KLEAVE(m);
}

/* arm_pmu.c: armpmu_read() */
static void armpmu_read(struct aux_model *m, int event)
{
	armpmu_event_update(m, event);
}

/*
 * arm_pmu.c: armpmu_event_init() -> validate_group(): the group's hardware
 * events must fit the PMU's counters (software leaders, such as cs_etm, do
 * not count)
 */
static int armpmu_event_init(struct aux_model *m,
			     const struct perf_event_attr_model *attr,
			     int group_leader)
{
	int hw = 1;

	if (group_leader < 0)
		return 0;
	for (int j = 0; j < m->s.nr_event_slots; j++)
		hw += EV(m, j)->in_use && EV(m, j)->pmu == PMU_ARMV8 &&
		      EV(m, j)->group_leader == group_leader;
	if (hw > ARMV8_PMU_MAX_COUNTERS)
		return -EINVAL;
	return 0;
}

static bool counter_overflowed(const struct aux_model *m, int cpu,
			       const struct perf_event *e)
{
	return e->hw_enabled && m->s.cpu[cpu].cycles >= e->hw_ovf_cycle;
}

/*
 * arm_pmuv3.c: armv8pmu_handle_irq(): for every counter that overflowed, in
 * counter order: update, set the next period, and hand the overflow to
 * perf; if perf says so (throttled), disable the counter.
 */
void armv8pmu_handle_irq(struct aux_model *m, int cpu)
{
	int slot[ARMV8_NR_COUNTERS]; /* cpuc->events[idx] */

	m->this_cpu = cpu;
	KENTER(m);
	for (int idx = 0; idx < ARMV8_NR_COUNTERS; idx++)
		slot[idx] = -1;
	for (int i = 0; i < m->s.nr_event_slots; i++)
		if (EV(m, i)->in_use && EV(m, i)->pmu == PMU_ARMV8 &&
		    EV(m, i)->oncpu == cpu && EV(m, i)->hw_idx >= 0)
			slot[EV(m, i)->hw_idx] = i;
	for (int idx = 0; idx < ARMV8_NR_COUNTERS; idx++) {
		int ev = slot[idx];

		if (ev < 0 || !counter_overflowed(m, cpu, EV(m, ev)))
			continue;
		armpmu_event_update(m, ev);
		if (!armpmu_event_set_period(m, ev))
			continue;
		/* armv8pmu_handle_irq(): perf_event_overflow() may defer
		 * its work (wakeups, disable) to irq_work.  Before v6.16 the driver
		 * stopped a throttled counter itself; 15073765285b
		 * "perf/arm: Remove driver-specific throttle support" left
		 * that to the core's group throttle. */
		if (perf_event_overflow(m, ev) &&
		    !kernel_has(m, KF_GROUP_THROTTLE))
			armv8pmu_disable_event(m, ev); /* cpu_pmu->disable() */
	}
	KLEAVE(m);
	/* the IRQ returns: queued irq_work runs */
	irq_work_run(m, cpu);
}

void armpmu__next_overflows(const struct aux_model *m,
			    uint64_t left[MAX_CPUS])
{
	for (int c = 0; c < MAX_CPUS; c++)
		left[c] = UINT64_MAX;
	for (int i = 0; i < m->s.nr_event_slots; i++) {
		const struct perf_event *e = &m->s.event[i];
		uint64_t now, l;

		if (!e->in_use || e->pmu != PMU_ARMV8 || !e->hw_enabled ||
		    e->oncpu < 0)
			continue;
		now = m->s.cpu[e->oncpu].cycles;
		l = e->hw_ovf_cycle > now ? e->hw_ovf_cycle - now : 0;
		if (l < left[e->oncpu])
			left[e->oncpu] = l;
	}
}

/* arm_pmu.c: the struct pmu armpmu_alloc() fills in, for the PMUv3 of
 * arm_pmuv3.c */
const struct pmu armv8_pmuv3_pmu = {
	.name = "armv8_pmuv3_0",
	.task_ctx_nr = perf_hw_context,
	.event_init = armpmu_event_init,
	.add = armpmu_add,
	.del = armpmu_del,
	.start = armpmu_start,
	.stop = armpmu_stop,
	.read = armpmu_read,
};
