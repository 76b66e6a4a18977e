// SPDX-License-Identifier: GPL-2.0
/*
 * builtin-replay.c - auxsim replay: rerun a list of checker steps, from
 * --steps or from a counterexample file written by check -o, with the
 * kernel log.  Built only into auxsim-check.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtin.h"
#include "check.h"
#include "cli.h"
#include "scenario.h"
#include "sim.h"
#include "step.h"

/* "overflow:1:2,tick:1" */
static int parse_steps(const char *s, struct step *steps, int max)
{
	char buf[4096];
	int n = 0;

	if (strlen(s) >= sizeof(buf))
		return -1;
	strcpy(buf, s);
	for (char *tok = strtok(buf, ","); tok; tok = strtok(NULL, ",")) {
		if (n == max || step__parse(tok, &steps[n]))
			return -1;
		n++;
	}
	return n;
}


/* read a counterexample file into argv-like flags for cmd_replay() */
static int read_cex(const char *file, char *buf, int len, const char **args,
		    int max)
{
	FILE *f = fopen(file, "r");
	int n = 0, off = 0, lineno = 0;
	char line[4200];

	if (!f) {
		fprintf(stderr, "auxsim: %s: %s\n", file, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), f)) {
		char *key = line, *val;
		size_t l = strlen(line);

		lineno++;
		if (l && line[l - 1] == '\n')
			line[--l] = '\0';
		if (!l || line[0] == '#')
			continue;
		val = strchr(line, ' ');
		if (!val || n + 2 > max || off + (int)l + 8 > len) {
			fprintf(stderr, "%s:%d:1: expected 'KEY VALUE'\n", file,
				lineno);
			fclose(f);
			return -1;
		}
		*val++ = '\0';
		if (strcmp(key, "scenario")) {
			args[n++] = buf + off;
			off += snprintf(buf + off, len - off, "--%s", key) + 1;
		}
		args[n++] = buf + off;
		off += snprintf(buf + off, len - off, "%s", val) + 1;
	}
	fclose(f);
	return n;
}

int cmd_replay(int argc, char **argv)
{
	/* auxsim replay FILE: a counterexample file written by check -o */
	if (argc == 3 && argv[2][0] != '-') {
		FILE *f = fopen(argv[2], "r");
		char head[32] = "";

		if (f) {
			if (!fgets(head, sizeof(head), f))
				head[0] = '\0';
			fclose(f);
		}
		if (!strncmp(head, "# auxsim counterexample", 23)) {
			static char buf[8192];
			const char *args[64];
			char *nargv[70];
			int n = read_cex(argv[2], buf, sizeof(buf), args, 64);

			if (n < 0)
				return 2;
			nargv[0] = argv[0];
			nargv[1] = argv[1];
			for (int i = 0; i < n; i++)
				nargv[i + 2] = (char *)args[i];
			nargv[n + 2] = NULL;
			return cmd_replay(n + 2, nargv);
		}
	}
	struct auxsim_scenario *scn = calloc(1, sizeof(*scn));
	struct sim_config cfg = { 0 };
	struct step steps[MC_MAX_DEPTH];
	const char *path = NULL, *stepstr = NULL;
	int nr, inv;

	if (!scn)
		return 3;
	for (int i = 2; i < argc; i++) {
		const char *v;
		int r = variant_flag(argc, argv, &i, &cfg);

		if (r == 2)
			goto bad;
		if (r == 1)
			continue;
		if ((v = flag_value(argc, argv, &i, "--steps"))) {
			stepstr = v;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			flag_error(argv[i], "%sunknown option", "");
			goto bad;
		} else if (!path) {
			path = argv[i];
		} else {
			flag_error(argv[i], "%sonly one scenario", "");
			goto bad;
		}
	}
	if (!path || !stepstr) {
		usage(stderr, 2);
		goto bad;
	}
	nr = parse_steps(stepstr, steps, MC_MAX_DEPTH);
	if (nr < 0) {
		flag_error("--steps", "cannot parse '%s'", stepstr);
		goto bad;
	}
	if (load_scenario(path, scn))
		goto bad;
	printf("%s %s\n", scn->root ? "#" : "$", scn->rec.cmdline);
	inv = mc__replay(stdout, scn, &cfg, steps, nr, NULL);
	free(scn);
	return inv >= 0 ? 1 : 0;
bad:
	free(scn);
	return 2;
}
