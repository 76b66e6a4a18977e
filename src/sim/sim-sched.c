// SPDX-License-Identifier: GPL-2.0
/*
 * sim-sched.c - the timed driver's scheduler (sim-priv.h): scheduling
 * slices, and the seeded random scheduler that starts and ends them
 * (slice lengths, gaps, migrations between the allowed CPUs).
 */
#include <stdio.h>
#include <string.h>

#include "tools/perf/perf.h"
#include "sim/sim-priv.h"

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

/* ---- slices ---- */

void sim__slice_begin(struct sim *sim, int ti, int cpu, const char *label)
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

void sim__slice_end(struct sim *sim, int ti)
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

void sim__random_switch_in(struct sim *sim, int ti)
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
		uint64_t gap =
			rng_range(&sim->rng, sc->gap_min_ns, sc->gap_max_ns);

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
	sim__slice_begin(sim, ti, cpu, NULL);
	st->t_next = after(now, len ? len : 1);
}

void sim__random_switch_out(struct sim *sim, int ti)
{
	const struct scn_sched *sc = &sim->scn->sched;
	const struct scn_task *t = &sim->scn->tasks[ti];
	struct sim_task *st = &sim->task[ti];
	uint64_t now = sim->m.s.time_ns;

	sim__slice_end(sim, ti);
	if (t->kind == SCN_TASK_RUN_SLEEP && !st->run_left)
		st->t_next = after(now, t->sleep_ns ? t->sleep_ns : 1);
	else
		st->t_next = after(now, rng_range(&sim->rng, sc->gap_min_ns,
						  sc->gap_max_ns));
}
