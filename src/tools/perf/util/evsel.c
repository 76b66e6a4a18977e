// SPDX-License-Identifier: GPL-2.0
/*
 * evsel.c - the perf tool turning parsed -e events into perf_event_attr:
 * tools/perf/util/evsel.c (evsel__config, the config terms),
 * tools/perf/util/auxtrace.c (auxtrace_parse_aux_action) and
 * tools/perf/util/evlist.c (evlist__regroup).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tools/perf/perf.h"

/* legacy hardware event names that map to the CPU PMU's cycles counter */
static bool is_cycles(const char *name)
{
	return !strcmp(name, "cycles") || !strcmp(name, "cpu-cycles") ||
	       !strcmp(name, "armv8_pmuv3_0") || !strcmp(name, "armv8_pmuv3");
}

static int pmu_of(const char *name)
{
	if (!strcmp(name, "cs_etm"))
		return PMU_CS_ETM;
	if (!strcmp(name, "arm_spe") || !strcmp(name, "arm_spe_0"))
		return PMU_ARM_SPE;
	if (is_cycles(name))
		return PMU_ARMV8;
	if (!strcmp(name, "sched:sched_switch"))
		return PMU_TRACEPOINT;
	return PMU_NONE;
}

/* evsel__is_aux_event(): its PMU has an auxtrace recorder */
static bool evsel__is_aux_event(const struct evsel_model *ev)
{
	return ev->attr.pmu == PMU_CS_ETM || ev->attr.pmu == PMU_ARM_SPE;
}

static const char *term(const struct scn_event *ev, const char *name)
{
	for (int i = 0; i < ev->nr_terms; i++)
		if (!strcmp(ev->terms[i].name, name))
			return ev->terms[i].val;
	return NULL;
}

/*
 * parse-events + evsel__config(): the attr of one event.  The model
 * knows cs_etm, arm_spe and cycles; it refuses frequency mode for cycles
 * (a period= is needed) rather than model frequency adjustment.
 */
int evsel__config(struct aux_model *m, const struct scn_event *ev,
		  struct evsel_model *out, char *err, int len)
{
	const char *v;

	memset(out, 0, sizeof(*out));
	snprintf(out->name, sizeof(out->name), "%s", ev->text);
	out->attr.pmu = pmu_of(ev->pmu);
	out->attr.exclude_user = ev->exclude_user;
	out->attr.exclude_kernel = ev->exclude_kernel;
	out->leader = -1;
	out->group = ev->group;
	/* perf_record__check() refused these with the scenario */
	if (out->attr.pmu == PMU_NONE) {
		snprintf(err, len, "auxsim: event '%s': PMU '%s' is not "
				   "modelled (cs_etm, arm_spe_0, cycles, "
				   "sched:sched_switch)",
			 ev->text, ev->pmu);
		return -EOPNOTSUPP;
	}
	/* cs_etm_set_sink_attr() looks the sink up (cs-etm.c) */
	snprintf(out->sink, sizeof(out->sink), "%s", ev->sink);
	/* a perf without aux-action terms refuses them while it parses the
	 * line, before any of this: perf_record__check() (record-check.c) */
	v = term(ev, "aux-action");
	if (v)
		snprintf(out->aux_action, sizeof(out->aux_action), "%s", v);
	/* perf record samples every tracepoint hit (sample_period = 1) */
	if (out->attr.pmu == PMU_TRACEPOINT)
		out->attr.sample_period = 1;
	if (out->attr.pmu == PMU_ARMV8) {
		/* period=N samples every N cycles; freq=N, or no term (perf
		 * record's default -F 4000), N times a second */
		if ((v = term(ev, "period"))) {
			out->attr.sample_period = strtoull(v, NULL, 0);
		} else {
			v = term(ev, "freq");
			out->attr.freq = 1;
			out->attr.sample_period = v ? strtoull(v, NULL, 0) : 4000;
		}
		if (!out->attr.sample_period) {
			snprintf(err, len, "auxsim: event '%s': a period or "
					   "frequency of 0",
				 ev->text);
			return -EINVAL;
		}
	}
	return 0;
}

/*
 * tools/perf/util/evlist.c: evlist__regroup(): the events after @leader up
 * to @last become members of @leader's group, if each is already in it or
 * alone.
 */
static int evlist__regroup(struct record_opts *opts, int leader, int last)
{
	if (opts->evsel[leader].leader != leader)
		return -EINVAL;
	for (int i = leader + 1; i <= last; i++)
		if (opts->evsel[i].leader != leader &&
		    (opts->evsel[i].leader != i || opts->evsel[i].nr_members > 1))
			return -EINVAL;
	for (int i = leader + 1; i <= last; i++) {
		if (opts->evsel[i].leader == leader)
			continue;
		opts->evsel[i].leader = leader;
		opts->evsel[leader].nr_members++;
	}
	return 0;
}

/*
 * tools/perf/util/auxtrace.c: auxtrace_parse_aux_action().  An event with
 * aux-action=pause|resume is regrouped under the most recent preceding AUX
 * event, whose group it then must be in.
 */
int auxtrace_parse_aux_action(struct aux_model *m, struct record_opts *opts)
{
	int aux_evsel = -1;

	for (int i = 0; i < opts->nr_evsel; i++) {
		struct evsel_model *ev = &opts->evsel[i];
		bool is_aux_event = evsel__is_aux_event(ev);
		int lead;

		if (is_aux_event)
			aux_evsel = i;
		if (!ev->aux_action[0])
			continue;
		if (!strcmp(ev->aux_action, "start-paused")) {
			if (!is_aux_event) {
				perf__msg(m, "aux-action '%s' can only be used "
					     "with AUX area event",
					  ev->aux_action);
				return -EINVAL;
			}
			ev->attr.aux_start_paused = 1;
		} else if (!strcmp(ev->aux_action, "pause") ||
			   !strcmp(ev->aux_action, "resume")) {
			if (is_aux_event) {
				perf__msg(m, "aux-action '%s' cannot be used "
					     "for AUX area event itself",
					  ev->aux_action);
				return -EINVAL;
			}
			if (ev->aux_action[0] == 'p')
				ev->attr.aux_pause = 1;
			else
				ev->attr.aux_resume = 1;
		} else {
			perf__msg(m, "Bad aux-action '%s'", ev->aux_action);
			return -EINVAL;
		}
		if (aux_evsel >= 0)
			evlist__regroup(opts, aux_evsel, i);
		lead = opts->evsel[i].leader;
		if (!evsel__is_aux_event(&opts->evsel[lead])) {
			perf__msg(m, "Events with aux-action must have AUX area "
				     "event group leader");
			return -EINVAL;
		}
	}
	return 0;
}
