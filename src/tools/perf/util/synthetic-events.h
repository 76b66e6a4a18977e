/* SPDX-License-Identifier: GPL-2.0 */
/*
 * perf/synthetic-events.h - the kernel maps perf record writes into the
 * perf.data on the board (tools/perf/util/synthetic-events.c
 * perf_event__synthesize_kernel_mmap() and
 * perf_event__synthesize_modules()): a PERF_RECORD_MMAP for
 * [kernel.kallsyms]_text and one for each loaded module, and the build
 * IDs of the same objects for HEADER_BUILD_ID.  With them perf report
 * knows the kernel's map and says nothing of kptr_restrict.
 *
 * Invariants:
 *  - the maps come from the kernel variant (where the image is linked)
 *    and the machine (the modules its PMUs need), never from the host's
 *    /proc/kallsyms or /proc/modules;
 *  - the kernel first, then the modules in load order (their addresses
 *    increase).
 */
#ifndef AUXSIM_PERF_SYNTHETIC_EVENTS_H
#define AUXSIM_PERF_SYNTHETIC_EVENTS_H

#include <stdbool.h>
#include <stdint.h>

#include "lib/bytebuf.h"
#include "sim/sim.h"

#define KMAP_MAX 8
#define BUILD_ID_SIZE 20

struct kmap_desc {
	char dso[160];	/* "[kernel.kallsyms]", or the module's path */
	char mmap[160]; /* the MMAP's filename: "[kernel.kallsyms]_text" */
	uint64_t start, len, pgoff;
	uint8_t build_id[BUILD_ID_SIZE]; /* /sys/kernel/notes, .ko notes */
};

/* the kernel's maps into @maps: how many */
int machine__kernel_maps(const struct sim_result *res, struct kmap_desc *maps);

/* evlist__exclude_kernel(): every evsel excludes the kernel */
bool perf_evlist__exclude_kernel(const struct sim_result *res);

/* the PERF_RECORD_MMAPs of the kernel maps (none when every evsel
 * excludes the kernel), each with a zeroed sample_id trailer of
 * @id_hdr_size bytes (perf leaves it zero), into @out */
void perf_event__synthesize_kernel_mmap(const struct sim_result *res,
					int id_hdr_size, struct bytebuf *out);

#endif /* AUXSIM_PERF_SYNTHETIC_EVENTS_H */
