// SPDX-License-Identifier: GPL-2.0
/*
 * perf/pmu.c - the board's PMUs as perf scans them (pmu.h).
 *
 * Types: kernel/events/core.c perf_pmu_register() gives a PMU registered
 * with type -1 the next free number from PERF_TYPE_MAX (6), in
 * registration order.  perf_event_init() registers "software" (1), then
 * perf_tp_register() "tracepoint" (2), "kprobe" and "uprobe"
 * (CONFIG_KPROBE_EVENTS and CONFIG_UPROBE_EVENTS, as distributions build
 * them: 6 and 7), then init_hw_breakpoint() "breakpoint" (5); the CPU
 * cycles and task clock PMUs have no name and no number.  The armv8 PMU
 * driver is built in (drivers/perf/arm_pmu.c armpmu_register(), a
 * device_initcall): one PMU a core type, in the order of the device
 * tree's PMU nodes, which the Juno's list as its clusters (pmu-a57, then
 * pmu-a53): 8, 9.  CoreSight and SPE are modules, loaded after boot:
 * cs_etm (coresight-etm-perf.c etm_perf_init()), then arm_spe_0.  Other
 * PMUs of the boards (the Juno's CCI-400, the N1SDP's CMN) are not
 * modelled.
 *
 * Caps: the armv8 PMU's caps/ group (drivers/perf/arm_pmuv3.c, the
 * kernel variant's list) reads PMMIR_EL1, which cores before PMUv3 for
 * Armv8.4 (A53, A57, N1) do not have: every value 0x00000000.  SPE's
 * (drivers/perf/arm_spe_pmu.c arm_spe_pmu_cap_attr): arch_inst, ernd,
 * count_size and min_interval, from PMSIDR_EL1; the N1 figures are
 * modelling figures.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tools/perf/util/pmu.h"

/* include/linux/stringhash.h, include/linux/hash.h (64-bit) */
unsigned int kernfs_name_hash(const char *name)
{
	uint64_t hash = 0;
	uint32_t h;

	for (; *name; name++) {
		uint64_t c = (unsigned char)*name;

		hash = (hash + (c << 4) + (c >> 4)) * 11;
	}
	h = (uint32_t)((hash * 0x61c8864680b583ebull) >> 32);
	h &= 0x7fffffffu;
	/* 0, 1 and INT_MAX are the directory's own entries */
	if (h < 2)
		h += 2;
	if (h >= 0x7fffffffu)
		h = 0x7fffffffu - 1;
	return h;
}

/* kernfs_sd_compare(): the hash, then the name */
static int kernfs_cmp(const char *a, const char *b)
{
	unsigned int ha = kernfs_name_hash(a), hb = kernfs_name_hash(b);

	if (ha != hb)
		return ha < hb ? -1 : 1;
	return strcmp(a, b);
}

static int pmu_cmp(const void *a, const void *b)
{
	const struct perf_pmu_desc *x = a, *y = b;

	return kernfs_cmp(x->name, y->name);
}

static int cap_cmp(const void *a, const void *b)
{
	const struct perf_pmu_cap *x = a, *y = b;

	return kernfs_cmp(x->name, y->name);
}

static struct perf_pmu_desc *add(struct perf_pmu_desc *pmus, int *n,
				 const char *name, uint32_t type)
{
	struct perf_pmu_desc *p = &pmus[(*n)++];

	memset(p, 0, sizeof(*p));
	snprintf(p->name, sizeof(p->name), "%s", name);
	p->type = type;
	return p;
}

/* the armv8 PMU's name for a core type: "cortex-a57" -> armv8_cortex_a57 */
static void cpu_pmu_name(const char *type, char *buf, size_t len)
{
	snprintf(buf, len, "armv8_%s", type);
	for (char *c = buf; *c; c++)
		if (*c == '-')
			*c = '_';
}

static void pmuv3_caps(struct perf_pmu_desc *p, const struct kernel_variant *k)
{
	static const char *const names[] = { "slots", "bus_slots", "bus_width",
					     "threshold_max" };

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		const char *s =
			k->pmuv3_caps ? strstr(k->pmuv3_caps, names[i]) : NULL;
		size_t n = strlen(names[i]);

		/* a whole word of the list: "slots" is not "bus_slots" */
		while (s && ((s != k->pmuv3_caps && s[-1] != ' ') ||
			     (s[n] && s[n] != ' ')))
			s = strstr(s + 1, names[i]);
		if (s && p->nr_caps < PERF_PMU_MAX_CAPS)
			p->caps[p->nr_caps++] =
				(struct perf_pmu_cap){ names[i], "0x00000000" };
	}
}

int perf_pmus__list(const struct machine *mc, const struct kernel_variant *k,
		    struct perf_pmu_desc *pmus)
{
	uint32_t next = 6; /* PERF_TYPE_MAX */
	int n = 0, nclusters = 0;
	bool etm = false, spe = false;

	add(pmus, &n, "software", 1);
	add(pmus, &n, "tracepoint", 2);
	add(pmus, &n, "kprobe", next++);
	add(pmus, &n, "uprobe", next++);
	add(pmus, &n, "breakpoint", 5);
	for (int c = 0; c < mc->nr_cpus; c++)
		if (mc->cluster[c] + 1 > nclusters)
			nclusters = mc->cluster[c] + 1;
	/* one PMU a core type, in cluster order */
	for (int cl = 0; cl < nclusters; cl++)
		for (int c = 0; c < mc->nr_cpus; c++) {
			char name[32];
			bool dup = false;

			if (mc->cluster[c] != cl)
				continue;
			cpu_pmu_name(mc->cpus[c].type, name, sizeof(name));
			for (int i = 0; i < n; i++)
				dup |= !strcmp(pmus[i].name, name);
			if (!dup && n < PERF_PMU_MAX - 2)
				pmuv3_caps(add(pmus, &n, name, next++), k);
		}
	for (int c = 0; c < mc->nr_cpus; c++) {
		etm |= mc->cpus[c].has_etm;
		spe |= mc->cpus[c].has_spe;
	}
	if (etm)
		add(pmus, &n, "cs_etm", next++);
	if (spe) {
		struct perf_pmu_desc *p = add(pmus, &n, "arm_spe_0", next++);

		p->caps[0] = (struct perf_pmu_cap){ "arch_inst", "1" };
		p->caps[1] = (struct perf_pmu_cap){ "ernd", "0" };
		p->caps[2] = (struct perf_pmu_cap){ "count_size", "12" };
		p->caps[3] = (struct perf_pmu_cap){ "min_interval", "1024" };
		p->nr_caps = 4;
	}
	for (int i = 0; i < n; i++)
		qsort(pmus[i].caps, (size_t)pmus[i].nr_caps,
		      sizeof(pmus[i].caps[0]), cap_cmp);
	qsort(pmus, (size_t)n, sizeof(*pmus), pmu_cmp);
	return n;
}

uint32_t perf_pmu__type(const struct machine *mc,
			const struct kernel_variant *k, const char *name)
{
	struct perf_pmu_desc pmus[PERF_PMU_MAX];
	int n = perf_pmus__list(mc, k, pmus);

	for (int i = 0; i < n; i++)
		if (!strcmp(pmus[i].name, name))
			return pmus[i].type;
	return 0;
}
