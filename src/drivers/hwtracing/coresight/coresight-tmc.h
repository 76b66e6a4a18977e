/* SPDX-License-Identifier: GPL-2.0 */
/*
 * coresight-tmc.h - the state of the TMC-ETR sink: its buffers, the perf
 * buffer an AUX area gets, and the device.
 */
#ifndef AUXSIM_CORESIGHT_TMC_H
#define AUXSIM_CORESIGHT_TMC_H

#include <stdint.h>

#include "model/extent.h"

/* coresight-tmc.h: struct etr_buf */
struct etr_buf {
	int8_t in_use;
	int8_t full;	  /* STS.Full seen at the last sync */
	int32_t refcount; /* events sharing it (cpu-wide idr) */
	int32_t idr_pid;  /* key in drvdata->idr, -1 if per-thread */
	uint32_t size;
	uint32_t rwp;	       /* write pointer, as an offset from the base */
	uint64_t offset, len;  /* tmc_sync_etr_buf() results */
	struct extent_map mem; /* what the ETR memory holds */
};

/* coresight-tmc-etr.c: struct etr_perf_buffer */
struct etr_perf_buffer {
	int8_t in_use;
	int8_t snapshot;
	int16_t etr_buf;
	int16_t rb;  /* whose AUX pages it copies into */
	int32_t pid; /* owner (perf tool) pid */
	uint32_t nr_pages;
	uint64_t head; /* v5.12 only: cached PERF_IDX2OFF(handle->head) */
};

/* coresight-tmc.h: struct tmc_drvdata (ETR), plus csdev->refcnt */
struct tmc_drvdata {
	int32_t pid;	   /* owning perf session, -1 */
	int8_t mode;	   /* enum cs_mode */
	int8_t hw_enabled; /* tmc_etr_enable_hw() done, not yet disabled */
	int8_t reading;
	int32_t refcnt;	  /* csdev->refcnt */
	int16_t perf_buf; /* etr_buf index, -1 */
	uint32_t size;	  /* drvdata->size */
};

#endif /* AUXSIM_CORESIGHT_TMC_H */
