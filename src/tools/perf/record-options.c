// SPDX-License-Identifier: GPL-2.0
/*
 * record-options.c - the `perf record ...` line of a scenario, parsed with
 * perf's own option spelling and rules:
 *
 *  - tools/perf/builtin-record.c record_options[]: -e/--event,
 *    -S/--snapshot (OPT_STRING_OPTARG), -m/--mmap-pages, -a/--all-cpus,
 *    --per-thread, -o/--output, -q/--quiet, -v/--verbose;
 *  - tools/lib/subcmd/parse-options.c: bundled short switches (-aS), an
 *    optional argument only when attached (-Se, --snapshot=e), a required
 *    one attached or in the next word, PARSE_OPT_STOP_AT_NON_OPTION, "--",
 *    and its "unknown option `x'" / "unknown switch `x'" wording;
 *  - tools/perf/util/auxtrace.c auxtrace_parse_snapshot_options() (a
 *    leading 'e' is snapshot_on_exit) and tools/perf/arch/arm/util/cs-etm.c
 *    cs_etm_parse_snapshot_options() (strtoull() base 0, nothing after);
 *  - builtin-record.c record__parse_mmap_pages() and util/evlist.c
 *    parse_pages_arg(): PAGES[,AUXPAGES], each a page count or a size with
 *    a B/K/M/G suffix (rounded up to pages);
 *  - tools/perf/util/target.c target__validate(): --per-thread with -a.
 *
 * Words are split at blanks; '...' and "..." quote as in the shell, so a
 * command copied from a terminal parses the same way.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "scenario/scenario.h"

#define CMD_MAX 512 /* sizeof(struct scn_record.cmdline) */
#define PERF_PAGE_SIZE 4096 /* the modelled machines' page size */

/* One word of the command line, unquoted, with the column of each byte. */
struct cmd_word {
	char s[CMD_MAX];
	int col[CMD_MAX + 1]; /* col[len]: the column just after the word */
	int len;
	size_t start; /* offset of its first raw byte in the text */
};

struct cmd_ctx {
	const char *text;
	size_t pos;
	int line, col0;
	struct scn_record *rec;
	struct scn_error *err;
	struct cmd_word arg; /* the next word, when an option takes it */
	int all_cpus_col, per_thread_col;
};

enum rec_opt_id {
	OPT_EVENT,
	OPT_SNAPSHOT,
	OPT_MMAP_PAGES,
	OPT_ALL_CPUS,
	OPT_PER_THREAD,
	OPT_OUTPUT,
	OPT_QUIET,
	OPT_VERBOSE,
};

enum rec_opt_arg {
	ARG_NONE,
	ARG_REQUIRED,
	ARG_OPTIONAL, /* attached only: -Sarg, --snapshot=arg */
};

struct rec_opt {
	char short_name;
	const char *long_name;
	enum rec_opt_arg arg;
	enum rec_opt_id id;
};

static const struct rec_opt rec_opts[] = {
	{ 'e', "event", ARG_REQUIRED, OPT_EVENT },
	{ 'S', "snapshot", ARG_OPTIONAL, OPT_SNAPSHOT },
	{ 'm', "mmap-pages", ARG_REQUIRED, OPT_MMAP_PAGES },
	{ 'a', "all-cpus", ARG_NONE, OPT_ALL_CPUS },
	{ 0, "per-thread", ARG_NONE, OPT_PER_THREAD },
	{ 'o', "output", ARG_REQUIRED, OPT_OUTPUT },
	{ 'q', "quiet", ARG_NONE, OPT_QUIET },
	{ 'v', "verbose", ARG_NONE, OPT_VERBOSE },
	{ 0 },
};

#define cmd_err(c, ret, col, ...) \
	scn__errorf((c)->err, ret, (c)->line, col, __VA_ARGS__)

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Returns 1 and fills @w, 0 at the end of the text, or -errno. */
static int cmd__next_word(struct cmd_ctx *c, struct cmd_word *w)
{
	const char *t = c->text;
	size_t i = c->pos, quote_at = 0;
	char quote = 0;

	while (is_blank(t[i]))
		i++;
	if (!t[i]) {
		c->pos = i;
		return 0;
	}
	w->start = i;
	w->len = 0;
	while (t[i] && (quote || !is_blank(t[i]))) {
		if (quote && t[i] == quote) {
			quote = 0;
			i++;
			continue;
		}
		if (!quote && (t[i] == '\'' || t[i] == '"')) {
			quote = t[i];
			quote_at = i;
			i++;
			continue;
		}
		if (w->len >= CMD_MAX - 1) /* the text is shorter: defensive */
			return cmd_err(c, -E2BIG, c->col0 + (int)i,
				       "word too long");
		w->col[w->len] = c->col0 + (int)i;
		w->s[w->len++] = t[i++];
	}
	if (quote)
		return cmd_err(c, -EINVAL, c->col0 + (int)quote_at,
			       "unterminated quote %c", quote);
	w->s[w->len] = '\0';
	w->col[w->len] = c->col0 + (int)i;
	c->pos = i;
	return 1;
}

/*
 * cs_etm_parse_snapshot_options(): strtoull(str, &endptr, 0) and an error if
 * anything follows.  Signs and leading blanks, which strtoull() would skip,
 * are refused; so is an overflow, which strtoull() would clamp.
 */
static int parse_snapshot_size(struct cmd_ctx *c, const char *s,
			       const int *col)
{
	unsigned int base = 10;
	uint64_t v = 0;
	size_t i = 0;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		i = 2;
	} else if (s[0] == '0') {
		base = 8;
	}
	if (base == 16 || !(s[0] >= '0' && s[0] <= '9')) {
		/* strtoull("0x") stops after the 0: the x is junk. */
		bool digit = (s[i] >= '0' && s[i] <= '9') ||
			     (base == 16 && ((s[i] >= 'a' && s[i] <= 'f') ||
					     (s[i] >= 'A' && s[i] <= 'F')));

		if (!digit) {
			i = base == 16 ? 1 : 0;
			goto bad;
		}
	}
	for (; s[i]; i++) {
		char ch = s[i];
		unsigned int d;

		if (ch >= '0' && ch <= '9')
			d = ch - '0';
		else if (ch >= 'a' && ch <= 'f')
			d = ch - 'a' + 10;
		else if (ch >= 'A' && ch <= 'F')
			d = ch - 'A' + 10;
		else
			goto bad;
		if (d >= base)
			goto bad;
		if (v > (UINT64_MAX - d) / base)
			return cmd_err(c, -EINVAL, col[0],
				       "bad snapshot size '%s': does not fit in a u64",
				       s);
		v = v * base + d;
	}
	c->rec->snapshot_size = v;
	return 0;
bad:
	return cmd_err(c, -EINVAL, col[i],
		       "bad snapshot size '%s': cs_etm_parse_snapshot_options() takes a byte count (strtoull base 0, no unit suffix)",
		       s);
}

/* parse_pages_arg() for @n bytes at @s; a zero count is refused. */
static int parse_pages(struct cmd_ctx *c, const char *s, size_t n,
		       const int *col, uint64_t *pages)
{
	uint64_t v = 0, mult = 0;
	size_t digits = n;

	if (n) {
		switch (s[n - 1]) {
		case 'B':
			mult = 1;
			break;
		case 'K':
			mult = 1ull << 10;
			break;
		case 'M':
			mult = 1ull << 20;
			break;
		case 'G':
			mult = 1ull << 30;
			break;
		}
		if (mult)
			digits--;
	}
	if (!digits)
		goto bad;
	for (size_t i = 0; i < digits; i++) {
		if (s[i] < '0' || s[i] > '9')
			return cmd_err(c, -EINVAL, col[i],
				       "Invalid argument for --mmap_pages/-m: '%.*s' is not a page count or a size (B/K/M/G)",
				       (int)n, s);
		if (v > (UINT64_MAX - (s[i] - '0')) / 10)
			goto big;
		v = v * 10 + (s[i] - '0');
	}
	if (mult) {
		if (v > UINT64_MAX / mult)
			goto big;
		v *= mult;
		v = v / PERF_PAGE_SIZE + !!(v % PERF_PAGE_SIZE);
	}
	if (!v)
		goto bad;
	if (v > UINT32_MAX)
		goto big;
	*pages = v;
	return 0;
bad:
	return cmd_err(c, -EINVAL, col[0],
		       "Invalid argument for --mmap_pages/-m: '%.*s' (want pages, or a size with B/K/M/G, not zero)",
		       (int)n, s);
big:
	return cmd_err(c, -EINVAL, col[0],
		       "Invalid argument for --mmap_pages/-m: '%.*s' is more than UINT_MAX pages",
		       (int)n, s);
}

/* record__parse_mmap_pages(): "PAGES", "PAGES,AUXPAGES" or ",AUXPAGES". */
static int parse_mmap_pages(struct cmd_ctx *c, const char *s, const int *col)
{
	const char *comma = strchr(s, ',');
	size_t n = comma ? (size_t)(comma - s) : strlen(s);
	int ret;

	if (n) {
		ret = parse_pages(c, s, n, col, &c->rec->mmap_pages);
		if (ret)
			return ret;
	}
	if (!comma)
		return 0;
	return parse_pages(c, comma + 1, strlen(comma + 1), col + n + 1,
			   &c->rec->aux_pages);
}

static int parse_event_arg(struct cmd_ctx *c, const char *s, const int *col)
{
	struct scn_record *rec = c->rec;
	int first = rec->nr_events;
	int len = (int)strlen(s);
	int ret;

	/*
	 * parse_events() counts columns from 1 in @s; map them back through
	 * @col, which also knows about quotes in the middle of the word.
	 */
	ret = parse_events(rec, s, c->line, 1, c->err);
	if (ret) {
		if (c->err && c->err->col >= 1 && c->err->col <= len + 1)
			c->err->col = col[c->err->col - 1];
		return ret;
	}
	for (int i = first; i < rec->nr_events; i++) {
		struct scn_event *ev = &rec->events[i];
		int idx = ev->col - 1;

		if (idx >= 0 && idx <= len)
			ev->col = col[idx];
		for (int t = 0; t < ev->nr_terms; t++) {
			idx = ev->terms[t].col - 1;
			if (idx >= 0 && idx <= len)
				ev->terms[t].col = col[idx];
		}
	}
	return 0;
}

/* @arg is NULL for an absent optional argument. */
static int apply_opt(struct cmd_ctx *c, const struct rec_opt *o,
		     const char *arg, const int *col, int opt_col)
{
	struct scn_record *rec = c->rec;

	switch (o->id) {
	case OPT_EVENT:
		return parse_event_arg(c, arg, col);
	case OPT_SNAPSHOT:
		/* The last -S wins, as perf parses only the final string. */
		rec->snapshot = true;
		rec->snapshot_on_exit = false;
		rec->snapshot_size = 0;
		if (!arg)
			return 0;
		if (arg[0] == 'e') {
			rec->snapshot_on_exit = true;
			arg++;
			col++;
		}
		if (!arg[0])
			return 0;
		return parse_snapshot_size(c, arg, col);
	case OPT_MMAP_PAGES:
		return parse_mmap_pages(c, arg, col);
	case OPT_ALL_CPUS:
		rec->system_wide = true;
		c->all_cpus_col = opt_col;
		return 0;
	case OPT_PER_THREAD:
		rec->per_thread = true;
		c->per_thread_col = opt_col;
		return 0;
	case OPT_OUTPUT:
	case OPT_QUIET:
	case OPT_VERBOSE:
		return 0; /* accepted, no effect on the model */
	}
	return 0;
}

/* -abc: a bundle of switches, the last one possibly with its argument. */
static int parse_short(struct cmd_ctx *c, struct cmd_word *w)
{
	for (int j = 1; j < w->len; j++) {
		const struct rec_opt *o;
		int ret;

		for (o = rec_opts; o->long_name; o++)
			if (o->short_name && o->short_name == w->s[j])
				break;
		if (!o->long_name)
			return cmd_err(c, -EINVAL, w->col[j],
				       "unknown switch `%c'", w->s[j]);
		switch (o->arg) {
		case ARG_NONE:
			ret = apply_opt(c, o, NULL, NULL, w->col[j]);
			if (ret)
				return ret;
			continue;
		case ARG_OPTIONAL:
			return apply_opt(c, o, j + 1 < w->len ? w->s + j + 1 :
				NULL, w->col + j + 1, w->col[j]);
		case ARG_REQUIRED:
			if (j + 1 < w->len)
				return apply_opt(c, o, w->s + j + 1,
						 w->col + j + 1, w->col[j]);
			ret = cmd__next_word(c, &c->arg);
			if (ret < 0)
				return ret;
			if (!ret)
				return cmd_err(c, -EINVAL, w->col[j],
					       "switch `%c' requires a value",
					       w->s[j]);
			return apply_opt(c, o, c->arg.s, c->arg.col,
					 w->col[j]);
		}
	}
	return 0;
}

/* --name, --name=value, --name value. */
static int parse_long(struct cmd_ctx *c, struct cmd_word *w)
{
	const char *name = w->s + 2, *eq = strchr(name, '=');
	size_t n = eq ? (size_t)(eq - name) : strlen(name);
	const struct rec_opt *o;
	int vi, ret;

	for (o = rec_opts; o->long_name; o++)
		if (strlen(o->long_name) == n && !memcmp(o->long_name, name, n))
			break;
	if (!o->long_name)
		return cmd_err(c, -EINVAL, w->col[0], "unknown option `%s'",
			       name);
	vi = (int)(2 + n + 1); /* index of the value after '=' */
	switch (o->arg) {
	case ARG_NONE:
		if (eq)
			return cmd_err(c, -EINVAL, w->col[vi - 1],
				       "option `%s' takes no value",
				       o->long_name);
		return apply_opt(c, o, NULL, NULL, w->col[0]);
	case ARG_OPTIONAL:
		return apply_opt(c, o, eq ? eq + 1 : NULL,
				 eq ? w->col + vi : NULL, w->col[0]);
	case ARG_REQUIRED:
		if (eq)
			return apply_opt(c, o, eq + 1, w->col + vi, w->col[0]);
		ret = cmd__next_word(c, &c->arg);
		if (ret < 0)
			return ret;
		if (!ret)
			return cmd_err(c, -EINVAL, w->col[0],
				       "option `%s' requires a value",
				       o->long_name);
		return apply_opt(c, o, c->arg.s, c->arg.col, w->col[0]);
	}
	return 0;
}

static int set_workload(struct cmd_ctx *c, struct cmd_word *w)
{
	struct scn_record *rec = c->rec;
	const char *raw = c->text + w->start, *base;
	size_t n = strlen(raw), b, max = sizeof(rec->workload) - 1;

	while (n && is_blank(raw[n - 1]))
		n--;
	if (n > max)
		return cmd_err(c, -E2BIG, c->col0 + (int)(w->start + max),
			       "workload longer than %zu characters",
			       sizeof(rec->workload) - 1);
	memcpy(rec->workload, raw, n);
	rec->workload[n] = '\0';

	/* The comm is kbasename(bprm->filename), cut to TASK_COMM_LEN - 1. */
	base = strrchr(w->s, '/');
	base = base ? base + 1 : w->s;
	b = strlen(base);
	if (!b)
		return cmd_err(c, -EINVAL, w->col[w->len ? w->len - 1 : 0],
			       "workload '%s' has no command name", w->s);
	if (b >= sizeof(rec->workload_comm))
		b = sizeof(rec->workload_comm) - 1;
	memcpy(rec->workload_comm, base, b);
	rec->workload_comm[b] = '\0';
	return 0;
}

int perf_record__parse_cmdline(const char *text, int line, int col0,
			       struct scn_record *rec, struct scn_error *err)
{
	struct cmd_ctx c = {
		.text = text,
		.line = line,
		.col0 = col0,
		.rec = rec,
		.err = err,
	};
	struct cmd_word w;
	size_t len = strlen(text);
	bool opts_done = false;
	int ret;

	memset(rec, 0, sizeof(*rec));
	rec->line = line;
	rec->col = col0;
	if (len >= sizeof(rec->cmdline))
		return cmd_err(&c, -E2BIG,
			       col0 + (int)sizeof(rec->cmdline) - 1,
			       "perf record command line longer than %zu characters",
			       sizeof(rec->cmdline) - 1);
	memcpy(rec->cmdline, text, len + 1);

	ret = cmd__next_word(&c, &w);
	if (ret < 0)
		return ret;
	if (!ret || strcmp(w.s, "perf"))
		return cmd_err(&c, -EINVAL, ret ? w.col[0] : col0,
			       "expected 'perf record'");
	ret = cmd__next_word(&c, &w);
	if (ret < 0)
		return ret;
	if (!ret || strcmp(w.s, "record"))
		return cmd_err(&c, -EINVAL, ret ? w.col[0] : col0 + (int)len,
			       "expected 'record' after 'perf'");

	for (;;) {
		ret = cmd__next_word(&c, &w);
		if (ret <= 0)
			break;
		if (!opts_done && w.len >= 2 && w.s[0] == '-') {
			if (!strcmp(w.s, "--")) {
				opts_done = true;
				continue;
			}
			ret = w.s[1] == '-' ? parse_long(&c, &w) :
					      parse_short(&c, &w);
			if (ret)
				return ret;
			continue;
		}
		/* PARSE_OPT_STOP_AT_NON_OPTION: the rest is the workload. */
		ret = set_workload(&c, &w);
		break;
	}
	if (ret < 0)
		return ret;

	if (rec->per_thread && rec->system_wide)
		return cmd_err(&c, -EINVAL,
			       c.per_thread_col > c.all_cpus_col ?
			       c.per_thread_col : c.all_cpus_col,
			       "--per-thread and -a are mutually exclusive (perf: SYSTEM/CPU switch overriding PER-THREAD)");
	if (!rec->workload[0] && !rec->system_wide)
		return cmd_err(&c, -EINVAL, col0 + (int)len,
			       "no workload: give a command after the options (or after --), or -a");
	return 0;
}

int perf_record__argv(const char *text, void (*fn)(void *arg, const char *word),
		      void *arg)
{
	struct cmd_ctx c = { .text = text };
	struct cmd_word w;
	int ret, n = 0;

	while ((ret = cmd__next_word(&c, &w)) > 0) {
		if (n++)
			fn(arg, w.s);
	}
	return ret < 0 ? ret : n - 1;
}
