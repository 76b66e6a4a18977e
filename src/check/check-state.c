// SPDX-License-Identifier: GPL-2.0
/*
 * check-state.c - the explored state: its live blocks (those the scenario
 * can write, the only ones the search compares and copies) and the
 * checker's abstraction of the model state (mc_normalize()).
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/check-internal.h"

/* a dead block written: the live set was wrong, and the search with it */
void mc_check_dead(const struct mc *mc, const struct aux_state *st)
{
	const unsigned char *p = (const unsigned char *)st;
	const unsigned char *q = (const unsigned char *)&mc->root;
	size_t next = 0;

	for (int r = 0; r <= mc->nr_live_runs; r++) {
		size_t end = r < mc->nr_live_runs ? (size_t)mc->live_first[r] *
							    MC_BLOCK_BYTES
						  : sizeof(*st);

		for (size_t i = next; i < end && i < sizeof(*st); i++)
			if (p[i] != q[i]) {
				fprintf(stderr,
					"auxsim-check: internal error: state "
					"byte %zu written outside the "
					"scenario's live blocks\n",
					i);
				abort();
			}
		if (r < mc->nr_live_runs)
			next = (size_t)(mc->live_first[r] + mc->live_len[r]) *
			       MC_BLOCK_BYTES;
	}
}

/*
 * The live blocks: all but those wholly inside array entries past the
 * machine's CPUs (per-CPU arrays) or past the last entry the set-up
 * allocated (events, ring buffers, perf's mmaps, ETM event data, ETR perf
 * buffers: no checker step opens, mmaps or sets up AUX).  ETR buffers and
 * contexts are always live.
 */
void mc_live_init(struct mc *mc)
{
	unsigned char dead[sizeof(struct aux_state)];
	const struct aux_state *st = &mc->stack[0].s;
	int ncpu = st->nr_cpus;

	memset(dead, 0, sizeof(dead));
#define DEAD_FROM(field, n)                                                    \
	do {                                                                   \
		size_t es = sizeof(st->field[0]);                              \
		size_t cnt = sizeof(st->field) / es;                           \
		if ((size_t)(n) < cnt)                                         \
			memset(dead + offsetof(struct aux_state, field) +      \
				       (size_t)(n)*es,                         \
			       1, (cnt - (size_t)(n)) * es);                   \
	} while (0)
#define LAST_USED(field, out)                                                  \
	do {                                                                   \
		out = 0;                                                       \
		for (size_t k = 0;                                             \
		     k < sizeof(st->field) / sizeof(st->field[0]); k++)        \
			if (st->field[k].in_use)                               \
				out = (int)k + 1;                              \
	} while (0)
	{
		int n;

		DEAD_FROM(cpu, ncpu);
		DEAD_FROM(cpuctx, ncpu);
		DEAD_FROM(etm_ctxt, ncpu);
		DEAD_FROM(etm, ncpu);
		DEAD_FROM(spe, ncpu);
		DEAD_FROM(armpmu, ncpu);
		LAST_USED(event, n);
		DEAD_FROM(event, n);
		LAST_USED(rb, n);
		DEAD_FROM(rb, n);
		LAST_USED(mmap, n);
		DEAD_FROM(mmap, n);
		LAST_USED(etm_event_data, n);
		DEAD_FROM(etm_event_data, n);
		LAST_USED(etr_perf, n);
		DEAD_FROM(etr_perf, n);
	}
#undef DEAD_FROM
#undef LAST_USED
	mc->nr_live_runs = 0;
	for (size_t blk = 0; blk < MC_NR_BLOCKS; blk++) {
		size_t off = blk * MC_BLOCK_BYTES, end = off + MC_BLOCK_BYTES;
		bool live = false;

		if (end > sizeof(dead))
			end = sizeof(dead);
		for (size_t i = off; i < end; i++)
			live |= !dead[i];
		if (!live)
			continue;
		if (mc->nr_live_runs &&
		    mc->live_first[mc->nr_live_runs - 1] +
				    mc->live_len[mc->nr_live_runs - 1] ==
			    blk) {
			mc->live_len[mc->nr_live_runs - 1]++;
		} else {
			mc->live_first[mc->nr_live_runs] = (uint16_t)blk;
			mc->live_len[mc->nr_live_runs++] = 1;
		}
	}
}

/* *@dst = *@src, both with the root's dead blocks */
void mc_copy(const struct mc *mc, struct aux_state *dst,
	     const struct aux_state *src)
{
	char *d = (char *)dst;
	const char *s = (const char *)src;

	for (int r = 0; r < mc->nr_live_runs; r++) {
		size_t off = (size_t)mc->live_first[r] * MC_BLOCK_BYTES;
		size_t len = (size_t)mc->live_len[r] * MC_BLOCK_BYTES;

		if (off + len > sizeof(*dst))
			len = sizeof(*dst) - off;
		memcpy(d + off, s + off, len);
	}
}

/*
 * The checker's abstraction: fields that only count or label (samples,
 * overflows, counted cycles, wakeups, records, slice numbers) never steer
 * the modelled code; zeroing them lets states that differ only there
 * merge.  Time does not pass in the checker, so clocks stay 0.
 */
void mc_normalize(struct aux_state *s)
{
	for (int i = 0; i < s->nr_event_slots; i++) {
		struct perf_event *e = &s->event[i];

		e->nr_samples = e->nr_overflows = 0;
		e->count = e->freq_count_stamp = 0;
	}
	for (int i = 0; i < MAX_RB; i++) {
		s->rb[i].nr_wakeups = 0;
		s->rb[i].nr_aux_records = 0;
		s->rb[i].nr_truncated = 0;
	}
	for (int i = 0; i < MAX_TASKS; i++)
		if (s->task[i].slice)
			s->task[i].slice = 1;
	s->next_slice = 1;
	s->tool.nr_snapshots = 0;
	s->tool.snapshot_bytes = 0;
}
