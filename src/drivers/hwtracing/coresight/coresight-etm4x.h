/* SPDX-License-Identifier: GPL-2.0 */
/*
 * coresight-etm4x.h - the state of an ETMv4 trace unit.
 */
#ifndef AUXSIM_CORESIGHT_ETM4X_H
#define AUXSIM_CORESIGHT_ETM4X_H

#include <stdint.h>

/* coresight-etm4x.h: struct etmv4_drvdata, the perf-relevant part */
struct etmv4_drvdata {
	int8_t mode;	/* enum cs_mode */
	int8_t enabled; /* trace unit enabled (TRCPRGCTLR.EN) */
	int8_t paused;	/* drvdata->paused (v6.16) */
	int16_t event;	/* the event it traces for */
};

#endif /* AUXSIM_CORESIGHT_ETM4X_H */
