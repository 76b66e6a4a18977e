// SPDX-License-Identifier: GPL-2.0
/*
 * report-tracer.c - the throttling section of the text report: the AUX
 * tracer's state per CPU over time, throttle statistics, and what happened
 * to tracing, in words.
 */
#include <string.h>

#include "output/report-priv.h"

/* ---- the AUX tracer, per CPU ---- */

static const char tracer_char[NR_TRACER_STATES] = {
	[TRACER_OFF] = '_',
	[TRACER_TRACING] = 'T',
	[TRACER_TRACING_USER_PAUSED] = '!',
	[TRACER_PAUSED] = 'p',
	[TRACER_PAUSED_NOT_USER] = 'P',
	[TRACER_THROTTLED] = 't',
	[TRACER_THROTTLED_TRACING] = 'R',
	[TRACER_STOPPED] = 's',
	[TRACER_DEAD] = 'X',
};

const char *const tracer_name[NR_TRACER_STATES] = {
	[TRACER_OFF] = "off",
	[TRACER_TRACING] = "tracing",
	[TRACER_TRACING_USER_PAUSED] = "tracing though the user paused",
	[TRACER_PAUSED] = "paused",
	[TRACER_PAUSED_NOT_USER] = "paused though the user did not pause",
	[TRACER_THROTTLED] = "throttled",
	[TRACER_THROTTLED_TRACING] = "throttled yet tracing",
	[TRACER_STOPPED] = "stopped",
	[TRACER_DEAD] = "dead",
};

/* per column, the state that held longest; a dead tracer always shows */
static void tracer_timeline(FILE *f, const struct sim_result *res)
{
	uint64_t T = res->duration_ns;

	fprintf(f, "AUX tracer per CPU: T tracing, p paused (as the user "
		   "asked), t throttled, _ off;\n  anomalies: X dead (an "
		   "orphaned AUX transaction), s stopped, P paused though\n"
		   "  the user did not, ! tracing though the user paused, R "
		   "throttled yet tracing\n");
	for (int c = 0; c < res->mc->nr_cpus; c++) {
		char row[TL_WIDTH + 1];

		for (int k = 0; k < TL_WIDTH; k++) {
			uint64_t a = T * k / TL_WIDTH, b = T * (k + 1) / TL_WIDTH;
			uint64_t spent[NR_TRACER_STATES] = { 0 };
			uint8_t st = TRACER_OFF;
			uint64_t from = 0;
			int best = TRACER_OFF;

			for (int i = 0; i <= res->ntracer; i++) {
				uint64_t to = i < res->ntracer ?
						      res->tracer[i].time_ns :
						      UINT64_MAX;

				if (i < res->ntracer && res->tracer[i].cpu != c)
					continue;
				if (to > a && from < b) {
					uint64_t lo = from > a ? from : a;
					uint64_t hi = to < b ? to : b;

					spent[st] += hi > lo ? hi - lo : 1;
				}
				if (i == res->ntracer)
					break;
				st = res->tracer[i].state;
				from = to;
			}
			for (int s2 = 0; s2 < NR_TRACER_STATES; s2++)
				if (spent[s2] > spent[best])
					best = s2;
			if (spent[TRACER_DEAD])
				best = TRACER_DEAD;
			row[k] = tracer_char[best];
		}
		row[TL_WIDTH] = '\0';
		fprintf(f, "CPU%d: %s|\n", c, row);
	}
	fprintf(f, "\n");
}

/* time spent in each tracer state on @cpu, and when each was first seen */
void report__tracer_spent(const struct sim_result *res, int cpu,
			 uint64_t spent[NR_TRACER_STATES],
			 uint64_t first[NR_TRACER_STATES])
{
	uint8_t st = TRACER_OFF;
	uint64_t from = 0;

	for (int i = 0; i < NR_TRACER_STATES; i++) {
		spent[i] = 0;
		first[i] = UINT64_MAX;
	}
	for (int i = 0; i <= res->ntracer; i++) {
		uint64_t to = i < res->ntracer ? res->tracer[i].time_ns :
						 res->duration_ns;

		if (i < res->ntracer && res->tracer[i].cpu != cpu)
			continue;
		if (to > res->duration_ns)
			to = res->duration_ns;
		if (to > from)
			spent[st] += to - from;
		if (i == res->ntracer)
			break;
		st = res->tracer[i].state;
		from = to;
		if (first[st] == UINT64_MAX)
			first[st] = from;
	}
}

static const char *const tracer_why[NR_TRACER_STATES] = {
	[TRACER_DEAD] = "an AUX transaction was left open, then orphaned by "
			"a failed nested perf_aux_output_begin(): rb->aux_nest "
			"stays 1 and every later begin on this buffer fails",
	[TRACER_STOPPED] = "the AUX event is ACTIVE but its PMU is stopped "
			   "(a start failed): no trace",
	[TRACER_PAUSED_NOT_USER] = "hw.aux_paused is 1 although no "
				   "aux-action=pause asked for it (or a resume "
				   "came later): a throttle's pause was never "
				   "cleared",
	[TRACER_TRACING_USER_PAUSED] = "the ETM traces although the user's "
				       "last aux-action was a pause (or "
				       "start-paused): something resumed it",
	[TRACER_THROTTLED_TRACING] = "the group is throttled but its AUX "
				     "event kept tracing: the throttle did "
				     "not stop or pause it",
};

static void outcome_text(FILE *f, const struct sim_result *res)
{
	int any = 0;
	char t[32];

	fprintf(f, "What happened to tracing:\n");
	for (int c = 0; c < res->mc->nr_cpus; c++) {
		uint64_t spent[NR_TRACER_STATES], first[NR_TRACER_STATES];

		report__tracer_spent(res, c, spent, first);
		for (int st = 0; st < NR_TRACER_STATES; st++) {
			if (!tracer_why[st] || !spent[st])
				continue;
			report__fmt_time(t, sizeof(t), first[st]);
			wrap__printf(f, WRAP_HANG,
				     "  cpu%d: %s for %.3f ms, first at %s s: "
				     "%s.",
				     c, tracer_name[st], spent[st] / 1e6, t,
				     tracer_why[st]);
			any++;
		}
	}
	for (int c = 0; c < res->final.tool.nr_fds && c < res->mc->nr_cpus;
	     c++) {
		const struct perf_event *e =
			&res->final.event[res->final.tool.fd_event[c]];
		uint64_t spent[NR_TRACER_STATES], first[NR_TRACER_STATES];

		report__tracer_spent(res, c, spent, first);
		/* in -a every AUX event should be on its CPU all along */
		if (spent[TRACER_OFF] < res->duration_ns ||
		    res->final.tool.target != TARGET_SYSTEM_WIDE || e->cpu != c)
			continue;
		wrap__printf(f, WRAP_HANG,
			     "  cpu%d: the AUX event never went ACTIVE: its "
			     "start failed (%s), so neither it nor its group "
			     "ever ran.",
			     c,
			     e->rb >= 0 && res->final.rb[e->rb].aux_nr_pages ?
				     "no AUX transaction" :
				     "its ring buffer has no AUX area");
		any++;
	}
	if (res->nr_undelivered_overflows)
		wrap__printf(f, WRAP_HANG,
			     "  %llu scripted overflows found their counter "
			     "not counting: no interrupt.",
			     (unsigned long long)res->nr_undelivered_overflows);
	if (!any)
		wrap__printf(f, WRAP_HANG,
			     "  nothing unexpected: every AUX tracer traced, "
			     "paused and throttled as asked.");
	fprintf(f, "\n");
}

/* throttling statistics and what became of tracing, per CPU */
static void throttle_text(FILE *f, const struct sim_result *res)
{
	const struct aux_state *s = &res->final;
	char t[32];

	fprintf(f, "Throttling: max_samples_per_tick %u (HZ %u)\n",
		s->max_samples_per_tick, res->mc->hz);
	fprintf(f, "  cpu  overflows    samples  THROTTLE  UNTHROTTLE  AUX "
		   "tracer at the end\n");
	for (int c = 0; c < res->mc->nr_cpus; c++) {
		uint64_t ovf = 0, smp = 0;
		int thr = 0, unthr = 0, last = TRACER_OFF;
		uint64_t died = 0;

		for (int i = 0; i < MAX_EVENTS; i++) {
			const struct perf_event *e = &s->event[i];

			if (e->in_use && e->cpu == c) {
				ovf += e->nr_overflows;
				smp += e->nr_samples;
			}
		}
		for (int i = 0; i < res->nrecs; i++) {
			if (res->recs[i].cpu != c)
				continue;
			thr += res->recs[i].type == PERF_RECORD_THROTTLE;
			unthr += res->recs[i].type == PERF_RECORD_UNTHROTTLE;
		}
		for (int i = 0; i < res->ntracer; i++) {
			if (res->tracer[i].cpu != c)
				continue;
			if (res->tracer[i].state == TRACER_DEAD &&
			    last != TRACER_DEAD)
				died = res->tracer[i].time_ns;
			if (res->tracer[i].time_ns < res->duration_ns)
				last = res->tracer[i].state;
		}
		fprintf(f, "  %-4d %9llu %10llu %9d %11d  %s", c,
			(unsigned long long)ovf, (unsigned long long)smp, thr,
			unthr, tracer_name[last]);
		if (last == TRACER_DEAD) {
			report__fmt_time(t, sizeof(t), died);
			fprintf(f, " since %s s", t);
		}
		fprintf(f, "\n");
	}
	fprintf(f, "\n");
}

void report__tracer_text(FILE *f, const struct sim_result *res)
{
	tracer_timeline(f, res);
	throttle_text(f, res);
	outcome_text(f, res);
}
