/* SPDX-License-Identifier: GPL-2.0 */
/*
 * coresight-etm-perf.h - the state of etm-perf, the perf PMU of the ETMs:
 * the per-CPU context and the event data of an AUX buffer.
 */
#ifndef AUXSIM_CORESIGHT_ETM_PERF_H
#define AUXSIM_CORESIGHT_ETM_PERF_H

#include <stdint.h>

#include "include/linux/perf_event.h"

/* coresight-etm-perf.c: struct etm_ctxt, per CPU */
struct etm_ctxt {
	struct perf_output_handle handle;
	int16_t event_data; /* cached etm_event_data, -1 */
};

/* coresight-etm-perf.h: struct etm_event_data */
struct etm_event_data {
	int8_t in_use;
	int8_t overwrite; /* only with the seed-000 RFC (KP_ETM_SNAPSHOT_RFC) */
	int16_t snk_config; /* etr_perf_buffer index */
	uint32_t mask;	    /* CPUs this event may trace on */
	uint32_t aux_hwid_done;
	uint32_t path; /* CPUs with a built path (csdev_src -> sink) */
	int16_t event;
};

#endif /* AUXSIM_CORESIGHT_ETM_PERF_H */
