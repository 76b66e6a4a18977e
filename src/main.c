// SPDX-License-Identifier: GPL-2.0
/*
 * main.c - the auxsim command: usage, list, and the dispatch to the
 * commands in builtin-*.c (check and replay run in auxsim-check).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <limits.h>
#include <unistd.h>

#include "builtin.h"
#include "cli.h"
#include "machine.h"
#include "variant.h"

#define AUXSIM_VERSION "0.1"

static const char usage_text[] =
	"usage: auxsim run SCENARIO [--seed N] [--kernel K] [--patch P]...\n"
	"                  [--perf V] [--duration T] [--json] [--verbose] "
	"[--log]\n"
	"       auxsim run SCENARIO ... [-o FILE.data [--truth FILE.txt]]\n"
	"                               [--svg FILE.svg] [--trace-json FILE]\n"
	"       auxsim check SCENARIO [--kernel K] [--patch P]... [--perf V]\n"
	"                    [--dfs | --bfs | --random [--seed N] [--runs N]]\n"
	"                    [--invariant ID]... [--max-states N] [--json]\n"
	"                    [--no-por] [--bitstate LOG2BITS] [-j N]\n"
	"                    [-o CEX-FILE]\n"
	"       auxsim check --claims DIR [--patch P]... [--json]\n"
	"       auxsim check --list-invariants\n"
	"       auxsim replay SCENARIO --steps S [--kernel K] [--patch P]...\n"
	"                     [--perf V] [--log]\n"
	"       auxsim replay CEX-FILE\n"
	"       auxsim list\n"
	"       auxsim --help | --version\n"
	"\n"
	"  run     simulate the scenario's perf record session and report\n"
	"  check   explore every interleaving within the scenario's bounds\n"
	"  replay  replay a counterexample with the kernel log\n"
	"  list    machine presets, kernels, patches and perf versions\n"
	"\n"
	"  --patch none clears the scenario's patches; --patch P replaces them\n"
	"  (repeat it for several).  See auxsim(1) and docs/.\n";

int usage(FILE *f, int status)
{
	fputs(usage_text, f);
	return status;
}

static int cmd_list(void)
{
	printf("Machines:\n");
	for (const struct machine *mc = machines; mc->name; mc++)
		printf("  %-22s %s\n", mc->name, mc->desc);
	printf("Kernels (--kernel, default %s):\n", KERNEL_DEFAULT);
	for (const struct kernel_variant *k = kernel_variants; k->name; k++)
		printf("  %-22s %s\n", k->name, k->upstream);
	printf("Patches (--patch):\n");
	for (const struct patch_variant *p = patch_variants; p->name; p++) {
		if (p->mutant)
			continue;
		printf("  %-22s %s\n  %-22s applies to:", p->name, p->upstream,
		       "");
		for (const char *const *n = p->applies_to; *n; n++)
			printf(" %s", *n);
		printf("\n");
	}
	printf("Mutants (--patch; deliberately broken, for the checker's "
	       "tests):\n");
	for (const struct patch_variant *p = patch_variants; p->name; p++)
		if (p->mutant)
			printf("  %-26s %s\n", p->name, p->upstream);
	printf("perf (--perf, default %s):\n", PERF_DEFAULT);
	for (const struct perf_variant *v = perf_variants; v->name; v++)
		printf("  %-22s %s\n", v->name, v->upstream);
	return 0;
}


#ifndef AUXSIM_CHECK
/* check and replay run in auxsim-check, the model built with the checker's
 * small capacities, installed beside auxsim (or in libexec) */
static int exec_checker(char **argv)
{
	char self[PATH_MAX], path[PATH_MAX + 16];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	const char *env = getenv("AUXSIM_CHECK");

	if (env && *env) {
		execv(env, argv);
		fprintf(stderr, "auxsim: cannot run %s\n", env);
		return 1;
	}
	if (n > 0) {
		char *slash;

		self[n] = '\0';
		slash = strrchr(self, '/');
		if (slash) {
			*slash = '\0';
			snprintf(path, sizeof(path), "%s/auxsim-check", self);
			execv(path, argv);
		}
	}
#ifdef AUXSIM_LIBEXEC
	execv(AUXSIM_LIBEXEC "/auxsim-check", argv);
#endif
	fprintf(stderr, "auxsim: cannot find auxsim-check (the checker): "
			"set AUXSIM_CHECK\n");
	return 1;
}
#endif


int main(int argc, char **argv)
{
	if (argc < 2)
		return usage(stderr, 2);
	if (!strcmp(argv[1], "run"))
		return cmd_run(argc, argv);
	if (!strcmp(argv[1], "list"))
		return cmd_list();
#ifdef AUXSIM_CHECK
	if (!strcmp(argv[1], "check"))
		return cmd_check(argc, argv);
	if (!strcmp(argv[1], "replay"))
		return cmd_replay(argc, argv);
#else
	if (!strcmp(argv[1], "check") || !strcmp(argv[1], "replay"))
		return exec_checker(argv);
#endif
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help"))
		return usage(stdout, 0);
	if (!strcmp(argv[1], "--version")) {
		printf("auxsim %s\n", AUXSIM_VERSION);
		return 0;
	}
	fprintf(stderr, "auxsim: '%s' is not a command\n\n", argv[1]);
	return usage(stderr, 2);
}
