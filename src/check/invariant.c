// SPDX-License-Identifier: GPL-2.0
/*
 * invariant.c - the invariant catalogue (invariant.h).
 */
#include <string.h>

#include "check/invariant.h"

/*
 * A WARN site's invariant: that it does not fire.  @file and @fn locate
 * it, @cond is the condition the kernel warns on; the fourth field says
 * what happened when it fires, without the citation (a report prints
 * that once, from the third).
 */
#define W(site, name, file, fn, cond)                                    \
	[INV_WARN_FIRST + site] = { "warn-" name,                        \
				    "no WARN at " file " " fn ": " cond, \
				    file " " fn ": " cond,               \
				    "the kernel WARNed at " fn }

const struct invariant_desc invariants[NR_INVARIANTS] = {
	W(WARN_AUX_NEST, "aux-nest", "kernel/events/ring_buffer.c",
	  "perf_aux_output_begin", "WARN_ON_ONCE(rb->aux_nest)"),
	W(WARN_AUX_FLAG_OVERWRITE, "aux-flag-overwrite", "ring_buffer.c",
	  "perf_aux_output_flag", "OVERWRITE passed in"),
	W(WARN_ETM_START_CTXT_BUSY, "etm-start-ctxt-busy",
	  "coresight-etm-perf.c", "etm_event_start",
	  "WARN_ON(ctxt->event_data)"),
	W(WARN_ETM_STOP_AUX_MISMATCH, "etm-stop-aux-mismatch",
	  "coresight-etm-perf.c", "etm_event_stop",
	  "WARN_ON(perf_get_aux(handle) != ctxt->event_data)"),
	W(WARN_ETM_STOP_NO_EVENT_DATA, "etm-stop-no-event-data",
	  "coresight-etm-perf.c", "etm_event_stop", "WARN_ON(!event_data)"),
	W(WARN_ETM_STOP_HANDLE_EVENT, "etm-stop-handle-event",
	  "coresight-etm-perf.c", "etm_event_stop",
	  "WARN_ON_ONCE(handle->event != event)"),
	W(WARN_ETM_STOP_SIZE, "etm-stop-size", "coresight-etm-perf.c",
	  "etm_event_stop", "WARN_ON(size)"),
	W(WARN_ETR_PERF_BUF, "etr-perf-buf", "coresight-tmc-etr.c",
	  "tmc_update_etr_buffer", "WARN_ON(drvdata->perf_buf != etr_buf)"),
	W(WARN_ETR_ENABLE_NO_BUF, "etr-enable-no-buf", "coresight-tmc-etr.c",
	  "tmc_enable_etr_sink_perf",
	  "WARN_ON(!etr_perf || !etr_perf->etr_buf)"),
	W(WARN_ETR_DISABLE_MODE, "etr-disable-mode", "coresight-tmc-etr.c",
	  "tmc_disable_etr_sink",
	  "WARN_ON_ONCE(drvdata->mode == CS_MODE_DISABLED)"),
	W(WARN_AUX_REFCOUNT, "aux-refcount", "kernel/events/core.c",
	  "perf_mmap_close", "WARN_ON_ONCE(refcount_read(&rb->aux_refcount))"),
	W(WARN_CTX_TASK_CTX, "ctx-task-ctx", "kernel/events/core.c",
	  "ctx_sched_out/in", "cpuctx->task_ctx"),
	W(WARN_AUX_PAUSE_NO_EVENT, "aux-pause-no-event", "kernel/events/core.c",
	  "perf_event_aux_pause", "WARN_ON_ONCE(!event)"),
	W(WARN_ETM_PAUSE_HANDLE, "etm-pause-handle", "coresight-etm-perf.c",
	  "etm_event_pause", "WARN_ON_ONCE(handle->event != event)"),
	W(WARN_ETM_PAUSE_SIZE, "etm-pause-size", "coresight-etm-perf.c",
	  "etm_event_pause", "WARN_ON_ONCE(size)"),
	W(WARN_ETM_NO_SINK, "etm-no-sink", "coresight-etm-perf.c",
	  "etm_event_start", "WARN_ON_ONCE(!sink)"),
	W(WARN_ETM_PAUSE_NO_SINK, "etm-pause-no-sink", "coresight-etm-perf.c",
	  "etm_event_pause", "WARN_ON_ONCE(!sink)"),
	[INV_AUX_HANDLE] = {
		"aux-handle",
		"rb->aux_nest is 1 exactly when a driver's per-CPU handle holds "
		"the AUX transaction (no orphaned transaction)",
		"ring_buffer.c perf_aux_output_begin/end: aux_nest is taken by "
		"begin and dropped by end; begin's error path clears "
		"handle->event",
		"rb->aux_nest and the drivers' per-CPU handles disagree: an "
		"AUX transaction is orphaned, or a handle is held without one",
	},
	[INV_THROTTLE_STOPS_COUNTERS] = {
		"throttle-stops-counters",
		"a throttled ACTIVE event's counter does not count (interrupts)",
		"9734e25fbf5a \"perf: Fix the throttle logic for a group\": "
		"throttling stops every member of the group",
		"a throttled ACTIVE event's counter still counts (its "
		"interrupts come)",
	},
	[INV_THROTTLE_STOPS_AUX] = {
		"throttle-stops-aux",
		"a throttled ACTIVE AUX event does not trace",
		"9734e25fbf5a: the whole group is throttled; the seed-001 patch: "
		"\"use AUX pause for throttling\"",
		"a throttled ACTIVE AUX event is tracing",
	},
	[INV_USER_PAUSE_RESPECTED] = {
		"user-pause-respected",
		"an ACTIVE AUX event whose last aux-action (or start-paused) "
		"paused it does not trace",
		"AUX pause/resume (v6.13): aux-action=pause stops tracing until "
		"an aux-action=resume",
		"an ACTIVE AUX event the user paused (its last aux-action, or "
		"start-paused) is tracing",
	},
	[INV_AUX_TRACES_WHEN_ALLOWED] = {
		"aux-traces-when-allowed",
		"an ACTIVE AUX event that is neither user-paused nor throttled "
		"traces (checked after every step: the bound is 0 steps)",
		"pmu->start()/add(PERF_EF_START): an event the core runs is "
		"running",
		"an ACTIVE AUX event that is neither user-paused nor throttled "
		"is not tracing",
	},
	[INV_NO_AUX_LEAK] = {
		"no-aux-leak",
		"after perf munmaps, no AUX buffer keeps a reference "
		"(aux_refcount 0, pages freed)",
		"kernel/events/core.c perf_mmap_close: rb_free_aux() must be "
		"the last one",
		"perf has munmapped, yet an AUX buffer keeps a reference "
		"(aux_refcount, or its pages not freed)",
	},
	[INV_SNAPSHOT_NOT_OLDER_THAN_LOST] = {
		"snapshot-not-older-than-lost",
		"no snapshot holds bytes of a CPU's trace stream older than "
		"bytes of that stream emitted since the previous snapshot "
		"that it does not hold, unless a PERF_RECORD_AUX flagged "
		"TRUNCATED came in between",
		"tools/perf/util/auxtrace.c __auxtrace_mmap__read() in "
		"snapshot mode; coresight-tmc-etr.c tmc_update_etr_buffer(): "
		"\"keep the latest data\"; seed 000",
		"a snapshot holds bytes of a CPU's trace stream older than "
		"bytes of that stream emitted since the previous snapshot "
		"that it lost, with no PERF_RECORD_AUX flagged TRUNCATED in "
		"between",
	},
	[INV_NO_SILENT_LOSS] = {
		"no-silent-loss",
		"in full-trace mode, no trace byte is lost (emitted, but "
		"neither read by perf nor still in the ETR or an AUX area) "
		"unless perf has been given a PERF_RECORD_AUX flagged "
		"TRUNCATED",
		"coresight-tmc-etr.c tmc_update_etr_buffer(): "
		"perf_aux_output_flag(handle, PERF_AUX_FLAG_TRUNCATED) when "
		"the buffer wrapped or the copy was cut",
		"trace bytes were lost (emitted, but neither read by perf nor "
		"still in the ETR or an AUX area) and perf was given no "
		"PERF_RECORD_AUX flagged TRUNCATED",
	},
};

int invariant__find(const char *id)
{
	for (int i = 0; i < NR_INVARIANTS; i++)
		if (invariants[i].id && !strcmp(invariants[i].id, id))
			return i;
	return -1;
}

/* for each CPU, the first AUX event of the tool's evlist (in fd order)
 * ACTIVE there, or -1, into @act */
static void active_aux_events(const struct aux_model *m, int *act)
{
	const struct perf_tool *tool = &m->s.tool;

	for (int c = 0; c < m->s.nr_cpus; c++)
		act[c] = -1;
	for (int i = 0; i < tool->nr_fds; i++) {
		const struct perf_event *e = &m->s.event[tool->fd_event[i]];

		if (e->state == PERF_EVENT_STATE_ACTIVE && e->oncpu >= 0 &&
		    e->oncpu < m->s.nr_cpus && act[e->oncpu] < 0)
			act[e->oncpu] = tool->fd_event[i];
	}
}

static bool aux_tracing(const struct aux_model *m, const struct perf_event *e,
			int cpu)
{
	if (e->pmu == PMU_ARM_SPE)
		return m->s.spe[cpu].enabled;
	return m->s.etm[cpu].enabled;
}

/* EXT_TRACE and EXT_UNTRACKED bytes of [@at, @at + @len) of @em */
static uint64_t trace_bytes(const struct extent_map *em, uint64_t at,
			    uint64_t len)
{
	struct extent p[EXTENT_PIECES_MAX];
	uint64_t n = 0;
	int nr;

	if (!len || !em->size)
		return 0;
	nr = extent_map__read(em, at % em->size, len, p, EXTENT_PIECES_MAX);
	for (int i = 0; i < nr; i++)
		if (p[i].kind == EXT_TRACE || p[i].kind == EXT_UNTRACKED)
			n += p[i].len;
	return n;
}

/*
 * no-silent-loss: the bytes the ETMs emitted (the sum of the CPU streams),
 * less what perf read (AUXTRACE payloads), less what is still on its way
 * (the live ETR buffer, each AUX area's unread [aux_tail, aux_head)), were
 * lost.  Not decided while the live ETR has wrapped (STS.Full): the driver
 * has not synced it yet, and its next update owes the TRUNCATED flag.
 * Untracked extent merges can only make a loss look smaller.  Full-trace
 * mode and cs_etm only (SPE writes the AUX pages itself).
 */
static bool silent_loss(const struct aux_model *m)
{
	const struct aux_state *s = &m->s;
	uint64_t emitted = 0, held = 0;

	if (s->tool.snapshot_mode || s->tool.total_aux_lost ||
	    !s->tool.nr_fds || s->event[s->tool.fd_event[0]].pmu != PMU_CS_ETM)
		return false;
	for (int c = 0; c < s->nr_cpus; c++)
		emitted += s->cpu[c].stream;
	/* what perf read is the cheap part: the buffers only if it is short */
	for (int i = 0; i < MAX_MMAPS; i++)
		held += s->mmap[i].ghost_trace_read;
	if (emitted <= held)
		return false;
	if (s->etr.hw_enabled && s->etr.perf_buf >= 0) {
		const struct etr_buf *eb = &s->etr_buf[s->etr.perf_buf];

		if (eb->full)
			return false;
		held += trace_bytes(&eb->mem, 0, eb->size);
	}
	for (int i = 0; i < MAX_RB; i++) {
		const struct perf_buffer *rb = &s->rb[i];

		if (rb->in_use && rb->aux_nr_pages && !rb->aux_overwrite &&
		    rb->aux_head > rb->user_aux_tail)
			held += trace_bytes(&rb->aux, rb->user_aux_tail,
					    rb->aux_head - rb->user_aux_tail);
	}
	return emitted > held;
}

/* @enabled: which invariants to check (NULL: all) */
int invariant__check(const struct aux_model *m, const struct aux_state *parent,
		     const bool *enabled, int *cpu)
{
	return invariant__check_from(m, parent->warned, parent->nr_warnings,
				     enabled, cpu);
}

int invariant__check_from(const struct aux_model *m, uint32_t parent_warned,
			  uint32_t parent_nr_warnings, const bool *enabled,
			  int *cpu)
{
	const struct aux_state *s = &m->s;
	int act[MAX_CPUS];

#define ON(i) (!enabled || enabled[i])
	*cpu = -1;
	/* a WARN fired in this step: the new bit, or a repeat of a non-ONCE */
	if (s->nr_warnings != parent_nr_warnings) {
		for (int w = 0; w < NR_WARN_SITES; w++)
			if ((s->warned & ~parent_warned) & (1u << w) &&
			    ON(INV_WARN_FIRST + w))
				return INV_WARN_FIRST + w;
		for (int w = 0; w < NR_WARN_SITES; w++)
			if ((s->warned & (1u << w)) && ON(INV_WARN_FIRST + w))
				return INV_WARN_FIRST + w;
	}
	if (ON(INV_AUX_HANDLE)) {
		/* each rb's open handles, counted in one pass */
		int open[MAX_RB] = { 0 };

		for (int c = 0; c < s->nr_cpus; c++) {
			const struct perf_output_handle *h[2] = {
				&s->etm_ctxt[c].handle, &s->spe[c].handle
			};

			for (int k = 0; k < 2; k++)
				if (h[k]->event >= 0 && h[k]->rb >= 0 &&
				    h[k]->rb < MAX_RB)
					open[h[k]->rb]++;
		}
		for (int i = 0; i < MAX_RB; i++)
			if (s->rb[i].in_use && (int)s->rb[i].aux_nest != open[i])
				return INV_AUX_HANDLE;
	}
	for (int i = 0; i < s->nr_event_slots; i++) {
		const struct perf_event *e = &s->event[i];

		if (!e->in_use || e->state != PERF_EVENT_STATE_ACTIVE ||
		    e->hw_interrupts != MAX_INTERRUPTS)
			continue;
		if (e->pmu == PMU_ARMV8 && e->hw_enabled &&
		    ON(INV_THROTTLE_STOPS_COUNTERS)) {
			*cpu = e->oncpu;
			return INV_THROTTLE_STOPS_COUNTERS;
		}
	}
	active_aux_events(m, act);
	for (int c = 0; c < s->nr_cpus; c++) {
		int ev = act[c];
		const struct perf_event *e;
		bool tracing, throttled;

		if (ev < 0)
			continue;
		e = &s->event[ev];
		tracing = aux_tracing(m, e, c);
		throttled = e->hw_interrupts == MAX_INTERRUPTS;
		*cpu = c;
		if (throttled && tracing && ON(INV_THROTTLE_STOPS_AUX))
			return INV_THROTTLE_STOPS_AUX;
		if (!throttled && tracing && e->ghost_user_paused &&
		    ON(INV_USER_PAUSE_RESPECTED))
			return INV_USER_PAUSE_RESPECTED;
		/* no AUX buffer (perf munmapped it: perf_mmap_close() ->
		 * perf_pmu_output_stop()), nothing to trace into */
		if (!throttled && !tracing && !e->ghost_user_paused &&
		    !s->cpu[c].in_nmi && e->rb >= 0 && s->rb[e->rb].in_use &&
		    s->rb[e->rb].aux_nr_pages &&
		    ON(INV_AUX_TRACES_WHEN_ALLOWED))
			return INV_AUX_TRACES_WHEN_ALLOWED;
	}
	*cpu = -1;
	if (s->tool.exited && ON(INV_NO_AUX_LEAK))
		for (int i = 0; i < MAX_RB; i++)
			if (s->rb[i].in_use && s->rb[i].aux_refcount)
				return INV_NO_AUX_LEAK;
	if (ON(INV_SNAPSHOT_NOT_OLDER_THAN_LOST) && !s->tool.ghost_snap_flagged)
		for (int c = 0; c < s->nr_cpus; c++)
			if (s->cpu[c].ghost_snap_lost) {
				*cpu = c;
				return INV_SNAPSHOT_NOT_OLDER_THAN_LOST;
			}
	if (ON(INV_NO_SILENT_LOSS) && silent_loss(m))
		return INV_NO_SILENT_LOSS;
	return -1;
#undef ON
}
