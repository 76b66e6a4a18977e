// SPDX-License-Identifier: GPL-2.0
/*
 * perf/data-records.c - the records of the perf.data writer (data-priv.h):
 * the perf_event_attr of each evsel, cs_etm's AUXTRACE_INFO, the AUXTRACE
 * payloads made from the run's extents, the context switch records, and
 * the tracepoint evsels whose formats the tracing data carries.  data.c
 * lays them out in the file.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/arm-spe-trace.h"
#include "model/etm4x-trace.h"
#include "tools/perf/perf.h"
#include "tools/perf/util/arm-spe-data.h"
#include "tools/perf/util/data-priv.h"
#include "tools/perf/util/data.h"
#include "tools/perf/util/pmu.h"
#include "tools/perf/util/trace-event-info.h"

/*
 * include/uapi/linux/perf_event.h: struct perf_event_attr, 128 bytes, of
 * the scenario's -e event @e as perf record opens it, or (@e == the
 * number of -e events) of the dummy:u tracking evsel cs_etm's recording
 * options add: sample_period 1, mmap/comm/task records, and
 * context_switch when record_switch_events.
 */
void perf_data__attr(struct buf *b, const struct sim_result *res, int e)
{
	const struct scn_event *ev;
	uint64_t flags = 1ull << 18; /* sample_id_all */
	/* the type cs_etm got on the board (perf/pmu.h) */
	uint32_t type = perf_pmu__type(res->mc, res->kernel, "cs_etm");
	uint64_t config, period = 1;
	uint64_t stype = sample_type(b), config1 = 0, config2 = 0;

	if (e == res->scn->rec.nr_events) {
		/* PERF_TYPE_SOFTWARE, PERF_COUNT_SW_DUMMY, :u; mmap, comm,
		 * task, mmap2, comm_exec, context_switch */
		type = 1;
		config = 9;
		flags |= 1ull << 5 | 1ull << 6 | 1ull << 8 | 1ull << 9 |
			 1ull << 13 | 1ull << 23 | 1ull << 24;
		if (res->record_switch_events)
			flags |= 1ull << 26;
		goto write;
	}
	/* the config perf opened the event with (perf/cs-etm.c: Context ID
	 * and timestamps with per-CPU mmaps); Context ID always, which perf
	 * does not set with --per-thread: the trace carries it anyway */
	ev = &res->scn->rec.events[e];
	config = perf_data__cs_etm_config(res) | 1ull << ETM_OPT_CTXTID;
	if (arm_spe_data__is_spe(ev->pmu)) {
		/* arm_spe_0 (perf/arm-spe-data.h) */
		struct arm_spe_attr a;

		arm_spe_data__attr(res, e, sample_type(b), &a);
		type = a.type;
		config = a.config;
		config1 = a.config1;
		config2 = a.config2;
		period = a.sample_period;
		stype = a.sample_type;
	} else if (strcmp(ev->pmu, "cs_etm")) {
		/* a counter (PERF_TYPE_HARDWARE, cycles) or a tracepoint */
		const struct tracepoint_def *tp = tracepoint__find(ev->pmu);

		type = 0;
		config = 0;
		period = 4000;
		flags |= 1ull << 10; /* freq, perf's default -F 4000 */
		if (tp) {
			/* PERF_TYPE_TRACEPOINT: the event's ID, and every
			 * hit a sample (evsel__newtp_idx(): period 1) */
			type = 2;
			config = tp->id;
			period = 1;
			flags &= ~(1ull << 10);
		}
		for (int t = 0; t < ev->nr_terms; t++)
			if (!strcmp(ev->terms[t].name, "period")) {
				period = strtoull(ev->terms[t].val, NULL, 0);
				flags &= ~(1ull << 10);
			}
	}
	flags |= (uint64_t)ev->exclude_user << 4;
	flags |= (uint64_t)ev->exclude_kernel << 5;
	flags |= (uint64_t)ev->exclude_hv << 6;
write:
	u32(b, type);
	u32(b, ATTR_SIZE);
	u64(b, config);
	u64(b, period); /* sample_period or sample_freq */
	u64(b, stype);
	u64(b, 0); /* read_format */
	u64(b, flags);
	u32(b, 0); /* wakeup_events */
	u32(b, 0); /* bp_type */
	u64(b, config1);
	u64(b, config2); /* cs_etm: the sink */
	u64(b, 0); /* branch_sample_type */
	u64(b, 0); /* sample_regs_user */
	u32(b, 0); /* sample_stack_user */
	u32(b, 0); /* clockid */
	u64(b, 0); /* sample_regs_intr */
	u32(b, 0); /* aux_watermark */
	u16(b, 0); /* sample_max_stack */
	u16(b, 0);
	u32(b, 0); /* aux_sample_size */
	u32(b, 0);
	u64(b, 0); /* sig_data */
}

/*
 * arch/arm/util/cs-etm.c cs_etm_info_fill(): header version 1, the PMU
 * type and CPU count, snapshot mode, then an ETMv4 block per CPU.
 */
void perf_data__auxtrace_info(struct buf *b, const struct sim_result *res)
{
	int ncpu = res->mc->nr_cpus;
	uint64_t n = 3 + 10 * (uint64_t)ncpu;
	/* cs_etmv4_get_config(): ETM_OPT_CTXTID -> TRCCONFIGR.CID (bit 6),
	 * ETM_OPT_TS -> TRCCONFIGR.TS (bit 11) */
	uint64_t trcconfigr = 0x40 | (perf_data__timestamps(res) ? 0x800 : 0);

	header(b, PERF_RECORD_AUXTRACE_INFO, 0, (uint16_t)(8 + 8 + 8 * n));
	u32(b, PERF_AUXTRACE_CS_ETM);
	u32(b, 0);
	u64(b, 1); /* CS_HEADER_VERSION */
	u64(b, (uint64_t)perf_pmu__type(res->mc, res->kernel, "cs_etm") << 32 |
		       (uint64_t)ncpu);
	u64(b, res->final.tool.snapshot_mode ? 1 : 0);
	for (int c = 0; c < ncpu; c++) {
		const uint32_t *id = res->mc->cpus[c].trcidr;

		u64(b, 0x4040404040404040ull); /* CS_ETMV4_MAGIC */
		u64(b, (uint64_t)c);
		u64(b, 7);			    /* CS_ETMV4_NR_TRC_PARAMS */
		u64(b, trcconfigr);		    /* TRCCONFIGR */
		u64(b, etm4x_trace_id(c));	    /* TRCTRACEIDR */
		u64(b, id[0] ? id[0] : 0x28000ea1); /* TRCIDR0 */
		u64(b, id[1] ? id[1] : 0x4100f424); /* TRCIDR1 */
		u64(b, id[2] ? id[2] : 0x00000488); /* TRCIDR2 */
		u64(b, id[3]);			    /* TRCIDR8 */
		u64(b, 0xcc);			    /* TRCAUTHSTATUS */
	}
}

/* the AUXTRACE payload of read @r: its pieces as bytes, padded to 8; made
 * PAYLOAD_CHUNK bytes at a time (a byte depends only on its stream offset,
 * etm4x-trace.h; a barrier's pattern repeats every 4 bytes) */
uint64_t perf_data__auxtrace_payload(struct buf *b,
				     const struct sim_result *res,
				     const struct sim_read *r, uint32_t pid)
{
	uint64_t total = 0;
	uint8_t *tmp = NULL;
	bool ts = perf_data__timestamps(res);
	bool spe = arm_spe_data__session(res);
	bool spe_ts = spe && arm_spe_data__timestamps(res);

	for (int i = 0; i < r->nr_pieces; i++) {
		const struct sim_piece *p = &res->pieces[r->first_piece + i];

		if (b->count) {
			put(b, NULL, (size_t)p->len);
			total += p->len;
			continue;
		}
		if (!tmp && !(tmp = malloc(PAYLOAD_CHUNK))) {
			b->mem.oom = 1;
			return total;
		}
		for (uint64_t off = 0; off < p->len; off += PAYLOAD_CHUNK) {
			uint64_t n = p->len - off < PAYLOAD_CHUNK
					     ? p->len - off
					     : PAYLOAD_CHUNK;

			if (stopped(b)) {
				free(tmp);
				return total;
			}
			switch (p->kind) {
			case EXT_TRACE: {
				struct etm4x_clock clk;

				perf_data__clock(res, p, &clk);
				if (spe) {
					arm_spe_trace__bytes(
						pid, p->slice,
						spe_ts ? &clk : NULL,
						p->soff + off, n, tmp);
					break;
				}
				etm4x_trace__bytes(p->cpu, pid, p->slice,
						   ts ? &clk : NULL,
						   p->soff + off, n, tmp);
				break;
			}
			case EXT_BARRIER:
				etm4x_trace__barrier(tmp, n);
				break;
			default: /* zeroes: ID 0, padding; SPE: Padding */
				memset(tmp, 0, (size_t)n);
			}
			put(b, tmp, (size_t)n);
			total += n;
		}
	}
	free(tmp);
	u8s(b, 0, (size_t)((8 - total % 8) % 8));
	return total;
}

static int switch_rec__cmp(const void *a, const void *b)
{
	const struct switch_rec *x = a, *y = b;

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	if (x->cpu != y->cpu)
		return x->cpu - y->cpu;
	return y->out - x->out; /* at one instant: out, then in */
}

static uint32_t task_pid(const struct sim_result *res, int task)
{
	return task >= 0 ? (uint32_t)res->final.task[task].pid : 0;
}

/*
 * The switch records, from the run's slices (the model's context_switch()
 * calls, trace.c sched__switch()), time order.  A per-task event (perf
 * record -- cmd, --per-thread) records the traced task's own switches,
 * PERF_RECORD_SWITCH; a CPU-wide one (-a) every switch on its CPU, the
 * idle task (pid 0) included, PERF_RECORD_SWITCH_CPU_WIDE with the other
 * task.  A cpu-bound task leaves the CPU preempted
 * (PERF_RECORD_MISC_SWITCH_OUT_PREEMPT).  Returns how many, or -1.
 */
int perf_data__switch_recs(const struct sim_result *res,
			   struct switch_rec **out)
{
	bool wide = res->final.tool.target == TARGET_SYSTEM_WIDE;
	struct switch_rec *sw =
		calloc(4 * (size_t)res->nslices + 1, sizeof(*sw));
	int n = 0;

	if (!sw)
		return -1;
	for (int i = 0; i < res->nslices; i++) {
		const struct sim_slice *sl = &res->slices[i];
		uint32_t pid = task_pid(res, sl->task), prev = 0, next = 0;
		bool ends = sl->t1 != UINT64_MAX;

		if (!wide && sl->task != res->scn->traced_task)
			continue;
		/* the task before and after it on its CPU (idle: 0) */
		for (int j = 0; wide && j < res->nslices; j++) {
			const struct sim_slice *o = &res->slices[j];

			if (o->cpu != sl->cpu || j == i)
				continue;
			if (o->t1 == sl->t0)
				prev = task_pid(res, o->task);
			if (ends && o->t0 == sl->t1)
				next = task_pid(res, o->task);
		}
		/* -a: the idle task goes out for it... */
		if (wide && !prev)
			sw[n++] = (struct switch_rec){.t = sl->t0,
						      .cpu = sl->cpu,
						      .out = 1,
						      .other = pid};
		sw[n++] = (struct switch_rec){
			.t = sl->t0, .cpu = sl->cpu, .tid = pid, .other = prev};
		if (!ends)
			continue;
		sw[n++] = (struct switch_rec){
			.t = sl->t1,
			.cpu = sl->cpu,
			.out = 1,
			.preempt = res->scn->tasks[sl->task].kind ==
				   SCN_TASK_CPU_BOUND,
			.tid = pid,
			.other = next,
		};
		/* ...and comes back in after it */
		if (wide && !next)
			sw[n++] = (struct switch_rec){
				.t = sl->t1, .cpu = sl->cpu, .other = pid};
	}
	qsort(sw, (size_t)n, sizeof(*sw), switch_rec__cmp);
	*out = sw;
	return n;
}

/* PERF_RECORD_SWITCH(_CPU_WIDE): misc SWITCH_OUT (0x2000) and
 * SWITCH_OUT_PREEMPT (0x4000); CPU-wide adds next_prev_pid/tid */
void perf_data__switch_record(struct buf *b, const struct sim_result *res,
			      const struct switch_rec *s, uint64_t id)
{
	bool wide = res->final.tool.target == TARGET_SYSTEM_WIDE;
	uint16_t misc = (uint16_t)((s->out ? 0x2000 : 0) |
				   (s->out && s->preempt ? 0x4000 : 0));

	header(b, wide ? PERF_RECORD_SWITCH_CPU_WIDE : PERF_RECORD_SWITCH, misc,
	       (uint16_t)(8 + (wide ? 8 : 0) + sample_id_size(b)));
	if (wide) {
		u32(b, s->other);
		u32(b, s->other);
	}
	sample_id(b, s->tid, s->tid, s->t, s->cpu, id);
}

/*
 * The formats of the tracepoint evsels (SYSTEM:NAME events), in evlist
 * order, as trace-event-info.c get_tracepoints_path() collects them for
 * the tracing data: how many, or -EINVAL with @err set when the model has
 * no format for one.
 */
int perf_data__tracepoint_evsels(const struct sim_result *res,
				 const struct tracepoint_def **tps, char *err,
				 int errlen)
{
	int n = 0;

	for (int e = 0; e < res->scn->rec.nr_events; e++) {
		const struct scn_event *ev = &res->scn->rec.events[e];

		if (!strchr(ev->pmu, ':'))
			continue;
		tps[n] = tracepoint__find(ev->pmu);
		if (!tps[n]) {
			snprintf(err, errlen, "no format for tracepoint '%s'",
				 ev->pmu);
			return -EINVAL;
		}
		n++;
	}
	return n;
}
