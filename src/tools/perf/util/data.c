// SPDX-License-Identifier: GPL-2.0
/*
 * perf/data.c - the perf.data writer (data.h).
 *
 * Layout (Documentation/perf.data-file-format.txt): the file header, one
 * attr (the AUX event, with its id), the data section (records in the
 * order the modelled perf met them: the kernel's records from the data
 * ring, each AUX read as a PERF_RECORD_AUXTRACE with its bytes), then the
 * feature sections perf 6.1 writes on an arm64 board (header.h; here:
 * HEADER_AUXTRACE's index, EVENT_DESC, and the tracing data of the
 * tracepoint evsels, trace-event-info.h).  All little-endian.
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "model/etm4x-trace.h"
#include "lib/atomic-file.h"
#include "lib/interrupt.h"
#include "lib/bytebuf.h"
#include "sim/run-limits.h"
#include "tools/perf/perf.h"
#include "tools/perf/util/data.h"
#include "output/elf.h"
#include "tools/perf/util/header.h"
#include "tools/perf/util/pmu.h"
#include "tools/perf/util/synthetic-events.h"
#include "tools/perf/util/trace-event-info.h"

#define PERF_MAGIC2 0x32454c4946524550ull /* "PERFILE2" */
#define ATTR_SIZE 128 /* PERF_ATTR_SIZE_VER7, what perf 6.1 writes */
/* the id of evsel @e's event on CPU index @c (FD(evsel, cpu_idx)) */
#define EVENT_ID(e, c) (1 + 64 * (uint64_t)(e) + (uint64_t)(c))

enum {
	PERF_RECORD_FINISHED_ROUND = 68,
	PERF_AUXTRACE_CS_ETM = 3,
};

/* sample_type: IP | TID | TIME | CPU | PERIOD | IDENTIFIER */
#define SAMPLE_TYPE (0x1ull | 0x2ull | 0x4ull | 0x80ull | 0x100ull | 0x10000ull)
/*
 * ...but with --per-thread neither TIME nor CPU, as perf 6.1 opens the
 * events there: cs_etm_recording_options() (arch/arm/util/cs-etm.c) adds
 * CPU to the cs_etm evsel and TIME to the tracking one only with per-CPU
 * mmaps, and evsel__config() (util/evsel.c) adds TIME only per CPU or
 * when inheriting, which evlist__config() (util/record.c) turns off for
 * the dummy CPU map of --per-thread.  It matters: perf 6.1 finds an AUX
 * record's AUXTRACE buffer (cs-etm.c cs_etm__queue_aux_fragment()) by
 * CPU, by TID only when both CPUs are -1, and a per-thread buffer's CPU
 * is -1 (docs/perf-data.md).
 */
#define SAMPLE_TIME_CPU (0x4ull | 0x80ull)

/*
 * The output: a buffer flushed to the file every few MiB (a perf.data of
 * a long snapshot run is gigabytes); pos() is the file offset of the next
 * byte; set_u64() patches bytes already written.  Once the write has
 * failed or a signal stopped it (stopped()), nothing more is made: the
 * trace bytes, which are most of the time, are not generated only to be
 * dropped.
 */
struct buf {
	struct bytebuf mem; /* the bytes not yet in f */
	FILE *f;
	uint64_t flushed; /* bytes written to f before mem.p[0] */
	int ioerr;
	bool count; /* only count the bytes (perf_data__size()) */
	bool sig0; /* a SIGINT/SIGTERM came before the write: it goes on */
	bool intr; /* one came during it: nothing more is written */
	bool per_thread; /* sample_id without TIME and CPU (SAMPLE_TIME_CPU) */
};

#define FLUSH_AT (4u << 20)
/* trace bytes are made this many at a time, a signal polled between */
#define PAYLOAD_CHUNK (1u << 20)

static uint64_t pos(const struct buf *b)
{
	return b->flushed + b->mem.len;
}

/* a signal that came while the file is written stops the write (the file
 * is dropped); one that stopped the run before is perf record's Ctrl-C,
 * after which the file is written */
static bool stopped(struct buf *b)
{
	if (b->count)
		return false;
	if (interrupt__signo() && !b->sig0)
		b->intr = true;
	return b->intr || b->ioerr || b->mem.oom;
}

static void flush(struct buf *b)
{
	if (b->count)
		return;
	if (!stopped(b) && b->mem.len &&
	    fwrite(b->mem.p, 1, b->mem.len, b->f) != b->mem.len)
		b->ioerr = 1; /* the errno is the FILE's (atomic-file.h) */
	b->flushed += b->mem.len;
	b->mem.len = 0;
}

static void put(struct buf *b, const void *p, size_t n)
{
	if (b->count) {
		b->flushed += n;
		return;
	}
	if (b->mem.oom || b->intr || b->ioerr)
		return;
	if (b->mem.len >= FLUSH_AT)
		flush(b);
	bytebuf__add(&b->mem, p, n);
}

static void u8s(struct buf *b, uint8_t v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		put(b, &v, 1);
}

/* @v, @n bytes little endian (perf.data is the writer's byte order) */
static void le(uint8_t *x, uint64_t v, int n)
{
	for (int i = 0; i < n; i++)
		x[i] = (uint8_t)(v >> (8 * i));
}

static void un(struct buf *b, uint64_t v, int n)
{
	uint8_t x[8];

	le(x, v, n);
	put(b, x, (size_t)n);
}

static void u16(struct buf *b, uint16_t v)
{
	un(b, v, 2);
}

static void u32(struct buf *b, uint32_t v)
{
	un(b, v, 4);
}

static void u64(struct buf *b, uint64_t v)
{
	un(b, v, 8);
}

static void set_u64(struct buf *b, uint64_t at, uint64_t v)
{
	uint8_t x[8];

	le(x, v, 8);
	if (b->mem.oom || b->count || b->intr)
		return;
	if (at >= b->flushed) {
		memcpy(b->mem.p + (at - b->flushed), x, 8);
		return;
	}
	/* already in the file */
	if (fseeko(b->f, (off_t)at, SEEK_SET) || fwrite(x, 1, 8, b->f) != 8 ||
	    fseeko(b->f, (off_t)b->flushed, SEEK_SET))
		b->ioerr = 1;
}

/* struct perf_event_header */
static void header(struct buf *b, uint32_t type, uint16_t misc, uint16_t size)
{
	u32(b, type);
	u16(b, misc);
	u16(b, size);
}

/* the number of events (fds) an evsel has: one a CPU, or one (per-thread) */
static int nr_ids(const struct sim_result *res)
{
	return res->final.tool.target == TARGET_PER_THREAD ? 1 :
							     res->mc->nr_cpus;
}

/* the CPU index of an event's fd */
static int cpu_idx(const struct sim_result *res, int cpu)
{
	return res->final.tool.target == TARGET_PER_THREAD || cpu < 0 ? 0 :
									cpu;
}

uint64_t perf_data__cs_etm_config(const struct sim_result *res)
{
	const struct aux_state *s = &res->final;

	if (!s->tool.nr_fds || s->tool.fd_event[0] < 0)
		return 0;
	return s->event[s->tool.fd_event[0]].config;
}

bool perf_data__timestamps(const struct sim_result *res)
{
	return perf_data__cs_etm_config(res) & 1ull << ETM_OPT_TS;
}

void perf_data__clock(const struct sim_result *res, const struct sim_piece *p,
		      struct etm4x_clock *clk)
{
	const struct sim_slice *sl = sim_result__slice(res, p->slice);

	clk->t0 = sl ? sl->t0 : 0;
	clk->s0 = sl ? sl->s0 : 0;
	clk->rate = p->cpu >= 0 && p->cpu < AUXSIM_MAX_CPUS ?
			    res->cpu_rate[p->cpu] :
			    0;
}

/*
 * include/uapi/linux/perf_event.h: struct perf_event_attr, 128 bytes, of
 * the scenario's -e event @e as perf record opens it, or (@e == the
 * number of -e events) of the dummy:u tracking evsel cs_etm's recording
 * options add: sample_period 1, mmap/comm/task records, and
 * context_switch when record_switch_events.
 */
static void attr(struct buf *b, const struct sim_result *res, int e)
{
	const struct scn_event *ev;
	uint64_t flags = 1ull << 18; /* sample_id_all */
	/* the type cs_etm got on the board (perf/pmu.h) */
	uint32_t type = perf_pmu__type(res->mc, res->kernel, "cs_etm");
	uint64_t config, period = 1;

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
	if (strcmp(ev->pmu, "cs_etm")) {
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
	u64(b, b->per_thread ? SAMPLE_TYPE & ~SAMPLE_TIME_CPU : SAMPLE_TYPE);
	u64(b, 0); /* read_format */
	u64(b, flags);
	u32(b, 0); /* wakeup_events */
	u32(b, 0); /* bp_type */
	u64(b, 0); /* config1 */
	u64(b, 0); /* config2: the sink */
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

/* the sample_id_all trailer, in kernel order: TID, TIME, CPU, IDENTIFIER
 * (--per-thread: TID, IDENTIFIER) */
static void sample_id(struct buf *b, uint32_t pid, uint32_t tid, uint64_t t,
		      int cpu, uint64_t id)
{
	u32(b, pid);
	u32(b, tid);
	if (!b->per_thread) {
		u64(b, t);
		u32(b, (uint32_t)cpu);
		u32(b, 0);
	}
	u64(b, id);
}

/* its size */
static uint16_t sample_id_size(const struct buf *b)
{
	return b->per_thread ? 16 : 32;
}

/* a perf header string: u32 len (NUL included, padded to 64), bytes */
static void hstring(struct buf *b, const char *s)
{
	size_t n = strlen(s) + 1, padded = (n + 63) / 64 * 64;

	u32(b, (uint32_t)padded);
	put(b, s, n - 1);
	u8s(b, 0, padded - (n - 1));
}

/*
 * arch/arm/util/cs-etm.c cs_etm_info_fill(): header version 1, the PMU
 * type and CPU count, snapshot mode, then an ETMv4 block per CPU.
 */
static void auxtrace_info(struct buf *b, const struct sim_result *res)
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
		u64(b, 7); /* CS_ETMV4_NR_TRC_PARAMS */
		u64(b, trcconfigr); /* TRCCONFIGR */
		u64(b, etm4x_trace_id(c)); /* TRCTRACEIDR */
		u64(b, id[0] ? id[0] : 0x28000ea1); /* TRCIDR0 */
		u64(b, id[1] ? id[1] : 0x4100f424); /* TRCIDR1 */
		u64(b, id[2] ? id[2] : 0x00000488); /* TRCIDR2 */
		u64(b, id[3]); /* TRCIDR8 */
		u64(b, 0xcc); /* TRCAUTHSTATUS */
	}
}

/* the AUXTRACE payload of read @r: its pieces as bytes, padded to 8; made
 * PAYLOAD_CHUNK bytes at a time (a byte depends only on its stream offset,
 * etm4x-trace.h; a barrier's pattern repeats every 4 bytes) */
static uint64_t auxtrace_payload(struct buf *b, const struct sim_result *res,
				 const struct sim_read *r, uint32_t pid)
{
	uint64_t total = 0;
	uint8_t *tmp = NULL;
	bool ts = perf_data__timestamps(res);

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
				etm4x_trace__bytes(p->cpu, pid, p->slice,
						   ts ? &clk : NULL,
						   p->soff + off, n, tmp);
				break;
			}
			case EXT_BARRIER:
				etm4x_trace__barrier(tmp, n);
				break;
			default: /* zeroes: ID 0, padding */
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

/*
 * A context switch the dummy:u evsel's attr.context_switch records
 * (kernel/events/core.c: perf_event_switch(), called from
 * perf_event_task_sched_out() and perf_event_task_sched_in()): the task
 * @tid of the sample going out (@out) or coming in, and the other task.
 */
struct switch_rec {
	uint64_t t;
	int cpu;
	int out, preempt;
	uint32_t tid, other;
};

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
static int switch_recs(const struct sim_result *res, struct switch_rec **out)
{
	bool wide = res->final.tool.target == TARGET_SYSTEM_WIDE;
	struct switch_rec *sw = calloc(4 * (size_t)res->nslices + 1,
				       sizeof(*sw));
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
			sw[n++] = (struct switch_rec){ .t = sl->t0,
						       .cpu = sl->cpu,
						       .out = 1,
						       .other = pid };
		sw[n++] = (struct switch_rec){ .t = sl->t0, .cpu = sl->cpu,
					       .tid = pid, .other = prev };
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
			sw[n++] = (struct switch_rec){ .t = sl->t1,
						       .cpu = sl->cpu,
						       .other = pid };
	}
	qsort(sw, (size_t)n, sizeof(*sw), switch_rec__cmp);
	*out = sw;
	return n;
}

/* PERF_RECORD_SWITCH(_CPU_WIDE): misc SWITCH_OUT (0x2000) and
 * SWITCH_OUT_PREEMPT (0x4000); CPU-wide adds next_prev_pid/tid */
static void switch_record(struct buf *b, const struct sim_result *res,
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
static int tracepoint_evsels(const struct sim_result *res,
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

/*
 * The file into @b (a file, or a count): @elf is the traced program's
 * absolute path for the MMAP2; *@data_end the end of the data section,
 * what perf record reports as "Captured and wrote" (record__finish_output()
 * takes the file's size before it writes the features).
 */
static int emit(struct buf *b, const struct sim_result *res, const char *elf,
		uint64_t *data_end_out, char *err, int errlen)
{
	const struct aux_state *s = &res->final;
	int traced = res->scn->traced_task;
	uint32_t pid = traced >= 0 ? (uint32_t)s->task[traced].pid : 0;
	uint64_t *index_off = NULL;
	int nidx = 0, ri = 0;
	uint64_t data_off, data_end, feat_off;
	/* the -e events, then the dummy:u tracking evsel */
	int nev = res->scn->rec.nr_events + 1, nids = nr_ids(res);
	int dummy = nev - 1;
	struct switch_rec *sw = NULL;
	int nsw = 0, si = 0;
	int aux = res->final.tool.aux_evsel;
	const struct tracepoint_def *tps[SCN_MAX_EVENTS];
	int ntp = tracepoint_evsels(res, tps, err, errlen);
	/* the features perf record sets (perf/header.h): TRACING_DATA only
	 * with tracepoint evsels */
	uint64_t feats = perf_header__features(res, ntp > 0);
	int nfeat = __builtin_popcountll(feats);

	if (ntp < 0)
		return ntp;
	b->per_thread = res->final.tool.target == TARGET_PER_THREAD;

	index_off = calloc((size_t)res->nreads + 1, sizeof(*index_off));
	if (!index_off) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	/* perf_file_header; sizes filled in below */
	u64(b, PERF_MAGIC2);
	u64(b, 104);
	u64(b, ATTR_SIZE + 16);
	u64(b, 104); /* attrs.offset */
	u64(b, (uint64_t)nev * (ATTR_SIZE + 16)); /* attrs.size */
	u64(b, 0); /* data.offset */
	u64(b, 0); /* data.size */
	u64(b, 0); /* event_types */
	u64(b, 0);
	u64(b, feats); /* those written: set at the end */
	u64(b, 0);
	u64(b, 0);
	u64(b, 0);
	/* perf_file_attr[]: each attr and where its ids are, then the ids */
	for (int e = 0; e < nev; e++) {
		attr(b, res, e);
		u64(b, 104 + (uint64_t)nev * (ATTR_SIZE + 16) +
				(uint64_t)e * (uint64_t)nids * 8);
		u64(b, (uint64_t)nids * 8);
	}
	for (int e = 0; e < nev; e++)
		for (int c = 0; c < nids; c++)
			u64(b, EVENT_ID(e, c));
	data_off = pos(b);

	auxtrace_info(b, res);
	/* the kernel's maps (perf_event__synthesize_kernel_mmap()) */
	{
		struct bytebuf km = { 0 };

		perf_event__synthesize_kernel_mmap(res, sample_id_size(b), &km);
		if (km.oom)
			b->mem.oom = 1;
		put(b, km.p, km.len);
		bytebuf__release(&km);
	}
	/* the workload's COMM (perf_event__synthesize_comm, or its exec) */
	if (traced >= 0) {
		char comm[16] = "";
		size_t n;

		snprintf(comm, sizeof(comm), "%s",
			 res->scn->tasks[traced].comm);
		n = (strlen(comm) + 1 + 7) / 8 * 8;
		header(b, PERF_RECORD_COMM, 0,
		       (uint16_t)(8 + 8 + n + sample_id_size(b)));
		u32(b, pid);
		u32(b, pid);
		put(b, comm, strlen(comm));
		u8s(b, 0, n - strlen(comm));
		sample_id(b, pid, pid, 0, -1, EVENT_ID(dummy, 0));
		/* the workload's text: an MMAP2 naming the ELF auxsim
		 * writes next to FILE, at an absolute path */
		n = (strlen(elf) + 1 + 7) / 8 * 8;
		header(b, PERF_RECORD_MMAP2, 2 /* PERF_RECORD_MISC_USER */,
		       (uint16_t)(8 + 8 + 24 + 8 + 16 + 8 + n +
				  sample_id_size(b)));
		u32(b, pid);
		u32(b, pid);
		u64(b, ETM4_PROG_BASE);
		u64(b, 0x2000);
		u64(b, 0); /* pgoff */
		u32(b, 0); /* maj */
		u32(b, 0); /* min */
		u64(b, 0); /* ino */
		u64(b, 0); /* ino_generation */
		u32(b, 5); /* PROT_READ | PROT_EXEC */
		u32(b, 2); /* MAP_PRIVATE */
		put(b, elf, strlen(elf));
		u8s(b, 0, n - strlen(elf));
		sample_id(b, pid, pid, 0, -1, EVENT_ID(dummy, 0));
	}
	/* the kernel's records, the switch records and perf's AUX reads, in
	 * time order */
	if (res->record_switch_events) {
		nsw = switch_recs(res, &sw);
		if (nsw < 0) {
			b->mem.oom = 1;
			nsw = 0;
		}
	}
	for (int i = 0; i <= res->nrecs && !stopped(b); i++) {
		const struct aux_record *r = i < res->nrecs ? &res->recs[i] :
							     NULL;
		uint64_t t = r ? r->time_ns : UINT64_MAX;

		for (; si < nsw && sw[si].t <= t; si++)
			switch_record(b, res, &sw[si],
				      EVENT_ID(dummy, cpu_idx(res, sw[si].cpu)));

		for (; ri < res->nreads && res->reads[ri].rd.time_ns <= t;
		     ri++) {
			const struct sim_read *rd = &res->reads[ri];
			uint64_t size = sim_read__bytes(rd);

			if (!size)
				continue;
			index_off[nidx++] = pos(b);
			header(b, PERF_RECORD_AUXTRACE, 0, 48);
			u64(b, (size + 7) / 8 * 8);
			u64(b, rd->rd.offset);
			u64(b, 0x5eed000000000000ull | (uint64_t)ri);
			u32(b, (uint32_t)rd->rd.mmap);
			u32(b, (uint32_t)rd->rd.tid);
			u32(b, (uint32_t)rd->rd.cpu);
			u32(b, 0);
			auxtrace_payload(b, res, rd, pid);
		}
		if (!r)
			break;
		switch (r->type) {
		case PERF_RECORD_AUX:
			header(b, PERF_RECORD_AUX, 0, 8 + 24 + sample_id_size(b));
			u64(b, r->offset);
			u64(b, r->size);
			u64(b, r->flags);
			sample_id(b, pid, pid, r->time_ns, r->cpu,
				  EVENT_ID(aux, cpu_idx(res, r->cpu)));
			break;
		case PERF_RECORD_ITRACE_START:
			header(b, PERF_RECORD_ITRACE_START, 0,
			       8 + 8 + sample_id_size(b));
			u32(b, r->pid);
			u32(b, r->tid);
			sample_id(b, r->pid, r->tid, r->time_ns, r->cpu,
				  EVENT_ID(aux, cpu_idx(res, r->cpu)));
			break;
		case PERF_RECORD_THROTTLE:
		case PERF_RECORD_UNTHROTTLE: {
			/* perf_log_throttle(): time, id, stream_id */
			const struct perf_event *ev =
				r->event >= 0 ? &s->event[r->event] : NULL;
			uint64_t id = ev ? EVENT_ID(ev->evsel,
						    cpu_idx(res, ev->cpu)) :
					   0;

			header(b, r->type, 0, 8 + 24 + sample_id_size(b));
			u64(b, r->time_ns);
			u64(b, id);
			u64(b, id);
			sample_id(b, r->pid, r->tid, r->time_ns, r->cpu, id);
			break;
		}
		default:
			break;
		}
	}
	header(b, PERF_RECORD_FINISHED_ROUND, 0, 8);
	data_end = pos(b);
	*data_end_out = data_end;
	set_u64(b, 40, data_off);
	set_u64(b, 48, data_end - data_off);

	/* feature sections: a table of {offset, size} in bit order, as many
	 * entries as features set; one perf's writer fails on is dropped
	 * and its entry stays zero (perf_header__adds_write()) */
	feat_off = pos(b);
	for (int i = 0; i < nfeat; i++) {
		u64(b, 0);
		u64(b, 0);
	}
	for (int f = HEADER_TRACING_DATA, k = 0; f < HEADER_LAST_FEATURE; f++) {
		uint64_t at = pos(b);

		if (!(feats >> f & 1))
			continue;
		if (f == HEADER_TRACING_DATA) {
			/* header.c write_tracing_data() */
			size_t n;
			uint8_t *td = tracing_data_get(tps, ntp, &n);

			if (td)
				put(b, td, n);
			else
				b->mem.oom = 1;
			free(td);
		} else if (f == HEADER_EVENT_DESC) {
			u32(b, (uint32_t)nev);
			u32(b, ATTR_SIZE);
			for (int e = 0; e < nev; e++) {
				attr(b, res, e);
				u32(b, (uint32_t)nids);
				hstring(b, e == dummy ?
						   "dummy:u" :
						   res->scn->rec.events[e].text);
				for (int c = 0; c < nids; c++)
					u64(b, EVENT_ID(e, c));
			}
		} else if (f == HEADER_AUXTRACE) {
			/* the index */
			u64(b, (uint64_t)nidx);
			for (int i = 0; i < nidx; i++) {
				u64(b, index_off[i]);
				u64(b, 48);
			}
		} else {
			struct bytebuf fb = { 0 };
			int r = perf_header__write_feat(f, res, &fb);

			if (r == -ENOMEM || fb.oom)
				b->mem.oom = 1;
			if (!r)
				put(b, fb.p, fb.len);
			bytebuf__release(&fb);
			if (r) {
				feats &= ~(1ull << f);
				continue;
			}
		}
		set_u64(b, feat_off + 16 * (uint64_t)k, at);
		set_u64(b, feat_off + 16 * (uint64_t)k + 8, pos(b) - at);
		k++;
	}
	set_u64(b, 72, feats); /* adds_features[0] */
	free(index_off);
	free(sw);
	flush(b);
	return 0;
}

/*
 * The ELF that comes with the perf.data @path (elf.h): @rel its name as
 * the files are opened (from @path, links followed), @abs the absolute
 * path the MMAP2 record gives perf.
 */
static int elf_paths(const char *path, char *rel, char *abs, size_t len,
		     char *err, int errlen)
{
	char dir[PATH_MAX], real[PATH_MAX];
	const char *slash;
	int ret = workload_elf__path(path, rel, len), n;

	if (ret) {
		snprintf(err, errlen, "%s: %s", path, strerror(-ret));
		return ret;
	}
	slash = strrchr(rel, '/');
	snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - rel) : 1,
		 slash ? (slash == rel ? "/" : rel) : ".");
	if (!realpath(dir, real)) {
		ret = -errno;
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return ret;
	}
	n = snprintf(abs, len, "%s/%s", strcmp(real, "/") ? real : "",
		     slash ? slash + 1 : rel);
	if (n < 0 || (size_t)n >= len) {
		snprintf(err, errlen, "%s: %s", path, strerror(ENAMETOOLONG));
		return -ENAMETOOLONG;
	}
	return 0;
}

/* @v as "240.1 MiB (251789312 bytes)" */
static const char *fmt_bytes(char *buf, size_t len, uint64_t v)
{
	static const char *const unit[] = {"KiB", "MiB", "GiB", "TiB"};
	double x = (double)v / 1024;
	int u = 0;

	while (x >= 1024 && u < 3) {
		x /= 1024;
		u++;
	}
	snprintf(buf, len, "%.1f %s (%" PRIu64 " bytes)", x, unit[u], v);
	return buf;
}

/*
 * Before a byte is written: the file's size (emit() counting, no trace
 * bytes made) against AUXSIM_MAX_PERF_DATA_BYTES (-E2BIG), and with its
 * ELF against the space free in the directory's filesystem (-ENOSPC, as
 * the write would fail; the blocks root may use count for root), with
 * @err naming -o's @path and the sizes.  *@data_end: "Captured and wrote".
 */
static int check_size(const char *path, const struct sim_result *res,
		      const char *elf, int dirfd, uint64_t *data_end, char *err,
		      int errlen)
{
	struct buf b = {.count = true};
	struct statvfs sv;
	uint64_t need, avail;
	char n[64], e[64];
	int ret = emit(&b, res, elf, data_end, err, errlen);

	if (ret)
		return ret;
	if (pos(&b) > AUXSIM_MAX_PERF_DATA_BYTES) {
		snprintf(err, errlen,
			 "%s: the perf.data would be %s, past the limit of "
			 "%llu GiB (docs/scenario-format.md, Limits); a "
			 "shorter --duration or fewer snapshots make it "
			 "smaller",
			 path, fmt_bytes(n, sizeof(n), pos(&b)),
			 AUXSIM_MAX_PERF_DATA_BYTES >> 30);
		return -E2BIG;
	}
	need = pos(&b) + workload_elf__size();
	if (fstatvfs(dirfd, &sv) || !sv.f_blocks)
		return 0; /* no figures: the write will say */
	avail = (uint64_t)(geteuid() ? sv.f_bavail : sv.f_bfree) *
		(uint64_t)sv.f_frsize;
	if (need <= avail)
		return 0;
	snprintf(err, errlen,
		 "%s: %s: the perf.data and its ELF need %s, the filesystem "
		 "has %s free",
		 path, strerror(ENOSPC), fmt_bytes(n, sizeof(n), need),
		 fmt_bytes(e, sizeof(e), avail));
	return -ENOSPC;
}

int perf_data__write(const char *path, const struct sim_result *res,
		     uint64_t *captured, char *err, int errlen)
{
	struct buf b = {0};
	struct atomic_file data, elf;
	char rel[PATH_MAX + 64], abs[PATH_MAX + 64];
	uint64_t data_end = 0;
	int ret = elf_paths(path, rel, abs, sizeof(rel), err, errlen), elf_ret;

	if (ret)
		return ret;
	/* both written under no name, then both named (atomic-file.h):
	 * a perf.data is never left without its ELF, nor an ELF alone */
	ret = atomic_file__open(&data, path, err, errlen);
	if (ret)
		return ret;
	ret = check_size(path, res, abs, data.dirfd, &data_end, err, errlen);
	if (captured)
		*captured = data_end;
	if (ret) {
		atomic_file__discard(&data);
		return ret;
	}
	ret = atomic_file__open(&elf, rel, err, errlen);
	if (ret) {
		atomic_file__discard(&data);
		return ret;
	}
	/* a failed write of the ELF shows in its atomic_file__prepare(),
	 * with its errno */
	elf_ret = workload_elf__emit(
		elf.f, ETM4_LOOP_COUNT(perf_data__timestamps(res)));
	b.f = data.f;
	b.sig0 = interrupt__signo() != 0;
	ret = elf_ret == -ENOMEM ? -ENOMEM
				 : emit(&b, res, abs, &data_end, err, errlen);
	if (ret) {
		if (ret == -ENOMEM)
			snprintf(err, errlen, "%s: %s", path, strerror(ENOMEM));
		atomic_file__discard(&elf);
		atomic_file__discard(&data);
		bytebuf__release(&b.mem);
		return ret;
	}
	if (captured)
		*captured = data_end;
	ret = atomic_file__prepare(&data,
				   b.intr      ? -EINTR
				   : b.mem.oom ? -ENOMEM
				   : b.ioerr   ? -EIO
					       : 0,
				   err, errlen);
	bytebuf__release(&b.mem);
	if (ret) {
		atomic_file__discard(&elf);
		return ret;
	}
	ret = atomic_file__prepare(&elf, elf_ret, err, errlen);
	if (!ret)
		ret = atomic_file__commit(&elf, err, errlen);
	if (ret) {
		atomic_file__discard(&data);
		return ret;
	}
	return atomic_file__commit(&data, err, errlen);
}

uint64_t perf_data__size(const struct sim_result *res)
{
	struct buf b = {.count = true};
	int traced = res->scn->traced_task;
	char elf[64], err[128];
	uint64_t data_end = 0;

	/* what perf record would name: the workload's binary */
	snprintf(elf, sizeof(elf), "/usr/bin/%s",
		 traced >= 0 ? res->scn->tasks[traced].comm : "workload");
	if (emit(&b, res, elf, &data_end, err, (int)sizeof(err)))
		return 0;
	return data_end;
}
