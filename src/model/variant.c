// SPDX-License-Identifier: GPL-2.0
/*
 * variant.c - the tables behind --kernel, --patch and --perf.
 */
#include <stdio.h>
#include <string.h>

#include "lib/suggest.h"
#include "model/variant.h"

const struct kernel_variant kernel_variants[] = {
	{
		.name = "v5.12",
		.upstream = "Linux 5.12 (9f4ad9e425a1): the seed-000 RFC's base; "
			    "ETR caches etr_perf->head, a CPU outside the "
			    "event's mask ends the handle TRUNCATED",
		.features = 0,
		/* KIMAGE_VADDR = MODULES_END, after the 128 MiB BPF JIT
		 * region and the 128 MiB of modules; caps/slots only (the
		 * caps group of 5.11) */
		.release = "5.12.0",
		.text = 0xffff800010000000ull,
		.etext = 0xffff800010f30000ull,
		.pmuv3_caps = "slots",
	},
	{
		.name = "v6.1",
		.upstream = "Linux 6.1 (830b3c68c1fb): ETR copies at "
			    "handle->head (v5.16), bad-CPU start pretends "
			    "(202d403ae3a9), struct etm_ctxt (\"coresight: "
			    "etm-pmu: Ensure the AUX handle is valid\"), "
			    "static trace IDs",
		.features = KF_ETR_HANDLE_HEAD | KF_ETM_BAD_CPU_PRETEND |
			    KF_ETM_STOP_HANDLE_RECHECK |
			    KF_PERCPU_DEFAULT_SINK | KF_RB_AUX_WATERMARK_ORDER |
			    KF_DT_CLUSTER_NOT_PACKAGE | KF_PENDING_DISABLE_FLAG,
		/* arch/arm64/include/asm/memory.h: MODULES_VADDR at
		 * _PAGE_END(48), 128 MiB of modules, then the image;
		 * drivers/perf/arm_pmuv3.c: three caps */
		.release = "6.1.0",
		.text = 0xffff800008000000ull,
		.etext = 0xffff800009040000ull,
		.pmuv3_caps = "slots bus_slots bus_width",
	},
	{
		.name = "v7.1",
		.upstream = "Linux 7.1-rc1, as seed 001 runs it: group "
			    "throttle (9734e25fbf5a, v6.16) with the ACTIVE "
			    "guard, AUX pause/resume (v6.13), CoreSight AUX "
			    "pause (v6.16), AUX_OUTPUT_HW_ID (v6.3)",
		.features = KF_ETR_HANDLE_HEAD | KF_ETM_BAD_CPU_PRETEND |
			    KF_ETM_STOP_HANDLE_RECHECK | KF_AUX_OUTPUT_HW_ID |
			    KF_PERCPU_DEFAULT_SINK | KF_RB_AUX_WATERMARK_ORDER |
			    KF_AUX_PAUSE | KF_CS_AUX_PAUSE | KF_GROUP_THROTTLE |
			    KF_WARN_FORMAT_V7 | KF_DT_CLUSTER_NOT_PACKAGE |
			    KF_PENDING_DISABLE_FLAG | KF_AUX_DISABLE_INATOMIC,
		/* 2 GiB of modules before the image since 6.5;
		 * threshold_max since 6.10 (as in 6.12) */
		.release = "7.1.0-rc1",
		.text = 0xffff800080000000ull,
		.etext = 0xffff800081240000ull,
		.pmuv3_caps = "slots bus_slots bus_width threshold_max",
	},
	{ 0 },
};

static const char *const rfc_kernels[] = { "v5.12", "v6.1", NULL };
static const char *const v7_kernels[] = { "v7.1", NULL };

const struct patch_variant patch_variants[] = {
	{
		.name = "etm-snapshot-rfc",
		.upstream = "[RFC PATCH] coresight: etm-perf: Correct buffer "
			    "syncing for snapshot (Leo Yan, 2021-04-28, "
			    "<20210428013659.324230-1-leo.yan@linaro.org>; "
			    "dropped upstream)",
		.bit = KP_ETM_SNAPSHOT_RFC,
		.applies_to = rfc_kernels,
	},
	{
		.name = "aux-pause-throttle-v1",
		.upstream = "[PATCH] perf/core: Use AUX pause/resume for "
			    "throttling (Leo Yan, 2026-05-14, <20260514-aux-"
			    "throttle-fix-v1-1-92bdc84f5922@arm.com>)",
		.bit = KP_AUX_PAUSE_THROTTLE_V1,
		.applies_to = v7_kernels,
	},
	{
		.name = "aux-throttle-fix",
		.upstream = "auxsim's proposal, instead of aux-pause-throttle-"
			    "v1: throttle AUX events with pmu->stop(event, "
			    "PERF_EF_UPDATE), unthrottle with pmu->start(event, "
			    "0) (docs/proposal-aux-throttle-fix.md)",
		.bit = KP_AUX_THROTTLE_FIX,
		.applies_to = v7_kernels,
	},
#define MUTANT(n, b, what) \
	{ .name = n, .upstream = what, .bit = b, .applies_to = v7_kernels, \
	  .mutant = 1 }
	MUTANT("mutant-end-keeps-nest", KP_MUTANT_END_KEEPS_NEST,
	       "perf_aux_output_end() leaves rb->aux_nest set"),
	MUTANT("mutant-throttle-no-stop", KP_MUTANT_THROTTLE_NO_STOP,
	       "perf_event_throttle() marks the event throttled but does not "
	       "stop it"),
	MUTANT("mutant-throttle-keeps-aux", KP_MUTANT_THROTTLE_KEEPS_AUX,
	       "perf_event_throttle() does not stop AUX events"),
	MUTANT("mutant-ignore-paused", KP_MUTANT_IGNORE_PAUSED,
	       "etm4_enable_perf() ignores hw.aux_paused"),
	MUTANT("mutant-start-no-trace", KP_MUTANT_START_NO_TRACE,
	       "etm4_enable_perf() never enables the trace unit"),
	MUTANT("mutant-munmap-leaks", KP_MUTANT_MUNMAP_LEAKS,
	       "perf_mmap_close() does not free the AUX buffer"),
	MUTANT("mutant-stop-keeps-ctxt", KP_MUTANT_STOP_KEEPS_CTXT,
	       "etm_event_stop() does not clear ctxt->event_data"),
	MUTANT("mutant-etr-truncated-inverted",
	       KP_MUTANT_ETR_TRUNCATED_INVERTED,
	       "tmc_update_etr_buffer() flags TRUNCATED in snapshot mode "
	       "instead of full-trace mode (inverted condition)"),
	MUTANT("mutant-etr-copy-oldest", KP_MUTANT_ETR_COPY_OLDEST,
	       "tmc_update_etr_buffer() cuts a snapshot copy to the AUX size "
	       "from the oldest byte, not the latest"),
	MUTANT("mutant-etr-flag-overwrite", KP_MUTANT_ETR_FLAG_OVERWRITE,
	       "tmc_update_etr_buffer() flags snapshot records "
	       "PERF_AUX_FLAG_OVERWRITE itself"),
	MUTANT("mutant-etr-end-on-lost", KP_MUTANT_ETR_END_ON_LOST,
	       "tmc_update_etr_buffer() ends the AUX transaction itself when "
	       "data was lost, and still returns the size copied"),
	MUTANT("mutant-start-no-ctxt", KP_MUTANT_START_NO_CTXT,
	       "etm_event_start() does not save event_data in the etm_ctxt"),
	MUTANT("mutant-start-ignores-begin", KP_MUTANT_START_IGNORES_BEGIN,
	       "etm_event_start() goes on as if perf_aux_output_begin() had "
	       "succeeded when it fails"),
	MUTANT("mutant-start-path-first", KP_MUTANT_START_PATH_FIRST,
	       "etm_event_start() enables the sink before "
	       "perf_aux_output_begin()"),
	MUTANT("mutant-setup-aux-path-short", KP_MUTANT_SETUP_AUX_PATH_SHORT,
	       "etm_setup_aux() builds no path for the last CPU (off by "
	       "one)"),
	MUTANT("mutant-setup-aux-this-cpu", KP_MUTANT_SETUP_AUX_THIS_CPU,
	       "etm_setup_aux() gives a per-thread event (cpu == -1) the "
	       "mask of the CPU it runs on, not every CPU"),
	MUTANT("mutant-sink-disable-early", KP_MUTANT_SINK_DISABLE_EARLY,
	       "tmc_disable_etr_sink() resets drvdata->perf_buf before "
	       "checking that the last user is gone"),
	MUTANT("mutant-sink-no-mode", KP_MUTANT_SINK_NO_MODE,
	       "tmc_enable_etr_sink_perf() does not set drvdata->mode"),
	MUTANT("mutant-sched-in-no-task-ctx", KP_MUTANT_SCHED_IN_NO_TASK_CTX,
	       "ctx_sched_in() does not install the task ctx in "
	       "cpuctx->task_ctx"),
	MUTANT("mutant-no-aux-event", KP_MUTANT_NO_AUX_EVENT,
	       "perf_event_open() does not link an aux-action event to its "
	       "AUX group leader (event->aux_event)"),
#undef MUTANT
	{ 0 },
};

const struct perf_variant perf_variants[] = {
	{
		.name = "perf-5.13",
		.upstream = "perf 5.13: cs_etm_find_snapshot() and "
			    "cs_etm_buffer_has_wrapped() in "
			    "tools/perf/arch/arm/util/cs-etm.c",
		.features = PF_CS_ETM_FIND_SNAPSHOT |
			    PF_CS_ETM_AUX_SIZE_CHECKS | PF_ARM_SPE_ONE_EVENT,
		.version = "5.13.0",
	},
	{
		.name = "perf-6.1",
		.upstream = "perf 6.1 (Debian bookworm's linux-perf): generic "
			    "__auxtrace_mmap__read() rule after 2f01c200d440 "
			    "\"perf cs-etm: Remove callback "
			    "cs_etm_find_snapshot()\"",
		.features = PF_AUXTRACE_EVENT_CNT | PF_ARM_SPE_SNAPSHOT |
			    PF_ARM_SPE_ONE_EVENT,
		.version = "6.1.0",
	},
	{
		.name = "perf-7.1",
		.upstream = "perf 7.1: the generic snapshot rule, and the "
			    "aux-action=start-paused|pause|resume event terms "
			    "(v6.13)",
		.features = PF_AUX_ACTION | PF_AUXTRACE_EVENT_CNT |
			    PF_ARM_SPE_SNAPSHOT,
		.version = "7.1.0-rc1",
	},
	{ 0 },
};

const struct kernel_variant *variant__find_kernel(const char *name)
{
	for (const struct kernel_variant *k = kernel_variants; k->name; k++)
		if (!strcmp(k->name, name))
			return k;
	return NULL;
}

const struct patch_variant *variant__find_patch(const char *name)
{
	for (const struct patch_variant *p = patch_variants; p->name; p++)
		if (!strcmp(p->name, name))
			return p;
	return NULL;
}

const struct perf_variant *variant__find_perf(const char *name)
{
	for (const struct perf_variant *v = perf_variants; v->name; v++)
		if (!strcmp(v->name, name))
			return v;
	return NULL;
}

int variant__patch_applies(const struct patch_variant *p,
			   const struct kernel_variant *k)
{
	for (const char *const *n = p->applies_to; *n; n++)
		if (!strcmp(*n, k->name))
			return 1;
	return 0;
}

/*
 * Append ", @name" (no comma first) to the list in @buf when it fits whole,
 * keeping room for a final ", ..."; else end the list with "..." once.  A
 * list is never cut inside a name.
 */
static void join_name(char *buf, int len, int *off, const char *name)
{
	int need = (*off ? 2 : 0) + (int)strlen(name);

	if (*off && !strcmp(buf + *off - 3, "..."))
		return;
	if (*off + need + 5 < len) {
		*off += snprintf(buf + *off, len - *off, "%s%s",
				 *off ? ", " : "", name);
	} else if (*off + 5 < len) {
		*off += snprintf(buf + *off, len - *off, "%s...",
				 *off ? ", " : "");
	}
}

#define NAMES(fn, type, table)                                                 \
	void fn(char *buf, int len)                                            \
	{                                                                      \
		int off = 0;                                                   \
		buf[0] = '\0';                                                 \
		for (const type *v = table; v->name; v++)                      \
			join_name(buf, len, &off, v->name);                    \
	}

NAMES(variant__kernel_names, struct kernel_variant, kernel_variants)
NAMES(variant__perf_names, struct perf_variant, perf_variants)

/* the real patches by name; the mutants, which only the checker's tests
 * use, by their number and where to see them */
void variant__patch_names(char *buf, int len)
{
	int off = 0, mutants = 0;

	buf[0] = '\0';
	for (const struct patch_variant *p = patch_variants; p->name; p++) {
		if (p->mutant)
			mutants++;
		else
			join_name(buf, len, &off, p->name);
	}
	if (mutants && off < len)
		snprintf(buf + off, len - off,
			 "; and %d mutants: auxsim list names them", mutants);
}

#define CLOSEST(fn, type, table)                                               \
	const char *fn(const char *word)                                       \
	{                                                                      \
		const char *names[64];                                         \
		int n = 0;                                                     \
		for (const type *v = table; v->name && n < 64; v++)            \
			names[n++] = v->name;                                  \
		return suggest__closest(word, names, n);                       \
	}

CLOSEST(variant__closest_kernel, struct kernel_variant, kernel_variants)
CLOSEST(variant__closest_patch, struct patch_variant, patch_variants)
CLOSEST(variant__closest_perf, struct perf_variant, perf_variants)
