// SPDX-License-Identifier: GPL-2.0
/*
 * main.c - the auxsim command.
 *
 *   auxsim run SCENARIO [--seed N] [--kernel K] [--patch P]... [--perf V]
 *                       [--duration T] [--json] [--verbose] [--log]
 *   auxsim list
 *
 * Exit status: 0 success, 1 the run itself failed (perf record could not
 * start), 2 bad input (scenario or flags), 3 out of memory.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "machine.h"
#include "report.h"
#include "scenario.h"
#include "sim.h"
#include "variant.h"

#define AUXSIM_VERSION "0.1"

static const char usage_text[] =
	"usage: auxsim run SCENARIO [--seed N] [--kernel K] [--patch P]...\n"
	"                  [--perf V] [--duration T] [--json] [--verbose] "
	"[--log]\n"
	"       auxsim list\n"
	"       auxsim --help | --version\n"
	"\n"
	"  run    simulate the scenario's perf record session and report\n"
	"  list   machine presets, kernels, patches and perf versions\n"
	"\n"
	"  --patch none clears the scenario's patches; --patch P replaces them\n"
	"  (repeat it for several).  See auxsim(1) and docs/.\n";

static int usage(FILE *f, int status)
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
		printf("  %-22s %s\n  %-22s applies to:", p->name, p->upstream,
		       "");
		for (const char *const *n = p->applies_to; *n; n++)
			printf(" %s", *n);
		printf("\n");
	}
	printf("perf (--perf, default %s):\n", PERF_DEFAULT);
	for (const struct perf_variant *v = perf_variants; v->name; v++)
		printf("  %-22s %s\n", v->name, v->upstream);
	return 0;
}

static int flag_error(const char *flag, const char *fmt, const char *arg)
{
	fprintf(stderr, "auxsim: %s: ", flag);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	return 2;
}

/* --name VALUE or --name=VALUE */
static const char *flag_value(int argc, char **argv, int *i, const char *name)
{
	size_t n = strlen(name);
	const char *a = argv[*i];

	if (strncmp(a, name, n))
		return NULL;
	if (a[n] == '=')
		return a + n + 1;
	if (a[n])
		return NULL;
	if (*i + 1 >= argc)
		return "";
	return argv[++*i];
}

static int cmd_run(int argc, char **argv)
{
	struct auxsim_scenario *scn = calloc(1, sizeof(*scn));
	struct sim_config cfg = { 0 };
	struct sim_result res;
	struct scn_error err = { 0 };
	const char *path = NULL, *v;
	int json = 0, verbose = 0, ret;
	char msg[512];

	if (!scn)
		return 3;
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];

		if ((v = flag_value(argc, argv, &i, "--seed"))) {
			char *end;

			errno = 0;
			cfg.seed = strtoull(v, &end, 10);
			if (!*v || *end || errno || *v == '-') {
				free(scn);
				return flag_error("--seed",
						  "'%s' is not a seed (a "
						  "decimal number)", v);
			}
			cfg.seed_set = true;
		} else if ((v = flag_value(argc, argv, &i, "--kernel"))) {
			if (!variant__find_kernel(v)) {
				variant__kernel_names(msg, sizeof(msg));
				fprintf(stderr, "auxsim: --kernel: unknown "
						"kernel '%s' (known: %s)\n",
					v, msg);
				free(scn);
				return 2;
			}
			cfg.kernel = v;
		} else if ((v = flag_value(argc, argv, &i, "--perf"))) {
			if (!variant__find_perf(v)) {
				variant__perf_names(msg, sizeof(msg));
				fprintf(stderr, "auxsim: --perf: unknown perf "
						"'%s' (known: %s)\n",
					v, msg);
				free(scn);
				return 2;
			}
			cfg.perf = v;
		} else if ((v = flag_value(argc, argv, &i, "--patch"))) {
			cfg.patches_set = true;
			if (!strcmp(v, "none"))
				continue;
			if (!variant__find_patch(v)) {
				variant__patch_names(msg, sizeof(msg));
				fprintf(stderr, "auxsim: --patch: unknown "
						"patch '%s' (known: %s)\n",
					v, msg);
				free(scn);
				return 2;
			}
			if (cfg.nr_patches == SCN_MAX_PATCHES) {
				free(scn);
				return flag_error("--patch", "too many (%s)",
						  v);
			}
			cfg.patches[cfg.nr_patches++] = v;
		} else if ((v = flag_value(argc, argv, &i, "--duration"))) {
			if (scn__parse_time(v, strlen(v), &cfg.duration_ns) ||
			    !cfg.duration_ns) {
				free(scn);
				return flag_error("--duration",
						  "'%s' is not a duration "
						  "(e.g. 1s, 250ms)", v);
			}
		} else if (!strcmp(a, "--json") || !strcmp(a, "-j")) {
			json = 1;
		} else if (!strcmp(a, "--verbose") || !strcmp(a, "-v")) {
			verbose = 1;
		} else if (!strcmp(a, "--log")) {
			cfg.log = true;
		} else if (a[0] == '-' && a[1]) {
			free(scn);
			return flag_error(a, "%sunknown option", "");
		} else if (!path) {
			path = a;
		} else {
			free(scn);
			return flag_error(a, "%sonly one scenario per run", "");
		}
	}
	if (!path) {
		free(scn);
		return usage(stderr, 2);
	}
	ret = scenario__load(path, scn, &err);
	if (ret) {
		if (err.line)
			fprintf(stderr, "%s:%d:%d: %s\n", path, err.line,
				err.col, err.msg);
		else
			fprintf(stderr, "%s: %s\n", path, err.msg);
		free(scn);
		return 2;
	}
	ret = sim__run(scn, &cfg, &res, msg, sizeof(msg));
	if (ret) {
		fprintf(stderr, "auxsim: %s: %s\n", path, msg);
		free(scn);
		return 2;
	}
	if (json)
		report__json(stdout, &res);
	else
		report__text(stdout, &res, verbose);
	ret = res.open_error ? 1 : 0;
	sim_result__free(&res);
	free(scn);
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "auxsim: write error on standard output\n");
		return 1;
	}
	return ret;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return usage(stderr, 2);
	if (!strcmp(argv[1], "run"))
		return cmd_run(argc, argv);
	if (!strcmp(argv[1], "list"))
		return cmd_list();
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
