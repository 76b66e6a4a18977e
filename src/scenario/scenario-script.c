// SPDX-License-Identifier: GPL-2.0
/*
 * scenario-script.c - interrupts, scripted actions and the checker's bounds:
 * pmi, overflows, ticks, aux-mmap, max-sample-rate, at and check
 * (docs/scenario-format.md).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "scenario/scenario-priv.h"

/* pmi irq|nmi */
int st_pmi(struct scn_parser *p)
{
	p->scn->pmi_set = true;
	return scn__choice(p, ST_PMI, "irq", "nmi", &p->scn->pmi_nmi);
}

/* overflows free|script */
int st_overflows(struct scn_parser *p)
{
	return scn__choice(p, ST_OVERFLOWS, "free", "script",
			   &p->scn->overflows_script);
}

/* ticks periodic|script */
int st_ticks(struct scn_parser *p)
{
	return scn__choice(p, ST_TICKS, "periodic", "script",
			   &p->scn->ticks_script);
}

/* aux-mmap on|off */
int st_aux_mmap(struct scn_parser *p)
{
	bool on = true;
	int ret = scn__choice(p, ST_AUX_MMAP, "off", "on", &on);

	if (!ret)
		p->scn->no_aux_mmap = !on;
	return ret;
}

/* max-sample-rate N (the perf_event_max_sample_rate sysctl) */
int st_max_sample_rate(struct scn_parser *p)
{
	uint64_t v;
	int ret = scn__once(p, ST_MAX_SAMPLE_RATE);

	if (ret)
		return ret;
	if (p->nw < 2)
		return scn__missing(p, "a rate after 'max-sample-rate'");
	ret = scn__word_u64(p, 1, "sample rate", &v);
	if (ret)
		return ret;
	if (!v || v > 10000000)
		return perr(p, -EINVAL, word_col(p, 1),
			    "max-sample-rate must be 1..10000000");
	p->scn->max_sample_rate = (uint32_t)v;
	return scn__no_more_words(p, 2);
}

/* "e2" -> 2 */
static int word_event(struct scn_parser *p, int i, int *ev)
{
	const char *s = word_at(p, i);
	int n = word_len(p, i), v = 0;

	if (n < 2 || n > 3 || s[0] != 'e')
		return perr(
			p, -EINVAL, word_col(p, i),
			"expected an event eK (K-th -e event, from 0), got '" WFMT
			"'",
			WARG(p, i));
	for (int k = 1; k < n; k++) {
		if (s[k] < '0' || s[k] > '9')
			return perr(p, -EINVAL, word_col(p, i),
				    "expected an event eK, got '" WFMT "'",
				    WARG(p, i));
		v = v * 10 + (s[k] - '0');
	}
	*ev = v;
	return 0;
}

/* "cpu3" -> 3 */
static int word_cpu_name(struct scn_parser *p, int i, int *cpu)
{
	if (word_len(p, i) < 4 || memcmp(word_at(p, i), "cpu", 3))
		return perr(p, -EINVAL, word_col(p, i),
			    "expected a CPU like cpu0, got '" WFMT "'",
			    WARG(p, i));
	return scn__parse_cpu(p, word_at(p, i) + 3, word_len(p, i) - 3,
			      word_col(p, i) + 3, cpu);
}

/*
 * at T tick cpuN
 * at T overflow cpuN eK [xCOUNT]
 * at T nmi cpuN eK in perf_event_aux_pause|perf_event_throttle_group|
 *                     perf_event_unthrottle_group
 * at T ioctl enable|disable eK
 */
int st_at(struct scn_parser *p)
{
	struct auxsim_scenario *scn = p->scn;
	struct scn_action *a;
	int ret, n;

	if (p->nw < 3)
		return scn__missing(p, "time and action: at T tick cpu0");
	if (scn->nr_actions >= SCN_MAX_ACTIONS)
		return perr(p, -E2BIG, word_col(p, 0),
			    "too many 'at' lines (max %d)", SCN_MAX_ACTIONS);
	a = &scn->actions[scn->nr_actions];
	memset(a, 0, sizeof(*a));
	a->cpu = -1;
	a->event = -1;
	a->count = 1;
	a->line = p->no;
	a->time_col = word_col(p, 1);
	ret = scn__word_time(p, 1, &a->at_ns);
	if (ret)
		return ret;
	if (scn->nr_actions &&
	    a->at_ns < scn->actions[scn->nr_actions - 1].at_ns)
		return perr(p, -EINVAL, word_col(p, 1),
			    "'at' lines must be in time order");
	if (word_is(p, 2, "tick")) {
		a->kind = SCN_ACT_TICK;
		if (p->nw < 4)
			return scn__missing(p, "a CPU after 'tick'");
		ret = word_cpu_name(p, 3, &a->cpu);
		a->cpu_col = word_col(p, 3);
		n = 4;
	} else if (word_is(p, 2, "overflow") || word_is(p, 2, "nmi")) {
		bool nmi = word_is(p, 2, "nmi");

		a->kind = nmi ? SCN_ACT_NMI : SCN_ACT_OVERFLOW;
		if (p->nw < 5)
			return scn__missing(
				p, "a CPU and an event: overflow cpu0 e1");
		ret = word_cpu_name(p, 3, &a->cpu);
		a->cpu_col = word_col(p, 3);
		if (!ret)
			ret = word_event(p, 4, &a->event);
		a->col = word_col(p, 4);
		n = 5;
		if (!ret && !nmi && p->nw > 5 && word_at(p, 5)[0] == 'x') {
			const char *w = word_at(p, 5);
			int wl = word_len(p, 5);
			uint64_t c = 0, word_count;

			for (int k = 1; k < wl && c <= 1000000; k++) {
				if (w[k] < '0' || w[k] > '9') {
					c = 0;
					break;
				}
				c = c * 10 + (uint64_t)(w[k] - '0');
			}
			if (wl < 2 || !c || c > 1000000)
				return perr(
					p, -EINVAL, word_col(p, 5),
					"expected a count x1..x1000000, got '" WFMT
					"'",
					WARG(p, 5));
			word_count = c;
			for (int k = 0; k < scn->nr_actions; k++)
				if (scn->actions[k].kind == SCN_ACT_OVERFLOW)
					c += (uint64_t)scn->actions[k].count;
			if (c > AUXSIM_MAX_SCRIPTED_OVERFLOWS)
				return perr(p, -E2BIG, word_col(p, 5),
					    "the 'at' lines ask for %llu "
					    "overflows in all; at most %d "
					    "(Limits)",
					    (unsigned long long)c,
					    AUXSIM_MAX_SCRIPTED_OVERFLOWS);
			a->count = (int)word_count;
			n = 6;
		}
		if (!ret && nmi) {
			if (p->nw > 5 && !word_is(p, 5, "in"))
				return perr(p, -EINVAL, word_col(p, 5),
					    "expected 'in FUNCTION', got '" WFMT
					    "'",
					    WARG(p, 5));
			if (p->nw < 7)
				return scn__missing(
					p, "'in FUNCTION' after the event");
			if (word_is(p, 6, "perf_event_aux_pause"))
				a->point = SCN_IP_AUX_PAUSE;
			else if (word_is(p, 6, "perf_event_throttle_group"))
				a->point = SCN_IP_THROTTLE_GROUP;
			else if (word_is(p, 6, "perf_event_unthrottle_group"))
				a->point = SCN_IP_UNTHROTTLE_GROUP;
			else
				return perr(p, -EINVAL, word_col(p, 6),
					    "no interrupt point in '" WFMT
					    "' (perf_event_aux_pause, "
					    "perf_event_throttle_group, "
					    "perf_event_unthrottle_group)",
					    WARG(p, 6));
			n = 7;
		}
	} else if (word_is(p, 2, "ioctl")) {
		if (p->nw < 5)
			return scn__missing(p,
					    "enable|disable and an event after "
					    "'ioctl'");
		if (word_is(p, 3, "enable"))
			a->kind = SCN_ACT_IOCTL_ENABLE;
		else if (word_is(p, 3, "disable"))
			a->kind = SCN_ACT_IOCTL_DISABLE;
		else
			return perr(p, -EINVAL, word_col(p, 3),
				    "expected 'enable' or 'disable', got '" WFMT
				    "'",
				    WARG(p, 3));
		ret = word_event(p, 4, &a->event);
		a->col = word_col(p, 4);
		n = 5;
	} else {
		return perr(p, -EINVAL, word_col(p, 2),
			    "unknown action '" WFMT "' (tick, overflow, nmi, "
			    "ioctl)",
			    WARG(p, 2));
	}
	if (ret)
		return ret;
	ret = scn__no_more_words(p, n);
	if (ret)
		return ret;
	scn->nr_actions++;
	return 0;
}

/* check depth D [tick N] [overflow N] [switch N] [ioctl N] [snapshot N]
 *       [munmap N] [nmi N] [trace N] */
int st_check(struct scn_parser *p)
{
	struct scn_check *c = &p->scn->check;
	static const char *const keys[] = { "depth",  "tick",  "overflow",
					    "switch", "ioctl", "snapshot",
					    "munmap", "nmi",   "trace" };
	uint8_t *slots[] = { NULL,	 &c->tick,  &c->overflow,
			     &c->sched,	 &c->ioctl, &c->snapshot,
			     &c->munmap, &c->nmi,   &c->trace };
	bool seen[9] = { false };
	int ret = scn__once(p, ST_CHECK);

	if (ret)
		return ret;
	c->set = true;
	c->line = p->no;
	if (p->nw < 3)
		return scn__missing(
			p, "bounds: check depth D tick N overflow N ...");
	for (int i = 1; i < p->nw; i += 2) {
		uint64_t v;
		int k;

		for (k = 0; k < 9; k++)
			if (word_is(p, i, keys[k]))
				break;
		if (k == 9)
			return perr(
				p, -EINVAL, word_col(p, i),
				"unknown bound '" WFMT "' (depth, tick, "
				"overflow, switch, ioctl, snapshot, munmap, "
				"nmi, trace)",
				WARG(p, i));
		if (seen[k])
			return perr(p, -EINVAL, word_col(p, i),
				    "duplicate bound '" WFMT "'", WARG(p, i));
		seen[k] = true;
		if (i + 1 >= p->nw)
			return scn__missing(p, "a number after the bound");
		ret = scn__word_u64(p, i + 1, "bound", &v);
		if (ret)
			return ret;
		if (v > (k ? 64u : 200u))
			return perr(p, -EINVAL, word_col(p, i + 1),
				    "bound too large (at most %u)",
				    k ? 64u : 200u);
		if (k)
			*slots[k] = (uint8_t)v;
		else
			c->depth = (uint16_t)v;
	}
	if (!seen[0])
		return perr(p, -EINVAL, word_col(p, 0),
			    "'check' needs a 'depth' bound");
	return 0;
}
