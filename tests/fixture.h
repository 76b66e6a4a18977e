/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fixture.h - a modelled machine for unit tests: a model with an observer
 * that keeps what the kernel side emitted (records, WARNs, AUX reads), plus
 * helpers to open perf record's events the way record__open() does.
 *
 * Tests call the modelled kernel functions directly and assert on the state
 * (fx->m.s) and on what was emitted.
 */
#ifndef AUXSIM_FIXTURE_H
#define AUXSIM_FIXTURE_H

#include <string.h>

#include "model/model.h"
#include "tools/perf/perf.h"
#include "tap.h"

#define FX_MAX_RECS 256
#define FX_MAX_WARNS 32
#define FX_MAX_READS 32

struct fixture {
	struct aux_model m;
	struct machine mc; /* a copy, so a test can remove an ETM */
	struct aux_record recs[FX_MAX_RECS];
	int nrecs;
	struct aux_warning warns[FX_MAX_WARNS];
	int nwarns;
	struct aux_read reads[FX_MAX_READS];
	struct extent read_ext[FX_MAX_READS][8];
	int read_nr[FX_MAX_READS];
	int nreads;
	char msg[256]; /* last perf message */
};

static void fx_record(struct aux_model *m, const struct aux_record *r)
{
	struct fixture *fx = m->priv;

	if (fx->nrecs < FX_MAX_RECS)
		fx->recs[fx->nrecs++] = *r;
}

static void fx_warn(struct aux_model *m, const struct aux_warning *w)
{
	struct fixture *fx = m->priv;

	if (fx->nwarns < FX_MAX_WARNS)
		fx->warns[fx->nwarns++] = *w;
}

static void fx_auxtrace(struct aux_model *m, const struct aux_read *rd,
			const struct extent *ext, int nr)
{
	struct fixture *fx = m->priv;

	if (fx->nreads >= FX_MAX_READS)
		return;
	fx->reads[fx->nreads] = *rd;
	fx->read_nr[fx->nreads] = nr;
	for (int i = 0; i < nr && i < 8; i++)
		fx->read_ext[fx->nreads][i] = ext[i];
	fx->nreads++;
}

static void fx_tool(struct aux_model *m, const char *line)
{
	struct fixture *fx = m->priv;

	snprintf(fx->msg, sizeof(fx->msg), "%s", line);
}

static const struct aux_observer fx_observer = {
	.record = fx_record,
	.warn = fx_warn,
	.auxtrace = fx_auxtrace,
	.tool = fx_tool,
};

/* Machine @mc_name with @kernel/@perf variants and @kpatch patch bits. */
static inline void fx_init_machine(struct fixture *fx, const char *mc_name,
				   const char *kernel, uint32_t kpatch,
				   const char *perf)
{
	memset(fx, 0, sizeof(*fx));
	fx->mc = *machine__find(mc_name);
	aux_model__init(&fx->m, &fx->mc, variant__find_kernel(kernel), kpatch,
			variant__find_perf(perf));
	fx->m.obs = &fx_observer;
	fx->m.priv = fx;
	fx->m.s.tool.pid = 2000;
	fx->m.s.task[0].in_use = 1;
	fx->m.s.task[0].pid = 2001;
	fx->m.s.task[0].traced = 1;
	fx->m.s.task[1].in_use = 1;
	fx->m.s.task[1].pid = 2002;
}

/* A Juno with @kernel/@perf variants and @kpatch patch bits. */
static inline void fx_init(struct fixture *fx, const char *kernel,
			   uint32_t kpatch, const char *perf)
{
	fx_init_machine(fx, "juno", kernel, kpatch, perf);
}

/* perf record [-S] [-a|--per-thread] with an AUX area of @aux_pages pages
 * (0: perf's default), root.  Returns record__open()'s result. */
static inline int fx_record_open(struct fixture *fx, bool snapshot,
				 enum perf_target target, uint64_t aux_pages)
{
	struct record_opts opts = {
		.auxtrace_snapshot_mode = snapshot,
		.auxtrace_mmap_pages = aux_pages,
		.mmap_pages = UINT_MAX_PAGES,
		.target = target,
		.privileged = true,
		.nr_evsel = 1,
	};

	opts.evsel[0].attr.pmu = PMU_CS_ETM;
	opts.evsel[0].leader = -1;
	opts.evsel[0].group = -1;
	snprintf(opts.evsel[0].name, sizeof(opts.evsel[0].name), "cs_etm//");
	return record__open(&fx->m, &opts, 0);
}

static inline int fx_count(const struct fixture *fx, uint32_t type)
{
	int n = 0;

	for (int i = 0; i < fx->nrecs; i++)
		n += fx->recs[i].type == type;
	return n;
}

static inline const struct aux_record *fx_last(const struct fixture *fx,
					       uint32_t type)
{
	for (int i = fx->nrecs - 1; i >= 0; i--)
		if (fx->recs[i].type == type)
			return &fx->recs[i];
	return NULL;
}

/* run task 0 on @cpu (switching out whatever ran there) */
static inline void fx_run(struct fixture *fx, int cpu)
{
	int cur = fx->m.s.task[0].cpu;

	if (cur >= 0 && cur != cpu)
		sched__switch(&fx->m, cur, -1, 0);
	sched__switch(&fx->m, cpu, 0, fx->m.s.next_slice++);
}

/* let @ns of time pass with the ETMs emitting */
static inline void fx_advance(struct fixture *fx, uint64_t ns)
{
	trace__advance(&fx->m, ns);
}

#endif /* AUXSIM_FIXTURE_H */
