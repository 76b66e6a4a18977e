// SPDX-License-Identifier: GPL-2.0
/*
 * report-json.c - the run as one JSON document (docs/json.md).
 */
#include <inttypes.h>
#include <string.h>

#include "lib/json.h"
#include "output/report-priv.h"

static const char *extent_kind_name[] = {
	[EXT_ZERO] = "zero",
	[EXT_TRACE] = "trace",
	[EXT_BARRIER] = "barrier",
	[EXT_UNTRACKED] = "untracked",
};

static void json_snapshot(struct json_writer *jw, const struct sim_result *res,
			  const struct sim_snapshot *sn)
{
	jw_open_object(jw, NULL);
	jw_u64(jw, "index", sn->index);
	jw_u64(jw, "time_ns", sn->t_signal);
	jw_u64(jw, "enable_ns", sn->t_enable);
	jw_u64(jw, "total_bytes", sn->total_bytes);
	jw_u64(jw, "trace_bytes", sn->trace_bytes);
	jw_u64(jw, "zero_bytes", sn->zero_bytes);
	jw_u64(jw, "barrier_bytes", sn->barrier_bytes);
	jw_u64(jw, "stale_bytes", sn->stale_bytes);
	jw_u64(jw, "dup_bytes", sn->dup_bytes);
	jw_u64(jw, "emitted_bytes", sn->emitted_bytes);
	jw_u64(jw, "captured_bytes", sn->captured_bytes);
	jw_u64(jw, "lost_bytes", sn->missing_bytes);
	jw_bool(jw, "discontinuous", sn->discontinuous);
	jw_open_array(jw, "buffers");
	for (int r = sn->first_read; r < sn->first_read + sn->nr_reads; r++) {
		const struct sim_read *rd = &res->reads[r];

		jw_open_object(jw, NULL);
		jw_int(jw, "cpu", rd->rd.cpu);
		jw_int(jw, "mmap", rd->rd.mmap);
		jw_int(jw, "tid", rd->rd.tid);
		jw_u64(jw, "bytes", rd->rd.size);
		jw_u64(jw, "aux_head", rd->rd.head);
		jw_u64(jw, "prev", rd->rd.old);
		jw_u64(jw, "offset", rd->rd.offset);
		jw_bool(jw, "under_read", rd->rd.head - rd->rd.old >
						  res->aux_size);
		jw_open_array(jw, "extents");
		for (int i = 0; i < rd->nr_pieces; i++) {
			const struct sim_piece *p =
				&res->pieces[rd->first_piece + i];

			jw_open_object(jw, NULL);
			jw_string(jw, "kind", extent_kind_name[p->kind]);
			jw_u64(jw, "len", p->len);
			if (p->kind == EXT_TRACE) {
				jw_int(jw, "cpu", p->cpu);
				jw_u64(jw, "slice", p->slice);
				jw_u64(jw, "stream_offset", p->soff);
			}
			jw_close_object(jw);
		}
		jw_close_array(jw);
		jw_close_object(jw);
	}
	jw_close_array(jw);
	jw_open_array(jw, "slices");
	for (int i = sn->nsl - 1; i >= 0; i--) {
		const struct snap_slice *ss = &sn->sl[i];
		const struct sim_slice *sl = sim_result__slice(res, ss->slice);

		jw_open_object(jw, NULL);
		jw_u64(jw, "id", ss->slice);
		jw_string(jw, "label", sl->label);
		jw_int(jw, "cpu", sl->cpu);
		jw_string(jw, "status", snap_status_name[ss->status]);
		jw_u64(jw, "held", ss->held);
		jw_u64(jw, "emitted", ss->emitted);
		jw_u64(jw, "dup", ss->dup);
		jw_bool(jw, "stale", ss->stale);
		jw_close_object(jw);
	}
	jw_close_array(jw);
	if (sn->discontinuous) {
		jw_open_object(jw, "discontinuity");
		jw_u64(jw, "missing_slice", sn->disc_missing);
		jw_u64(jw, "older_held_slice", sn->disc_older);
		jw_close_object(jw);
	}
	jw_close_object(jw);
}

void report__json(FILE *f, const struct sim_result *res)
{
	const struct auxsim_scenario *scn = res->scn;
	struct json_writer jw;
	char fl[32];

	jw_init(&jw, f);
	jw_open_object(&jw, NULL);
	jw_string(&jw, "scenario", scn->name);
	jw_u64(&jw, "seed", res->seed);
	jw_string(&jw, "machine", res->mc->name);
	jw_string(&jw, "kernel", res->kernel->name);
	jw_open_array(&jw, "patches");
	for (int i = 0; i < res->nr_patches; i++)
		jw_string(&jw, NULL, res->patches[i]);
	jw_close_array(&jw);
	jw_string(&jw, "perf", res->perf->name);
	jw_string(&jw, "perf_record", scn->rec.cmdline);
	jw_bool(&jw, "root", scn->root);
	jw_u64(&jw, "duration_ns", res->duration_ns);
	/* the run ended at the workload's exit, before the duration given */
	if (res->workload_exit_ns)
		jw_u64(&jw, "workload_exit_ns", res->workload_exit_ns);
	else
		jw_null(&jw, "workload_exit_ns");
	if (res->interrupted_signo) {
		jw_open_object(&jw, "interrupted");
		jw_string(&jw, "signal", report__signame(res->interrupted_signo));
		jw_int(&jw, "signo", res->interrupted_signo);
		jw_u64(&jw, "at_ns", res->duration_ns);
		jw_u64(&jw, "asked_duration_ns", res->asked_duration_ns);
		jw_close_object(&jw);
	}
	jw_int(&jw, "open_error", res->open_error);
	jw_open_array(&jw, "perf_messages");
	for (int i = 0; i < res->nmsgs; i++)
		jw_string(&jw, NULL, res->msgs[i]);
	jw_close_array(&jw);
	jw_u64(&jw, "aux_size", res->aux_size);
	jw_u64(&jw, "snapshot_size", res->snapshot_size);
	jw_u64(&jw, "etr_buf_size", res->etr_buf_size);

	jw_open_array(&jw, "slices");
	for (int i = 0; i < res->nslices; i++) {
		const struct sim_slice *sl = &res->slices[i];

		jw_open_object(&jw, NULL);
		jw_u64(&jw, "id", sl->id);
		jw_string(&jw, "label", sl->label);
		jw_int(&jw, "cpu", sl->cpu);
		jw_u64(&jw, "start_ns", sl->t0);
		jw_u64(&jw, "end_ns", sl->t1);
		jw_u64(&jw, "stream_start", sl->s0);
		jw_u64(&jw, "bytes", sl->s1 - sl->s0);
		jw_close_object(&jw);
	}
	jw_close_array(&jw);

	jw_open_array(&jw, "snapshots");
	for (int k = 0; k < res->nsnaps; k++)
		json_snapshot(&jw, res, &res->snaps[k]);
	jw_close_array(&jw);

	jw_open_array(&jw, "aux_records");
	for (int i = 0; i < res->nrecs; i++) {
		const struct aux_record *r = &res->recs[i];

		if (r->type != PERF_RECORD_AUX)
			continue;
		jw_open_object(&jw, NULL);
		jw_int(&jw, "cpu", r->cpu);
		jw_u64(&jw, "time_ns", r->time_ns);
		jw_u64(&jw, "offset", r->offset);
		jw_u64(&jw, "size", r->size);
		jw_u64(&jw, "flags", r->flags);
		jw_string(&jw, "flags_str",
			  report__aux_flags(r->flags, fl, sizeof(fl)));
		jw_close_object(&jw);
	}
	jw_close_array(&jw);

	jw_open_array(&jw, "warnings");
	for (int i = 0; i < res->nwarns; i++) {
		const struct sim_warning *sw = &res->warns[i];
		const struct warn_site_desc *d = &warn_sites[sw->w.site];

		jw_open_object(&jw, NULL);
		jw_string(&jw, "function", d->function);
		jw_string(&jw, "file", d->file);
		jw_int(&jw, "line", warn_site__line(sw->w.site, res->kernel));
		jw_string(&jw, "condition", d->cond);
		jw_int(&jw, "cpu", sw->w.cpu);
		jw_u64(&jw, "time_ns", sw->w.time_ns);
		jw_string(&jw, "comm", sw->comm);
		jw_int(&jw, "pid", sw->pid);
		jw_open_array(&jw, "call_trace");
		for (int k = 0; k < sw->w.depth; k++)
			jw_string(&jw, NULL, sw->w.stack[k]);
		jw_close_array(&jw);
		jw_close_object(&jw);
	}
	jw_close_array(&jw);

	jw_open_array(&jw, "tracers");
	for (int c = 0; c < res->mc->nr_cpus; c++) {
		uint64_t spent[NR_TRACER_STATES], first[NR_TRACER_STATES];
		int thr = 0, unthr = 0, last = TRACER_OFF;

		report__tracer_spent(res, c, spent, first);
		for (int i = 0; i < res->nrecs; i++) {
			if (res->recs[i].cpu != c)
				continue;
			thr += res->recs[i].type == PERF_RECORD_THROTTLE;
			unthr += res->recs[i].type == PERF_RECORD_UNTHROTTLE;
		}
		for (int i = 0; i < res->ntracer; i++)
			if (res->tracer[i].cpu == c &&
			    res->tracer[i].time_ns < res->duration_ns)
				last = res->tracer[i].state;
		jw_open_object(&jw, NULL);
		jw_int(&jw, "cpu", c);
		jw_string(&jw, "final", tracer_name[last]);
		jw_int(&jw, "throttles", thr);
		jw_int(&jw, "unthrottles", unthr);
		jw_open_object(&jw, "ns_in_state");
		for (int st = 0; st < NR_TRACER_STATES; st++)
			if (spent[st])
				jw_u64(&jw, tracer_name[st], spent[st]);
		jw_close_object(&jw);
		jw_close_object(&jw);
	}
	jw_close_array(&jw);

	jw_fixed(&jw, "captured_mb", res->perf_data_bytes / MiB, 3);
	if (res->output_failed) {
		jw_open_object(&jw, "output_error");
		jw_string(&jw, "file", res->output_failed);
		jw_string(&jw, "error", res->output_error);
		if (res->output_signo)
			jw_string(&jw, "signal",
				  report__signame(res->output_signo));
		else
			jw_null(&jw, "signal");
		jw_close_object(&jw);
	}
	jw_open_object(&jw, "stats");
	jw_u64(&jw, "events", res->nr_events);
	jw_u64(&jw, "context_switches", res->nr_switches);
	jw_u64(&jw, "ignored_signals", res->ignored_signals);
	jw_u64(&jw, "usr2_sig_ign", res->usr2_sig_ign);
	jw_u64(&jw, "extent_merges", res->lost_extent_merges);
	{
		uint64_t thr = 0, unthr = 0;

		for (int i = 0; i < res->nrecs; i++) {
			thr += res->recs[i].type == PERF_RECORD_THROTTLE;
			unthr += res->recs[i].type == PERF_RECORD_UNTHROTTLE;
		}
		jw_u64(&jw, "throttle_records", thr);
		jw_u64(&jw, "unthrottle_records", unthr);
	}
	jw_close_object(&jw);
	jw_close_object(&jw);
}
