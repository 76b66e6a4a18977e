// SPDX-License-Identifier: GPL-2.0
/*
 * t0300-etm-perf: drivers/hwtracing/coresight/coresight-etm-perf.c -
 * etm_setup_aux() masks, etm_event_start() per kernel version (CPU outside
 * the mask, the ctxt busy WARN, no ETM), etm_event_stop() with and without
 * PERF_EF_UPDATE, the seed-000 RFC, and etm_event_add()/del().
 */
#include "fixture.h"

static int EVC(struct fixture *fx, int cpu)
{
	return fx->m.s.tool.fd_event[cpu];
}

static int edata(struct fixture *fx, int ev)
{
	return fx->m.s.rb[fx->m.s.event[ev].rb].aux_priv;
}

/* dd running on @cpu with its events enabled */
static void start_on(struct fixture *fx, const char *k, uint32_t kp,
		     enum perf_target t, int cpu)
{
	fx_init(fx, k, kp, "perf-6.1");
	fx_record_open(fx, true, t, 0);
	fx_run(fx, cpu);
	perf_event_exec(&fx->m, 0);
	fx->m.this_cpu = cpu;
}

static void test_setup_aux(void)
{
	struct fixture fx;

	fx_init(&fx, "v6.1", 0, "perf-6.1");
	fx_record_open(&fx, true, TARGET_PER_CPU_TASK, 0);
	is_int(fx.m.s.etm_event_data[edata(&fx, EVC(&fx, 3))].mask, 1 << 3,
	       "per-CPU event: mask = {its CPU}");
	fx_init(&fx, "v6.1", 0, "perf-6.1");
	fx_record_open(&fx, true, TARGET_PER_THREAD, 0);
	is_int(fx.m.s.etm_event_data[edata(&fx, EVC(&fx, 0))].mask, 0x3f,
	       "cpu -1 event: mask = every CPU");
	fx_init(&fx, "v6.1", 0, "perf-6.1");
	fx.mc.cpus[5].has_etm = false;
	fx_record_open(&fx, true, TARGET_PER_THREAD, 0);
	is_int(fx.m.s.etm_event_data[edata(&fx, EVC(&fx, 0))].mask, 0x1f,
	       "a CPU without an ETM is cleared from the mask");
	fx_init(&fx, "v6.1", 0, "perf-6.1");
	fx.mc.cpus[2].has_etm = false;
	is_int(fx_record_open(&fx, true, TARGET_PER_CPU_TASK, 0), -12,
	       "per-CPU event on a CPU without an ETM: setup_aux fails, "
	       "the AUX mmap fails");
}

static void test_start_no_etm(void)
{
	struct fixture fx;
	int ev;

	fx_init(&fx, "v6.1", 0, "perf-6.1");
	fx.mc.cpus[5].has_etm = false;
	fx_record_open(&fx, true, TARGET_PER_THREAD, 0);
	ev = EVC(&fx, 0);
	fx_run(&fx, 5);
	perf_event_exec(&fx.m, 0);
	is_int(fx.m.s.event[ev].state, PERF_EVENT_STATE_INACTIVE,
	       "no csdev on this CPU: add fails, event stays INACTIVE");
	is_int(fx.m.s.event[ev].hw_state, PERF_HES_STOPPED,
	       "no csdev: hw.state STOPPED");
	is_int(fx.m.s.rb[fx.m.s.event[ev].rb].aux_nest, 0,
	       "no csdev: no AUX transaction");
	fx_run(&fx, 4);
	is_int(fx.m.s.event[ev].state, PERF_EVENT_STATE_ACTIVE,
	       "on a CPU with an ETM it goes on");
}

static void test_start_bad_cpu(void)
{
	struct fixture fx;
	const struct aux_record *r;
	int ev;

	/* v5.12: TRUNCATED + end(0), and the event is disabled */
	fx_init(&fx, "v5.12", 0, "perf-6.1");
	fx_record_open(&fx, false, TARGET_PER_THREAD, 0);
	ev = EVC(&fx, 0);
	fx.m.s.etm_event_data[edata(&fx, ev)].mask &= ~(1u << 2);
	fx_run(&fx, 2);
	perf_event_exec(&fx.m, 0);
	r = fx_last(&fx, PERF_RECORD_AUX);
	ok(r && r->size == 0 && r->flags == PERF_AUX_FLAG_TRUNCATED,
	   "v5.12 CPU outside mask: PERF_RECORD_AUX size 0 [T]");
	is_int(fx.m.s.event[ev].state, PERF_EVENT_STATE_OFF,
	       "v5.12 CPU outside mask: the event ends up disabled");

	/* v6.1 (202d403ae3a9): pretend, trace nothing */
	fx_init(&fx, "v6.1", 0, "perf-6.1");
	fx_record_open(&fx, false, TARGET_PER_THREAD, 0);
	ev = EVC(&fx, 0);
	fx.m.s.etm_event_data[edata(&fx, ev)].mask &= ~(1u << 2);
	fx_run(&fx, 2);
	perf_event_exec(&fx.m, 0);
	is_int(fx.m.s.event[ev].state, PERF_EVENT_STATE_ACTIVE,
	       "v6.1 CPU outside mask: ACTIVE");
	is_int(fx.m.s.event[ev].hw_state, 0, "v6.1: hw.state 0 (pretend)");
	is_int(fx.m.s.etm_ctxt[2].handle.event, ev, "v6.1: handle kept open");
	is_int(fx.m.s.etm[2].enabled, 0, "v6.1: but the ETM is not enabled");
	fx_run(&fx, 3);
	is_int(fx_count(&fx, PERF_RECORD_AUX), 0,
	       "v6.1: stop(UPDATE) on it ends with size 0, no record");
	is_int(fx.m.s.etm_ctxt[2].handle.event, -1, "v6.1: handle closed");
}

static void test_ctxt_busy(void)
{
	struct fixture fx;
	int ev;

	start_on(&fx, "v6.1", 0, TARGET_PER_CPU_TASK, 1);
	ev = EVC(&fx, 1);
	is_int(fx.m.s.etm_ctxt[1].event_data, edata(&fx, ev),
	       "v6.1: etm_ctxt caches event_data");
	etm_event_start(&fx.m, ev, 0);
	is_int(fx.nwarns, 1, "start with ctxt->event_data set: WARN");
	is_int(fx.warns[0].site, WARN_ETM_START_CTXT_BUSY, "WARN_ON(ctxt)");
	is_int(fx.m.s.event[ev].hw_state, PERF_HES_STOPPED,
	       "ctxt busy: hw.state STOPPED");

	start_on(&fx, "v5.12", 0, TARGET_PER_CPU_TASK, 1);
	is_int(fx.m.s.etm_ctxt[1].event_data, -1, "v5.12: no etm_ctxt cache");
}

static void test_stop_modes(void)
{
	struct fixture fx;
	int ev, rb;

	/* stop(0), as a throttle does: tracer off, handle left open */
	start_on(&fx, "v6.1", 0, TARGET_PER_CPU_TASK, 1);
	ev = EVC(&fx, 1);
	rb = fx.m.s.event[ev].rb;
	fx_advance(&fx, 1000000);
	etm_event_stop(&fx.m, ev, 0);
	is_int(fx.m.s.etm[1].enabled, 0, "stop(0): ETM disabled");
	is_int(fx.m.s.event[ev].hw_state, PERF_HES_STOPPED, "stop(0): STOPPED");
	is_int(fx.m.s.etm_ctxt[1].handle.event, ev,
	       "stop(0): no perf_aux_output_end, handle still open");
	is_int(fx.m.s.rb[rb].aux_nest, 1, "stop(0): aux_nest still 1");
	is_int(fx.m.s.etr.refcnt, 0, "stop(0): path disabled anyway");
	is_int(fx.m.s.etm_ctxt[1].event_data, -1, "stop(0): ctxt cleared");
	is_int(fx_count(&fx, PERF_RECORD_AUX), 0, "stop(0): no record");
	/* start(0), as unthrottle does: a nested begin */
	etm_event_start(&fx.m, ev, 0);
	is_int(fx.nwarns, 1, "start(0) after stop(0): a WARN");
	is_int(fx.warns[0].site, WARN_AUX_NEST,
	       "the seed-001 WARN: perf_aux_output_begin nesting");
	is_str(fx.warns[0].stack[1], "etm_event_start",
	       "called from etm_event_start");
	is_int(fx.m.s.event[ev].hw_state, PERF_HES_STOPPED,
	       "begin failed: tracing stays off");
	is_int(fx.m.s.etm_ctxt[1].handle.event, -1,
	       "and the per-CPU handle is orphaned");

	/* stop on a STOPPED event: nothing happens */
	start_on(&fx, "v6.1", 0, TARGET_PER_CPU_TASK, 1);
	ev = EVC(&fx, 1);
	fx.m.s.event[ev].hw_state = PERF_HES_STOPPED;
	etm_event_stop(&fx.m, ev, PERF_EF_UPDATE);
	is_int(fx.m.s.etm[1].enabled, 1,
	       "stop on STOPPED: returns before the tracer");
	is_int(fx.m.s.etm_ctxt[1].event_data, -1,
	       "v6.1: but ctxt->event_data was already cleared");

	/* v5.12: UPDATE with a handle of another event: WARN, no end */
	start_on(&fx, "v5.12", 0, TARGET_PER_CPU_TASK, 1);
	ev = EVC(&fx, 1);
	fx.m.s.etm_ctxt[1].handle.event = (int16_t)EVC(&fx, 2);
	etm_event_stop(&fx.m, ev, PERF_EF_UPDATE);
	is_int(fx.warns[fx.nwarns - 1].site, WARN_ETM_STOP_HANDLE_EVENT,
	       "v5.12 stop: handle->event != event WARNs");
	is_int(fx.m.s.etr.refcnt, 1,
	       "v5.12 stop: the early return skips coresight_disable_path");

	/* v6.1: ctxt->event_data disagrees with the open handle */
	start_on(&fx, "v6.1", 0, TARGET_PER_CPU_TASK, 1);
	ev = EVC(&fx, 1);
	fx.m.s.etm_ctxt[1].event_data = (int16_t)edata(&fx, EVC(&fx, 2));
	etm_event_stop(&fx.m, ev, PERF_EF_UPDATE);
	is_int(fx.warns[fx.nwarns - 1].site, WARN_ETM_STOP_AUX_MISMATCH,
	       "v6.1 stop: perf_get_aux != ctxt->event_data WARNs");
	is_int(fx.m.s.etm_ctxt[1].event_data, edata(&fx, EVC(&fx, 2)),
	       "v6.1 stop: and returns before clearing the ctxt");

	/* del always stops with UPDATE */
	start_on(&fx, "v6.1", 0, TARGET_PER_CPU_TASK, 1);
	ev = EVC(&fx, 1);
	rb = fx.m.s.event[ev].rb;
	fx_advance(&fx, 2000000);
	etm_event_del(&fx.m, ev, 0);
	is_u64(fx.m.s.rb[rb].aux_head, 192000,
	       "del: stop(UPDATE) copied 2 ms of trace");
	is_int(fx.m.s.rb[rb].aux_nest, 0, "del: transaction closed");
}

static void test_rfc(void)
{
	struct fixture fx;
	int ev, rb;

	/* snapshot mode, sched-out: end(0) without update_buffer */
	start_on(&fx, "v5.12", KP_ETM_SNAPSHOT_RFC, TARGET_PER_CPU_TASK, 1);
	ev = EVC(&fx, 1);
	rb = fx.m.s.event[ev].rb;
	is_int(fx.m.s.etm_event_data[edata(&fx, ev)].overwrite, 1,
	       "RFC: event_data->overwrite from setup_aux");
	fx_advance(&fx, 1000000);
	fx_run(&fx, 2);
	is_u64(fx.m.s.rb[rb].aux_head, 0, "RFC sched-out: nothing copied");
	is_int(fx.m.s.rb[rb].aux_nest, 0, "RFC sched-out: handle ended");
	is_int(fx.m.s.etr.refcnt, 1, "RFC sched-out: path released, CPU 2 in");

	/* normal mode: the RFC does not apply */
	fx_init(&fx, "v5.12", KP_ETM_SNAPSHOT_RFC, "perf-6.1");
	fx_record_open(&fx, false, TARGET_PER_CPU_TASK, 0);
	fx_run(&fx, 1);
	perf_event_exec(&fx.m, 0);
	ev = EVC(&fx, 1);
	rb = fx.m.s.event[ev].rb;
	is_int(fx.m.s.etm_event_data[edata(&fx, ev)].overwrite, 0,
	       "RFC normal mode: overwrite 0");
	fx_advance(&fx, 1000000);
	fx_run(&fx, 2);
	is_u64(fx.m.s.rb[rb].aux_head, 96000,
	       "RFC normal mode: sched-out still copies");
}

static void test_add(void)
{
	struct fixture fx;
	int ev;

	start_on(&fx, "v6.1", 0, TARGET_PER_CPU_TASK, 1);
	ev = EVC(&fx, 1);
	etm_event_del(&fx.m, ev, 0);
	is_int(etm_event_add(&fx.m, ev, 0), 0, "add without START: 0");
	is_int(fx.m.s.event[ev].hw_state, PERF_HES_STOPPED,
	       "add without START: STOPPED");
	is_int(fx.m.s.etm[1].enabled, 0, "add without START: no tracing");
	is_int(etm_event_add(&fx.m, ev, PERF_EF_START), 0, "add START: 0");
	is_int(fx.m.s.etm[1].enabled, 1, "add START: tracing");
	fx.m.s.etm[1].mode = CS_MODE_SYSFS;
	fx.m.s.etm[1].enabled = 0;
	etm_event_del(&fx.m, ev, 0);
	fx.m.s.etm[1].mode = CS_MODE_SYSFS;
	is_int(etm_event_add(&fx.m, ev, PERF_EF_START), -22,
	       "add START with the ETM busy in sysfs: -EINVAL");
	is_int(fx.m.s.etr.refcnt, 0,
	       "failed source enable: path disabled again");
	is_int(fx.m.s.etm_ctxt[1].handle.event, -1,
	       "failed start: handle ended (TRUNCATED)");
}

int main(void)
{
	test_setup_aux();
	test_start_no_etm();
	test_start_bad_cpu();
	test_ctxt_busy();
	test_stop_modes();
	test_rfc();
	test_add();
	return done_testing();
}
