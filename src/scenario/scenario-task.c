// SPDX-License-Identifier: GPL-2.0
/*
 * scenario-task.c - the workload's statements: task, pin, and the schedule,
 * sched (random slices and migrations, or a script) and slice
 * (docs/scenario-format.md).  What needs the whole file (the machine's
 * CPUs, the tasks a slice names) is checked after the last line, in
 * scenario.c.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "scenario/scenario-priv.h"

int scn__find_task(const struct auxsim_scenario *scn, const char *comm)
{
	for (int i = 0; i < scn->nr_tasks; i++)
		if (!strcmp(scn->tasks[i].comm, comm))
			return i;
	return -1;
}

/* task COMM cpu-bound|run T sleep T [cpus LIST] [start-cpu N] */
int st_task(struct scn_parser *p)
{
	struct auxsim_scenario *scn = p->scn;
	int idx = scn->nr_tasks, i, ret;
	struct scn_pos *cpu_pos, *start_pos;
	struct scn_task *t;
	bool have_cpus = false, have_start = false;

	if (p->nw < 2)
		return scn__missing(p, "task name: task COMM cpu-bound | ...");
	if (idx >= SCN_MAX_TASKS)
		return perr(p, -E2BIG, word_col(p, 0),
			    "too many tasks (max %d)", SCN_MAX_TASKS);
	t = &scn->tasks[idx];
	memset(t, 0, sizeof(*t));
	cpu_pos = p->task_cpu_pos[idx];
	start_pos = &p->task_start_pos[idx];
	memset(cpu_pos, 0, sizeof(p->task_cpu_pos[idx]));
	memset(start_pos, 0, sizeof(*start_pos));
	ret = scn__word_comm(p, 1, t->comm);
	if (ret)
		return ret;
	i = scn__find_task(scn, t->comm);
	if (i >= 0)
		return perr(p, -EINVAL, word_col(p, 1),
			    "duplicate task '%s' (first at line %d)", t->comm,
			    scn->tasks[i].line);
	t->start_cpu = -1;
	t->line = p->no;

	if (p->nw < 3)
		return scn__missing(
			p, "'cpu-bound' or 'run T sleep T' after the name");
	if (word_is(p, 2, "cpu-bound")) {
		t->kind = SCN_TASK_CPU_BOUND;
		i = 3;
	} else if (word_is(p, 2, "run")) {
		t->kind = SCN_TASK_RUN_SLEEP;
		if (p->nw < 4)
			return scn__missing(p, "time after 'run'");
		ret = scn__word_time(p, 3, &t->run_ns);
		if (ret)
			return ret;
		if (!t->run_ns)
			return perr(p, -EINVAL, word_col(p, 3),
				    "run time must be more than 0");
		if (p->nw < 5)
			return scn__missing(p, "'sleep T' after 'run T'");
		if (!word_is(p, 4, "sleep"))
			return perr(p, -EINVAL, word_col(p, 4),
				    "expected 'sleep' after 'run T', got '" WFMT
				    "'",
				    WARG(p, 4));
		if (p->nw < 6)
			return scn__missing(p, "time after 'sleep'");
		ret = scn__word_time(p, 5, &t->sleep_ns);
		if (ret)
			return ret;
		i = 6;
	} else {
		return perr(p, -EINVAL, word_col(p, 2),
			    "expected 'cpu-bound' or 'run', got '" WFMT "'",
			    WARG(p, 2));
	}

	for (; i < p->nw; i += 2) {
		if (word_is(p, i, "cpus")) {
			if (have_cpus)
				return perr(p, -EINVAL, word_col(p, i),
					    "duplicate 'cpus'");
			have_cpus = true;
			if (i + 1 >= p->nw)
				return scn__missing(p, "CPU list after 'cpus'");
			ret = scn__word_cpu_list(p, i + 1, &t->cpus_allowed,
						 cpu_pos);
		} else if (word_is(p, i, "start-cpu")) {
			if (have_start)
				return perr(p, -EINVAL, word_col(p, i),
					    "duplicate 'start-cpu'");
			have_start = true;
			if (i + 1 >= p->nw)
				return scn__missing(p, "CPU after 'start-cpu'");
			ret = scn__word_cpu(p, i + 1, &t->start_cpu);
			start_pos->line = p->no;
			start_pos->col = word_col(p, i + 1);
		} else if (word_is(p, i, "exit")) {
			if (t->exit_ns)
				return perr(p, -EINVAL, word_col(p, i),
					    "duplicate 'exit'");
			if (i + 1 >= p->nw)
				return scn__missing(p, "time after 'exit'");
			ret = scn__word_time(p, i + 1, &t->exit_ns);
			if (!ret && !t->exit_ns)
				return perr(p, -EINVAL, word_col(p, i + 1),
					    "exit time must be more than 0");
			t->exit_col = word_col(p, i);
		} else {
			return perr(
				p, -EINVAL, word_col(p, i),
				"unexpected '" WFMT
				"' (task options: cpus LIST, start-cpu N, exit T)",
				WARG(p, i));
		}
		if (ret)
			return ret;
	}
	if (t->start_cpu >= 0 && t->cpus_allowed &&
	    !(t->cpus_allowed & (1u << t->start_cpu)))
		return perr(p, -EINVAL, start_pos->col,
			    "start-cpu %d is not in the task's cpus",
			    t->start_cpu);
	scn->nr_tasks++;
	return 0;
}

int st_pin(struct scn_parser *p)
{
	struct auxsim_scenario *scn = p->scn;
	char comm[SCN_COMM_LEN];
	int idx, cpu, ret;

	if (p->nw < 2)
		return scn__missing(p, "task name: pin COMM N");
	ret = scn__word_comm(p, 1, comm);
	if (ret)
		return ret;
	idx = scn__find_task(scn, comm);
	if (idx < 0)
		return perr(
			p, -EINVAL, word_col(p, 1),
			"unknown task '%s' (declare it with a 'task' line before 'pin')",
			comm);
	if (p->nw < 3)
		return scn__missing(p, "CPU after 'pin COMM'");
	ret = scn__word_cpu(p, 2, &cpu);
	if (ret)
		return ret;
	ret = scn__no_more_words(p, 3);
	if (ret)
		return ret;
	scn->tasks[idx].cpus_allowed = 1u << cpu;
	scn->tasks[idx].start_cpu = cpu;
	memset(p->task_cpu_pos[idx], 0, sizeof(p->task_cpu_pos[idx]));
	p->task_cpu_pos[idx][cpu].line = p->no;
	p->task_cpu_pos[idx][cpu].col = word_col(p, 2);
	p->task_start_pos[idx] = p->task_cpu_pos[idx][cpu];
	return 0;
}

/* sched random [slice T..T] [gap T..T] [migrate P%] | sched script */
int st_sched(struct scn_parser *p)
{
	struct scn_sched *sc = &p->scn->sched;
	bool have_slice = false, have_gap = false, have_migrate = false;
	int ret = scn__once(p, ST_SCHED);

	if (ret)
		return ret;
	if (p->nw < 2)
		return scn__missing(p, "'random' or 'script' after 'sched'");
	p->sched_mode_pos.line = p->no;
	p->sched_mode_pos.col = word_col(p, 1);
	if (word_is(p, 1, "script")) {
		sc->mode = SCN_SCHED_SCRIPT;
		return scn__no_more_words(p, 2);
	}
	if (!word_is(p, 1, "random"))
		return perr(p, -EINVAL, word_col(p, 1),
			    "expected 'random' or 'script', got '" WFMT "'",
			    WARG(p, 1));
	sc->mode = SCN_SCHED_RANDOM;
	for (int i = 2; i < p->nw; i += 2) {
		bool *seen;

		if (word_is(p, i, "slice"))
			seen = &have_slice;
		else if (word_is(p, i, "gap"))
			seen = &have_gap;
		else if (word_is(p, i, "migrate"))
			seen = &have_migrate;
		else
			return perr(
				p, -EINVAL, word_col(p, i),
				"unexpected '" WFMT
				"' (sched random options: slice T..T, gap T..T, migrate P%%)",
				WARG(p, i));
		if (*seen)
			return perr(p, -EINVAL, word_col(p, i),
				    "duplicate '" WFMT "'", WARG(p, i));
		*seen = true;
		if (i + 1 >= p->nw)
			return perr(p, -EINVAL, end_col(p),
				    "missing value after '" WFMT "'",
				    WARG(p, i));
		if (seen == &have_migrate) {
			ret = scn__word_percent(p, i + 1,
						&sc->migrate_permille);
			if (ret)
				return ret;
			continue;
		}
		if (seen == &have_slice)
			ret = scn__word_range(p, i + 1, &sc->slice_min_ns,
					      &sc->slice_max_ns);
		else
			ret = scn__word_range(p, i + 1, &sc->gap_min_ns,
					      &sc->gap_max_ns);
		if (ret)
			return ret;
		if (seen == &have_slice && !sc->slice_min_ns)
			return perr(p, -EINVAL, word_col(p, i + 1),
				    "a slice must be longer than 0");
		if (seen == &have_slice ? sc->slice_min_ns > sc->slice_max_ns
					: sc->gap_min_ns > sc->gap_max_ns)
			return perr(p, -EINVAL, word_col(p, i + 1),
				    "range '" WFMT "': minimum above maximum",
				    WARG(p, i + 1));
	}
	return 0;
}

/* slice LABEL COMM cpuN T..T */
int st_slice(struct scn_parser *p)
{
	struct auxsim_scenario *scn = p->scn;
	int idx = scn->nr_slices, ret;
	struct scn_slice *sl;
	const char *s;
	size_t n;

	if (idx >= SCN_MAX_SLICES)
		return perr(p, -E2BIG, word_col(p, 0),
			    "too many 'slice' lines (max %d)", SCN_MAX_SLICES);
	sl = &scn->slices[idx];
	memset(sl, 0, sizeof(*sl));
	sl->line = p->no;
	if (!idx)
		p->first_slice_col = word_col(p, 0);
	if (p->nw < 2)
		return scn__missing(p,
				    "label: slice LABEL COMM cpuN START..END");
	s = word_at(p, 1);
	n = word_len(p, 1);
	for (size_t j = 0; j < n; j++) {
		char c = s[j];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '_' || c == '-' ||
		      c == '.' || c == ':'))
			return perr(p, -EINVAL, word_col(p, 1) + (int)j,
				    "bad slice label '" WFMT
				    "' (letters, digits, _ - . :)",
				    WARG(p, 1));
	}
	if (!word_copy(p, 1, sl->label, sizeof(sl->label)))
		return perr(p, -EINVAL, word_col(p, 1),
			    "slice label '" WFMT "' longer than %zu bytes",
			    WARG(p, 1), sizeof(sl->label) - 1);
	if (p->nw < 3)
		return scn__missing(p, "task name after the slice label");
	ret = scn__word_comm(p, 2, p->slice_comm[idx]);
	if (ret)
		return ret;
	p->slice_comm_pos[idx].line = p->no;
	p->slice_comm_pos[idx].col = word_col(p, 2);
	if (p->nw < 4)
		return scn__missing(p, "cpuN after the task name");
	s = word_at(p, 3);
	n = word_len(p, 3);
	if (n < 4 || memcmp(s, "cpu", 3))
		return perr(p, -EINVAL, word_col(p, 3),
			    "expected cpuN (e.g. cpu1), got '" WFMT "'",
			    WARG(p, 3));
	ret = scn__parse_cpu(p, s + 3, n - 3, word_col(p, 3) + 3, &sl->cpu);
	if (ret)
		return ret;
	p->slice_cpu_pos[idx].line = p->no;
	p->slice_cpu_pos[idx].col = word_col(p, 3);
	if (p->nw < 5)
		return scn__missing(p, "START..END after cpuN");
	ret = scn__word_range(p, 4, &sl->start_ns, &sl->end_ns);
	if (ret)
		return ret;
	if (sl->start_ns >= sl->end_ns)
		return perr(p, -EINVAL, word_col(p, 4),
			    "empty slice '" WFMT "': start must be before end",
			    WARG(p, 4));
	sl->col = word_col(p, 4);
	ret = scn__no_more_words(p, 5);
	if (ret)
		return ret;
	scn->nr_slices++;
	return 0;
}
