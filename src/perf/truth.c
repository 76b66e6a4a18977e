// SPDX-License-Identifier: GPL-2.0
/*
 * perf/truth.c - what `perf script --itrace=b -F cpu,ip,addr,flags` must
 * print for the perf.data data.c writes (truth.h), from the model's own
 * knowledge: which stream bytes of which CPU each AUX read copied (the
 * extents), and the program the trace walks (etm4x-trace.c, elf.c).
 *
 * perf 6.1's side, as the file drives it (../shared/spec/perfdata-cs-etm.md
 * and cs-etm.c): with the HEADER_AUXTRACE index, each PERF_RECORD_AUX whose
 * [start, end) lies inside an AUXTRACE buffer of its CPU (with OVERWRITE,
 * aux_offset is the end) is a fragment, decoded in file order by a decoder
 * reset at its start; records that lie in no buffer are not decoded.
 * OpenCSD's side: a decoder starts unsynchronised and syncs at an A-Sync;
 * the FSYNC barrier resets it; Trace On ends a run ("tr end" for the
 * branch the run was waiting to confirm) and the next address starts one
 * ("tr strt"); a taken branch is printed when the trace goes on past it,
 * and at the end of the data as "tr end" with its type.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../etm4x-trace.h"
#include "../atomic-file.h"
#include "truth.h"

/* one decoder: where in the ETMv4 period its next data byte is */
struct dec {
	int synced;
	int pos; /* data byte in the period, 0 .. ETM4_PERIOD_DATA - 1 */
	int run; /* a trace-on run with an address: atoms execute */
	/* the last atom's branch, waiting for the trace to go on: 0 none,
	 * 1 b.ne taken (jcc), 2 b _start (jmp), 3 b.ne not taken: only the
	 * end of the trace prints that one ("tr end jcc") */
	int pending;
	uint64_t entry; /* the run's copy of the loop (etm4x_slot_entry()) */
	uint64_t next_entry; /* from this period's address packet */
};

#define HDR_BYTES 30 /* A-Sync 12, Trace Info 3, Trace On 1, Addr 14 */

/* the end of a fragment: the branch waiting is printed with "tr end" (perf's
 * flag names: a conditional one keeps its "jcc", a jump does not) */
static void flush_end(FILE *f, int cpu, struct dec *d)
{
	if (d->pending == 1 || d->pending == 3)
		fprintf(f, "[%03d] tr end jcc %" PRIx64 " => 0\n", cpu,
			d->entry + 8);
	else if (d->pending == 2)
		fprintf(f, "[%03d] tr end %" PRIx64 " => 0\n", cpu,
			d->entry + 12);
	d->pending = 0;
}

/* the decoder meets data byte @pos of a period (stream-aligned), emitted
 * in slice @slice */
static void dec_byte(FILE *f, int cpu, struct dec *d, int pos,
		     uint32_t slice)
{
	if (!d->synced) {
		/* A-Sync is the period's bytes 0..11, whole */
		if (pos != 0)
			return;
		d->synced = 1;
	} else if (pos != d->pos) {
		/* not the byte expected (the stream jumps inside one
		 * fragment): the run ends, sync is lost */
		flush_end(f, cpu, d);
		d->synced = 0;
		d->run = 0;
		if (pos != 0)
			return;
		d->synced = 1;
	}
	d->pos = (pos + 1) % ETM4_PERIOD_DATA;
	if (pos == 17) /* the address bytes: one frame, one slice */
		d->next_entry = etm4x_slot_entry(slice);
	if (pos == 15) { /* Trace On: the run so far ends... */
		d->run = 0;
		return;
	}
	if (pos == HDR_BYTES - 1) {
		/* ...when the decoder commits it, at the next address (at the
		 * queue's end an uncommitted Trace On prints nothing); the
		 * address starts a run */
		flush_end(f, cpu, d);
		d->entry = d->next_entry;
		fprintf(f, "[%03d] tr strt 0 => %" PRIx64 "\n", cpu, d->entry);
		d->run = 1;
		return;
	}
	if (pos < HDR_BYTES || !d->run)
		return;
	/* atom (pos - HDR_BYTES): 41 an iteration, b.ne 39 x E, N, b E */
	{
		int j = (pos - HDR_BYTES) % 41;

		if (d->pending == 1)
			fprintf(f, "[%03d] jcc %" PRIx64 " => %" PRIx64 "\n",
				cpu, d->entry + 8, d->entry + 4);
		else if (d->pending == 2)
			fprintf(f, "[%03d] jmp %" PRIx64 " => %" PRIx64 "\n",
				cpu, d->entry + 12, d->entry);
		d->pending = j < 39 ? 1 : j == 40 ? 2 : 3;
	}
}

/* stream bytes [soff, soff + len) of @cpu, slice @slice, through its
 * decoder */
static void dec_stream(FILE *f, int cpu, struct dec *d, uint32_t slice,
		       uint64_t soff, uint64_t len)
{
	for (uint64_t x = soff; x < soff + len; x++) {
		uint64_t frame = x / ETM4_FRAME, in = x % ETM4_FRAME;

		if (in == 0 || in == 15)
			continue; /* the ID and the flags */
		dec_byte(f, cpu, d,
			 (int)((frame % ETM4_PERIOD_FRAMES) * 14 + in - 1),
			 slice);
	}
}

/* buffer bytes [a, b) of read @r, decoded from a reset; the queue's @last
 * fragment leaves its waiting branch unprinted (perf ends the queue
 * without flushing it) */
static void fragment(FILE *f, const struct sim_result *res,
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
					d[c].synced = d[c].run = 0;
				}
			} else if (prev >= 0) {
				/* zeroes: data for the last ID, no sync */
				flush_end(f, prev, &d[prev]);
				d[prev].synced = d[prev].run = 0;
			}
		}
		at += p->len;
	}
	if (!last)
		for (int c = 0; c < AUXSIM_MAX_CPUS; c++)
			flush_end(f, c, &d[c]);
}

static uint64_t frag_start, frag_end;

static uint64_t read_size(const struct sim_read *r,
			  const struct sim_result *res)
{
	uint64_t size = 0;

	for (int j = 0; j < r->nr_pieces; j++)
		size += res->pieces[r->first_piece + j].len;
	return size;
}

/* the first read from @from whose AUXTRACE buffer holds AUX record @rec
 * whole, or -1 */
static int fragment_read(const struct sim_result *res,
			 const struct aux_record *rec, int from)
{
	if (rec->type != PERF_RECORD_AUX || !rec->size)
		return -1;
	frag_end = rec->flags & PERF_AUX_FLAG_OVERWRITE ?
			   rec->offset :
			   rec->offset + rec->size;
	frag_start = frag_end - rec->size;
	for (int k = from; k < res->nreads; k++) {
		const struct sim_read *r = &res->reads[k];
		uint64_t size = 0;

		for (int j = 0; j < r->nr_pieces; j++)
			size += res->pieces[r->first_piece + j].len;
		if (size && r->rd.cpu == rec->cpu &&
		    frag_start >= r->rd.offset &&
		    frag_end <= r->rd.offset + size)
			return k;
	}
	return -1;
}

int perf_truth__write(const char *path, const struct sim_result *res,
		      char *err, int errlen)
{
	int last_read[64];
	struct atomic_file af;
	FILE *f;
	int ret;

	for (int i = 0; i < 64; i++)
		last_read[i] = -1;
	ret = atomic_file__open(&af, path, err, errlen);
	if (ret)
		return ret;
	f = af.f;
	/*
	 * perf decodes timeless data queue by queue (one a CPU's mmap, in
	 * order).  A queue holds, buffer by buffer in file order, the
	 * fragments of the PERF_RECORD_AUX records that lie whole in the
	 * buffer (each record in the first buffer of its CPU that holds it,
	 * in record order); a queue where no record lies in any buffer gets
	 * its buffers whole (what perf 6.1.187 shows: not the upstream
	 * patch's all-or-nothing etm->data_queued).
	 */
	for (int k = 0; k < res->nreads; k++) {
		int cpu = res->reads[k].rd.cpu & 63;

		if (read_size(&res->reads[k], res))
			last_read[cpu] = k;
	}
	for (int cpu = 0; cpu < 64; cpu++) {
		int last_frag = -1, any_frag = 0;

		for (int i = 0; i < res->nrecs; i++)
			any_frag |= res->recs[i].cpu == cpu &&
				    fragment_read(res, &res->recs[i], 0) >= 0;
		/* the queue's last fragment: of its last buffer, the last
		 * record in it, or the buffer itself */
		for (int i = 0; i < res->nrecs && any_frag; i++)
			if (res->recs[i].cpu == cpu &&
			    fragment_read(res, &res->recs[i], 0) ==
				    last_read[cpu])
				last_frag = i;
		for (int k = 0; k <= last_read[cpu]; k++) {
			const struct sim_read *r = &res->reads[k];
			uint64_t size = read_size(r, res);

			if (!size || (r->rd.cpu & 63) != cpu)
				continue;
			for (int i = 0; i < res->nrecs; i++) {
				if (res->recs[i].cpu != cpu ||
				    fragment_read(res, &res->recs[i], 0) != k)
					continue;
				fragment(f, res, r, frag_start - r->rd.offset,
					 frag_end - r->rd.offset,
					 k == last_read[cpu] && i == last_frag);
			}
			if (!any_frag)
				fragment(f, res, r, 0, size,
					 k == last_read[cpu]);
		}
	}
	return atomic_file__close(&af, 0, err, errlen);
}
