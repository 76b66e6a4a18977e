// SPDX-License-Identifier: GPL-2.0
/*
 * scenario-machine.c - the statements that set up the machine and the session:
 * machine, cpu, etr-size, user, perf (a variant, or the `perf record`
 * line), kernel, patch, seed, duration and copy-rate
 * (docs/scenario-format.md).
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>

#include "model/machine.h"
#include "scenario/scenario-priv.h"
#include "model/variant.h"

int st_machine(struct scn_parser *p)
{
	struct auxsim_scenario *scn = p->scn;
	char names[256];
	int ret = scn__once(p, ST_MACHINE);

	if (ret)
		return ret;
	if (p->nw < 2)
		return scn__missing(p, "machine name");
	ret = scn__no_more_words(p, 2);
	if (ret)
		return ret;
	if (!word_copy(p, 1, scn->machine, sizeof(scn->machine)) ||
	    !machine__find(scn->machine)) {
		machine__names(names, sizeof(names));
		return scn__unknown_name(p, 1, "machine", machine__closest,
					 names);
	}
	return 0;
}

int st_cpu(struct scn_parser *p)
{
	struct auxsim_scenario *scn = p->scn;
	struct scn_cpu_override *o;
	uint64_t v, rate;
	int ret;

	if (p->nw < 2)
		return scn__missing(p, "CPU number: cpu N rate RATE");
	ret = scn__word_u64(p, 1, "CPU number", &v);
	if (ret)
		return ret;
	if (v > INT_MAX)
		return perr(p, -EINVAL, word_col(p, 1),
			    "CPU " WFMT " out of range", WARG(p, 1));
	if (p->nw < 3)
		return scn__missing(p, "'rate RATE' after 'cpu N'");
	if (!word_is(p, 2, "rate"))
		return perr(p, -EINVAL, word_col(p, 2),
			    "expected 'rate' after 'cpu N', got '" WFMT "'",
			    WARG(p, 2));
	if (p->nw < 4)
		return scn__missing(p, "rate after 'cpu N rate'");
	ret = scn__word_rate(p, 3, &rate);
	if (ret)
		return ret;
	if (rate > AUXSIM_MAX_TRACE_RATE)
		return perr(p, -E2BIG, word_col(p, 3),
			    "trace rate above %llu MiB/s (Limits)",
			    AUXSIM_MAX_TRACE_RATE >> 20);
	ret = scn__no_more_words(p, 4);
	if (ret)
		return ret;
	for (int i = 0; i < scn->nr_cpu_rates; i++)
		if (scn->cpu_rates[i].cpu == (int)v)
			return perr(p, -EINVAL, word_col(p, 1),
				    "duplicate 'cpu %d' (first at line %d)",
				    (int)v, p->cpu_rate_pos[i].line);
	if (scn->nr_cpu_rates >= SCN_MAX_CPU_OVERRIDES)
		return perr(p, -E2BIG, word_col(p, 0),
			    "too many 'cpu' lines (max %d)",
			    SCN_MAX_CPU_OVERRIDES);
	o = &scn->cpu_rates[scn->nr_cpu_rates];
	o->cpu = (int)v;
	o->rate = rate;
	p->cpu_rate_pos[scn->nr_cpu_rates].line = p->no;
	p->cpu_rate_pos[scn->nr_cpu_rates].col = word_col(p, 1);
	scn->nr_cpu_rates++;
	return 0;
}

int st_etr_size(struct scn_parser *p)
{
	int ret = scn__once(p, ST_ETR_SIZE);

	if (ret)
		return ret;
	if (p->nw < 2)
		return scn__missing(p, "size: etr-size SIZE");
	ret = scn__word_size(p, 1, &p->scn->etr_size);
	if (ret)
		return ret;
	if (!p->scn->etr_size)
		return perr(p, -EINVAL, word_col(p, 1),
			    "etr-size must be more than 0");
	if (p->scn->etr_size > AUXSIM_MAX_ETR_BYTES)
		return perr(p, -E2BIG, word_col(p, 1),
			    "etr-size above %llu MiB (Limits)",
			    AUXSIM_MAX_ETR_BYTES >> 20);
	return scn__no_more_words(p, 2);
}

int st_user(struct scn_parser *p)
{
	int ret = scn__once(p, ST_USER);

	if (ret)
		return ret;
	if (p->nw < 2)
		return scn__missing(p, "'root' or 'nonroot' after 'user'");
	if (word_is(p, 1, "root"))
		p->scn->root = true;
	else if (word_is(p, 1, "nonroot"))
		p->scn->root = false;
	else
		return perr(p, -EINVAL, word_col(p, 1),
			    "expected 'root' or 'nonroot', got '" WFMT "'",
			    WARG(p, 1));
	return scn__no_more_words(p, 2);
}

/* the column of the last perf option word starting with @sh or @lo */
static int option_col(const struct scn_parser *p, const char *sh,
		      const char *lo)
{
	int col = word_col(p, 0);

	for (int i = 2; i < p->nw && !word_is(p, i, "--"); i++)
		if ((word_len(p, i) >= strlen(sh) &&
		     !memcmp(word_at(p, i), sh, strlen(sh))) ||
		    (word_len(p, i) >= strlen(lo) &&
		     !memcmp(word_at(p, i), lo, strlen(lo))))
			col = word_col(p, i);
	return col;
}

static int st_perf_record(struct scn_parser *p)
{
	struct scn_record *rec = &p->scn->rec;
	char buf[SCN_LINE_MAX + 1];
	int start = p->w[0].off, end = end_col(p) - 1;
	int ret = scn__once(p, ST_PERF_RECORD);

	if (ret)
		return ret;
	memcpy(buf, p->s + start, end - start);
	buf[end - start] = '\0';
	ret = perf_record__parse_cmdline(buf, p->no, start + 1, rec, p->err);
	if (ret)
		return ret;
	if (!rec->workload[0])
		return perr(
			p, -EINVAL, end + 1,
			"no workload: auxsim traces a command, add '-- COMMAND' (e.g. -- dd if=/dev/zero of=/dev/null)");
	p->perf_record_end.line = p->no;
	p->perf_record_end.col = end + 1;
	/* roundup_pow_of_two(pages) * 4 KiB and the -S size: <= 2 GiB */
	if (rec->aux_pages > (AUXSIM_MAX_AUX_BYTES >> 12))
		return perr(p, -E2BIG, option_col(p, "-m", "--mmap-pages"),
			    "an AUX area of %llu pages: at most %llu (%llu "
			    "MiB a CPU, Limits)",
			    (unsigned long long)rec->aux_pages,
			    AUXSIM_MAX_AUX_BYTES >> 12,
			    AUXSIM_MAX_AUX_BYTES >> 20);
	if (rec->snapshot_size > AUXSIM_MAX_AUX_BYTES)
		return perr(p, -E2BIG, option_col(p, "-S", "--snapshot"),
			    "a snapshot size of %llu bytes: at most %llu MiB "
			    "(Limits)",
			    (unsigned long long)rec->snapshot_size,
			    AUXSIM_MAX_AUX_BYTES >> 20);
	return 0;
}

int st_perf(struct scn_parser *p)
{
	char names[256];
	int ret;

	if (p->nw < 2)
		return scn__missing(
			p, "'record ARGS...' or a perf variant after 'perf'");
	if (word_is(p, 1, "record"))
		return st_perf_record(p);
	ret = scn__once(p, ST_PERF);
	if (ret)
		return ret;
	if (!word_copy(p, 1, p->scn->perf, sizeof(p->scn->perf)) ||
	    !variant__find_perf(p->scn->perf)) {
		variant__perf_names(names, sizeof(names));
		strcat(names, "; or 'perf record ...'");
		return scn__unknown_name(p, 1, "perf variant",
					 variant__closest_perf, names);
	}
	return scn__no_more_words(p, 2);
}

int st_kernel(struct scn_parser *p)
{
	char names[256];
	int ret = scn__once(p, ST_KERNEL);

	if (ret)
		return ret;
	if (p->nw < 2)
		return scn__missing(p, "kernel variant after 'kernel'");
	if (!word_copy(p, 1, p->scn->kernel, sizeof(p->scn->kernel)) ||
	    !variant__find_kernel(p->scn->kernel)) {
		variant__kernel_names(names, sizeof(names));
		return scn__unknown_name(p, 1, "kernel variant",
					 variant__closest_kernel, names);
	}
	return scn__no_more_words(p, 2);
}

int st_patch(struct scn_parser *p)
{
	struct auxsim_scenario *scn = p->scn;
	char name[SCN_NAME_LEN], names[256];
	int ret;

	if (p->nw < 2)
		return scn__missing(p, "patch name after 'patch'");
	ret = scn__no_more_words(p, 2);
	if (ret)
		return ret;
	if (!word_copy(p, 1, name, sizeof(name)) ||
	    !variant__find_patch(name)) {
		variant__patch_names(names, sizeof(names));
		return scn__unknown_name(p, 1, "patch", variant__closest_patch,
					 names);
	}
	for (int i = 0; i < scn->nr_patches; i++)
		if (!strcmp(scn->patches[i], name))
			return perr(p, -EINVAL, word_col(p, 1),
				    "duplicate patch '%s' (first at line %d)",
				    name, p->patch_pos[i].line);
	if (scn->nr_patches >= SCN_MAX_PATCHES)
		return perr(p, -E2BIG, word_col(p, 0),
			    "too many 'patch' lines (max %d)", SCN_MAX_PATCHES);
	memcpy(scn->patches[scn->nr_patches], name, sizeof(name));
	p->patch_pos[scn->nr_patches].line = p->no;
	p->patch_pos[scn->nr_patches].col = word_col(p, 1);
	scn->nr_patches++;
	return 0;
}

int st_seed(struct scn_parser *p)
{
	int ret = scn__once(p, ST_SEED);

	if (ret)
		return ret;
	if (p->nw < 2)
		return scn__missing(p, "number after 'seed'");
	ret = scn__word_u64(p, 1, "seed", &p->scn->seed);
	if (ret)
		return ret;
	return scn__no_more_words(p, 2);
}

int st_duration(struct scn_parser *p)
{
	int ret = scn__once(p, ST_DURATION);

	if (ret)
		return ret;
	if (p->nw < 2)
		return scn__missing(p, "time after 'duration'");
	ret = scn__word_time(p, 1, &p->scn->duration_ns);
	if (ret)
		return ret;
	if (!p->scn->duration_ns)
		return perr(p, -EINVAL, word_col(p, 1),
			    "duration must be more than 0");
	if (p->scn->duration_ns > AUXSIM_MAX_DURATION_NS)
		return perr(p, -E2BIG, word_col(p, 1),
			    "duration '" WFMT "' is longer than the longest "
			    "run, %llus (Limits)",
			    WARG(p, 1),
			    AUXSIM_MAX_DURATION_NS / AUXSIM_NSEC_PER_SEC);
	return scn__no_more_words(p, 2);
}

int st_copy_rate(struct scn_parser *p)
{
	int ret = scn__once(p, ST_COPY_RATE);

	if (ret)
		return ret;
	if (p->nw < 2)
		return scn__missing(p, "rate after 'copy-rate'");
	ret = scn__word_rate(p, 1, &p->scn->copy_rate);
	if (ret)
		return ret;
	if (!p->scn->copy_rate)
		return perr(p, -EINVAL, word_col(p, 1),
			    "copy-rate must be more than 0");
	return scn__no_more_words(p, 2);
}
