// SPDX-License-Identifier: GPL-2.0
/*
 * report-splat.c - a WARN as the kernel prints it (lib/bug.c __warn(),
 * dump_stack()): the cut-here line, the WARNING line in the format of the
 * modelled kernel, the modules, the CPU and task, the hardware name, the
 * call trace.
 */
#include <string.h>

#include "output/report-priv.h"

/*
 * The module each modelled function is built into, by the obj-m lines of
 * drivers/hwtracing/coresight/Makefile and drivers/perf/Makefile.  The call
 * trace names it only where the machine loads it as a module.
 */
static const struct {
	const char *prefix, *module;
} func_modules[] = {
	{ "tmc_", "coresight_tmc" },
	{ "etm4_", "coresight_etm4x" },
	{ "etm_", "coresight" },
	{ "coresight_", "coresight" },
	{ "arm_spe_", "arm_spe_pmu" },
};

/* are the @n bytes at @word one of the space-separated words of @list */
static bool has_word(const char *list, const char *word, size_t n)
{
	for (const char *p = list; *p;) {
		size_t len = strcspn(p, " ");

		if (len == n && !strncmp(p, word, n))
			return true;
		p += len;
		p += *p == ' ';
	}
	return false;
}

/* the run uses a PMU named @pmu or starting with it ("arm_spe": arm_spe_0) */
static bool run_uses_pmu(const struct sim_result *res, const char *pmu)
{
	const struct scn_record *rec = &res->scn->rec;

	for (int i = 0; i < rec->nr_events; i++)
		if (!strncmp(rec->events[i].pmu, pmu, strlen(pmu)))
			return true;
	return false;
}

/* "Modules linked in:": the machine's modules for the PMUs the run uses,
 * each once */
static void run_modules(const struct sim_result *res, char *buf, size_t len)
{
	size_t off = 0;

	buf[0] = '\0';
	for (int i = 0; i < MACHINE_MAX_PMU_MODULES; i++) {
		const struct machine_pmu_modules *pm = &res->mc->pmu_modules[i];

		if (!pm->pmu || !run_uses_pmu(res, pm->pmu))
			continue;
		for (const char *w = pm->modules; *w;) {
			size_t n = strcspn(w, " ");

			if (n && !has_word(buf, w, n) && off + n + 2 < len) {
				off += snprintf(buf + off, len - off, " %.*s",
						(int)n, w);
			}
			w += n;
			w += *w == ' ';
		}
	}
}

/* " [module]" after a call trace frame, when its module is loaded */
static const char *func_module(const char *fn, const char *loaded, char *buf,
			       size_t len)
{
	for (size_t i = 0; i < sizeof(func_modules) / sizeof(func_modules[0]);
	     i++) {
		const char *mod = func_modules[i].module;

		if (strncmp(fn, func_modules[i].prefix,
			    strlen(func_modules[i].prefix)))
			continue;
		if (!has_word(loaded, mod, strlen(mod)))
			return "";
		snprintf(buf, len, " [%s]", mod);
		return buf;
	}
	return "";
}

int report__warn_line(char *buf, size_t len, const struct sim_result *res,
		      const struct sim_warning *sw)
{
	const struct aux_warning *w = &sw->w;
	const struct warn_site_desc *d = &warn_sites[w->site];
	int line = warn_site__line(w->site, res->kernel);
	char where[160];

	/* the source line, when the model has verified it for this kernel */
	if (line)
		snprintf(where, sizeof(where), "%s:%d", d->file, line);
	else
		snprintf(where, sizeof(where), "%s", d->file);
	if (res->kernel->features & KF_WARN_FORMAT_V7)
		return snprintf(buf, len, "WARNING: %s at %s, CPU#%d: %s/%d",
				where, d->function, w->cpu, sw->comm, sw->pid);
	return snprintf(buf, len, "WARNING: CPU: %d PID: %d at %s %s", w->cpu,
			sw->pid, where, d->function);
}

void report__splat(FILE *f, const struct sim_result *res,
		   const struct sim_warning *sw)
{
	const struct aux_warning *w = &sw->w;
	char t[32], warning[256], modules[256], mod[64];

	report__fmt_time(t, sizeof(t), w->time_ns);
	report__warn_line(warning, sizeof(warning), res, sw);
	fprintf(f, "[%12s] ------------[ cut here ]------------\n", t);
	fprintf(f, "[%12s] %s\n", t, warning);
	run_modules(res, modules, sizeof(modules));
	fprintf(f, "[%12s] Modules linked in:%s\n", t, modules);
	if (res->kernel->features & KF_WARN_FORMAT_V7)
		fprintf(f, "[%12s] CPU: %d UID: 0 PID: %d Comm: %s Not tainted "
			   "%s #1\n",
			t, w->cpu, sw->pid, sw->comm, res->kernel->release);
	else
		fprintf(f, "[%12s] CPU: %d PID: %d Comm: %s Not tainted %s #1\n",
			t, w->cpu, sw->pid, sw->comm, res->kernel->release);
	fprintf(f, "[%12s] Hardware name: %s\n", t, res->mc->hw_name);
	fprintf(f, "[%12s] Call trace:\n", t);
	for (int i = 0; i < w->depth; i++)
		fprintf(f, "[%12s]  %s%s\n", t, w->stack[i],
			func_module(w->stack[i], modules, mod, sizeof(mod)));
	fprintf(f, "[%12s] ---[ end trace 0000000000000000 ]---\n", t);
}
