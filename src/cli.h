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

/*
 * The exit statuses of every auxsim command: one table, documented in
 * auxsim(1) EXIT STATUS and the README.  A finding about the modelled
 * kernel is 1; everything that stops auxsim itself from answering is 2 and
 * above.
 */
enum auxsim_exit {
	AUXSIM_EXIT_OK = 0,	   /* ran; check/replay: no violation */
	AUXSIM_EXIT_VIOLATION = 1, /* check/replay: an invariant is violated */
	AUXSIM_EXIT_USAGE = 2,	   /* bad input: flags, scenario, steps, file */
	AUXSIM_EXIT_NOMEM = 3,	   /* out of memory */
	AUXSIM_EXIT_IO = 4,	   /* an output file or stdout not written */
	AUXSIM_EXIT_PERF = 5,	   /* run: the modelled perf record failed */
	AUXSIM_EXIT_ABORTED = 6,   /* check -j: a worker died; partial */
	AUXSIM_EXIT_SIGNAL = 128,  /* + signo: SIGINT/SIGTERM; partial */
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
