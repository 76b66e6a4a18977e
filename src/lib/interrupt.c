// SPDX-License-Identifier: GPL-2.0
/*
 * interrupt.c - SIGINT/SIGTERM handling (interrupt.h).
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "lib/interrupt.h"

#define MAX_TEMPS 16

volatile sig_atomic_t interrupt_signo;
/* registered temporary files; a slot is live while its pointer is set */
static const char *volatile temps[MAX_TEMPS];

static void on_signal(int signo)
{
	if (!interrupt_signo) {
		interrupt_signo = signo;
		return;
	}
	/* the second one: only async-signal-safe calls from here */
	for (int i = 0; i < MAX_TEMPS; i++)
		if (temps[i])
			unlink(temps[i]);
	signal(signo, SIG_DFL);
	raise(signo);
}

/* a signal ignored on entry (nohup, a background job of sh) stays ignored,
 * as the shell that started us asked */
static void install(int signo, const struct sigaction *sa)
{
	struct sigaction old;

	if (sigaction(signo, NULL, &old) || old.sa_handler != SIG_IGN)
		sigaction(signo, sa, NULL);
}

void interrupt__install(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	install(SIGINT, &sa);
	install(SIGTERM, &sa);
}

int interrupt__add_temp(const char *path)
{
	for (int i = 0; i < MAX_TEMPS; i++)
		if (!temps[i]) {
			temps[i] = path;
			return 0;
		}
	return -ENOSPC;
}

void interrupt__del_temp(const char *path)
{
	for (int i = 0; i < MAX_TEMPS; i++)
		if (temps[i] == path)
			temps[i] = NULL;
}
