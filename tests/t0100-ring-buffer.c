// SPDX-License-Identifier: GPL-2.0
/*
 * t0100-ring-buffer: kernel/events/ring_buffer.c, one test per branch of
 * perf_aux_output_begin(), perf_aux_output_end(), perf_aux_output_skip(),
 * perf_aux_output_flag(), perf_get_aux() and rb_alloc_aux().
 */
#include "fixture.h"

/* one cs_etm event on CPU 1 of task 0, data area mapped, AUX as asked */
static int setup(struct fixture *fx, const char *kernel, bool aux,
		 bool writable, uint32_t pages)
{
	struct perf_event_attr_model attr = { .pmu = PMU_CS_ETM, .disabled = 1 };
	int ev;

	fx_init(fx, kernel, 0, "perf-6.1");
	ev = perf_event_open(&fx->m, &attr, 0, 1, -1);
	perf_mmap(&fx->m, ev);
	if (aux)
		perf_mmap_aux(&fx->m, ev, pages, writable);
	fx->m.this_cpu = 1;
	return ev;
}

static struct perf_output_handle *H(struct fixture *fx)
{
	return &fx->m.s.etm_ctxt[1].handle;
}

static void test_begin_exits(void)
{
	struct fixture fx;
	int ev, rb;

	/* 1: no rb at all: NULL, and the handle is left untouched */
	{
		struct perf_event_attr_model attr = { .pmu = PMU_CS_ETM,
						      .disabled = 1 };
		fx_init(&fx, "v6.1", 0, "perf-6.1");
		ev = perf_event_open(&fx.m, &attr, 0, 1, -1);
		H(&fx)->event = 7;
		is_int(perf_aux_output_begin(&fx.m, H(&fx), ev), -1,
		       "begin: no rb -> NULL");
		is_int(H(&fx)->event, 7, "begin: no rb leaves handle->event");
	}

	/* 2: rb without AUX area */
	ev = setup(&fx, "v6.1", false, false, 0);
	H(&fx)->event = 7;
	is_int(perf_aux_output_begin(&fx.m, H(&fx), ev), -1,
	       "begin: !rb_has_aux -> NULL");
	is_int(H(&fx)->event, -1, "begin: error path clears handle->event");
	is_int(fx.m.s.rb[fx.m.s.event[ev].rb].refcount, 1,
	       "begin: error path puts the rb reference");

	/* 3: aux_mmap_count == 0 (perf_mmap_close() in progress) */
	ev = setup(&fx, "v6.1", true, false, 16);
	rb = fx.m.s.event[ev].rb;
	fx.m.s.rb[rb].aux_mmap_count = 0;
	is_int(perf_aux_output_begin(&fx.m, H(&fx), ev), -1,
	       "begin: aux_mmap_count == 0 -> NULL");

	/* 4: aux_refcount already dead */
	ev = setup(&fx, "v6.1", true, false, 16);
	rb = fx.m.s.event[ev].rb;
	fx.m.s.rb[rb].aux_refcount = 0;
	is_int(perf_aux_output_begin(&fx.m, H(&fx), ev), -1,
	       "begin: aux_refcount 0 -> NULL");
	is_int(fx.m.s.rb[rb].aux_nest, 0, "begin: no nest taken");
}

static void test_begin_nest_warn(void)
{
	struct fixture fx;
	int ev = setup(&fx, "v6.1", true, false, 16);
	int rb = fx.m.s.event[ev].rb;
	struct perf_output_handle h2 = { .event = -1, .rb = -1 };

	ok(perf_aux_output_begin(&fx.m, H(&fx), ev) >= 0, "begin: first ok");
	is_int(fx.m.s.rb[rb].aux_nest, 1, "begin: aux_nest = 1");
	is_int(fx.m.s.rb[rb].aux_refcount, 2, "begin: aux_refcount + 1");
	/* nested begin on the same per-CPU handle, as a throttle/unthrottle
	 * restart does */
	is_int(perf_aux_output_begin(&fx.m, H(&fx), ev), -1,
	       "begin: nested -> NULL");
	is_int(fx.nwarns, 1, "begin: nested -> one WARN");
	is_int(fx.warns[0].site, WARN_AUX_NEST, "WARN is the aux_nest site");
	is_str(fx.warns[0].stack[0], "perf_aux_output_begin",
	       "call trace starts at perf_aux_output_begin");
	is_int(H(&fx)->event, -1,
	       "nested begin orphans the open transaction (handle->event)");
	is_int(fx.m.s.rb[rb].aux_nest, 1,
	       "orphaned transaction keeps aux_nest = 1");
	is_int(fx.m.s.rb[rb].aux_refcount, 2,
	       "orphaned transaction keeps its aux_refcount");
	/* WARN_ON_ONCE: a second nested begin is silent */
	is_int(perf_aux_output_begin(&fx.m, &h2, ev), -1,
	       "begin: every later begin fails");
	is_int(fx.nwarns, 1, "WARN_ON_ONCE: no second splat");
	is_int(fx.m.s.nr_warnings, 2, "but the condition hit twice");
}

static void test_begin_modes(void)
{
	struct fixture fx;
	int ev, rb;

	/* overwrite: size stays 0, head = aux_head */
	ev = setup(&fx, "v6.1", true, false, 16);
	rb = fx.m.s.event[ev].rb;
	fx.m.s.rb[rb].aux_head = 0x1234;
	ok(perf_aux_output_begin(&fx.m, H(&fx), ev) >= 0, "begin overwrite");
	is_u64(H(&fx)->head, 0x1234, "begin: handle->head = aux_head");
	is_u64(H(&fx)->size, 0, "begin overwrite: size 0");
	is_int(fx.m.s.rb[rb].aux_overwrite, 1, "read-only mmap -> overwrite");

	/* normal: size = CIRC_SPACE(head, tail, size) */
	ev = setup(&fx, "v6.1", true, true, 16);
	rb = fx.m.s.event[ev].rb;
	fx.m.s.rb[rb].aux_head = 0x3000;
	fx.m.s.rb[rb].user_aux_tail = 0x1000;
	ok(perf_aux_output_begin(&fx.m, H(&fx), ev) >= 0, "begin normal");
	is_u64(H(&fx)->size, 0x10000 - 0x2000 - 1,
	       "begin normal: size = CIRC_SPACE");
	is_u64(H(&fx)->wakeup, 0x8000, "begin normal: wakeup = watermark");

	/* normal, full: disable, wake up, no transaction */
	ev = setup(&fx, "v6.1", true, true, 16);
	rb = fx.m.s.event[ev].rb;
	fx.m.s.rb[rb].aux_head = 0x10000;
	fx.m.s.rb[rb].user_aux_tail = 0;
	is_int(perf_aux_output_begin(&fx.m, H(&fx), ev), -1,
	       "begin normal full -> NULL");
	is_int(fx.m.s.event[ev].pending_disable, 1 + 1,
	       "begin normal full: perf_event_disable_inatomic on CPU 1");
	is_int(fx.m.s.rb[rb].nr_wakeups, 1, "begin normal full: wakeup");
	is_int(fx.m.s.rb[rb].aux_nest, 0, "begin normal full: nest undone");
	is_int(fx.m.s.rb[rb].aux_refcount, 1,
	       "begin normal full: aux ref dropped");
}

static void test_end(void)
{
	struct fixture fx;
	const struct aux_record *r;
	int ev, rb;

	/* overwrite: the driver moved handle->head; record offset = end */
	ev = setup(&fx, "v6.1", true, false, 16);
	rb = fx.m.s.event[ev].rb;
	fx.m.s.rb[rb].aux_head = 0x1000;
	perf_aux_output_begin(&fx.m, H(&fx), ev);
	H(&fx)->head += 0x800;
	perf_aux_output_end(&fx.m, H(&fx), 0x800);
	r = fx_last(&fx, PERF_RECORD_AUX);
	ok(r != NULL, "end overwrite: PERF_RECORD_AUX emitted");
	if (r) {
		is_u64(r->offset, 0x1800, "end overwrite: offset is the END");
		is_u64(r->size, 0x800, "end overwrite: size");
		is_u64(r->flags, PERF_AUX_FLAG_OVERWRITE, "end overwrite: [O]");
	}
	is_u64(fx.m.s.rb[rb].aux_head, 0x1800, "end overwrite: aux_head");
	is_u64(fx.m.s.rb[rb].user_aux_head, 0x1800,
	       "end: user_page->aux_head published");
	is_int(fx.m.s.rb[rb].aux_nest, 0, "end: aux_nest 0");
	is_int(H(&fx)->event, -1, "end: handle closed");
	is_int(fx.m.s.rb[rb].nr_wakeups, 0, "end overwrite: never wakes");

	/* overwrite, nothing to say: no record */
	perf_aux_output_begin(&fx.m, H(&fx), ev);
	perf_aux_output_end(&fx.m, H(&fx), 0);
	is_int(fx_count(&fx, PERF_RECORD_AUX), 1,
	       "end overwrite size 0, OVERWRITE only: no record");

	/* normal: offset = old head, aux_head += size, watermark wakeup */
	ev = setup(&fx, "v6.1", true, true, 16);
	rb = fx.m.s.event[ev].rb;
	fx.m.s.rb[rb].aux_head = 0x7000;
	perf_aux_output_begin(&fx.m, H(&fx), ev);
	perf_aux_output_end(&fx.m, H(&fx), 0x2000);
	r = fx_last(&fx, PERF_RECORD_AUX);
	ok(r && r->offset == 0x7000 && r->size == 0x2000 && r->flags == 0,
	   "end normal: record at the old head, no flags");
	is_u64(fx.m.s.rb[rb].aux_head, 0x9000, "end normal: aux_head += size");
	is_int(fx.m.s.rb[rb].nr_wakeups, 1,
	       "end normal: crossing the watermark wakes");
	is_u64(fx.m.s.rb[rb].aux_wakeup, 0x8000,
	       "end normal: aux_wakeup rounded down to the watermark");

	/* normal, TRUNCATED: a record even with size 0, and disable */
	perf_aux_output_begin(&fx.m, H(&fx), ev);
	perf_aux_output_flag(&fx.m, H(&fx), PERF_AUX_FLAG_TRUNCATED);
	perf_aux_output_end(&fx.m, H(&fx), 0);
	r = fx_last(&fx, PERF_RECORD_AUX);
	ok(r && r->size == 0 && r->flags == PERF_AUX_FLAG_TRUNCATED,
	   "end TRUNCATED size 0: record [T]");
	is_int(fx.m.s.event[ev].pending_disable, 1 + 1,
	       "end TRUNCATED: perf_event_disable_inatomic on CPU 1");
}

/*
 * The disable a full buffer or a TRUNCATED end asks for, per kernel: v6.1
 * stores smp_processor_id() into a pending_disable it reads as a flag, so
 * CPU 0's is lost; 5.12 (a CPU number) and v7.1 (the fix) disable anywhere.
 */
static void test_pending_disable_cpu0(void)
{
	static const struct {
		const char *kernel;
		int cpu, want;
	} c[] = {
		{ "v5.12", 0, 0 + 1 }, { "v5.12", 1, 1 + 1 },
		{ "v6.1", 0, 0 },      { "v6.1", 1, 1 + 1 },
		{ "v7.1", 0, 0 + 1 },  { "v7.1", 1, 1 + 1 },
	};

	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		struct fixture fx;
		int ev = setup(&fx, c[i].kernel, true, true, 16);
		int rb = fx.m.s.event[ev].rb;

		/* a full buffer, seen from c[i].cpu */
		fx.m.this_cpu = c[i].cpu;
		fx.m.s.rb[rb].aux_head = 0x10000;
		is_int(perf_aux_output_begin(&fx.m, H(&fx), ev), -1,
		       "%s cpu%d: begin on a full buffer -> NULL",
		       c[i].kernel, c[i].cpu);
		is_int(fx.m.s.event[ev].pending_disable, c[i].want,
		       "%s cpu%d: full buffer: pending_disable %s",
		       c[i].kernel, c[i].cpu, c[i].want ? "set" : "lost");

		/* a TRUNCATED end */
		ev = setup(&fx, c[i].kernel, true, true, 16);
		fx.m.this_cpu = c[i].cpu;
		perf_aux_output_begin(&fx.m, H(&fx), ev);
		perf_aux_output_flag(&fx.m, H(&fx), PERF_AUX_FLAG_TRUNCATED);
		perf_aux_output_end(&fx.m, H(&fx), 0);
		is_int(fx.m.s.event[ev].pending_disable, c[i].want,
		       "%s cpu%d: TRUNCATED end: pending_disable %s",
		       c[i].kernel, c[i].cpu, c[i].want ? "set" : "lost");
	}
}

static void test_flag_skip_get_aux(void)
{
	struct fixture fx;
	int ev = setup(&fx, "v6.1", true, true, 16);
	int rb = fx.m.s.event[ev].rb;

	is_int(perf_get_aux(&fx.m, H(&fx)), -1,
	       "perf_get_aux: closed handle -> NULL");
	perf_aux_output_begin(&fx.m, H(&fx), ev);
	is_int(perf_get_aux(&fx.m, H(&fx)), fx.m.s.rb[rb].aux_priv,
	       "perf_get_aux: open handle -> aux_priv");
	perf_aux_output_flag(&fx.m, H(&fx), PERF_AUX_FLAG_OVERWRITE);
	is_int(fx.nwarns, 1, "flag OVERWRITE: WARN");
	is_int(fx.warns[0].site, WARN_AUX_FLAG_OVERWRITE, "at its site");
	is_u64(H(&fx)->aux_flags, 0, "flag OVERWRITE: ignored");
	perf_aux_output_flag(&fx.m, H(&fx), PERF_AUX_FLAG_COLLISION);
	is_u64(H(&fx)->aux_flags, PERF_AUX_FLAG_COLLISION, "flag: ORed in");
	is_int(perf_aux_output_skip(&fx.m, H(&fx), H(&fx)->size + 1),
	       -28 /* -ENOSPC */, "skip beyond size: -ENOSPC");
	is_int(perf_aux_output_skip(&fx.m, H(&fx), 0x100), 0, "skip: 0");
	is_u64(fx.m.s.rb[rb].aux_head, 0x100, "skip: aux_head advanced");
	is_u64(H(&fx)->head, 0x100, "skip: handle->head follows");
	is_u64(fx.m.s.rb[rb].user_aux_head, 0x100, "skip: published");
}

static void test_alloc_aux(void)
{
	struct fixture fx;
	int ev, rb;

	ev = setup(&fx, "v6.1", true, false, 16);
	rb = fx.m.s.event[ev].rb;
	is_int(fx.m.s.rb[rb].aux_watermark, 0, "overwrite: watermark 0");
	is_int(fx.m.s.rb[rb].aux_refcount, 1, "alloc: aux_refcount 1");
	ok(fx.m.s.rb[rb].aux_priv >= 0, "alloc: setup_aux gave aux_priv");

	ev = setup(&fx, "v6.1", true, true, 16);
	rb = fx.m.s.event[ev].rb;
	is_int(fx.m.s.rb[rb].aux_watermark, 0x8000,
	       "normal: watermark defaults to half the buffer");

	ev = setup(&fx, "v5.12", true, true, 1);
	rb = fx.m.s.event[ev].rb;
	is_int(fx.m.s.rb[rb].aux_nr_pages, 0,
	       "v5.12: one-page normal AUX area is refused");
	ev = setup(&fx, "v6.1", true, true, 1);
	rb = fx.m.s.event[ev].rb;
	is_int(fx.m.s.rb[rb].aux_nr_pages, 1,
	       "v6.1: one-page normal AUX area is fine");
	ev = setup(&fx, "v6.1", true, false, 3);
	rb = fx.m.s.event[ev].rb;
	is_int(fx.m.s.rb[rb].aux_nr_pages, 0,
	       "perf_mmap_aux: nr_pages not a power of 2 is refused");
}

int main(void)
{
	test_begin_exits();
	test_begin_nest_warn();
	test_pending_disable_cpu0();
	test_begin_modes();
	test_end();
	test_flag_skip_get_aux();
	test_alloc_aux();
	return done_testing();
}
