/* SPDX-License-Identifier: GPL-2.0 */
/*
 * check-jobs.h - the worker processes of `check -j N` (check-workers.c's
 * mc_workers() runs the search in them; this unit starts, watches, stops
 * and reaps them).
 *
 * A worker dies with its parent (PR_SET_PDEATHSIG, SIGKILL, then a check
 * that the parent is still the one that forked it), and takes SIGINT and
 * SIGTERM as a request to stop: they only set interrupt_signo, which the
 * search polls, however many come.  The parent watches every worker (a
 * pipe each worker holds open until it exits; waitpid()), and stops the
 * others (SIGTERM, then SIGCONT for one stopped by SIGSTOP) when its own
 * SIGINT or SIGTERM came or when the caller says one worker's end ends the
 * search.  A worker that has not ended MC_JOBS_GRACE_MS after it was asked
 * to is killed (SIGKILL).
 *
 * Invariant: when mc_jobs__wait() or a failed mc_jobs__start() returns,
 * no worker is left running and every one has been reaped.
 */
#ifndef AUXSIM_CHECK_JOBS_H
#define AUXSIM_CHECK_JOBS_H

#include <stdbool.h>
#include <sys/types.h>

#define MC_JOBS_MAX 64
#define MC_JOBS_GRACE_MS 5000

struct mc_job {
	pid_t pid;
	int fd;	    /* the pipe's read end: EOF when the worker is gone; -1 */
	int status; /* waitpid()'s, once reaped */
	bool reaped;
	bool killed; /* SIGKILLed here: it did not stop in time */
};

struct mc_jobs {
	int n;
	struct mc_job job[MC_JOBS_MAX];
	bool stopping;	/* the workers were asked to stop */
	double stop_at; /* when (CLOCK_MONOTONIC seconds) */
};

/* in the worker: the search of worker @k; returns its exit status */
typedef int (*mc_job_fn)(int k, void *arg);
/* in the parent, as worker @k is reaped (@status: waitpid()'s); true
 * stops the others */
typedef bool (*mc_job_end_fn)(void *arg, int k, int status);

/* fork @n workers running @work: 0, or -errno with @err set (and none
 * left) */
int mc_jobs__start(struct mc_jobs *jobs, int n, mc_job_fn work, void *arg,
		   char *err, int errlen);
/* watch them until every one is reaped, calling @ended for each */
void mc_jobs__wait(struct mc_jobs *jobs, mc_job_end_fn ended, void *arg);
/* ask every worker still running to stop (SIGTERM, SIGCONT) */
void mc_jobs__stop(struct mc_jobs *jobs);
/* SIGKILL and reap every worker still there */
void mc_jobs__kill(struct mc_jobs *jobs);

/* "SIGINT", "SIGABRT", ... or "signal N", in @buf */
const char *mc_jobs__signame(int signo, char *buf, int len);

#endif /* AUXSIM_CHECK_JOBS_H */
