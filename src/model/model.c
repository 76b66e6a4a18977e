// SPDX-License-Identifier: GPL-2.0
/*
 * model.c - model state initialisation, the invariant check, and the
 * kernel-side plumbing every modelled function uses: the call stack that a
 * WARN splat prints, WARN_ON/WARN_ON_ONCE, and record emission.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "model/model.h"
#include "lib/wrap.h"

/*
 * The WARN sites the model has, with the source line in each modelled
 * kernel (0 where the site does not exist in that version or the line was
 * not verified; docs/kernel-sources.md says which).
 */
const struct warn_site_desc warn_sites[NR_WARN_SITES] = {
	[WARN_AUX_NEST] = { "perf_aux_output_begin",
			    "kernel/events/ring_buffer.c", 403, 406, 415,
			    "WARN_ON_ONCE(rb->aux_nest)" },
	[WARN_AUX_FLAG_OVERWRITE] = { "perf_aux_output_flag",
				      "kernel/events/ring_buffer.c", 340, 343, 0,
				      "WARN_ON_ONCE(flags & PERF_AUX_FLAG_OVERWRITE)" },
	[WARN_ETM_START_CTXT_BUSY] = { "etm_event_start",
				       "drivers/hwtracing/coresight/coresight-etm-perf.c",
				       0, 0, 0, "WARN_ON(ctxt->event_data)" },
	[WARN_ETM_STOP_AUX_MISMATCH] = { "etm_event_stop",
					 "drivers/hwtracing/coresight/coresight-etm-perf.c",
					 0, 0, 0,
					 "WARN_ON(perf_get_aux(handle) != ctxt->event_data)" },
	[WARN_ETM_STOP_NO_EVENT_DATA] = { "etm_event_stop",
					  "drivers/hwtracing/coresight/coresight-etm-perf.c",
					  0, 0, 0, "WARN_ON(!event_data)" },
	[WARN_ETM_STOP_HANDLE_EVENT] = { "etm_event_stop",
					 "drivers/hwtracing/coresight/coresight-etm-perf.c",
					 0, 0, 0, "WARN_ON_ONCE(handle->event != event)" },
	[WARN_ETM_STOP_SIZE] = { "etm_event_stop",
				 "drivers/hwtracing/coresight/coresight-etm-perf.c",
				 0, 0, 0, "WARN_ON(size)" },
	[WARN_ETR_PERF_BUF] = { "tmc_update_etr_buffer",
				"drivers/hwtracing/coresight/coresight-tmc-etr.c",
				0, 0, 0, "WARN_ON(drvdata->perf_buf != etr_buf)" },
	[WARN_ETR_ENABLE_NO_BUF] = { "tmc_enable_etr_sink_perf",
				     "drivers/hwtracing/coresight/coresight-tmc-etr.c",
				     0, 0, 0,
				     "WARN_ON(!etr_perf || !etr_perf->etr_buf)" },
	[WARN_ETR_DISABLE_MODE] = { "tmc_disable_etr_sink",
				    "drivers/hwtracing/coresight/coresight-tmc-etr.c",
				    0, 0, 0,
				    "WARN_ON_ONCE(drvdata->mode == CS_MODE_DISABLED)" },
	[WARN_AUX_REFCOUNT] = { "perf_mmap_close", "kernel/events/core.c", 0,
				0, 0, "WARN_ON_ONCE(refcount_read(&rb->aux_refcount))" },
	[WARN_CTX_TASK_CTX] = { "ctx_sched_out", "kernel/events/core.c", 0, 0, 0,
				"WARN_ON_ONCE(cpuctx->task_ctx != ctx)" },
	[WARN_AUX_PAUSE_NO_EVENT] = { "perf_event_aux_pause",
				      "kernel/events/core.c", 0, 0, 0,
				      "WARN_ON_ONCE(!event)" },
	[WARN_ETM_PAUSE_HANDLE] = { "etm_event_pause",
				    "drivers/hwtracing/coresight/coresight-etm-perf.c",
				    0, 0, 0, "WARN_ON_ONCE(handle->event != event)" },
	[WARN_ETM_NO_SINK] = { "etm_event_start",
			       "drivers/hwtracing/coresight/coresight-etm-perf.c",
			       0, 0, 0, "WARN_ON_ONCE(!sink)" },
	[WARN_ETM_PAUSE_NO_SINK] = { "etm_event_pause",
				     "drivers/hwtracing/coresight/coresight-etm-perf.c",
				     0, 0, 0, "WARN_ON_ONCE(!sink)" },
	[WARN_ETM_PAUSE_SIZE] = { "etm_event_pause",
				  "drivers/hwtracing/coresight/coresight-etm-perf.c",
				  0, 0, 0, "WARN_ON_ONCE(size)" },
};

int warn_site__line(enum warn_site site, const struct kernel_variant *k)
{
	const struct warn_site_desc *d = &warn_sites[site];

	if (!strcmp(k->name, "v5.12"))
		return d->line_v5_12;
	if (!strcmp(k->name, "v6.1"))
		return d->line_v6_1;
	return d->line_v7_1;
}

bool model__warn_on(struct aux_model *m, bool cond, enum warn_site site,
		    bool once)
{
	struct aux_warning w;
	int d;

	if (!cond)
		return false;
	m->s.nr_warnings++;
	if (once && (m->s.warned & (1u << site)))
		return true;
	m->s.warned |= 1u << site;
	if (!m->obs || !m->obs->warn)
		return true;
	memset(&w, 0, sizeof(w));
	w.site = site;
	w.cpu = m->this_cpu;
	w.time_ns = m->s.time_ns;
	d = m->depth < AUX_MAX_STACK ? m->depth : AUX_MAX_STACK;
	for (int i = 0; i < d; i++)
		w.stack[i] = m->stack[d - 1 - i];
	w.depth = d;
	m->obs->warn(m, &w);
	return true;
}

void model__emit(struct aux_model *m, struct aux_record *r)
{
	r->time_ns = m->s.time_ns;
	if (r->cpu == 0 && m->this_cpu > 0)
		r->cpu = (int8_t)m->this_cpu;
	if (m->obs && m->obs->record)
		m->obs->record(m, r);
}

/*
 * The user's name for the model's event slot @ev: "e1/cpu1", the K-th -e
 * of perf record's line (from 0, as steps number them) opened on cpuN, or
 * "e1" for a --per-thread event (one per -e); "" when the slot is none of
 * perf's.
 */
static void user_event(const struct aux_model *m, long ev, char *buf, int len)
{
	const struct perf_event *e;

	buf[0] = '\0';
	if (ev < 0 || ev >= MAX_EVENTS)
		return;
	e = &m->s.event[ev];
	if (!e->in_use || e->evsel < 0)
		return;
	if (e->cpu >= 0)
		snprintf(buf, len, "e%d/cpu%d", e->evsel, e->cpu);
	else
		snprintf(buf, len, "e%d", e->evsel);
}

/* "rb/cpu1": the ring buffer perf mmapped on cpu1 ("rb": --per-thread's) */
static void user_rb(const struct aux_model *m, long rb, char *buf, int len)
{
	const struct perf_buffer *b;

	buf[0] = '\0';
	if (rb < 0 || rb >= MAX_RB)
		return;
	b = &m->s.rb[rb];
	if (!b->in_use || b->event < 0 || b->event >= MAX_EVENTS)
		return;
	if (m->s.event[b->event].cpu >= 0)
		snprintf(buf, len, "rb/cpu%d", m->s.event[b->event].cpu);
	else
		snprintf(buf, len, "rb");
}

/*
 * The log formatter: the modelled functions name event slots "eventN" and
 * ring buffers "rbN", the model's own numbering; each such word becomes
 * the user's name for it (user_event(), user_rb()), here and nowhere else.
 * model__log_key() says what the names mean.
 */
static void user_names(const struct aux_model *m, const char *in, char *out,
		       size_t len)
{
	size_t o = 0;

	for (const char *p = in; *p && o + 1 < len;) {
		bool word = p == in ||
			    !((p[-1] >= 'a' && p[-1] <= 'z') ||
			      (p[-1] >= 'A' && p[-1] <= 'Z') ||
			      (p[-1] >= '0' && p[-1] <= '9') || p[-1] == '_');
		size_t k = !word		     ? 0
			   : !strncmp(p, "event", 5) ? 5
			   : !strncmp(p, "rb", 2)    ? 2
						     : 0;
		char name[32] = "";
		const char *q = p + k;
		long v = 0;

		if (k && *q >= '0' && *q <= '9') {
			while (*q >= '0' && *q <= '9' && v < 1000000)
				v = v * 10 + (*q++ - '0');
			if (!((*q >= 'a' && *q <= 'z') ||
			      (*q >= 'A' && *q <= 'Z') ||
			      (*q >= '0' && *q <= '9') || *q == '_')) {
				if (k == 5)
					user_event(m, v, name, sizeof(name));
				else
					user_rb(m, v, name, sizeof(name));
			}
		}
		if (name[0]) {
			o += (size_t)snprintf(out + o, len - o, "%s", name);
			if (o >= len)
				o = len - 1;
			p = q;
		} else {
			out[o++] = *p++;
		}
	}
	out[o] = '\0';
}

void __model__log(struct aux_model *m, const char *fmt, ...)
{
	char line[256], out[320];
	int n;
	va_list ap;

	if (!m->obs || !m->obs->log)
		return;
	n = snprintf(line, sizeof(line), "cpu%d: ", m->this_cpu);
	va_start(ap, fmt);
	vsnprintf(line + n, sizeof(line) - n, fmt, ap);
	va_end(ap);
	user_names(m, line, out, sizeof(out));
	m->obs->log(m, out);
}

void model__log_key(FILE *f, const char *indent, const char *const *names,
		    int nr, bool per_thread)
{
	if (per_thread)
		wrap__printf(f, WRAP_HANG,
			     "%sThe kernel log names events eK: perf record's "
			     "K-th -e (from 0), one each (--per-thread); rb: "
			     "its ring buffer.",
			     indent);
	else
		wrap__printf(f, WRAP_HANG,
			     "%sThe kernel log names events eK/cpuN: perf "
			     "record's K-th -e (from 0) on cpuN; rb/cpuN: its "
			     "ring buffer on cpuN.",
			     indent);
	for (int i = 0; i < nr; i++)
		fprintf(f, "%s  e%d  %s\n", indent, i,
			names[i] ? names[i] : "?");
}

void aux_model__init(struct aux_model *m, const struct machine *mc,
		     const struct kernel_variant *k, uint32_t kpatch,
		     const struct perf_variant *pv)
{
	struct aux_state *s = &m->s;

	memset(m, 0, sizeof(*m));
	m->mc = mc;
	m->kernel = k;
	m->perf = pv;
	m->kfeat = k->features;
	m->kpatch = kpatch;
	m->pfeat = pv->features;
	m->page_size = mc->page_size;
	m->perfmon_capable = true;
	m->perf_event_paranoid = 2;
	m->this_cpu = 0;
	m->nmi_evsel = -1;
	s->nr_cpus = (int8_t)mc->nr_cpus;
	/* perf_event_max_sample_rate (100000) / HZ, rounded up */
	s->max_samples_per_tick = (100000 + mc->hz - 1) / mc->hz;
	s->next_slice = 1;
	for (int c = 0; c < MAX_CPUS; c++) {
		m->cpu_rate[c] = c < mc->nr_cpus ? mc->cpus[c].rate : 0;
		m->cpu_hz[c] = c < mc->nr_cpus ? mc->cpus[c].hz : 0;
		s->cpu[c].curr = -1;
		s->cpuctx[c].task_ctx = -1;
		s->etm_ctxt[c].handle.event = -1;
		s->etm_ctxt[c].handle.rb = -1;
		s->etm_ctxt[c].event_data = -1;
		s->etm[c].event = -1;
		s->spe[c].handle.event = -1;
		s->spe[c].handle.rb = -1;
	}
	for (int i = 0; i < MAX_TASKS; i++) {
		s->task[i].cpu = -1;
		s->task[i].last_cpu = -1;
		s->task[i].perf_ctx = -1;
	}
	s->etr.pid = -1;
	s->etr.perf_buf = -1;
	s->etr.size = (uint32_t)mc->etr_size;
	for (int i = 0; i < MAX_MMAPS; i++)
		s->mmap[i].rb = -1;
}

#define CHECK(cond, ...)                                  \
	do {                                              \
		if (!(cond)) {                            \
			snprintf(why, len, __VA_ARGS__); \
			return -1;                        \
		}                                         \
	} while (0)

int aux_state__check(const struct aux_model *m, char *why, int len)
{
	const struct aux_state *s = &m->s;
	int enabled = 0;

	for (int i = 0; i < MAX_RB; i++) {
		const struct perf_buffer *rb = &s->rb[i];
		int open = 0;

		if (!rb->in_use)
			continue;
		for (int c = 0; c < s->nr_cpus; c++) {
			if (s->etm_ctxt[c].handle.event >= 0 &&
			    s->etm_ctxt[c].handle.rb == i)
				open++;
			if (s->spe[c].handle.event >= 0 &&
			    s->spe[c].handle.rb == i)
				open++;
		}
		CHECK(rb->aux_nest <= 1, "rb%d: aux_nest %u", i, rb->aux_nest);
		CHECK(open <= 1, "rb%d: %d open handles", i, open);
		CHECK(open <= (int)rb->aux_nest,
		      "rb%d: an open handle with aux_nest %u", i, rb->aux_nest);
		/* aux_nest without a handle is the orphan that the kernel's own
		 * nest WARN leaves (seed 001): a kernel state, not a model bug */
		CHECK(rb->aux_nest == (uint32_t)open ||
			      (s->warned & (1u << WARN_AUX_NEST)),
		      "rb%d: aux_nest %u but %d open handles, and no nest WARN",
		      i, rb->aux_nest, open);
		CHECK(!extent_map__check(&rb->aux), "rb%d: bad extent map", i);
	}
	for (int i = s->nr_event_slots; i < MAX_EVENTS; i++)
		CHECK(!s->event[i].in_use,
		      "event%d in use past nr_event_slots %d", i,
		      s->nr_event_slots);
	/* the lists the loops over siblings and rb events follow */
	for (int i = 0; i < s->nr_event_slots; i++) {
		const struct perf_event *e = &s->event[i];
		uint32_t sib = 0;

		for (int j = 0; j < s->nr_event_slots; j++)
			if (j != i && s->event[j].in_use &&
			    s->event[j].group_leader == i)
				sib |= 1u << j;
		CHECK(!e->in_use || e->sibling_list == sib,
		      "event%d: sibling_list %#x, siblings %#x", i,
		      e->sibling_list, sib);
	}
	for (int r = 0; r < MAX_RB; r++) {
		uint32_t att = 0;

		for (int j = 0; j < s->nr_event_slots; j++)
			if (s->event[j].in_use && s->event[j].rb == r)
				att |= 1u << j;
		CHECK(!s->rb[r].in_use || s->rb[r].event_list == att,
		      "rb%d: event_list %#x, events %#x", r,
		      s->rb[r].event_list, att);
	}
	for (int i = 0; i < s->nr_event_slots; i++) {
		const struct perf_event *e = &s->event[i];

		if (!e->in_use || e->state != PERF_EVENT_STATE_ACTIVE)
			continue;
		CHECK(e->oncpu >= 0 && e->oncpu < s->nr_cpus,
		      "event%d ACTIVE with oncpu %d", i, e->oncpu);
		CHECK(e->ctx == s->cpuctx[e->oncpu].task_ctx ||
			      s->ctx[e->ctx].cpu == e->oncpu,
		      "event%d ACTIVE on cpu%d outside its ctx", i, e->oncpu);
	}
	for (int c = 0; c < s->nr_cpus; c++) {
		int t = s->cpu[c].curr;
		int tc = s->cpuctx[c].task_ctx;

		CHECK(tc < 0 || (t >= 0 && s->task[t].perf_ctx == tc),
		      "cpu%d: task_ctx %d is not current's", c, tc);
		if (s->etm[c].enabled)
			enabled++;
	}
	CHECK((s->etr.pid == -1) == (s->etr.refcnt == 0),
	      "etr: pid %d with refcnt %d", s->etr.pid, s->etr.refcnt);
	CHECK(s->etr.refcnt >= 0, "etr: refcnt %d", s->etr.refcnt);
	for (int i = 0; i < MAX_ETR_BUFS; i++)
		if (s->etr_buf[i].in_use)
			CHECK(!extent_map__check(&s->etr_buf[i].mem),
			      "etr_buf%d: bad extent map", i);
	(void)enabled;
	return 0;
}
