// SPDX-License-Identifier: GPL-2.0
/*
 * cli.c - what every auxsim command shares: flag parsing, the variant
 * flags, loading a scenario with FILE:LINE:COL errors (cli.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "variant.h"

int flag_error(const char *flag, const char *fmt, const char *arg)
{
	fprintf(stderr, "auxsim: %s: ", flag);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	return 2;
}

/* --name VALUE or --name=VALUE */
const char *flag_value(int argc, char **argv, int *i, const char *name)
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

/*
 * The variant flags every command takes: --seed, --kernel, --patch, --perf,
 * --duration, --log.  Returns 1 if argv[*i] was one (consumed), 0 if not,
 * or 2 for a bad value (the message is printed).
 */
int variant_flag(int argc, char **argv, int *i, struct sim_config *cfg)
{
	const char *v;
	char msg[512];

	if ((v = flag_value(argc, argv, i, "--seed"))) {
		char *end;

		errno = 0;
		cfg->seed = strtoull(v, &end, 10);
		if (!*v || *end || errno || *v == '-')
			return flag_error("--seed",
					  "'%s' is not a seed (a decimal number)",
					  v);
		cfg->seed_set = true;
	} else if ((v = flag_value(argc, argv, i, "--kernel"))) {
		if (!variant__find_kernel(v)) {
			variant__kernel_names(msg, sizeof(msg));
			fprintf(stderr, "auxsim: --kernel: unknown kernel '%s' "
					"(known: %s)\n",
				v, msg);
			return 2;
		}
		cfg->kernel = v;
	} else if ((v = flag_value(argc, argv, i, "--perf"))) {
		if (!variant__find_perf(v)) {
			variant__perf_names(msg, sizeof(msg));
			fprintf(stderr, "auxsim: --perf: unknown perf '%s' "
					"(known: %s)\n",
				v, msg);
			return 2;
		}
		cfg->perf = v;
	} else if ((v = flag_value(argc, argv, i, "--patch"))) {
		cfg->patches_set = true;
		if (!strcmp(v, "none"))
			return 1;
		if (!variant__find_patch(v)) {
			variant__patch_names(msg, sizeof(msg));
			fprintf(stderr, "auxsim: --patch: unknown patch '%s' "
					"(known: %s)\n",
				v, msg);
			return 2;
		}
		if (cfg->nr_patches == SCN_MAX_PATCHES)
			return flag_error("--patch", "too many (%s)", v);
		cfg->patches[cfg->nr_patches++] = v;
	} else if ((v = flag_value(argc, argv, i, "--duration"))) {
		if (scn__parse_time(v, strlen(v), &cfg->duration_ns) ||
		    !cfg->duration_ns)
			return flag_error("--duration",
					  "'%s' is not a duration (e.g. 1s, "
					  "250ms)",
					  v);
	} else if (!strcmp(argv[*i], "--log")) {
		cfg->log = true;
	} else {
		return 0;
	}
	return 1;
}

int load_scenario(const char *path, struct auxsim_scenario *scn)
{
	struct scn_error err = { 0 };

	if (!scenario__load(path, scn, &err))
		return 0;
	if (err.line)
		fprintf(stderr, "%s:%d:%d: %s\n", path, err.line, err.col,
			err.msg);
	else
		fprintf(stderr, "%s: %s\n", path, err.msg);
	return 2;
}
