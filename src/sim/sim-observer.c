// SPDX-License-Identifier: GPL-2.0
/*
 * sim-observer.c - what the timed driver records of a run (sim-priv.h): the
 * model's observer, which collects every record, WARN, AUX read, log line
 * and perf message into the struct sim_result, and the tracer state of
 * each CPU as it changes.
 */
#include <stdio.h>
#include <string.h>

#include "sim/sim-priv.h"

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
static size_t push_line(struct sim_result *res, char ***arr, int *n, int *cap,
			uint64_t t, const char *line)
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

	sim->guard.str_bytes += push_line(res, &res->log, &res->nlog,
					  &res->caplog, m->s.time_ns, line);
}

void sim__obs_tool(struct aux_model *m, const char *line)
{
	struct sim_result *res = SIM(m)->res;

	res->msgs = grow(res->msgs, &res->capmsgs, res->nmsgs + 1,
			 sizeof(*res->msgs));
	res->msgs[res->nmsgs++] = xstrdup(line);
	SIM(m)->guard.str_bytes += strlen(line) + 1;
}

/* an NMI armed for this CPU and interrupt point lands here */
static void obs_irq_point(struct aux_model *m, enum irq_point ip)
{
	struct sim *sim = SIM(m);
	int cpu = m->this_cpu;
	int ev = sim->nmi_event[cpu];

	if (ev < 0 || sim->nmi_point[cpu] != ip || !sim->pmi_nmi)
		return;
	sim->nmi_event[cpu] = -1;
	sim__deliver_overflow(sim, cpu, ev, true);
}

const struct aux_observer sim_observer = {
	.record = obs_record,
	.warn = obs_warn,
	.auxtrace = obs_auxtrace,
	.log = obs_log,
	.tool = sim__obs_tool,
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
	h = e->pmu == PMU_ARM_SPE ? &m->s.spe[cpu].handle
				  : &m->s.etm_ctxt[cpu].handle;
	/* a transaction is open on the rb but no handle holds it: the
	 * orphan a failed nested begin leaves; no begin can succeed again */
	bool tracing;

	if (rb && rb->aux_nest && h->event != ev)
		return TRACER_DEAD;
	tracing = e->pmu == PMU_ARM_SPE ? m->s.spe[cpu].enabled
					: m->s.etm[cpu].enabled;
	if (e->hw_interrupts == MAX_INTERRUPTS)
		return tracing ? TRACER_THROTTLED_TRACING : TRACER_THROTTLED;
	if (e->hw_state & PERF_HES_STOPPED)
		return TRACER_STOPPED;
	if (e->pmu == PMU_CS_ETM && m->s.etm[cpu].paused)
		return e->ghost_user_paused ? TRACER_PAUSED
					    : TRACER_PAUSED_NOT_USER;
	if (!tracing)
		return TRACER_STOPPED;
	return e->ghost_user_paused ? TRACER_TRACING_USER_PAUSED
				    : TRACER_TRACING;
}

void sim__tracer_note(struct sim *sim)
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
