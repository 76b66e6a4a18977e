// SPDX-License-Identifier: GPL-2.0
/*
 * aux-fill.c - the fill of each AUX area over a run (aux-fill.h).
 */
#include "output/aux-fill.h"

int aux_fill__cpu(const struct sim_result *res, int rb)
{
	const struct aux_state *s = &res->final;

	for (int i = 0; i < MAX_MMAPS; i++)
		if (s->mmap[i].in_use && s->mmap[i].rb == rb)
			return s->mmap[i].cpu >= 0 ? s->mmap[i].cpu : 0;
	return -1;
}

static uint64_t used_bytes(const struct sim_result *res, uint64_t head,
			   uint64_t tail)
{
	uint64_t used;

	if (res->final.tool.snapshot_mode)
		used = head;
	else
		used = head - (tail < head ? tail : head);
	return used < res->aux_size ? used : res->aux_size;
}

/* perf's reads of @rb before @t (or at @t too, with @at_too): the tail
 * follows them */
static void reads_until(const struct sim_result *res, int rb, uint64_t t,
			bool at_too, int *ri, uint64_t head, uint64_t *tail,
			void (*fn)(void *arg, uint64_t t, uint64_t used),
			void *arg)
{
	for (; *ri < res->nreads; ++*ri) {
		const struct aux_read *rd = &res->reads[*ri].rd;

		if (rd->time_ns > t || (rd->time_ns == t && !at_too))
			break;
		if (rd->rb != rb || res->final.tool.snapshot_mode)
			continue;
		*tail = rd->head;
		fn(arg, rd->time_ns, used_bytes(res, head, *tail));
	}
}

/*
 * Records and reads in time order; at one time, the records first: perf
 * reads what the kernel has recorded (its poll wakes after the record).
 */
void aux_fill__walk(const struct sim_result *res, int rb,
		    void (*fn)(void *arg, uint64_t t, uint64_t used), void *arg)
{
	uint64_t head = 0, tail = 0, dur = res->duration_ns;
	int ri = 0;

	fn(arg, 0, 0);
	for (int i = 0; i < res->nrecs; i++) {
		const struct aux_record *r = &res->recs[i];
		uint64_t t = r->time_ns < dur ? r->time_ns : dur;

		if (r->type != PERF_RECORD_AUX || r->rb != rb)
			continue;
		reads_until(res, rb, t, false, &ri, head, &tail, fn, arg);
		head = r->offset + r->size;
		fn(arg, t, used_bytes(res, head, tail));
	}
	reads_until(res, rb, dur, true, &ri, head, &tail, fn, arg);
	fn(arg, dur, used_bytes(res, head, tail));
}

static void or_used(void *arg, uint64_t t, uint64_t used)
{
	*(bool *)arg |= used != 0;
}

bool aux_fill__any(const struct sim_result *res, int rb)
{
	bool any = false;

	if (res->aux_size)
		aux_fill__walk(res, rb, or_used, &any);
	return any;
}
