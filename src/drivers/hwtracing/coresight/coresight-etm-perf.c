// SPDX-License-Identifier: GPL-2.0
/*
 * coresight-etm-perf.c - model of drivers/hwtracing/coresight/
 * coresight-etm-perf.c, the "cs_etm" PMU.
 *
 * Two code regimes are modelled, switched by KF_ETM_STOP_HANDLE_RECHECK:
 *  - v5.12: a per-CPU `ctx_handle`; etm_event_stop() finds its event_data
 *    through perf_get_aux(handle) and ends the handle unconditionally after
 *    update_buffer();
 *  - v5.16 and later ("coresight: etm-pmu: Ensure the AUX handle is
 *    valid"): a per-CPU struct etm_ctxt caches event_data, start WARNs if
 *    it is still set, stop clears it first and re-checks handle->event after
 *    update_buffer().
 * Both keep the handle in s.etm_ctxt[cpu].handle.
 *
 * The sink is reached through its struct coresight_ops_sink
 * (coresight_sink_ops()); the only one modelled is the TMC-ETR, which every
 * CPU of a modelled machine with an ETM reaches (Juno: ETM -> funnel -> ETF
 * -> replicator -> ETR).
 */
#include <string.h>

#include "model/model.h"
#include "model/pmus.h"

/* include/linux/coresight.h: CORESIGHT_LEGACY_CPU_TRACE_ID (v5.12, v6.1) */
#define CORESIGHT_ETM_PMU_SEED 0x10
static uint64_t coresight_get_trace_id(int cpu)
{
	return CORESIGHT_ETM_PMU_SEED + 2 * (uint64_t)cpu;
}

static bool csdev_src(const struct aux_model *m, int cpu)
{
	return cpu >= 0 && cpu < m->mc->nr_cpus && m->mc->cpus[cpu].has_etm;
}

/* coresight-etm-perf.c: the sink of event_data's path, found from the
 * first CPU of its mask (etm_free_aux(), etm_setup_aux()) */
static const struct coresight_ops_sink *
etm_event_sink(const struct aux_model *m, const struct etm_event_data *ed)
{
	return coresight_sink_ops(m, ed->mask ? __builtin_ctz(ed->mask) : -1);
}

/* coresight-etm-perf.c: alloc_event_data() */
static int alloc_event_data(struct aux_model *m, int event, int cpu)
{
	for (int i = 0; i < MAX_RB; i++) {
		struct etm_event_data *ed = &m->s.etm_event_data[i];

		if (ed->in_use)
			continue;
		memset(ed, 0, sizeof(*ed));
		ed->in_use = 1;
		ed->snk_config = -1;
		ed->event = (int16_t)event;
		/* etm_setup_aux(): one source-to-sink path is built per CPU;
		 * an event with cpu == -1 builds one for every online CPU. */
		if (cpu == -1)
			ed->mask = (1u << m->mc->nr_cpus) - 1;
		else
			ed->mask = 1u << cpu;
		return i;
	}
	return -1;
}

/* coresight-etm-perf.c: etm_free_aux() -> free_event_data() */
void etm_free_aux(struct aux_model *m, int edi)
{
	struct etm_event_data *ed = &m->s.etm_event_data[edi];

	KENTER(m);
	if (ed->snk_config >= 0)
		etm_event_sink(m, ed)->free_buffer(m, ed->snk_config);
	ed->in_use = 0;
	KLEAVE(m);
}

/* coresight-etm-perf.c: etm_setup_aux() */
int etm_setup_aux(struct aux_model *m, int event, int rb, uint32_t nr_pages,
		  bool overwrite)
{
	int cpu = m->s.event[event].cpu;
	bool sink = false;
	int edi, snk;
	struct etm_event_data *ed;

	KENTER(m);
	edi = alloc_event_data(m, event, cpu);
	if (edi < 0)
		goto out_err;
	ed = &m->s.etm_event_data[edi];
	/* mutant: a per-thread event gets smp_processor_id()'s mask */
	if (kernel_patched(m, KP_MUTANT_SETUP_AUX_THIS_CPU) && cpu == -1)
		ed->mask = 1u << m->this_cpu;

	/* etm_setup_aux(): a sink the user named (config2, @tmc_etr0) wins */
	if (m->s.event[event].config2)
		sink = true;
	/* v5.12: no sink given, so look for the default one of the first
	 * CPU in the mask and use it for all */
	if (!sink && !kernel_has(m, KF_PERCPU_DEFAULT_SINK)) {
		for (int c = 0; c < m->mc->nr_cpus; c++)
			if (ed->mask & (1u << c)) {
				sink = csdev_src(m, c);
				break;
			}
	}
	/* Setup the path for each processor: clear the CPUs without a source,
	 * a sink or a path */
	for (int c = 0; c < m->mc->nr_cpus; c++) {
		if (!(ed->mask & (1u << c)))
			continue;
		if (!csdev_src(m, c)) {
			ed->mask &= ~(1u << c);
			continue;
		}
		if (kernel_has(m, KF_PERCPU_DEFAULT_SINK))
			sink = true; /* coresight_find_default_sink(): ETR */
		/* mutant: off by one, no path for the last CPU */
		if (kernel_patched(m, KP_MUTANT_SETUP_AUX_PATH_SHORT) &&
		    c == m->mc->nr_cpus - 1)
			continue;
		ed->path |= 1u << c; /* coresight_build_path() */
	}
	/* etm_setup_aux(): not one CPU got a sink, so setup fails */
	if (!sink || !ed->mask)
		goto err;
	/* Allocate the sink buffer for this session */
	snk = etm_event_sink(m, ed)->alloc_buffer(m, event, rb, nr_pages,
						  overwrite);
	if (snk < 0)
		goto err;
	ed->snk_config = (int16_t)snk;
	if (kernel_patched(m, KP_ETM_SNAPSHOT_RFC))
		ed->overwrite = overwrite; /* RFC: event_data->overwrite */
	KLEAVE(m);
	return edi;
err:
	etm_free_aux(m, edi);
out_err:
	KLEAVE(m);
	return -1;
}

/* coresight.c: coresight_enable_path(): sink first, then links */
static int coresight_enable_path(struct aux_model *m,
				 struct perf_output_handle *handle)
{
	int ret;

	KENTER(m);
	ret = coresight_sink_ops(m, m->this_cpu)->enable(m, handle);
	/* funnels, ETF (as a link) and replicator: no perf state */
	KLEAVE(m);
	return ret;
}

/* coresight.c: coresight_disable_path() */
static void coresight_disable_path(struct aux_model *m)
{
	KENTER(m);
	coresight_sink_ops(m, m->this_cpu)->disable(m);
	KLEAVE(m);
}

/* coresight-etm-perf.c: etm_event_start() */
void etm_event_start(struct aux_model *m, int event, int flags)
{
	int cpu = m->this_cpu;
	struct etm_ctxt *ctxt = &m->s.etm_ctxt[cpu];
	struct perf_output_handle *handle = &ctxt->handle;
	struct perf_event *e = &m->s.event[event];
	struct etm_event_data *ed;
	int edi;

	KENTER(m);
	if (!csdev_src(m, cpu))
		goto fail;

	/* v6.16: AUX resume only restarts the source, if this ETM has an
	 * event to trace for (etm_event_resume()) */
	if (kernel_has(m, KF_CS_AUX_PAUSE) && (flags & PERF_EF_RESUME)) {
		if (ctxt->event_data >= 0 && etm4_resume_perf(m, cpu) < 0)
			goto fail;
		KLEAVE(m);
		return;
	}

	/* Have we messed up our tracking ? */
	if (kernel_has(m, KF_ETM_STOP_HANDLE_RECHECK) &&
	    WARN_ON(m, ctxt->event_data >= 0, WARN_ETM_START_CTXT_BUSY))
		goto fail;

	/* etm_event_start(): open the AUX transaction; its handle carries
	 * the event_data built by etm_setup_aux(). */
	/* mutant: the path (and sink) enabled before the AUX handle is */
	if (kernel_patched(m, KP_MUTANT_START_PATH_FIRST))
		coresight_enable_path(m, handle);
	edi = perf_aux_output_begin(m, handle, event);
	/* mutant: a failed begin taken for a success */
	if (edi < 0 && kernel_patched(m, KP_MUTANT_START_IGNORES_BEGIN))
		goto out;
	if (edi < 0)
		goto fail;
	ed = &m->s.etm_event_data[edi];

	/* etm_event_start(): only CPUs in event_data->mask got a path at
	 * etm_setup_aux() time. */
	if (!(ed->mask & (1u << cpu))) {
		if (kernel_has(m, KF_ETM_BAD_CPU_PRETEND))
			goto out; /* pretend, and trace nothing */
		goto fail_end_stop;
	}

	/* etm_event_start(): without a sink there is nowhere to trace to */
	if (WARN_ON_ONCE(m, !(ed->path & (1u << cpu)), WARN_ETM_NO_SINK))
		goto fail_end_stop;

	/* Nothing will happen without a path */
	if (coresight_enable_path(m, handle))
		goto fail_end_stop;

	if (!kernel_has(m, KF_ETM_STOP_HANDLE_RECHECK))
		e->hw_state = 0; /* v5.12: tell the core the event is alive */

	/* Finally enable the tracer */
	if (etm4_enable_perf(m, cpu, event))
		goto fail_disable_path;

	/* etm_event_start(): where the kernel has it, the CPU's trace ID
	 * reaches perf as PERF_RECORD_AUX_OUTPUT_HW_ID, once per CPU and
	 * event */
	if (kernel_has(m, KF_AUX_OUTPUT_HW_ID) &&
	    !(ed->aux_hwid_done & (1u << cpu))) {
		ed->aux_hwid_done |= 1u << cpu;
		perf_report_aux_output_id(m, event,
					  coresight_get_trace_id(cpu));
	}
out:
	/* etm_event_start(): success clears the STOPPED state */
	e->hw_state = 0;
	/* mutant: event_data not saved */
	if (kernel_has(m, KF_ETM_STOP_HANDLE_RECHECK) &&
	    !kernel_patched(m, KP_MUTANT_START_NO_CTXT))
		ctxt->event_data = (int16_t)edi; /* save it for this ETM */
	KLEAVE(m);
	return;

fail_disable_path:
	coresight_disable_path(m);
fail_end_stop:
	/* etm_event_start() error path, v5.16+: the sink may have ended the
	 * transaction already (TRUNCATED), so only a handle still bound to
	 * the event is ended here */
	if (!kernel_has(m, KF_ETM_STOP_HANDLE_RECHECK) || handle->event >= 0) {
		perf_aux_output_flag(m, handle, PERF_AUX_FLAG_TRUNCATED);
		perf_aux_output_end(m, handle, 0);
	}
fail:
	e->hw_state = PERF_HES_STOPPED;
	KLEAVE(m);
}

/* The tail of etm_event_stop(), common to both regimes: update the sink
 * buffer and end the handle. */
static void etm_event_stop_update(struct aux_model *m, int event, int edi,
				  struct perf_output_handle *handle)
{
	struct etm_event_data *ed = &m->s.etm_event_data[edi];
	uint64_t size;

	/*
	 * [RFC PATCH] coresight: etm-perf: Correct buffer syncing for
	 * snapshot: in snapshot mode, only capture trace data when the perf
	 * tool disables the event (ctx->is_active != 0), not when the task is
	 * scheduled out (is_active == 0).
	 */
	if (kernel_patched(m, KP_ETM_SNAPSHOT_RFC) && ed->overwrite &&
	    !m->s.ctx[m->s.event[event].ctx].is_active) {
		model__log(m, "etm-snapshot-rfc: cpu%d ctx inactive, skip "
			      "update_buffer", m->this_cpu);
		perf_aux_output_end(m, handle, 0);
		return;
	}
	size = coresight_sink_ops(m, m->this_cpu)
		       ->update_buffer(m, handle, ed->snk_config);
	if (!kernel_has(m, KF_ETM_STOP_HANDLE_RECHECK)) {
		perf_aux_output_end(m, handle, size);
		return;
	}
	/* etm_event_stop(): an interrupt from the sink may have ended the
	 * transaction already; only a live handle is used below. */
	if (handle->event >= 0)
		perf_aux_output_end(m, handle, size);
	else
		WARN_ON(m, size != 0, WARN_ETM_STOP_SIZE);
}

/* coresight-etm-perf.c: etm_event_stop(), v5.12 */
static void etm_event_stop_v5_12(struct aux_model *m, int event, int mode)
{
	int cpu = m->this_cpu;
	struct perf_output_handle *handle = &m->s.etm_ctxt[cpu].handle;
	struct perf_event *e = &m->s.event[event];
	int edi = perf_get_aux(m, handle);

	if (e->hw_state == PERF_HES_STOPPED)
		return;
	if (!csdev_src(m, cpu))
		return;
	/* etm_event_cpu_path(event_data, cpu): the kernel dereferences
	 * event_data here; the model refuses a NULL one */
	if (edi < 0 || !(m->s.etm_event_data[edi].path & (1u << cpu)))
		return;

	/* stop tracer */
	etm4_disable_perf(m, cpu);
	/* tell the core */
	e->hw_state = PERF_HES_STOPPED;

	if (mode & PERF_EF_UPDATE) {
		if (WARN_ON_ONCE(m, handle->event != event,
				 WARN_ETM_STOP_HANDLE_EVENT))
			return;
		etm_event_stop_update(m, event, edi, handle);
	}
	/* coresight_disable_path() frees the path's devices for another
	 * session */
	coresight_disable_path(m);
}

/* coresight-etm-perf.c: etm_event_stop(), v5.16 .. v6.15 */
static void etm_event_stop_ctxt(struct aux_model *m, int event, int mode)
{
	int cpu = m->this_cpu;
	struct etm_ctxt *ctxt = &m->s.etm_ctxt[cpu];
	struct perf_output_handle *handle = &ctxt->handle;
	struct perf_event *e = &m->s.event[event];
	struct etm_event_data *ed;
	int edi;

	/* etm_event_stop() (etm_ctxt regime): the per-CPU event_data must
	 * be the one the handle carries, when the handle still has one. */
	if (handle->event >= 0 &&
	    WARN_ON(m, perf_get_aux(m, handle) != ctxt->event_data,
		    WARN_ETM_STOP_AUX_MISMATCH))
		return;

	edi = ctxt->event_data;
	/* etm_event_stop(): this CPU no longer traces for that event_data */
	if (!kernel_patched(m, KP_MUTANT_STOP_KEEPS_CTXT))
		ctxt->event_data = -1;

	if (e->hw_state == PERF_HES_STOPPED)
		return;

	/* etm_event_stop(): a running event without event_data is a bug */
	if (WARN_ON(m, edi < 0, WARN_ETM_STOP_NO_EVENT_DATA))
		return;
	ed = &m->s.etm_event_data[edi];

	/* etm_event_stop(): a CPU outside event_data->mask never traced;
	 * its transaction ends with a zero-size record. */
	if (handle->event >= 0 && (mode & PERF_EF_UPDATE) &&
	    !(ed->mask & (1u << cpu))) {
		e->hw_state = PERF_HES_STOPPED;
		perf_aux_output_end(m, handle, 0);
		return;
	}

	if (!csdev_src(m, cpu))
		return;
	if (!(ed->path & (1u << cpu)))
		return;

	/* stop tracer */
	etm4_disable_perf(m, cpu);
	/* tell the core */
	e->hw_state = PERF_HES_STOPPED;

	/* etm_event_stop(): a handle with no event left (a sink that could
	 * not restart for lack of AUX space, say) needs no further work. */
	if (handle->event >= 0 && (mode & PERF_EF_UPDATE)) {
		if (WARN_ON_ONCE(m, handle->event != event,
				 WARN_ETM_STOP_HANDLE_EVENT))
			return;
		etm_event_stop_update(m, event, edi, handle);
	}
	/* coresight_disable_path() frees the path's devices for another
	 * session */
	coresight_disable_path(m);
}

/*
 * coresight-etm-perf.c: etm_event_pause() (v6.16): stop the source; for a
 * sink that is not per CPU, also update the buffer and, if it gave data,
 * end the AUX transaction and begin a new one at once.
 */
static void etm_event_pause(struct aux_model *m, int event)
{
	int cpu = m->this_cpu;
	struct etm_ctxt *ctxt = &m->s.etm_ctxt[cpu];
	struct perf_output_handle *handle = &ctxt->handle;
	struct etm_event_data *ed;
	uint64_t size;

	KENTER(m);
	if (ctxt->event_data < 0)
		goto out;
	ed = &m->s.etm_event_data[ctxt->event_data];
	/* Stop tracer */
	etm4_pause_perf(m, cpu); /* coresight_pause_source() */
	if (WARN_ON_ONCE(m, !(ed->path & (1u << cpu)),
			 WARN_ETM_PAUSE_NO_SINK))
		goto out;
	/* the ETR is not a per-CPU sink (TRBE would return here) */
	if (WARN_ON_ONCE(m, handle->event != event, WARN_ETM_PAUSE_HANDLE))
		goto out;
	size = coresight_sink_ops(m, cpu)->update_buffer(m, handle,
							 ed->snk_config);
	if (handle->event >= 0) {
		if (!size)
			goto out;
		perf_aux_output_end(m, handle, size);
		perf_aux_output_begin(m, handle, event);
	} else {
		WARN_ON_ONCE(m, size != 0, WARN_ETM_PAUSE_SIZE);
	}
out:
	KLEAVE(m);
}

/* coresight-etm-perf.c: etm_event_stop() */
void etm_event_stop(struct aux_model *m, int event, int mode)
{
	KENTER(m);
	if (kernel_has(m, KF_CS_AUX_PAUSE) && (mode & PERF_EF_PAUSE))
		etm_event_pause(m, event);
	else if (kernel_has(m, KF_ETM_STOP_HANDLE_RECHECK))
		etm_event_stop_ctxt(m, event, mode);
	else
		etm_event_stop_v5_12(m, event, mode);
	KLEAVE(m);
}

/* coresight-etm-perf.c: etm_event_add() */
int etm_event_add(struct aux_model *m, int event, int mode)
{
	struct perf_event *e = &m->s.event[event];
	int ret = 0;

	KENTER(m);
	if (mode & PERF_EF_START) {
		etm_event_start(m, event, 0);
		if (e->hw_state & PERF_HES_STOPPED)
			ret = -22; /* -EINVAL */
	} else {
		e->hw_state = PERF_HES_STOPPED;
	}
	KLEAVE(m);
	return ret;
}

/* coresight-etm-perf.c: etm_event_del() */
void etm_event_del(struct aux_model *m, int event, int mode)
{
	KENTER(m);
	etm_event_stop(m, event, PERF_EF_UPDATE);
	KLEAVE(m);
}

/* coresight-etm-perf.c: etm_pmu, as etm_perf_init() registers it */
const struct pmu etm_pmu = {
	.name = "cs_etm",
	.task_ctx_nr = perf_sw_context,
	.capabilities = PERF_PMU_CAP_EXCLUSIVE | PERF_PMU_CAP_ITRACE,
	/* v6.16: AUX pause and resume (etm_event_pause(), _resume()) */
	.feature_caps = PERF_PMU_CAP_AUX_PAUSE,
	.caps_feature = KF_CS_AUX_PAUSE,
	.add = etm_event_add,
	.del = etm_event_del,
	.start = etm_event_start,
	.stop = etm_event_stop,
	.setup_aux = etm_setup_aux,
	.free_aux = etm_free_aux,
};
