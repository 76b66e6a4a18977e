// SPDX-License-Identifier: GPL-2.0
/*
 * check.c - the model checker (check.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "report.h"

enum budget {
	B_TICK,
	B_OVERFLOW,
	B_SCHED,
	B_IOCTL,
	B_SNAPSHOT,
	B_MUNMAP,
	B_NMI,
	B_DEPTH_PAD,
	NR_BUDGETS,
};

/* the explored state: the model state and the bounds used so far */
struct mc_state {
	struct aux_state s;
	uint8_t used[NR_BUDGETS];
};

/* a visited-table slot: hash compaction, 16 bytes */
struct mc_slot {
	uint64_t hash; /* 0: empty */
	uint32_t depth; /* the shallowest depth it was reached at */
	uint32_t iter; /* the iteration that stored it */
};

struct mc {
	const struct auxsim_scenario *scn;
	const struct mc_config *cfg;
	struct aux_model work; /* configuration + a scratch state */
	uint64_t iter_states; /* states first reached in this iteration */
	uint8_t bound[NR_BUDGETS];
	int depth_bound;
	struct mc_slot *table;
	uint64_t mask, nr_slots;
	uint32_t iter;
	struct mc_state stack[MC_MAX_DEPTH + 1];
	struct step path[MC_MAX_DEPTH];
	struct mc_result *res;
	int limit;
	bool stop;
};

/* ---- hashing and the visited table ---- */

/* four independent multiply-xorshift lanes over 64-bit words */
static uint64_t mc_hash(const void *p, size_t n)
{
	const uint64_t *w = p;
	uint64_t h0 = 0x243f6a8885a308d3ull ^ n, h1 = 0x13198a2e03707344ull;
	uint64_t h2 = 0xa4093822299f31d0ull, h3 = 0x082efa98ec4e6c89ull;
	size_t i, words = n / 8;

	for (i = 0; i + 4 <= words; i += 4) {
		h0 = (h0 ^ w[i]) * 0x9e3779b97f4a7c15ull;
		h1 = (h1 ^ w[i + 1]) * 0xc2b2ae3d27d4eb4full;
		h2 = (h2 ^ w[i + 2]) * 0x165667b19e3779f9ull;
		h3 = (h3 ^ w[i + 3]) * 0x27d4eb2f165667c5ull;
		h0 ^= h0 >> 29;
		h1 ^= h1 >> 31;
		h2 ^= h2 >> 27;
		h3 ^= h3 >> 33;
	}
	for (; i < words; i++)
		h0 = (h0 ^ w[i]) * 0x9e3779b97f4a7c15ull;
	h0 ^= h1 * 0xbf58476d1ce4e5b9ull;
	h0 ^= h2 * 0x94d049bb133111ebull;
	h0 ^= h3 * 0x9e3779b97f4a7c15ull;
	h0 ^= h0 >> 32;
	h0 *= 0xbf58476d1ce4e5b9ull;
	h0 ^= h0 >> 31;
	return h0 ? h0 : 1;
}

/*
 * The checker's abstraction: fields that only count or label (samples,
 * overflows, counted cycles, wakeups, records, slice numbers) never steer
 * the modelled code; zeroing them lets states that differ only there
 * merge.  Time does not pass in the checker, so clocks stay 0.
 */
static void mc_normalize(struct aux_state *s)
{
	for (int i = 0; i < MAX_EVENTS; i++) {
		struct perf_event *e = &s->event[i];

		e->nr_samples = e->nr_overflows = 0;
		e->count = e->freq_count_stamp = 0;
	}
	for (int i = 0; i < MAX_RB; i++) {
		s->rb[i].nr_wakeups = 0;
		s->rb[i].nr_aux_records = 0;
		s->rb[i].nr_truncated = 0;
	}
	for (int i = 0; i < MAX_TASKS; i++)
		if (s->task[i].slice)
			s->task[i].slice = 1;
	s->next_slice = 1;
	s->tool.nr_snapshots = 0;
	s->tool.snapshot_bytes = 0;
}

/*
 * 1: go on from here; 0: seen as shallow or shallower; -1: table full.
 * Slots of earlier (shallower) iterations are not cleared: their iteration
 * stamp says they must be expanded again, and every iteration reaches
 * them again.
 */
static int mc_visit(struct mc *mc, uint64_t h, int depth)
{
	uint64_t i = h & mc->mask;

	for (uint64_t probe = 0; probe < 64; probe++, i = (i + 1) & mc->mask) {
		struct mc_slot *sl = &mc->table[i];

		if (!sl->hash) {
			if (mc->nr_slots * 10 > (mc->mask + 1) * 9)
				return -1;
			sl->hash = h;
			sl->depth = (uint32_t)depth;
			sl->iter = mc->iter;
			mc->nr_slots++;
			mc->iter_states++;
			return 1;
		}
		if (sl->hash != h)
			continue;
		if (sl->iter != mc->iter) { /* from a shallower iteration */
			sl->iter = mc->iter;
			sl->depth = (uint32_t)depth;
			mc->iter_states++;
			return 1;
		}
		if ((int)sl->depth <= depth)
			return 0;
		sl->depth = (uint32_t)depth;
		return 1;
	}
	return -1;
}

/* ---- steps ---- */

static int budget_of(const struct step *st)
{
	switch (st->kind) {
	case STEP_TICK:
		return B_TICK;
	case STEP_OVERFLOW:
		return B_OVERFLOW;
	case STEP_SWITCH:
		return B_SCHED;
	case STEP_IOCTL_DISABLE:
	case STEP_IOCTL_ENABLE:
		return B_IOCTL;
	case STEP_SNAPSHOT:
		return B_SNAPSHOT;
	default:
		return B_MUNMAP;
	}
}

/* every step a scenario can take (enabled or not), NMIs last */
static int mc_candidates(const struct aux_model *m, const uint8_t *bound,
			 struct step *out, int max)
{
	const struct perf_tool *tool = &m->s.tool;
	int n = 0, base;

#define ADD(k, c, a)                                                   \
	do {                                                           \
		if (n < max)                                           \
			out[n++] = (struct step){ .kind = (k),         \
						  .cpu = (int8_t)(c),  \
						  .arg = (int8_t)(a),  \
						  .nmi_evsel = -1 };   \
	} while (0)
	for (int c = 0; c < m->s.nr_cpus; c++) {
		if (bound[B_OVERFLOW])
			for (int e = 0; e < tool->nr_evsel; e++)
				ADD(STEP_OVERFLOW, c, e);
		if (bound[B_TICK])
			ADD(STEP_TICK, c, -1);
		if (bound[B_SCHED])
			for (int t = -1; t < MAX_TASKS; t++)
				if (t < 0 || m->s.task[t].in_use)
					ADD(STEP_SWITCH, c, t);
	}
	if (bound[B_IOCTL])
		for (int e = 0; e < tool->nr_evsel; e++)
			if (tool->evsel_leader[e] == e) {
				ADD(STEP_IOCTL_DISABLE, -1, e);
				ADD(STEP_IOCTL_ENABLE, -1, e);
			}
	if (bound[B_SNAPSHOT])
		ADD(STEP_SNAPSHOT, -1, -1);
	if (bound[B_MUNMAP])
		ADD(STEP_MUNMAP, -1, -1);
	base = n;
	/* the same steps with an NMI of a counter landing inside them */
	if (bound[B_NMI] && m->pmi_nmi)
		for (int i = 0; i < base; i++) {
			if (out[i].kind == STEP_OVERFLOW)
				continue;
			for (int e = 0; e < tool->nr_evsel; e++)
				for (int p = 0; p < NR_IRQ_POINTS; p++)
					if (n < max) {
						out[n] = out[i];
						out[n].nmi_evsel = (int8_t)e;
						out[n].nmi_point = (uint8_t)p;
						n++;
					}
		}
#undef ADD
	return n;
}

/* apply @st to a copy of @from in mc->work.s, the bounds used into @used;
 * -1 if the step is not enabled, over its bound, or an NMI that did not
 * land (the same state as the step without it) */
static int mc_apply(struct mc *mc, const struct mc_state *from,
		    const struct step *st, uint8_t *used)
{
	struct aux_model *m = &mc->work;
	int b = budget_of(st);

	if (from->used[b] >= mc->bound[b])
		return -1;
	if (st->nmi_evsel >= 0 && from->used[B_NMI] >= mc->bound[B_NMI])
		return -1;
	m->s = from->s;
	if (!step__enabled(m, st))
		return -1;
	step__apply(m, st);
	if (st->nmi_evsel >= 0 && !m->nmi_landed)
		return -1;
	mc_normalize(&m->s);
	memcpy(used, from->used, NR_BUDGETS);
	used[b]++;
	used[B_NMI] += st->nmi_evsel >= 0;
	return 0;
}

static uint64_t mc_state_hash(const struct aux_state *s, const uint8_t *used)
{
	uint64_t u;

	memcpy(&u, used, sizeof(u));
	return mc_hash(s, sizeof(*s)) ^ (u * 0xd6e8feb86659fd93ull);
}

/* apply @st to a copy of @from into @to; -1 if not enabled */
static int mc_successor(struct mc *mc, const struct mc_state *from,
			const struct step *st, struct mc_state *to)
{
	if (mc_apply(mc, from, st, to->used))
		return -1;
	to->s = mc->work.s;
	return 0;
}

/* ---- depth-first search to mc->limit ---- */

static void mc_dfs(struct mc *mc, int depth)
{
	struct step cand[256];
	struct mc_state *from = &mc->stack[depth];
	struct mc_state *to = &mc->stack[depth + 1];
	int n;

	if (depth > mc->res->stats.depth)
		mc->res->stats.depth = depth;
	if (depth >= mc->limit || mc->stop)
		return;
	mc->work.s = from->s;
	n = mc_candidates(&mc->work, mc->bound, cand, 256);
	for (int i = 0; i < n && !mc->stop; i++) {
		uint8_t used[NR_BUDGETS];
		int inv, cpu, v;

		if (mc_apply(mc, from, &cand[i], used))
			continue;
		mc->res->stats.transitions++;
		mc->path[depth] = cand[i];
		inv = invariant__check(&mc->work, &from->s, mc->cfg->enabled,
				       &cpu);
		if (inv >= 0) {
			struct mc_violation *viol = &mc->res->v;

			viol->invariant = inv;
			viol->cpu = cpu;
			viol->length = depth + 1;
			memcpy(viol->steps, mc->path,
			       (size_t)(depth + 1) * sizeof(mc->path[0]));
			mc->res->violated = true;
			mc->stop = true;
			return;
		}
		v = mc_visit(mc, mc_state_hash(&mc->work.s, used), depth + 1);
		if (v < 0) {
			mc->res->stats.table_full = true;
			mc->stop = true;
			return;
		}
		if (v > 0) {
			/* new (or reached shallower): copy it and go on */
			to->s = mc->work.s;
			memcpy(to->used, used, NR_BUDGETS);
			mc_dfs(mc, depth + 1);
		}
	}
}

/* ---- random walks (swarm) ---- */

static uint64_t mc_rand(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static bool mc_walk_violates(struct mc *mc, const struct step *steps, int nr,
			     int want, struct step *kept, int *nkept)
{
	struct mc_state *from = &mc->stack[0], *to = &mc->stack[1];
	struct mc_state base = mc->stack[0];
	int cpu, k = 0;
	bool hit = false;

	for (int i = 0; i < nr; i++) {
		if (mc_successor(mc, from, &steps[i], to))
			continue;
		kept[k++] = steps[i];
		mc->work.s = to->s;
		if (invariant__check(&mc->work, &from->s, mc->cfg->enabled,
				     &cpu) == want) {
			hit = true;
			break;
		}
		*from = *to;
	}
	mc->stack[0] = base;
	*nkept = k;
	return hit;
}

/* greedy shrinking: drop every step the violation does not need */
static void mc_shrink(struct mc *mc, struct mc_violation *v)
{
	struct step trial[MC_MAX_DEPTH], kept[MC_MAX_DEPTH];
	int nkept;

	for (int i = v->length - 1; i >= 0; i--) {
		int n = 0;

		for (int j = 0; j < v->length; j++)
			if (j != i)
				trial[n++] = v->steps[j];
		if (mc_walk_violates(mc, trial, n, v->invariant, kept, &nkept)) {
			memcpy(v->steps, kept, (size_t)nkept * sizeof(kept[0]));
			v->length = nkept;
		}
	}
}

static void mc_random(struct mc *mc)
{
	struct mc_result *res = mc->res;
	uint64_t rng = mc->cfg->seed;

	for (uint64_t r = 0; r < mc->cfg->runs && !res->violated; r++) {
		struct mc_state *from = &mc->stack[0];
		struct mc_state start = mc->stack[0];
		bool kinds[NR_STEP_KINDS];
		struct step cand[256];
		int any = 0;

		/* swarm: this run's mix of step kinds */
		for (int k = 0; k < NR_STEP_KINDS; k++)
			any += kinds[k] = mc_rand(&rng) & 1;
		if (!any)
			kinds[STEP_OVERFLOW] = kinds[STEP_TICK] = true;
		for (int d = 0; d < mc->depth_bound; d++) {
			struct step ok[256];
			int n, nok = 0, inv, cpu;
			struct mc_state *to = &mc->stack[1];

			mc->work.s = from->s;
			n = mc_candidates(&mc->work, mc->bound, cand, 256);
			for (int i = 0; i < n; i++)
				if (kinds[cand[i].kind] &&
				    !mc_successor(mc, from, &cand[i], to))
					ok[nok++] = cand[i];
			if (!nok)
				break;
			mc->path[d] = ok[mc_rand(&rng) % (uint64_t)nok];
			mc_successor(mc, from, &mc->path[d], to);
			res->stats.transitions++;
			mc->work.s = to->s;
			inv = invariant__check(&mc->work, &from->s,
					       mc->cfg->enabled, &cpu);
			if (inv >= 0) {
				res->violated = true;
				res->v.invariant = inv;
				res->v.cpu = cpu;
				res->v.length = d + 1;
				memcpy(res->v.steps, mc->path,
				       (size_t)(d + 1) * sizeof(mc->path[0]));
				break;
			}
			*from = *to;
			if (d + 1 > res->stats.depth)
				res->stats.depth = d + 1;
		}
		mc->stack[0] = start;
		res->stats.states++;
	}
	if (res->violated)
		mc_shrink(mc, &res->v);
}

/* ---- entry points ---- */

static double now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int mc_init(struct mc *mc, const struct auxsim_scenario *scn,
		   const struct sim_config *cfg, char *err, int errlen)
{
	const struct scn_check *b = &scn->check;
	int ret;

	if (!b->set) {
		snprintf(err, errlen, "the scenario has no 'check' line "
				      "giving the bounds");
		return -EINVAL;
	}
	ret = sim__start(scn, cfg, &mc->work, err, errlen);
	if (ret)
		return ret;
	memset(&mc->stack[0], 0, sizeof(mc->stack[0]));
	mc_normalize(&mc->work.s);
	mc->stack[0].s = mc->work.s;
	mc->bound[B_TICK] = b->tick;
	mc->bound[B_OVERFLOW] = b->overflow;
	mc->bound[B_SCHED] = b->sched;
	mc->bound[B_IOCTL] = b->ioctl;
	mc->bound[B_SNAPSHOT] = b->snapshot;
	mc->bound[B_MUNMAP] = b->munmap;
	mc->bound[B_NMI] = b->nmi;
	mc->depth_bound = b->depth < MC_MAX_DEPTH ? b->depth : MC_MAX_DEPTH;
	return 0;
}

int mc__check(const struct auxsim_scenario *scn, const struct sim_config *cfg,
	      const struct mc_config *cfgm, struct mc_result *res, char *err,
	      int errlen)
{
	struct mc *mc = calloc(1, sizeof(*mc));
	double t0 = now_seconds();
	uint64_t cap = 1;
	int ret;

	if (!mc) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	memset(res, 0, sizeof(*res));
	mc->scn = scn;
	mc->cfg = cfgm;
	mc->res = res;
	ret = mc_init(mc, scn, cfg, err, errlen);
	if (ret)
		goto out;
	/* the initial state (a zero parent: WARNs of the set-up count) */
	{
		struct aux_state *zero = calloc(1, sizeof(*zero));
		int cpu, inv;

		if (!zero) {
			ret = -ENOMEM;
			goto out;
		}
		mc->work.s = mc->stack[0].s;
		inv = invariant__check(&mc->work, zero, cfgm->enabled, &cpu);
		free(zero);
		if (inv >= 0) {
			res->violated = true;
			res->v.invariant = inv;
			res->v.cpu = cpu;
			res->v.length = 0;
			goto done;
		}
	}
	if (cfgm->mode == MC_RANDOM) {
		mc_random(mc);
		res->stats.complete = false;
		goto done;
	}
	while (cap < cfgm->max_states)
		cap <<= 1;
	mc->table = calloc(cap, sizeof(*mc->table));
	if (!mc->table) {
		snprintf(err, errlen, "cannot allocate the visited table "
				      "(%llu slots)",
			 (unsigned long long)cap);
		ret = -ENOMEM;
		goto out;
	}
	mc->mask = cap - 1;
	mc->iter = 1;
	for (int limit = cfgm->mode == MC_DFS ? mc->depth_bound : 1;
	     limit <= mc->depth_bound; limit++) {
		mc->limit = limit;
		mc->iter++;
		mc->iter_states = 0;
		mc_visit(mc, mc_state_hash(&mc->stack[0].s, mc->stack[0].used),
			 0);
		res->stats.transitions = 0;
		res->stats.depth = 0;
		mc_dfs(mc, 0);
		res->stats.states = mc->iter_states;
		if (mc->stop)
			break;
	}
	res->stats.complete = !res->violated && !res->stats.table_full;
done:
	res->stats.seconds = now_seconds() - t0;
	ret = 0;
out:
	free(mc->table);
	free(mc);
	return ret;
}

/* ---- replay ---- */

struct replay {
	FILE *f;
	struct sim_result res; /* for report__splat() */
	int nrecs;
};

static void rp_warn(struct aux_model *m, const struct aux_warning *w)
{
	struct replay *rp = m->priv;
	struct sim_warning sw = { .w = *w };
	int t = m->s.cpu[w->cpu].curr;

	if (m->in_tool) {
		snprintf(sw.comm, sizeof(sw.comm), "perf");
		sw.pid = 2000;
	} else if (t >= 0) {
		snprintf(sw.comm, sizeof(sw.comm), "%s",
			 rp->res.scn->tasks[t].comm);
		sw.pid = m->s.task[t].pid;
	} else {
		snprintf(sw.comm, sizeof(sw.comm), "swapper/%d", w->cpu);
	}
	report__splat(rp->f, &rp->res, &sw);
}

static void rp_record(struct aux_model *m, const struct aux_record *r)
{
	struct replay *rp = m->priv;
	static const char *const names[] = {
		[PERF_RECORD_THROTTLE] = "PERF_RECORD_THROTTLE",
		[PERF_RECORD_UNTHROTTLE] = "PERF_RECORD_UNTHROTTLE",
		[PERF_RECORD_AUX] = "PERF_RECORD_AUX",
		[PERF_RECORD_ITRACE_START] = "PERF_RECORD_ITRACE_START",
	};

	if (r->type < sizeof(names) / sizeof(names[0]) && names[r->type])
		fprintf(rp->f, "        cpu%d %s%s\n", r->cpu, names[r->type],
			r->type == PERF_RECORD_AUX ?
				(r->flags & PERF_AUX_FLAG_TRUNCATED ? " [T]" :
								      "") :
				"");
	rp->nrecs++;
}

static void rp_log(struct aux_model *m, const char *line)
{
	struct replay *rp = m->priv;

	fprintf(rp->f, "        %s\n", line);
}

static const struct aux_observer replay_observer = {
	.record = rp_record,
	.warn = rp_warn,
	.log = rp_log,
};

int mc__replay(FILE *f, const struct auxsim_scenario *scn,
	       const struct sim_config *cfg, const struct step *steps, int nr,
	       const bool *enabled)
{
	struct aux_model *m = calloc(1, sizeof(*m));
	struct replay rp = { .f = f };
	const char *names[MAX_EVSEL];
	char err[256], line[256];
	int inv = -1, cpu;

	if (!m)
		return -1;
	if (sim__start(scn, cfg, m, err, sizeof(err))) {
		fprintf(f, "auxsim: %s\n", err);
		free(m);
		return -1;
	}
	rp.res.scn = scn;
	rp.res.mc = m->mc;
	rp.res.kernel = m->kernel;
	rp.res.perf = m->perf;
	m->obs = &replay_observer;
	m->priv = &rp;
	m->log = cfg->log;
	for (int i = 0; i < scn->rec.nr_events && i < MAX_EVSEL; i++)
		names[i] = scn->rec.events[i].text;
	{
		struct aux_state *zero = calloc(1, sizeof(*zero));

		if (zero)
			inv = invariant__check(m, zero, enabled, &cpu);
		free(zero);
		if (inv >= 0) {
			fprintf(f, "   0  the initial state (perf record "
				   "started)\n        => violates %s: %s\n",
				invariants[inv].id, invariants[inv].what);
			free(m);
			return inv;
		}
	}
	for (int i = 0; i < nr; i++) {
		struct aux_state parent = m->s;

		step__describe(line, sizeof(line), &steps[i], names,
			       scn->rec.nr_events);
		fprintf(f, "%4d  %s\n", i + 1, line);
		if (step__apply(m, &steps[i])) {
			fprintf(f, "        (not enabled here: skipped)\n");
			continue;
		}
		if (steps[i].nmi_evsel >= 0 && !m->nmi_landed)
			fprintf(f, "        (the NMI did not land)\n");
		inv = invariant__check(m, &parent, enabled, &cpu);
		if (inv >= 0) {
			char on[24] = "";

			if (cpu >= 0)
				snprintf(on, sizeof(on), " on cpu%d", cpu);
			fprintf(f, "        => violates %s%s: %s\n",
				invariants[inv].id, on, invariants[inv].what);
			break;
		}
	}
	free(m);
	return inv;
}
