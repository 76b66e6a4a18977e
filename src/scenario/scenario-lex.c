// SPDX-License-Identifier: GPL-2.0
/*
 * scenario-lex.c - the scenario parser's lexer (docs/scenario-format.md):
 * errors at a line and column, the bytes of a line and its words, and the
 * shapes many statements share: single-valued, `KEYWORD A|B`, an unknown
 * name with the closest known one.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "scenario/scenario-priv.h"

/* ------------------------------------------------------------------ */
/* Errors                                                              */
/* ------------------------------------------------------------------ */

int scn__errorf(struct scn_error *err, int ret, int line, int col,
		const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return ret;
	err->line = line;
	err->col = col;
	va_start(ap, fmt);
	scn__vformat_msg(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return ret;
}

void scn__vformat_msg(char *msg, size_t len, const char *fmt, va_list ap)
{
	vsnprintf(msg, len, fmt, ap);
	for (char *p = msg; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
}

/* ------------------------------------------------------------------ */
/* Lines and words                                                     */
/* ------------------------------------------------------------------ */

/*
 * "unknown WHAT 'word'; did you mean 'near'? (known: KNOWN)": the closest
 * name of @closest (suggest.h, as the command line's flags), then the
 * names; @known NULL: no list.
 */
int scn__unknown_name(struct scn_parser *p, int i, const char *what,
		      const char *(*closest)(const char *word),
		      const char *known)
{
	char word[64], tail[320] = "";
	const char *near;

	snprintf(word, sizeof(word), "%.*s",
		 (int)(word_len(p, i) < 63 ? word_len(p, i) : 63),
		 word_at(p, i));
	near = closest(word);
	if (known)
		snprintf(tail, sizeof(tail), " (known: %s)", known);
	else if (!near)
		snprintf(tail, sizeof(tail),
			 " (docs/scenario-format.md lists them)");
	if (near)
		return perr(p, -EINVAL, word_col(p, i),
			    "unknown %s '" WFMT "'; did you mean '%s'?%s", what,
			    WARG(p, i), near, tail);
	return perr(p, -EINVAL, word_col(p, i), "unknown %s '" WFMT "'%s", what,
		    WARG(p, i), tail);
}

int scn__missing(struct scn_parser *p, const char *what)
{
	return perr(p, -EINVAL, end_col(p), "missing %s", what);
}

int scn__no_more_words(struct scn_parser *p, int n)
{
	if (p->nw > n)
		return perr(p, -EINVAL, word_col(p, n), "unexpected '" WFMT "'",
			    WARG(p, n));
	return 0;
}

static int utf8_seq_len(const unsigned char *s, int n)
{
	unsigned char c = s[0];
	int len;
	unsigned char lo = 0x80, hi = 0xbf;

	if (c >= 0xc2 && c <= 0xdf)
		len = 2;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4;
	else
		return 0;
	if (c == 0xe0)
		lo = 0xa0;
	else if (c == 0xed)
		hi = 0x9f;
	else if (c == 0xf0)
		lo = 0x90;
	else if (c == 0xf4)
		hi = 0x8f;
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	for (int i = 2; i < len; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return len;
}

/* Check the bytes of the line and split it into words. */
int scn__split_line(struct scn_parser *p)
{
	const unsigned char *s = (const unsigned char *)p->s;
	int i, n;

	for (i = 0; i < p->len; i++) {
		if (s[i] == 0)
			return perr(p, -EINVAL, i + 1, "NUL byte");
		if (s[i] == '\r')
			return perr(p, -EINVAL, i + 1,
				    "carriage return inside a line");
		if ((s[i] < 0x20 && s[i] != '\t') || s[i] == 0x7f)
			return perr(p, -EINVAL, i + 1,
				    "control character 0x%02x", s[i]);
		if (s[i] >= 0x80) {
			n = utf8_seq_len(s + i, p->len - i);
			if (!n)
				return perr(p, -EINVAL, i + 1,
					    "invalid UTF-8 (byte 0x%02x)",
					    s[i]);
			i += n - 1;
		}
	}

	p->nw = 0;
	i = 0;
	for (;;) {
		int start, quote_at = 0;
		char quote = 0;

		while (i < p->len && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i == p->len || s[i] == '#')
			break;
		start = i;
		while (i < p->len && (quote || (s[i] != ' ' && s[i] != '\t'))) {
			if (s[i] >= 0x80)
				return perr(
					p, -EINVAL, i + 1,
					"non-ASCII character outside a comment");
			if (quote && s[i] == quote) {
				quote = 0;
			} else if (!quote && (s[i] == '\'' || s[i] == '"')) {
				quote = s[i];
				quote_at = i;
			}
			i++;
		}
		if (quote)
			return perr(p, -EINVAL, quote_at + 1,
				    "unterminated quote %c", quote);
		/* At most SCN_LINE_MAX / 2 + 1 words fit in a line. */
		p->w[p->nw].off = start;
		p->w[p->nw].len = i - start;
		p->nw++;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* The shapes of statements                                            */
/* ------------------------------------------------------------------ */

/* the keyword of each statement, for messages */
static const char *const stmt_names[NR_STMTS] = {
	[ST_MACHINE] = "machine",
	[ST_CPU] = "cpu",
	[ST_ETR_SIZE] = "etr-size",
	[ST_USER] = "user",
	[ST_PERF_RECORD] = "perf record",
	[ST_PERF] = "perf",
	[ST_KERNEL] = "kernel",
	[ST_PATCH] = "patch",
	[ST_SEED] = "seed",
	[ST_DURATION] = "duration",
	[ST_COPY_RATE] = "copy-rate",
	[ST_TASK] = "task",
	[ST_PIN] = "pin",
	[ST_SCHED] = "sched",
	[ST_SLICE] = "slice",
	[ST_SIGNAL] = "signal",
	[ST_PMI] = "pmi",
	[ST_OVERFLOWS] = "overflows",
	[ST_TICKS] = "ticks",
	[ST_MAX_SAMPLE_RATE] = "max-sample-rate",
	[ST_AUX_MMAP] = "aux-mmap",
	[ST_AT] = "at",
	[ST_CHECK] = "check",
};

/* Single-valued statements: remember the first, refuse the second. */
int scn__once(struct scn_parser *p, enum stmt st)
{
	if (p->first[st].line)
		return perr(p, -EINVAL, word_col(p, 0),
			    "duplicate '%s' (first at line %d)", stmt_names[st],
			    p->first[st].line);
	p->first[st].line = p->no;
	p->first[st].col = word_col(p, 0);
	return 0;
}

/* `KEYWORD A|B`: which of the two words, into *second */
int scn__choice(struct scn_parser *p, enum stmt st, const char *a,
		const char *b, bool *second)
{
	int ret = scn__once(p, st);

	if (ret)
		return ret;
	if (p->nw < 2)
		return perr(p, -EINVAL, word_col(p, 0) + word_len(p, 0),
			    "missing '%s' or '%s' after '%s'", a, b,
			    stmt_names[st]);
	if (word_is(p, 1, a))
		*second = false;
	else if (word_is(p, 1, b))
		*second = true;
	else
		return perr(p, -EINVAL, word_col(p, 1),
			    "expected '%s' or '%s', got '" WFMT "'", a, b,
			    WARG(p, 1));
	return scn__no_more_words(p, 2);
}
