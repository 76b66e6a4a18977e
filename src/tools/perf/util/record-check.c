// SPDX-License-Identifier: GPL-2.0
/*
 * record-check.c - the part of perf's event parsing that depends on the
 * board and on the perf version, and the line between what perf accepts
 * and what auxsim models.  parse-events.c reads the grammar the same way
 * everywhere; this file runs once the machine and the perf variant are
 * known (after the scenario's last line, and again when run or check is
 * given --perf):
 *
 *  - tools/perf/util/parse-events.c parse_events_add_pmu(): a PMU is
 *    looked up under /sys/bus/event_source/devices of the board perf runs
 *    on (perf_pmu__find(), then the "NAME*" wildcard of parse-events.y's
 *    event_pmu rule, which finds arm_spe_0 for arm_spe).  A board without
 *    SPE has no arm_spe_N: "Cannot find PMU", and perf record stops while
 *    it parses its options.  The board's PMUs are the ones perf/pmu.c
 *    lists from machine.c.
 *  - tools/perf/util/pmu.c pmu_config_term() and parse-events.c
 *    config_term_common(): a term perf does not know is refused at parse
 *    time.  aux-action came with perf 6.13 (PF_AUX_ACTION); older perf
 *    takes it for an unknown format term of the PMU ("unknown term
 *    'aux-action' for pmu 'cs_etm'") or, on a legacy or tracepoint event,
 *    an unknown term.
 *  - auxsim models AUX area tracing on Arm boards: cs_etm and arm_spe_0,
 *    with cycles/cpu-cycles and sched:sched_switch beside them.  Anything
 *    else perf would accept (intel_pt, instructions, a line with no AUX
 *    event at all) is not a perf failure but input auxsim cannot run:
 *    refused here, at its column.  A -S without an AUX event is left to
 *    the modelled perf record, which refuses it as perf does ("No AUX area
 *    tracing to snapshot").
 *
 * Errors are located as the scenario parser's are: the event's column for
 * its PMU, the term's column for a term, "perf" for the line as a whole.
 */
#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include "model/machine.h"
#include "scenario/scenario.h"
#include "model/variant.h"

enum ev_kind {
	EV_CS_ETM,
	EV_ARM_SPE,
	EV_CYCLES,
	EV_TRACEPOINT,
	EV_FOREIGN_PMU, /* a PMU of no modelled board: intel_pt */
	EV_UNMODELLED,	/* a legacy event the model does not count */
};

static enum ev_kind ev_kind(const struct scn_event *ev)
{
	if (!strcmp(ev->pmu, "cs_etm"))
		return EV_CS_ETM;
	if (!strcmp(ev->pmu, "arm_spe") || !strcmp(ev->pmu, "arm_spe_0"))
		return EV_ARM_SPE;
	if (!strcmp(ev->pmu, "cycles") || !strcmp(ev->pmu, "cpu-cycles"))
		return EV_CYCLES;
	if (!strcmp(ev->pmu, "sched:sched_switch"))
		return EV_TRACEPOINT;
	if (!strcmp(ev->pmu, "intel_pt"))
		return EV_FOREIGN_PMU;
	return EV_UNMODELLED;
}

static int check_event(const struct scn_record *rec, const struct scn_event *ev,
		       const struct machine *mc,
		       const struct perf_variant *perf, const char *perf_from,
		       struct scn_error *err)
{
	enum ev_kind kind = ev_kind(ev);
	bool etm = false, spe = false;

	for (int c = 0; c < mc->nr_cpus; c++) {
		etm |= mc->cpus[c].has_etm;
		spe |= mc->cpus[c].has_spe;
	}
	switch (kind) {
	case EV_CS_ETM:
	case EV_ARM_SPE:
		if (kind == EV_CS_ETM ? etm : spe)
			break;
		return scn__errorf(err, -EINVAL, rec->line, ev->col,
				   "Cannot find PMU `%s'. Missing kernel "
				   "support? (machine %s has no %s)",
				   ev->pmu, mc->name,
				   kind == EV_CS_ETM ? "ETM" : "SPE");
	case EV_FOREIGN_PMU:
		return scn__errorf(err, -EINVAL, rec->line, ev->col,
				   "PMU '%s' is not modelled by auxsim, which "
				   "models Arm boards' cs_etm and arm_spe_0 "
				   "(perf on %s: Cannot find PMU `%s')",
				   ev->pmu, mc->name, ev->pmu);
	case EV_UNMODELLED:
		return scn__errorf(err, -EINVAL, rec->line, ev->col,
				   "event '%s' is not modelled by auxsim (it "
				   "models cs_etm, arm_spe_0, cycles, "
				   "cpu-cycles and sched:sched_switch)",
				   ev->pmu);
	case EV_CYCLES:
	case EV_TRACEPOINT:
		break;
	}
	for (int t = 0; t < ev->nr_terms; t++) {
		const struct scn_term *term = &ev->terms[t];
		bool pmu = kind == EV_CS_ETM || kind == EV_ARM_SPE;

		if (strcmp(term->name, "aux-action") ||
		    (perf->features & PF_AUX_ACTION))
			continue;
		return scn__errorf(
			err, -EINVAL, rec->line, term->col,
			"event syntax error: unknown term "
			"'aux-action'%s%s%s (%s%s%s%s has no "
			"aux-action terms: perf 6.13 added them)",
			pmu ? " for pmu '" : "", pmu ? ev->pmu : "",
			pmu ? "'" : "", perf->name, perf_from ? ", " : "",
			perf_from ? perf_from : "", perf_from ? "," : "");
	}
	return 0;
}

int perf_record__check(const struct scn_record *rec, const struct machine *mc,
		       const struct perf_variant *perf, const char *perf_from,
		       struct scn_error *err)
{
	bool aux = false;
	int ret;

	for (int i = 0; i < rec->nr_events; i++) {
		const struct scn_event *ev = &rec->events[i];
		enum ev_kind kind = ev_kind(ev);

		ret = check_event(rec, ev, mc, perf, perf_from, err);
		if (ret)
			return ret;
		aux |= kind == EV_CS_ETM || kind == EV_ARM_SPE;
	}
	if (!aux && !rec->snapshot)
		return scn__errorf(err, -EINVAL, rec->line, rec->col,
				   "no AUX area event (cs_etm or arm_spe_0) on "
				   "the perf record line: auxsim models AUX "
				   "area tracing, perf would record without "
				   "it");
	return 0;
}
