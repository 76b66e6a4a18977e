// SPDX-License-Identifier: GPL-2.0
/*
 * t0400-tmc-etr: drivers/hwtracing/coresight/coresight-tmc-etr.c in perf
 * mode, one test per branch of alloc_etr_buf(), get_perf_etr_buf(),
 * tmc_free_etr_buffer(), tmc_enable_etr_sink_perf(), tmc_disable_etr_sink()
 * and tmc_update_etr_buffer() (with tmc_etr_sync_perf_buffer() and the
 * barrier packet), for v5.12 and v6.1.  Expected values are the kernel's
 * (docs/kernel-sources.md section 4, spec section 3.1).
 */
#include <errno.h>

#include "fixture.h"

#define KiB(x) ((uint64_t)(x) << 10)
#define MiB(x) ((uint64_t)(x) << 20)
#define PAGES(bytes) ((uint32_t)((bytes) / 4096))

static struct perf_output_handle *H(struct fixture *fx, int cpu)
{
	return &fx->m.s.etm_ctxt[cpu].handle;
}

/* perf_event_open() + mmap of the data and AUX areas, as perf record does
 * for one CPU (@cpu == -1: --per-thread) */
static int open_ev(struct fixture *fx, int cpu, uint32_t pages, bool writable)
{
	struct perf_event_attr_model attr = {
		.pmu = PMU_CS_ETM,
		.disabled = 1,
	};
	int ev = perf_event_open(&fx->m, &attr, 0, cpu, -1);

	perf_mmap(&fx->m, ev);
	perf_mmap_aux(&fx->m, ev, pages, writable);
	return ev;
}

static int RB(struct fixture *fx, int ev)
{
	return fx->m.s.event[ev].rb;
}

/* the event's struct etr_perf_buffer (etm_event_data->snk_config) */
static int EP(struct fixture *fx, int ev)
{
	int ed = fx->m.s.rb[RB(fx, ev)].aux_priv;

	return ed < 0 ? -1 : fx->m.s.etm_event_data[ed].snk_config;
}

static int BUF(struct fixture *fx, int ev)
{
	int ep = EP(fx, ev);

	return ep < 0 ? -1 : fx->m.s.etr_perf[ep].etr_buf;
}

/* the event's etr_buf, or an unused dummy if it has none */
static struct etr_buf *EB(struct fixture *fx, int ev)
{
	static struct etr_buf none;
	int b = BUF(fx, ev);

	return b < 0 ? &none : &fx->m.s.etr_buf[b];
}

/* etm_event_start() up to coresight_enable_path(): begin, enable sink */
static int start(struct fixture *fx, int cpu, int ev)
{
	fx->m.this_cpu = cpu;
	if (perf_aux_output_begin(&fx->m, H(fx, cpu), ev) < 0)
		return -1000;
	return tmc_enable_etr_sink_perf(&fx->m, H(fx, cpu));
}

/* the ETR receives @len bytes of CPU @cpu's stream from @soff */
static void hw(struct fixture *fx, int cpu, uint32_t slice, uint64_t soff,
	       uint64_t len)
{
	struct extent p = {
		.len = (uint32_t)len,
		.kind = EXT_TRACE,
		.cpu = (int8_t)cpu,
		.slice = slice,
		.soff = soff,
	};

	tmc_etr_hw_write(&fx->m, &p, len);
}

static int aux_read(struct fixture *fx, int ev, uint64_t at, uint64_t len,
		    struct extent *p)
{
	return extent_map__read(&fx->m.s.rb[RB(fx, ev)].aux, at, len, p,
				EXTENT_PIECES_MAX);
}

static int is_piece(const struct extent *e, uint32_t off, uint32_t len,
		    int kind, int cpu, uint64_t soff)
{
	if (e->off == off && e->len == len && e->kind == kind &&
	    (kind != EXT_TRACE || (e->cpu == cpu && e->soff == soff)))
		return 1;
	diag("  piece: off %#x len %#x kind %d cpu %d soff %#llx", e->off,
	     e->len, e->kind, e->cpu, (unsigned long long)e->soff);
	return 0;
}

static void test_alloc(void)
{
	struct fixture fx;
	int ev, ep, b;

	/* a 128 KiB AUX area gets drvdata->size = 1 MiB of ETR */
	fx_init(&fx, "v6.1", 0, "perf-6.1");
	ev = open_ev(&fx, 1, PAGES(KiB(128)), false);
	b = BUF(&fx, ev);
	ok(b >= 0, "alloc: the event got an etr_buf");
	is_u64(fx.m.s.etr_buf[b].size, MiB(1),
	       "alloc: 128 KiB AUX -> 1 MiB ETR (drvdata->size)");
	is_u64(fx.m.s.etr_buf[b].mem.size, MiB(1),
	       "alloc: the ETR memory map has the ETR size");
	ep = EP(&fx, ev);
	ok(fx.m.s.etr_perf[ep].pid == 2000 && fx.m.s.etr_perf[ep].snapshot &&
		   fx.m.s.etr_perf[ep].nr_pages == 32 &&
		   fx.m.s.etr_perf[ep].rb == RB(&fx, ev),
	   "alloc: etr_perf has the owner pid, snapshot, nr_pages, its rb");

	/* a 4 MiB AUX area: the AUX size is tried first */
	fx_init(&fx, "v6.1", 0, "perf-6.1");
	ev = open_ev(&fx, 1, PAGES(MiB(4)), false);
	is_u64(EB(&fx, ev)->size, MiB(4),
	       "alloc: 4 MiB AUX -> 4 MiB ETR");

	/* equal sizes: not larger, so drvdata->size */
	fx_init(&fx, "v6.1", 0, "perf-6.1");
	ev = open_ev(&fx, 1, PAGES(MiB(1)), true);
	is_u64(EB(&fx, ev)->size, MiB(1),
	       "alloc: 1 MiB AUX -> 1 MiB ETR");
	is_int(fx.m.s.etr_perf[EP(&fx, ev)].snapshot, 0,
	       "alloc: writable AUX -> snapshot 0");

	/* drvdata->size changed through sysfs buffer_size */
	fx_init(&fx, "v6.1", 0, "perf-6.1");
	fx.m.s.etr.size = (uint32_t)MiB(2);
	ev = open_ev(&fx, 1, PAGES(KiB(128)), false);
	is_u64(EB(&fx, ev)->size, MiB(2),
	       "alloc: buffer_size 2 MiB -> 2 MiB ETR for 128 KiB AUX");
}

static void test_share(void)
{
	struct fixture fx;
	int ev[6], b, same = 0, t1, t2;

	/* per-CPU events of one session: one etr_buf, found by the owner's
	 * pid, with one reference per event; each its own etr_perf */
	fx_init(&fx, "v6.1", 0, "perf-6.1");
	is_int(fx_record_open(&fx, true, TARGET_PER_CPU_TASK, 32), 0,
	       "share: perf record -S opened");
	for (int i = 0; i < 6; i++)
		ev[i] = fx.m.s.tool.fd_event[i];
	b = BUF(&fx, ev[0]);
	for (int i = 1; i < 6; i++)
		same += BUF(&fx, ev[i]) == b &&
			EP(&fx, ev[i]) != EP(&fx, ev[0]);
	is_int(same, 5, "share: six events, one etr_buf, six etr_perf");
	is_int(fx.m.s.etr_buf[b].refcount, 6, "share: refcount = 6 events");
	is_int(fx.m.s.etr_buf[b].idr_pid, 2000,
	       "share: idr key is the perf tool's pid");

	/* another session (another owner pid) gets its own buffer */
	fx.m.s.tool.pid = 3000;
	t1 = open_ev(&fx, 2, 32, false);
	ok(BUF(&fx, t1) != b && EB(&fx, t1)->idr_pid == 3000,
	   "share: another owner pid -> another etr_buf");
	fx.m.s.tool.pid = 2000;

	/* tmc_free_etr_buffer(): the last reference frees it */
	for (int i = 0; i < 5; i++)
		perf_mmap_close_aux(&fx.m, ev[i]);
	ok(fx.m.s.etr_buf[b].in_use && fx.m.s.etr_buf[b].refcount == 1,
	   "free: five closed, buffer kept with refcount 1");
	perf_mmap_close_aux(&fx.m, ev[5]);
	is_int(fx.m.s.etr_buf[b].in_use, 0, "free: last close frees it");

	/* --per-thread (cpu == -1): a private buffer each, not in the idr */
	fx_init(&fx, "v6.1", 0, "perf-6.1");
	t1 = open_ev(&fx, -1, 32, false);
	t2 = open_ev(&fx, -1, 32, false);
	ok(BUF(&fx, t1) != BUF(&fx, t2), "per-thread: a private etr_buf each");
	ok(EB(&fx, t1)->idr_pid == -1 &&
		   EB(&fx, t1)->refcount == 1,
	   "per-thread: idr_pid -1, refcount 1");
}

static void test_enable(void)
{
	struct fixture fx;
	int a, b, eb;

	/* sysfs owns the sink */
	fx_init(&fx, "v6.1", 0, "perf-6.1");
	a = open_ev(&fx, 1, 32, false);
	fx.m.s.etr.mode = CS_MODE_SYSFS;
	is_int(start(&fx, 1, a), -EBUSY, "enable: sysfs mode -> -EBUSY");
	ok(fx.m.s.etr.refcnt == 0 && fx.m.s.etr.pid == -1 &&
		   fx.m.s.etr.mode == CS_MODE_SYSFS,
	   "enable: sysfs mode leaves drvdata alone");

	/* no etr_perf behind the handle (closed handle) */
	fx_init(&fx, "v6.1", 0, "perf-6.1");
	a = open_ev(&fx, 1, 32, false);
	is_int(tmc_enable_etr_sink_perf(&fx.m, H(&fx, 1)), -EINVAL,
	       "enable: no etr_perf -> -EINVAL");

	/* another session owns it */
	fx_init(&fx, "v5.12", 0, "perf-6.1");
	a = open_ev(&fx, 1, 32, false);
	fx.m.s.etr.pid = 4242;
	fx.m.s.etr.refcnt = 1;
	fx.m.s.etr.mode = CS_MODE_PERF;
	fx.m.s.rb[RB(&fx, a)].aux_head = 0x21000;
	is_int(start(&fx, 1, a), -EBUSY, "enable: another pid -> -EBUSY");
	ok(fx.m.s.etr.refcnt == 1 && fx.m.s.etr.pid == 4242,
	   "enable: another pid leaves refcnt and pid");
	is_u64(fx.m.s.etr_perf[EP(&fx, a)].head, 0,
	       "enable v5.12: -EBUSY before the head is cached");

	/* first enable of the session: hardware programmed */
	fx_init(&fx, "v5.12", 0, "perf-6.1");
	a = open_ev(&fx, 1, 32, false);
	b = open_ev(&fx, 2, 32, false);
	eb = BUF(&fx, a);
	fx.m.s.etr_buf[eb].rwp = 0x1230;
	fx.m.s.etr_buf[eb].full = 1;
	fx.m.s.rb[RB(&fx, a)].aux_head = 0x21000;
	is_int(start(&fx, 1, a), 0, "enable: first -> 0");
	ok(fx.m.s.etr_buf[eb].rwp == 0 && fx.m.s.etr_buf[eb].full == 0,
	   "enable: first resets rwp = 0, full = 0");
	ok(fx.m.s.etr.pid == 2000 && fx.m.s.etr.mode == CS_MODE_PERF &&
		   fx.m.s.etr.perf_buf == eb && fx.m.s.etr.refcnt == 1 &&
		   fx.m.s.etr.hw_enabled,
	   "enable: first sets pid, mode PERF, perf_buf, refcnt 1, hw on");
	is_u64(fx.m.s.etr_perf[EP(&fx, a)].head, 0x1000,
	       "enable v5.12: head = handle->head mod AUX size");

	/* same session from another CPU: refcnt only */
	hw(&fx, 1, 1, 0, 0x5000);
	fx.m.s.etr_buf[eb].full = 1;
	fx.m.s.rb[RB(&fx, b)].aux_head = 0x43210;
	is_int(start(&fx, 2, b), 0, "enable: same pid -> 0");
	is_int(fx.m.s.etr.refcnt, 2, "enable: same pid -> refcnt++");
	ok(fx.m.s.etr_buf[eb].rwp == 0x5000 && fx.m.s.etr_buf[eb].full == 1,
	   "enable: same pid keeps rwp and full");
	is_int(fx.m.s.etr_buf[eb].mem.nr, 1,
	       "enable: same pid keeps the ETR contents");
	is_u64(fx.m.s.etr_perf[EP(&fx, b)].head, 0x3210,
	       "enable v5.12: the refcnt-only path caches the head too");

	/* v6.1 does not cache it */
	fx_init(&fx, "v6.1", 0, "perf-6.1");
	a = open_ev(&fx, 1, 32, false);
	fx.m.s.rb[RB(&fx, a)].aux_head = 0x21000;
	start(&fx, 1, a);
	is_u64(fx.m.s.etr_perf[EP(&fx, a)].head, 0,
	       "enable v6.1: etr_perf->head is not used");
}

static void test_disable(void)
{
	struct fixture fx;
	int a, b;

	fx_init(&fx, "v6.1", 0, "perf-6.1");
	a = open_ev(&fx, 1, 32, false);
	b = open_ev(&fx, 2, 32, false);
	start(&fx, 1, a);
	start(&fx, 2, b);

	fx.m.s.etr.reading = 1;
	is_int(tmc_disable_etr_sink(&fx.m), -EBUSY,
	       "disable: reading -> -EBUSY");
	is_int(fx.m.s.etr.refcnt, 2,
	       "disable: reading -> -EBUSY before the decrement");
	fx.m.s.etr.reading = 0;

	is_int(tmc_disable_etr_sink(&fx.m), -EBUSY,
	       "disable: refcnt > 1 -> -EBUSY");
	ok(fx.m.s.etr.refcnt == 1 && fx.m.s.etr.hw_enabled &&
		   fx.m.s.etr.pid == 2000 && fx.m.s.etr.mode == CS_MODE_PERF,
	   "disable: refcnt 2 -> 1, hardware stays on, still owned");

	is_int(tmc_disable_etr_sink(&fx.m), 0, "disable: last -> 0");
	ok(fx.m.s.etr.refcnt == 0 && !fx.m.s.etr.hw_enabled &&
		   fx.m.s.etr.pid == -1 &&
		   fx.m.s.etr.mode == CS_MODE_DISABLED &&
		   fx.m.s.etr.perf_buf == -1,
	   "disable: last -> hw off, pid -1, DISABLED, perf_buf -1");
	is_int(fx.nwarns, 0, "disable: no WARN on the normal path");

	/* out of sync: the last disable finds mode DISABLED */
	fx.m.s.etr.refcnt = 1;
	fx.m.s.etr.pid = 2000;
	tmc_disable_etr_sink(&fx.m);
	ok(fx.nwarns == 1 && fx.warns[0].site == WARN_ETR_DISABLE_MODE,
	   "disable: mode already DISABLED -> WARN_ON_ONCE");
}

static void test_update_busy(void)
{
	struct fixture fx;
	struct perf_output_handle *h;
	int a, b, eb;

	/* refcnt != 1: another tracer is using the sink */
	fx_init(&fx, "v6.1", 0, "perf-6.1");
	a = open_ev(&fx, 1, 32, true);
	b = open_ev(&fx, 2, 32, true);
	start(&fx, 1, a);
	start(&fx, 2, b);
	eb = BUF(&fx, a);
	hw(&fx, 1, 1, 0, 0x3000);
	fx.m.this_cpu = 1;
	h = H(&fx, 1);
	is_u64(tmc_update_etr_buffer(&fx.m, h, EP(&fx, a)), 0,
	       "update: refcnt 2 -> size 0");
	is_int(fx.m.s.rb[RB(&fx, a)].aux.nr, 0,
	       "update: refcnt 2 copies nothing");
	ok(h->head == 0 && h->aux_flags == 0,
	   "update: refcnt 2 -> head unchanged, no TRUNCATED");
	ok(fx.m.s.etr.hw_enabled && fx.m.s.etr_buf[eb].rwp == 0x3000,
	   "update: refcnt 2 -> hardware not stopped");

	/* WARN: drvdata->perf_buf is not this event's buffer */
	tmc_disable_etr_sink(&fx.m);
	fx.m.s.etr.perf_buf = (int16_t)(eb + 1);
	is_u64(tmc_update_etr_buffer(&fx.m, h, EP(&fx, a)), 0,
	       "update: perf_buf mismatch -> size 0");
	ok(fx.nwarns == 1 && fx.warns[0].site == WARN_ETR_PERF_BUF,
	   "update: perf_buf mismatch -> WARN");
	is_u64(h->aux_flags, PERF_AUX_FLAG_TRUNCATED,
	       "update: perf_buf mismatch, normal mode -> lost: TRUNCATED");

	/* the same in snapshot mode: no TRUNCATED */
	fx_init(&fx, "v6.1", 0, "perf-6.1");
	a = open_ev(&fx, 1, 32, false);
	start(&fx, 1, a);
	fx.m.s.etr.perf_buf = (int16_t)(BUF(&fx, a) + 1);
	tmc_update_etr_buffer(&fx.m, H(&fx, 1), EP(&fx, a));
	is_u64(H(&fx, 1)->aux_flags, 0,
	       "update: perf_buf mismatch, snapshot -> no TRUNCATED");
}

static void test_update_snapshot(void)
{
	struct fixture fx;
	struct extent p[EXTENT_PIECES_MAX];
	const struct aux_record *r;
	struct perf_output_handle *h;
	int a, n;

	/* not wrapped: rwp bytes from the base, head += size */
	fx_init(&fx, "v6.1", 0, "perf-6.1");
	a = open_ev(&fx, 1, 32, false);
	fx.m.s.rb[RB(&fx, a)].aux_head = 0x1000;
	start(&fx, 1, a);
	hw(&fx, 1, 5, 0x100, 0x3000);
	h = H(&fx, 1);
	is_u64(tmc_update_etr_buffer(&fx.m, h, EP(&fx, a)), 0x3000,
	       "snapshot, not wrapped: size = rwp");
	is_u64(h->head, 0x4000, "snapshot: handle->head += size");
	is_u64(h->aux_flags, 0, "snapshot, not wrapped: no flags");
	is_int(fx.m.s.etr.hw_enabled, 0, "update: tmc_flush_and_stop");
	n = aux_read(&fx, a, 0, 0x20000, p);
	ok(n == 3 && is_piece(&p[0], 0, 0x1000, EXT_ZERO, 0, 0) &&
		   is_piece(&p[1], 0x1000, 0x3000, EXT_TRACE, 1, 0x100) &&
		   is_piece(&p[2], 0x4000, 0x1c000, EXT_ZERO, 0, 0),
	   "snapshot, not wrapped: ETR [0, rwp) at handle->head, no barrier");
	perf_aux_output_end(&fx.m, h, 0x3000);
	r = fx_last(&fx, PERF_RECORD_AUX);
	ok(r && r->offset == 0x4000 && r->size == 0x3000 &&
		   r->flags == PERF_AUX_FLAG_OVERWRITE,
	   "snapshot: PERF_RECORD_AUX at the new head, size, [O] only");

	/* wrapped (full): the whole ETR from rwp, barrier first */
	fx_init(&fx, "v6.1", 0, "perf-6.1");
	a = open_ev(&fx, 1, PAGES(MiB(1)), false);
	start(&fx, 1, a);
	hw(&fx, 1, 2, 0x40000, MiB(1) + 0x2000);
	ok(EB(&fx, a)->full &&
		   EB(&fx, a)->rwp == 0x2000,
	   "ETR wrapped: full, rwp 0x2000");
	h = H(&fx, 1);
	is_u64(tmc_update_etr_buffer(&fx.m, h, EP(&fx, a)), MiB(1),
	       "snapshot, wrapped: size = the ETR size");
	is_u64(h->head, MiB(1), "snapshot, wrapped: head += ETR size");
	is_u64(h->aux_flags, 0, "snapshot, wrapped: no TRUNCATED");
	n = aux_read(&fx, a, 0, MiB(1), p);
	ok(n == 2 && is_piece(&p[0], 0, 16, EXT_BARRIER, 0, 0),
	   "snapshot, wrapped: a 16-byte barrier at the start of the copy");
	ok(n == 2 && is_piece(&p[1], 16, MiB(1) - 16, EXT_TRACE, 1,
			      0x40000 + 0x2000 + 16),
	   "snapshot, wrapped: then the oldest data from rwp + 16, in order");

	/* a copy larger than the AUX area laps it */
	fx_init(&fx, "v6.1", 0, "perf-6.1");
	a = open_ev(&fx, 1, 32, false);
	fx.m.s.rb[RB(&fx, a)].aux_head = 0x5000;
	start(&fx, 1, a);
	hw(&fx, 1, 3, 0, MiB(1) + 0x1000);
	h = H(&fx, 1);
	is_u64(tmc_update_etr_buffer(&fx.m, h, EP(&fx, a)), MiB(1),
	       "lap: 1 MiB copied into a 128 KiB AUX area");
	is_u64(h->head, 0x5000 + MiB(1), "lap: head advanced by 1 MiB");
	n = aux_read(&fx, a, 0x5000, 0x20000, p);
	ok(n == 2 && p[0].kind == EXT_TRACE && p[0].soff == MiB(1) - 0x1f000 &&
		   p[1].soff + p[1].len == MiB(1) + 0x1000,
	   "lap: the AUX area holds the newest 128 KiB, ending at the head");
	is_u64(extent__trace_bytes(p, n), 0x20000,
	       "lap: the barrier was lapped over, all 128 KiB are trace");
}

static void test_update_normal(void)
{
	struct fixture fx;
	struct extent p[EXTENT_PIECES_MAX];
	struct perf_output_handle *h;
	const struct aux_record *r;
	int a, n;

	/* fits: copy at handle->head, head left to perf_aux_output_end() */
	fx_init(&fx, "v6.1", 0, "perf-6.1");
	a = open_ev(&fx, 1, 32, true);
	start(&fx, 1, a);
	h = H(&fx, 1);
	is_u64(h->size, 0x1ffff, "normal: handle->size = AUX free space");
	hw(&fx, 1, 1, 0, 0x3000);
	is_u64(tmc_update_etr_buffer(&fx.m, h, EP(&fx, a)), 0x3000,
	       "normal, fits: size = rwp");
	ok(h->head == 0 && h->aux_flags == 0,
	   "normal, fits: head unchanged, no TRUNCATED");

	/* larger than handle->size: keep the newest (size & ~0xf) */
	fx_init(&fx, "v6.1", 0, "perf-6.1");
	a = open_ev(&fx, 1, 32, true);
	start(&fx, 1, a);
	hw(&fx, 1, 1, 0x800000, 0x30000);
	h = H(&fx, 1);
	is_u64(tmc_update_etr_buffer(&fx.m, h, EP(&fx, a)), 0x1fff0,
	       "normal, too big: size = handle->size & ~0xf");
	is_u64(h->aux_flags, PERF_AUX_FLAG_TRUNCATED,
	       "normal, too big: TRUNCATED");
	is_u64(h->head, 0, "normal, too big: handle->head unchanged");
	n = aux_read(&fx, a, 0, 0x20000, p);
	ok(n == 3 && is_piece(&p[0], 0, 16, EXT_BARRIER, 0, 0) &&
		   is_piece(&p[1], 16, 0x1ffe0, EXT_TRACE, 1, 0x810020) &&
		   is_piece(&p[2], 0x1fff0, 0x10, EXT_ZERO, 0, 0),
	   "normal, too big: barrier, then the newest data from 0x10010");
	perf_aux_output_end(&fx.m, h, 0x1fff0);
	r = fx_last(&fx, PERF_RECORD_AUX);
	ok(r && r->offset == 0 && r->size == 0x1fff0 &&
		   r->flags == PERF_AUX_FLAG_TRUNCATED,
	   "normal, too big: PERF_RECORD_AUX [T] at the old head");

	/* too big and the kept window wraps in the ETR */
	fx_init(&fx, "v6.1", 0, "perf-6.1");
	a = open_ev(&fx, 1, 32, true);
	start(&fx, 1, a);
	hw(&fx, 1, 1, 0, MiB(1) + 0x30000);
	h = H(&fx, 1);
	is_u64(tmc_update_etr_buffer(&fx.m, h, EP(&fx, a)), 0x1fff0,
	       "normal, full: size = handle->size & ~0xf");
	is_u64(h->aux_flags, PERF_AUX_FLAG_TRUNCATED,
	       "normal, full: TRUNCATED");
	n = aux_read(&fx, a, 0, 0x20000, p);
	ok(n == 3 && is_piece(&p[0], 0, 16, EXT_BARRIER, 0, 0) &&
		   is_piece(&p[1], 16, 0x1ffe0, EXT_TRACE, 1,
			    MiB(1) + 0x10020),
	   "normal, full: offset = rwp + ETR size - kept, minus ETR size");

}

/* the destination: v5.12 copies at the head cached by the last enable,
 * v6.1 at handle->head; perf_aux_output_skip() moves handle->head in
 * between */
static void test_update_dst(void)
{
	static const char *const k[] = { "v5.12", "v6.1" };
	static const uint64_t want[] = { 0x400, 0x1400 };

	for (int i = 0; i < 2; i++) {
		struct fixture fx;
		struct extent p[EXTENT_PIECES_MAX];
		int a, n;

		fx_init(&fx, k[i], 0, "perf-6.1");
		a = open_ev(&fx, 1, 32, true);
		fx.m.s.rb[RB(&fx, a)].aux_head = 0x400;
		fx.m.s.rb[RB(&fx, a)].user_aux_tail = 0x400;
		start(&fx, 1, a);
		perf_aux_output_skip(&fx.m, H(&fx, 1), 0x1000);
		hw(&fx, 1, 1, 0, 0x800);
		tmc_update_etr_buffer(&fx.m, H(&fx, 1), EP(&fx, a));
		n = aux_read(&fx, a, 0, 0x20000, p);
		ok(n == 3 && p[1].kind == EXT_TRACE && p[1].off == want[i] &&
			   p[1].len == 0x800,
		   "%s: copy destination %#llx", k[i],
		   (unsigned long long)want[i]);
	}
}

/* end to end: perf record -S, the workload on CPU 1, SIGUSR2 */
static void test_e2e(void)
{
	struct fixture fx;
	const struct aux_record *r;
	int ev1, eb;

	fx_init(&fx, "v6.1", 0, "perf-6.1");
	fx_record_open(&fx, true, TARGET_PER_CPU_TASK, 32);
	ev1 = fx.m.s.tool.fd_event[1];
	eb = BUF(&fx, ev1);
	fx_run(&fx, 1);
	record__workload_exec(&fx.m, 0);
	ok(fx.m.s.etr.refcnt == 1 && fx.m.s.etr.pid == 2000,
	   "e2e: the sink is enabled once, for CPU 1");
	fx_advance(&fx, 20000000); /* 20 ms at 96 MB/s: 1920000 bytes */
	ok(fx.m.s.etr_buf[eb].full &&
		   fx.m.s.etr_buf[eb].rwp == 1920000 - MiB(1),
	   "e2e: 1920000 bytes wrapped the 1 MiB ETR");
	perf_ioctl(&fx.m, ev1, PERF_EVENT_IOC_DISABLE);
	r = fx_last(&fx, PERF_RECORD_AUX);
	ok(r && r->cpu == 1 && r->size == MiB(1) && r->offset == MiB(1) &&
		   r->flags == PERF_AUX_FLAG_OVERWRITE,
	   "e2e: disable copies the whole ETR: AUX record 1 MiB [O]");
	ok(fx.m.s.etr.refcnt == 0 && fx.m.s.etr.pid == -1,
	   "e2e: the path is disabled after the copy");
	is_u64(fx.m.s.rb[RB(&fx, ev1)].user_aux_head, MiB(1),
	       "e2e: aux_head published at 1 MiB");
}

int main(void)
{
	test_alloc();
	test_share();
	test_enable();
	test_disable();
	test_update_busy();
	test_update_snapshot();
	test_update_normal();
	test_update_dst();
	test_e2e();
	return done_testing();
}
