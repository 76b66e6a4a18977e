// SPDX-License-Identifier: GPL-2.0
/*
 * machine.c - machine presets.
 *
 * Juno r1: 2x Cortex-A57 + 4x Cortex-A53, one ETMv4.0 per CPU, funnels ->
 * ETF (as a link) -> replicator -> ETR (tmc_etr0, default sink).  Logical CPU
 * numbering follows the boot CPU (an A53) first, then DT order: cpu0 = A53,
 * cpu1-2 = A57, cpu3-5 = A53; the seed's dd ran on [001], an A57.  Trace
 * rates are modelling figures (docs/reading-seed-000.md discusses them):
 * dd with user+kernel trace, contextid and timestamps, ~96 MB/s on an A57
 * and ~60 MB/s on an A53.  Core clocks (the cycles counter): A57 1.15 GHz,
 * A53 650 MHz (Juno r1).  The PMU interrupt is an ordinary IRQ (no
 * pseudo-NMI in the seed's config), and its handler takes about a
 * microsecond: a counter that overflows meanwhile interrupts when it
 * returns.
 *
 * n1sdp: Arm's Neoverse N1 SDP, four N1 cores at 2.6 GHz, each with an ETMv4
 * and SPE (arm_spe_0), an ETR; for the SPE claim of seed 001.
 *
 * What a WARN splat says about the board.  Juno boots with UEFI, so its
 * "Hardware name" is the DMI vendor/product, as in seed 001's splat (which
 * cuts the line before the BIOS version; so does the model).  The N1SDP
 * kernels in the field boot it with a device tree: the name is the DT's
 * model and " (DT)" (setup_machine_fdt()), as a splat from an N1SDP on the
 * xen-devel list shows ("Re: [PATCH v2] xen/arm: fix
 * gnttab_need_iommu_mapping", February 2021).  The mainline tree has no
 * N1SDP device tree; Arm's own kernel for the board carries it.  Modules:
 * CoreSight is built as modules (seed 001's call trace says
 * "etm_event_start [coresight]"), named as in drivers/hwtracing/coresight/
 * Makefile (coresight.ko holds coresight-etm-perf.c; coresight-tmc.ko,
 * coresight-etm4x.ko, coresight-funnel.ko, coresight-replicator.ko),
 * newest first as the kernel lists them; the SPE driver is
 * drivers/perf/arm_spe_pmu.ko (CONFIG_ARM_SPE_PMU=m, as distributions build
 * it).  The armv8 PMU driver is built in.  N1SDP's CoreSight modules are
 * assumed to be Juno's: the model has the same topology on both.
 *
 * What the perf.data header shows of a board (perf/header.c).  Juno: the
 * cpu-map, caches and memory of arch/arm64/boot/dts/arm/juno-r1.dts and
 * juno-base.dtsi (Linux 6.1): cluster0 = the A57s, cluster1 = the A53s;
 * A57: L1 D 32K (256 sets), L1 I 48K (256 sets), L2 2M (2048 sets) per
 * cluster; A53: L1 D 32K (128 sets), L1 I 32K (256 sets), L2 1M (1024
 * sets) per cluster; RAM 2 GiB - 16 MiB at 0x80000000 and 6 GiB at
 * 0x880000000.  N1SDP: two clusters of two N1, L1 D and I 64K (4-way), a
 * private 1M L2 (8-way), 2 GiB at 0x80000000 and 14 GiB at 0x8080000000
 * (Arm's board documentation; the mainline tree has no N1SDP device tree,
 * and the shared system cache is left out).  MemTotal and MemFree are
 * modelling figures: the RAM less what the firmware and the kernel keep,
 * and the free memory of an idle board.  MIDR: the part numbers (A57
 * 0xd07, A53 0xd03, N1 0xd0c, implementer Arm).
 */
#include <stdio.h>
#include <string.h>

#include "model/machine.h"
#include "lib/suggest.h"

#define L1(t, kib, sets) { 1, t, false, (kib) << 10, 64, sets }
#define A57                                                       \
	{ "cortex-a57", 96000000, 1150000000, true, false, { 0 }, \
	  .midr = 0x410fd070,                                     \
	  .caches = { L1('D', 32, 256), L1('I', 48, 256),         \
		      { 2, 'U', true, 2048 << 10, 64, 2048 } } }
#define A53                                                      \
	{ "cortex-a53", 60000000, 650000000, true, false, { 0 }, \
	  .midr = 0x410fd030,                                    \
	  .caches = { L1('D', 32, 128), L1('I', 32, 256),        \
		      { 2, 'U', true, 1024 << 10, 64, 1024 } } }
#define N1                                                         \
	{ "neoverse-n1", 150000000, 2600000000u, true, true, { 0 }, \
	  .midr = 0x410fd0c0,                                       \
	  .caches = { L1('D', 64, 256), L1('I', 64, 256),           \
		      { 2, 'U', false, 1024 << 10, 64, 2048 } } }
#define JUNO_RAM \
	{ { 0x80000000, 0x7f000000 }, { 0x880000000, 0x180000000 } }

#define JUNO_HW_NAME \
	"ARM LTD ARM Juno Development Platform/ARM Juno Development Platform"
#define CORESIGHT_MODULES                                              \
	{                                                              \
		"cs_etm", "coresight_tmc coresight_etm4x coresight_funnel " \
			  "coresight_replicator coresight"                  \
	}

/* what every Juno preset shares: the board, its sink, its kernel's HZ */
#define JUNO_BOARD                                                  \
	.hw_name = JUNO_HW_NAME, .pmu_modules = { CORESIGHT_MODULES }, \
	.etr_size = 1u << 20, .sink_name = "tmc_etr0", .hz = 250,       \
	.page_size = 4096, .pmi_cost_ns = 1000, .hostname = "juno",     \
	.mem_total_kb = 8199948, .mem_free_kb = 7768212, .ram = JUNO_RAM

const struct machine machines[] = {
	{
		.name = "juno",
		JUNO_BOARD,
		.desc = "Arm Juno r1: cpu0 A53, cpu1-2 A57, cpu3-5 A53, "
			"ETMv4 per CPU, ETR sink 1 MiB, HZ=250",
		.nr_cpus = 6,
		.cpus = { A53, A57, A57, A53, A53, A53 },
		.cluster = { 1, 0, 0, 1, 1, 1 },
	},
	{
		.name = "juno-2cpu",
		JUNO_BOARD,
		.desc = "the first two logical CPUs of a Juno (cpu0 A53, cpu1 "
			"A57): small enough for the model checker",
		.nr_cpus = 2,
		.cpus = { A53, A57 },
		.cluster = { 1, 0 },
	},
	{
		.name = "juno-nohlt-2cpu",
		JUNO_BOARD,
		.desc = "two A57 of a Juno only (small configurations for the "
			"explorer)",
		.nr_cpus = 2,
		.cpus = { A57, A57 },
		.cluster = { 0, 0 },
	},
	{
		.name = "n1sdp",
		.hw_name = "Arm Neoverse N1 System Development Platform (DT)",
		.pmu_modules = { CORESIGHT_MODULES,
				  { "arm_spe", "arm_spe_pmu" } },
		.desc = "Arm Neoverse N1 SDP: 4x N1 at 2.6 GHz, ETMv4 and "
			"SPE per CPU, ETR sink 1 MiB, HZ=250",
		.nr_cpus = 4,
		.cpus = { N1, N1, N1, N1 },
		.etr_size = 1u << 20,
		.sink_name = "tmc_etr0",
		.hz = 250,
		.page_size = 4096,
		.pmi_cost_ns = 1000,
		.hostname = "n1sdp",
		.cluster = { 0, 0, 1, 1 },
		.mem_total_kb = 16448812,
		.mem_free_kb = 15902336,
		.ram = { { 0x80000000, 0x80000000 },
			 { 0x8080000000, 0x380000000 } },
	},
	{ 0 },
};

const struct machine *machine__find(const char *name)
{
	for (const struct machine *mc = machines; mc->name; mc++)
		if (!strcmp(mc->name, name))
			return mc;
	return NULL;
}

void machine__names(char *buf, int len)
{
	int off = 0;

	buf[0] = '\0';
	for (const struct machine *mc = machines; mc->name; mc++) {
		int need = (off ? 2 : 0) + (int)strlen(mc->name);

		/* whole names only: "..." for the rest */
		if (off + need + 5 >= len) {
			if (off + 5 < len)
				snprintf(buf + off, len - off, "%s...",
					 off ? ", " : "");
			return;
		}
		off += snprintf(buf + off, len - off, "%s%s", off ? ", " : "",
				mc->name);
	}
}

const char *machine__closest(const char *word)
{
	const char *names[64];
	int n = 0;

	for (const struct machine *mc = machines; mc->name && n < 64; mc++)
		names[n++] = mc->name;
	return suggest__closest(word, names, n);
}
