// SPDX-License-Identifier: GPL-2.0
/*
 * cs-etm.c - model of tools/perf/arch/arm/util/cs-etm.c: the cs_etm
 * recording options (one cs_etm event, its sink, AUX and snapshot sizes),
 * the snapshot start/finish hooks, and, in perf <= 5.13,
 * cs_etm_find_snapshot() (which SPE's arm_spe_find_snapshot() repeats).
 */
#include <errno.h>
#include <string.h>

#include "tools/perf/perf.h"

/*
 * cs-etm.c: cs_etm_set_sink_attr(): an @sink term names a sink under the
 * PMU's sinks/ directory, whose hash goes into config2; a name the board
 * does not have fails the read, and perf record stops.
 */
static int cs_etm_set_sink_attr(struct aux_model *m, struct evsel_model *ev)
{
	if (!ev->sink[0])
		return 0;
	if (!m->mc->sink_name || strcmp(ev->sink, m->mc->sink_name)) {
		perf__msg(m, "failed to set sink \"%s\" on event %s with 2 (No "
			     "such file or directory)",
			  ev->sink, ev->name);
		return -ENOENT;
	}
	ev->attr.config2 = 0x5a5a; /* the sink's id hash: non-0 */
	return 0;
}

/*
 * cs-etm.c: cs_etm_recording_options(): one cs_etm event at most, its
 * sink, the switch events, the AUX and snapshot sizes, and, with per-CPU
 * mmaps, Context ID and timestamps.
 */
int cs_etm_recording_options(struct aux_model *m, struct record_opts *opts)
{
	uint64_t page_size = m->page_size;
	bool privileged = opts->privileged;
	struct evsel_model *cs_etm_evsel = NULL;
	int ret;

	/* every perf version: a second cs_etm evsel is refused, since the
	 * session has one ETM per CPU to give */
	for (int i = 0; i < opts->nr_evsel; i++) {
		if (opts->evsel[i].attr.pmu != PMU_CS_ETM)
			continue;
		if (cs_etm_evsel) {
			perf__msg(m, "There may be only one cs_etm event");
			return -EINVAL;
		}
		cs_etm_evsel = &opts->evsel[i];
	}
	if (cs_etm_evsel) {
		ret = cs_etm_set_sink_attr(m, cs_etm_evsel);
		if (ret)
			return ret;
	}

	/* perf 5.13, 6.1 and later alike turn on the switch events when the
	 * kernel can record them, which every modelled kernel can (the
	 * model has no --no-switch-events) */
	opts->record_switch_events = true;
	opts->full_auxtrace = true;

	/* snapshot mode */
	if (opts->auxtrace_snapshot_mode) {
		/* cs_etm_recording_options(): neither -S nor -m, gave a
		 * size: the defaults apply */
		if (!opts->auxtrace_snapshot_size &&
		    !opts->auxtrace_mmap_pages) {
			if (privileged) {
				opts->auxtrace_mmap_pages = MiB(4) / page_size;
			} else {
				opts->auxtrace_mmap_pages =
					KiB(128) / page_size;
				if (opts->mmap_pages == UINT_MAX_PAGES)
					opts->mmap_pages = KiB(256) / page_size;
			}
		} else if (!opts->auxtrace_mmap_pages && !privileged &&
			   opts->mmap_pages == UINT_MAX_PAGES) {
			opts->mmap_pages = KiB(256) / page_size;
		}
		/* cs_etm_recording_options(): -m,SIZE without a -S size: the
		 * snapshot takes the whole AUX mmap. */
		if (!opts->auxtrace_snapshot_size && opts->auxtrace_mmap_pages)
			opts->auxtrace_snapshot_size =
				opts->auxtrace_mmap_pages * page_size;
		/* cs_etm_recording_options(): a -S size without -m,SIZE: an
		 * AUX mmap that holds it, in a power of 2 of pages */
		if (opts->auxtrace_snapshot_size &&
		    !opts->auxtrace_mmap_pages) {
			uint64_t sz = opts->auxtrace_snapshot_size;

			sz = (sz + page_size - 1) / page_size;
			opts->auxtrace_mmap_pages = roundup_pow_of_two(sz);
		}
		/* cs_etm_recording_options(): -S larger than the AUX mmap is
		 * refused */
		if (opts->auxtrace_snapshot_size >
		    opts->auxtrace_mmap_pages * page_size) {
			perf__msg(m,
				  "Snapshot size %llu must not be greater "
				  "than AUX area tracing mmap size %llu",
				  (unsigned long long)
					  opts->auxtrace_snapshot_size,
				  (unsigned long long)(opts->auxtrace_mmap_pages *
						       page_size));
			return -EINVAL;
		}
		/* cs_etm_recording_options(): a size still 0 here is a bug
		 * of perf's, refused all the same */
		if (!opts->auxtrace_snapshot_size ||
		    !opts->auxtrace_mmap_pages) {
			perf__msg(m, "Failed to calculate default snapshot "
				     "size and/or AUX area tracing mmap pages");
			return -EINVAL;
		}
	}

	/* cs_etm_recording_options(): no -m,SIZE: the default AUX size for
	 * the mode (privileged or not) */
	if (opts->full_auxtrace && !opts->auxtrace_mmap_pages) {
		if (privileged) {
			opts->auxtrace_mmap_pages = MiB(4) / page_size;
		} else {
			opts->auxtrace_mmap_pages = KiB(128) / page_size;
			if (opts->mmap_pages == UINT_MAX_PAGES)
				opts->mmap_pages = KiB(256) / page_size;
		}
	}

	/* perf <= 5.16 checks the user's AUX size */
	if (perf_has(m, PF_CS_ETM_AUX_SIZE_CHECKS) && opts->auxtrace_mmap_pages) {
		uint64_t max_page = KiB(128) / page_size;
		uint64_t sz = opts->auxtrace_mmap_pages * page_size;

		if (!privileged && opts->auxtrace_mmap_pages > max_page) {
			opts->auxtrace_mmap_pages = max_page;
			perf__msg(m, "auxtrace too big, truncating to %llu",
				  (unsigned long long)max_page);
		}
		if (!is_power_of_2(sz)) {
			perf__msg(m, "Invalid mmap size for cs_etm: must be a "
				     "power of 2");
			return -EINVAL;
		}
	}

	/*
	 * Per-CPU mmaps: the AUX event samples the CPU, and the ETM traces the
	 * context ID so that the decoder sees switches.  perf 5.13 and 6.1
	 * cs_etm_set_option(itr, evsel,
	 * BIT(ETM_OPT_CTXTID) | BIT(ETM_OPT_TS)) when the evlist's CPU map is
	 * not empty (any target but --per-thread); cs_etm_set_context_id()
	 * takes the PMU's "contextid" format, config:14 on a kernel at EL1
	 * (Juno), and cs_etm_set_timestamp() checks TRCIDR0.TSSIZE, non-zero
	 * on every modelled ETM.  perf >= 6.3 does the same with
	 * evsel__set_config_if_unset(..., "timestamp", 1) and "contextid".
	 * The dummy:u tracking evsel (sample TIME, context_switch) is not
	 * opened in the kernel model; perf/data.c writes its attr and the
	 * switch records.
	 */
	if (opts->target != TARGET_PER_THREAD)
		for (int i = 0; i < opts->nr_evsel; i++)
			if (opts->evsel[i].attr.pmu == PMU_CS_ETM)
				opts->evsel[i].attr.config |=
					1ull << ETM_OPT_CTXTID |
					1ull << ETM_OPT_TS;
	return 0;
}

/* cs-etm.c (perf <= 5.13): cs_etm_buffer_has_wrapped().  The AUX pages are
 * zeroed at mmap, so data in the last 512 bytes means head went round. */
static bool cs_etm_buffer_has_wrapped(struct aux_model *m, int rbi,
				      uint64_t buffer_size, uint64_t head)
{
	uint64_t watermark = buffer_size - 512;

	/* cs_etm_find_snapshot(): @head only grows, so a head at or past the
	 * buffer's size means the buffer has wrapped at least once. */
	if (head >= buffer_size)
		return true;
	/* @head is less than 512 bytes from the end of the ring buffer */
	if (head > watermark)
		watermark = head;
	/* look for trace data (non-zero u64 words) at the very end */
	return extent_map__written(&m->s.rb[rbi].aux, (uint32_t)(watermark & ~7ull),
				   (uint32_t)buffer_size);
}

/* cs-etm.c (perf <= 5.13): cs_etm_find_snapshot(); wrapped[] is sticky */
int cs_etm_find_snapshot(struct aux_model *m, int mmi, uint64_t *head,
			 uint64_t *old)
{
	struct perf_mmap *mm = &m->s.mmap[mmi];
	bool wrapped = mm->wrapped;

	if (!wrapped && cs_etm_buffer_has_wrapped(m, mm->rb, mm->len, *head)) {
		wrapped = true;
		mm->wrapped = 1;
	}
	/* cs_etm_find_snapshot(): not wrapped, so head and old stand. */
	if (!wrapped)
		return 0;
	/* cs_etm_find_snapshot(): wrapped, so old moves to one buffer size
	 * behind head and the whole AUX buffer is read. */
	if (*head >= mm->len) {
		*old = *head - mm->len;
	} else {
		*head += mm->len;
		*old = *head - mm->len;
	}
	return 0;
}

/* cs-etm.c: cs_etm_snapshot_start() -> evsel__disable(): ioctl DISABLE
 * on every fd of the cs_etm evsel, in xyarray order */
void cs_etm_snapshot_start(struct aux_model *m)
{
	for (int i = 0; i < m->s.tool.nr_fds; i++)
		perf_ioctl(m, m->s.tool.fd_event[i], PERF_EVENT_IOC_DISABLE);
}

/* cs-etm.c: cs_etm_snapshot_finish() -> evsel__enable() */
void cs_etm_snapshot_finish(struct aux_model *m)
{
	for (int i = 0; i < m->s.tool.nr_fds; i++)
		perf_ioctl(m, m->s.tool.fd_event[i], PERF_EVENT_IOC_ENABLE);
}
