// SPDX-License-Identifier: GPL-2.0
/*
 * perf/truth.c - what `perf script --itrace=b -F cpu,ip,addr,flags` must
 * print for the perf.data data.c writes (truth.h), from the model's own
 * knowledge: which stream bytes of which CPU each AUX read copied (the
 * extents), and the program the trace walks (etm4x-trace.c, elf.c).
 *
 * perf 6.1's side, as the file drives it (../shared/spec/perfdata-cs-etm.md
 * and cs-etm.c): with the HEADER_AUXTRACE index, each PERF_RECORD_AUX whose
 * [start, end) lies inside an AUXTRACE buffer of its CPU (--per-thread: of
 * its TID; with OVERWRITE, aux_offset is the end) is a fragment, decoded in file order by a decoder
 * reset at its start; records that lie in no buffer are not decoded.
 * OpenCSD's side: a decoder starts unsynchronised and syncs at an A-Sync;
 * the FSYNC barrier resets it; Trace On ends a run ("tr end" for the
 * branch the run was waiting to confirm) and the next address starts one
 * ("tr strt"); a taken branch is printed when the trace goes on past it,
 * and at the end of the data as "tr end" with its type.
 */
#include <errno.h>
#include <stdarg.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/etm4x-trace.h"
#include "lib/atomic-file.h"
#include "lib/bytebuf.h"
#include "tools/perf/util/data.h"
#include "output/truth.h"

/* where decoded lines go: the file (timeless: printed as decoded), or a
 * trace ID queue's lines not yet processed (timed) */
struct sink {
	FILE *f;
	struct bytebuf buf;
};

static void emit(struct sink *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void emit(struct sink *s, const char *fmt, ...)
{
	char line[96];
	va_list ap;
	int n;

	va_start(ap, fmt);
	if (s->f) {
		vfprintf(s->f, fmt, ap);
		va_end(ap);
		return;
	}
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n >= 0)
		bytebuf__add(&s->buf, line, (size_t)n);
}

/* one decoder: where in the ETMv4 period its next data byte is */
struct dec {
	/* the trace has timestamps (perf decodes it timed): the period's
	 * layout (etm4x-trace.h: ETM4_HDR_BYTES(), ETM4_LOOP_COUNT()) */
	int ts;
	int synced;
	int pos; /* data byte in the period, 0 .. ETM4_PERIOD_DATA - 1 */
	int run; /* a trace-on run with an address: atoms execute */
	/* the last atom's branch, waiting for the trace to go on: 0 none,
	 * 1 b.ne taken (jcc), 2 b _start (jmp), 3 b.ne not taken: only the
	 * end of the trace prints that one ("tr end jcc") */
	int pending;
	uint64_t entry; /* the run's copy of the loop (etm4x_slot_entry()) */
	uint64_t next_entry; /* from this period's address packet */
	/* timed decode (cs-etm-decoder.c): a timestamp seen since the last
	 * discontinuity (only the first one halts the decoder), the
	 * instructions executed since then (instr_count) */
	int ts_seen;
	uint64_t instr;
	/* OpenCSD's ETMv4 packet processor (TrcPktProcEtmV4I), which the
	 * decoder resets but a bad packet does not: @psync once it has
	 * seen an A-Sync; then @zrun counts the zero bytes of the A-Sync it
	 * is reading (iPktASync(): twelve zeros with no 0x80, or a byte
	 * other than 0x80 after fewer than eleven, is a bad sequence, and
	 * the decoder loses sync: handleBadPacket()).  Unsynced, it skips
	 * leading zeros. */
	int psync;
	int zrun;
	/* a timestamp that will halt: its key, waiting for its element,
	 * which OpenCSD gives out with the Trace On's once the address after
	 * them is whole; then the Trace On and address elements that follow
	 * it wait for perf to resume the decoder */
	int halt_armed;
	uint64_t halt_key;
	int strt_pending;
};

/* the timestamp packet's last byte (15 .. 22), with timestamps */
#define TS_END 22

/* the end of a fragment: the branch waiting is printed with "tr end" (perf's
 * flag names: a conditional one keeps its "jcc", a jump does not) */
static void flush_end(struct sink *f, int cpu, struct dec *d)
{
	if (d->pending == 1 || d->pending == 3)
		emit(f, "[%03d] tr end jcc %" PRIx64 " => 0\n", cpu,
			d->entry + 8);
	else if (d->pending == 2)
		emit(f, "[%03d] tr end %" PRIx64 " => 0\n", cpu,
			d->entry + 12);
	d->pending = 0;
}

/* a decoder loses sync (a jump in the stream, a bad packet): perf's
 * timestamps restart too (cs_etm_decoder__reset_timestamp()) */
static void dec_unsync(struct dec *d)
{
	d->synced = 0;
	d->run = 0;
	d->ts_seen = 0;
	d->instr = 0;
	d->halt_armed = 0;
	d->strt_pending = 0;
}

/* the Trace On committed at the address: the run so far ends ("tr end"
 * for the branch it was waiting on), the address starts a run */
static void dec_strt(struct sink *f, int cpu, struct dec *d)
{
	flush_end(f, cpu, d);
	d->entry = d->next_entry;
	emit(f, "[%03d] tr strt 0 => %" PRIx64 "\n", cpu, d->entry);
	d->run = 1;
	d->strt_pending = 0;
}

/* the decoder and its packet processor reset (a new fragment: perf's
 * cs_etm_decoder__reset(); an FSYNC barrier) */
static void dec_reset(struct dec *d)
{
	dec_unsync(d);
	d->psync = 0;
	d->zrun = 0;
}

/* the packet processor meets @n zero bytes (of an A-Sync, or of a run of
 * zeroes); 1 if that makes a bad sequence */
static int dec_zero_bytes(struct dec *d, uint64_t n)
{
	if (!d->psync) { /* leading zeros are skipped */
		d->zrun = n + (uint64_t)d->zrun >= 11 ? 11 : d->zrun + (int)n;
		return 0;
	}
	n += (uint64_t)d->zrun;
	d->zrun = (int)(n % 12);
	return n >= 12;
}

/* a run of zeroes, @len bytes of frames, goes to the last ID's decoder:
 * a zero frame is 15 data bytes (its flags byte says the even bytes are
 * data too); a bad sequence ends the trace (OCSD_GEN_TRC_ELEM_NO_SYNC) */
static void dec_zeroes(struct sink *f, int cpu, struct dec *d, uint64_t len)
{
	if (dec_zero_bytes(d, len / ETM4_FRAME * 15 + len % ETM4_FRAME) ||
	    !d->psync) {
		flush_end(f, cpu, d);
		dec_unsync(d);
	}
}

/*
 * The decoder meets data byte @pos of a period (stream-aligned), emitted
 * in slice @slice, whose timestamp packet says @ts.  Returns 1 when the
 * byte completes the first timestamp since a discontinuity and perf's
 * decoder halts on it (cs_etm_decoder__do_hard_timestamp(): OCSD_RESP_WAIT),
 * with *@key the time the packets before it started
 * (timestamp - instr_count); 0 otherwise.
 */
static int dec_byte(struct sink *f, int cpu, struct dec *d, int pos,
		    uint32_t slice, uint64_t ts, uint64_t *key)
{
	/* A-Sync 12, Trace Info 3, [Timestamp 8], Trace On 1, Address 14 */
	const int HDR_BYTES = ETM4_HDR_BYTES(d->ts);
	const int LOOP = ETM4_LOOP_COUNT(d->ts);
	int bad = 0, async = 0;

	if (d->synced && pos != d->pos) {
		/* not the byte expected (the stream jumps inside one
		 * fragment): the run ends, sync is lost */
		flush_end(f, cpu, d);
		dec_unsync(d);
	}
	/* the packet processor: the A-Sync is bytes 0..10 zero, 11 0x80;
	 * no other byte of a period is a zero that could start one */
	if (pos < 11) {
		bad = dec_zero_bytes(d, 1);
	} else if (pos == 11) {
		async = d->zrun == 11;
		bad = !async && d->psync;
		d->zrun = 0;
	} else if (d->zrun) {
		bad = d->psync;
		d->zrun = 0;
	}
	if (async)
		d->psync = 1;
	if (bad) {
		if (d->synced) {
			flush_end(f, cpu, d);
			dec_unsync(d);
		}
		return 0;
	}
	if (!d->synced) {
		/* the decoder waits for an A-Sync (then Trace Info) */
		if (!async)
			return 0;
		d->synced = 1;
	}
	d->pos = (pos + 1) % ETM4_PERIOD_DATA;
	if (d->ts && pos == TS_END) {
		/* the timestamp packet is whole; the first since a
		 * discontinuity will halt, keyed by the time the packets
		 * before it started */
		if (d->ts_seen)
			return 0;
		d->ts_seen = 1;
		d->halt_armed = 1;
		d->halt_key = ts > d->instr ? ts - d->instr : 0;
		d->instr = 0;
		return 0;
	}
	if (pos == HDR_BYTES - 13) /* the address bytes: one frame, one slice */
		d->next_entry = etm4x_slot_entry(slice);
	if (pos == HDR_BYTES - 15) { /* Trace On: the run so far ends... */
		d->run = 0;
		d->ts_seen = 0;
		d->instr = 0;
		return 0;
	}
	if (pos == HDR_BYTES - 1) {
		/* ...when the decoder commits it, at the next address (at the
		 * queue's end an uncommitted Trace On prints nothing).  Only
		 * now does OpenCSD give out the timestamp's element: a halt
		 * here leaves the Trace On and the address to the resume */
		if (d->halt_armed) {
			d->halt_armed = 0;
			d->strt_pending = 1;
			*key = d->halt_key;
			return 1;
		}
		dec_strt(f, cpu, d);
		return 0;
	}
	if (pos < HDR_BYTES || !d->run)
		return 0;
	/* atom (pos - HDR_BYTES): LOOP + 1 an iteration: b.ne LOOP - 1 x E,
	 * N, b E; the range it ends: movz, subs, b.ne from the entry; subs,
	 * b.ne; then b */
	{
		int j = (pos - HDR_BYTES) % (LOOP + 1);

		if (d->pending == 1)
			emit(f, "[%03d] jcc %" PRIx64 " => %" PRIx64 "\n",
				cpu, d->entry + 8, d->entry + 4);
		else if (d->pending == 2)
			emit(f, "[%03d] jmp %" PRIx64 " => %" PRIx64 "\n",
				cpu, d->entry + 12, d->entry);
		d->pending = j < LOOP - 1 ? 1 : j == LOOP ? 2 : 3;
		d->instr += j == 0 ? 3 : j == LOOP ? 1 : 2;
	}
	return 0;
}

/* stream bytes [soff, soff + len) of @cpu, slice @slice, through its
 * decoder (timeless: no timestamps) */
static void dec_stream(struct sink *f, int cpu, struct dec *d, uint32_t slice,
		       uint64_t soff, uint64_t len)
{
	uint64_t key;

	for (uint64_t x = soff; x < soff + len; x++) {
		uint64_t frame = x / ETM4_FRAME, in = x % ETM4_FRAME;

		if (in == 0 || in == 15)
			continue; /* the ID and the flags */
		if (dec_byte(f, cpu, d,
			     (int)((frame % ETM4_PERIOD_FRAMES) * 14 + in - 1),
			     slice, 0, &key))
			dec_strt(f, cpu, d);
	}
}

/* buffer bytes [a, b) of read @r, decoded from a reset; the queue's @last
 * fragment leaves its waiting branch unprinted (perf ends the queue
 * without flushing it) */
static void fragment(struct sink *f, const struct sim_result *res,
		     const struct sim_read *r, uint64_t a, uint64_t b,
		     bool last)
{
	struct dec d[AUXSIM_MAX_CPUS];
	uint64_t at = 0;
	int prev = -1;

	memset(d, 0, sizeof(d));
	for (int i = 0; i < r->nr_pieces && at < b; i++) {
		const struct sim_piece *p = &res->pieces[r->first_piece + i];
		uint64_t s = at > a ? at : a, e = at + p->len < b ? at + p->len :
								   b;

		if (s < e) {
			if (p->kind == EXT_TRACE && p->cpu >= 0 &&
			    p->cpu < AUXSIM_MAX_CPUS) {
				dec_stream(f, p->cpu, &d[p->cpu], p->slice,
					   p->soff + (s - at), e - s);
				prev = p->cpu;
			} else if (p->kind == EXT_BARRIER) {
				/* 4 x FSYNC: every decoder resets */
				for (int c = 0; c < AUXSIM_MAX_CPUS; c++) {
					flush_end(f, c, &d[c]);
					dec_reset(&d[c]);
				}
			} else if (prev >= 0) {
				/* zeroes: data for the last ID, no sync */
				dec_zeroes(f, prev, &d[prev], e - s);
			}
		}
		at += p->len;
	}
	if (!last)
		for (int c = 0; c < AUXSIM_MAX_CPUS; c++)
			flush_end(f, c, &d[c]);
}

/*
 * The CPU perf 6.1 reads from AUX record @rec's sample_id: -1 with
 * --per-thread, whose records carry no CPU (data.c), as the per-thread
 * buffers' AUXTRACE records say -1 too.
 */
static int rec_cpu(const struct sim_result *res, const struct aux_record *rec)
{
	return res->final.tool.target == TARGET_PER_THREAD ? -1 : rec->cpu;
}

/* the first read whose AUXTRACE buffer holds AUX record @rec whole (of
 * its CPU, or with both CPUs -1 its TID: cs_etm__queue_aux_fragment()),
 * with the record's range in [*start, *end); or -1 */
static int fragment_read(const struct sim_result *res,
			 const struct aux_record *rec, uint64_t *start,
			 uint64_t *end)
{
	bool overwrite = rec->flags & PERF_AUX_FLAG_OVERWRITE;
	int traced = res->scn->traced_task, cpu = rec_cpu(res, rec);
	/* the TID data.c writes in an AUX record's sample_id */
	int tid = traced >= 0 ? res->final.task[traced].pid : 0;

	if (rec->type != PERF_RECORD_AUX || !rec->size)
		return -1;
	for (int k = 0; k < res->nreads; k++) {
		const struct sim_read *r = &res->reads[k];
		uint64_t size = sim_read__bytes(r), len = rec->size;

		if (!size || r->rd.cpu != cpu || (cpu < 0 && r->rd.tid != tid))
			continue;
		/* OVERWRITE: the offset is the head, the end of the data,
		 * and the size is clamped to the buffer's (perf reads at most
		 * a buffer's size of a snapshot) */
		if (overwrite && len > size)
			len = size;
		*end = overwrite ? rec->offset : rec->offset + len;
		*start = *end - len;
		if (*start >= r->rd.offset && *end <= r->rd.offset + size)
			return k;
	}
	return -1;
}

/* a queue's fragment: bytes [a, b) of read @read's AUXTRACE buffer */
struct frag {
	int cpu, read;
	uint64_t a, b;
	bool last; /* the queue's last */
};

struct frags {
	struct frag *f;
	int n, cap, oom;
};

static void frags_push(struct frags *fl, int cpu, int read, uint64_t a,
		       uint64_t b, bool last)
{
	if (fl->n == fl->cap) {
		int cap = fl->cap ? 2 * fl->cap : 64;
		struct frag *q = realloc(fl->f, (size_t)cap * sizeof(*q));

		if (!q) {
			fl->oom = 1;
			return;
		}
		fl->f = q;
		fl->cap = cap;
	}
	fl->f[fl->n++] = (struct frag){ cpu, read, a, b, last };
}

/*
 * Timed decoding (perf 6.1 cs-etm.c: cs_etm__process_timestamped_queues()).
 *
 * A queue (struct cs_etm_queue: a CPU's mmap) decodes its fragments in
 * order with one decoder a trace ID; decoded packets wait in their trace
 * ID's queue (struct cs_etm_traceid_queue).  A decoder halts at the
 * first timestamp after a discontinuity (every period's Trace On is one);
 * the queue then goes into a min-heap keyed by that timestamp less the
 * instructions decoded before it (cs_etm_decoder__do_hard_timestamp()).
 * perf pops the earliest, processes that trace ID's waiting packets (the
 * lines they print) and decodes the queue on to its next halt.  At the end
 * of a fragment every trace ID queue of the queue is processed, in trace ID
 * order (cs_etm__clear_all_traceid_queues()), and the next fragment starts
 * from a decoder reset; before a queue's first halt, packets of fragments
 * with no timestamp are thrown away (cs_etm__queue_first_cs_timestamp()).
 * A trace ID's first byte after a reset is OpenCSD's NO_SYNC, a
 * discontinuity: the branch waiting in that trace ID queue prints as
 * "tr end" then.
 */
struct tqueue {
	int first, n; /* its fragments: fl->f[first .. first + n) */
	int fi; /* the fragment being decoded, n: done */
	int pi; /* its piece */
	uint64_t pat; /* the piece's start in the buffer */
	uint64_t at; /* the next byte to decode, in the buffer */
	bool started;
	bool nosync[AUXSIM_MAX_CPUS]; /* reset, no byte of the ID since */
	int prev; /* the last ID that had bytes (zeroes go to it) */
	struct dec d[AUXSIM_MAX_CPUS];
	struct sink out[AUXSIM_MAX_CPUS];
	int halt_cpu;
	uint64_t halt_key;
	bool tail_lost; /* the fragment's rest after the halt is lost */
};

/* process trace ID @c's waiting packets: print their lines */
static void tq_process(struct sink *f, struct tqueue *q, int c)
{
	if (q->out[c].buf.len)
		fwrite(q->out[c].buf.p, 1, q->out[c].buf.len, f->f);
	q->out[c].buf.len = 0;
}

/* decode queue @q on: 1 at a halt (q->halt_cpu, q->halt_key), 0 at the end
 * of a fragment (the caller moves on: q->fi++), 2 at the end of one whose
 * last halt took its rest (perf fetches the next buffer without clearing
 * the trace ID queues: the packets waiting there stay), -1 when it has no
 * more */
static int tq_decode(const struct sim_result *res, const struct frags *fl,
		     struct tqueue *q)
{
	const struct frag *fr;
	const struct sim_read *r;

	if (q->fi >= q->n)
		return -1;
	fr = &fl->f[q->first + q->fi];
	r = &res->reads[fr->read];
	if (q->started && q->tail_lost) {
		q->d[q->halt_cpu].strt_pending = 0;
		q->tail_lost = false;
		q->started = false;
		return 2;
	}
	if (q->started && q->d[q->halt_cpu].strt_pending)
		/* the resume: OpenCSD gives out what followed the halt */
		dec_strt(&q->out[q->halt_cpu], q->halt_cpu,
			 &q->d[q->halt_cpu]);
	if (!q->started) {
		/* cs_etm__get_data_block(): a new buffer, a decoder reset */
		for (int c = 0; c < AUXSIM_MAX_CPUS; c++) {
			dec_reset(&q->d[c]);
			q->nosync[c] = true;
		}
		q->started = true;
		q->at = fr->a;
		q->pi = 0;
		q->pat = 0;
		q->prev = -1;
	}
	for (; q->pi < r->nr_pieces && q->at < fr->b; q->pi++) {
		const struct sim_piece *p = &res->pieces[r->first_piece + q->pi];
		uint64_t e = q->pat + p->len < fr->b ? q->pat + p->len : fr->b;

		if (q->at < q->pat)
			q->at = q->pat;
		if (q->at >= e) {
			q->pat += p->len;
			continue;
		}
		if (p->kind == EXT_TRACE && p->cpu >= 0 &&
		    p->cpu < AUXSIM_MAX_CPUS) {
			int c = p->cpu;
			struct etm4x_clock clk;

			perf_data__clock(res, p, &clk);
			if (q->nosync[c]) {
				/* OCSD_GEN_TRC_ELEM_NO_SYNC */
				flush_end(&q->out[c], c, &q->d[c]);
				q->nosync[c] = false;
			}
			q->prev = c;
			while (q->at < e) {
				uint64_t x = p->soff + (q->at - q->pat);
				uint64_t frame = x / ETM4_FRAME;
				uint64_t in = x % ETM4_FRAME, key;
				int pos = (int)((frame % ETM4_PERIOD_FRAMES) * 14 +
						in - 1);

				q->at++;
				if (in == 0 || in == 15)
					continue;
				if (dec_byte(&q->out[c], c, &q->d[c], pos,
					     p->slice,
					     etm4x_clock__ts(&clk,
							     x - x % (ETM4_FRAME *
								      ETM4_PERIOD_FRAMES)),
					     &key)) {
					q->halt_cpu = c;
					q->halt_key = key;
					/* OpenCSD has taken in the whole frame
					 * of the halting byte; if that ends the
					 * fragment, perf never lets it flush (a
					 * WAIT with nothing left:
					 * cs_etm_decoder__process_data_block())
					 * before the next fragment's reset:
					 * the elements after the timestamp's are
					 * lost.  Found by cutting fragments
					 * short, one frame at a time, with perf
					 * 6.1. */
					if (fr->b <= q->at - 1 - in + ETM4_FRAME)
						q->tail_lost = true;
					if (q->at >= e) {
						q->pat += p->len;
						q->pi++;
					}
					return 1;
				}
			}
		} else if (p->kind == EXT_BARRIER) {
			/* 4 x FSYNC: every decoder resets */
			for (int c = 0; c < AUXSIM_MAX_CPUS; c++) {
				flush_end(&q->out[c], c, &q->d[c]);
				dec_reset(&q->d[c]);
			}
			q->at = e;
		} else {
			/* zeroes: data for the last ID, no sync */
			if (q->prev >= 0)
				dec_zeroes(&q->out[q->prev], q->prev,
					   &q->d[q->prev], e - q->at);
			q->at = e;
		}
		q->pat += p->len;
	}
	q->started = false;
	return 0;
}

/* perf's auxtrace_heap (util/auxtrace.c): a binary min-heap of queues by
 * ordinal; an equal ordinal goes below those already there */
struct heap_item {
	int q;
	uint64_t ord;
};

static void heap_up(struct heap_item *h, int pos, struct heap_item it)
{
	while (pos) {
		int parent = (pos - 1) / 2;

		if (h[parent].ord <= it.ord)
			break;
		h[pos] = h[parent];
		pos = parent;
	}
	h[pos] = it;
}

static void heap_pop(struct heap_item *h, int *n)
{
	int pos = 0, cnt = *n;

	if (!cnt)
		return;
	*n = --cnt;
	/* the hole goes down the smaller child to a leaf, then the last
	 * item fills it and goes up */
	for (;;) {
		int l = 2 * pos + 1, r = l + 1;

		if (l >= cnt + 1)
			break;
		if (r >= cnt + 1) {
			h[pos] = h[l];
			return;
		}
		if (h[l].ord < h[r].ord) {
			h[pos] = h[l];
			pos = l;
		} else {
			h[pos] = h[r];
			pos = r;
		}
	}
	heap_up(h, pos, h[cnt]);
}

static int timed(struct sink *f, const struct sim_result *res,
		 const struct frags *fl)
{
	struct tqueue *qs = calloc(64, sizeof(*qs));
	struct heap_item *h = calloc(64, sizeof(*h));
	int nh = 0, ret = 0;

	if (!qs || !h) {
		free(qs);
		free(h);
		return -ENOMEM;
	}
	for (int i = 0; i < 64; i++)
		for (int c = 0; c < AUXSIM_MAX_CPUS; c++)
			qs[i].d[c].ts = 1;
	for (int i = 0; i < fl->n; i++) {
		struct tqueue *q = &qs[fl->f[i].cpu & 63];

		if (!q->n)
			q->first = i;
		q->n++;
	}
	/* cs_etm__queue_first_cs_timestamp(), queue by queue */
	for (int i = 0; i < 64; i++) {
		struct tqueue *q = &qs[i];
		int r;

		while (q->n && (r = tq_decode(res, fl, q)) == 0) {
			/* no timestamp: the packets are thrown away */
			for (int c = 0; c < AUXSIM_MAX_CPUS; c++)
				q->out[c].buf.len = 0;
			q->fi++;
		}
		if (q->n && q->fi < q->n)
			heap_up(h, nh++, (struct heap_item){ i, q->halt_key });
	}
	while (nh) {
		int i = h[0].q;
		struct tqueue *q = &qs[i];
		int r;

		heap_pop(h, &nh);
		tq_process(f, q, q->halt_cpu);
		while ((r = tq_decode(res, fl, q)) == 0 || r == 2) {
			/* cs_etm__clear_all_traceid_queues() (not after a
			 * halt that took the rest), then the next buffer */
			for (int c = 0; r == 0 && c < AUXSIM_MAX_CPUS; c++)
				tq_process(f, q, c);
			q->fi++;
		}
		if (r == 1)
			heap_up(h, nh++, (struct heap_item){ i, q->halt_key });
	}
	for (int i = 0; i < 64; i++)
		for (int c = 0; c < AUXSIM_MAX_CPUS; c++) {
			if (qs[i].out[c].buf.oom)
				ret = -ENOMEM;
			bytebuf__release(&qs[i].out[c].buf);
		}
	free(qs);
	free(h);
	return ret;
}

int perf_truth__write(const char *path, const struct sim_result *res,
		      char *err, int errlen)
{
	int last_read[64], last_frag[64], any_frag[64];
	int *rec_read = calloc((size_t)res->nrecs + 1, sizeof(*rec_read));
	uint64_t *start = calloc((size_t)res->nrecs + 1, sizeof(*start));
	uint64_t *end = calloc((size_t)res->nrecs + 1, sizeof(*end));
	struct atomic_file af;
	struct sink sink = { 0 };
	struct frags fl = { 0 };
	int ret;

	if (!rec_read || !start || !end) {
		free(rec_read);
		free(start);
		free(end);
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	ret = atomic_file__open(&af, path, err, errlen);
	if (ret)
		goto out;
	sink.f = af.f;
	/*
	 * perf decodes timeless data queue by queue (one a CPU's mmap, in
	 * order), timed data (timed()) in timestamp order.  A queue holds, buffer by buffer in file order, the
	 * fragments of the PERF_RECORD_AUX records that lie whole in the
	 * buffer (each record in the first buffer of its CPU that holds it,
	 * in record order); a queue where no record lies in any buffer gets
	 * its buffers whole (what perf 6.1.187 shows: not the upstream
	 * patch's all-or-nothing etm->data_queued).  The queue's last
	 * fragment: of its last buffer, the last record in it, or the
	 * buffer itself.
	 */
	for (int c = 0; c < 64; c++)
		last_read[c] = last_frag[c] = -1, any_frag[c] = 0;
	for (int k = 0; k < res->nreads; k++)
		if (sim_read__bytes(&res->reads[k]))
			last_read[res->reads[k].rd.cpu & 63] = k;
	for (int i = 0; i < res->nrecs; i++) {
		int cpu = rec_cpu(res, &res->recs[i]) & 63;

		rec_read[i] = fragment_read(res, &res->recs[i], &start[i],
					    &end[i]);
		if (rec_read[i] < 0)
			continue;
		any_frag[cpu] = 1;
		if (rec_read[i] == last_read[cpu])
			last_frag[cpu] = i;
	}
	for (int cpu = 0; cpu < 64; cpu++) {
		for (int k = 0; k <= last_read[cpu]; k++) {
			const struct sim_read *r = &res->reads[k];
			uint64_t size = sim_read__bytes(r);

			if (!size || (r->rd.cpu & 63) != cpu)
				continue;
			if (!any_frag[cpu]) {
				frags_push(&fl, cpu, k, 0, size,
					   k == last_read[cpu]);
				continue;
			}
			for (int i = 0; i < res->nrecs; i++)
				if (rec_read[i] == k)
					frags_push(&fl, cpu, k,
						   start[i] - r->rd.offset,
						   end[i] - r->rd.offset,
						   i == last_frag[cpu]);
		}
	}
	if (fl.oom) {
		ret = -ENOMEM;
		snprintf(err, errlen, "out of memory");
	} else if (perf_data__timestamps(res)) {
		ret = timed(&sink, res, &fl);
		if (ret)
			snprintf(err, errlen, "out of memory");
	} else {
		for (int i = 0; i < fl.n; i++)
			fragment(&sink, res, &res->reads[fl.f[i].read],
				 fl.f[i].a, fl.f[i].b, fl.f[i].last);
	}
	free(fl.f);
	if (ret) {
		atomic_file__close(&af, ret, err, errlen);
		goto out;
	}
	ret = atomic_file__close(&af, 0, err, errlen);
out:
	free(rec_read);
	free(start);
	free(end);
	return ret;
}
