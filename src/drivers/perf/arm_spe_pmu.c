// SPDX-License-Identifier: GPL-2.0
/*
 * arm_spe_pmu.c - model of drivers/perf/arm_spe_pmu.c, the Statistical
 * Profiling Extension, an AUX PMU without PERF_PMU_CAP_AUX_PAUSE.
 *
 * The profiling buffer writes sample records straight into the AUX pages
 * from PMBPTR up to PMBLIMITR; the model keeps how many bytes it wrote since
 * the transaction began (the per-CPU buffer state) and writes their extents
 * into the rb's AUX map.  Buffer-full interrupts are not modelled: the
 * buffer stops at the limit.  Like the ETM driver, stop() ends the AUX
 * transaction only with PERF_EF_UPDATE, and start() always begins one.
 */
#include <errno.h>
#include <string.h>

#include "model/model.h"
#include "model/pmus.h"

/* arm_spe_pmu.c: arm_spe_pmu_setup_aux(): at least two pages */
int arm_spe_pmu_setup_aux(struct aux_model *m, int event, int rb,
			  uint32_t nr_pages, bool snapshot)
{
	if (nr_pages < 2)
		return -1;
	return rb; /* aux_priv (struct arm_spe_pmu_buf): the rb is all the
		    * model needs; buf->snapshot is rb->aux_overwrite */
}

/* arm_spe_pmu.c: arm_spe_pmu_free_aux(): aux_priv is the rb itself here,
 * so there is nothing to free */
static void arm_spe_pmu_free_aux(struct aux_model *m, int aux_priv)
{
}

/* arm_spe_pmu.c: arm_spe_perf_aux_output_begin() */
static void arm_spe_perf_aux_output_begin(struct aux_model *m,
					  struct perf_output_handle *handle,
					  int event)
{
	struct arm_spe_cpu *spe = &m->s.spe[m->this_cpu];

	KENTER(m);
	/* Start a new aux session */
	if (perf_aux_output_begin(m, handle, event) < 0) {
		m->s.event[event].hw_state |= PERF_HES_STOPPED;
		/* arm_spe_perf_aux_output_begin(): even with no buffer the
		 * limit register is zeroed, since a fault alone may be what
		 * stopped profiling. */
		spe->enabled = 0;
		KLEAVE(m);
		return;
	}
	spe->enabled = 1; /* PMBLIMITR.E, PMBPTR at PERF_IDX2OFF(head) */
	spe->ptr = 0;
	KLEAVE(m);
}

/* arm_spe_pmu.c: arm_spe_perf_aux_output_end(): size = PMBPTR - head */
static void arm_spe_perf_aux_output_end(struct aux_model *m,
					struct perf_output_handle *handle)
{
	struct arm_spe_cpu *spe = &m->s.spe[m->this_cpu];
	uint64_t size = spe->ptr;

	KENTER(m);
	if (m->s.rb[handle->rb].aux_overwrite) /* buf->snapshot */
		handle->head += size;
	spe->ptr = 0;
	perf_aux_output_end(m, handle, size);
	KLEAVE(m);
}

/* The profiling buffer writing records at PMBPTR, up to the limit
 * (handle->size in normal mode; the whole buffer, wrapping, in snapshot) */
void arm_spe__write(struct aux_model *m, int cpu, const struct extent *src,
		    uint64_t len)
{
	struct arm_spe_cpu *spe = &m->s.spe[cpu];
	struct perf_output_handle *h = &spe->handle;
	struct perf_buffer *rb;

	if (!spe->enabled || h->event < 0)
		return;
	rb = &m->s.rb[h->rb];
	if (!rb->aux_overwrite) {
		if (spe->ptr >= h->size)
			return; /* at PMBLIMITR: the buffer stops */
		if (len > h->size - spe->ptr)
			len = h->size - spe->ptr;
	}
	extent_map__write(&rb->aux, h->head + spe->ptr, src, 1, len);
	spe->ptr += len;
}

/* arm_spe_pmu.c: arm_spe_pmu_start() */
void arm_spe_pmu_start(struct aux_model *m, int event, int flags)
{
	struct perf_event *e = &m->s.event[event];
	struct perf_output_handle *handle = &m->s.spe[m->this_cpu].handle;

	KENTER(m);
	e->hw_state = 0;
	arm_spe_perf_aux_output_begin(m, handle, event);
	/* PMSFCR, PMSEVFR, PMSLATFR, PMSICR, PMSCR: sampling on, unless
	 * the begin failed */
	KLEAVE(m);
}

/* arm_spe_pmu.c: arm_spe_pmu_stop() */
void arm_spe_pmu_stop(struct aux_model *m, int event, int flags)
{
	struct perf_event *e = &m->s.event[event];
	struct perf_output_handle *handle = &m->s.spe[m->this_cpu].handle;

	KENTER(m);
	/* arm_spe_pmu_stop(): an event already stopped returns at once */
	if (e->hw_state & PERF_HES_STOPPED) {
		KLEAVE(m);
		return;
	}
	/* Stop all trace generation: arm_spe_pmu_disable_and_drain_local() */
	m->s.spe[m->this_cpu].enabled = 0;
	if (flags & PERF_EF_UPDATE) {
		/* no buffer fault pending: end the transaction */
		if (perf_get_aux(m, handle) >= 0)
			arm_spe_perf_aux_output_end(m, handle);
		e->hw_state |= PERF_HES_UPTODATE;
	}
	e->hw_state |= PERF_HES_STOPPED;
	KLEAVE(m);
}

/* arm_spe_pmu.c: arm_spe_pmu_add() */
int arm_spe_pmu_add(struct aux_model *m, int event, int flags)
{
	struct perf_event *e = &m->s.event[event];
	int ret = 0;

	KENTER(m);
	if (!m->mc->cpus[m->this_cpu].has_spe) {
		KLEAVE(m);
		return -ENOENT;
	}
	e->hw_state = PERF_HES_STOPPED | PERF_HES_UPTODATE;
	if (flags & PERF_EF_START) {
		arm_spe_pmu_start(m, event, PERF_EF_RELOAD);
		if (e->hw_state & PERF_HES_STOPPED)
			ret = -EINVAL;
	}
	KLEAVE(m);
	return ret;
}

/* arm_spe_pmu.c: arm_spe_pmu_del() */
void arm_spe_pmu_del(struct aux_model *m, int event, int flags)
{
	KENTER(m);
	arm_spe_pmu_stop(m, event, PERF_EF_UPDATE);
	KLEAVE(m);
}

/* arm_spe_pmu.c: the struct pmu that arm_spe_pmu_perf_init() fills in */
const struct pmu arm_spe_pmu = {
	.name = "arm_spe_0",
	.task_ctx_nr = perf_sw_context,
	.capabilities = PERF_PMU_CAP_EXCLUSIVE | PERF_PMU_CAP_ITRACE,
	.add = arm_spe_pmu_add,
	.del = arm_spe_pmu_del,
	.start = arm_spe_pmu_start,
	.stop = arm_spe_pmu_stop,
	.setup_aux = arm_spe_pmu_setup_aux,
	.free_aux = arm_spe_pmu_free_aux,
};
