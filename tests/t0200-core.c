// SPDX-License-Identifier: GPL-2.0
/*
 * t0200-core: kernel/events/core.c - per-CPU event eligibility, context
 * switch and migration, ctx->is_active as pmu->del() sees it, ioctl
 * DISABLE/ENABLE with the task running or not, enable_on_exec, the three
 * ways perf record opens AUX events, munmap, and the pending-disable
 * irq_work.
 */
#include <errno.h>

#include "fixture.h"

static int EVC(struct fixture *fx, int cpu)
{
	return fx->m.s.tool.fd_event[cpu];
}

static int active_count(struct fixture *fx)
{
	int n = 0;

	for (int i = 0; i < MAX_EVENTS; i++)
		n += fx->m.s.event[i].in_use &&
		     fx->m.s.event[i].state == PERF_EVENT_STATE_ACTIVE;
	return n;
}

static int aux_records_nonzero(struct fixture *fx)
{
	int n = 0;

	for (int i = 0; i < fx->nrecs; i++)
		n += fx->recs[i].type == PERF_RECORD_AUX && fx->recs[i].size;
	return n;
}

static void test_filter_match(void)
{
	struct fixture fx;

	fx_init(&fx, "v6.1", 0, "perf-6.1");
	fx_record_open(&fx, true, TARGET_PER_CPU_TASK, 0);
	fx.m.this_cpu = 2;
	ok(event_filter_match(&fx.m, EVC(&fx, 2)), "cpu 2 event matches cpu 2");
	ok(!event_filter_match(&fx.m, EVC(&fx, 3)),
	   "cpu 3 event does not match cpu 2");
	fx_init(&fx, "v6.1", 0, "perf-6.1");
	fx_record_open(&fx, true, TARGET_PER_THREAD, 0);
	fx.m.this_cpu = 4;
	ok(event_filter_match(&fx.m, EVC(&fx, 0)), "cpu -1 event matches any");
}

static void test_per_cpu_task(void)
{
	struct fixture fx;
	int ctx;

	fx_init(&fx, "v6.1", 0, "perf-6.1");
	is_int(fx_record_open(&fx, true, TARGET_PER_CPU_TASK, 0), 0,
	       "perf record -S -- dd: opens");
	is_int(fx.m.s.tool.nr_fds, 6, "one cs_etm event per CPU");
	ctx = fx.m.s.event[EVC(&fx, 0)].ctx;
	ok(ctx >= MAX_CPUS && fx.m.s.ctx[ctx].task == 0,
	   "events live in the task's context");
	is_int(fx.m.s.ctx[ctx].nr_events, 6, "six events in that context");
	is_int(fx.m.s.event[EVC(&fx, 0)].state, PERF_EVENT_STATE_OFF,
	       "opened disabled");
	is_int(fx.m.s.rb[fx.m.s.event[EVC(&fx, 0)].rb].aux_overwrite, 1,
	       "-S maps the AUX area read-only: overwrite");
	is_int(fx.m.s.etr_buf[0].refcount, 6,
	       "the six events share one etr_buf");

	/* dd starts on CPU 1 with its events off, then execs */
	fx_run(&fx, 1);
	is_int(active_count(&fx), 0, "before exec nothing is active");
	is_int(fx.m.s.ctx[ctx].is_active & EVENT_FLEXIBLE, EVENT_FLEXIBLE,
	       "the task context is active on sched-in");
	perf_event_exec(&fx.m, 0);
	is_int(fx.m.s.event[EVC(&fx, 1)].state, PERF_EVENT_STATE_ACTIVE,
	       "enable_on_exec: the CPU 1 event is ACTIVE");
	is_int(fx.m.s.event[EVC(&fx, 2)].state, PERF_EVENT_STATE_INACTIVE,
	       "enable_on_exec: the CPU 2 event is INACTIVE");
	is_int(active_count(&fx), 1, "only the event of dd's CPU is active");
	is_int(fx.m.s.etm[1].enabled, 1, "CPU 1's ETM traces");
	is_int(fx.m.s.etr.refcnt, 1, "ETR refcnt 1");
	is_int(fx_count(&fx, PERF_RECORD_ITRACE_START), 1, "ITRACE_START");

	/* 10 ms on CPU 1, then migrate to CPU 3 */
	fx_advance(&fx, 10000000);
	fx_run(&fx, 3);
	is_int(fx.m.s.event[EVC(&fx, 1)].state, PERF_EVENT_STATE_INACTIVE,
	       "migration: CPU 1 event INACTIVE");
	is_int(fx.m.s.event[EVC(&fx, 3)].state, PERF_EVENT_STATE_ACTIVE,
	       "migration: CPU 3 event ACTIVE");
	is_int(aux_records_nonzero(&fx), 1,
	       "sched-out copied the ETR: one PERF_RECORD_AUX");
	is_int(fx_last(&fx, PERF_RECORD_AUX)->cpu, 1, "from CPU 1");
	is_u64(fx.m.s.rb[fx.m.s.event[EVC(&fx, 1)].rb].aux_head, 960000,
	       "CPU 1's AUX head = 10 ms at 96 MB/s");
	is_int(fx_count(&fx, PERF_RECORD_ITRACE_START), 2,
	       "ITRACE_START again on every sched-in (cs_etm never sets "
	       "PERF_ATTACH_ITRACE)");
	is_int(fx.m.s.etm[1].enabled, 0, "CPU 1's ETM off");
	is_int(fx.m.s.etm[3].enabled, 1, "CPU 3's ETM on");
	is_int(fx.m.s.etr_buf[0].rwp, 0,
	       "sched-in on CPU 3 restarted the ETR from its base");
}

/* is_active as pmu->del sees it, told apart by the seed-000 RFC */
static void test_is_active_ordering(void)
{
	struct fixture fx;
	int rb3;

	fx_init(&fx, "v6.1", KP_ETM_SNAPSHOT_RFC, "perf-6.1");
	fx_record_open(&fx, true, TARGET_PER_CPU_TASK, 0);
	fx_run(&fx, 1);
	perf_event_exec(&fx.m, 0);
	fx_advance(&fx, 10000000);
	fx_run(&fx, 3); /* context switch: del with is_active == 0 */
	is_int(aux_records_nonzero(&fx), 0,
	       "RFC: context-switch del sees is_active == 0: no copy");
	is_u64(fx.m.s.rb[fx.m.s.event[EVC(&fx, 1)].rb].aux_head, 0,
	       "RFC: CPU 1's AUX head did not move");
	is_int(fx.m.s.etr.refcnt, 1, "RFC: the path was still disabled");

	fx_advance(&fx, 5000000);
	/* the tool's ioctl DISABLE reaches CPU 3 by IPI: is_active set */
	perf_ioctl(&fx.m, EVC(&fx, 3), PERF_EVENT_IOC_DISABLE);
	is_int(aux_records_nonzero(&fx), 1,
	       "RFC: ioctl DISABLE del sees is_active != 0: copies");
	rb3 = fx.m.s.event[EVC(&fx, 3)].rb;
	is_u64(fx.m.s.rb[rb3].aux_head, 300000,
	       "RFC: CPU 3's AUX head = 5 ms at 60 MB/s");
	is_int(fx.m.s.event[EVC(&fx, 3)].state, PERF_EVENT_STATE_OFF,
	       "ioctl DISABLE: OFF");
}

static void test_ioctl(void)
{
	struct fixture fx;

	fx_init(&fx, "v6.1", 0, "perf-6.1");
	fx_record_open(&fx, true, TARGET_PER_CPU_TASK, 0);
	fx_run(&fx, 2);
	perf_event_exec(&fx.m, 0);
	fx_advance(&fx, 1000000);

	/* DISABLE of an event whose CPU dd is not on: no PMU callback */
	perf_ioctl(&fx.m, EVC(&fx, 4), PERF_EVENT_IOC_DISABLE);
	is_int(fx.m.s.event[EVC(&fx, 4)].state, PERF_EVENT_STATE_OFF,
	       "DISABLE inactive event: OFF");
	is_int(fx.m.s.etm[2].enabled, 1,
	       "DISABLE inactive event: the running ETM is untouched");
	is_int(fx_count(&fx, PERF_RECORD_AUX), 0, "no AUX record");

	/* DISABLE the running one: del(UPDATE) copies */
	perf_ioctl(&fx.m, EVC(&fx, 2), PERF_EVENT_IOC_DISABLE);
	is_int(aux_records_nonzero(&fx), 1, "DISABLE running: copy");
	is_int(fx.m.s.etm[2].enabled, 0, "DISABLE running: ETM off");
	is_int(fx.m.s.etr.refcnt, 0, "DISABLE running: ETR released");

	/* ENABLE while dd runs on CPU 2: resched adds it */
	perf_ioctl(&fx.m, EVC(&fx, 2), PERF_EVENT_IOC_ENABLE);
	is_int(fx.m.s.event[EVC(&fx, 2)].state, PERF_EVENT_STATE_ACTIVE,
	       "ENABLE on the running CPU: ACTIVE at once");
	perf_ioctl(&fx.m, EVC(&fx, 4), PERF_EVENT_IOC_ENABLE);
	is_int(fx.m.s.event[EVC(&fx, 4)].state, PERF_EVENT_STATE_INACTIVE,
	       "ENABLE elsewhere: INACTIVE until dd gets there");

	/* dd off-CPU: DISABLE and ENABLE call no PMU callback */
	sched__switch(&fx.m, 2, -1, 0);
	perf_ioctl(&fx.m, EVC(&fx, 2), PERF_EVENT_IOC_DISABLE);
	perf_ioctl(&fx.m, EVC(&fx, 2), PERF_EVENT_IOC_ENABLE);
	is_int(fx.m.s.event[EVC(&fx, 2)].state, PERF_EVENT_STATE_INACTIVE,
	       "task not running: ENABLE leaves it INACTIVE");
	fx_run(&fx, 4);
	is_int(fx.m.s.event[EVC(&fx, 4)].state, PERF_EVENT_STATE_ACTIVE,
	       "dd reaches CPU 4: its event goes on");
	is_int(perf_ioctl(&fx.m, EVC(&fx, 4), 0x2499), -25,
	       "unknown ioctl: -ENOTTY");
}

static void test_system_wide(void)
{
	struct fixture fx;
	int copies = 0, last = -1;

	fx_init(&fx, "v6.1", 0, "perf-6.1");
	is_int(fx_record_open(&fx, true, TARGET_SYSTEM_WIDE, 0), 0, "-a opens");
	ok(fx.m.s.event[EVC(&fx, 0)].ctx < MAX_CPUS,
	   "-a: events in the CPU contexts");
	is_int(active_count(&fx), 6, "-a: enabled at once on every CPU");
	is_int(fx.m.s.etr.refcnt, 6, "-a: six ETMs share the ETR");
	fx_run(&fx, 0);
	fx_advance(&fx, 1000000);
	cs_etm_snapshot_start(&fx.m);
	for (int i = 0; i < fx.nrecs; i++)
		if (fx.recs[i].type == PERF_RECORD_AUX && fx.recs[i].size) {
			copies++;
			last = fx.recs[i].cpu;
		}
	is_int(copies, 1, "-a: only the last ETM to stop copies");
	is_int(last, 5, "-a: into CPU 5's AUX buffer (ioctls in CPU order)");
}

static void test_per_thread(void)
{
	struct fixture fx;
	int ev, rb;

	fx_init(&fx, "v6.1", 0, "perf-6.1");
	is_int(fx_record_open(&fx, true, TARGET_PER_THREAD, 0), 0,
	       "--per-thread opens");
	is_int(fx.m.s.tool.nr_fds, 1, "--per-thread: one event");
	ev = EVC(&fx, 0);
	rb = fx.m.s.event[ev].rb;
	is_int(fx.m.s.event[ev].cpu, -1, "--per-thread: cpu == -1");
	fx_run(&fx, 1);
	perf_event_exec(&fx.m, 0);
	fx_advance(&fx, 1000000);
	fx_run(&fx, 4);
	is_int(fx.m.s.event[ev].state, PERF_EVENT_STATE_ACTIVE,
	       "--per-thread: follows dd to CPU 4");
	is_int(fx.m.s.event[ev].oncpu, 4, "oncpu 4");
	fx_advance(&fx, 1000000);
	fx_run(&fx, 2);
	is_u64(fx.m.s.rb[rb].aux_head, 96000 + 60000,
	       "--per-thread: both slices land in the one AUX buffer");
}

static void test_munmap(void)
{
	struct fixture fx;
	int ev, rb;

	fx_init(&fx, "v6.1", 0, "perf-6.1");
	fx_record_open(&fx, true, TARGET_PER_CPU_TASK, 0);
	fx_run(&fx, 1);
	perf_event_exec(&fx.m, 0);
	fx_advance(&fx, 1000000);
	ev = EVC(&fx, 1);
	rb = fx.m.s.event[ev].rb;
	perf_mmap_close_aux(&fx.m, ev);
	is_int(aux_records_nonzero(&fx), 1,
	       "munmap: perf_pmu_output_stop ended the transaction");
	is_int(fx.m.s.rb[rb].aux_refcount, 0, "munmap: aux_refcount 0");
	is_int(fx.m.s.rb[rb].aux_nr_pages, 0, "munmap: AUX pages freed");
	is_int(fx.nwarns, 0, "munmap: no WARN");

	/* a leaked transaction (the nest WARN orphans one) */
	fx_init(&fx, "v6.1", 0, "perf-6.1");
	fx_record_open(&fx, true, TARGET_PER_CPU_TASK, 0);
	fx_run(&fx, 1);
	perf_event_exec(&fx.m, 0);
	ev = EVC(&fx, 1);
	rb = fx.m.s.event[ev].rb;
	fx.m.this_cpu = 1;
	etm_event_stop(&fx.m, ev, 0); /* throttle-style stop, no UPDATE */
	etm_event_start(&fx.m, ev, 0); /* and restart: nested begin */
	is_int(fx.warns[0].site, WARN_AUX_NEST, "restart: aux_nest WARN");
	sched__switch(&fx.m, 1, -1, 0);
	perf_mmap_close_aux(&fx.m, ev);
	is_int(fx.warns[fx.nwarns - 1].site, WARN_AUX_REFCOUNT,
	       "munmap after the orphaned handle: aux_refcount WARN");
	ok(fx.m.s.rb[rb].aux_refcount > 0, "the AUX pages leak");
}

static void test_pending_disable(void)
{
	struct fixture fx;
	int ev;

	fx_init(&fx, "v6.1", 0, "perf-6.1");
	fx_record_open(&fx, false, TARGET_PER_CPU_TASK, 0);
	fx_run(&fx, 1);
	perf_event_exec(&fx.m, 0);
	ev = EVC(&fx, 1);
	fx.m.this_cpu = 1;
	perf_event_disable_inatomic(&fx.m, ev);
	is_int(fx.m.s.event[ev].state, PERF_EVENT_STATE_ACTIVE,
	       "pending disable: still ACTIVE until the irq_work");
	irq_work_run(&fx.m, 1);
	is_int(fx.m.s.event[ev].state, PERF_EVENT_STATE_OFF,
	       "irq_work: __perf_event_disable made it OFF");
	is_int(fx.m.s.event[ev].pending_disable, 0, "pending_disable cleared");

	/* scheduled out first: event_sched_out turns it into OFF */
	perf_ioctl(&fx.m, ev, PERF_EVENT_IOC_ENABLE);
	perf_event_disable_inatomic(&fx.m, ev);
	sched__switch(&fx.m, 1, -1, 0);
	is_int(fx.m.s.event[ev].state, PERF_EVENT_STATE_OFF,
	       "sched-out with pending_disable: OFF");
}

/*
 * PERF_EVENT_IOC_SET_OUTPUT between AUX events, as a tool other than perf
 * record might issue it: perf_event_set_output() refuses to put two AUX
 * PMUs' events on one ring buffer, and lets events of one PMU share it.
 */
static void test_set_output_aux(void)
{
	struct perf_event_attr_model etm = { .pmu = PMU_CS_ETM, .disabled = 1 };
	struct perf_event_attr_model spe = { .pmu = PMU_ARM_SPE,
					     .disabled = 1 };
	struct perf_event_attr_model cyc = { .pmu = PMU_ARMV8, .disabled = 1,
					     .sample_period = 1000 };
	struct fixture fx;
	int e, s, s2, c;

	fx_init_machine(&fx, "n1sdp", "v6.1", 0, "perf-6.1");
	fx.m.s.max_samples_per_tick = 400;
	e = perf_event_open(&fx.m, &etm, -1, 0, -1);
	s = perf_event_open(&fx.m, &spe, -1, 0, -1);
	s2 = perf_event_open(&fx.m, &spe, -1, 0, -1);
	c = perf_event_open(&fx.m, &cyc, -1, 0, -1);
	ok(e >= 0 && s >= 0 && s2 >= 0 && c >= 0,
	   "n1sdp cpu0: cs_etm, two arm_spe_0 and a cycles event open");
	ok(perf_mmap(&fx.m, e) >= 0, "cs_etm event mmapped");
	is_int(perf_event_set_output(&fx.m, s, e), -EINVAL,
	       "arm_spe onto cs_etm's buffer: -EINVAL (AUX PMUs differ)");
	is_int(fx.m.s.event[s].rb, -1, "  the SPE event has no buffer");
	is_int(perf_event_set_output(&fx.m, c, e), 0,
	       "cycles onto cs_etm's buffer: allowed (no AUX)");
	ok(perf_mmap(&fx.m, s) >= 0, "arm_spe event mmapped");
	is_int(perf_event_set_output(&fx.m, s2, s), 0,
	       "arm_spe onto arm_spe's buffer: allowed (same PMU)");
	is_int(fx.nwarns, 0, "no WARN");
}

/* perf_allow_cpu(): without CAP_PERFMON, at perf_event_paranoid 2, a CPU
 * event is refused; a task event is not */
static void test_paranoid_cpu_event(void)
{
	struct perf_event_attr_model etm = {.pmu = PMU_CS_ETM, .disabled = 1};
	struct fixture fx;

	fx_init(&fx, "v6.1", 0, "perf-6.1");
	fx.m.perfmon_capable = false;
	is_int(perf_event_open(&fx.m, &etm, -1, 0, -1), -EACCES,
	       "unprivileged CPU event (-a): -EACCES");
	ok(perf_event_open(&fx.m, &etm, 0, 0, -1) >= 0,
	   "unprivileged task event on CPU 0: opens");
	fx.m.perf_event_paranoid = 0;
	ok(perf_event_open(&fx.m, &etm, -1, 1, -1) >= 0,
	   "unprivileged CPU event at perf_event_paranoid 0: opens");
	fx_init(&fx, "v6.1", 0, "perf-6.1");
	ok(perf_event_open(&fx.m, &etm, -1, 0, -1) >= 0,
	   "root's CPU event: opens");
}

int main(void)
{
	test_filter_match();
	test_per_cpu_task();
	test_is_active_ordering();
	test_ioctl();
	test_system_wide();
	test_per_thread();
	test_munmap();
	test_pending_disable();
	test_set_output_aux();
	test_paranoid_cpu_event();
	return done_testing();
}
