// SPDX-License-Identifier: GPL-2.0
/*
 * coresight-etm4x.c - model of the perf-mode part of drivers/hwtracing/
 * coresight/coresight-etm4x-core.c: the trace unit is on or off.
 * etm4_enable() claims the device with local_cmpxchg(mode, DISABLED, mode)
 * and fails with -EBUSY if it is already in use.
 */
#include <errno.h>

#include "model/model.h"

/* coresight-etm4x-core.c: etm4_enable() -> etm4_enable_perf() */
int etm4_enable_perf(struct aux_model *m, int cpu, int event)
{
	struct etmv4_drvdata *drvdata = &m->s.etm[cpu];

	KENTER(m);
	if (drvdata->mode != CS_MODE_DISABLED) {
		KLEAVE(m);
		return -EBUSY;
	}
	drvdata->mode = CS_MODE_PERF;
	drvdata->event = (int16_t)event;
	/* v6.16: start paused if the event is AUX-paused */
	drvdata->paused = kernel_has(m, KF_CS_AUX_PAUSE) &&
			  m->s.event[event].hw_aux_paused &&
			  !kernel_patched(m, KP_MUTANT_IGNORE_PAUSED);
	/* etm4_enable_hw(): TRCPRGCTLR.EN = 1 unless paused */
	drvdata->enabled = !drvdata->paused &&
			   !kernel_patched(m, KP_MUTANT_START_NO_TRACE);
	KLEAVE(m);
	return 0;
}

/* coresight-etm4x-core.c: etm4_pause_perf() (v6.16) */
int etm4_pause_perf(struct aux_model *m, int cpu)
{
	struct etmv4_drvdata *drvdata = &m->s.etm[cpu];

	if (drvdata->mode != CS_MODE_PERF)
		return -EINVAL;
	KENTER(m);
	drvdata->enabled = 0; /* etm4_disable_trace_unit() */
	drvdata->paused = 1;
	KLEAVE(m);
	return 0;
}

/* coresight-etm4x-core.c: etm4_resume_perf() (v6.16) */
int etm4_resume_perf(struct aux_model *m, int cpu)
{
	struct etmv4_drvdata *drvdata = &m->s.etm[cpu];

	if (drvdata->mode != CS_MODE_PERF)
		return -EINVAL;
	KENTER(m);
	drvdata->enabled = 1; /* etm4_enable_trace_unit() */
	drvdata->paused = 0;
	KLEAVE(m);
	return 0;
}

/* coresight-etm4x-core.c: etm4_disable() -> etm4_disable_perf() */
void etm4_disable_perf(struct aux_model *m, int cpu)
{
	struct etmv4_drvdata *drvdata = &m->s.etm[cpu];

	KENTER(m);
	drvdata->enabled = 0;
	drvdata->paused = 0;
	drvdata->event = -1;
	drvdata->mode = CS_MODE_DISABLED;
	KLEAVE(m);
}
