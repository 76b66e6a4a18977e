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
 */
#include <stdio.h>
#include <string.h>

#include "machine.h"

#define A57 { "cortex-a57", 96000000, 1150000000, true, false, { 0 } }
#define A53 { "cortex-a53", 60000000, 650000000, true, false, { 0 } }
#define N1 { "neoverse-n1", 150000000, 2600000000u, true, true, { 0 } }

#define JUNO_HW_NAME \
	"ARM LTD ARM Juno Development Platform/ARM Juno Development Platform"
#define CORESIGHT_MODULES                                              \
	{                                                              \
		"cs_etm", "coresight_tmc coresight_etm4x coresight_funnel " \
			  "coresight_replicator coresight"                  \
	}

const struct machine machines[] = {
	{
		.name = "juno",
		.hw_name = JUNO_HW_NAME,
		.pmu_modules = { CORESIGHT_MODULES },
		.desc = "Arm Juno r1: cpu0 A53, cpu1-2 A57, cpu3-5 A53, "
			"ETMv4 per CPU, ETR sink 1 MiB, HZ=250",
		.nr_cpus = 6,
		.cpus = { A53, A57, A57, A53, A53, A53 },
		.etr_size = 1u << 20,
		.sink_name = "tmc_etr0",
		.hz = 250,
		.page_size = 4096,
		.pmi_cost_ns = 1000,
	},
	{
		.name = "juno-2cpu",
		.hw_name = JUNO_HW_NAME,
		.pmu_modules = { CORESIGHT_MODULES },
		.desc = "the first two logical CPUs of a Juno (cpu0 A53, cpu1 "
			"A57): small enough for the model checker",
		.nr_cpus = 2,
		.cpus = { A53, A57 },
		.etr_size = 1u << 20,
		.sink_name = "tmc_etr0",
		.hz = 250,
		.page_size = 4096,
		.pmi_cost_ns = 1000,
	},
	{
		.name = "juno-nohlt-2cpu",
		.hw_name = JUNO_HW_NAME,
		.pmu_modules = { CORESIGHT_MODULES },
		.desc = "two A57 of a Juno only (small configurations for the "
			"explorer)",
		.nr_cpus = 2,
		.cpus = { A57, A57 },
		.etr_size = 1u << 20,
		.sink_name = "tmc_etr0",
		.hz = 250,
		.page_size = 4096,
		.pmi_cost_ns = 1000,
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
	for (const struct machine *mc = machines; mc->name && off < len; mc++)
		off += snprintf(buf + off, len - off, "%s%s",
				mc == machines ? "" : ", ", mc->name);
}
