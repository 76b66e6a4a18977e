// SPDX-License-Identifier: GPL-2.0
/*
 * auxtrace.c - model of tools/perf/util/auxtrace.c: whether -S has a
 * recorder to snapshot (auxtrace_parse_snapshot_options()), and
 * __auxtrace_mmap__read(), which turns the bytes between mm->prev and
 * aux_head into one PERF_RECORD_AUXTRACE.
 */
#include <errno.h>

#include "tools/perf/perf.h"

#define PERF_AUXTRACE_RECORD_ALIGNMENT 8

/*
 * Ghost bookkeeping (not perf state) for the checker's invariants
 * (invariant.c): what perf read, in stream terms.  A snapshot's pieces
 * count, per CPU stream, the bytes emitted since the last snapshot that it
 * holds and the oldest of them; a full-trace read counts the trace bytes.
 * Untracked bytes (an extent map ran out of extents) belong to no stream:
 * a snapshot that holds any leaves every stream undecided (UINT64_MAX).
 */
static void ghost__auxtrace_read(struct aux_model *m, int mmi, bool snapshot,
				 const struct extent *p, int n)
{
	for (int i = 0; i < n; i++) {
		struct cpu_state *cs;
		uint64_t a, b;

		if (!snapshot) {
			if (p[i].kind == EXT_TRACE ||
			    p[i].kind == EXT_UNTRACKED)
				m->s.mmap[mmi].ghost_trace_read += p[i].len;
			continue;
		}
		if (p[i].kind == EXT_UNTRACKED)
			for (int c = 0; c < m->s.nr_cpus; c++)
				m->s.cpu[c].ghost_snap_held = UINT64_MAX;
		if (p[i].kind != EXT_TRACE || p[i].cpu < 0 ||
		    p[i].cpu >= m->s.nr_cpus)
			continue;
		cs = &m->s.cpu[p[i].cpu];
		if (cs->ghost_snap_held == UINT64_MAX)
			continue;
		a = p[i].soff > cs->ghost_snap_end ? p[i].soff
						   : cs->ghost_snap_end;
		b = p[i].soff + p[i].len;
		if (a >= b)
			continue;
		if (a < cs->ghost_snap_lo)
			cs->ghost_snap_lo = a;
		cs->ghost_snap_held += b - a;
	}
}

/*
 * auxtrace.c: auxtrace_parse_snapshot_options().  The option string itself
 * (a leading 'e', then the recorder's size rule) is parsed with the
 * scenario (record-options.c); what is left is whether the recorder has a
 * snapshot mode at all.  Without a recorder (no AUX event), or with one
 * that has no parse_snapshot_options callback (SPE before its snapshot
 * support), perf record refuses -S.
 */
int auxtrace_parse_snapshot_options(struct aux_model *m,
				    enum auxtrace_recorder itr,
				    const struct record_opts *opts)
{
	if (!opts->auxtrace_snapshot_mode)
		return 0;
	if (itr == AUXTRACE_CS_ETM ||
	    (itr == AUXTRACE_ARM_SPE && perf_has(m, PF_ARM_SPE_SNAPSHOT)))
		return 0;
	perf__msg(m, "No AUX area tracing to snapshot");
	return -EINVAL;
}

/* the recorder of the session has a find_snapshot callback */
static bool has_find_snapshot(const struct aux_model *m)
{
	const struct perf_tool *t = &m->s.tool;

	if (t->nr_fds && m->s.event[t->fd_event[0]].pmu == PMU_ARM_SPE)
		return perf_has(m, PF_ARM_SPE_SNAPSHOT);
	return perf_has(m, PF_CS_ETM_FIND_SNAPSHOT);
}

/* auxtrace.c: __auxtrace_mmap__read() */
int __auxtrace_mmap__read(struct aux_model *m, int mmi, bool snapshot,
			  uint64_t snapshot_size, uint32_t snapshot_no,
			  uint64_t *copied)
{
	struct perf_mmap *mm = &m->s.mmap[mmi];
	struct perf_buffer *rb = &m->s.rb[mm->rb];
	struct extent p[EXTENT_PIECES_MAX];
	struct aux_read rd = { 0 };
	uint64_t head, old, size, head_off, old_off, offset, mask;
	int n;

	*copied = 0;
	/* auxtrace_mmap__read_head(): READ_ONCE(userpg->aux_head) */
	head = rb->user_aux_head;
	old = mm->prev;
	/* itr->find_snapshot(): cs_etm's up to perf 5.13; SPE's
	 * arm_spe_find_snapshot() wherever SPE snapshots (the same wrap
	 * test and the same whole-buffer rule) */
	if (snapshot && has_find_snapshot(m) &&
	    cs_etm_find_snapshot(m, mmi, &head, &old))
		return -1;
	if (old == head)
		return 0;

	mask = mm->len - 1; /* the AUX size is a power of 2 */
	head_off = head & mask;
	old_off = old & mask;
	if (head_off > old_off)
		size = head_off - old_off;
	else
		size = mm->len - (old_off - head_off);
	if (snapshot && size > snapshot_size)
		size = snapshot_size;

	offset = head - size;
	/* the data is [head_off - size, head_off) of the ring, possibly in
	 * two pieces (data1 at the end, data2 at the start) */
	n = extent_map__read(&rb->aux, (head_off + mm->len - size) % mm->len,
			     size, p, EXTENT_PIECES_MAX);

	rd.mmap = (int16_t)mmi;
	rd.rb = mm->rb;
	rd.cpu = mm->cpu;
	rd.tid = mm->tid;
	rd.time_ns = m->s.time_ns;
	rd.head = head;
	rd.old = old;
	rd.size = size;
	rd.offset = offset;
	rd.phys = (head_off + mm->len - size) % mm->len;
	rd.snapshot = snapshot_no;
	ghost__auxtrace_read(m, mmi, snapshot, p, n);
	if (m->obs && m->obs->auxtrace)
		m->obs->auxtrace(m, &rd, p, n);
	*copied = size;

	mm->prev = head;
	if (!snapshot)
		rb->user_aux_tail = head; /* auxtrace_mmap__write_tail() */
	return 1;
}
