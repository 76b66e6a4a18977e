// SPDX-License-Identifier: GPL-2.0
/*
 * scenario.c - the scenario file parser (docs/scenario-format.md).
 *
 * The input is a byte buffer, not a C string: every read is bounded by its
 * length, and a NUL byte is an error like any other stray byte.  Lines are
 * at most SCN_LINE_MAX bytes and split into blank-separated words; '#' at
 * the start of a word starts a comment.  Nothing is allocated: the parser
 * state lives on the stack and the result is plain data.
 *
 * Statements are checked as they are read, except what needs the whole
 * file: the machine's CPU count (`cpu`, `task ... cpus`, `pin`, `slice`),
 * the kernel a `patch` must apply to, the tasks a `slice` names, and the
 * required statements.  Those errors still point at the word at fault.
 *
 * This file holds the statement table, the checks after the last line and
 * the entry points; the lexer and the statements are in the files
 * scenario-priv.h lists.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/machine.h"
#include "scenario/scenario-priv.h"
#include "lib/suggest.h"
#include "model/variant.h"

#define DEFAULT_SEED 1
#define DEFAULT_COPY_RATE 1000000000ull /* 1GB/s */
#define DEFAULT_SLICE_MIN (4 * 1000000ull) /* 4ms */
#define DEFAULT_SLICE_MAX (40 * 1000000ull) /* 40ms */
#define DEFAULT_GAP_MIN (100 * 1000ull) /* 100us */
#define DEFAULT_GAP_MAX (2 * 1000000ull) /* 2ms */
#define DEFAULT_MIGRATE_PERMILLE 300

/* ------------------------------------------------------------------ */
/* Statements                                                          */
/* ------------------------------------------------------------------ */

static const struct {
	const char *kw;
	int (*fn)(struct scn_parser *p);
} statements[] = {
	{ "machine", st_machine },	{ "cpu", st_cpu },
	{ "etr-size", st_etr_size },	{ "user", st_user },
	{ "perf", st_perf },		{ "kernel", st_kernel },
	{ "patch", st_patch },		{ "seed", st_seed },
	{ "duration", st_duration },	{ "copy-rate", st_copy_rate },
	{ "task", st_task },		{ "pin", st_pin },
	{ "sched", st_sched },		{ "slice", st_slice },
	{ "signal", st_signal },		{ "pmi", st_pmi },
	{ "overflows", st_overflows },	{ "ticks", st_ticks },
	{ "max-sample-rate", st_max_sample_rate },
	{ "aux-mmap", st_aux_mmap },	{ "at", st_at },
	{ "check", st_check },
};

/* the statement keyword closest to @word (suggest.h), or NULL */
static const char *closest_statement(const char *word)
{
	enum { N = sizeof(statements) / sizeof(statements[0]) };
	const char *kw[N];

	for (int i = 0; i < N; i++)
		kw[i] = statements[i].kw;
	return suggest__closest(word, kw, N);
}

static int parse_line(struct scn_parser *p)
{
	int ret = scn__split_line(p);

	if (ret || !p->nw)
		return ret;
	for (size_t i = 0; i < sizeof(statements) / sizeof(statements[0]);
	     i++)
		if (word_is(p, 0, statements[i].kw))
			return statements[i].fn(p);
	return scn__unknown_name(p, 0, "statement", closest_statement, NULL);
}

/* ------------------------------------------------------------------ */
/* After the last line                                                 */
/* ------------------------------------------------------------------ */

#define fin_err(p, ret, pos, ...) \
	scn__errorf((p)->err, ret, (pos).line, (pos).col, __VA_ARGS__)

static int check_cpu(struct scn_parser *p, const struct machine *mc, int cpu,
		     struct scn_pos pos)
{
	if (cpu < mc->nr_cpus)
		return 0;
	return fin_err(p, -EINVAL, pos,
		       "CPU %d is not on machine '%s' (CPUs 0-%d)", cpu,
		       mc->name, mc->nr_cpus - 1);
}

static int finish_tasks(struct scn_parser *p, const struct machine *mc)
{
	struct auxsim_scenario *scn = p->scn;
	const char *comm = scn->rec.workload_comm;
	int ret;

	scn->traced_task = scn__find_task(scn, comm);
	if (scn->traced_task < 0) {
		struct scn_task *t;

		if (scn->nr_tasks >= SCN_MAX_TASKS)
			return fin_err(p, -E2BIG, p->perf_record_end,
				       "too many tasks with the workload '%s' (max %d)",
				       comm, SCN_MAX_TASKS);
		t = &scn->tasks[scn->nr_tasks];
		memset(t, 0, sizeof(*t));
		memcpy(t->comm, comm, sizeof(t->comm));
		t->kind = SCN_TASK_CPU_BOUND;
		t->start_cpu = -1;
		t->line = scn->rec.line;
		memset(p->task_cpu_pos[scn->nr_tasks], 0,
		       sizeof(p->task_cpu_pos[0]));
		memset(&p->task_start_pos[scn->nr_tasks], 0,
		       sizeof(p->task_start_pos[0]));
		scn->traced_task = scn->nr_tasks++;
	}
	/* perf record's session ends when its workload exits; the model has
	 * no end for the other tasks */
	for (int i = 0; i < scn->nr_tasks; i++)
		if (scn->tasks[i].exit_ns && i != scn->traced_task)
			return scn__errorf(p->err, -EINVAL,
					   scn->tasks[i].line,
					   scn->tasks[i].exit_col,
					   "only perf record's workload ('%s') "
					   "can exit: its exit ends the run; "
					   "'%s' runs to the end",
					   comm, scn->tasks[i].comm);
	for (int i = 0; i < scn->nr_tasks; i++) {
		const struct scn_task *t = &scn->tasks[i];

		for (int c = 0; c < AUXSIM_MAX_CPUS; c++) {
			if (!(t->cpus_allowed & (1u << c)))
				continue;
			ret = check_cpu(p, mc, c, p->task_cpu_pos[i][c]);
			if (ret)
				return ret;
		}
		if (t->start_cpu >= 0) {
			ret = check_cpu(p, mc, t->start_cpu,
					p->task_start_pos[i]);
			if (ret)
				return ret;
		}
	}
	return 0;
}

static int finish_slices(struct scn_parser *p, const struct machine *mc)
{
	struct auxsim_scenario *scn = p->scn;
	int ret;

	if (scn->nr_slices && scn->sched.mode != SCN_SCHED_SCRIPT) {
		struct scn_pos pos = { scn->slices[0].line,
				       p->first_slice_col };

		return fin_err(p, -EINVAL, pos,
			       "'slice' needs 'sched script'");
	}
	if (scn->sched.mode == SCN_SCHED_SCRIPT && !scn->nr_slices)
		return fin_err(p, -EINVAL, p->sched_mode_pos,
			       "'sched script' without any 'slice' line");

	for (int i = 0; i < scn->nr_slices; i++) {
		struct scn_slice *sl = &scn->slices[i];
		const struct scn_task *t;

		sl->task = scn__find_task(scn, p->slice_comm[i]);
		if (sl->task < 0)
			return fin_err(p, -EINVAL, p->slice_comm_pos[i],
				       "unknown task '%s' in slice %s (declare it with 'task' or run it with 'perf record')",
				       p->slice_comm[i], sl->label);
		t = &scn->tasks[sl->task];
		ret = check_cpu(p, mc, sl->cpu, p->slice_cpu_pos[i]);
		if (ret)
			return ret;
		if (t->cpus_allowed && !(t->cpus_allowed & (1u << sl->cpu)))
			return fin_err(p, -EINVAL, p->slice_cpu_pos[i],
				       "slice %s: cpu%d is not in the cpus of task '%s' (line %d)",
				       sl->label, sl->cpu, t->comm, t->line);
	}
	return 0;
}

static int finish(struct scn_parser *p)
{
	struct auxsim_scenario *scn = p->scn;
	struct scn_pos end = { p->last_line + 1, 1 };
	const struct kernel_variant *k;
	const struct perf_variant *perf;
	const struct machine *mc;
	int ret;

	if (!p->first[ST_MACHINE].line)
		return fin_err(p, -EINVAL, end, "missing required 'machine'");
	if (!p->first[ST_PERF_RECORD].line)
		return fin_err(p, -EINVAL, end,
			       "missing required 'perf record'");
	if (!p->first[ST_DURATION].line)
		return fin_err(p, -EINVAL, end, "missing required 'duration'");

	mc = machine__find(scn->machine);
	if (!mc) /* checked on its line */
		return fin_err(p, -EINVAL, p->first[ST_MACHINE],
			       "unknown machine");
	for (int i = 0; i < scn->nr_cpu_rates; i++) {
		ret = check_cpu(p, mc, scn->cpu_rates[i].cpu,
				p->cpu_rate_pos[i]);
		if (ret)
			return ret;
	}
	ret = finish_tasks(p, mc);
	if (ret)
		return ret;
	ret = finish_slices(p, mc);
	if (!ret)
		ret = scenario__order_slices(scn, p->err);
	if (ret)
		return ret;

	for (int i = 0; i < scn->nr_actions; i++) {
		const struct scn_action *a = &scn->actions[i];
		struct scn_pos pos = { a->line, a->col };
		struct scn_pos cpos = { a->line, a->cpu_col };

		if (a->cpu >= 0 && a->cpu >= mc->nr_cpus)
			return fin_err(p, -EINVAL, cpos,
				       "CPU %d is not on machine '%s'", a->cpu,
				       mc->name);
		if (a->event >= scn->rec.nr_events)
			return fin_err(p, -EINVAL, pos,
				       "no event e%d: the perf record line has "
				       "%d (e0..e%d)",
				       a->event, scn->rec.nr_events,
				       scn->rec.nr_events - 1);
	}

	ret = scenario__check_duration(scn, scn->duration_ns, NULL, NULL,
				       p->err);
	if (ret)
		return ret;

	/* the events on this machine, with this perf (perf/record-check.c) */
	perf = variant__find_perf(scn->perf[0] ? scn->perf : PERF_DEFAULT);
	if (perf) {
		ret = perf_record__check(&scn->rec, mc, perf,
					 scn->perf[0] ? NULL : "the default",
					 p->err);
		if (ret)
			return ret;
	}

	k = variant__find_kernel(scn->kernel[0] ? scn->kernel : KERNEL_DEFAULT);
	for (int i = 0; k && i < scn->nr_patches; i++) {
		const struct patch_variant *pv =
			variant__find_patch(scn->patches[i]);

		if (pv && !variant__patch_applies(pv, k))
			return fin_err(p, -EINVAL, p->patch_pos[i],
				       "patch '%s' does not apply to kernel %s%s",
				       pv->name, k->name,
				       scn->kernel[0] ? "" : " (the default)");
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Entry points                                                        */
/* ------------------------------------------------------------------ */

static void set_name(struct auxsim_scenario *scn)
{
	const char *base = strrchr(scn->path, '/');
	size_t n;

	base = base ? base + 1 : scn->path;
	n = strlen(base);
	if (n > 4 && !strcmp(base + n - 4, ".scn"))
		n -= 4;
	if (n >= sizeof(scn->name))
		n = sizeof(scn->name) - 1;
	memcpy(scn->name, base, n);
	scn->name[n] = '\0';
}

static void set_defaults(struct auxsim_scenario *scn)
{
	memset(scn, 0, sizeof(*scn));
	scn->root = true;
	scn->seed = DEFAULT_SEED;
	scn->copy_rate = DEFAULT_COPY_RATE;
	scn->traced_task = -1;
	scn->sched.mode = SCN_SCHED_RANDOM;
	scn->sched.slice_min_ns = DEFAULT_SLICE_MIN;
	scn->sched.slice_max_ns = DEFAULT_SLICE_MAX;
	scn->sched.gap_min_ns = DEFAULT_GAP_MIN;
	scn->sched.gap_max_ns = DEFAULT_GAP_MAX;
	scn->sched.migrate_permille = DEFAULT_MIGRATE_PERMILLE;
}

int scenario__parse(const char *path, const char *text, size_t len,
		    struct auxsim_scenario *scn, struct scn_error *err)
{
	struct scn_parser *p, parser;
	size_t pos = 0, plen = path ? strlen(path) : 0;
	int ret;

	set_defaults(scn);
	if (err)
		memset(err, 0, sizeof(*err));
	if (plen >= sizeof(scn->path))
		return scn__errorf(err, -E2BIG, 0, 0,
				   "path longer than %zu bytes",
				   sizeof(scn->path) - 1);
	if (plen)
		memcpy(scn->path, path, plen + 1);
	set_name(scn);

	p = &parser;
	memset(p, 0, sizeof(*p));
	p->scn = scn;
	p->err = err;

	/* A UTF-8 byte order mark is not part of line 1. */
	if (len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3))
		pos = 3;
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (text + pos)) : len - pos;

		p->s = text + pos;
		p->no++;
		if (n && p->s[n - 1] == '\r') /* CRLF */
			n--;
		if (n > SCN_LINE_MAX)
			return perr(p, -E2BIG, SCN_LINE_MAX + 1,
				    "line longer than %d bytes", SCN_LINE_MAX);
		p->len = (int)n;
		ret = parse_line(p);
		if (ret)
			return ret;
		p->last_line = p->no;
		pos += (nl ? (size_t)(nl - (text + pos)) + 1 : len - pos);
	}
	return finish(p);
}

int scenario__load(const char *path, struct auxsim_scenario *scn,
		   struct scn_error *err)
{
	struct stat st;
	char *buf;
	size_t n = 0, cap;
	ssize_t r;
	int fd, ret;

	if (err)
		memset(err, 0, sizeof(*err));
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		ret = -errno;
		return scn__errorf(err, ret, 0, 0, "%s", strerror(-ret));
	}
	if (fstat(fd, &st)) {
		ret = -errno;
		close(fd);
		return scn__errorf(err, ret, 0, 0, "%s", strerror(-ret));
	}
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		return scn__errorf(err, -EISDIR, 0, 0, "%s",
				   strerror(EISDIR));
	}
	if (st.st_size > SCN_FILE_MAX) {
		close(fd);
		return scn__errorf(err, -EFBIG, 0, 0,
				   "%s (scenario files are at most %u bytes)",
				   strerror(EFBIG), SCN_FILE_MAX);
	}
	/* One byte more than expected, to notice a file that grew. */
	cap = S_ISREG(st.st_mode) ? (size_t)st.st_size + 1 : SCN_FILE_MAX + 1;
	buf = malloc(cap);
	if (!buf) {
		close(fd);
		return scn__errorf(err, -ENOMEM, 0, 0, "%s", strerror(ENOMEM));
	}
	while (n < cap) {
		r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			ret = -errno;
			free(buf);
			close(fd);
			return scn__errorf(err, ret, 0, 0, "%s",
					   strerror(-ret));
		}
		if (!r)
			break;
		n += (size_t)r;
	}
	close(fd);
	if (n == cap) {
		free(buf);
		return scn__errorf(err, -EAGAIN, 0, 0,
				   "file grew while being read (or is larger than %u bytes)",
				   SCN_FILE_MAX);
	}
	ret = scenario__parse(path, buf, n, scn, err);
	free(buf);
	return ret;
}
