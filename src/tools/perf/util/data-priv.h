/* SPDX-License-Identifier: GPL-2.0 */
/*
 * data-priv.h - what the two halves of the perf.data writer share: the
 * output buffer and its little-endian encoders, the constants of the
 * format, and the records data-records.c encodes for data.c, which lays
 * out the file.  Not for callers outside the writer: they use data.h.
 */
#ifndef AUXSIM_PERF_DATA_PRIV_H
#define AUXSIM_PERF_DATA_PRIV_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

#include "lib/bytebuf.h"
#include "lib/interrupt.h"
#include "sim/sim.h"

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
	bool sig0;  /* a SIGINT/SIGTERM came before the write: it goes on */
	bool intr;  /* one came during it: nothing more is written */
	bool per_thread; /* sample_id without TIME and CPU (SAMPLE_TIME_CPU) */
};

#define FLUSH_AT (4u << 20)
/* trace bytes are made this many at a time, a signal polled between */
#define PAYLOAD_CHUNK (1u << 20)

static inline uint64_t pos(const struct buf *b)
{
	return b->flushed + b->mem.len;
}

/* a signal that came while the file is written stops the write (the file
 * is dropped); one that stopped the run before is perf record's Ctrl-C,
 * after which the file is written */
static inline bool stopped(struct buf *b)
{
	if (b->count)
		return false;
	if (interrupt__signo() && !b->sig0)
		b->intr = true;
	return b->intr || b->ioerr || b->mem.oom;
}

static inline void flush(struct buf *b)
{
	if (b->count)
		return;
	if (!stopped(b) && b->mem.len &&
	    fwrite(b->mem.p, 1, b->mem.len, b->f) != b->mem.len)
		b->ioerr = 1; /* the errno is the FILE's (atomic-file.h) */
	b->flushed += b->mem.len;
	b->mem.len = 0;
}

static inline void put(struct buf *b, const void *p, size_t n)
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

static inline void u8s(struct buf *b, uint8_t v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		put(b, &v, 1);
}

/* @v, @n bytes little endian (perf.data is the writer's byte order) */
static inline void le(uint8_t *x, uint64_t v, int n)
{
	for (int i = 0; i < n; i++)
		x[i] = (uint8_t)(v >> (8 * i));
}

static inline void un(struct buf *b, uint64_t v, int n)
{
	uint8_t x[8];

	le(x, v, n);
	put(b, x, (size_t)n);
}

static inline void u16(struct buf *b, uint16_t v)
{
	un(b, v, 2);
}

static inline void u32(struct buf *b, uint32_t v)
{
	un(b, v, 4);
}

static inline void u64(struct buf *b, uint64_t v)
{
	un(b, v, 8);
}

static inline void set_u64(struct buf *b, uint64_t at, uint64_t v)
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
static inline void header(struct buf *b, uint32_t type, uint16_t misc,
			  uint16_t size)
{
	u32(b, type);
	u16(b, misc);
	u16(b, size);
}

/* the sample_id_all trailer, in kernel order: TID, TIME, CPU, IDENTIFIER
 * (--per-thread: TID, IDENTIFIER) */
static inline void sample_id(struct buf *b, uint32_t pid, uint32_t tid,
			     uint64_t t, int cpu, uint64_t id)
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
static inline uint16_t sample_id_size(const struct buf *b)
{
	return b->per_thread ? 16 : 32;
}

/* the events' sample_type */
static inline uint64_t sample_type(const struct buf *b)
{
	return b->per_thread ? SAMPLE_TYPE & ~SAMPLE_TIME_CPU : SAMPLE_TYPE;
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

struct tracepoint_def;

/*
 * data-records.c: the attr of -e event @e (or of the dummy:u evsel), the
 * AUXTRACE_INFO record, the AUXTRACE payload of read @r (returns its
 * bytes), the switch records of the run in time order (how many, or -1)
 * and one of them, the tracepoint evsels (how many, or -EINVAL).
 */
void perf_data__attr(struct buf *b, const struct sim_result *res, int e);
void perf_data__auxtrace_info(struct buf *b, const struct sim_result *res);
uint64_t perf_data__auxtrace_payload(struct buf *b,
				     const struct sim_result *res,
				     const struct sim_read *r, uint32_t pid);
int perf_data__switch_recs(const struct sim_result *res,
			   struct switch_rec **out);
void perf_data__switch_record(struct buf *b, const struct sim_result *res,
			      const struct switch_rec *s, uint64_t id);
int perf_data__tracepoint_evsels(const struct sim_result *res,
				 const struct tracepoint_def **tps, char *err,
				 int errlen);

#endif /* AUXSIM_PERF_DATA_PRIV_H */
