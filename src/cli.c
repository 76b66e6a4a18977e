// SPDX-License-Identifier: GPL-2.0
/*
 * cli.c - the option tables' parser, --help, errors and "did you mean",
 * strict numbers and the variant flags (cli.h).  Files, scenarios and
 * install paths are in cli-files.c.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "lib/suggest.h"
#include "model/variant.h"

const char *cli_progname = "auxsim";
static const char *cur_cmd; /* "run", for "auxsim run: ..." */

static void vmessage(const char *flag, const char *fmt, va_list ap)
{
	fprintf(stderr, "auxsim%s%s: ", cur_cmd ? " " : "",
		cur_cmd ? cur_cmd : "");
	if (flag)
		fprintf(stderr, "%s: ", flag);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

int cli_error(const char *flag, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(flag, fmt, ap);
	va_end(ap);
	return AUXSIM_EXIT_USAGE;
}

int cli_conflict(const char *a, const char *b, const char *why)
{
	fprintf(stderr, "auxsim%s%s: %s and %s: %s\n", cur_cmd ? " " : "",
		cur_cmd ? cur_cmd : "", a, b, why);
	return AUXSIM_EXIT_USAGE;
}

static void print_usage_lines(const struct cli_cmd *cmd, FILE *f)
{
	const char *u = cmd->usage;
	bool first = true;

	if (!*u)
		fprintf(f, "usage: auxsim %s\n", cmd->name);
	while (*u) {
		size_t n = strcspn(u, "\n");

		fprintf(f, "%s auxsim %s %.*s\n",
			first ? "usage:" : "   or:", cmd->name, (int)n, u);
		first = false;
		u += n + !!u[n];
	}
}

int cli_usage_error(const struct cli_cmd *cmd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(NULL, fmt, ap);
	va_end(ap);
	print_usage_lines(cmd, stderr);
	fprintf(stderr, "'auxsim %s --help' says what each option does.\n",
		cmd->name);
	return AUXSIM_EXIT_USAGE;
}

void cli_init(struct cli *c, const struct cli_cmd *cmd, int argc, char **argv)
{
	memset(c, 0, sizeof(*c));
	c->cmd = cmd;
	c->argc = argc;
	c->argv = argv;
	c->i = 2; /* auxsim CMD ... */
	cur_cmd = cmd->name;
}

static bool matches(const char *a, size_t n, const char *name)
{
	return name && strlen(name) == n && !strncmp(a, name, n);
}

/* the table entry for option @a (its first @n bytes), or the end */
static const struct cli_opt *find_opt(const struct cli_cmd *cmd, const char *a,
				      size_t n)
{
	const struct cli_opt *o = cmd->opts;

	while (o->id && !matches(a, n, o->name) && !matches(a, n, o->alias))
		o++;
	return o;
}

/* a known option of @c's command (or -h/--help), before any '=' */
static bool is_option(const struct cli *c, const char *a)
{
	size_t n = strcspn(a, "=");

	return find_opt(c->cmd, a, n)->id || matches(a, n, "-h") ||
	       matches(a, n, "--help");
}

static int unknown_option(const struct cli *c, const char *a, size_t n)
{
	const char *names[2 * CLI_MAX_OPTS + 2], *near;
	char word[64];
	int nr = 0;

	for (const struct cli_opt *o = c->cmd->opts; o->id; o++) {
		if (o->flags & CLI_REFUSED)
			continue;
		names[nr++] = o->name;
		if (o->alias)
			names[nr++] = o->alias;
	}
	names[nr++] = "--help";
	snprintf(word, sizeof(word), "%.*s", (int)(n < 63 ? n : 63), a);
	near = suggest__closest(word, names, nr);
	if (near)
		return cli_error(word,
				 "unknown option; did you mean '%s'? "
				 "(auxsim %s --help lists them)",
				 near, c->cmd->name);
	return cli_error(word, "unknown option (auxsim %s --help lists them)",
			 c->cmd->name);
}

int cli_next(struct cli *c, const char **val)
{
	const struct cli_opt *o;
	const char *a, *eq, *v = NULL;
	size_t n;
	int idx;

	*val = NULL;
	c->flag = NULL;
	if (c->i >= c->argc)
		return CLI_DONE;
	a = c->argv[c->i++];
	if (c->dashdash || a[0] != '-' || !a[1]) {
		*val = a;
		return CLI_ARG;
	}
	if (!strcmp(a, "--")) {
		c->dashdash = true;
		return cli_next(c, val);
	}
	if (!strcmp(a, "-h") || !strcmp(a, "--help"))
		return CLI_HELP;
	eq = a[1] == '-' ? strchr(a, '=') : NULL;
	n = eq ? (size_t)(eq - a) : strlen(a);
	o = find_opt(c->cmd, a, n);
	if (!o->id && a[1] != '-') {
		/* -j4: a short option with its value attached */
		o = find_opt(c->cmd, a, 2);
		if (o->id && o->arg)
			v = a + 2;
		else
			o = find_opt(c->cmd, "", 0);
	}
	if (!o->id) {
		unknown_option(c, a, n);
		return CLI_ERROR;
	}
	idx = (int)(o - c->cmd->opts);
	c->flag = matches(a, 2, o->alias) || matches(a, n, o->alias) ? o->alias
								     : o->name;
	if (o->flags & CLI_REFUSED) {
		cli_error(c->flag, "%s", o->help);
		return CLI_ERROR;
	}
	if (!o->arg) {
		if (eq) {
			cli_error(c->flag, "takes no value (got '%s')", eq + 1);
			return CLI_ERROR;
		}
	} else {
		if (eq)
			v = eq + 1;
		if (!v && c->i >= c->argc) {
			cli_error(c->flag, "needs a value (%s)", o->arg);
			return CLI_ERROR;
		}
		if (!v) {
			v = c->argv[c->i];
			if (v[0] == '-' && v[1] && is_option(c, v)) {
				cli_error(c->flag,
					  "needs a value (%s), not the option "
					  "%s",
					  o->arg, v);
				return CLI_ERROR;
			}
			c->i++;
		}
		if (!*v) {
			cli_error(c->flag,
				  "needs a value (%s), not an empty one",
				  o->arg);
			return CLI_ERROR;
		}
		if (!(o->flags & CLI_MULTI) && c->given[idx] &&
		    strcmp(c->given[idx], v)) {
			cli_error(c->flag,
				  "given twice ('%s', then '%s'): one value "
				  "only",
				  c->given[idx], v);
			return CLI_ERROR;
		}
	}
	c->given[idx] = v ? v : c->flag;
	c->spelled[idx] = c->flag;
	*val = v;
	return o->id;
}

const char *cli_given(const struct cli *c, int id)
{
	for (const struct cli_opt *o = c->cmd->opts; o->id; o++)
		if (o->id == id && c->spelled[o - c->cmd->opts])
			return c->spelled[o - c->cmd->opts];
	return NULL;
}

#define HELP_COL 26
#define HELP_WIDTH 79

/* @text from column @col, wrapped at HELP_WIDTH, continued at @indent */
void cli_wrap(FILE *f, const char *text, int col, int indent)
{
	while (*text) {
		int room = HELP_WIDTH - col, n = (int)strlen(text);

		if (n > room) {
			n = room;
			while (n > 0 && text[n] != ' ')
				n--;
			if (n <= 0)
				n = (int)strcspn(text, " ");
		}
		fprintf(f, "%.*s\n", n, text);
		text += n;
		while (*text == ' ')
			text++;
		if (*text)
			fprintf(f, "%*s", indent, "");
		col = indent;
	}
}

void cli_help_line(FILE *f, const char *left, const char *help)
{
	int n = fprintf(f, "  %s", left);

	if (n >= HELP_COL - 1) {
		fprintf(f, "\n%*s", HELP_COL, "");
	} else {
		fprintf(f, "%*s", HELP_COL - n, "");
	}
	cli_wrap(f, help, HELP_COL, HELP_COL);
}

void cli_help(const struct cli_cmd *cmd, FILE *f)
{
	char left[96];

	print_usage_lines(cmd, f);
	fputc('\n', f);
	cli_wrap(f, cmd->about, 0, 0);
	fprintf(f, "\nOptions:\n");
	for (const struct cli_opt *o = cmd->opts; o->id; o++) {
		if (o->flags & CLI_REFUSED)
			continue;
		snprintf(left, sizeof(left), "%s%s%s%s%s",
			 o->alias ? o->alias : "", o->alias ? ", " : "",
			 o->name, o->arg ? " " : "", o->arg ? o->arg : "");
		cli_help_line(f, left, o->help);
	}
	cli_help_line(f, "-h, --help", "this help");
	if (cmd->notes) {
		fputc('\n', f);
		cli_wrap(f, cmd->notes, 0, 0);
	}
	if (cmd->scenario_arg) {
		char text[3 * PATH_MAX], where[2 * PATH_MAX];

		cli_scenario_where(where, sizeof(where));
		snprintf(text, sizeof(text),
			 "SCENARIO is a file, or the name of an installed "
			 "scenario, with or without .scn, %s.",
			 where);
		fputc('\n', f);
		cli_wrap(f, text, 0, 0);
	}
	fprintf(f, "\nExit status: 0 ok, 1 an invariant violated, 2 bad input, "
		   "3 out of memory,\n4 an I/O error, 5 perf record failed in "
		   "the model, 6 check -j: a worker died,\n7 auxsim-check "
		   "missing, 128+N signal N; see auxsim(1).\n");
}

int cli_u64(const char *flag, const char *v, uint64_t lo, uint64_t hi,
	    uint64_t *out)
{
	uint64_t x = 0;

	if (!*v)
		return cli_error(flag, "needs a number");
	for (const char *p = v; *p; p++) {
		unsigned int d = (unsigned char)*p - '0';

		if (d > 9)
			return cli_error(
				flag, "'%s' is not a number (decimal digits)",
				v);
		if (x > (UINT64_MAX - d) / 10)
			return cli_error(
				flag, "'%s' is out of range (%llu..%llu)", v,
				(unsigned long long)lo, (unsigned long long)hi);
		x = x * 10 + d;
	}
	if (x < lo || x > hi)
		return cli_error(flag, "'%s' is out of range (%llu..%llu)", v,
				 (unsigned long long)lo,
				 (unsigned long long)hi);
	*out = x;
	return 0;
}

/* "unknown K 'v' (known: ...); did you mean 'x'?" */
static int unknown_name(const char *flag, const char *what, const char *v,
			const char *known, const char *near)
{
	if (near)
		return cli_error(flag,
				 "unknown %s '%s'; did you mean '%s'? "
				 "(known: %s)",
				 what, v, near, known);
	return cli_error(flag, "unknown %s '%s' (known: %s)", what, v, known);
}

int variant_opt(int id, const char *flag, const char *v, struct sim_config *cfg)
{
	const char *names[64];
	char known[512];
	int n = 0;

	switch (id) {
	case OPT_SEED:
		if (strspn(v, "0123456789") != strlen(v))
			return cli_error(
				flag, "'%s' is not a seed (a decimal number)",
				v);
		if (cli_u64(flag, v, 0, UINT64_MAX, &cfg->seed))
			return AUXSIM_EXIT_USAGE;
		cfg->seed_set = true;
		return 0;
	case OPT_KERNEL:
		if (variant__find_kernel(v)) {
			cfg->kernel = v;
			return 0;
		}
		for (const struct kernel_variant *k = kernel_variants;
		     k->name && n < 64; k++)
			names[n++] = k->name;
		variant__kernel_names(known, sizeof(known));
		return unknown_name(flag, "kernel", v, known,
				    suggest__closest(v, names, n));
	case OPT_PERF:
		if (variant__find_perf(v)) {
			cfg->perf = v;
			return 0;
		}
		for (const struct perf_variant *p = perf_variants;
		     p->name && n < 64; p++)
			names[n++] = p->name;
		variant__perf_names(known, sizeof(known));
		return unknown_name(flag, "perf", v, known,
				    suggest__closest(v, names, n));
	case OPT_PATCH:
		if (!strcmp(v, "none")) {
			if (cfg->nr_patches)
				return cli_error(flag,
						 "'none' with '%s': none "
						 "clears every patch",
						 cfg->patches[0]);
			cfg->patches_set = true;
			return 0;
		}
		if (cfg->patches_set && !cfg->nr_patches)
			return cli_error(flag,
					 "'%s' after 'none': none clears "
					 "every patch",
					 v);
		if (!variant__find_patch(v)) {
			for (const struct patch_variant *p = patch_variants;
			     p->name && n < 64; p++)
				names[n++] = p->name;
			variant__patch_names(known, sizeof(known));
			return unknown_name(flag, "patch", v, known,
					    suggest__closest(v, names, n));
		}
		for (int i = 0; i < cfg->nr_patches; i++)
			if (!strcmp(cfg->patches[i], v))
				return cli_error(flag, "'%s' given twice", v);
		if (cfg->nr_patches == SCN_MAX_PATCHES)
			return cli_error(flag, "too many (%s): at most %d", v,
					 SCN_MAX_PATCHES);
		cfg->patches_set = true;
		cfg->patches[cfg->nr_patches++] = v;
		return 0;
	case OPT_DURATION:
		if (scn__parse_time(v, strlen(v), &cfg->duration_ns) ||
		    !cfg->duration_ns)
			return cli_error(flag,
					 "'%s' is not a duration (e.g. 1s, "
					 "250ms)",
					 v);
		return 0;
	case OPT_LOG:
		cfg->log = true;
		return 0;
	}
	return -1;
}

int stdout_status(void)
{
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "auxsim: write error on standard output: %s\n",
			strerror(errno ? errno : EIO));
		return AUXSIM_EXIT_IO;
	}
	return AUXSIM_EXIT_OK;
}

int cli_start_status(int ret, const char *err)
{
	if (ret == -ENOMEM)
		return AUXSIM_EXIT_NOMEM;
	/* sim__start(): "perf record failed to start: ..." */
	if (!strncmp(err, "perf record failed", 18))
		return AUXSIM_EXIT_PERF;
	return AUXSIM_EXIT_USAGE;
}

int cli_start_error(const char *shown, const struct auxsim_scenario *scn,
		    int ret, const char *err)
{
	size_t n = strlen(scn->path);

	if (n && !strncmp(err, scn->path, n) && err[n] == ':')
		fprintf(stderr, "%s\n", err);
	else
		fprintf(stderr, "auxsim: %s: %s\n", shown, err);
	return cli_start_status(ret, err);
}
