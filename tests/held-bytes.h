/* SPDX-License-Identifier: GPL-2.0 */
/*
 * held-bytes.h - an oracle shared by the tests and fuzz-sim: the trace
 * bytes that at least one snapshot of a run holds, computed from the
 * snapshots' read pieces alone (the union of each slice's stream ranges),
 * independently of the model's own accounting in sim-snapshot.c.
 */
#ifndef AUXSIM_TESTS_HELD_BYTES_H
#define AUXSIM_TESTS_HELD_BYTES_H

#include <stdint.h>
#include <stdlib.h>

#include "sim/sim.h"

struct held_range {
	uint32_t slice;
	uint64_t lo, hi;
};

static int held_range_cmp(const void *a, const void *b)
{
	const struct held_range *x = a, *y = b;

	if (x->slice != y->slice)
		return x->slice < y->slice ? -1 : 1;
	return x->lo < y->lo ? -1 : x->lo > y->lo;
}

/* UINT64_MAX when out of memory */
static inline uint64_t held_by_snapshots(const struct sim_result *res)
{
	struct held_range *r = calloc((size_t)res->npieces + 1, sizeof(*r));
	uint64_t total = 0;
	int n = 0;

	if (!r)
		return UINT64_MAX;
	for (int k = 0; k < res->nsnaps; k++) {
		const struct sim_snapshot *sn = &res->snaps[k];

		for (int i = sn->first_read; i < sn->first_read + sn->nr_reads;
		     i++) {
			const struct sim_read *rd = &res->reads[i];

			for (int p = 0; p < rd->nr_pieces; p++) {
				const struct sim_piece *pc =
					&res->pieces[rd->first_piece + p];

				if (pc->kind != EXT_TRACE || !pc->slice)
					continue;
				r[n++] = (struct held_range){
					pc->slice, pc->soff, pc->soff + pc->len
				};
			}
		}
	}
	qsort(r, (size_t)n, sizeof(*r), held_range_cmp);
	for (int i = 0; i < n;) {
		uint32_t sl = r[i].slice;
		uint64_t lo = r[i].lo, hi = r[i].hi;

		for (i++; i < n && r[i].slice == sl && r[i].lo <= hi; i++)
			if (r[i].hi > hi)
				hi = r[i].hi;
		total += hi - lo;
	}
	free(r);
	return total;
}

#endif /* AUXSIM_TESTS_HELD_BYTES_H */
