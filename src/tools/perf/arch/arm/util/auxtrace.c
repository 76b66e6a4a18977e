// SPDX-License-Identifier: GPL-2.0
/*
 * arm-auxtrace.c - model of tools/perf/arch/arm/util/auxtrace.c
 * auxtrace_record__init(): which recorder (cs_etm or arm_spe) perf record
 * uses for the evlist, and its refusal of an evlist that needs two.
 *
 * perf looks each evsel's attr.type up among the cs_etm PMU and the
 * arm_spe_N PMUs (and, since v6.1, the HiSilicon PTT PMUs, which no
 * modelled board has).  One recorder serves the whole session, so events
 * of two AUX PMU kinds are refused before anything is opened: perf record
 * prints why and exits.  What a tool that opened them anyway would meet in
 * the kernel is perf_event_set_output()'s check (core.c).
 */
#include <errno.h>

#include "tools/perf/perf.h"

int auxtrace_record__init(struct aux_model *m, const struct record_opts *opts,
			  enum auxtrace_recorder *itr)
{
	bool found_etm = false, found_spe = false;

	for (int i = 0; i < opts->nr_evsel; i++) {
		found_etm |= opts->evsel[i].attr.pmu == PMU_CS_ETM;
		found_spe |= opts->evsel[i].attr.pmu == PMU_ARM_SPE;
	}
	*itr = AUXTRACE_NONE;
	if (found_etm && found_spe) {
		/* perf 6.1 counts the kinds found and names none of them;
		 * perf 5.13 tests ETM and SPE by name */
		if (perf_has(m, PF_AUXTRACE_EVENT_CNT))
			perf__msg(m, "Concurrent AUX trace operation not "
				     "currently supported");
		else
			perf__msg(m, "Concurrent ARM Coresight ETM and SPE "
				     "operation not currently supported");
		return -EOPNOTSUPP;
	}
	if (found_etm)
		*itr = AUXTRACE_CS_ETM;
	else if (found_spe)
		*itr = AUXTRACE_ARM_SPE;
	return 0;
}
