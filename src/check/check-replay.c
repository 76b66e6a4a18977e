// SPDX-License-Identifier: GPL-2.0
/*
 * check-replay.c - a counterexample replayed on the model from the
 * scenario's initial state (mc__replay(), check.h): each step described,
 * with the records and WARN splats it produces and the invariant it breaks.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "check/check-internal.h"
#include "lib/wrap.h"
#include "output/report.h"

struct replay {
	FILE *f;
	struct sim_result res; /* for report__splat() */
	int nrecs;
};

static void rp_warn(struct aux_model *m, const struct aux_warning *w)
{
	struct replay *rp = m->priv;
	struct sim_warning sw = {.w = *w};
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
			r->type == PERF_RECORD_AUX
				? (r->flags & PERF_AUX_FLAG_TRUNCATED ? " [T]"
								      : "")
				: "");
	rp->nrecs++;
}

static void rp_log(struct aux_model *m, const char *line)
{
	struct replay *rp = m->priv;

	wrap__printf(rp->f, WRAP_HANG, "        %s", line);
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
	struct mc_replay_result r;

	mc__replay_result(f, scn, cfg, steps, nr, enabled, &r);
	return r.invariant;
}

int mc__replay_result(FILE *f, const struct auxsim_scenario *scn,
		      const struct sim_config *cfg, const struct step *steps,
		      int nr, const bool *enabled, struct mc_replay_result *r)
{
	struct aux_model *m = calloc(1, sizeof(*m));
	struct replay rp = {.f = f};
	const char *names[MAX_EVSEL];
	char err[256], line[256];
	int inv = -1, cpu;

	*r = (struct mc_replay_result){.invariant = -1, .cpu = -1};
	if (!m)
		return -ENOMEM;
	inv = sim__start(scn, cfg, m, err, sizeof(err));
	if (inv) {
		fprintf(f, "auxsim: %s\n", err);
		free(m);
		return inv < 0 ? inv : -EINVAL;
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
	if (cfg->log)
		model__log_key(f, "", names,
			       scn->rec.nr_events < MAX_EVSEL
				       ? scn->rec.nr_events
				       : MAX_EVSEL,
			       m->s.tool.target == TARGET_PER_THREAD);
	{
		struct aux_state *zero = calloc(1, sizeof(*zero));

		if (zero)
			inv = invariant__check(m, zero, enabled, &cpu);
		free(zero);
		if (inv >= 0) {
			fprintf(f,
				"   0  the initial state (perf record "
				"started)\n        => violates %s: %s\n",
				invariants[inv].id, invariants[inv].broken);
			r->invariant = inv;
			r->cpu = cpu;
			free(m);
			return 0;
		}
	}
	for (int i = 0; i < nr; i++) {
		struct aux_state parent = m->s;

		r->step = i + 1;
		step__describe(line, sizeof(line), &steps[i], names,
			       scn->rec.nr_events);
		wrap__printf(f, 10, "%4d  %s", i + 1, line);
		if (step__apply(m, &steps[i])) {
			fprintf(f, "        (not enabled here: skipped)\n");
			r->skipped++;
			continue;
		}
		if (steps[i].nmi_evsel >= 0 && !m->nmi_landed)
			fprintf(f, "        (the NMI did not land)\n");
		inv = invariant__check(m, &parent, enabled, &cpu);
		if (inv >= 0) {
			char on[24] = "";

			if (cpu >= 0)
				snprintf(on, sizeof(on), " on cpu%d", cpu);
			wrap__printf(f, WRAP_HANG, "        => violates %s%s: %s",
				     invariants[inv].id, on,
				     invariants[inv].broken);
			r->invariant = inv;
			r->cpu = cpu;
			break;
		}
	}
	free(m);
	return 0;
}
