/* SPDX-License-Identifier: GPL-2.0 */
/*
 * builtin.h - the auxsim commands, one file each (as perf's builtin-*.c).
 * main.c dispatches; check and replay exist only in auxsim-check.  Each
 * takes main()'s argc and argv (argv[1] is the command's name) and returns
 * an enum auxsim_exit (cli.h).
 */
#ifndef AUXSIM_BUILTIN_H
#define AUXSIM_BUILTIN_H

int cmd_run(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_replay(int argc, char **argv);

struct auxsim_scenario;
struct mc_config;
struct sim_config;
struct sim_result;
struct step;

/* check --claims DIR (builtin-check-claims.c) */
int cmd_claims(const char *dir, const struct sim_config *cfg,
	       const struct mc_config *base, int json);
/* the variants a check ran with, for its report (a sim result's fields) */
void resolve_names(const struct auxsim_scenario *scn,
		   const struct sim_config *cfg, struct sim_result *r);
/* the one-line replay command for a counterexample, starting with the
 * auxsim the user ran (cli_progname), so that it can be pasted */
void replay_command(char *buf, int len, const char *path,
		    const struct sim_result *v, const struct step *steps,
		    int nr);

#endif /* AUXSIM_BUILTIN_H */
