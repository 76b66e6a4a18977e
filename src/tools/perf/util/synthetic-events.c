// SPDX-License-Identifier: GPL-2.0
/*
 * perf/synthetic-events.c - the kernel maps of the board (see the .h).
 *
 * What perf record does (perf 6.1): machine__create_kernel_maps() reads
 * /proc/kallsyms (readable: perf record runs as root, kptr_restrict 0) for
 * _text, the map's start and its reference relocation symbol, and _etext,
 * its end; machine__create_modules() reads /proc/modules for each module's
 * address and size, and sets its name to the .ko's path under
 * /lib/modules/RELEASE.  Unless every evsel excludes the kernel,
 * record__synthesize() then writes, after the AUXTRACE_INFO:
 *
 *  - __perf_event__synthesize_kernel_mmap(): PERF_RECORD_MMAP, misc
 *    PERF_RECORD_MISC_KERNEL, pid -1 (the host), tid 0, start _text, len
 *    _etext - _text, pgoff _text, "[kernel.kallsyms]_text";
 *  - perf_event__synthesize_modules(): a PERF_RECORD_MMAP per module, in
 *    address order, pgoff 0, the module's path;
 *
 * each followed by a zeroed sample_id trailer (the event is zalloc()ed
 * with room for it and nothing fills it in).
 *
 * The model's kernel: the image at the kernel variant's _text (its
 * KIMAGE_VADDR: no KASLR) to _etext.  Its modules: CoreSight's on a board
 * with ETMs (coresight.ko, which registers cs_etm, then the link, source
 * and sink drivers: the order "Modules linked in:" shows reversed) and
 * arm_spe_pmu.ko on one with SPE.  Without KASLR, module_alloc() places
 * them from module_alloc_base = _etext - 128 MiB up (arch/arm64/kernel/
 * kaslr.c, 5.12 and 6.1), one after the other with a guard page between;
 * 7.1 is assumed to do the same.  The sizes (the core of each module, as
 * /proc/modules shows it) and the build IDs are modelling figures: the
 * model has no kernel image; a build ID is a hash of the release and the
 * object's name, so that each kernel variant has its own.
 */
#include <stdio.h>
#include <string.h>

#include "tools/perf/util/synthetic-events.h"

#define MODULES_VSIZE (128ull << 20)
#define PAGE_SIZE 4096ull
#define PERF_RECORD_MMAP 1
#define PERF_RECORD_MISC_KERNEL 1

static const struct module_desc {
	const char *name, *path; /* path: under /lib/modules/RELEASE */
	uint64_t size;
	bool spe; /* else CoreSight */
} modules[] = {
	{ "coresight", "kernel/drivers/hwtracing/coresight/coresight.ko",
	  98304, false },
	{ "coresight_replicator",
	  "kernel/drivers/hwtracing/coresight/coresight-replicator.ko", 16384,
	  false },
	{ "coresight_funnel",
	  "kernel/drivers/hwtracing/coresight/coresight-funnel.ko", 16384,
	  false },
	{ "coresight_etm4x",
	  "kernel/drivers/hwtracing/coresight/coresight-etm4x.ko", 90112,
	  false },
	{ "coresight_tmc", "kernel/drivers/hwtracing/coresight/coresight-tmc.ko",
	  45056, false },
	{ "arm_spe_pmu", "kernel/drivers/perf/arm_spe_pmu.ko", 24576, true },
};

/* a modelled build ID: splitmix64 over the release and the name */
static void build_id(const char *release, const char *name, uint8_t *id)
{
	uint64_t x = 0x9e3779b97f4a7c15ull;

	for (const char *s = release; *s; s++)
		x = (x ^ (unsigned char)*s) * 0x100000001b3ull;
	for (const char *s = name; *s; s++)
		x = (x ^ (unsigned char)*s) * 0x100000001b3ull;
	for (int i = 0; i < BUILD_ID_SIZE; i++) {
		uint64_t z;

		x += 0x9e3779b97f4a7c15ull;
		z = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
		z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
		id[i] = (uint8_t)(z ^ (z >> 31));
	}
}

bool perf_evlist__exclude_kernel(const struct sim_result *res)
{
	for (int e = 0; e < res->scn->rec.nr_events; e++)
		if (!res->scn->rec.events[e].exclude_kernel)
			return false;
	return true; /* and dummy:u excludes it */
}

int machine__kernel_maps(const struct sim_result *res, struct kmap_desc *maps)
{
	const struct kernel_variant *k = res->kernel;
	bool etm = false, spe = false;
	uint64_t addr = k->etext - MODULES_VSIZE;
	int n = 0;

	if (!k->text)
		return 0;
	for (int c = 0; c < res->mc->nr_cpus; c++) {
		etm |= res->mc->cpus[c].has_etm;
		spe |= res->mc->cpus[c].has_spe;
	}
	memset(&maps[0], 0, sizeof(maps[0]));
	snprintf(maps[0].dso, sizeof(maps[0].dso), "[kernel.kallsyms]");
	snprintf(maps[0].mmap, sizeof(maps[0].mmap), "[kernel.kallsyms]_text");
	maps[0].start = k->text;
	maps[0].len = k->etext - k->text;
	maps[0].pgoff = k->text;
	build_id(k->release, "vmlinux", maps[0].build_id);
	n = 1;
	for (size_t i = 0; i < sizeof(modules) / sizeof(modules[0]); i++) {
		struct kmap_desc *m = &maps[n];

		if (modules[i].spe ? !spe : !etm)
			continue;
		memset(m, 0, sizeof(*m));
		snprintf(m->dso, sizeof(m->dso), "/lib/modules/%s/%s",
			 k->release, modules[i].path);
		snprintf(m->mmap, sizeof(m->mmap), "%s", m->dso);
		m->start = addr;
		m->len = modules[i].size;
		build_id(k->release, modules[i].name, m->build_id);
		addr += (modules[i].size + PAGE_SIZE - 1) / PAGE_SIZE *
				PAGE_SIZE +
			PAGE_SIZE;
		n++;
	}
	return n;
}

void perf_event__synthesize_kernel_mmap(const struct sim_result *res,
					int id_hdr_size, struct bytebuf *out)
{
	struct kmap_desc maps[KMAP_MAX];
	int n = perf_evlist__exclude_kernel(res)
			? 0
			: machine__kernel_maps(res, maps);
	static const uint8_t zero[64];

	for (int i = 0; i < n; i++) {
		size_t len = strlen(maps[i].mmap),
		       padded = (len + 1 + 7) / 8 * 8;

		bytebuf__le(out, PERF_RECORD_MMAP, 4);
		bytebuf__le(out, PERF_RECORD_MISC_KERNEL, 2);
		bytebuf__le(out, 8 + 8 + 24 + padded + (size_t)id_hdr_size, 2);
		bytebuf__le(out, 0xffffffffu, 4); /* pid: the host, -1 */
		bytebuf__le(out, 0, 4);		  /* tid */
		bytebuf__le(out, maps[i].start, 8);
		bytebuf__le(out, maps[i].len, 8);
		bytebuf__le(out, maps[i].pgoff, 8);
		bytebuf__add(out, maps[i].mmap, len);
		bytebuf__add(out, zero, padded - len);
		bytebuf__add(out, zero, (size_t)id_hdr_size);
	}
}
