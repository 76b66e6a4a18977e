// SPDX-License-Identifier: GPL-2.0
/*
 * report-splat.c - a WARN as the kernel prints it (lib/bug.c __warn(),
 * dump_stack()): the cut-here line, the WARNING line in the format of the
 * modelled kernel, the modules, the CPU and task, the hardware name, the
 * call trace.
 */
#include <string.h>

#include "report-priv.h"

static const char *kernel_release(const struct sim_result *res)
{
	if (!strcmp(res->kernel->name, "v5.12"))
		return "5.12.0";
	if (!strcmp(res->kernel->name, "v6.1"))
		return "6.1.0";
	if (!strcmp(res->kernel->name, "v7.1"))
		return "7.1.0-rc1";
	return res->kernel->name + 1;
}

/* the module a modelled function lives in, for the call trace */
static const char *func_module(const char *fn)
{
	if (!strncmp(fn, "tmc_", 4))
		return " [coresight_tmc]";
	if (!strncmp(fn, "etm4_", 5))
		return " [coresight_etm4x]";
	if (!strncmp(fn, "etm_", 4) || !strncmp(fn, "coresight_", 10))
		return " [coresight]";
	return "";
}

void report__splat(FILE *f, const struct sim_result *res,
		   const struct sim_warning *sw)
{
	const struct aux_warning *w = &sw->w;
	const struct warn_site_desc *d = &warn_sites[w->site];
	int line = warn_site__line(w->site, res->kernel);
	char t[32];
	char where[160];

	report__fmt_time(t, sizeof(t), w->time_ns);
	/* the source line, when the model has verified it for this kernel */
	if (line)
		snprintf(where, sizeof(where), "%s:%d", d->file, line);
	else
		snprintf(where, sizeof(where), "%s", d->file);
	fprintf(f, "[%12s] ------------[ cut here ]------------\n", t);
	if (res->kernel->features & KF_WARN_FORMAT_V7)
		fprintf(f, "[%12s] WARNING: %s at %s, CPU#%d: %s/%d\n", t,
			where, d->function, w->cpu, sw->comm, sw->pid);
	else
		fprintf(f, "[%12s] WARNING: CPU: %d PID: %d at %s %s\n", t,
			w->cpu, sw->pid, where, d->function);
	fprintf(f, "[%12s] Modules linked in: coresight_tmc coresight_etm4x "
		   "coresight_funnel coresight_replicator coresight\n", t);
	if (res->kernel->features & KF_WARN_FORMAT_V7)
		fprintf(f, "[%12s] CPU: %d UID: 0 PID: %d Comm: %s Not tainted "
			   "%s #1\n",
			t, w->cpu, sw->pid, sw->comm, kernel_release(res));
	else
		fprintf(f, "[%12s] CPU: %d PID: %d Comm: %s Not tainted %s #1\n",
			t, w->cpu, sw->pid, sw->comm, kernel_release(res));
	fprintf(f, "[%12s] Hardware name: ARM LTD ARM Juno Development "
		   "Platform/ARM Juno Development Platform\n", t);
	fprintf(f, "[%12s] Call trace:\n", t);
	for (int i = 0; i < w->depth; i++)
		fprintf(f, "[%12s]  %s%s\n", t, w->stack[i],
			func_module(w->stack[i]));
	fprintf(f, "[%12s] ---[ end trace 0000000000000000 ]---\n", t);
}
