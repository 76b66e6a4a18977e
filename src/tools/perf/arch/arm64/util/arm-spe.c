// SPDX-License-Identifier: GPL-2.0
/*
 * arm-spe.c - model of tools/perf/arch/arm64/util/arm-spe.c, the recorder
 * perf record uses for arm_spe_N events: arm_spe_recording_options() (how
 * many SPE events, the AUX and snapshot sizes, the AUX size SPE accepts)
 * and arm_spe_find_snapshot().
 */
#include <errno.h>

#include "tools/perf/perf.h"

/* the default AUX area of the mode, as cs_etm_recording_options() has it */
static void default_aux_pages(struct record_opts *opts, uint64_t page_size)
{
	if (opts->privileged) {
		opts->auxtrace_mmap_pages = MiB(4) / page_size;
	} else {
		opts->auxtrace_mmap_pages = KiB(128) / page_size;
		if (opts->mmap_pages == UINT_MAX_PAGES)
			opts->mmap_pages = KiB(256) / page_size;
	}
}

/*
 * arm-spe.c: arm_spe_snapshot_resolve_auxtrace_defaults(): -S without a
 * size and without -m,N takes the mode's default AUX area and snapshots all
 * of it; a -m,N alone sets the snapshot size to the area; a -S size alone
 * sets the area to the size rounded up to a power of 2 of pages.
 */
static void resolve_snapshot_defaults(struct record_opts *opts,
				      uint64_t page_size)
{
	if (!opts->auxtrace_snapshot_size && !opts->auxtrace_mmap_pages)
		default_aux_pages(opts, page_size);
	else if (!opts->auxtrace_mmap_pages && !opts->privileged &&
		 opts->mmap_pages == UINT_MAX_PAGES)
		opts->mmap_pages = KiB(256) / page_size;
	if (!opts->auxtrace_snapshot_size)
		opts->auxtrace_snapshot_size =
			opts->auxtrace_mmap_pages * page_size;
	if (!opts->auxtrace_mmap_pages)
		opts->auxtrace_mmap_pages = roundup_pow_of_two(
			(opts->auxtrace_snapshot_size + page_size - 1) /
			page_size);
}

int arm_spe_recording_options(struct aux_model *m, struct record_opts *opts)
{
	uint64_t page_size = m->page_size;
	int nr_spe = 0;

	/* one SPE event per session before perf 6.12's heterogeneous
	 * support; the message names the PMU family, arm_spe_x */
	for (int i = 0; i < opts->nr_evsel; i++)
		nr_spe += opts->evsel[i].attr.pmu == PMU_ARM_SPE;
	if (nr_spe > 1 && perf_has(m, PF_ARM_SPE_ONE_EVENT)) {
		perf__msg(m, "There may be only one arm_spe_x event");
		return -EINVAL;
	}
	opts->full_auxtrace = true;

	/* snapshot mode: only reached with PF_ARM_SPE_SNAPSHOT, since
	 * auxtrace_parse_snapshot_options() refuses -S without it */
	if (opts->auxtrace_snapshot_mode) {
		if (!opts->auxtrace_snapshot_size || !opts->auxtrace_mmap_pages)
			resolve_snapshot_defaults(opts, page_size);
		if (opts->auxtrace_snapshot_size >
		    opts->auxtrace_mmap_pages * page_size) {
			perf__msg(
				m,
				"Snapshot size %llu must not be greater "
				"than AUX area tracing mmap size %llu",
				(unsigned long long)
					opts->auxtrace_snapshot_size,
				(unsigned long long)(opts->auxtrace_mmap_pages *
						     page_size));
			return -EINVAL;
		}
		if (!opts->auxtrace_snapshot_size ||
		    !opts->auxtrace_mmap_pages) {
			perf__msg(m, "Failed to calculate default snapshot "
				     "size and/or AUX area tracing mmap pages");
			return -EINVAL;
		}
	}
	if (!opts->auxtrace_mmap_pages)
		default_aux_pages(opts, page_size);

	/* the SPE driver needs two pages (arm_spe_pmu_setup_aux()): perf
	 * refuses less than 8 KiB, and a size that is not a power of 2,
	 * in every modelled version */
	if (opts->auxtrace_mmap_pages) {
		uint64_t sz = opts->auxtrace_mmap_pages * page_size;

		if (sz < KiB(8) || !is_power_of_2(sz)) {
			perf__msg(m,
				  "Invalid mmap size for ARM SPE: must be at "
				  "least 8KiB and a power of 2");
			return -EINVAL;
		}
	}

	/* per-CPU mmaps: the tracking dummy event records context
	 * switches (perf 6.1); --per-thread has no CPU to switch on */
	opts->record_switch_events = opts->target != TARGET_PER_THREAD;
	return 0;
}
