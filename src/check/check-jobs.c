// SPDX-License-Identifier: GPL-2.0
/*
 * check-jobs.c - start, watch, stop and reap the workers of `check -j N`
 * (check-jobs.h).
 */
#define _GNU_SOURCE /* pipe2(), sigabbrev_np() */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check/check-jobs.h"
#include "lib/interrupt.h"

static double now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* a worker's SIGINT and SIGTERM: a request to stop, however many come
 * (its parent kills it if it must: PR_SET_PDEATHSIG, the grace) */
static void worker_on_signal(int signo)
{
	if (!interrupt_signo)
		interrupt_signo = signo;
}

static void worker_setup(int k, struct mc_jobs *jobs, pid_t parent)
{
	struct sigaction sa;
	sigset_t all;

	/* dies with the parent; and if the parent died before the line
	 * above took effect, now */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(127);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = worker_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigemptyset(&all);
	sigaddset(&all, SIGINT);
	sigaddset(&all, SIGTERM);
	sigprocmask(SIG_UNBLOCK, &all, NULL);
	/* the other workers' pipes are not this one's */
	for (int i = 0; i < k; i++)
		if (jobs->job[i].fd >= 0)
			close(jobs->job[i].fd);
}

int mc_jobs__start(struct mc_jobs *jobs, int n, mc_job_fn work, void *arg,
		   char *err, int errlen)
{
	pid_t parent = getpid();

	memset(jobs, 0, sizeof(*jobs));
	if (n > MC_JOBS_MAX)
		n = MC_JOBS_MAX;
	fflush(NULL);
	for (int k = 0; k < n; k++) {
		struct mc_job *j = &jobs->job[k];
		int p[2], e;

		if (pipe2(p, O_CLOEXEC)) {
			e = errno;
			snprintf(err, errlen, "pipe: %s", strerror(e));
			mc_jobs__kill(jobs);
			return -e;
		}
		j->pid = fork();
		if (j->pid < 0) {
			e = errno;
			snprintf(err, errlen, "fork: %s", strerror(e));
			close(p[0]);
			close(p[1]);
			mc_jobs__kill(jobs);
			return -e;
		}
		if (!j->pid) {
			close(p[0]);
			worker_setup(k, jobs, parent);
			/* p[1] stays open until the worker exits */
			_exit(work(k, arg));
		}
		close(p[1]);
		j->fd = p[0];
		jobs->n = k + 1;
	}
	return 0;
}

void mc_jobs__stop(struct mc_jobs *jobs)
{
	if (!jobs->stopping) {
		jobs->stopping = true;
		jobs->stop_at = now_seconds();
	}
	for (int k = 0; k < jobs->n; k++)
		if (!jobs->job[k].reaped) {
			kill(jobs->job[k].pid, SIGTERM);
			kill(jobs->job[k].pid, SIGCONT);
		}
}

static void reaped(struct mc_job *j, int status)
{
	j->reaped = true;
	j->status = status;
	if (j->fd >= 0)
		close(j->fd);
	j->fd = -1;
}

void mc_jobs__kill(struct mc_jobs *jobs)
{
	for (int k = 0; k < jobs->n; k++) {
		struct mc_job *j = &jobs->job[k];
		int st;

		if (j->reaped)
			continue;
		kill(j->pid, SIGKILL);
		while (waitpid(j->pid, &st, 0) < 0 && errno == EINTR)
			;
		reaped(j, st);
	}
}

void mc_jobs__wait(struct mc_jobs *jobs, mc_job_end_fn ended, void *arg)
{
	for (;;) {
		struct pollfd pfd[MC_JOBS_MAX];
		int idx[MC_JOBS_MAX], nfd = 0, live = 0, gone = 0;

		if (interrupt__signo() && !jobs->stopping)
			mc_jobs__stop(jobs);
		if (jobs->stopping &&
		    now_seconds() - jobs->stop_at > MC_JOBS_GRACE_MS / 1e3)
			for (int k = 0; k < jobs->n; k++)
				if (!jobs->job[k].reaped) {
					jobs->job[k].killed = true;
					kill(jobs->job[k].pid, SIGKILL);
				}
		for (int k = 0; k < jobs->n; k++) {
			struct mc_job *j = &jobs->job[k];
			int st;

			if (j->reaped)
				continue;
			if (waitpid(j->pid, &st, WNOHANG) == j->pid) {
				reaped(j, st);
				if (ended && ended(arg, k, st))
					mc_jobs__stop(jobs);
				continue;
			}
			live++;
			if (j->fd >= 0) {
				pfd[nfd].fd = j->fd;
				pfd[nfd].events = POLLIN;
				idx[nfd++] = k;
			} else {
				gone++; /* its pipe closed: it is exiting */
			}
		}
		if (!live)
			return;
		/* woken by a worker's exit (its pipe's EOF), a signal, or the
		 * timeout that keeps the grace and the reaping going */
		if (poll(pfd, (nfds_t)nfd, gone ? 5 : 100) <= 0)
			continue;
		for (int i = 0; i < nfd; i++) {
			char buf[64];
			ssize_t r;

			if (!pfd[i].revents)
				continue;
			/* workers write nothing: EOF, or an error */
			r = read(pfd[i].fd, buf, sizeof(buf));
			if (!r ||
			    (r < 0 && errno != EINTR && errno != EAGAIN)) {
				close(pfd[i].fd);
				jobs->job[idx[i]].fd = -1;
			}
		}
	}
}

const char *mc_jobs__signame(int signo, char *buf, int len)
{
	const char *ab = sigabbrev_np(signo);

	if (ab)
		snprintf(buf, len, "SIG%s", ab);
	else
		snprintf(buf, len, "signal %d", signo);
	return buf;
}
