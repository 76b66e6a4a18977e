/* SPDX-License-Identifier: GPL-2.0 */
/*
 * variant.h - the kernel versions, kernel patches and perf versions that the
 * model can switch between at run time.
 *
 * A variant is a named set of behaviour bits.  Model code never compares
 * version numbers: it tests a bit (kernel_has(m, KF_...)), and each bit is
 * documented below with the upstream commit that introduced it, so that a
 * reader can hold the branch against the source of each version.
 *
 * Invariants:
 *  - names are unique within their table and never reused;
 *  - a patch lists the kernels it applies to; the simulator refuses a patch on
 *    a kernel outside that list (as `git am` would);
 *  - tables are in upstream chronological order, and `auxsim list` prints
 *    them in that order.
 */
#ifndef AUXSIM_VARIANT_H
#define AUXSIM_VARIANT_H

#include <stdint.h>

/* Kernel behaviour bits. */
enum kernel_feature {
	/*
	 * "coresight: tmc-etr: Use perf_output_handle::head for AUX ring
	 * buffer" (Leo Yan, v5.16; seen as 7be15eef996f and f36dec8da1a4).  Before it, struct etr_perf_buffer cached `head`
	 * at sink enable and tmc_etr_sync_perf_buffer() copied there.
	 */
	KF_ETR_HANDLE_HEAD = 1u << 0,
	/*
	 * 202d403ae3a9 (also seen as 8c60acbcb982) "coresight: Don't
	 * immediately close events that are run on invalid CPU/sink combos"
	 * (v5.16): etm_event_start() on a CPU
	 * outside event_data->mask pretends success instead of TRUNCATED+end.
	 */
	KF_ETM_BAD_CPU_PRETEND = 1u << 1,
	/*
	 * "coresight: etm-pmu: Ensure the AUX handle is valid" (v5.16):
	 * etm_event_stop() re-reads handle->event after update_buffer().
	 */
	KF_ETM_STOP_HANDLE_RECHECK = 1u << 2,
	/*
	 * aa19bb4c3583 "coresight: events: PERF_RECORD_AUX_OUTPUT_HW_ID used
	 * for Trace ID" and the dynamic trace-ID series (v6.3), then the
	 * once-per-CPU form (commit not identified): etm_event_start() emits
	 * PERF_RECORD_AUX_OUTPUT_HW_ID once per CPU per event (aux_hwid_done).
	 * Not in v5.12 or v6.1.
	 */
	KF_AUX_OUTPUT_HW_ID = 1u << 3,
	/*
	 * "coresight: etm-perf: Allow an event to use different sinks" (TRBE
	 * series, v5.13): the default sink is looked up per CPU.
	 */
	KF_PERCPU_DEFAULT_SINK = 1u << 4,
	/*
	 * d68e6799a5c8 "perf: Cap allocation order at aux_watermark"
	 * (Alexander Shishkin, 2021; v5.13): rb_alloc_aux() derives the
	 * allocation order from the watermark and defaults the watermark
	 * before setup_aux().  Before it, a one-page normal-mode AUX area is
	 * -EINVAL and the default watermark is set after setup_aux().
	 */
	KF_RB_AUX_WATERMARK_ORDER = 1u << 5,
	/*
	 * AUX pause/resume in the perf core (Adrian Hunter, v6.13): attr
	 * aux_start_paused/aux_pause/aux_resume, hw.aux_paused,
	 * perf_event_aux_pause() with the aux_in_pause_resume guard,
	 * PERF_EF_PAUSE/PERF_EF_RESUME, PERF_PMU_CAP_AUX_PAUSE.
	 */
	KF_AUX_PAUSE = 1u << 6,
	/*
	 * CoreSight AUX pause (v6.16): etm_event_start(PERF_EF_RESUME),
	 * etm_event_stop(PERF_EF_PAUSE) -> etm_event_pause() updating the buffer
	 * of a non-per-CPU sink (end + begin), the ETMv4 `paused` flag, cs_etm
	 * PERF_PMU_CAP_AUX_PAUSE, and "coresight: tmc: Re-enable sink after
	 * buffer update".
	 */
	KF_CS_AUX_PAUSE = 1u << 7,
	/*
	 * 9734e25fbf5a "perf: Fix the throttle logic for a group" (v6.16) and
	 * the ACTIVE-state guard (b64fdd422a85, Aug 2025): throttling stops
	 * every ACTIVE member of the group with pmu->stop(e, 0) and the tick
	 * restarts them with pmu->start(e, 0), AUX leader included.  Before
	 * it, only the overflowing event was throttled, by its PMU's interrupt
	 * handler.
	 */
	KF_GROUP_THROTTLE = 1u << 8,
	/* v6.2+ prints WARN splats as "WARNING: file:line at func, CPU#n:
	 * comm/pid" (v6.x: "WARNING: CPU: n PID: p at file:line func"); the
	 * 7.x format is the seed's */
	KF_WARN_FORMAT_V7 = 1u << 9,
	/*
	 * "arch_topology: Don't set cluster identifier as physical package
	 * identifier" (Sudeep Holla, v6.0): a device tree's cpu-map clusters
	 * are clusters, every CPU in package 0 unless it has socket nodes.
	 * Before it, parse_cluster() counted each leaf cluster as a package,
	 * which /sys/devices/system/cpu/cpuN/topology shows (perf's
	 * CPU_TOPOLOGY: perf/header.c).
	 */
	KF_DT_CLUSTER_NOT_PACKAGE = 1u << 10,
	/*
	 * ca6c21327c6a "perf: Fix missing SIGTRAPs" (v6.1): event->
	 * pending_disable stops being the CPU to disable on (-1 for none) and
	 * becomes a flag that __perf_pending_irq() and event_sched_out() test
	 * for non-zero.  ring_buffer.c was not changed with it: see
	 * KF_AUX_DISABLE_INATOMIC.
	 */
	KF_PENDING_DISABLE_FLAG = 1u << 11,
	/*
	 * "perf/aux: Properly launch pending disable flow" (Leo Yan, 2025;
	 * <20250625170737.2918295-1-leo.yan@arm.com>, Fixes: ca6c21327c6a):
	 * perf_aux_output_begin() on a full buffer and perf_aux_output_end()
	 * with TRUNCATED call perf_event_disable_inatomic().  Before it they
	 * store smp_processor_id() into pending_disable, which under
	 * KF_PENDING_DISABLE_FLAG is 0 on CPU 0: that disable is lost.  Not
	 * in Debian's 6.1.192 or 6.12.118; in the mainline-derived v7.x trees
	 * read (docs/kernel-sources-v7.md).
	 */
	KF_AUX_DISABLE_INATOMIC = 1u << 12,
};

/* Kernel patches (not upstream, or not in the modelled version). */
enum kernel_patch {
	/*
	 * [RFC PATCH] coresight: etm-perf: Correct buffer syncing for snapshot
	 * (Leo Yan, 2021-04-28, seed 000; dropped in v2 of "coresight: Fix for
	 * snapshot mode").  etm_event_stop() skips update_buffer() in snapshot
	 * mode when event->ctx->is_active == 0 (context-switch sched-out).
	 */
	KP_ETM_SNAPSHOT_RFC = 1u << 0,
	/*
	 * [PATCH] perf/core: Use AUX pause/resume for throttling (Leo Yan,
	 * 2026-05-14, seed 001): perf_event_throttle()/perf_event_unthrottle()
	 * call perf_event_aux_pause(event, true/false) instead of
	 * pmu->stop(event, 0)/pmu->start(event, 0) when the event's PMU has
	 * PERF_PMU_CAP_AUX_PAUSE.
	 */
	KP_AUX_PAUSE_THROTTLE_V1 = 1u << 1,
	/*
	 * auxsim's proposal (docs/proposal-aux-throttle-fix.md), in place of
	 * aux-pause-throttle-v1: perf_event_throttle() stops an AUX event with
	 * pmu->stop(event, PERF_EF_UPDATE), closing its AUX transaction, and
	 * leaves hw.aux_paused to the user; perf_event_unthrottle()'s
	 * pmu->start(event, 0) opens a new one, honouring the user's pause.
	 */
	KP_AUX_THROTTLE_FIX = 1u << 2,
	/*
	 * Mutants: deliberately broken kernels that the checker's tests must
	 * catch, one invariant each (`auxsim list` shows them apart).
	 */
	KP_MUTANT_END_KEEPS_NEST = 1u << 8, /* perf_aux_output_end */
	KP_MUTANT_THROTTLE_NO_STOP = 1u << 9, /* perf_event_throttle */
	KP_MUTANT_THROTTLE_KEEPS_AUX = 1u << 10, /* perf_event_throttle */
	KP_MUTANT_IGNORE_PAUSED = 1u << 11, /* etm4_enable_perf */
	KP_MUTANT_START_NO_TRACE = 1u << 12, /* etm4_enable_perf */
	KP_MUTANT_MUNMAP_LEAKS = 1u << 13, /* perf_mmap_close */
	KP_MUTANT_STOP_KEEPS_CTXT = 1u << 14, /* etm_event_stop */
	KP_MUTANT_ETR_TRUNCATED_INVERTED = 1u << 15, /* tmc_update_etr_buffer */
	KP_MUTANT_ETR_COPY_OLDEST = 1u << 16, /* tmc_update_etr_buffer */
	KP_MUTANT_ETR_FLAG_OVERWRITE = 1u << 17, /* tmc_update_etr_buffer */
	KP_MUTANT_ETR_END_ON_LOST = 1u << 18, /* tmc_update_etr_buffer */
	KP_MUTANT_START_NO_CTXT = 1u << 19, /* etm_event_start */
	KP_MUTANT_START_IGNORES_BEGIN = 1u << 20, /* etm_event_start */
	KP_MUTANT_START_PATH_FIRST = 1u << 21, /* etm_event_start */
	KP_MUTANT_SETUP_AUX_PATH_SHORT = 1u << 22, /* etm_setup_aux */
	KP_MUTANT_SETUP_AUX_THIS_CPU = 1u << 23, /* etm_setup_aux */
	KP_MUTANT_SINK_DISABLE_EARLY = 1u << 24, /* tmc_disable_etr_sink */
	KP_MUTANT_SINK_NO_MODE = 1u << 25, /* tmc_enable_etr_sink_perf */
	KP_MUTANT_SCHED_IN_NO_TASK_CTX = 1u << 26, /* ctx_sched_in */
	KP_MUTANT_NO_AUX_EVENT = 1u << 27, /* perf_event_open */
};

/* perf tool behaviour bits. */
enum perf_feature {
	/*
	 * cs_etm_find_snapshot() with cs_etm_buffer_has_wrapped(), removed by
	 * 2f01c200d440 "perf cs-etm: Remove callback cs_etm_find_snapshot()"
	 * (v5.14).
	 */
	PF_CS_ETM_FIND_SNAPSHOT = 1u << 0,
	/* perf_event_attr.aux_action terms (aux-action=...), v6.13. */
	PF_AUX_ACTION = 1u << 1,
	/*
	 * cs_etm_recording_options() validates the AUX mmap size: "auxtrace
	 * too big, truncating" for the unprivileged and "Invalid mmap size for
	 * cs_etm: must be a power of 2"; both removed in v5.17.
	 */
	PF_CS_ETM_AUX_SIZE_CHECKS = 1u << 2,
	/*
	 * auxtrace_record__init() (tools/perf/arch/arm/util/auxtrace.c)
	 * counts the AUX PMU kinds of the evlist and refuses more than one
	 * with a generic "Concurrent AUX trace operation" message: "perf
	 * auxtrace arm: Refactor event list iteration in
	 * auxtrace_record__init()", with the HiSilicon PTT support (v6.1).
	 * Before it the same refusal names ETM and SPE.
	 */
	PF_AUXTRACE_EVENT_CNT = 1u << 3,
	/*
	 * ARM SPE snapshot mode (tools/perf/arch/arm64/util/arm-spe.c):
	 * arm_spe_parse_snapshot_options(), the snapshot sizes and
	 * arm_spe_find_snapshot() with arm_spe_buffer_has_wrapped() ("perf
	 * arm-spe: Add snapshot mode support", German Gomez; in perf 6.1 and
	 * 6.12, not in 5.13, where -S with an SPE event finds no snapshot
	 * callback: "No AUX area tracing to snapshot").
	 */
	PF_ARM_SPE_SNAPSHOT = 1u << 4,
	/*
	 * arm_spe_recording_options() takes one arm_spe event ("There may be
	 * only one arm_spe_x event"), as in perf 5.13 and 6.1; perf 6.12
	 * takes several ("perf arm-spe: Support multiple Arm SPE events").
	 */
	PF_ARM_SPE_ONE_EVENT = 1u << 5,
};

struct kernel_variant {
	const char *name; /* "v5.12" */
	const char *upstream; /* tag and subject or commit */
	uint32_t features; /* enum kernel_feature */
	/*
	 * What perf record reads from the running kernel (perf/header.c,
	 * perf/synthetic-events.c): uname -r; _text, where the arm64 kernel
	 * image is linked (KIMAGE_VADDR: no KASLR), and _etext; the files
	 * of the armv8 PMUs' caps/ directory.
	 */
	const char *release;
	uint64_t text, etext;
	const char *pmuv3_caps; /* "slots bus_slots bus_width" */
};

struct patch_variant {
	const char *name; /* "etm-snapshot-rfc" */
	const char *upstream; /* subject, author, date, message-id */
	uint32_t bit; /* enum kernel_patch */
	const char *const *applies_to; /* NULL-terminated kernel names */
	int mutant; /* a deliberately broken kernel, for the checker's tests */
};

struct perf_variant {
	const char *name; /* "perf-5.13" */
	const char *upstream;
	uint32_t features; /* enum perf_feature */
	/* perf_version_string: util/PERF-VERSION-GEN outside a git tree
	 * (make kernelversion), as `perf version` prints it */
	const char *version;
};

extern const struct kernel_variant kernel_variants[];
extern const struct patch_variant patch_variants[];
extern const struct perf_variant perf_variants[];

#define KERNEL_DEFAULT "v6.1"
#define PERF_DEFAULT "perf-6.1"

const struct kernel_variant *variant__find_kernel(const char *name);
const struct patch_variant *variant__find_patch(const char *name);
const struct perf_variant *variant__find_perf(const char *name);
/* 1 if @p applies to kernel @k, else 0. */
int variant__patch_applies(const struct patch_variant *p,
			   const struct kernel_variant *k);
/* "v5.12, v6.1" into @buf, for error messages: whole names only, "..."
 * when the rest does not fit.  The patches: the real ones by name, then
 * "; and N mutants: auxsim list names them". */
void variant__kernel_names(char *buf, int len);
void variant__patch_names(char *buf, int len);
void variant__perf_names(char *buf, int len);
/* the name closest to @word (suggest.h, mutants included), or NULL */
const char *variant__closest_kernel(const char *word);
const char *variant__closest_patch(const char *word);
const char *variant__closest_perf(const char *word);

#endif /* AUXSIM_VARIANT_H */
