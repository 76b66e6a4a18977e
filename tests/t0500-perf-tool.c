// SPDX-License-Identifier: GPL-2.0
/*
 * t0500-perf-tool: the perf tool side of AUX snapshot recording, one test
 * per branch of tools/perf/arch/arm/util/cs-etm.c cs_etm_recording_options(),
 * cs_etm_find_snapshot() and cs_etm_buffer_has_wrapped() (perf <= 5.13),
 * tools/perf/util/auxtrace.c __auxtrace_mmap__read(), and the SIGUSR2
 * trigger of tools/perf/builtin-record.c (record__snapshot_trigger(),
 * record__read_auxtrace_snapshot(), record__snapshot_finish()), for
 * perf-5.13 and perf-6.1.  Expected values are perf's
 * (docs/kernel-sources.md section 5, spec section 6).
 */
#include <errno.h>

#include "fixture.h"

#define KiB(x) ((uint64_t)(x) << 10)
#define MiB(x) ((uint64_t)(x) << 20)

/* ---- cs_etm_recording_options() ---- */

static int rec_opts(struct fixture *fx, const char *perf, bool snapshot,
		    uint64_t snapshot_size, uint64_t aux_pages,
		    uint64_t mmap_pages, bool privileged,
		    struct record_opts *o)
{
	fx_init(fx, "v6.1", 0, perf);
	*o = (struct record_opts){
		.auxtrace_snapshot_mode = snapshot,
		.auxtrace_snapshot_size = snapshot_size,
		.auxtrace_mmap_pages = aux_pages,
		.mmap_pages = mmap_pages,
		.privileged = privileged,
	};
	return cs_etm_recording_options(&fx->m, o);
}

static void test_options_snapshot(void)
{
	struct fixture fx;
	struct record_opts o;

	/* -S, no size: root 4 MiB */
	is_int(rec_opts(&fx, "perf-6.1", true, 0, 0, UINT_MAX_PAGES, true, &o),
	       0, "-S root: ok");
	ok(o.auxtrace_mmap_pages == 1024 &&
		   o.auxtrace_snapshot_size == MiB(4),
	   "-S root: AUX 1024 pages (4 MiB), snapshot 4 MiB");
	ok(o.mmap_pages == UINT_MAX_PAGES && o.full_auxtrace,
	   "-S root: data mmap left unset, full_auxtrace");

	/* -S, no size: non-root 128 KiB, data mmap 256 KiB */
	rec_opts(&fx, "perf-6.1", true, 0, 0, UINT_MAX_PAGES, false, &o);
	ok(o.auxtrace_mmap_pages == 32 && o.auxtrace_snapshot_size == KiB(128),
	   "-S non-root: AUX 32 pages (128 KiB), snapshot 128 KiB");
	is_u64(o.mmap_pages, 64, "-S non-root: data mmap 64 pages (256 KiB)");
	rec_opts(&fx, "perf-6.1", true, 0, 0, 128, false, &o);
	is_u64(o.mmap_pages, 128, "-S non-root, -m 128: data mmap kept");

	/* -S size only: AUX = roundup_pow_of_two(ceil(size / page)) */
	rec_opts(&fx, "perf-6.1", true, 0x5000, 0, UINT_MAX_PAGES, true, &o);
	ok(o.auxtrace_mmap_pages == 8 && o.auxtrace_snapshot_size == 0x5000,
	   "-S 0x5000: 5 pages -> AUX 8 pages, snapshot 0x5000");
	rec_opts(&fx, "perf-6.1", true, MiB(1) + 1, 0, UINT_MAX_PAGES, true,
		 &o);
	is_u64(o.auxtrace_mmap_pages, 512, "-S 1 MiB + 1: 257 pages -> 512");
	rec_opts(&fx, "perf-6.1", true, 0x4000, 0, UINT_MAX_PAGES, true, &o);
	is_u64(o.auxtrace_mmap_pages, 4, "-S 0x4000: exactly 4 pages");
	rec_opts(&fx, "perf-6.1", true, 0x4000, 0, UINT_MAX_PAGES, false, &o);
	is_u64(o.mmap_pages, 64,
	       "-S size, non-root, no -m: data mmap 64 pages");

	/* -m ,N only: snapshot size = N pages */
	rec_opts(&fx, "perf-6.1", true, 0, 16, UINT_MAX_PAGES, true, &o);
	ok(o.auxtrace_mmap_pages == 16 && o.auxtrace_snapshot_size == 0x10000,
	   "-S -m ,16: snapshot size = 16 pages");

	/* -S size > AUX */
	is_int(rec_opts(&fx, "perf-6.1", true, 0x30000, 16, UINT_MAX_PAGES,
			true, &o),
	       -EINVAL, "-S 0x30000 -m ,16: -EINVAL");
	is_str(fx.msg,
	       "Snapshot size 196608 must not be greater than AUX area "
	       "tracing mmap size 65536",
	       "-S > AUX: perf's message");
	is_int(rec_opts(&fx, "perf-6.1", true, 0x10000, 16, UINT_MAX_PAGES,
			true, &o),
	       0, "-S equal to the AUX size: ok");
}

static void test_options_full(void)
{
	struct fixture fx;
	struct record_opts o;

	rec_opts(&fx, "perf-6.1", false, 0, 0, UINT_MAX_PAGES, true, &o);
	ok(o.auxtrace_mmap_pages == 1024 && o.auxtrace_snapshot_size == 0 &&
		   o.mmap_pages == UINT_MAX_PAGES && o.full_auxtrace,
	   "full trace root: AUX 4 MiB, no snapshot size");
	rec_opts(&fx, "perf-6.1", false, 0, 0, UINT_MAX_PAGES, false, &o);
	ok(o.auxtrace_mmap_pages == 32 && o.mmap_pages == 64,
	   "full trace non-root: AUX 128 KiB, data mmap 256 KiB");
	rec_opts(&fx, "perf-6.1", false, 0, 0, 16, false, &o);
	is_u64(o.mmap_pages, 16, "full trace non-root, -m 16: kept");
	rec_opts(&fx, "perf-6.1", false, 0, 64, UINT_MAX_PAGES, true, &o);
	is_u64(o.auxtrace_mmap_pages, 64, "full trace -m ,64: kept");
}

static void test_options_checks(void)
{
	struct fixture fx;
	struct record_opts o;

	/* perf-5.13: non-root AUX above 128 KiB is truncated */
	is_int(rec_opts(&fx, "perf-5.13", false, 0, 64, UINT_MAX_PAGES, false,
			&o),
	       0, "5.13 non-root -m ,64: ok");
	is_u64(o.auxtrace_mmap_pages, 32, "5.13 non-root -m ,64: truncated");
	is_str(fx.msg, "auxtrace too big, truncating to 32",
	       "5.13: truncation message");
	rec_opts(&fx, "perf-5.13", false, 0, 64, UINT_MAX_PAGES, true, &o);
	ok(o.auxtrace_mmap_pages == 64 && !fx.msg[0],
	   "5.13 root -m ,64: no truncation");

	/* the check comes after the snapshot size was derived: -S 1 MiB
	 * stays 1 MiB over a 128 KiB area */
	is_int(rec_opts(&fx, "perf-5.13", true, MiB(1), 0, UINT_MAX_PAGES,
			false, &o),
	       0, "5.13 non-root -S 1 MiB: ok");
	ok(o.auxtrace_mmap_pages == 32 && o.auxtrace_snapshot_size == MiB(1),
	   "5.13 non-root -S 1 MiB: AUX truncated, snapshot size kept");

	/* not a power of 2 */
	is_int(rec_opts(&fx, "perf-5.13", false, 0, 3, UINT_MAX_PAGES, true,
			&o),
	       -EINVAL, "5.13 -m ,3: -EINVAL");
	is_str(fx.msg, "Invalid mmap size for cs_etm: must be a power of 2",
	       "5.13: power of 2 message");
	is_int(rec_opts(&fx, "perf-5.13", false, 0, 48, UINT_MAX_PAGES, false,
			&o),
	       -EINVAL, "5.13 non-root -m ,48: the size checked is before "
			"the truncation");

	/* perf-6.1: neither */
	is_int(rec_opts(&fx, "perf-6.1", false, 0, 64, UINT_MAX_PAGES, false,
			&o),
	       0, "6.1 non-root -m ,64: ok");
	ok(o.auxtrace_mmap_pages == 64 && !fx.msg[0],
	   "6.1 non-root -m ,64: not truncated, no message");
	is_int(rec_opts(&fx, "perf-6.1", false, 0, 3, UINT_MAX_PAGES, true,
			&o),
	       0, "6.1 -m ,3: no power of 2 check in cs-etm.c");
}

/* ---- cs_etm_find_snapshot(), cs_etm_buffer_has_wrapped() ---- */

#define LEN 0x20000u /* 32 pages */

/* perf record -S --per-thread: one mmap (index 0) of 128 KiB */
static int rb0(struct fixture *fx)
{
	return fx->m.s.mmap[0].rb;
}

static void setup_mm(struct fixture *fx, const char *perf)
{
	fx_init(fx, "v6.1", 0, perf);
	fx_record_open(fx, true, TARGET_PER_THREAD, 32);
}

/* trace bytes at [at, at + len) of mmap 0's AUX area */
static void fill(struct fixture *fx, uint64_t at, uint64_t len)
{
	struct extent p = {
		.len = (uint32_t)len,
		.kind = EXT_TRACE,
		.cpu = 1,
		.slice = 1,
		.soff = at,
	};

	extent_map__write(&fx->m.s.rb[rb0(fx)].aux, at, &p, 1, len);
}

static bool wrapped_at(uint64_t at, uint64_t len, uint64_t head)
{
	struct fixture fx;
	uint64_t h = head, o = 0;

	setup_mm(&fx, "perf-5.13");
	fill(&fx, at, len);
	cs_etm_find_snapshot(&fx.m, 0, &h, &o);
	return fx.m.s.mmap[0].wrapped;
}

static void test_find_snapshot(void)
{
	struct fixture fx;
	uint64_t head, old;

	setup_mm(&fx, "perf-5.13");
	is_u64(fx.m.s.mmap[0].len, LEN, "mmap 0: 128 KiB");
	fill(&fx, 0, 0x3000);
	head = 0x3000;
	old = 0x1000;
	is_int(cs_etm_find_snapshot(&fx.m, 0, &head, &old), 0,
	       "find_snapshot: 0");
	ok(head == 0x3000 && old == 0x1000 && !fx.m.s.mmap[0].wrapped,
	   "find_snapshot, not wrapped: head and old unchanged");

	head = 0x25000;
	old = 0x20000;
	cs_etm_find_snapshot(&fx.m, 0, &head, &old);
	ok(head == 0x25000 && old == 0x5000,
	   "find_snapshot, head >= len: old = head - len");
	is_int(fx.m.s.mmap[0].wrapped, 1, "find_snapshot: wrapped[] set");

	/* sticky: head < len and nothing at the end, still wrapped */
	head = 0x1000;
	old = 0x800;
	cs_etm_find_snapshot(&fx.m, 0, &head, &old);
	ok(head == 0x21000 && old == 0x1000,
	   "find_snapshot, sticky: head += len, old = head - len");

	/* head < len, data in the last 512 bytes */
	setup_mm(&fx, "perf-5.13");
	fill(&fx, LEN - 0x100, 0x100);
	fill(&fx, 0, 0x800);
	head = 0x800;
	old = 0;
	cs_etm_find_snapshot(&fx.m, 0, &head, &old);
	ok(head == LEN + 0x800 && old == 0x800,
	   "find_snapshot, data at the end: head += len, old = head - len");

	/* the scan window is [max(len - 512, head), len) in u64 words */
	ok(!wrapped_at(LEN - 520, 8, 0x100),
	   "has_wrapped: data just below len - 512 is not seen");
	ok(wrapped_at(LEN - 512, 8, 0x100),
	   "has_wrapped: data at len - 512 is seen");
	ok(wrapped_at(LEN - 8, 8, 0x100),
	   "has_wrapped: data in the last word is seen");
	ok(!wrapped_at(LEN - 0x200, 0x100, LEN - 0x100),
	   "has_wrapped: head in the window, data before head not seen");
	ok(wrapped_at(LEN - 0x100, 0x10, LEN - 0x100),
	   "has_wrapped: head in the window, data at head is seen");
	ok(wrapped_at(LEN - 0x110, 0x14, LEN - 0xfc),
	   "has_wrapped: the u64 word holding head is scanned whole");
	ok(wrapped_at(0, 8, LEN),
	   "has_wrapped: head >= len wraps whatever the data");
}

/* ---- __auxtrace_mmap__read() ---- */

static int rd(struct fixture *fx, uint64_t head, uint64_t prev, bool snap,
	      uint64_t snapshot_size, uint64_t *copied)
{
	fx->m.s.rb[rb0(fx)].user_aux_head = head;
	fx->m.s.mmap[0].prev = prev;
	fx->nreads = 0;
	return __auxtrace_mmap__read(&fx->m, 0, snap, snapshot_size, 7, copied);
}

static void test_mmap_read(void)
{
	struct fixture fx;
	const struct aux_read *r = &fx.reads[0];
	uint64_t copied;

	setup_mm(&fx, "perf-6.1");
	fill(&fx, 0, LEN);

	is_int(rd(&fx, 0x1000, 0x1000, false, 0, &copied), 0,
	       "read: old == head -> 0");
	ok(fx.nreads == 0 && copied == 0, "read: old == head -> no record");

	is_int(rd(&fx, 0x3000, 0x1000, false, 0, &copied), 1,
	       "read: new data -> 1");
	ok(copied == 0x2000 && r->size == 0x2000 && r->offset == 0x1000 &&
		   r->phys == 0x1000,
	   "read: size = head - prev, offset = head - size");
	ok(r->mmap == 0 && r->cpu == -1 && r->tid == 2001 && r->snapshot == 7,
	   "read: idx, cpu -1 (per-thread), tid, snapshot number");
	is_u64(fx.m.s.mmap[0].prev, 0x3000, "read: mm->prev = head");
	is_u64(fx.m.s.rb[rb0(&fx)].user_aux_tail, 0x3000,
	       "read, not snapshot: aux_tail = head");

	/* across the end of the ring */
	rd(&fx, 0x21000, 0x1f000, false, 0, &copied);
	ok(r->size == 0x2000 && r->offset == 0x1f000 && r->phys == 0x1f000,
	   "read: (head - prev) mod len across the end");
	ok(fx.read_nr[0] == 2 && fx.read_ext[0][0].soff == 0x1f000 &&
		   fx.read_ext[0][1].soff == 0,
	   "read: two pieces, end of the ring then its start");

	/* a multiple of len: 0 -> len */
	rd(&fx, 0x40000, 0x20000, false, 0, &copied);
	ok(r->size == LEN && r->offset == 0x20000,
	   "read: (head - prev) mod len == 0 -> len");

	/* snapshot: clamp to the snapshot size, no aux_tail */
	fx.m.s.rb[rb0(&fx)].user_aux_tail = 0;
	rd(&fx, 0x3000, 0, true, 0x800, &copied);
	ok(copied == 0x800 && r->offset == 0x2800 && r->phys == 0x2800,
	   "read, snapshot: clamped to snapshot_size, offset = head - size");
	is_u64(fx.m.s.mmap[0].prev, 0x3000, "read, snapshot: mm->prev = head");
	is_u64(fx.m.s.rb[rb0(&fx)].user_aux_tail, 0,
	       "read, snapshot: aux_tail not written");
}

/* the same wrapped buffer: 0x30000 bytes produced into 0x20000 */
static void test_mmap_read_versions(void)
{
	struct fixture fx;
	uint64_t copied;

	setup_mm(&fx, "perf-6.1");
	fill(&fx, 0, LEN);
	rd(&fx, 0x30000, 0, true, LEN, &copied);
	ok(copied == 0x10000 && fx.reads[0].offset == 0x20000,
	   "perf-6.1: copies the remainder (head - old) mod len");

	setup_mm(&fx, "perf-5.13");
	fill(&fx, 0, LEN);
	rd(&fx, 0x30000, 0, true, LEN, &copied);
	ok(copied == LEN && fx.reads[0].offset == 0x10000 &&
		   fx.reads[0].old == 0x10000,
	   "perf-5.13: find_snapshot makes it the whole len");

	/* 5.13, head < len with data at the end: prev = adjusted head */
	setup_mm(&fx, "perf-5.13");
	fill(&fx, 0, LEN);
	rd(&fx, 0x800, 0, true, LEN, &copied);
	ok(copied == LEN && fx.m.s.mmap[0].prev == LEN + 0x800,
	   "perf-5.13: len copied, mm->prev = head + len");
	setup_mm(&fx, "perf-6.1");
	fill(&fx, 0, LEN);
	rd(&fx, 0x800, 0, true, LEN, &copied);
	ok(copied == 0x800 && fx.m.s.mmap[0].prev == 0x800,
	   "perf-6.1: 0x800 copied, mm->prev = head");
}

/* ---- record__snapshot_trigger() and the main loop's read ---- */

static int nr_state(const struct fixture *fx, int state)
{
	int n = 0;

	for (int i = 0; i < fx->m.s.tool.nr_fds; i++)
		n += fx->m.s.event[fx->m.s.tool.fd_event[i]].state == state;
	return n;
}

static void test_trigger(void)
{
	struct fixture fx;
	const struct aux_record *r;
	int ev4;

	fx_init(&fx, "v6.1", 0, "perf-6.1");
	fx_record_open(&fx, false, TARGET_PER_CPU_TASK, 32);
	is_int(record__snapshot_trigger(&fx.m), -EINVAL,
	       "trigger without -S: SIGUSR2 ignored");

	/* the workload runs on CPU 4 (an A53: 60 MB/s) */
	fx_init(&fx, "v6.1", 0, "perf-6.1");
	fx_record_open(&fx, true, TARGET_PER_CPU_TASK, 256);
	ev4 = fx.m.s.tool.fd_event[4];
	fx_run(&fx, 4);
	record__workload_exec(&fx.m, 0);
	fx_advance(&fx, 1000000); /* 1 ms: 60000 bytes */
	is_int(fx.m.s.event[ev4].state, PERF_EVENT_STATE_ACTIVE,
	       "trigger: the CPU 4 event is active");

	is_int(record__snapshot_trigger(&fx.m), 0, "trigger: 0");
	is_int(fx.m.s.tool.phase, TOOL_SNAPSHOT_READ,
	       "trigger: a read is pending");
	is_int(nr_state(&fx, PERF_EVENT_STATE_OFF), 6,
	       "trigger: every fd disabled");
	is_int(fx_count(&fx, PERF_RECORD_AUX), 1,
	       "trigger: one PERF_RECORD_AUX");
	r = fx_last(&fx, PERF_RECORD_AUX);
	ok(r && r->cpu == 4 && r->event == ev4 && r->size == 60000 &&
		   r->offset == 60000 && r->flags == PERF_AUX_FLAG_OVERWRITE,
	   "trigger: from the CPU the task runs on, 60000 bytes [O]");

	is_int(record__snapshot_trigger(&fx.m), -EBUSY,
	       "trigger while the read is pending: -EBUSY");
	is_int(fx_count(&fx, PERF_RECORD_AUX), 1,
	       "trigger -EBUSY: no ioctl, no record");

	is_u64(record__read_auxtrace_snapshot(&fx.m), 60000,
	       "read_auxtrace_snapshot: 60000 bytes");
	ok(fx.nreads == 1 && fx.reads[0].mmap == 4 && fx.reads[0].cpu == 4 &&
		   fx.reads[0].offset == 0 && fx.reads[0].snapshot == 1,
	   "read_auxtrace_snapshot: one AUXTRACE, mmap 4, offset 0, #1");
	is_int(fx.m.s.tool.phase, TOOL_SNAPSHOT_ENABLE,
	       "read done: the enable is pending");
	is_int(record__snapshot_trigger(&fx.m), -EBUSY,
	       "trigger while the enable is pending: -EBUSY");

	record__snapshot_finish(&fx.m);
	ok(fx.m.s.tool.phase == TOOL_RUNNING &&
		   fx.m.s.event[ev4].state == PERF_EVENT_STATE_ACTIVE,
	   "finish: trigger ready, CPU 4 event active again");
	is_int(record__snapshot_trigger(&fx.m), 0, "trigger again: 0");
}

/* -a: the six CPU events are active and share the sink; the workload runs
 * on CPUs 1 and 2.  The disables run in fd order, so the CPU 5 event is the
 * last user of the sink and the only one to copy, and it copies the trace
 * of CPUs 1 and 2. */
static void test_trigger_order(void)
{
	struct fixture fx;
	const struct aux_record *r;
	struct extent p[EXTENT_PIECES_MAX];
	int ev5, n;

	fx_init(&fx, "v6.1", 0, "perf-6.1");
	fx_record_open(&fx, true, TARGET_SYSTEM_WIDE, 256);
	ev5 = fx.m.s.tool.fd_event[5];
	is_int(nr_state(&fx, PERF_EVENT_STATE_ACTIVE), 6,
	       "-a: the six CPU events are active after evlist__enable");
	is_int(fx.m.s.etr.refcnt, 6, "-a: six events share the sink");
	fx_run(&fx, 1);
	sched__switch(&fx.m, 2, 1, fx.m.s.next_slice++);
	fx_advance(&fx, 1000000); /* 96000 bytes from each A57 */

	record__snapshot_trigger(&fx.m);
	is_int(fx_count(&fx, PERF_RECORD_AUX), 1,
	       "-a: one PERF_RECORD_AUX for six active events");
	r = fx_last(&fx, PERF_RECORD_AUX);
	ok(r && r->cpu == 5 && r->event == ev5 && r->size == 192000,
	   "-a: fd order: the CPU 5 event (last fd) copies all 192000 bytes");
	n = extent_map__read(&fx.m.s.rb[fx.m.s.event[ev5].rb].aux, 0, 192000,
			     p, EXTENT_PIECES_MAX);
	ok(n == 2 && p[0].cpu == 1 && p[0].len == 96000 && p[1].cpu == 2 &&
		   p[1].len == 96000,
	   "-a: CPU 5's AUX area holds the trace of CPUs 1 and 2");
	ok(fx.m.s.etr.refcnt == 0 && fx.m.s.etr.pid == -1,
	   "-a: the sink is released after the last disable");
}

/* full-trace mode: perf reads an AUX mmap when its ring woke poll(), and
 * writes aux_tail so the kernel can reuse the space */
static void test_full_trace_reads(void)
{
	struct fixture fx;
	int ev, rb;
	uint64_t got;

	fx_init(&fx, "v6.1", 0, "perf-6.1");
	/* 4 MiB AUX (-m ,1024): larger than the 1 MiB ETR, watermark 2 MiB */
	is_int(fx_record_open(&fx, false, TARGET_PER_CPU_TASK, 1024), 0,
	       "full trace: perf record -m ,1024 -- dd opens");
	ev = fx.m.s.tool.fd_event[1];
	rb = fx.m.s.event[ev].rb;
	is_int(fx.m.s.rb[rb].aux_overwrite, 0, "full trace: read-write AUX");
	fx_run(&fx, 1);
	perf_event_exec(&fx.m, 0);
	fx_advance(&fx, 10000000); /* 960000 bytes */
	fx_run(&fx, 2);
	is_u64(fx.m.s.rb[rb].aux_head, 960000,
	       "full trace: sched-out copied 10 ms into CPU 1's buffer");
	is_int(fx.m.s.rb[rb].nr_wakeups, 0, "below the watermark: no wakeup");
	got = record__mmap_read_all(&fx.m, false);
	is_u64(got, 0, "no wakeup: perf reads nothing yet");
	/* three more slices on CPU 1 cross the 2 MiB watermark */
	for (int i = 0; i < 3; i++) {
		fx_run(&fx, 1);
		fx_advance(&fx, 10000000);
		fx_run(&fx, 2);
	}
	is_int(fx.m.s.rb[rb].nr_wakeups, 1, "crossing the watermark wakes");
	got = record__mmap_read_all(&fx.m, false);
	is_u64(got, 4 * 960000, "perf reads everything since prev");
	is_u64(fx.m.s.rb[rb].user_aux_tail, 4 * 960000,
	       "and writes aux_tail = head");
	is_u64(fx.m.s.mmap[1].prev, 4 * 960000, "mm->prev = head");
	is_int(fx.reads[fx.nreads - 1].snapshot, 0, "not a snapshot read");
	/* exit: evlist__disable() stops CPU 2's event and drains it */
	fx_advance(&fx, 1000000);
	record__exit(&fx.m);
	is_u64(fx.reads[fx.nreads - 1].size, 96000,
	       "exit: the last 1 ms on CPU 2 (an A57) is read at the final "
	       "drain");
	is_int(fx.nwarns, 0, "exit: no WARN");
}

/* ---- auxtrace_record__init(), the recorders' refusals ---- */

static const char *pmu_text(int pmu)
{
	return pmu == PMU_CS_ETM ? "cs_etm//" :
	       pmu == PMU_ARM_SPE ? "arm_spe_0//" : "cycles/period=1000/";
}

/* perf record -a -e PMU ... (root) on @mc with perf @perf: record__open() */
static int open_pmus(struct fixture *fx, const char *mc, const char *perf,
		     const int *pmus, int n, bool snapshot, uint64_t aux_pages,
		     const char *sink)
{
	struct record_opts o = {
		.auxtrace_snapshot_mode = snapshot,
		.auxtrace_mmap_pages = aux_pages,
		.mmap_pages = UINT_MAX_PAGES,
		.target = TARGET_SYSTEM_WIDE,
		.privileged = true,
		.nr_evsel = n,
	};

	fx_init_machine(fx, mc, "v6.1", 0, perf);
	for (int i = 0; i < n; i++) {
		struct evsel_model *ev = &o.evsel[i];

		ev->attr.pmu = pmus[i];
		if (pmus[i] == PMU_ARMV8)
			ev->attr.sample_period = 1000;
		ev->leader = -1;
		ev->group = -1;
		snprintf(ev->name, sizeof(ev->name), "%s", pmu_text(pmus[i]));
	}
	if (sink)
		snprintf(o.evsel[0].sink, sizeof(o.evsel[0].sink), "%s", sink);
	return record__open(&fx->m, &o, 0);
}

static int nr_open_events(const struct fixture *fx)
{
	int n = 0;

	for (int i = 0; i < MAX_EVENTS; i++)
		n += fx->m.s.event[i].in_use;
	return n;
}

static void test_concurrent_aux(void)
{
	static const int etm_spe[] = { PMU_CS_ETM, PMU_ARM_SPE };
	static const int spe_cyc_etm[] = { PMU_ARM_SPE, PMU_ARMV8, PMU_CS_ETM };
	struct fixture fx;

	/* n1sdp has both PMUs; perf refuses the pair before opening */
	is_int(open_pmus(&fx, "n1sdp", "perf-6.1", etm_spe, 2, false, 0, NULL),
	       -EOPNOTSUPP, "6.1 -e cs_etm// -e arm_spe_0//: -EOPNOTSUPP");
	is_str(fx.msg, "Concurrent AUX trace operation not currently supported",
	       "6.1: auxtrace_record__init()'s message");
	is_int(nr_open_events(&fx), 0, "6.1: nothing opened");
	is_int(fx.nwarns, 0, "6.1: no WARN");
	is_int(open_pmus(&fx, "n1sdp", "perf-7.1", spe_cyc_etm, 3, false, 0,
			 NULL),
	       -EOPNOTSUPP, "7.1, SPE first, cycles between: -EOPNOTSUPP");
	is_str(fx.msg, "Concurrent AUX trace operation not currently supported",
	       "7.1: the same message");
	is_int(open_pmus(&fx, "n1sdp", "perf-5.13", etm_spe, 2, false, 0,
			 NULL),
	       -EOPNOTSUPP, "5.13: -EOPNOTSUPP");
	is_str(fx.msg,
	       "Concurrent ARM Coresight ETM and SPE operation not currently "
	       "supported",
	       "5.13: the message that names ETM and SPE");
	is_int(nr_open_events(&fx), 0, "5.13: nothing opened");
}

static void test_one_event(void)
{
	static const int etm2[] = { PMU_CS_ETM, PMU_CS_ETM };
	static const int spe2[] = { PMU_ARM_SPE, PMU_ARM_SPE };
	static const char *const perfs[] = { "perf-5.13", "perf-6.1",
					     "perf-7.1" };
	struct fixture fx;

	for (int i = 0; i < 3; i++) {
		is_int(open_pmus(&fx, "juno", perfs[i], etm2, 2, false, 0,
				 NULL),
		       -EINVAL, "%s: two cs_etm events: -EINVAL", perfs[i]);
		is_str(fx.msg, "There may be only one cs_etm event",
		       "%s: cs_etm_recording_options()'s message", perfs[i]);
		is_int(nr_open_events(&fx), 0, "%s: nothing opened", perfs[i]);
	}
	for (int i = 0; i < 2; i++) {
		is_int(open_pmus(&fx, "n1sdp", perfs[i], spe2, 2, false, 0,
				 NULL),
		       -EINVAL, "%s: two arm_spe events: -EINVAL", perfs[i]);
		is_str(fx.msg, "There may be only one arm_spe_x event",
		       "%s: arm_spe_recording_options()'s message", perfs[i]);
	}
	is_int(open_pmus(&fx, "n1sdp", "perf-7.1", spe2, 2, false, 0, NULL),
	       0, "perf-7.1 (as 6.12): several arm_spe events are taken");

	/* the count comes before the sink (cs_etm_set_sink_attr()) */
	is_int(open_pmus(&fx, "juno", "perf-6.1", etm2, 2, false, 0,
			 "tmc_etf0"),
	       -EINVAL, "two cs_etm, a bad sink: the count is refused first");
	is_str(fx.msg, "There may be only one cs_etm event", "  its message");
	is_int(open_pmus(&fx, "juno", "perf-6.1", etm2, 1, false, 0,
			 "tmc_etf0"),
	       -ENOENT, "@tmc_etf0 on juno: -ENOENT");
	is_str(fx.msg,
	       "failed to set sink \"tmc_etf0\" on event cs_etm// with 2 (No "
	       "such file or directory)",
	       "  cs_etm_set_sink_attr()'s message");
	is_int(open_pmus(&fx, "juno", "perf-6.1", etm2, 1, false, 0,
			 "tmc_etr0"),
	       0, "@tmc_etr0 on juno: opens");
	ok(fx.m.s.event[fx.m.s.tool.fd_event[0]].config2 != 0,
	   "  with the sink's hash in config2");
}

static void test_spe_options(void)
{
	static const int spe[] = { PMU_ARM_SPE };
	static const int cyc[] = { PMU_ARMV8 };
	struct fixture fx;

	/* -m ,1: 4 KiB is below SPE's two pages */
	is_int(open_pmus(&fx, "n1sdp", "perf-6.1", spe, 1, false, 1, NULL),
	       -EINVAL, "arm_spe -m ,1: -EINVAL");
	is_str(fx.msg,
	       "Invalid mmap size for ARM SPE: must be at least 8KiB and a "
	       "power of 2",
	       "arm_spe -m ,1: arm_spe_recording_options()'s message");
	is_int(open_pmus(&fx, "n1sdp", "perf-5.13", spe, 1, false, 1, NULL),
	       -EINVAL, "5.13 arm_spe -m ,1: -EINVAL too");
	is_int(open_pmus(&fx, "n1sdp", "perf-6.1", spe, 1, false, 2, NULL),
	       0, "arm_spe -m ,2: 8 KiB opens");
	is_int(open_pmus(&fx, "n1sdp", "perf-6.1", spe, 1, false, 3, NULL),
	       -EINVAL, "arm_spe, 3 pages: not a power of 2");
	is_int(open_pmus(&fx, "n1sdp", "perf-6.1", spe, 1, false, 0, NULL),
	       0, "arm_spe, no -m: opens");
	is_u64(fx.m.s.tool.auxtrace_mmap_pages, 1024,
	       "arm_spe, no -m, root: 4 MiB AUX");

	/* -S: SPE has a snapshot mode from perf 6.1 on */
	is_int(open_pmus(&fx, "n1sdp", "perf-5.13", spe, 1, true, 0, NULL),
	       -EINVAL, "5.13 -S arm_spe: -EINVAL");
	is_str(fx.msg, "No AUX area tracing to snapshot",
	       "5.13 -S arm_spe: auxtrace_parse_snapshot_options()'s message");
	is_int(open_pmus(&fx, "n1sdp", "perf-6.1", spe, 1, true, 0, NULL),
	       0, "6.1 -S arm_spe: opens");
	ok(fx.m.s.tool.snapshot_mode &&
		   fx.m.s.tool.auxtrace_snapshot_size == MiB(4),
	   "6.1 -S arm_spe: snapshot mode, 4 MiB snapshots");
	is_int(open_pmus(&fx, "n1sdp", "perf-6.1", spe, 1, true, 2, NULL),
	       0, "6.1 -S -m ,2 arm_spe: opens");
	is_u64(fx.m.s.tool.auxtrace_snapshot_size, KiB(8),
	       "6.1 -S -m ,2: the snapshot is the 8 KiB area");

	/* -S with no AUX event: no recorder to snapshot */
	is_int(open_pmus(&fx, "juno", "perf-6.1", cyc, 1, true, 0, NULL),
	       -EINVAL, "-S -e cycles: -EINVAL");
	is_str(fx.msg, "No AUX area tracing to snapshot",
	       "-S -e cycles: perf's message");
	is_int(nr_open_events(&fx), 0, "-S -e cycles: nothing opened");
}

/* -m rounding: parse_pages_arg() and unit_number__scnprintf() */
static void test_mmap_pages_round(void)
{
	static const struct {
		uint64_t pages, want;
		const char *msg;
	} t[] = {
		{3, 4, "rounding mmap pages size to 16K (4 pages)"},
		{5, 8, "rounding mmap pages size to 32K (8 pages)"},
		{200, 256, "rounding mmap pages size to 1024K (256 pages)"},
		{300, 512, "rounding mmap pages size to 2M (512 pages)"},
		{1000, 1024, "rounding mmap pages size to 4M (1024 pages)"},
		{262145, 524288,
		 "rounding mmap pages size to 2G (524288 pages)"},
		{256, 256, ""},
		{1, 1, ""},
	};
	struct fixture fx;

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		fx_init(&fx, "v6.1", 0, "perf-6.1");
		is_u64(parse_pages_arg__round(&fx.m, t[i].pages), t[i].want,
		       "-m %llu: %llu pages", (unsigned long long)t[i].pages,
		       (unsigned long long)t[i].want);
		is_str(fx.msg, t[i].msg, "-m %llu: perf's line, if any",
		       (unsigned long long)t[i].pages);
	}
}

int main(void)
{
	test_options_snapshot();
	test_options_full();
	test_options_checks();
	test_find_snapshot();
	test_mmap_read();
	test_mmap_read_versions();
	test_trigger();
	test_trigger_order();
	test_full_trace_reads();
	test_concurrent_aux();
	test_one_event();
	test_spe_options();
	test_mmap_pages_round();
	return done_testing();
}
