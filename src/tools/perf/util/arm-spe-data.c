// SPDX-License-Identifier: GPL-2.0
/*
 * perf/arm-spe-data.c - the parts of an arm_spe_0 session's perf.data that
 * differ from cs_etm's (arm-spe-data.h), as perf 6.1 writes them:
 *
 *  - the evsel: tools/perf/arch/arm64/util/arm-spe.c
 *    arm_spe_recording_options() takes the period from the PMU's
 *    caps/min_interval (arm_spe_pmu_default_config(); 1024 on the modelled
 *    N1, pmu.c), clears freq, sets ts_enable (config:0) unless the user
 *    set it (arm_spe_set_timestamp()) and adds PERF_SAMPLE_CPU when the
 *    mmaps are per CPU, always PERF_SAMPLE_DATA_SRC, and PHYS_ADDR with
 *    pa_enable; its type is the number arm_spe_0 got (pmu.c);
 *  - PERF_RECORD_TIME_CONV: builtin-record.c record__synthesize() writes
 *    it (util/tsc.c perf_event__synth_time_conv()) before the
 *    AUXTRACE_INFO from the first mmap's user page, which arm64 fills
 *    from sched_clock when the arch timer drives it
 *    (arch/arm64/kernel/perf_event.c arch_perf_update_userpage()):
 *    time_mult and time_shift of the timer, time_zero the ns at count 0
 *    (sched_clock counts from its registration, the counter from before:
 *    negative, as a u64), time_cycles 0, time_mask the counter's 56 bits,
 *    cap_user_time_zero and cap_user_time_short set.  perf's SPE decoder
 *    needs it: util/arm-spe.c arm_spe_process_event() converts each
 *    record's time to the counter (perf_time_to_tsc(), a division by
 *    time_mult) and arm_spe_prep_sample() the Timestamp packets back;
 *  - PERF_RECORD_AUXTRACE_INFO: arm_spe_info_fill(): type
 *    PERF_AUXTRACE_ARM_SPE, then ARM_SPE_AUXTRACE_PRIV_SIZE bytes of
 *    private words, of which perf 6.1 fills only ARM_SPE_PMU_TYPE; the
 *    second (ARM_SPE_PER_CPU_MMAPS) stays 0 (the event is zalloc()ed).
 *    util/arm-spe.c arm_spe_process_auxtrace_info() takes the PMU type
 *    from it to find the SPE evsel.
 *
 * The timer is 100 MHz (arm-spe-trace.h), its count ETM4_TS_BOOT_NS ahead
 * of the kernel's clock, the one the records' sample times are in.
 */
#include <stdlib.h>
#include <string.h>

#include "model/arm-spe-trace.h"
#include "tools/perf/util/arm-spe-data.h"
#include "tools/perf/util/pmu.h"

enum {
	PERF_RECORD_TIME_CONV_TYPE = 79,
	PERF_AUXTRACE_ARM_SPE = 4,
	ARM_SPE_PRIV_WORDS = 2, /* ARM_SPE_PMU_TYPE, ARM_SPE_PER_CPU_MMAPS */
};

#define SAMPLE_DATA_SRC (1ull << 15)
#define SAMPLE_PHYS_ADDR (1ull << 19)

/* /sys/bus/event_source/devices/arm_spe_0/format/ (drivers/perf/
 * arm_spe_pmu.c): the terms that set a bit of config */
static const struct {
	const char *name;
	int bit;
} config_bits[] = {
	{"ts_enable", 0},     {"pa_enable", 1},	     {"pct_enable", 2},
	{"jitter", 16},	      {"branch_filter", 32}, {"load_filter", 33},
	{"store_filter", 34},
};

bool arm_spe_data__is_spe(const char *pmu)
{
	return !strcmp(pmu, "arm_spe") || !strcmp(pmu, "arm_spe_0");
}

bool arm_spe_data__session(const struct sim_result *res)
{
	int e = res->final.tool.aux_evsel;

	return e >= 0 && e < res->scn->rec.nr_events &&
	       arm_spe_data__is_spe(res->scn->rec.events[e].pmu);
}

void arm_spe_data__attr(const struct sim_result *res, int e,
			uint64_t sample_type, struct arm_spe_attr *a)
{
	const struct scn_event *ev = &res->scn->rec.events[e];
	bool ts_set = false;

	memset(a, 0, sizeof(*a));
	a->type = perf_pmu__type(res->mc, res->kernel, "arm_spe_0");
	a->sample_period = 1024; /* caps/min_interval (pmu.c) */
	for (int t = 0; t < ev->nr_terms; t++) {
		const char *n = ev->terms[t].name;
		uint64_t v = ev->terms[t].val[0]
				     ? strtoull(ev->terms[t].val, NULL, 0)
				     : 1;

		if (!strcmp(n, "config"))
			a->config = v;
		else if (!strcmp(n, "config1") || !strcmp(n, "event_filter"))
			a->config1 = v;
		else if (!strcmp(n, "config2") || !strcmp(n, "min_latency"))
			a->config2 = v;
		for (size_t i = 0;
		     i < sizeof(config_bits) / sizeof(config_bits[0]); i++) {
			if (strcmp(n, config_bits[i].name))
				continue;
			a->config &= ~(1ull << config_bits[i].bit);
			a->config |= (v & 1) << config_bits[i].bit;
			ts_set |= config_bits[i].bit == 0;
		}
	}
	if (res->final.tool.target != TARGET_PER_THREAD && !ts_set)
		a->config |= 1; /* ts_enable */
	a->sample_type = sample_type | SAMPLE_DATA_SRC;
	if (a->config & 2) /* pa_enable */
		a->sample_type |= SAMPLE_PHYS_ADDR;
}

bool arm_spe_data__timestamps(const struct sim_result *res)
{
	struct arm_spe_attr a;

	if (!arm_spe_data__session(res))
		return false;
	arm_spe_data__attr(res, res->final.tool.aux_evsel, 0, &a);
	return a.config & 1;
}

void arm_spe_data__info(const struct sim_result *res, struct bytebuf *b)
{
	/* struct perf_record_time_conv: header, five u64, two u8 caps,
	 * six bytes reserved */
	bytebuf__le(b, PERF_RECORD_TIME_CONV_TYPE, 4);
	bytebuf__le(b, 0, 2);
	bytebuf__le(b, 56, 2);
	bytebuf__le(b, ARM_SPE_TIME_SHIFT, 8);
	bytebuf__le(b, ARM_SPE_TIME_MULT, 8);
	bytebuf__le(b, (uint64_t)0 - ETM4_TS_BOOT_NS, 8); /* time_zero */
	bytebuf__le(b, 0, 8);				  /* time_cycles */
	bytebuf__le(b, (1ull << 56) - 1, 8);		  /* time_mask */
	bytebuf__le(b, 1, 1); /* cap_user_time_zero */
	bytebuf__le(b, 1, 1); /* cap_user_time_short */
	bytebuf__le(b, 0, 6);
	/* struct perf_record_auxtrace_info: header, type, reserved, priv[] */
	bytebuf__le(b, PERF_RECORD_AUXTRACE_INFO, 4);
	bytebuf__le(b, 0, 2);
	bytebuf__le(b, 16 + 8 * ARM_SPE_PRIV_WORDS, 2);
	bytebuf__le(b, PERF_AUXTRACE_ARM_SPE, 4);
	bytebuf__le(b, 0, 4);
	bytebuf__le(b, perf_pmu__type(res->mc, res->kernel, "arm_spe_0"), 8);
	bytebuf__le(b, 0, 8); /* ARM_SPE_PER_CPU_MMAPS: unfilled in 6.1 */
}
