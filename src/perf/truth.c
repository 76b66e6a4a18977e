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

/* the first read whose AUXTRACE buffer holds AUX record @rec whole (of
 * its CPU; cs_etm__queue_aux_fragment()), with the record's range in
 * [*start, *end); or -1 */
static int fragment_read(const struct sim_result *res,
			 const struct aux_record *rec, uint64_t *start,
			 uint64_t *end)
{
	if (rec->type != PERF_RECORD_AUX || !rec->size)
		return -1;
	/* OVERWRITE: the offset is the head, the end of the data */
	*end = rec->flags & PERF_AUX_FLAG_OVERWRITE ? rec->offset :
						      rec->offset + rec->size;
	*start = *end - rec->size;
	for (int k = 0; k < res->nreads; k++) {
		const struct sim_read *r = &res->reads[k];
		uint64_t size = sim_read__bytes(r);

		if (size && r->rd.cpu == rec->cpu && *start >= r->rd.offset &&
		    *end <= r->rd.offset + size)
			return k;
	}
	return -1;
}

int perf_truth__write(const char *path, const struct sim_result *res,
		      char *err, int errlen)
{
	int last_read[64], last_frag[64], any_frag[64];
	int *rec_read = calloc((size_t)res->nrecs + 1, sizeof(*rec_read));
	uint64_t *start = calloc((size_t)res->nrecs + 1, sizeof(*start));
	uint64_t *end = calloc((size_t)res->nrecs + 1, sizeof(*end));
	struct atomic_file af;
	FILE *f;
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
	f = af.f;
	/*
	 * perf decodes timeless data queue by queue (one a CPU's mmap, in
	 * order).  A queue holds, buffer by buffer in file order, the
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
		int cpu = res->recs[i].cpu & 63;

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
				fragment(f, res, r, 0, size,
					 k == last_read[cpu]);
				continue;
			}
			for (int i = 0; i < res->nrecs; i++)
				if (rec_read[i] == k)
					fragment(f, res, r,
						 start[i] - r->rd.offset,
						 end[i] - r->rd.offset,
						 i == last_frag[cpu]);
		}
	}
	ret = atomic_file__close(&af, 0, err, errlen);
out:
	free(rec_read);
	free(start);
	free(end);
	return ret;
}
