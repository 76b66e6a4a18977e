// SPDX-License-Identifier: GPL-2.0
/*
 * sim.c - the timed driver (see sim.h).
 *
 * The machine runs the scenario's workload under a scheduler (seeded
 * random slices and migrations, or the scenario's script), perf record is
 * modelled from its command line, SIGUSR2 takes snapshots, and every
 * record, WARN and AUX read the model produces is collected for the report.
 *
 * Here: the variants, perf record's set-up and the run loop; the scheduler
 * is sim-sched.c, the snapshots sim-snapshot.c, the observer that collects
 * what the model reports sim-observer.c (their shared state: sim-priv.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tools/perf/perf.h"
#include "cli.h" /* enum auxsim_exit */
#include "sim/sim-guard.h"
#include "sim/sim-priv.h"
#include "sim/sim.h"
#include "check/step.h"

/* ---- variants ---- */

static int resolve_variants(struct sim *sim, char *err, int errlen)
{
	const struct auxsim_scenario *scn = sim->scn;
	const struct sim_config *cfg = sim->cfg;
	struct sim_result *res = sim->res;
	const char *kn = cfg->kernel ? cfg->kernel :
			 scn->kernel[0] ? scn->kernel : KERNEL_DEFAULT;
	const char *pn = cfg->perf ? cfg->perf :
			 scn->perf[0] ? scn->perf : PERF_DEFAULT;
	uint32_t kpatch = 0;
	char names[256];

	res->kernel = variant__find_kernel(kn);
	if (!res->kernel) {
		variant__kernel_names(names, sizeof(names));
		snprintf(err, errlen, "unknown kernel '%s' (known: %s)", kn,
			 names);
		return -EINVAL;
	}
	res->perf = variant__find_perf(pn);
	if (!res->perf) {
		variant__perf_names(names, sizeof(names));
		snprintf(err, errlen, "unknown perf '%s' (known: %s)", pn,
			 names);
		return -EINVAL;
	}
	/* the scenario's events were checked with its own perf; another
	 * perf parses them again (a term it lacks is bad input, located in
	 * the scenario as a parse error is) */
	if (cfg->perf) {
		struct scn_error e;

		if (perf_record__check(&scn->rec, res->mc, res->perf,
				       "from --perf", &e)) {
			snprintf(err, errlen, "%s:%d:%d: %s", scn->path, e.line,
				 e.col, e.msg);
			return -EINVAL;
		}
	}
	if (cfg->patches_set) {
		res->nr_patches = cfg->nr_patches;
		for (int i = 0; i < cfg->nr_patches; i++)
			res->patches[i] = cfg->patches[i];
	} else {
		res->nr_patches = scn->nr_patches;
		for (int i = 0; i < scn->nr_patches; i++)
			res->patches[i] = scn->patches[i];
	}
	for (int i = 0; i < res->nr_patches; i++) {
		const struct patch_variant *p =
			variant__find_patch(res->patches[i]);

		if (!p) {
			variant__patch_names(names, sizeof(names));
			snprintf(err, errlen, "unknown patch '%s' (known: %s)",
				 res->patches[i], names);
			return -EINVAL;
		}
		if (!variant__patch_applies(p, res->kernel)) {
			snprintf(err, errlen,
				 "patch '%s' does not apply to kernel %s",
				 p->name, res->kernel->name);
			return -EINVAL;
		}
		res->patches[i] = p->name;
		kpatch |= p->bit;
	}
	aux_model__init(&sim->m, res->mc, res->kernel, kpatch, res->perf);
	return 0;
}

/* ---- set-up ---- */

static int setup(struct sim *sim)
{
	const struct auxsim_scenario *scn = sim->scn;
	struct aux_model *m = &sim->m;
	struct sim_result *res = sim->res;
	const struct scn_record *rec = &scn->rec;
	struct record_opts opts = { 0 };
	const struct scn_event *ev;

	m->obs = &sim_observer;
	m->priv = sim;
	m->perfmon_capable = scn->root; /* `user root` or `user nonroot` */
	m->log = sim->cfg->log;
	sim->pmi_nmi = scn->pmi_set ? scn->pmi_nmi : res->mc->pmi_nmi;
	m->pmi_nmi = sim->pmi_nmi;
	for (int i = 0; i < scn->nr_tasks && i < MAX_TASKS; i++)
		m->task_cpus[i] = scn->tasks[i].cpus_allowed;
	if (scn->max_sample_rate)
		m->s.max_samples_per_tick = (scn->max_sample_rate +
					     res->mc->hz - 1) / res->mc->hz;
	for (int i = 0; i < scn->nr_cpu_rates; i++)
		m->cpu_rate[scn->cpu_rates[i].cpu] = scn->cpu_rates[i].rate;
	if (scn->etr_size)
		m->s.etr.size = (uint32_t)scn->etr_size;
	m->s.tool.pid = TOOL_PID;
	for (int i = 0; i < scn->nr_tasks; i++) {
		m->s.task[i].in_use = 1;
		m->s.task[i].pid = TASK_PID0 + i;
		m->s.task[i].traced = i == scn->traced_task;
		sim->task[i].cpu = -1;
		sim->task[i].cur_slice = -1;
	}

	/* -m is parsed with the options, before the events are set up:
	 * record__parse_mmap_pages(), data pages then AUX pages */
	opts.mmap_pages = rec->mmap_pages
				  ? parse_pages_arg__round(m, rec->mmap_pages)
				  : UINT_MAX_PAGES;
	if (rec->aux_pages)
		opts.auxtrace_mmap_pages =
			parse_pages_arg__round(m, rec->aux_pages);

	/* parse_events() stops at SCN_MAX_EVENTS: the evlist holds them */
	_Static_assert(SCN_MAX_EVENTS <= MAX_EVSEL, "an -e the evlist drops");
	opts.nr_evsel = rec->nr_events;
	for (int i = 0; i < rec->nr_events; i++) {
		char err[256];
		int ret;

		ev = &rec->events[i];
		ret = evsel__config(m, ev, &opts.evsel[i], err, sizeof(err));
		if (ret) {
			sim__obs_tool(m, err);
			return ret;
		}
		opts.evsel[i].leader = -1;
	}
	opts.no_aux_mmap = scn->no_aux_mmap;
	opts.auxtrace_snapshot_mode = rec->snapshot;
	opts.auxtrace_snapshot_on_exit = rec->snapshot_on_exit;
	opts.auxtrace_snapshot_size = rec->snapshot_size;
	opts.privileged = scn->root;
	opts.target = rec->system_wide ? TARGET_SYSTEM_WIDE :
		      rec->per_thread ? TARGET_PER_THREAD :
					TARGET_PER_CPU_TASK;
	res->open_error = record__open(m, &opts, scn->traced_task);
	res->record_switch_events = opts.record_switch_events;
	for (int c = 0; c < m->s.nr_cpus && c < AUXSIM_MAX_CPUS; c++)
		res->cpu_rate[c] = m->cpu_rate[c];
	res->aux_size = opts.auxtrace_mmap_pages * m->page_size;
	res->snapshot_size = opts.auxtrace_snapshot_size;
	for (int i = 0; i < MAX_ETR_BUFS; i++)
		if (m->s.etr_buf[i].in_use)
			res->etr_buf_size = m->s.etr_buf[i].size;
	return res->open_error;
}

/* ---- the run ---- */

/* a scripted overflow or a landing NMI: the counter must be counting */
void sim__deliver_overflow(struct sim *sim, int cpu, int evsel, bool nmi)
{
	if (step__overflow(&sim->m, cpu, evsel, nmi)) {
		model__log(&sim->m, "overflow of e%d on cpu%d: its counter is "
				    "not counting, no interrupt",
			   evsel, cpu);
		sim->res->nr_undelivered_overflows++;
		return;
	}
	sim->res->nr_forced_overflows++;
}

static void run_action(struct sim *sim, const struct scn_action *a)
{
	struct aux_model *m = &sim->m;
	const struct perf_tool *tool = &m->s.tool;

	switch (a->kind) {
	case SCN_ACT_TICK:
		perf_event_task_tick(m, a->cpu);
		break;
	case SCN_ACT_OVERFLOW:
		for (int i = 0; i < a->count; i++)
			sim__deliver_overflow(sim, a->cpu, a->event, false);
		break;
	case SCN_ACT_NMI:
		sim->nmi_event[a->cpu] = a->event;
		sim->nmi_point[a->cpu] =
			a->point == SCN_IP_AUX_PAUSE ? IP_AUX_PAUSE_GUARDED :
			a->point == SCN_IP_THROTTLE_GROUP ? IP_THROTTLE_GROUP :
							     IP_UNTHROTTLE_GROUP;
		break;
	case SCN_ACT_IOCTL_ENABLE:
	case SCN_ACT_IOCTL_DISABLE: {
		int nr = tool->target == TARGET_PER_THREAD ? 1 : m->s.nr_cpus;

		for (int c = 0; c < nr; c++)
			perf_ioctl(m, tool->evsel_fd[a->event][c],
				   a->kind == SCN_ACT_IOCTL_ENABLE ?
					   PERF_EVENT_IOC_ENABLE :
					   PERF_EVENT_IOC_DISABLE);
		break;
	}
	}
}

/* per CPU, the time of the next counter overflow, NEVER if none counts */
static void next_overflows(struct sim *sim)
{
	uint64_t left[MAX_CPUS];

	armpmu__next_overflows(&sim->m, left);
	for (int c = 0; c < sim->m.s.nr_cpus; c++) {
		uint64_t ns;

		sim->t_ovf[c] = NEVER;
		if (left[c] == UINT64_MAX)
			continue;
		ns = trace__ns_to_cycles(&sim->m, c, left[c]);
		if (ns == UINT64_MAX)
			continue;
		sim->t_ovf[c] = sim->m.s.time_ns + ns;
		/* an overflow during the last PMI's handler is taken when it
		 * returns */
		if (sim->t_ovf[c] < sim->t_pmi_done[c])
			sim->t_ovf[c] = sim->t_pmi_done[c];
	}
}

static int run_loop(struct sim *sim, char *err, int errlen)
{
	const struct auxsim_scenario *scn = sim->scn;
	struct sim_result *res = sim->res;
	struct aux_model *m = &sim->m;
	uint64_t end = res->duration_ns;
	bool script = scn->sched.mode == SCN_SCHED_SCRIPT;
	int ret;

	uint64_t tick_ns = 1000000000ull / res->mc->hz;

	sim->t_enable = NEVER;
	for (int i = 0; i < scn->nr_signals; i++)
		sim->sig_next[i] = scn->signals[i].at_ns;
	for (int i = 0; i < scn->nr_tasks; i++)
		sim->task[i].t_next = script ? NEVER : 0;
	sim->t_tick = scn->ticks_script ? NEVER : tick_ns;
	for (int c = 0; c < MAX_CPUS; c++)
		sim->t_ovf[c] = NEVER;
	for (int c = 0; c < MAX_CPUS; c++)
		sim->nmi_event[c] = -1;
	sim__tracer_note(sim);

	for (;;) {
		uint64_t t;

		end = sim_guard__interrupted(&sim->guard, res, m->s.time_ns, end);
		t = end;

		if (!scn->overflows_script)
			next_overflows(sim);
		for (int c = 0; c < m->s.nr_cpus; c++)
			if (sim->t_ovf[c] < t)
				t = sim->t_ovf[c];
		if (sim->t_tick < t)
			t = sim->t_tick;
		if (sim->next_action < scn->nr_actions &&
		    scn->actions[sim->next_action].at_ns < t)
			t = scn->actions[sim->next_action].at_ns;

		if (script && sim->next_script < scn->nr_slices &&
		    scn->slices[sim->next_script].start_ns < t)
			t = scn->slices[sim->next_script].start_ns;
		for (int i = 0; i < scn->nr_tasks; i++)
			if (sim->task[i].t_next < t)
				t = sim->task[i].t_next;
		if (sim->t_enable < t)
			t = sim->t_enable;
		for (int i = 0; i < scn->nr_signals; i++)
			if (sim->sig_next[i] < t)
				t = sim->sig_next[i];
		if (sim_guard__step(&sim->guard, m->s.time_ns, t)) {
			ret = sim_guard__limits(&sim->guard, res, m, t, err,
						errlen);
			if (ret) {
				sim_guard__done(&sim->guard);
				return ret;
			}
		}
		trace__advance(m, t - m->s.time_ns);
		if (t >= end)
			break;
		res->nr_events++;

		/* 1. switch-outs */
		for (int i = 0; i < scn->nr_tasks; i++) {
			if (!sim->task[i].running || sim->task[i].t_next != t)
				continue;
			if (script) {
				sim__slice_end(sim, i);
				sim->task[i].t_next = NEVER;
			} else {
				sim__random_switch_out(sim, i);
			}
		}
		/* 2. switch-ins */
		while (script && sim->next_script < scn->nr_slices &&
		       scn->slices[sim->next_script].start_ns == t) {
			const struct scn_slice *ss =
				&scn->slices[sim->next_script++];

			sim__slice_begin(sim, ss->task, ss->cpu, ss->label);
			sim->task[ss->task].t_next = ss->end_ns;
		}
		for (int i = 0; !script && i < scn->nr_tasks; i++)
			if (!sim->task[i].running && sim->task[i].t_next == t)
				sim__random_switch_in(sim, i);
		/* 3. the perf tool re-enables after a snapshot read */
		if (sim->t_enable == t) {
			sim->t_enable = NEVER;
			record__snapshot_finish(m);
		}
		/* 4. signals */
		for (int i = 0; i < scn->nr_signals; i++) {
			const struct scn_signal *sg = &scn->signals[i];

			if (sim->sig_next[i] != t)
				continue;
			sim__take_snapshot(sim, true);
			if (sg->every_ns && t <= sg->until_ns &&
			    sg->every_ns <= sg->until_ns - t)
				sim->sig_next[i] = t + sg->every_ns;
			else
				sim->sig_next[i] = NEVER;
		}
		/* 5. PMU interrupts due (counter order within a CPU) */
		for (int c = 0; c < m->s.nr_cpus; c++)
			if (sim->t_ovf[c] == t) {
				armv8pmu_handle_irq(m, c);
				sim->t_pmi_done[c] = t + res->mc->pmi_cost_ns;
			}
		/* 6. the periodic tick on every CPU */
		if (sim->t_tick == t) {
			for (int c = 0; c < m->s.nr_cpus; c++)
				perf_event_task_tick(m, c);
			sim->t_tick += tick_ns;
		}
		/* 7. scripted actions */
		while (sim->next_action < scn->nr_actions &&
		       scn->actions[sim->next_action].at_ns == t)
			run_action(sim, &scn->actions[sim->next_action++]);
		/* 8. full-trace mode: perf's poll() woke for AUX data */
		record__mmap_read_all(m, false);
		sim__tracer_note(sim);
#ifdef MODEL_TESTING
		{
			char why[160];

			if (aux_state__check(m, why, sizeof(why))) {
				fprintf(stderr, "auxsim: invariant: %s\n", why);
				abort();
			}
		}
#endif
	}
	/* perf record ends: snapshot on exit (-Se), then munmap */
	if (m->s.tool.snapshot_mode && scn->rec.snapshot_on_exit) {
		if (sim->t_enable != NEVER)
			record__snapshot_finish(m);
		sim__take_snapshot(sim, false);
	}
	/* close the running slices so the report has their ends */
	for (int i = 0; i < scn->nr_tasks; i++)
		if (sim->task[i].running) {
			struct sim_slice *sl =
				&res->slices[sim->task[i].cur_slice];

			sl->t1 = m->s.time_ns;
			sl->s1 = cpu_stream(sim, sim->task[i].cpu);
		}
	record__exit(m);
	sim__tracer_note(sim);
	sim_guard__done(&sim->guard);
	return 0;
}

/*
 * The model as the scenario starts: variants and machine resolved, perf
 * record opened, each task that has a start CPU running there (the traced
 * task exec'd).  No time passes.  For the model checker.
 */
int sim__start(const struct auxsim_scenario *scn, const struct sim_config *cfg,
	       struct aux_model *m, char *err, int errlen)
{
	struct sim_result *res = calloc(1, sizeof(*res));
	struct sim *sim = calloc(1, sizeof(*sim));
	int ret = -ENOMEM;

	if (!sim || !res) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	res->scn = scn;
	res->mc = machine__find(scn->machine);
	res->seed = scn->seed;
	sim->scn = scn;
	sim->cfg = cfg;
	sim->res = res;
	ret = -EINVAL;
	if (!res->mc || res->mc->nr_cpus > MAX_CPUS ||
	    scn->nr_tasks > MAX_TASKS) {
		snprintf(err, errlen,
			 "machine '%s' with %d tasks: this build models at "
			 "most %d CPUs and %d tasks",
			 scn->machine, scn->nr_tasks, MAX_CPUS, MAX_TASKS);
		goto out;
	}
	ret = resolve_variants(sim, err, errlen);
	if (ret)
		goto out;
	ret = setup(sim);
	if (ret) {
		snprintf(err, errlen, "perf record failed to start: %s",
			 res->nmsgs ? res->msgs[res->nmsgs - 1] : "error");
		goto out;
	}
	for (int i = 0; i < scn->nr_tasks; i++) {
		int cpu = scn->tasks[i].start_cpu;

		if (cpu < 0 || sim->m.s.cpu[cpu].curr >= 0)
			continue;
		sched__switch(&sim->m, cpu, i, sim->m.s.next_slice++);
		if (i == scn->traced_task)
			record__workload_exec(&sim->m, i);
	}
	*m = sim->m;
	/* `check ... trace N`: each tick step carries N ticks of trace */
	m->tick_trace_ns = scn->check.trace * (1000000000ull / res->mc->hz);
	m->obs = NULL;
	m->priv = NULL;
	m->log = false;
out:
	if (res)
		sim_result__free(res);
	free(res);
	free(sim);
	return ret;
}

int sim__run(const struct auxsim_scenario *scn, const struct sim_config *cfg,
	     struct sim_result *res, char *err, int errlen)
{
	struct sim *sim = calloc(1, sizeof(*sim));
	int ret;

	if (!sim) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	memset(res, 0, sizeof(*res));
	res->scn = scn;
	res->mc = machine__find(scn->machine);
	res->seed = cfg->seed_set ? cfg->seed : scn->seed;
	res->duration_given_ns = cfg->duration_ns ? cfg->duration_ns :
						    scn->duration_ns;
	/* perf record's session ends when its workload exits */
	res->duration_ns = scenario__end(scn, res->duration_given_ns);
	if (res->duration_ns < res->duration_given_ns)
		res->workload_exit_ns = res->duration_ns;
	if (cfg->duration_ns) {
		struct scn_error e;

		/* statements the shorter run misses: a warning each */
		ret = scenario__check_duration(scn, cfg->duration_ns,
					       "--duration", stderr, &e);
		if (ret) {
			snprintf(err, errlen, "%s", e.msg);
			free(sim);
			return ret;
		}
	}
	sim->scn = scn;
	sim->cfg = cfg;
	sim->res = res;
	sim->rng = res->seed;
	sim->cur_snap = -1;
	sim_guard__init(&sim->guard, res->duration_ns, cfg->progress);
	if (!res->mc) {
		snprintf(err, errlen, "unknown machine '%s'", scn->machine);
		free(sim);
		return -EINVAL;
	}
	if (res->mc->nr_cpus > MAX_CPUS || scn->nr_tasks > MAX_TASKS) {
		snprintf(err, errlen,
			 "machine '%s' has %d CPUs; this build models at most "
			 "%d (the checker's profile)",
			 res->mc->name, res->mc->nr_cpus, MAX_CPUS);
		free(sim);
		return -EINVAL;
	}
	ret = resolve_variants(sim, err, errlen);
	if (ret) {
		free(sim);
		return ret;
	}
	ret = setup(sim);
	if (!ret) {
		ret = run_loop(sim, err, errlen);
		if (ret) { /* a run-time limit: no result */
			sim_result__free(res);
			free(sim);
			return ret;
		}
	} else if (!res->open_error) {
		res->open_error = ret;
	}
	for (int i = 0; i < MAX_ETR_BUFS; i++)
		res->lost_extent_merges += sim->m.s.etr_buf[i].mem.merges;
	for (int i = 0; i < MAX_RB; i++)
		res->lost_extent_merges += sim->m.s.rb[i].aux.merges;
	res->final = sim->m.s;
	free(sim);
	return 0;
}

void sim_result__free(struct sim_result *res)
{
	for (int i = 0; i < res->nmsgs; i++)
		free(res->msgs[i]);
	for (int i = 0; i < res->nlog; i++)
		free(res->log[i]);
	for (int i = 0; i < res->nsnaps; i++)
		free(res->snaps[i].sl);
	free(res->msgs);
	free(res->usr2);
	free(res->log);
	free(res->recs);
	free(res->warns);
	free(res->reads);
	free(res->pieces);
	free(res->slices);
	free(res->snaps);
	free(res->tracer);
	memset(res, 0, sizeof(*res));
}

const struct sim_slice *sim_result__slice(const struct sim_result *res,
					  uint32_t id)
{
	if (!id || id > (uint32_t)res->nslices)
		return NULL;
	return &res->slices[id - 1];
}

