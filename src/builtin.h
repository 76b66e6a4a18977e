/* SPDX-License-Identifier: GPL-2.0 */
/*
 * builtin.h - the auxsim commands, one file each (as perf's builtin-*.c).
 * main.c dispatches; check and replay exist only in auxsim-check.
 */
#ifndef AUXSIM_BUILTIN_H
#define AUXSIM_BUILTIN_H

#include <stdio.h>

int usage(FILE *f, int status);
int cmd_run(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_replay(int argc, char **argv);

struct sim_result;
struct step;
/* the one-line replay command for a counterexample */
void replay_command(char *buf, int len, const char *path,
		    const struct sim_result *v, const struct step *steps,
		    int nr);

#endif /* AUXSIM_BUILTIN_H */
