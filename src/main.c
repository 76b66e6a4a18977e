// SPDX-License-Identifier: GPL-2.0
/*
 * main.c - the auxsim command: the top-level help, list, and the dispatch
 * to the commands in builtin-*.c (check and replay run in auxsim-check).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <limits.h>
#include <unistd.h>

#include "builtin.h"
#include "cli.h"
#include "model/machine.h"
#include "lib/suggest.h"
#include "model/variant.h"

#define AUXSIM_VERSION "0.1"

static const char *const commands[] = {"run", "check", "replay", "list",
				       "help"};
static const char *const options[] = {"--help", "--version"};

/* the top-level help: each command, its main flags, where to read on */
static const char usage_text[] =
	"usage: auxsim COMMAND [ARGS]\n"
	"\n"
	"auxsim models Linux perf AUX-area tracing (the perf core's AUX ring "
	"buffer,\n"
	"CoreSight ETM/ETR, Arm SPE, perf record's snapshot logic), "
	"deterministically.\n"
	"\n"
	"Commands:\n"
	"  run SCENARIO     simulate the scenario's perf record session on a "
	"virtual\n"
	"                   clock and report what the kernel and perf show; "
	"--kernel,\n"
	"                   --patch, --perf choose the variants, --seed the "
	"schedule,\n"
	"                   -o writes the perf.data, --svg a timeline, "
	"--trace-json\n"
	"                   Chrome trace events, --json a document\n"
	"  check SCENARIO   explore every interleaving of the scenario's steps "
	"within\n"
	"                   its bounds and print the shortest invariant "
	"violation;\n"
	"                   --bfs, --dfs, --random choose the search, -o saves "
	"the\n"
	"                   counterexample, --claims DIR checks the seed-001 "
	"claims\n"
	"  replay CEX-FILE  rerun a counterexample saved by check -o, with the "
	"kernel\n"
	"                   log (or: replay SCENARIO --steps S)\n"
	"  list             the machines, kernels, patches and perf versions\n"
	"\n"
	"  -h, --help       this help\n"
	"  --version        the version\n"
	"\n";
static const char usage_tail[] =
	"'auxsim COMMAND --help' lists a command's options; auxsim(1) has the "
	"rest.\n";

static int usage(FILE *f, int status)
{
	char where[2 * PATH_MAX], text[3 * PATH_MAX];

	cli_scenario_where(where, sizeof(where));
	snprintf(text, sizeof(text),
		 "A SCENARIO is a file, or the name of an installed scenario, "
		 "%s.",
		 where);
	fputs(usage_text, f);
	cli_wrap(f, text, 0, 0);
	fputs(usage_tail, f);
	/* asked for, the help is the output: one that did not reach stdout
	 * is an I/O error (exit 4), as for every command */
	return f == stdout && status == AUXSIM_EXIT_OK ? stdout_status()
						       : status;
}

static const struct cli_opt list_opts[] = {{0}};
static const struct cli_cmd list_cmd = {
	.name = "list",
	.usage = "",
	.about = "The machine presets, and every kernel, patch and perf "
		 "variant with its upstream subject or commit: the names "
		 "--kernel, --patch and --perf take.",
	.opts = list_opts,
};

static int cmd_list(int argc, char **argv)
{
	struct cli c;
	const char *v;
	int r;

	cli_init(&c, &list_cmd, argc, argv);
	while ((r = cli_next(&c, &v)) != CLI_DONE) {
		if (r == CLI_HELP) {
			cli_help(&list_cmd, stdout);
			return stdout_status();
		}
		if (r == CLI_ERROR)
			return AUXSIM_EXIT_USAGE;
		return cli_error(v, "list takes no arguments");
	}
	/* one column of names, the text wrapped beside it (80 columns) */
	printf("Machines:\n");
	for (const struct machine *mc = machines; mc->name; mc++)
		cli_help_line(stdout, mc->name, mc->desc);
	printf("Kernels (--kernel, default %s):\n", KERNEL_DEFAULT);
	for (const struct kernel_variant *k = kernel_variants; k->name; k++)
		cli_help_line(stdout, k->name, k->upstream);
	printf("Patches (--patch):\n");
	for (const struct patch_variant *p = patch_variants; p->name; p++) {
		char applies[128] = "applies to:";

		if (p->mutant)
			continue;
		cli_help_line(stdout, p->name, p->upstream);
		for (const char *const *n = p->applies_to; *n; n++)
			snprintf(applies + strlen(applies),
				 sizeof(applies) - strlen(applies), " %s", *n);
		cli_help_line(stdout, "", applies);
	}
	printf("Mutants (--patch; deliberately broken, for the checker's "
	       "tests):\n");
	for (const struct patch_variant *p = patch_variants; p->name; p++)
		if (p->mutant)
			cli_help_line(stdout, p->name, p->upstream);
	printf("perf (--perf, default %s):\n", PERF_DEFAULT);
	for (const struct perf_variant *pv = perf_variants; pv->name; pv++)
		cli_help_line(stdout, pv->name, pv->upstream);
	return stdout_status();
}

int main(int argc, char **argv);

/*
 * auxsim help|--help|-h [COMMAND]: the top-level help, or COMMAND's as
 * `auxsim COMMAND --help` prints it; one COMMAND at most.
 */
static int help(int argc, char **argv)
{
	static char opt[] = "--help";
	char *nargv[] = {argv[0], argc > 2 ? argv[2] : NULL, opt, NULL};
	const char *near;

	if (argc > 3) {
		fprintf(stderr,
			"auxsim: %s: '%s': one command at most (auxsim %s "
			"COMMAND)\n",
			argv[1], argv[3], argv[1]);
		return AUXSIM_EXIT_USAGE;
	}
	if (argc < 3 || !strcmp(argv[2], "help") ||
	    !strcmp(argv[2], "--help") || !strcmp(argv[2], "-h"))
		return usage(stdout, AUXSIM_EXIT_OK);
	for (size_t i = 0; i < sizeof(commands) / sizeof(*commands); i++)
		if (!strcmp(argv[2], commands[i]))
			return main(3, nargv);
	near = suggest__closest(argv[2], commands,
				(int)(sizeof(commands) / sizeof(*commands)));
	fprintf(stderr, "auxsim: %s: '%s' is not a command%s%s%s\n", argv[1],
		argv[2], near ? "; did you mean '" : "", near ? near : "",
		near ? "'?" : "");
	fprintf(stderr, "'auxsim --help' lists the commands.\n");
	return AUXSIM_EXIT_USAGE;
}

#ifndef AUXSIM_CHECK
/* execv() @path; returns (with errno) only if it could not */
static void try_exec(const char *path, char **argv, int *err, char *tried,
		     size_t len)
{
	size_t n = strlen(tried);

	execv(path, argv);
	if (errno != ENOENT || !*err)
		*err = errno;
	snprintf(tried + n, len - n, "%s%s", n ? ", " : "", path);
}

/*
 * check and replay run in auxsim-check, the model built with the
 * checker's small capacities, with the same argv (so that argv[0], the
 * auxsim the user ran, survives for the replay commands it prints).  It
 * is looked up in $AUXSIM_CHECK, LIBEXECDIR under the root auxsim runs
 * from (a DESTDIR copy too), beside auxsim (a build tree), and LIBEXECDIR.
 */
static int exec_checker(char **argv)
{
	char dir[PATH_MAX], path[PATH_MAX + 32], tried[4 * PATH_MAX] = "";
	const char *env = getenv("AUXSIM_CHECK");
	int err = 0;

	if (env && *env) {
		execv(env, argv);
		fprintf(stderr, "auxsim: cannot run %s (AUXSIM_CHECK): %s\n",
			env, strerror(errno));
		return AUXSIM_EXIT_INSTALL;
	}
	if (cli_install_root(dir, sizeof(dir))) {
		snprintf(path, sizeof(path), "%s%s/auxsim-check", dir,
			 cli_libexec_dir());
		try_exec(path, argv, &err, tried, sizeof(tried));
	}
	if (cli_exe_dir(dir, sizeof(dir))) {
		snprintf(path, sizeof(path), "%s/auxsim-check", dir);
		try_exec(path, argv, &err, tried, sizeof(tried));
	}
	snprintf(path, sizeof(path), "%s/auxsim-check", cli_libexec_dir());
	try_exec(path, argv, &err, tried, sizeof(tried));
	fprintf(stderr,
		"auxsim: cannot run auxsim-check, the checker (%s): tried %s; "
		"set AUXSIM_CHECK to its path\n",
		strerror(err ? err : ENOENT), tried);
	return AUXSIM_EXIT_INSTALL;
}
#endif

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : NULL, *near;

	if (argc > 0 && argv[0] && *argv[0])
		cli_progname = argv[0];
	if (!cmd)
		return usage(stderr, AUXSIM_EXIT_USAGE);
	if (!strcmp(cmd, "help") || !strcmp(cmd, "--help") ||
	    !strcmp(cmd, "-h"))
		return help(argc, argv);
	if (!strcmp(cmd, "run"))
		return cmd_run(argc, argv);
	if (!strcmp(cmd, "list"))
		return cmd_list(argc, argv);
#ifdef AUXSIM_CHECK
	if (!strcmp(cmd, "check"))
		return cmd_check(argc, argv);
	if (!strcmp(cmd, "replay"))
		return cmd_replay(argc, argv);
#else
	if (!strcmp(cmd, "check") || !strcmp(cmd, "replay"))
		return exec_checker(argv);
#endif
	if (!strcmp(cmd, "--version")) {
		/* as every command: no argument it does not take */
		if (argc > 2) {
			fprintf(stderr,
				"auxsim: --version: '%s': --version takes no "
				"arguments\n",
				argv[2]);
			return AUXSIM_EXIT_USAGE;
		}
		printf("auxsim %s\n", AUXSIM_VERSION);
		return stdout_status();
	}
	near = cmd[0] == '-' ? suggest__closest(cmd, options, 2)
			     : suggest__closest(cmd, commands,
						(int)(sizeof(commands) /
						      sizeof(*commands)));
	if (cmd[0] == '-')
		fprintf(stderr, "auxsim: %s: unknown option%s%s%s\n", cmd,
			near ? "; did you mean '" : "", near ? near : "",
			near ? "'?" : "");
	else
		fprintf(stderr, "auxsim: '%s' is not a command%s%s%s\n", cmd,
			near ? "; did you mean '" : "", near ? near : "",
			near ? "'?" : "");
	fprintf(stderr, "'auxsim --help' lists the commands.\n");
	return AUXSIM_EXIT_USAGE;
}
