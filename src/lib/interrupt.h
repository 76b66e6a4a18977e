/* SPDX-License-Identifier: GPL-2.0 */
/*
 * interrupt.h - SIGINT and SIGTERM stop auxsim cleanly.
 *
 * The first signal only sets a flag: long loops (the timed simulation, the
 * checker, the file writers) poll interrupt__signo() and stop at the next
 * step boundary, and the command reports what it has, marked interrupted,
 * exiting AUXSIM_EXIT_SIGNAL + signo.  A second signal unlinks every
 * temporary file still registered and ends the process with the signal's
 * default action at once.
 *
 * Invariant: a path registered with interrupt__add_temp() is unlinked on the
 * way out unless interrupt__del_temp() took it back first.
 */
#ifndef AUXSIM_INTERRUPT_H
#define AUXSIM_INTERRUPT_H

#include <signal.h>

extern volatile sig_atomic_t interrupt_signo;

/* install the SIGINT/SIGTERM handlers (idempotent) */
void interrupt__install(void);
/* 0, or the first SIGINT/SIGTERM received */
static inline int interrupt__signo(void)
{
	return interrupt_signo;
}
/* a temporary file to unlink if a second signal kills the process; the
 * string must stay valid until interrupt__del_temp().  0, or -ENOSPC */
int interrupt__add_temp(const char *path);
void interrupt__del_temp(const char *path);

#endif /* AUXSIM_INTERRUPT_H */
