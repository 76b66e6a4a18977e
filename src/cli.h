/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cli.h - what every auxsim command shares: the exit statuses, the option
 * tables and their parser (--help, "did you mean"), strict numbers, the
 * variant flags, finding and loading a scenario, checking output files
 * before a run, and where auxsim is installed.
 *
 * Invariant: every command returns one of enum auxsim_exit; nothing else
 * reaches exit().
 */
#ifndef AUXSIM_CLI_H
#define AUXSIM_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "scenario/scenario.h"
#include "sim/sim.h"

/*
 * The exit statuses of every auxsim command: one table, documented in
 * auxsim(1) EXIT STATUS and the README.  A finding about the modelled
 * kernel is 1; everything that stops auxsim itself from answering is 2 and
 * above.
 */
enum auxsim_exit {
	/* ran; check/replay: no violation (replaying a counterexample
	 * file: its saved violation does not reproduce, nor does any
	 * other); check --claims: whatever the verdicts */
	AUXSIM_EXIT_OK = 0,
	/* check/replay: an invariant is violated (replay's verdict line
	 * says whether it is the file's saved one) */
	AUXSIM_EXIT_VIOLATION = 1,
	AUXSIM_EXIT_USAGE = 2,	   /* bad input: flags, scenario, steps, file */
	AUXSIM_EXIT_NOMEM = 3,	   /* out of memory */
	AUXSIM_EXIT_IO = 4,	   /* an output file or stdout not written */
	AUXSIM_EXIT_PERF = 5,	   /* the modelled perf record failed */
	AUXSIM_EXIT_ABORTED = 6,   /* check -j: a worker died; partial */
	AUXSIM_EXIT_INSTALL = 7,   /* auxsim-check not found or not runnable */
	AUXSIM_EXIT_SIGNAL = 128,  /* + signo: SIGINT/SIGTERM; partial */
};

/* ---- options ---- */

/* the options several commands share; a command's own ids follow */
enum cli_common_opt {
	OPT_SEED = 1,
	OPT_KERNEL,
	OPT_PATCH,
	OPT_PERF,
	OPT_DURATION,
	OPT_LOG,
	OPT_JSON,
	OPT_CMD, /* the first id of a command's own options */
};

enum cli_opt_flags {
	CLI_MULTI = 1, /* may be given more than once */
	/* not an option of this command: --help does not list it, and
	 * giving it prints its help text as the reason (e.g. check --log) */
	CLI_REFUSED = 2,
};

/* --kernel, --patch and --perf, as run and check take them */
#define CLI_VARIANT_OPTS                                                     \
	{OPT_KERNEL, "--kernel", NULL, "K",                                  \
	 "kernel variant (auxsim list; default: the scenario's)", 0},        \
	{OPT_PATCH, "--patch", NULL, "P",                                    \
	 "apply patch P (repeatable); none: no patch at all", CLI_MULTI},    \
	{OPT_PERF, "--perf", NULL, "V",                                      \
	 "perf tool variant (default: the scenario's)", 0}

struct cli_opt {
	int id;		   /* > 0; 0 ends a table */
	const char *name;  /* "--seed" */
	const char *alias; /* "-v", or NULL */
	const char *arg;   /* the value's name ("N"), or NULL: a switch */
	const char *help;  /* one line for --help (CLI_REFUSED: the reason) */
	unsigned int flags;
};

#define CLI_MAX_OPTS 48

struct cli_cmd {
	const char *name;  /* "run" */
	const char *usage; /* after "usage: auxsim NAME "; lines by '\n' */
	const char *about; /* what the command does, for --help */
	const struct cli_opt *opts;
	const char *notes; /* after the options in --help, or NULL */
	bool scenario_arg; /* --help says where installed scenarios are */
};

struct cli {
	const struct cli_cmd *cmd;
	int argc, i;
	char **argv;
	bool dashdash;
	const char *flag; /* the option just returned, as written */
	/* by table index: the last value given (a switch: its name), and
	 * the option's spelling (-v or --verbose) */
	const char *given[CLI_MAX_OPTS];
	const char *spelled[CLI_MAX_OPTS];
};

enum {
	CLI_DONE = 0,	/* no more arguments */
	CLI_ARG = -1,	/* a positional argument */
	CLI_HELP = -2,	/* -h or --help */
	CLI_ERROR = -3, /* the message is printed */
};

/* argv[0] of the auxsim the user ran (auxsim-check is exec'd with it) */
extern const char *cli_progname;

void cli_init(struct cli *c, const struct cli_cmd *cmd, int argc, char **argv);
/*
 * The next argument: an option's id (its value in *@val, its spelling in
 * c->flag), CLI_ARG (*@val), CLI_HELP, CLI_DONE, or CLI_ERROR with the
 * message printed: an unknown option (with "did you mean"), a missing
 * value, a value given to a switch, a refused option, a single-value
 * option given twice.
 */
int cli_next(struct cli *c, const char **val);
/* how @id was spelled (-o or --output) if it was given, else NULL */
const char *cli_given(const struct cli *c, int id);
/* a command's --help: usage, what it does, one line per option */
void cli_help(const struct cli_cmd *cmd, FILE *f);
/* "usage: auxsim NAME ..." and where the options are, on stderr: USAGE */
int cli_usage_error(const struct cli_cmd *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* @text as lines of the help's width, starting at column @col, the next
 * lines indented by @indent */
void cli_wrap(FILE *f, const char *text, int col, int indent);
/* "  LEFT" and @help wrapped in a column of its own, as the help lists
 * options (LEFT too long for its column: @help starts on the next line) */
void cli_help_line(FILE *f, const char *left, const char *help);

/* "auxsim CMD: FLAG: message" on stderr; returns AUXSIM_EXIT_USAGE */
int cli_error(const char *flag, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* @a and @b (as written) contradict: "auxsim CMD: A and B: why" */
int cli_conflict(const char *a, const char *b, const char *why);

/* flush stdout: 0, or AUXSIM_EXIT_IO with the reason on stderr */
int stdout_status(void);

/* a decimal number within @lo..@hi, nothing else: 0, or USAGE (printed) */
int cli_u64(const char *flag, const char *v, uint64_t lo, uint64_t hi,
	    uint64_t *out);

/* a variant option (OPT_SEED .. OPT_LOG) into @cfg: 0 done, USAGE (printed)
 * for a bad value, -1 when @id is not one */
int variant_opt(int id, const char *flag, const char *v,
		struct sim_config *cfg);

/* ---- files ---- */

/* where scenarios are looked up by name: the installed ones (relocated
 * under a DESTDIR), else, when auxsim runs from its build tree, the
 * source tree's scenarios/, else the compiled-in directory */
const char *cli_scenario_dir(void);
/* "in DIR", and why that one or that it does not exist, for help texts
 * and messages */
void cli_scenario_where(char *buf, size_t len);
/* the scenario @arg names: the file, else an installed scenario of that
 * name (with or without .scn); @buf holds the path if it is one */
const char *find_scenario(const char *arg, char *buf, size_t len);
/* find_scenario() and load it: 0, or USAGE/NOMEM with FILE:LINE:COL:
 * message on stderr */
int load_scenario(const char *arg, struct auxsim_scenario *scn);
/*
 * Before a run, whether @path can be written by a rename into its
 * directory: not a directory nor anything but a regular file, the
 * directory exists and is writable.  0, or USAGE with "FLAG: PATH: why".
 */
int cli_output(const char *flag, const char *path);
/* @a and @b name the same file (existing or not) */
bool cli_same_file(const char *a, const char *b);

/* the directory of the running binary: false if unknown */
bool cli_exe_dir(char *buf, size_t len);
/*
 * The root this binary was installed under, as `make install DESTDIR=ROOT`
 * puts it: "" when it runs where it was built to be installed, ROOT when
 * it runs from a staging copy of that tree (its directory ends with the
 * install directory compiled in); false when it is not installed (a build
 * tree).  Installed files are looked up under it: auxsim can move.
 */
bool cli_install_root(char *buf, size_t len);
/* where auxsim-check is installed (compiled in) */
const char *cli_libexec_dir(void);

/* @s as one shell word: as is when it is safe, else in single quotes */
void cli_shell_quote(char *buf, size_t len, const char *s);

/* the exit status for a -errno from sim__start()/mc__check() with @err */
int cli_start_status(int ret, const char *err);
/*
 * Print @err from sim__run()/sim__start()/mc__check() for scenario @scn,
 * shown to the user as @shown, and return cli_start_status(): an error
 * located in the scenario ("FILE:LINE:COL: ...", e.g. an event the --perf
 * variant cannot parse) is printed as is, like a parse error; any other
 * is "auxsim: SHOWN: ERR".
 */
int cli_start_error(const char *shown, const struct auxsim_scenario *scn,
		    int ret, const char *err);

#endif /* AUXSIM_CLI_H */
