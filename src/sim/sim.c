// SPDX-License-Identifier: GPL-2.0
/*
 * sim.c - the timed driver (see sim.h).
 *
 * The machine runs the scenario's workload under a scheduler (seeded
 * random slices and migrations, or the scenario's script), perf record is
 * modelled from its command line, SIGUSR2 takes snapshots, and every
 * record, WARN and AUX read the model produces is collected for the report.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tools/perf/perf.h"
#include "cli.h" /* enum auxsim_exit */
#include "sim/sim-guard.h"
#include "sim/sim.h"
#include "check/step.h"

#define NSEC_PER_SEC 1000000000ull
#define TOOL_PID 2000
#define TASK_PID0 2001
#define NEVER UINT64_MAX
#define LATEST (NEVER - 1) /* a time after any run's end, but not NEVER */

/* @now + @dt without wrapping: a huge scenario time means "never" */
static uint64_t after(uint64_t now, uint64_t dt)
{
	return dt < LATEST - now ? now + dt : LATEST;
}

/* ---- growable arrays (output only, never model state) ---- */

static void *grow(void *p, int *cap, int need, size_t sz)
{
	int ncap;
	void *np;

	if (need <= *cap)
		return p;
	ncap = *cap ? *cap * 2 : 64;
	while (ncap < need)
		ncap *= 2;
	np = realloc(p, (size_t)ncap * sz);
	if (!np) {
		fprintf(stderr, "auxsim: out of memory\n");
		exit(AUXSIM_EXIT_NOMEM);
	}
	*cap = ncap;
	return np;
}

#define PUSH(res, arr, n, cap) \
	(res->arr = grow(res->arr, &res->cap, res->n + 1, sizeof(*res->arr)), \
	 &res->arr[res->n++])

static char *xstrdup(const char *s)
{
	char *d = strdup(s);

	if (!d) {
		fprintf(stderr, "auxsim: out of memory\n");
		exit(AUXSIM_EXIT_NOMEM);
	}
	return d;
}

/* ---- splitmix64 ---- */

static uint64_t rng_next(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* uniform in [lo, hi] */
static uint64_t rng_range(uint64_t *x, uint64_t lo, uint64_t hi)
{
	if (hi <= lo)
		return lo;
	if (hi - lo == UINT64_MAX) /* the whole range: hi - lo + 1 wraps */
		return rng_next(x);
	return lo + rng_next(x) % (hi - lo + 1);
}

/* ---- the run ---- */

struct sim_task {
	bool running;
	int cpu;
	uint64_t t_next; /* next switch-in (off) or switch-out (running) */
	uint64_t run_left; /* SCN_TASK_RUN_SLEEP: run time left before sleep */
	int cur_slice; /* index in res->slices, -1 */
	bool execed;
};

struct sim {
	struct aux_model m;
	const struct auxsim_scenario *scn;
	const struct sim_config *cfg;
	struct sim_result *res;
	struct sim_task task[SCN_MAX_TASKS];
	uint64_t rng;
	int next_script; /* next scripted slice to start */
	uint64_t t_enable; /* pending snapshot enable, NEVER */
	uint64_t sig_next[SCN_MAX_SIGNALS];
	int cur_snap; /* index of the snapshot being read, -1 */
	uint64_t t_tick; /* next periodic scheduler tick, NEVER */
	uint64_t t_ovf[MAX_CPUS]; /* next counter overflow per CPU, NEVER */
	uint64_t t_pmi_done[MAX_CPUS]; /* the last PMI's handler returns */
	int next_action; /* next scripted `at` action */
	/* an NMI armed by `at T nmi cpuN eK in F`: lands at F on cpuN */
	int nmi_event[MAX_CPUS]; /* evsel, -1 */
	enum irq_point nmi_point[MAX_CPUS];
	uint8_t tracer[MAX_CPUS]; /* enum tracer_state last recorded */
	bool pmi_nmi; /* the PMU interrupt is an NMI */
	struct sim_guard guard; /* run-time limits, progress */
};

/* ---- observer ---- */

static struct sim *SIM(struct aux_model *m)
{
	return m->priv;
}

static void obs_record(struct aux_model *m, const struct aux_record *r)
{
	struct sim_result *res = SIM(m)->res;

	*PUSH(res, recs, nrecs, caprecs) = *r;
}

static void obs_warn(struct aux_model *m, const struct aux_warning *w)
{
	struct sim *sim = SIM(m);
	struct sim_result *res = sim->res;
	struct sim_warning *sw = PUSH(res, warns, nwarns, capwarns);
	int t = m->s.cpu[w->cpu].curr;

	memset(sw, 0, sizeof(*sw));
	sw->w = *w;
	if (m->in_tool) {
		snprintf(sw->comm, sizeof(sw->comm), "perf");
		sw->pid = TOOL_PID;
	} else if (t >= 0) {
		snprintf(sw->comm, sizeof(sw->comm), "%s",
			 sim->scn->tasks[t].comm);
		sw->pid = m->s.task[t].pid;
	} else {
		snprintf(sw->comm, sizeof(sw->comm), "swapper/%d", w->cpu);
		sw->pid = 0;
	}
}

static void obs_auxtrace(struct aux_model *m, const struct aux_read *rd,
			 const struct extent *ext, int nr)
{
	struct sim_result *res = SIM(m)->res;
	struct sim_read *r = PUSH(res, reads, nreads, capreads);

	memset(r, 0, sizeof(*r));
	r->rd = *rd;
	r->first_piece = res->npieces;
	for (int i = 0; i < nr; i++) {
		struct sim_piece *p = PUSH(res, pieces, npieces, cappieces);

		p->kind = ext[i].kind;
		p->cpu = ext[i].cpu;
		p->slice = ext[i].slice;
		p->soff = ext[i].soff;
		p->len = ext[i].len;
		switch (ext[i].kind) {
		case EXT_TRACE:
			r->trace_bytes += ext[i].len;
			break;
		case EXT_BARRIER:
			r->barrier_bytes += ext[i].len;
			break;
		case EXT_UNTRACKED:
			r->untracked_bytes += ext[i].len;
			break;
		default:
			r->zero_bytes += ext[i].len;
		}
	}
	r->nr_pieces = nr;
}

/* the bytes of the copy */
static size_t push_line(struct sim_result *res, char ***arr, int *n,
			int *cap, uint64_t t, const char *line)
{
	char buf[320];

	snprintf(buf, sizeof(buf), "[%5llu.%06llu] %s",
		 (unsigned long long)(t / NSEC_PER_SEC),
		 (unsigned long long)(t % NSEC_PER_SEC / 1000), line);
	*arr = grow(*arr, cap, *n + 1, sizeof(**arr));
	(*arr)[(*n)++] = xstrdup(buf);
	return strlen(buf) + 1;
}

static void obs_log(struct aux_model *m, const char *line)
{
	struct sim *sim = SIM(m);
	struct sim_result *res = sim->res;

	sim->guard.str_bytes += push_line(res, &res->log, &res->nlog, &res->caplog,
				    m->s.time_ns, line);
}

static void obs_tool(struct aux_model *m, const char *line)
{
	struct sim_result *res = SIM(m)->res;

	res->msgs = grow(res->msgs, &res->capmsgs, res->nmsgs + 1,
			 sizeof(*res->msgs));
	res->msgs[res->nmsgs++] = xstrdup(line);
	SIM(m)->guard.str_bytes += strlen(line) + 1;
}

static void deliver_overflow(struct sim *sim, int cpu, int evsel, bool nmi);

/* an NMI armed for this CPU and interrupt point lands here */
static void obs_irq_point(struct aux_model *m, enum irq_point ip)
{
	struct sim *sim = SIM(m);
	int cpu = m->this_cpu;
	int ev = sim->nmi_event[cpu];

	if (ev < 0 || sim->nmi_point[cpu] != ip || !sim->pmi_nmi)
		return;
	sim->nmi_event[cpu] = -1;
	deliver_overflow(sim, cpu, ev, true);
}

static const struct aux_observer sim_observer = {
	.record = obs_record,
	.warn = obs_warn,
	.auxtrace = obs_auxtrace,
	.log = obs_log,
	.tool = obs_tool,
	.irq_point = obs_irq_point,
};

/* ---- tracer state, per CPU, for the report ---- */

/* the AUX event of perf's evlist on @cpu (per-CPU modes), or the one
 * event (--per-thread) */
static int aux_event_on(const struct aux_model *m, int cpu)
{
	const struct perf_tool *tool = &m->s.tool;

	if (!tool->nr_fds)
		return -1;
	if (tool->target == TARGET_PER_THREAD) {
		int ev = tool->fd_event[0];

		return m->s.event[ev].oncpu == cpu ? ev : -1;
	}
	return cpu < tool->nr_fds ? tool->fd_event[cpu] : -1;
}

enum tracer_state sim__tracer_state(const struct aux_model *m, int cpu)
{
	int ev = aux_event_on(m, cpu);
	const struct perf_event *e;
	const struct perf_buffer *rb;
	const struct perf_output_handle *h;

	if (ev < 0)
		return TRACER_OFF;
	e = &m->s.event[ev];
	if (e->state != PERF_EVENT_STATE_ACTIVE || e->oncpu != cpu)
		return TRACER_OFF;
	rb = e->rb >= 0 ? &m->s.rb[e->rb] : NULL;
	h = e->pmu == PMU_ARM_SPE ? &m->s.spe[cpu].handle :
				    &m->s.etm_ctxt[cpu].handle;
	/* a transaction is open on the rb but no handle holds it: the
	 * orphan a failed nested begin leaves; no begin can succeed again */
	bool tracing;

	if (rb && rb->aux_nest && h->event != ev)
		return TRACER_DEAD;
	tracing = e->pmu == PMU_ARM_SPE ? m->s.spe[cpu].enabled :
					  m->s.etm[cpu].enabled;
	if (e->hw_interrupts == MAX_INTERRUPTS)
		return tracing ? TRACER_THROTTLED_TRACING : TRACER_THROTTLED;
	if (e->hw_state & PERF_HES_STOPPED)
		return TRACER_STOPPED;
	if (e->pmu == PMU_CS_ETM && m->s.etm[cpu].paused)
		return e->ghost_user_paused ? TRACER_PAUSED :
					      TRACER_PAUSED_NOT_USER;
	if (!tracing)
		return TRACER_STOPPED;
	return e->ghost_user_paused ? TRACER_TRACING_USER_PAUSED :
				      TRACER_TRACING;
}

static void tracer_note(struct sim *sim)
{
	struct sim_result *res = sim->res;

	for (int c = 0; c < sim->m.s.nr_cpus; c++) {
		uint8_t st = (uint8_t)sim__tracer_state(&sim->m, c);
		struct sim_tracer_change *ch;

		if (st == sim->tracer[c])
			continue;
		sim->tracer[c] = st;
		ch = PUSH(res, tracer, ntracer, captracer);
		ch->time_ns = sim->m.s.time_ns;
		ch->cpu = (int8_t)c;
		ch->state = st;
	}
}

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

/* ---- slices ---- */

static uint64_t cpu_stream(struct sim *sim, int cpu)
{
	return sim->m.s.cpu[cpu].stream;
}

static void slice_begin(struct sim *sim, int ti, int cpu, const char *label)
{
	struct sim_result *res = sim->res;
	struct sim_slice *sl = PUSH(res, slices, nslices, capslices);

	memset(sl, 0, sizeof(*sl));
	sl->id = (uint32_t)res->nslices;
	if (label)
		snprintf(sl->label, sizeof(sl->label), "%s", label);
	else
		snprintf(sl->label, sizeof(sl->label), "P%u", sl->id);
	sl->task = ti;
	sl->cpu = cpu;
	sl->t0 = sim->m.s.time_ns;
	sl->t1 = NEVER;
	sl->s0 = cpu_stream(sim, cpu);
	sim->task[ti].cur_slice = res->nslices - 1;
	sim->task[ti].running = true;
	sim->task[ti].cpu = cpu;
	res->nr_switches++;
	sched__switch(&sim->m, cpu, ti, sl->id);
	if (!sim->task[ti].execed) {
		/* the first time the workload runs, it execs */
		sim->task[ti].execed = true;
		if (ti == sim->scn->traced_task)
			record__workload_exec(&sim->m, ti);
	}
}

static void slice_end(struct sim *sim, int ti)
{
	struct sim_task *st = &sim->task[ti];
	struct sim_slice *sl = &sim->res->slices[st->cur_slice];

	sim->res->nr_switches++;
	sched__switch(&sim->m, st->cpu, -1, 0);
	sl->t1 = sim->m.s.time_ns;
	sl->s1 = cpu_stream(sim, st->cpu);
	st->running = false;
	st->cur_slice = -1;
}

/* ---- the random scheduler ---- */

static uint32_t task_cpus(struct sim *sim, int ti)
{
	uint32_t all = (1u << sim->m.s.nr_cpus) - 1;
	uint32_t allowed = sim->scn->tasks[ti].cpus_allowed;

	return allowed ? allowed & all : all;
}

static bool cpu_busy(struct sim *sim, int cpu)
{
	return sim->m.s.cpu[cpu].curr >= 0;
}

/* pick the CPU of the next slice: stay, or migrate to another allowed one */
static int pick_cpu(struct sim *sim, int ti)
{
	uint32_t allowed = task_cpus(sim, ti);
	int last = sim->task[ti].cpu;
	int cand[MAX_CPUS], n = 0;

	if (last < 0 || !(allowed & (1u << last)))
		last = -1;
	if (last >= 0 && !cpu_busy(sim, last) &&
	    rng_range(&sim->rng, 0, 999) >= sim->scn->sched.migrate_permille)
		return last;
	for (int c = 0; c < sim->m.s.nr_cpus; c++)
		if ((allowed & (1u << c)) && c != last && !cpu_busy(sim, c))
			cand[n++] = c;
	if (!n)
		return last >= 0 && !cpu_busy(sim, last) ? last : -1;
	return cand[rng_range(&sim->rng, 0, (uint64_t)n - 1)];
}

/* when the first task running on a CPU that @ti may use switches out */
static uint64_t next_free(struct sim *sim, int ti)
{
	uint32_t allowed = task_cpus(sim, ti);
	uint64_t now = sim->m.s.time_ns, t = LATEST;

	for (int i = 0; i < sim->scn->nr_tasks; i++)
		if (sim->task[i].running &&
		    (allowed & (1u << sim->task[i].cpu)) &&
		    sim->task[i].t_next < t)
			t = sim->task[i].t_next;
	return t > now ? t : after(now, 1);
}

static void random_switch_in(struct sim *sim, int ti)
{
	const struct scn_sched *sc = &sim->scn->sched;
	const struct scn_task *t = &sim->scn->tasks[ti];
	struct sim_task *st = &sim->task[ti];
	uint64_t now = sim->m.s.time_ns;
	uint64_t len;
	int cpu;

	if (!st->execed && t->start_cpu >= 0 && !cpu_busy(sim, t->start_cpu))
		cpu = t->start_cpu;
	else
		cpu = pick_cpu(sim, ti);
	if (cpu < 0) { /* every allowed CPU is busy: wait */
		uint64_t gap = rng_range(&sim->rng, sc->gap_min_ns,
					 sc->gap_max_ns);

		/* without a gap, try again when one of them is free, not
		 * again and again at this same time */
		st->t_next = gap ? after(now, gap) : next_free(sim, ti);
		return;
	}
	len = rng_range(&sim->rng, sc->slice_min_ns, sc->slice_max_ns);
	if (t->kind == SCN_TASK_RUN_SLEEP) {
		if (!st->run_left)
			st->run_left = t->run_ns;
		if (len > st->run_left)
			len = st->run_left;
		st->run_left -= len;
	}
	slice_begin(sim, ti, cpu, NULL);
	st->t_next = after(now, len ? len : 1);
}

static void random_switch_out(struct sim *sim, int ti)
{
	const struct scn_sched *sc = &sim->scn->sched;
	const struct scn_task *t = &sim->scn->tasks[ti];
	struct sim_task *st = &sim->task[ti];
	uint64_t now = sim->m.s.time_ns;

	slice_end(sim, ti);
	if (t->kind == SCN_TASK_RUN_SLEEP && !st->run_left)
		st->t_next = after(now, t->sleep_ns ? t->sleep_ns : 1);
	else
		st->t_next = after(now, rng_range(&sim->rng, sc->gap_min_ns,
						  sc->gap_max_ns));
}

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
	uint64_t prev_t = sn->index > 1 ? res->snaps[sn->index - 2].t_signal :
					  0;
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
		ss->status = ss->held >= em ? SNAP_WHOLE :
			     ss->held ? SNAP_PART :
					SNAP_MISSING;
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
static void take_snapshot(struct sim *sim, bool usr2)
{
	struct sim_result *res = sim->res;
	struct sim_snapshot *sn;
	uint64_t bytes, dt;
	int ret = record__snapshot_trigger(&sim->m);

	if (usr2) {
		struct sim_usr2 *u = PUSH(res, usr2, nusr2, capusr2);

		u->t = sim->m.s.time_ns;
		u->snap = ret ? 0 : (uint32_t)res->nsnaps + 1;
		u->ignored = !ret	      ? USR2_SNAPSHOT
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
			obs_tool(m, err);
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

/* ---- perf.data size ---- */

/* ---- the run ---- */

/* a scripted overflow or a landing NMI: the counter must be counting */
static void deliver_overflow(struct sim *sim, int cpu, int evsel, bool nmi)
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
			deliver_overflow(sim, a->cpu, a->event, false);
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
	tracer_note(sim);

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
				slice_end(sim, i);
				sim->task[i].t_next = NEVER;
			} else {
				random_switch_out(sim, i);
			}
		}
		/* 2. switch-ins */
		while (script && sim->next_script < scn->nr_slices &&
		       scn->slices[sim->next_script].start_ns == t) {
			const struct scn_slice *ss =
				&scn->slices[sim->next_script++];

			slice_begin(sim, ss->task, ss->cpu, ss->label);
			sim->task[ss->task].t_next = ss->end_ns;
		}
		for (int i = 0; !script && i < scn->nr_tasks; i++)
			if (!sim->task[i].running && sim->task[i].t_next == t)
				random_switch_in(sim, i);
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
			take_snapshot(sim, true);
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
		tracer_note(sim);
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
		take_snapshot(sim, false);
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
	tracer_note(sim);
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
