// SPDX-License-Identifier: GPL-2.0
/*
 * t0900-throttle: seed 001 - group throttling and AUX pause/resume.
 *
 * kernel/events/core.c: __perf_event_account_interrupt() (per-tick count,
 * the throttle at max_samples_per_tick), perf_event_throttle_group() and
 * perf_event_unthrottle_group() with their ACTIVE guard, the tick's
 * perf_adjust_freq_unthr_context(), the unthrottle(false) of
 * event_sched_in(), __perf_event_overflow()'s order (account, aux_pause,
 * sample, aux_resume at `out:`), perf_event_aux_pause()'s guards,
 * perf_event_open()'s aux-action checks and move_group; the drivers'
 * halves: etm_event_start(RESUME), etm_event_stop(PAUSE) ->
 * etm_event_pause(), etm4_{enable,pause,resume}_perf(), the TMC-ETR
 * re-enable after an update, armv8 counters, ARM SPE; the perf tool's
 * auxtrace_parse_aux_action(); the sched:sched_switch tracepoint.
 *
 * Each kernel variant is checked against docs/kernel-sources-v7.md; the
 * seed-001 patch is KP_AUX_PAUSE_THROTTLE_V1.
 */
#include <errno.h>

#include "fixture.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define MAXI MAX_INTERRUPTS
#define STOPPED_UPTODATE (PERF_HES_STOPPED | PERF_HES_UPTODATE)
#define PATCH KP_AUX_PAUSE_THROTTLE_V1

/* one -e event of the evlist */
struct evdesc {
	int pmu; /* enum model_pmu */
	uint64_t period; /* attr.sample_period, 0: counting */
	const char *action; /* aux-action=..., NULL: none */
	int group; /* {...} group index, -1: none */
};

/* perf record -e cs_etm// -e cycles/period=1000/ as {cs_etm//,cycles} */
static const struct evdesc etm_cycles[] = {
	{ PMU_CS_ETM, 0, NULL, 0 },
	{ PMU_ARMV8, 1000, NULL, 0 },
};

/* the seed: cs_etm/aux-action=start-paused/k, cycles/aux-action=pause,
 * period=3000/, cycles/aux-action=resume,period=1500/ */
static const struct evdesc seed[] = {
	{ PMU_CS_ETM, 0, "start-paused", -1 },
	{ PMU_ARMV8, 3000, "pause", -1 },
	{ PMU_ARMV8, 1500, "resume", -1 },
};

/* s001-claim-b: start-paused and a pause event only */
static const struct evdesc paused_pause[] = {
	{ PMU_CS_ETM, 0, "start-paused", -1 },
	{ PMU_ARMV8, 1000, "pause", -1 },
};

static const char *pmu_name(int pmu)
{
	switch (pmu) {
	case PMU_CS_ETM:
		return "cs_etm//";
	case PMU_ARM_SPE:
		return "arm_spe_0//";
	case PMU_ARMV8:
		return "cycles";
	case PMU_TRACEPOINT:
		return "sched:sched_switch";
	default:
		return "?";
	}
}

/* the fixture on machine @mc_name, perf 7.1 */
static void fx_setup(struct fixture *fx, const char *mc_name,
		     const char *kernel, uint32_t kpatch)
{
	fx_init_machine(fx, mc_name, kernel, kpatch, "perf-7.1");
}

static void fill_opts(struct record_opts *opts, enum perf_target target,
		      const struct evdesc *d, int n)
{
	memset(opts, 0, sizeof(*opts));
	opts->mmap_pages = UINT_MAX_PAGES;
	opts->target = target;
	opts->privileged = true;
	opts->nr_evsel = n;
	for (int i = 0; i < n; i++) {
		struct evsel_model *es = &opts->evsel[i];

		es->attr.pmu = d[i].pmu;
		es->attr.sample_period = d[i].period;
		es->leader = -1;
		es->group = d[i].group;
		snprintf(es->name, sizeof(es->name), "%s", pmu_name(d[i].pmu));
		snprintf(es->aux_action, sizeof(es->aux_action), "%s",
			 d[i].action ? d[i].action : "");
	}
}

/* perf record [-a] -e ... with the workload as task 0 */
static int open_evlist(struct fixture *fx, enum perf_target target,
		       const struct evdesc *d, int n)
{
	struct record_opts opts;

	fill_opts(&opts, target, d, n);
	return record__open(&fx->m, &opts, 0);
}

/* the event of evsel @i on CPU index @c */
static int EVX(const struct fixture *fx, int i, int c)
{
	return fx->m.s.tool.evsel_fd[i][c];
}

static struct perf_event *E(struct fixture *fx, int ev)
{
	return &fx->m.s.event[ev];
}

static int edata(const struct fixture *fx, int ev)
{
	return fx->m.s.rb[fx->m.s.event[ev].rb].aux_priv;
}

/* the counter of @ev overflows now: the PMU interrupt on @cpu, as
 * sim.c's sim__deliver_overflow() forces it */
static void overflow(struct fixture *fx, int cpu, int ev, int times)
{
	for (int i = 0; i < times; i++) {
		fx->m.s.event[ev].hw_ovf_cycle = fx->m.s.cpu[cpu].cycles;
		armv8pmu_handle_irq(&fx->m, cpu);
	}
}

static void tick(struct fixture *fx, int cpu)
{
	perf_event_task_tick(&fx->m, cpu);
}

/* the event of the last record of @type, -1 if none */
static int last_ev(const struct fixture *fx, uint32_t type)
{
	const struct aux_record *r = fx_last(fx, type);

	return r ? r->event : -1;
}

static bool stack_has(const struct aux_warning *w, const char *fn)
{
	for (int i = 0; i < w->depth && i < AUX_MAX_STACK; i++)
		if (w->stack[i] && !strcmp(w->stack[i], fn))
			return true;
	return false;
}

static const char *stk(const struct fixture *fx, int w, int i)
{
	if (w >= fx->nwarns || i >= fx->warns[w].depth)
		return "(none)";
	return fx->warns[w].stack[i];
}

/* -a with {cs_etm//, cycles/period=1000/}, the workload on CPU 1 */
static void start_group(struct fixture *fx, const char *k, uint32_t kp)
{
	fx_setup(fx, "juno", k, kp);
	open_evlist(fx, TARGET_SYSTEM_WIDE, etm_cycles, ARRAY_SIZE(etm_cycles));
	fx_run(fx, 1);
}

/* __perf_event_account_interrupt() and perf_event_throttle_group() */
/* seed 001's evlist {cs_etm start-paused, cycles pause, cycles resume},
 * system-wide on a Juno running v7.1 (@kpatch), a task on CPU 1; the three
 * events of CPU 1 */
static void seed_on_cpu1(struct fixture *fx, uint32_t kpatch, int *e0, int *ep,
			 int *er)
{
	fx_setup(fx, "juno", "v7.1", kpatch);
	open_evlist(fx, TARGET_SYSTEM_WIDE, seed, ARRAY_SIZE(seed));
	fx_run(fx, 1);
	*e0 = EVX(fx, 0, 1);
	*ep = EVX(fx, 1, 1);
	*er = EVX(fx, 2, 1);
}

static void test_accounting(void)
{
	struct fixture fx;
	const struct aux_record *r;
	int e0, e1, rb;

	start_group(&fx, "v7.1", 0);
	e0 = EVX(&fx, 0, 1);
	e1 = EVX(&fx, 1, 1);
	rb = E(&fx, e0)->rb;
	is_int(fx.m.s.max_samples_per_tick, 400,
	       "max_samples_per_tick = DIV_ROUND_UP(100000, HZ=250) = 400");
	is_int(E(&fx, e0)->state, PERF_EVENT_STATE_ACTIVE,
	       "-a: the group went on at enable (cs_etm leader)");
	is_int(E(&fx, e1)->state, PERF_EVENT_STATE_ACTIVE,
	       "-a: and its cycles sibling");

	overflow(&fx, 1, e1, 399);
	is_u64(E(&fx, e1)->hw_interrupts, 399,
	       "399 PMIs in one tick: hw.interrupts 399");
	is_int(fx_count(&fx, PERF_RECORD_THROTTLE), 0,
	       "399 < max_samples_per_tick: no THROTTLE");
	is_int(E(&fx, e1)->hw_enabled, 1, "399 PMIs: the counter still counts");

	tick(&fx, 1);
	is_u64(fx.m.s.cpu[1].perf_throttled_seq, 1, "the tick: seq 1");
	is_int(fx_count(&fx, PERF_RECORD_UNTHROTTLE), 0,
	       "nothing throttled: the tick unthrottles nothing");
	overflow(&fx, 1, e1, 1);
	is_u64(E(&fx, e1)->hw_interrupts, 1,
	       "first PMI after the tick: seq changed, hw.interrupts = 1");
	is_u64(E(&fx, e1)->hw_interrupts_seq, 1,
	       "and hw.interrupts_seq follows perf_throttled_seq");
	overflow(&fx, 1, e1, 398);
	is_u64(E(&fx, e1)->hw_interrupts, 399, "399th PMI of the tick: 399");
	is_int(E(&fx, e0)->state, PERF_EVENT_STATE_ACTIVE, "not throttled");
	overflow(&fx, 1, e1, 1);

	is_u64(E(&fx, e1)->hw_interrupts, MAXI,
	       "400th PMI: hw.interrupts = MAX_INTERRUPTS");
	is_u64(E(&fx, e0)->hw_interrupts, MAXI,
	       "the AUX leader is throttled too (it never overflows)");
	is_int(fx.m.s.cpu[1].perf_throttled_count, 1, "perf_throttled_count++");
	is_u64(E(&fx, e1)->nr_samples, 799,
	       "the throttling overflow still writes its sample");
	is_int(fx_count(&fx, PERF_RECORD_THROTTLE), 1, "one THROTTLE record");
	r = fx_last(&fx, PERF_RECORD_THROTTLE);
	ok(r && r->event == e0 && r->rb == rb && r->cpu == 1,
	   "THROTTLE for the leader only, into the leader's rb, on CPU 1");
	is_int(E(&fx, e1)->hw_enabled, 0, "cycles sibling: armpmu_stop(0)");
	is_int(E(&fx, e1)->hw_state, STOPPED_UPTODATE,
	       "cycles sibling: hw.state STOPPED|UPTODATE");
	is_u64(E(&fx, e1)->hw_period_left, 1000,
	       "armpmu_stop folds the count: period_left 1000");
	is_int(fx.m.s.etm_ctxt[1].event_data, -1,
	       "AUX leader: etm_event_stop(0) cleared ctxt->event_data");
	is_int(E(&fx, e0)->hw_state, PERF_HES_STOPPED,
	       "AUX leader: hw.state STOPPED");
	is_int(fx.m.s.etm[1].mode, CS_MODE_DISABLED,
	       "AUX leader: the ETM is disabled (mode DISABLED)");
	is_int(fx.m.s.etm_ctxt[1].handle.event, e0,
	       "stop(0): the AUX handle stays open");
	is_int(fx.m.s.rb[rb].aux_nest, 1, "stop(0): aux_nest stays 1");
	is_int(fx.m.s.etr.refcnt, 5, "stop(0): CPU 1's path released");
	is_int(fx_count(&fx, PERF_RECORD_AUX), 0,
	       "stop(0): no perf_aux_output_end, no PERF_RECORD_AUX");
	is_int(fx.nwarns, 0, "throttling itself does not WARN");
	is_int(E(&fx, EVX(&fx, 1, 2))->hw_enabled, 1,
	       "CPU 2's group is not touched");
}

/* the tick's unthrottle on v7.1 without the patch: the seed-001 WARN */
static void test_tick_unthrottle(void)
{
	struct fixture fx;
	const struct aux_record *r;
	const struct aux_warning *w;
	int e0, e1, rb;
	char why[160];

	start_group(&fx, "v7.1", 0);
	e0 = EVX(&fx, 0, 1);
	e1 = EVX(&fx, 1, 1);
	rb = E(&fx, e0)->rb;
	overflow(&fx, 1, e1, 400);
	tick(&fx, 1);
	w = &fx.warns[0];
	is_int(fx.nwarns, 1, "v7.1 tick after a throttle: one WARN");
	is_int(w->site, WARN_AUX_NEST,
	       "WARN_ON_ONCE(nest) in perf_aux_output_begin");
	is_int(w->cpu, 1, "on the throttled CPU");
	is_str(stk(&fx, 0, 1), "etm_event_start",
	       "called from etm_event_start(0)");
	is_str(stk(&fx, 0, 2), "perf_event_unthrottle",
	       "from perf_event_unthrottle(start)");
	ok(stack_has(w, "perf_event_unthrottle_group") &&
		   stack_has(w, "perf_adjust_freq_unthr_events") &&
		   stack_has(w, "perf_event_task_tick") &&
		   stack_has(w, "sched_tick"),
	   "call trace: unthrottle_group, adjust_freq_unthr, task_tick, "
	   "sched_tick");
	is_str(stk(&fx, 0, w->depth - 1), "update_process_times",
	       "outermost frame: update_process_times");
	is_int(fx.m.s.cpu[1].perf_throttled_count, 0,
	       "the tick took perf_throttled_count");
	is_u64(E(&fx, e0)->hw_interrupts, 0, "leader: hw.interrupts = 0");
	is_int(E(&fx, e0)->hw_state, PERF_HES_STOPPED,
	       "the failed begin leaves the ETM event STOPPED");
	is_int(fx.m.s.etm_ctxt[1].handle.event, -1,
	       "the failed begin NULLs the handle: orphaned");
	is_int(fx.m.s.rb[rb].aux_nest, 1, "and aux_nest stays 1 for good");
	is_int(fx.m.s.rb[rb].aux_refcount, 2,
	       "the orphaned transaction keeps its aux_refcount");
	is_int(aux_state__check(&fx.m, why, sizeof(why)), 0,
	       "aux_state__check(): after the WARN the orphan is kernel state");
	fx.m.s.warned &= ~(1u << WARN_AUX_NEST);
	ok(aux_state__check(&fx.m, why, sizeof(why)) != 0,
	   "but aux_nest 1 without a handle and without the WARN is flagged");
	fx.m.s.warned |= 1u << WARN_AUX_NEST;
	r = fx_last(&fx, PERF_RECORD_UNTHROTTLE);
	ok(r && r->event == e0 && fx_count(&fx, PERF_RECORD_UNTHROTTLE) == 1,
	   "one UNTHROTTLE, for the leader");
	is_u64(E(&fx, e1)->hw_interrupts, 0, "sibling: hw.interrupts = 0");
	is_int(E(&fx, e1)->hw_enabled, 1, "sibling: armpmu_start(0) counts");
	is_int(E(&fx, e1)->hw_state, 0, "sibling: hw.state 0");
	is_u64(E(&fx, e1)->hw_ovf_cycle, fx.m.s.cpu[1].cycles + 1000,
	       "sibling: reprogrammed with the 1000 cycles left");

	tick(&fx, 1);
	is_int(fx_count(&fx, PERF_RECORD_UNTHROTTLE), 1,
	       "the next tick (nothing throttled) does nothing");
	overflow(&fx, 1, e1, 400);
	is_int(fx_count(&fx, PERF_RECORD_THROTTLE), 2,
	       "a second throttle is logged");
	is_int(fx.m.s.nr_warnings, 1,
	       "stop(0) on the orphaned STOPPED leader: no WARN");
}

/* the ACTIVE guard (b64fdd422a85) */
static void test_active_guard(void)
{
	static const struct evdesc three[] = {
		{ PMU_CS_ETM, 0, NULL, 0 },
		{ PMU_ARMV8, 1000, NULL, 0 },
		{ PMU_ARMV8, 1000, NULL, 0 },
	};
	struct fixture fx;
	int e0, e1, e2;

	fx_setup(&fx, "juno", "v7.1", 0);
	open_evlist(&fx, TARGET_SYSTEM_WIDE, three, ARRAY_SIZE(three));
	fx_run(&fx, 1);
	e0 = EVX(&fx, 0, 1);
	e1 = EVX(&fx, 1, 1);
	e2 = EVX(&fx, 2, 1);
	is_int(perf_ioctl(&fx.m, e2, PERF_EVENT_IOC_DISABLE), 0,
	       "ioctl(DISABLE) on the second cycles sibling");
	is_int(E(&fx, e2)->state, PERF_EVENT_STATE_OFF, "sibling e2 OFF");
	overflow(&fx, 1, e1, 400);
	is_u64(E(&fx, e1)->hw_interrupts, MAXI, "e1 throttled");
	is_u64(E(&fx, e2)->hw_interrupts, 0,
	       "OFF sibling: not throttled (ACTIVE guard)");
	is_int(E(&fx, e2)->hw_state, STOPPED_UPTODATE,
	       "OFF sibling: hw.state as its del left it");
	tick(&fx, 1);
	is_u64(E(&fx, e1)->hw_interrupts, 0, "e1 unthrottled");
	is_int(E(&fx, e2)->hw_enabled, 0,
	       "OFF sibling: not started by the unthrottle");
	is_int(fx.m.s.armpmu[1].used_mask, 0x1,
	       "only e1's counter (index 0) is in use");

	/* INACTIVE: the per-task group is scheduled out */
	fx_setup(&fx, "juno", "v7.1", 0);
	open_evlist(&fx, TARGET_PER_CPU_TASK, etm_cycles,
		    ARRAY_SIZE(etm_cycles));
	fx_run(&fx, 1);
	perf_event_exec(&fx.m, 0);
	e0 = EVX(&fx, 0, 1);
	e1 = EVX(&fx, 1, 1);
	sched__switch(&fx.m, 1, -1, 0);
	is_int(E(&fx, e0)->state, PERF_EVENT_STATE_INACTIVE,
	       "per-task group switched out: INACTIVE");
	fx.m.this_cpu = 1;
	perf_event_throttle_group(&fx.m, e1);
	ok(E(&fx, e0)->hw_interrupts == 0 && E(&fx, e1)->hw_interrupts == 0 &&
		   fx_count(&fx, PERF_RECORD_THROTTLE) == 0,
	   "throttle_group on an INACTIVE group: nothing, no THROTTLE");
	E(&fx, e0)->hw_interrupts = MAXI;
	perf_event_unthrottle_group(&fx.m, e1, false);
	ok(E(&fx, e0)->hw_interrupts == MAXI &&
		   fx_count(&fx, PERF_RECORD_UNTHROTTLE) == 0,
	   "unthrottle_group on an INACTIVE group: nothing, no UNTHROTTLE");
}

/* event_sched_in(): perf_event_unthrottle(event, false), per-task group */
static void test_sched_in_unthrottle(void)
{
	struct fixture fx;
	const struct aux_record *r;
	int e0, e1, rb;

	fx_setup(&fx, "juno", "v7.1", 0);
	open_evlist(&fx, TARGET_PER_CPU_TASK, etm_cycles,
		    ARRAY_SIZE(etm_cycles));
	fx_run(&fx, 1);
	perf_event_exec(&fx.m, 0);
	e0 = EVX(&fx, 0, 1);
	e1 = EVX(&fx, 1, 1);
	rb = E(&fx, e0)->rb;
	overflow(&fx, 1, e1, 400);
	is_int(fx_count(&fx, PERF_RECORD_THROTTLE), 1,
	       "per-task group throttled");

	sched__switch(&fx.m, 1, -1, 0);
	is_int(fx.nwarns, 1, "sched-out of the throttled group: a WARN");
	is_int(fx.warns[0].site, WARN_ETM_STOP_AUX_MISMATCH,
	       "del -> stop(UPDATE): perf_get_aux(handle) != event_data");
	ok(!strcmp(stk(&fx, 0, 0), "etm_event_stop") &&
		   !strcmp(stk(&fx, 0, 1), "etm_event_del") &&
		   stack_has(&fx.warns[0], "perf_event_task_sched_out"),
	   "in etm_event_stop <- etm_event_del <- ... task_sched_out");
	is_int(fx.m.s.etm_ctxt[1].handle.event, e0,
	       "the early return leaves the handle open");
	is_u64(E(&fx, e0)->hw_interrupts, MAXI,
	       "event_sched_out does not touch hw.interrupts");

	fx_run(&fx, 1);
	is_u64(E(&fx, e0)->hw_interrupts, 0,
	       "event_sched_in: unthrottle(false) resets hw.interrupts");
	r = fx_last(&fx, PERF_RECORD_UNTHROTTLE);
	ok(r && r->event == e0 && r->cpu == 1,
	   "event_sched_in: UNTHROTTLE for the leader");
	is_int(fx.nwarns, 2, "then add(START) WARNs");
	is_int(fx.warns[1].site, WARN_AUX_NEST, "the nested begin");
	ok(!strcmp(stk(&fx, 1, 1), "etm_event_start") &&
		   !strcmp(stk(&fx, 1, 2), "etm_event_add") &&
		   !strcmp(stk(&fx, 1, 3), "event_sched_in"),
	   "in etm_event_start <- etm_event_add <- event_sched_in");
	is_int(fx.m.s.nr_warnings, 2,
	       "unthrottle(false) started nothing: one begin, two WARNs");
	is_int(E(&fx, e0)->state, PERF_EVENT_STATE_INACTIVE,
	       "the leader's add failed: INACTIVE");
	is_int(E(&fx, e1)->state, PERF_EVENT_STATE_INACTIVE,
	       "the group did not go on");
	is_u64(E(&fx, e1)->hw_interrupts, MAXI,
	       "the sibling never reached event_sched_in: still MAX");
	is_int(fx.m.s.rb[rb].aux_nest, 1, "aux_nest stuck at 1");
}

/* KP_AUX_PAUSE_THROTTLE_V1: throttle pauses, the tick resumes */
static void test_patch_throttle(void)
{
	struct fixture fx;
	int e0, e1, rb;

	start_group(&fx, "v7.1", PATCH);
	e0 = EVX(&fx, 0, 1);
	e1 = EVX(&fx, 1, 1);
	rb = E(&fx, e0)->rb;
	overflow(&fx, 1, e1, 400);
	is_u64(E(&fx, e0)->hw_interrupts, MAXI, "patched: leader throttled");
	is_int(E(&fx, e0)->hw_aux_paused, 1,
	       "patched throttle: perf_event_aux_pause(true), aux_paused 1");
	is_int(fx.m.s.etm[1].paused, 1, "patched throttle: ETM paused");
	is_int(fx.m.s.etm[1].enabled, 0, "patched throttle: trace unit off");
	is_int(fx.m.s.etm[1].mode, CS_MODE_PERF,
	       "patched throttle: ETM still in PERF mode");
	is_int(fx.m.s.etm_ctxt[1].event_data, edata(&fx, e0),
	       "patched throttle: ctxt->event_data kept");
	is_int(fx.m.s.etm_ctxt[1].handle.event, e0,
	       "patched throttle: handle open");
	is_int(E(&fx, e0)->hw_state, 0, "PAUSE leaves hw.state 0");
	is_int(fx.m.s.etr.refcnt, 6, "PAUSE keeps the path");
	is_int(fx_count(&fx, PERF_RECORD_AUX), 0,
	       "-a: refcnt 6 != 1, update size 0: no end/begin");
	is_int(E(&fx, e1)->hw_enabled, 0, "the cycles sibling is stopped");
	is_int(fx_count(&fx, PERF_RECORD_THROTTLE), 1, "THROTTLE logged");
	tick(&fx, 1);
	is_int(fx.nwarns, 0, "patched: the tick does not WARN");
	is_int(E(&fx, e0)->hw_aux_paused, 0,
	       "patched unthrottle: perf_event_aux_pause(false)");
	is_int(fx.m.s.etm[1].enabled, 1, "patched unthrottle: ETM enabled");
	is_int(fx.m.s.etm[1].paused, 0, "patched unthrottle: not paused");
	is_int(fx.m.s.rb[rb].aux_nest, 1, "one transaction, still open");
	is_int(fx_count(&fx, PERF_RECORD_UNTHROTTLE), 1, "UNTHROTTLE logged");
	is_int(E(&fx, e1)->hw_enabled, 1, "the counter restarted");
}

/* review claim (a): throttle, sched-out, sched-in with the patch */
static void test_claim_a(void)
{
	struct fixture fx;
	const struct aux_record *r;
	int e0, e1, rb;
	uint64_t stream;

	fx_setup(&fx, "juno", "v7.1", PATCH);
	open_evlist(&fx, TARGET_PER_CPU_TASK, etm_cycles,
		    ARRAY_SIZE(etm_cycles));
	fx_run(&fx, 1);
	perf_event_exec(&fx.m, 0);
	e0 = EVX(&fx, 0, 1);
	e1 = EVX(&fx, 1, 1);
	rb = E(&fx, e0)->rb;
	fx_advance(&fx, 1000000);
	overflow(&fx, 1, e1, 400);
	r = fx_last(&fx, PERF_RECORD_AUX);
	ok(r && r->event == e0 && r->offset == 0 && r->size == 96000,
	   "per-task throttle pause: refcnt 1, 1 ms (96000 bytes) ended");
	is_int(fx.m.s.etm_ctxt[1].handle.event, e0,
	       "etm_event_pause: handle begun again");
	is_u64(fx.m.s.etm_ctxt[1].handle.head, 96000,
	       "the new transaction starts at the new head");
	is_int(fx.m.s.etr.hw_enabled, 1,
	       "hw.state == 0: the ETR is re-enabled after the update");
	is_int(E(&fx, e0)->hw_aux_paused, 1, "throttle: aux_paused 1");

	sched__switch(&fx.m, 1, -1, 0);
	is_int(fx.nwarns, 0, "patched sched-out: no WARN");
	is_int(fx.m.s.rb[rb].aux_nest, 0, "del -> stop(UPDATE) ended it");
	is_int(E(&fx, e0)->hw_aux_paused, 1, "sched-out keeps aux_paused");

	fx_run(&fx, 1);
	is_u64(E(&fx, e0)->hw_interrupts, 0,
	       "sched-in: unthrottle(false) cleared the throttle");
	is_int(E(&fx, e0)->state, PERF_EVENT_STATE_ACTIVE, "group back on");
	is_int(E(&fx, e0)->hw_aux_paused, 1,
	       "claim (a): start == false, aux_paused stays 1");
	is_int(fx.m.s.etm[1].paused, 1,
	       "claim (a): etm4_enable_perf starts the ETM paused");
	is_int(fx.m.s.etm[1].enabled, 0, "claim (a): trace unit off");
	is_int(fx.nwarns, 0, "claim (a): no WARN");
	tick(&fx, 1);
	is_int(E(&fx, e0)->hw_aux_paused, 1,
	       "claim (a): the tick has nothing to unthrottle");
	stream = fx.m.s.cpu[1].stream;
	fx_advance(&fx, 1000000);
	is_u64(fx.m.s.cpu[1].stream, stream,
	       "claim (a): the running task is not traced any more");
}

/* review claim (b): start-paused + throttle + tick */
static void test_claim_b(void)
{
	struct fixture fx;
	int e0, e1;

	fx_setup(&fx, "juno", "v7.1", PATCH);
	open_evlist(&fx, TARGET_SYSTEM_WIDE, paused_pause,
		    ARRAY_SIZE(paused_pause));
	fx_run(&fx, 1);
	e0 = EVX(&fx, 0, 1);
	e1 = EVX(&fx, 1, 1);
	is_int(E(&fx, e0)->hw_aux_paused, 1, "start-paused: aux_paused 1");
	overflow(&fx, 1, e1, 400);
	is_int(E(&fx, e0)->hw_aux_paused, 1,
	       "throttle of a paused leader: aux_pause(true) is a no-op");
	tick(&fx, 1);
	is_int(E(&fx, e0)->hw_aux_paused, 0,
	       "claim (b): the unthrottle clears aux_paused");
	is_int(fx.m.s.etm[1].enabled, 1,
	       "claim (b): the ETM traces without any resume event");
	is_int(E(&fx, e0)->ghost_user_paused, 1,
	       "claim (b): though the user's last action was a pause");
}

/* __perf_event_overflow(): account, aux_pause, sample, aux_resume */
static void test_overflow_order(void)
{
	struct fixture fx;
	int e0, ep, er;

	/* unpatched: a pause event's aux_pause after the throttle */
	seed_on_cpu1(&fx, 0, &e0, &ep, &er);
	overflow(&fx, 1, er, 1);
	is_int(E(&fx, e0)->hw_aux_paused, 0, "resume overflow: aux_paused 0");
	is_int(fx.m.s.etm[1].enabled, 1, "resume overflow: ETM traces");
	overflow(&fx, 1, ep, 399);
	is_int(fx.m.s.etm[1].paused, 1, "pause overflow: ETM paused");
	overflow(&fx, 1, er, 1);
	overflow(&fx, 1, ep, 1);
	is_u64(E(&fx, ep)->hw_interrupts, MAXI,
	       "the pause event's 400th overflow throttles");
	is_int(E(&fx, e0)->hw_aux_paused, 1,
	       "v7.1: the aux_pause after the throttle still sets aux_paused");
	is_int(fx.m.s.etm[1].mode, CS_MODE_DISABLED,
	       "but the ETM was stopped by the throttle, PAUSE was a no-op");

	/* unpatched: a resume event whose overflow throttles */
	seed_on_cpu1(&fx, 0, &e0, &ep, &er);
	overflow(&fx, 1, er, 399);
	overflow(&fx, 1, ep, 1);
	is_int(E(&fx, e0)->hw_aux_paused, 1, "paused before the 400th");
	overflow(&fx, 1, er, 1);
	is_u64(E(&fx, e0)->hw_interrupts, MAXI,
	       "the resume event's 400th overflow throttles the group");
	is_int(E(&fx, e0)->hw_aux_paused, 0,
	       "v7.1: aux_resume at out: clears aux_paused after the throttle");
	is_int(fx.m.s.etm[1].enabled, 0,
	       "but RESUME found no event_data: nothing runs");
	is_int(E(&fx, e0)->hw_state, PERF_HES_STOPPED,
	       "the leader stays STOPPED (RESUME is a no-op)");
	tick(&fx, 1);
	ok(fx.nwarns == 1 && fx.warns[0].site == WARN_AUX_NEST,
	   "seed 001's evlist: the tick WARNs in perf_aux_output_begin");

	/* patched: the same interleaving ends with the ETM resumed */
	seed_on_cpu1(&fx, PATCH, &e0, &ep, &er);
	overflow(&fx, 1, er, 399);
	overflow(&fx, 1, ep, 1);
	overflow(&fx, 1, er, 1);
	is_u64(E(&fx, e0)->hw_interrupts, MAXI, "patched: group throttled");
	is_int(E(&fx, er)->hw_enabled, 0, "patched: resume counter stopped");
	is_int(E(&fx, e0)->hw_aux_paused, 0,
	       "patched: aux_resume at out: un-pauses the throttled leader");
	is_int(fx.m.s.etm[1].enabled, 1,
	       "patched: the ETM traces while its group is throttled");
	tick(&fx, 1);
	ok(fx.nwarns == 0 && fx.m.s.etm[1].enabled == 1,
	   "patched: the tick's resume is a no-op, no WARN");

	/* patched: a pause event's overflow throttles a running ETM */
	seed_on_cpu1(&fx, PATCH, &e0, &ep, &er);
	overflow(&fx, 1, er, 1);
	overflow(&fx, 1, ep, 399);
	overflow(&fx, 1, er, 1);
	overflow(&fx, 1, ep, 1);
	is_int(E(&fx, e0)->hw_aux_paused, 1,
	       "patched: the throttle paused the leader");
	is_int(fx.m.s.etm[1].paused, 1, "patched: ETM paused");
	tick(&fx, 1);
	is_int(fx.m.s.etm[1].enabled, 1,
	       "patched: the tick resumes it, after a user pause (claim b)");
	is_int(E(&fx, e0)->ghost_user_paused, 1,
	       "the user's last action was the pause");
}

/* perf_event_aux_pause(): WARN, no rb, the recursion guard, idempotence */
static void test_aux_pause_guards(void)
{
	struct perf_event_attr_model attr = {
		.pmu = PMU_CS_ETM,
		.disabled = 1,
	};
	struct fixture fx;
	int e0, rb, lone, refcount;

	start_group(&fx, "v7.1", 0);
	e0 = EVX(&fx, 0, 1);
	rb = E(&fx, e0)->rb;
	fx.m.this_cpu = 1;

	perf_event_aux_pause(&fx.m, -1, true);
	ok(fx.nwarns == 1 && fx.warns[0].site == WARN_AUX_PAUSE_NO_EVENT,
	   "event NULL: WARN_ON_ONCE(!event)");
	is_str(stk(&fx, 0, 0), "perf_event_aux_pause",
	       "in perf_event_aux_pause");

	lone = perf_event_open(&fx.m, &attr, -1, 2, -1);
	ok(lone >= 0 && E(&fx, lone)->rb == -1, "a cs_etm event without rb");
	perf_event_aux_pause(&fx.m, lone, true);
	is_int(E(&fx, lone)->hw_aux_paused, 0,
	       "no rb: returns silently, aux_paused unchanged");

	refcount = fx.m.s.rb[rb].refcount;
	fx.m.s.rb[rb].aux_in_pause_resume = 1;
	perf_event_aux_pause(&fx.m, e0, true);
	is_int(E(&fx, e0)->hw_aux_paused, 0,
	       "aux_in_pause_resume set: the pause is dropped");
	is_int(fx.m.s.etm[1].enabled, 1, "dropped: the ETM still traces");
	is_int(fx.m.s.rb[rb].refcount, refcount,
	       "dropped: ring_buffer_get/put balanced");
	fx.m.s.rb[rb].aux_in_pause_resume = 0;

	perf_event_aux_pause(&fx.m, e0, true);
	is_int(E(&fx, e0)->hw_aux_paused, 1, "pause: aux_paused 1");
	is_int(fx.m.s.etm[1].enabled, 0, "pause: stop(PAUSE) reached the ETM");
	is_int(fx.m.s.rb[rb].aux_in_pause_resume, 0, "guard cleared after");
	etm4_resume_perf(&fx.m, 1); /* behind the core's back */
	perf_event_aux_pause(&fx.m, e0, true);
	is_int(fx.m.s.etm[1].enabled, 1,
	       "pause twice: the second is no PMU stop(PAUSE)");
	perf_event_aux_pause(&fx.m, e0, false);
	is_int(E(&fx, e0)->hw_aux_paused, 0, "resume: aux_paused 0");
	etm4_pause_perf(&fx.m, 1);
	perf_event_aux_pause(&fx.m, e0, false);
	is_int(fx.m.s.etm[1].enabled, 0,
	       "resume twice: the second is no PMU start(RESUME)");
	is_int(fx.nwarns, 1, "no other WARN");
}

/* etm_event_start(RESUME), etm_event_stop(PAUSE), the ETR re-enable */
static void test_etm_pause_resume(void)
{
	struct fixture fx;
	const struct aux_record *r;
	int e0, rb, b;

	/* RESUME with ctxt->event_data cleared by a throttle stop(0) */
	start_group(&fx, "v7.1", 0);
	e0 = EVX(&fx, 0, 1);
	rb = E(&fx, e0)->rb;
	overflow(&fx, 1, EVX(&fx, 1, 1), 400);
	fx.m.this_cpu = 1;
	etm_event_start(&fx.m, e0, PERF_EF_RESUME);
	is_int(fx.m.s.etm[1].enabled, 0,
	       "RESUME without event_data: a no-op");
	is_int(E(&fx, e0)->hw_state, PERF_HES_STOPPED,
	       "RESUME without event_data: hw.state untouched");
	ok(fx.m.s.etm_ctxt[1].handle.event == e0 && fx.m.s.rb[rb].aux_nest == 1,
	   "RESUME never touches the handle");
	etm_event_stop(&fx.m, e0, PERF_EF_PAUSE);
	ok(fx.m.s.etm[1].mode == CS_MODE_DISABLED && fx.nwarns == 0,
	   "PAUSE without event_data: a no-op");
	is_int(etm4_pause_perf(&fx.m, 1), -EINVAL,
	       "etm4_pause_perf: -EINVAL when not in PERF mode");
	is_int(etm4_resume_perf(&fx.m, 1), -EINVAL,
	       "etm4_resume_perf: -EINVAL when not in PERF mode");
	is_int(fx.m.s.etm[1].enabled, 0, "and the trace unit stays off");

	/* start-paused: etm4_enable_perf copies hw.aux_paused */
	fx_setup(&fx, "juno", "v7.1", 0);
	open_evlist(&fx, TARGET_SYSTEM_WIDE, paused_pause,
		    ARRAY_SIZE(paused_pause));
	fx_run(&fx, 1);
	e0 = EVX(&fx, 0, 1);
	ok(fx.m.s.etm[1].mode == CS_MODE_PERF && fx.m.s.etm[1].paused == 1 &&
		   fx.m.s.etm[1].enabled == 0,
	   "start-paused: etm4_enable_perf sets paused, trace unit off");
	ok(fx.m.s.etm[4].paused == 1 && fx.m.s.etm[4].enabled == 0,
	   "start-paused: on every CPU (CPU 4)");
	is_int(E(&fx, e0)->hw_state, 0, "start-paused: the event is running");
	fx.m.this_cpu = 1;
	etm_event_start(&fx.m, e0, PERF_EF_RESUME);
	is_int(fx.m.s.etm[1].enabled, 1,
	       "RESUME with event_data: etm4_resume_perf, tracing");
	is_int(fx.m.s.etm[1].paused, 0, "RESUME: paused cleared");
	etm_event_stop(&fx.m, e0, PERF_EF_PAUSE);
	is_int(fx.m.s.etm[1].enabled, 0, "stop(PAUSE): etm4_pause_perf");
	is_int(fx.m.s.etm_ctxt[1].handle.event, e0,
	       "-a stop(PAUSE): refcnt 6, size 0, handle kept");
	is_int(fx_count(&fx, PERF_RECORD_AUX), 0,
	       "-a stop(PAUSE): no end/begin, no record");

	/* per-CPU task mode: refcnt 1, the update ends and re-begins */
	fx_setup(&fx, "juno", "v7.1", 0);
	open_evlist(&fx, TARGET_PER_CPU_TASK, etm_cycles,
		    ARRAY_SIZE(etm_cycles));
	fx_run(&fx, 1);
	perf_event_exec(&fx.m, 0);
	e0 = EVX(&fx, 0, 1);
	rb = E(&fx, e0)->rb;
	b = fx.m.s.etr.perf_buf;
	fx_advance(&fx, 1000000);
	is_int(fx.m.s.etr_buf[b].rwp, 96000, "1 ms of CPU 1 in the ETR");
	fx.m.this_cpu = 1;
	etm_event_stop(&fx.m, e0, PERF_EF_PAUSE);
	is_int(fx.m.s.etm[1].paused, 1, "per-task stop(PAUSE): ETM paused");
	r = fx_last(&fx, PERF_RECORD_AUX);
	ok(r && r->offset == 0 && r->size == 96000 && r->flags == 0,
	   "refcnt 1: update + perf_aux_output_end, PERF_RECORD_AUX 96000");
	is_u64(fx.m.s.rb[rb].aux_head, 96000, "aux_head advanced");
	ok(fx.m.s.etm_ctxt[1].handle.event == e0 &&
		   fx.m.s.rb[rb].aux_nest == 1,
	   "then perf_aux_output_begin: the handle is open again");
	is_int(fx.m.s.etr.hw_enabled, 1,
	       "hw.state == 0: the ETR re-enabled after the update");
	is_int(fx.m.s.etr_buf[b].rwp, 0, "re-enabled: write pointer at base");
	fx_advance(&fx, 1000000);
	is_int(fx.m.s.etr_buf[b].rwp, 0, "paused: no trace into the ETR");
	etm_event_start(&fx.m, e0, PERF_EF_RESUME);
	fx_advance(&fx, 1000000);
	is_int(fx.m.s.etr_buf[b].rwp, 96000,
	       "resumed: the re-enabled ETR captures again");

	/* RESUME failing: event_data set but the ETM not in PERF mode (a
	 * CPU outside the mask "pretends") */
	fx.m.this_cpu = 1;
	etm_event_del(&fx.m, e0, 0);
	fx.m.s.etm_event_data[edata(&fx, e0)].mask &= ~(1u << 1);
	etm_event_add(&fx.m, e0, PERF_EF_START);
	ok(fx.m.s.etm_ctxt[1].event_data >= 0 &&
		   fx.m.s.etm[1].mode == CS_MODE_DISABLED,
	   "CPU outside the mask: event_data set, ETM not enabled");
	etm_event_start(&fx.m, e0, PERF_EF_RESUME);
	is_int(E(&fx, e0)->hw_state, PERF_HES_STOPPED,
	       "RESUME failing with -EINVAL: hw.state STOPPED (audit 3.2)");
	is_int(fx.m.s.etm_ctxt[1].handle.event, e0,
	       "failed RESUME: the handle is left alone");
}

/* drivers/perf/arm_pmu.c: counters and period bookkeeping; v6.1 */
static void test_armv8(void)
{
	static const struct evdesc eight[] = {
		{ PMU_CS_ETM, 0, NULL, 0 },	{ PMU_ARMV8, 1000, NULL, 0 },
		{ PMU_ARMV8, 1000, NULL, 0 },	{ PMU_ARMV8, 1000, NULL, 0 },
		{ PMU_ARMV8, 1000, NULL, 0 },	{ PMU_ARMV8, 1000, NULL, 0 },
		{ PMU_ARMV8, 1000, NULL, 0 },	{ PMU_ARMV8, 1000, NULL, 0 },
	};
	static const struct evdesc slow[] = {
		{ PMU_CS_ETM, 0, NULL, 0 },
		{ PMU_ARMV8, 1000000, NULL, 0 },
	};
	struct perf_event_attr_model attr = {
		.pmu = PMU_ARMV8,
		.sample_period = 1000,
	};
	struct fixture fx;
	int e0, e1, ev, idx_ok = 1;
	uint64_t cyc;

	fx_setup(&fx, "juno", "v7.1", 0);
	is_int(open_evlist(&fx, TARGET_PER_THREAD, eight, ARRAY_SIZE(eight)), 0,
	       "--per-thread {cs_etm, 7 x cycles} opens");
	fx_run(&fx, 1);
	perf_event_exec(&fx.m, 0);
	for (int i = 1; i < 8; i++)
		idx_ok &= E(&fx, EVX(&fx, i, 0))->hw_idx == i - 1;
	ok(idx_ok, "armpmu_add: the cycle counter (0) first, then 1..6");
	is_int(fx.m.s.armpmu[1].used_mask, 0x7f, "all 7 counters in use");
	e0 = EVX(&fx, 0, 0);
	sched__switch(&fx.m, 1, -1, 0);
	is_int(fx.m.s.armpmu[1].used_mask, 0, "task switched out: all free");
	attr.disabled = 1;
	ev = perf_event_open(&fx.m, &attr, -1, 1, -1);
	perf_ioctl(&fx.m, ev, PERF_EVENT_IOC_ENABLE);
	ok(E(&fx, ev)->state == PERF_EVENT_STATE_ACTIVE &&
		   E(&fx, ev)->hw_idx == 0,
	   "a CPU-wide cycles event on CPU 1 takes the cycle counter");
	fx_run(&fx, 1);
	is_int(E(&fx, EVX(&fx, 1, 0))->hw_idx, -1,
	       "7 counters needed, 6 free: -EAGAIN, group_sched_in rolls back");
	ok(E(&fx, e0)->state == PERF_EVENT_STATE_INACTIVE &&
		   E(&fx, EVX(&fx, 1, 0))->state == PERF_EVENT_STATE_INACTIVE,
	   "the whole group is off, leader included");
	is_int(fx.m.s.armpmu[1].used_mask, 0x1,
	       "the group's counters released, the CPU event's kept");
	ok(fx.nwarns == 0 && fx.m.s.etm_ctxt[1].handle.event == -1,
	   "the rollback ended the AUX transaction cleanly");
	fx.m.this_cpu = 1;
	fx.m.s.armpmu[1].used_mask = 0x7f;
	ev = EVX(&fx, 7, 0);
	is_int(armpmu_add(&fx.m, ev, PERF_EF_START), -EAGAIN,
	       "armpmu_add with 7 counters used: -EAGAIN");
	is_int(E(&fx, ev)->hw_idx, -1, "no counter index");

	/* armpmu_stop/start keep period_left */
	fx_setup(&fx, "juno", "v7.1", 0);
	open_evlist(&fx, TARGET_SYSTEM_WIDE, slow, ARRAY_SIZE(slow));
	fx_run(&fx, 1);
	e1 = EVX(&fx, 1, 1);
	is_u64(E(&fx, e1)->hw_ovf_cycle, 1000000,
	       "armpmu_start at cycle 0: overflow due at 1000000");
	fx_advance(&fx, 100000);
	is_u64(fx.m.s.cpu[1].cycles, 115000, "100 us on an A57: 115000");
	fx.m.this_cpu = 1;
	armpmu_stop(&fx.m, e1, 0);
	is_u64(E(&fx, e1)->hw_period_left, 885000,
	       "armpmu_stop: period_left = 1000000 - 115000");
	fx_advance(&fx, 1000000);
	armpmu_stop(&fx.m, e1, 0);
	is_u64(E(&fx, e1)->hw_period_left, 885000,
	       "stopped: time passes, stop again: period_left kept");
	cyc = fx.m.s.cpu[1].cycles;
	armpmu_start(&fx.m, e1, 0);
	is_u64(E(&fx, e1)->hw_ovf_cycle, cyc + 885000,
	       "armpmu_start: the rest of the period from now");
	is_int(E(&fx, e1)->hw_state, 0, "armpmu_start: hw.state 0");
	armpmu_del(&fx.m, e1, 0);
	ok(E(&fx, e1)->hw_idx == -1 && fx.m.s.armpmu[1].used_mask == 0,
	   "armpmu_del releases the counter");

	/* v6.1: no group throttle, the driver disables the counter */
	start_group(&fx, "v6.1", 0);
	e0 = EVX(&fx, 0, 1);
	e1 = EVX(&fx, 1, 1);
	overflow(&fx, 1, e1, 400);
	is_u64(E(&fx, e1)->hw_interrupts, MAXI, "v6.1: the event throttled");
	is_int(last_ev(&fx, PERF_RECORD_THROTTLE), e1,
	       "v6.1: THROTTLE for the overflowing event itself");
	is_int(E(&fx, e1)->hw_enabled, 0,
	       "v6.1: cpu_pmu->disable() in the handler");
	is_int(E(&fx, e1)->hw_state, 0,
	       "v6.1: the driver's disable leaves hw.state 0");
	is_u64(E(&fx, e0)->hw_interrupts, 0, "v6.1: AUX leader untouched");
	is_int(fx.m.s.etm[1].enabled, 1, "v6.1: the ETM traces on");
	tick(&fx, 1);
	ok(E(&fx, e1)->hw_interrupts == 0 && E(&fx, e1)->hw_enabled == 1,
	   "v6.1 tick: that event restarted");
	is_int(last_ev(&fx, PERF_RECORD_UNTHROTTLE), e1,
	       "v6.1 tick: UNTHROTTLE for it");
	ok(fx.nwarns == 0 && fx.m.s.etm_ctxt[1].handle.event == e0,
	   "v6.1 tick: no WARN, the AUX handle untouched");
}

/* drivers/perf/arm_spe_pmu.c: stop(0)/start(0), claim (e) */
static void test_spe(void)
{
	static const struct evdesc spe_cycles[] = {
		{ PMU_ARM_SPE, 0, NULL, 0 },
		{ PMU_ARMV8, 1000, NULL, 0 },
	};
	struct fixture fx;
	int e0, e1, rb;

	for (int patched = 0; patched <= 1; patched++) {
		const char *v = patched ? "patched" : "v7.1";

		fx_setup(&fx, "n1sdp", "v7.1", patched ? PATCH : 0);
		is_int(open_evlist(&fx, TARGET_SYSTEM_WIDE, spe_cycles,
				   ARRAY_SIZE(spe_cycles)),
		       0, "%s n1sdp: -a {arm_spe_0//, cycles} opens", v);
		fx_run(&fx, 1);
		e0 = EVX(&fx, 0, 1);
		e1 = EVX(&fx, 1, 1);
		rb = E(&fx, e0)->rb;
		ok(fx.m.s.spe[1].enabled && fx.m.s.spe[1].handle.event == e0,
		   "%s: SPE profiling, its handle open", v);
		overflow(&fx, 1, e1, 400);
		is_int(fx.m.s.spe[1].enabled, 0, "%s throttle: SPE stop(0)", v);
		is_int(E(&fx, e0)->hw_state, PERF_HES_STOPPED,
		       "%s throttle: SPE STOPPED", v);
		ok(fx.m.s.spe[1].handle.event == e0 &&
			   fx.m.s.rb[rb].aux_nest == 1,
		   "%s throttle: stop(0) leaves the handle open", v);
		is_int(E(&fx, e0)->hw_aux_paused, 0,
		       "%s: no AUX_PAUSE cap, no aux_paused", v);
		tick(&fx, 1);
		ok(fx.nwarns == 1 && fx.warns[0].site == WARN_AUX_NEST,
		   "%s tick: start(0) -> WARN_AUX_NEST%s", v,
		   patched ? " (claim e)" : "");
		ok(!strcmp(stk(&fx, 0, 1), "arm_spe_perf_aux_output_begin") &&
			   !strcmp(stk(&fx, 0, 2), "arm_spe_pmu_start") &&
			   !strcmp(stk(&fx, 0, 3), "perf_event_unthrottle"),
		   "%s: from arm_spe_pmu_start <- perf_event_unthrottle", v);
		ok(fx.m.s.spe[1].handle.event == -1 &&
			   E(&fx, e0)->hw_state == PERF_HES_STOPPED,
		   "%s: handle orphaned, SPE stays stopped", v);
	}
}

/* perf_event_open(): aux-action checks, start-paused, move_group */
static void test_open(void)
{
	static const struct evdesc spe_paused[] = {
		{ PMU_ARM_SPE, 0, "start-paused", -1 },
	};
	static const struct evdesc spe_pause[] = {
		{ PMU_ARM_SPE, 0, NULL, -1 },
		{ PMU_ARMV8, 1000, "pause", -1 },
	};
	struct perf_event_attr_model etm = { .pmu = PMU_CS_ETM, .disabled = 1 };
	struct perf_event_attr_model cyc = { .pmu = PMU_ARMV8,
					     .sample_period = 1000 };
	struct perf_event_attr_model tp = { .pmu = PMU_TRACEPOINT,
					    .sample_period = 1 };
	struct fixture fx;
	int l, t, c, e0;

	fx_setup(&fx, "n1sdp", "v7.1", 0);
	is_int(open_evlist(&fx, TARGET_SYSTEM_WIDE, spe_paused, 1), -EOPNOTSUPP,
	       "start-paused on arm_spe_0 (no AUX_PAUSE cap): -EOPNOTSUPP");
	ok(strstr(fx.msg, "95 (Operation not supported)") != NULL,
	   "perf reports the syscall error");
	fx_setup(&fx, "n1sdp", "v7.1", 0);
	is_int(open_evlist(&fx, TARGET_SYSTEM_WIDE, spe_pause, 2), -EINVAL,
	       "aux-action=pause under an arm_spe_0 leader: -EINVAL");

	fx_setup(&fx, "juno", "v7.1", 0);
	l = perf_event_open(&fx.m, &etm, -1, 0, -1);
	is_int(E(&fx, l)->group_pmu, PMU_CS_ETM, "a lone cs_etm: own pmu ctx");
	cyc.aux_pause = cyc.aux_resume = 1;
	is_int(perf_event_open(&fx.m, &cyc, -1, 0, l), -EINVAL,
	       "aux_pause && aux_resume: -EINVAL");
	cyc.aux_resume = 0;
	is_int(perf_event_open(&fx.m, &cyc, -1, 0, -1), -EINVAL,
	       "aux_pause without a group leader: -EINVAL");
	is_int(perf_event_open(&fx.m, &cyc, -1, 1, l), -EINVAL,
	       "leader on another CPU: -EINVAL");
	tp.aux_resume = 1;
	t = perf_event_open(&fx.m, &tp, -1, 0, l);
	ok(t >= 0 && E(&fx, t)->aux_event == l,
	   "tracepoint aux_resume sibling: aux_event = the cs_etm leader");
	is_int(E(&fx, l)->group_pmu, PMU_CS_ETM,
	       "a software sibling does not move the group");
	c = perf_event_open(&fx.m, &cyc, -1, 0, l);
	ok(c >= 0 && E(&fx, c)->aux_pause && E(&fx, c)->aux_event == l,
	   "cycles aux_pause sibling opens");
	ok(E(&fx, l)->group_pmu == PMU_ARMV8 &&
		   E(&fx, t)->group_pmu == PMU_ARMV8 &&
		   E(&fx, c)->group_pmu == PMU_ARMV8,
	   "move_group: every member in the armv8 pmu ctx");
	etm.aux_start_paused = 1;
	l = perf_event_open(&fx.m, &etm, -1, 2, -1);
	ok(l >= 0 && E(&fx, l)->hw_aux_paused == 1,
	   "perf_event_alloc: start-paused sets hw.aux_paused = 1");

	fx_setup(&fx, "juno", "v6.1", 0);
	is_int(open_evlist(&fx, TARGET_SYSTEM_WIDE, paused_pause,
			   ARRAY_SIZE(paused_pause)),
	       -EINVAL, "v6.1: start-paused is a reserved bit: -EINVAL");
	l = perf_event_open(&fx.m, &(struct perf_event_attr_model){
					    .pmu = PMU_CS_ETM, .disabled = 1 },
			    -1, 0, -1);
	cyc.aux_pause = 0;
	cyc.aux_resume = 1;
	is_int(perf_event_open(&fx.m, &cyc, -1, 0, l), -EINVAL,
	       "v6.1: aux_resume: -EINVAL");

	fx_setup(&fx, "juno", "v7.1", 0);
	open_evlist(&fx, TARGET_SYSTEM_WIDE, seed, ARRAY_SIZE(seed));
	e0 = EVX(&fx, 0, 3);
	ok(E(&fx, e0)->aux_start_paused && E(&fx, e0)->hw_aux_paused,
	   "seed evlist: cs_etm opened start-paused");
	ok(E(&fx, EVX(&fx, 1, 3))->aux_event == e0 &&
		   E(&fx, EVX(&fx, 2, 3))->aux_event == e0,
	   "seed evlist: both cycles events linked to cs_etm");
	ok(E(&fx, e0)->group_pmu == PMU_ARMV8 &&
		   E(&fx, EVX(&fx, 2, 3))->group_pmu == PMU_ARMV8,
	   "seed evlist: the group moved to the armv8 pmu ctx");
}

/* tools/perf: auxtrace_parse_aux_action() */
static void test_tool(void)
{
	static const struct evdesc pause_first[] = {
		{ PMU_ARMV8, 1000, "pause", -1 },
		{ PMU_CS_ETM, 0, NULL, -1 },
	};
	static const struct evdesc etm_pause[] = {
		{ PMU_CS_ETM, 0, "pause", -1 },
	};
	static const struct evdesc cycles_paused[] = {
		{ PMU_CS_ETM, 0, NULL, -1 },
		{ PMU_ARMV8, 1000, "start-paused", -1 },
	};
	static const struct evdesc bad[] = {
		{ PMU_CS_ETM, 0, "x", -1 },
	};
	static const struct evdesc grouped[] = {
		{ PMU_CS_ETM, 0, NULL, -1 },
		{ PMU_ARMV8, 1000, NULL, 0 },
		{ PMU_ARMV8, 1000, NULL, 0 },
		{ PMU_ARMV8, 1000, "pause", -1 },
	};
	static const struct evdesc two_aux[] = {
		{ PMU_CS_ETM, 0, NULL, -1 },
		{ PMU_ARMV8, 1000, NULL, -1 },
		{ PMU_ARM_SPE, 0, NULL, -1 },
		{ PMU_ARMV8, 1000, "pause", -1 },
	};
	struct record_opts opts;
	struct fixture fx;

	fx_setup(&fx, "juno", "v7.1", 0);
	open_evlist(&fx, TARGET_SYSTEM_WIDE, seed, ARRAY_SIZE(seed));
	ok(fx.m.s.tool.evsel_leader[1] == 0 && fx.m.s.tool.evsel_leader[2] == 0,
	   "standalone pause/resume evsels regrouped under cs_etm");
	ok(E(&fx, EVX(&fx, 1, 1))->group_leader == EVX(&fx, 0, 1) &&
		   E(&fx, EVX(&fx, 2, 1))->group_leader == EVX(&fx, 0, 1),
	   "opened with group_fd = the cs_etm fd of the CPU");
	ok(E(&fx, EVX(&fx, 1, 1))->aux_pause &&
		   E(&fx, EVX(&fx, 2, 1))->aux_resume,
	   "attr.aux_pause / attr.aux_resume set");

	fill_opts(&opts, TARGET_SYSTEM_WIDE, two_aux, ARRAY_SIZE(two_aux));
	for (int i = 0; i < opts.nr_evsel; i++) {
		opts.evsel[i].leader = i;
		opts.evsel[i].nr_members = 1;
	}
	is_int(auxtrace_parse_aux_action(&fx.m, &opts), 0,
	       "[cs_etm, cycles, arm_spe_0, cycles/pause] parses");
	ok(opts.evsel[3].leader == 2 && opts.evsel[2].nr_members == 2,
	   "regrouped under the most recent preceding AUX evsel");
	is_int(opts.evsel[1].leader, 1, "an earlier plain evsel stays alone");

	fx_setup(&fx, "juno", "v7.1", 0);
	is_int(open_evlist(&fx, TARGET_SYSTEM_WIDE, pause_first,
			   ARRAY_SIZE(pause_first)),
	       -EINVAL, "a pause event before any AUX event: -EINVAL");
	is_str(fx.msg,
	       "Events with aux-action must have AUX area event group leader",
	       "  'Events with aux-action must have AUX area event group "
	       "leader'");
	is_int(fx.m.s.event[0].in_use, 0, "  nothing opened");
	fx_setup(&fx, "juno", "v7.1", 0);
	is_int(open_evlist(&fx, TARGET_SYSTEM_WIDE, etm_pause, 1), -EINVAL,
	       "aux-action=pause on cs_etm: -EINVAL");
	is_str(fx.msg, "aux-action 'pause' cannot be used for AUX area event "
		       "itself",
	       "  'cannot be used for AUX area event itself'");
	fx_setup(&fx, "juno", "v7.1", 0);
	is_int(open_evlist(&fx, TARGET_SYSTEM_WIDE, cycles_paused, 2), -EINVAL,
	       "start-paused on cycles: -EINVAL");
	is_str(fx.msg, "aux-action 'start-paused' can only be used with AUX "
		       "area event",
	       "  'can only be used with AUX area event'");
	fx_setup(&fx, "juno", "v7.1", 0);
	is_int(open_evlist(&fx, TARGET_SYSTEM_WIDE, bad, 1), -EINVAL,
	       "aux-action=x: -EINVAL");
	is_str(fx.msg, "Bad aux-action 'x'", "  'Bad aux-action 'x''");
	fx_setup(&fx, "juno", "v7.1", 0);
	is_int(open_evlist(&fx, TARGET_SYSTEM_WIDE, grouped,
			   ARRAY_SIZE(grouped)),
	       -EINVAL, "a {group} between cs_etm and the pause event: "
			"evlist__regroup fails, its result ignored, -EINVAL");
	is_str(fx.msg,
	       "Events with aux-action must have AUX area event group leader",
	       "  reported as a missing AUX group leader");
}

/* sched:sched_switch with aux-action=resume (PMU_TRACEPOINT) */
static void test_tracepoint(void)
{
	static const struct evdesc tp_ev[] = {
		{ PMU_CS_ETM, 0, "start-paused", -1 },
		{ PMU_TRACEPOINT, 1, "resume", -1 },
		{ PMU_ARMV8, 3000, "pause", -1 },
	};
	struct fixture fx;
	int e0, et, ep;

	fx_setup(&fx, "juno", "v7.1", PATCH);
	is_int(open_evlist(&fx, TARGET_SYSTEM_WIDE, tp_ev, ARRAY_SIZE(tp_ev)),
	       0, "-a cs_etm, sched:sched_switch/aux-action=resume/, cycles");
	e0 = EVX(&fx, 0, 1);
	et = EVX(&fx, 1, 1);
	ep = EVX(&fx, 2, 1);
	ok(E(&fx, et)->state == PERF_EVENT_STATE_ACTIVE &&
		   E(&fx, et)->hw_state == 0 &&
		   E(&fx, et)->group_leader == e0,
	   "the tracepoint is an ACTIVE, started member of the group");
	fx_run(&fx, 1);
	is_int(E(&fx, et)->nr_overflows, 1,
	       "sched__switch on CPU 1: its tracepoint fires");
	is_int(E(&fx, EVX(&fx, 1, 2))->nr_overflows, 0,
	       "the tracepoint of CPU 2 does not");
	is_int(E(&fx, e0)->hw_aux_paused, 0, "its aux_resume resumes cs_etm");
	is_int(fx.m.s.etm[1].enabled, 1, "the ETM traces");
	overflow(&fx, 1, ep, 1);
	is_int(E(&fx, e0)->hw_aux_paused, 1, "the cycles pause event pauses");

	for (int i = 0; i < 225; i++) {
		sched__switch(&fx.m, 1, -1, 0);
		fx_run(&fx, 1);
	}
	is_u64(E(&fx, et)->hw_interrupts, 451,
	       "451 hits in one tick: counted with throttle = 0");
	ok(fx_count(&fx, PERF_RECORD_THROTTLE) == 0 &&
		   E(&fx, et)->state == PERF_EVENT_STATE_ACTIVE,
	   "a tracepoint never throttles its group itself");
	tick(&fx, 1);

	overflow(&fx, 1, ep, 400);
	ok(E(&fx, et)->hw_interrupts == MAXI &&
		   E(&fx, et)->hw_state == PERF_HES_STOPPED,
	   "the group throttle stops the tracepoint member");
	is_int(E(&fx, e0)->hw_aux_paused, 1, "cs_etm paused");
	fx_run(&fx, 1);
	sched__switch(&fx.m, 1, -1, 0);
	is_int(E(&fx, et)->nr_overflows, 451,
	       "throttled: sched_switch does not fire it");
	is_int(E(&fx, e0)->hw_aux_paused, 1, "throttled: no resume");
	tick(&fx, 1);
	ok(E(&fx, et)->hw_interrupts == 0 && E(&fx, et)->hw_state == 0,
	   "the tick unthrottles and restarts the tracepoint");
	overflow(&fx, 1, ep, 1);
	fx.m.this_cpu = 1;
	pmu_stop(&fx.m, et, 0);
	fx_run(&fx, 1);
	is_int(E(&fx, et)->nr_overflows, 451, "stopped: it does not fire");
	is_int(E(&fx, e0)->hw_aux_paused, 1, "stopped: no resume");
	fx.m.this_cpu = 1;
	pmu_start(&fx.m, et, 0);
	sched__switch(&fx.m, 1, -1, 0);
	is_int(E(&fx, et)->nr_overflows, 452, "started again: it fires");
	is_int(E(&fx, e0)->hw_aux_paused, 0, "and resumes cs_etm");
}

/* arm_pmu.c: validate_group() at open: the group's hardware members must
 * fit the 7 counters; the cs_etm leader is a software event there */
static void test_validate_group(void)
{
	struct perf_event_attr_model etm = { .pmu = PMU_CS_ETM, .disabled = 1 };
	struct perf_event_attr_model cyc = { .pmu = PMU_ARMV8,
					     .sample_period = 1000 };
	struct fixture fx;
	int l, ev = 0;

	fx_setup(&fx, "juno", "v7.1", 0);
	l = perf_event_open(&fx.m, &etm, -1, 1, -1);
	for (int i = 0; i < 7; i++)
		ev = perf_event_open(&fx.m, &cyc, -1, 1, l);
	ok(ev >= 0, "a cs_etm leader with 7 cycles siblings opens");
	is_int(perf_event_open(&fx.m, &cyc, -1, 1, l), -EINVAL,
	       "the 8th hardware sibling: validate_group() says -EINVAL");
}

int main(void)
{
	test_accounting();
	test_tick_unthrottle();
	test_active_guard();
	test_sched_in_unthrottle();
	test_patch_throttle();
	test_claim_a();
	test_claim_b();
	test_overflow_order();
	test_aux_pause_guards();
	test_etm_pause_resume();
	test_armv8();
	test_spe();
	test_open();
	test_tool();
	test_tracepoint();
	test_validate_group();
	return done_testing();
}
