// SPDX-License-Identifier: GPL-2.0
/*
 * sim-snapshot.c - snapshots in the timed driver (sim-priv.h): SIGUSR2
 * and -Se snapshots taken, and what each holds classified against what the
 * tasks emitted (whole, partial, missing, stale, discontinuous).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tools/perf/perf.h"
#include "sim/sim-priv.h"

/* ---- snapshots ---- */

/* stream bytes of [lo, hi) already in the slice's captured union */
static uint64_t cap_overlap(const struct sim_slice *sl, uint64_t lo,
			    uint64_t hi)
{
	uint64_t n = 0;

	for (int i = 0; i < sl->ncap; i++) {
		uint64_t a = lo > sl->cap_lo[i] ? lo : sl->cap_lo[i];
		uint64_t b = hi < sl->cap_hi[i] ? hi : sl->cap_hi[i];

		if (a < b)
			n += b - a;
	}
	return n;
}

static void cap_add(struct sim_slice *sl, uint64_t lo, uint64_t hi)
{
	int i, j;

	for (i = 0; i < sl->ncap; i++) {
		if (hi < sl->cap_lo[i] || lo > sl->cap_hi[i])
			continue;
		lo = lo < sl->cap_lo[i] ? lo : sl->cap_lo[i];
		hi = hi > sl->cap_hi[i] ? hi : sl->cap_hi[i];
		sl->cap_lo[i] = sl->cap_lo[sl->ncap - 1];
		sl->cap_hi[i] = sl->cap_hi[sl->ncap - 1];
		sl->ncap--;
		i = -1; /* rescan: the grown range may join another */
	}
	if (sl->ncap == SIM_MAX_CAP) {
		/* keep the union conservative: join the two nearest */
		int bi = 0, bj = 1;
		uint64_t best = NEVER;

		for (i = 0; i < sl->ncap; i++)
			for (j = 0; j < sl->ncap; j++) {
				uint64_t gap;

				if (i == j || sl->cap_hi[i] > sl->cap_lo[j])
					continue;
				gap = sl->cap_lo[j] - sl->cap_hi[i];
				if (gap < best) {
					best = gap;
					bi = i;
					bj = j;
				}
			}
		sl->cap_hi[bi] = sl->cap_hi[bj];
		sl->cap_lo[bj] = sl->cap_lo[sl->ncap - 1];
		sl->cap_hi[bj] = sl->cap_hi[sl->ncap - 1];
		sl->ncap--;
	}
	sl->cap_lo[sl->ncap] = lo;
	sl->cap_hi[sl->ncap] = hi;
	sl->ncap++;
}

static uint64_t slice_emitted(struct sim *sim, const struct sim_slice *sl)
{
	uint64_t end = sl->t1 == NEVER ? cpu_stream(sim, sl->cpu) : sl->s1;

	return end - sl->s0;
}

/*
 * The bytes emitted since the previous snapshot, and which of them are lost.
 * A slice that spans snapshots has its bytes split between their intervals
 * at the stream offset reached at each snapshot (s_acct), so no byte counts
 * twice.  A byte is lost when no snapshot up to this one holds it.
 */
static void interval_account(struct sim *sim, struct sim_snapshot *sn)
{
	struct sim_result *res = sim->res;

	for (int i = 0; i < res->nslices; i++) {
		struct sim_slice *sl = &res->slices[i];
		uint64_t lo = sl->s_acct > sl->s0 ? sl->s_acct : sl->s0;
		uint64_t hi = sl->s0 + slice_emitted(sim, sl);
		uint64_t got;

		if (hi <= lo)
			continue;
		got = cap_overlap(sl, lo, hi);
		sn->emitted_bytes += hi - lo;
		sn->captured_bytes += got;
		sn->missing_bytes += hi - lo - got;
		sl->s_acct = hi;
	}
}

/* Classify what snapshot @sn holds against what the task emitted. */
static void snapshot_analyse(struct sim *sim, struct sim_snapshot *sn)
{
	struct sim_result *res = sim->res;
	uint64_t prev_t =
		sn->index > 1 ? res->snaps[sn->index - 2].t_signal : 0;
	uint64_t *held = calloc((size_t)res->nslices + 1, sizeof(*held));
	uint64_t *dup = calloc((size_t)res->nslices + 1, sizeof(*dup));
	uint64_t newest_held_end = 0;

	if (!held || !dup) {
		fprintf(stderr, "auxsim: out of memory\n");
		exit(AUXSIM_EXIT_NOMEM);
	}
	for (int r = sn->first_read; r < sn->first_read + sn->nr_reads; r++) {
		const struct sim_read *rd = &res->reads[r];

		sn->total_bytes += rd->rd.size;
		sn->zero_bytes += rd->zero_bytes;
		sn->barrier_bytes += rd->barrier_bytes;
		for (int i = 0; i < rd->nr_pieces; i++) {
			const struct sim_piece *p =
				&res->pieces[rd->first_piece + i];

			if (p->kind != EXT_TRACE || !p->slice ||
			    p->slice > (uint32_t)res->nslices)
				continue;
			held[p->slice] += p->len;
			dup[p->slice] += cap_overlap(&res->slices[p->slice - 1],
						     p->soff, p->soff + p->len);
			sn->trace_bytes += p->len;
		}
	}
	/* remember what this snapshot captured */
	for (int r = sn->first_read; r < sn->first_read + sn->nr_reads; r++) {
		const struct sim_read *rd = &res->reads[r];

		for (int i = 0; i < rd->nr_pieces; i++) {
			const struct sim_piece *p =
				&res->pieces[rd->first_piece + i];

			if (p->kind == EXT_TRACE && p->slice &&
			    p->slice <= (uint32_t)res->nslices)
				cap_add(&res->slices[p->slice - 1], p->soff,
					p->soff + p->len);
		}
	}
	sn->sl = calloc((size_t)res->nslices + 1, sizeof(*sn->sl));
	if (!sn->sl) {
		fprintf(stderr, "auxsim: out of memory\n");
		exit(AUXSIM_EXIT_NOMEM);
	}
	for (int i = 0; i < res->nslices; i++) {
		const struct sim_slice *sl = &res->slices[i];
		uint64_t em = slice_emitted(sim, sl);
		bool recent = sl->t1 == NEVER || sl->t1 > prev_t;
		struct snap_slice *ss;

		if (!em || (!held[sl->id] && !recent))
			continue;
		ss = &sn->sl[sn->nsl++];
		ss->slice = sl->id;
		ss->held = held[sl->id];
		ss->dup = dup[sl->id];
		ss->emitted = em;
		ss->stale = !recent;
		ss->status = ss->held >= em ? SNAP_WHOLE
			     : ss->held	    ? SNAP_PART
					    : SNAP_MISSING;
		if (ss->stale)
			sn->stale_bytes += ss->held;
		sn->dup_bytes += ss->dup;
		if (ss->held && sl->t1 != NEVER && sl->t1 > newest_held_end)
			newest_held_end = sl->t1;
	}
	interval_account(sim, sn);
	/* discontinuous: a slice with missing bytes that is newer than a
	 * slice the snapshot holds ("holds data older than data it lost") */
	for (int a = sn->nsl - 1; a >= 0 && !sn->discontinuous; a--) {
		const struct snap_slice *l = &sn->sl[a];
		const struct sim_slice *ls = &res->slices[l->slice - 1];

		if (l->held >= l->emitted || l->stale)
			continue;
		for (int b = a - 1; b >= 0; b--) {
			const struct snap_slice *h = &sn->sl[b];
			const struct sim_slice *hs = &res->slices[h->slice - 1];

			if (h->held && hs->t1 != NEVER && hs->t1 <= ls->t0) {
				sn->discontinuous = true;
				sn->disc_missing = l->slice;
				sn->disc_older = h->slice;
				break;
			}
		}
	}
	free(held);
	free(dup);
}

/* how long perf takes to copy @bytes at @rate bytes/s */
static uint64_t copy_ns(uint64_t bytes, uint64_t rate)
{
	unsigned __int128 ns;

	if (!rate)
		return 0;
	ns = (unsigned __int128)bytes * NSEC_PER_SEC / rate;
	return ns < LATEST ? (uint64_t)ns : LATEST;
}

/* a snapshot, on SIGUSR2 (@usr2) or on perf's exit (-Se) */
void sim__take_snapshot(struct sim *sim, bool usr2)
{
	struct sim_result *res = sim->res;
	struct sim_snapshot *sn;
	uint64_t bytes, dt;
	int ret = record__snapshot_trigger(&sim->m);

	if (usr2) {
		struct sim_usr2 *u = PUSH(res, usr2, nusr2, capusr2);

		u->t = sim->m.s.time_ns;
		u->snap = ret ? 0 : (uint32_t)res->nsnaps + 1;
		u->ignored = !ret	     ? USR2_SNAPSHOT
			     : ret == -EBUSY ? USR2_BUSY
					     : USR2_SIG_IGN;
		if (ret == -EBUSY)
			res->ignored_signals++;
		else if (ret)
			res->usr2_sig_ign++;
	}
	if (ret)
		return;
	sn = PUSH(res, snaps, nsnaps, capsnaps);
	memset(sn, 0, sizeof(*sn));
	sn->index = (uint32_t)res->nsnaps;
	sn->t_signal = sim->m.s.time_ns;
	sn->first_read = res->nreads;
	/* the main loop wakes and reads every AUX mmap */
	bytes = record__read_auxtrace_snapshot(&sim->m);
	sn->nr_reads = res->nreads - sn->first_read;
	sim->guard.snapshot_scan += (uint64_t)res->nslices;
	snapshot_analyse(sim, sn);
	/* keep the entries it filled, not one for each slice of the run */
	if (!sn->nsl) {
		free(sn->sl);
		sn->sl = NULL;
	} else {
		void *sl = realloc(sn->sl, (size_t)sn->nsl * sizeof(*sn->sl));

		if (sl)
			sn->sl = sl;
	}
	sim->guard.str_bytes += (uint64_t)sn->nsl * sizeof(*sn->sl);
	dt = copy_ns(bytes, sim->scn->copy_rate);
	sim->t_enable = after(sim->m.s.time_ns, dt ? dt : 1);
	sn->t_enable = sim->t_enable;
}
