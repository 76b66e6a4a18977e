/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cli.h - what every auxsim command shares: flag parsing helpers, the
 * variant flags, scenario loading, and the exit statuses.
 *
 * Invariant: every command returns one of enum auxsim_exit; nothing else
 * reaches exit().
 */
#ifndef AUXSIM_CLI_H
#define AUXSIM_CLI_H

#include "scenario.h"
#include "sim.h"

/* the exit statuses of every auxsim command (auxsim(1), EXIT STATUS) */
enum auxsim_exit {
	AUXSIM_EXIT_OK = 0,
	AUXSIM_EXIT_FAIL = 1,
	AUXSIM_EXIT_USAGE = 2,
	AUXSIM_EXIT_NOMEM = 3,
};

/* "auxsim: FLAG: " then @fmt with @arg; returns AUXSIM_EXIT_USAGE */
int flag_error(const char *flag, const char *fmt, const char *arg);
/* --name VALUE or --name=VALUE: the value ("" when it is missing), or
 * NULL when argv[*i] is not @name */
const char *flag_value(int argc, char **argv, int *i, const char *name);
/* the variant flags every command takes (--seed, --kernel, --patch,
 * --perf, --duration, --log): 1 consumed, 0 not one, 2 bad value */
int variant_flag(int argc, char **argv, int *i, struct sim_config *cfg);
/* 0, or 2 with FILE:LINE:COL: message on stderr */
int load_scenario(const char *path, struct auxsim_scenario *scn);

#endif /* AUXSIM_CLI_H */
