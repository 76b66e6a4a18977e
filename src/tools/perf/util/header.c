// SPDX-License-Identifier: GPL-2.0
/*
 * perf/header.c - the perf.data feature sections (header.h), after perf
 * 6.1's tools/perf/util/header.c.  Each write_*() here writes what its
 * namesake there reads from the board, with the board's values taken from
 * the model:
 *
 *  BUILD_ID       machine__write_buildid_table(): with AUX area tracing
 *                 perf record takes every DSO's build ID (buildid_all,
 *                 dsos__hit_all()): the kernel's (/sys/kernel/notes) and
 *                 each module's, in the order perf created their DSOs
 *                 (the kernel, then /proc/modules: newest first); the
 *                 traced program's ELF has no build ID note;
 *  HOSTNAME, OSRELEASE, ARCH   uname(): the machine's host name, the kernel
 *                 variant's release, "aarch64";
 *  VERSION        perf_version_string: the perf variant's;
 *  NRCPUS         the highest present CPU + 1 and the online count: the
 *                 machine's CPUs, all online;
 *  CPUDESC        __write_cpudesc() looks for "model name" in
 *                 /proc/cpuinfo, which arm64's has not: dropped;
 *  CPUID          arch/arm64/util/header.c get_cpuid(): the first online
 *                 CPU's MIDR_EL1 without variant and revision, "0x%016lx";
 *  TOTAL_MEM      /proc/meminfo MemTotal, kB;
 *  CMDLINE        perf_exe() and the arguments main() gave `perf record`;
 *  CPU_TOPOLOGY   util/cputopo.c: each online CPU's package_cpus_list and
 *                 core_cpus_list (deduplicated, in CPU order), then each
 *                 CPU's core_id and physical_package_id; no die lists
 *                 (has_die_topology() is for x86_64 and s390x);
 *  NUMA_TOPOLOGY  node 0 (CONFIG_NUMA, no numa-node-id in the device
 *                 tree): its MemTotal, MemFree and cpulist;
 *  PMU_MAPPINGS   every PMU, in scan order (perf/pmu.h), type and name;
 *  GROUP_DESC     each {...} group of more than one event: "{anon_group}",
 *                 the leader's index, the member count;
 *  CACHE          build_caches(): every CPU's cache/indexN, duplicates
 *                 (same level, geometry, type, size and shared_cpu_list)
 *                 once, sorted by level (glibc 2.36's qsort() is a merge
 *                 sort: stable);
 *  SAMPLE_TIME    0 and 0: perf record skips the samples when it takes
 *                 every build ID (process_buildids());
 *  MEM_TOPOLOGY   /sys/devices/system/memory: 128 MiB blocks (arm64
 *                 SECTION_SIZE_BITS 27 with 4K pages), node 0 holding the
 *                 blocks of the machine's RAM;
 *  BPF_PROG_INFO, BPF_BTF   the BPF programs perf record found loaded:
 *                 none on the modelled board;
 *  CPU_PMU_CAPS   perf_pmu__find("cpu"): arm64 has no "cpu" PMU: dropped;
 *  HYBRID_TOPOLOGY   perf_pmu__has_hybrid() knows only x86's cpu_core and
 *                 cpu_atom (a big.LITTLE Juno is not hybrid): dropped;
 *  PMU_CAPS       each PMU but "cpu" with a caps/ directory: its files, in
 *                 readdir() order.
 *
 * BRANCH_STACK (no -b), STAT, CLOCKID and CLOCK_DATA (no -k), DIR_FORMAT
 * (no --threads) and COMPRESSED (no -z) are cleared by
 * record__init_features() for the command lines the model has.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tools/perf/util/header.h"
#include "tools/perf/util/pmu.h"
#include "tools/perf/util/synthetic-events.h"

#define NAME_ALIGN 64
#define MEMORY_BLOCK_SHIFT 27
#define PERF_RECORD_MISC_KERNEL 1
#define PERF_RECORD_MISC_BUILD_ID_SIZE (1u << 15)

static void u32(struct bytebuf *b, uint32_t v)
{
	bytebuf__le(b, v, 4);
}

static void u64(struct bytebuf *b, uint64_t v)
{
	bytebuf__le(b, v, 8);
}

/* @n bytes of @s, then zeroes up to @padded */
static void padded(struct bytebuf *b, const char *s, size_t n, size_t padded)
{
	static const uint8_t zero[NAME_ALIGN];

	bytebuf__add(b, s, n);
	while (padded > n) {
		size_t k =
			padded - n < sizeof(zero) ? padded - n : sizeof(zero);

		bytebuf__add(b, zero, k);
		n += k;
	}
}

/* do_write_string(): u32 length (NUL included, 64-aligned), the bytes */
static void do_write_string(struct bytebuf *b, const char *s)
{
	size_t n = strlen(s) + 1,
	       len = (n + NAME_ALIGN - 1) / NAME_ALIGN * NAME_ALIGN;

	u32(b, (uint32_t)len);
	padded(b, s, n, len);
}

/* a cpumask as the kernel's %*pbl prints it: "0,3-5" */
static void cpulist(uint64_t mask, char *buf, size_t len)
{
	size_t off = 0;

	buf[0] = '\0';
	for (int c = 0; c < 64 && off < len; c++) {
		int e = c;

		if (!(mask >> c & 1))
			continue;
		while (e + 1 < 64 && mask >> (e + 1) & 1)
			e++;
		if (e > c)
			off += (size_t)snprintf(buf + off, len - off, "%s%d-%d",
						off ? "," : "", c, e);
		else
			off += (size_t)snprintf(buf + off, len - off, "%s%d",
						off ? "," : "", c);
		c = e;
	}
}

static uint64_t all_cpus(const struct machine *mc)
{
	return mc->nr_cpus >= 64 ? ~0ull : (1ull << mc->nr_cpus) - 1;
}

static uint64_t cluster_cpus(const struct machine *mc, int cpu)
{
	uint64_t m = 0;

	for (int c = 0; c < mc->nr_cpus; c++)
		if (mc->cluster[c] == mc->cluster[cpu])
			m |= 1ull << c;
	return m;
}

/* the core number of @cpu in its cluster's cpu-map node */
static uint32_t core_id(const struct machine *mc, int cpu)
{
	uint32_t n = 0;

	for (int c = 0; c < cpu; c++)
		n += mc->cluster[c] == mc->cluster[cpu];
	return n;
}

/* drivers/base/arch_topology.c: package_id, by the kernel's rule */
static uint32_t package_id(const struct sim_result *res, int cpu)
{
	if (res->kernel->features & KF_DT_CLUSTER_NOT_PACKAGE)
		return 0;
	return res->mc->cluster[cpu];
}

static void write_build_id(const struct sim_result *res, struct bytebuf *b)
{
	struct kmap_desc maps[KMAP_MAX];
	int n = machine__kernel_maps(res, maps);

	/* the kernel's DSO first, then the modules newest first */
	for (int i = 0; i < n; i++) {
		const struct kmap_desc *m = &maps[i ? n - i : 0];
		size_t len = (strlen(m->dso) + 1 + NAME_ALIGN - 1) /
			     NAME_ALIGN * NAME_ALIGN;

		/* struct perf_record_header_build_id: 36 bytes */
		u32(b, 0);
		bytebuf__le(b,
			    PERF_RECORD_MISC_KERNEL |
				    PERF_RECORD_MISC_BUILD_ID_SIZE,
			    2);
		bytebuf__le(b, 36 + len, 2);
		u32(b, 0xffffffffu); /* pid: the host */
		bytebuf__add(b, m->build_id, BUILD_ID_SIZE);
		bytebuf__le(b, BUILD_ID_SIZE, 1);
		bytebuf__le(b, 0, 3);
		padded(b, m->dso, strlen(m->dso) + 1, len);
	}
}

struct argv_ctx {
	struct bytebuf *b;
	int n;
};

static void argv_word(void *arg, const char *w)
{
	struct argv_ctx *a = arg;

	a->n++;
	if (a->b)
		do_write_string(a->b, w);
}

static void write_cmdline(const struct sim_result *res, struct bytebuf *b)
{
	struct argv_ctx a = { 0 };
	int n = perf_record__argv(res->scn->rec.cmdline, argv_word, &a);

	/* the binary's path, then argv: "record", the options, the
	 * workload */
	u32(b, (uint32_t)(n < 0 ? 0 : n) + 1);
	do_write_string(b, PERF_EXE);
	a.b = b;
	if (n > 0)
		perf_record__argv(res->scn->rec.cmdline, argv_word, &a);
}

/* append @s to the list @lists[0..*n) unless it is there */
static void add_list(char lists[][96], int *n, const char *s)
{
	for (int i = 0; i < *n; i++)
		if (!strcmp(lists[i], s))
			return;
	snprintf(lists[(*n)++], 96, "%s", s);
}

static void write_cpu_topology(const struct sim_result *res, struct bytebuf *b)
{
	const struct machine *mc = res->mc;
	char pkg[AUXSIM_MAX_CPUS][96], thr[AUXSIM_MAX_CPUS][96], s[96];
	int npkg = 0, nthr = 0;

	for (int c = 0; c < mc->nr_cpus; c++) {
		uint64_t p = 0, t = 0;

		for (int o = 0; o < mc->nr_cpus; o++) {
			if (package_id(res, o) != package_id(res, c))
				continue;
			p |= 1ull << o;
			/* thread siblings: the same core of the same
			 * cluster (of the same package before v6.0) */
			if (mc->cluster[o] == mc->cluster[c] &&
			    core_id(mc, o) == core_id(mc, c))
				t |= 1ull << o;
		}
		cpulist(p, s, sizeof(s));
		add_list(pkg, &npkg, s);
		cpulist(t, s, sizeof(s));
		add_list(thr, &nthr, s);
	}
	u32(b, (uint32_t)npkg);
	for (int i = 0; i < npkg; i++)
		do_write_string(b, pkg[i]);
	u32(b, (uint32_t)nthr);
	for (int i = 0; i < nthr; i++)
		do_write_string(b, thr[i]);
	for (int c = 0; c < mc->nr_cpus; c++) {
		u32(b, core_id(mc, c));
		u32(b, package_id(res, c));
	}
}

static void write_numa_topology(const struct sim_result *res, struct bytebuf *b)
{
	char s[96];

	cpulist(all_cpus(res->mc), s, sizeof(s));
	u32(b, 1);
	u32(b, 0); /* node 0 */
	u64(b, res->mc->mem_total_kb);
	u64(b, res->mc->mem_free_kb);
	do_write_string(b, s);
}

static void write_pmu_mappings(const struct sim_result *res, struct bytebuf *b)
{
	struct perf_pmu_desc pmus[PERF_PMU_MAX];
	int n = perf_pmus__list(res->mc, res->kernel, pmus);

	u32(b, (uint32_t)n);
	for (int i = 0; i < n; i++) {
		u32(b, pmus[i].type);
		do_write_string(b, pmus[i].name);
	}
}

static void write_pmu_caps(const struct sim_result *res, struct bytebuf *b)
{
	struct perf_pmu_desc pmus[PERF_PMU_MAX];
	int n = perf_pmus__list(res->mc, res->kernel, pmus), nr = 0;

	for (int i = 0; i < n; i++)
		nr += pmus[i].nr_caps > 0;
	u32(b, (uint32_t)nr);
	for (int i = 0; i < n; i++) {
		if (!pmus[i].nr_caps)
			continue;
		u32(b, (uint32_t)pmus[i].nr_caps);
		for (int c = 0; c < pmus[i].nr_caps; c++) {
			do_write_string(b, pmus[i].caps[c].name);
			do_write_string(b, pmus[i].caps[c].value);
		}
		do_write_string(b, pmus[i].name);
	}
}

/* the members of group @g of the -e events */
static int group_members(const struct scn_record *rec, int g)
{
	int n = 0;

	for (int e = 0; e < rec->nr_events; e++)
		n += rec->events[e].group == g;
	return n;
}

static int nr_groups(const struct scn_record *rec)
{
	int n = 0;

	for (int e = 0; e < rec->nr_events; e++)
		n += rec->events[e].group_leader &&
		     group_members(rec, rec->events[e].group) > 1;
	return n;
}

static void write_group_desc(const struct sim_result *res, struct bytebuf *b)
{
	const struct scn_record *rec = &res->scn->rec;

	u32(b, (uint32_t)nr_groups(rec));
	for (int e = 0; e < rec->nr_events; e++) {
		int n;

		if (!rec->events[e].group_leader)
			continue;
		n = group_members(rec, rec->events[e].group);
		if (n < 2)
			continue;
		do_write_string(b, "{anon_group}");
		u32(b, (uint32_t)e); /* the leader's evsel index */
		u32(b, (uint32_t)n);
	}
}

struct cache_level {
	const struct machine_cache *c;
	uint64_t map;
};

static void write_cache(const struct sim_result *res, struct bytebuf *b)
{
	const struct machine *mc = res->mc;
	struct cache_level caches[AUXSIM_MAX_CPUS * MACHINE_MAX_CACHES];
	int n = 0;

	for (int cpu = 0; cpu < mc->nr_cpus; cpu++)
		for (int i = 0; i < MACHINE_MAX_CACHES; i++) {
			const struct machine_cache *c =
				&mc->cpus[cpu].caches[i];
			uint64_t map = c->cluster ? cluster_cpus(mc, cpu)
						  : 1ull << cpu;
			int j;

			if (!c->level)
				break;
			for (j = 0; j < n; j++)
				if (caches[j].map == map &&
				    !memcmp(caches[j].c, c, sizeof(*c)))
					break;
			if (j == n)
				caches[n++] = (struct cache_level){ c, map };
		}
	/* a stable sort by level */
	for (int i = 1; i < n; i++)
		for (int j = i;
		     j > 0 && caches[j - 1].c->level > caches[j].c->level;
		     j--) {
			struct cache_level t = caches[j];

			caches[j] = caches[j - 1];
			caches[j - 1] = t;
		}
	u32(b, 1); /* version */
	u32(b, (uint32_t)n);
	for (int i = 0; i < n; i++) {
		const struct machine_cache *c = caches[i].c;
		char s[96];

		u32(b, c->level);
		u32(b, c->line);
		u32(b, c->sets);
		u32(b, c->size / (c->line * c->sets));
		do_write_string(b, c->type == 'D'   ? "Data"
				   : c->type == 'I' ? "Instruction"
						    : "Unified");
		snprintf(s, sizeof(s), "%" PRIu32 "K", c->size >> 10);
		do_write_string(b, s);
		cpulist(caches[i].map, s, sizeof(s));
		do_write_string(b, s);
	}
}

static int write_mem_topology(const struct sim_result *res, struct bytebuf *b)
{
	const struct machine *mc = res->mc;
	uint64_t size = 0, *set;

	for (int i = 0; i < MACHINE_MAX_RAM && mc->ram[i].size; i++) {
		uint64_t last = (mc->ram[i].start + mc->ram[i].size - 1) >>
				MEMORY_BLOCK_SHIFT;

		if (last + 1 > size)
			size = last + 1;
	}
	set = calloc((size_t)(size + 63) / 64 + 1, sizeof(*set));
	if (!set)
		return -ENOMEM;
	for (int i = 0; i < MACHINE_MAX_RAM && mc->ram[i].size; i++)
		for (uint64_t blk = mc->ram[i].start >> MEMORY_BLOCK_SHIFT;
		     blk <= (mc->ram[i].start + mc->ram[i].size - 1) >>
		     MEMORY_BLOCK_SHIFT;
		     blk++)
			set[blk / 64] |= 1ull << (blk % 64);
	u64(b, 1); /* version */
	u64(b, 1ull << MEMORY_BLOCK_SHIFT);
	u64(b, 1); /* nodes */
	u64(b, 0); /* node 0 */
	u64(b, size);
	u64(b, size); /* do_write_bitmap(): the size, then the words */
	for (uint64_t w = 0; w < (size + 63) / 64; w++)
		u64(b, set[w]);
	free(set);
	return 0;
}

uint64_t perf_header__features(const struct sim_result *res, bool tracepoints)
{
	uint64_t set = 0;

	for (int f = HEADER_TRACING_DATA; f < HEADER_LAST_FEATURE; f++)
		set |= 1ull << f;
	if (!tracepoints)
		set &= ~(1ull << HEADER_TRACING_DATA);
	if (!nr_groups(&res->scn->rec))
		set &= ~(1ull << HEADER_GROUP_DESC);
	set &= ~(1ull << HEADER_BRANCH_STACK | 1ull << HEADER_CLOCKID |
		 1ull << HEADER_CLOCK_DATA | 1ull << HEADER_DIR_FORMAT |
		 1ull << HEADER_COMPRESSED | 1ull << HEADER_STAT);
	return set;
}

int perf_header__write_feat(int feat, const struct sim_result *res,
			    struct bytebuf *b)
{
	const struct machine *mc = res->mc;
	char s[64];

	switch (feat) {
	case HEADER_BUILD_ID:
		write_build_id(res, b);
		return 0;
	case HEADER_HOSTNAME:
		do_write_string(b, mc->hostname ? mc->hostname : mc->name);
		return 0;
	case HEADER_OSRELEASE:
		do_write_string(b, res->kernel->release ? res->kernel->release
							: res->kernel->name);
		return 0;
	case HEADER_VERSION:
		do_write_string(b, res->perf->version ? res->perf->version
						      : res->perf->name);
		return 0;
	case HEADER_ARCH:
		do_write_string(b, "aarch64");
		return 0;
	case HEADER_NRCPUS:
		u32(b, (uint32_t)mc->nr_cpus); /* max present + 1 */
		u32(b, (uint32_t)mc->nr_cpus); /* online */
		return 0;
	case HEADER_CPUID:
		snprintf(s, sizeof(s), "0x%016" PRIx64,
			 (uint64_t)(mc->cpus[0].midr & ~(0xfu << 20 | 0xfu)));
		do_write_string(b, s);
		return 0;
	case HEADER_TOTAL_MEM:
		u64(b, mc->mem_total_kb);
		return 0;
	case HEADER_CMDLINE:
		write_cmdline(res, b);
		return 0;
	case HEADER_CPU_TOPOLOGY:
		write_cpu_topology(res, b);
		return 0;
	case HEADER_NUMA_TOPOLOGY:
		write_numa_topology(res, b);
		return 0;
	case HEADER_PMU_MAPPINGS:
		write_pmu_mappings(res, b);
		return 0;
	case HEADER_GROUP_DESC:
		write_group_desc(res, b);
		return 0;
	case HEADER_CACHE:
		write_cache(res, b);
		return 0;
	case HEADER_SAMPLE_TIME:
		u64(b, 0); /* first_sample_time */
		u64(b, 0); /* last_sample_time */
		return 0;
	case HEADER_MEM_TOPOLOGY:
		return write_mem_topology(res, b);
	case HEADER_BPF_PROG_INFO:
	case HEADER_BPF_BTF:
		u32(b, 0); /* infos_cnt, btfs_cnt */
		return 0;
	case HEADER_PMU_CAPS:
		write_pmu_caps(res, b);
		return 0;
	case HEADER_CPUDESC:
	case HEADER_CPU_PMU_CAPS:
	case HEADER_HYBRID_TOPOLOGY:
		return -ENOENT;
	default:
		return -EINVAL;
	}
}
