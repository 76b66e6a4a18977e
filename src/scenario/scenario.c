// SPDX-License-Identifier: GPL-2.0
/*
 * scenario.c - the scenario file parser (docs/scenario-format.md).
 *
 * The input is a byte buffer, not a C string: every read is bounded by its
 * length, and a NUL byte is an error like any other stray byte.  Lines are
 * at most SCN_LINE_MAX bytes and split into blank-separated words; '#' at
 * the start of a word starts a comment.  Nothing is allocated: the parser
 * state lives on the stack and the result is plain data.
 *
 * Statements are checked as they are read, except what needs the whole
 * file: the machine's CPU count (`cpu`, `task ... cpus`, `pin`, `slice`),
 * the kernel a `patch` must apply to, the tasks a `slice` names, and the
 * required statements.  Those errors still point at the word at fault.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/machine.h"
#include "scenario/scenario.h"
#include "lib/suggest.h"
#include "model/variant.h"

#define SCN_MAX_WORDS (SCN_LINE_MAX / 2 + 1)

#define DEFAULT_SEED 1
#define DEFAULT_COPY_RATE 1000000000ull /* 1GB/s */
#define DEFAULT_SLICE_MIN (4 * 1000000ull) /* 4ms */
#define DEFAULT_SLICE_MAX (40 * 1000000ull) /* 40ms */
#define DEFAULT_GAP_MIN (100 * 1000ull) /* 100us */
#define DEFAULT_GAP_MAX (2 * 1000000ull) /* 2ms */
#define DEFAULT_MIGRATE_PERMILLE 300

/* ------------------------------------------------------------------ */
/* Errors and numbers                                                  */
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

/* [0-9]+ over all @n bytes. */
static int parse_u64(const char *s, size_t n, uint64_t *val)
{
	uint64_t v = 0;

	if (!n)
		return -EINVAL;
	for (size_t i = 0; i < n; i++) {
		unsigned int d = (unsigned char)s[i] - '0';

		if (d > 9)
			return -EINVAL;
		if (v > (UINT64_MAX - d) / 10)
			return -ERANGE;
		v = v * 10 + d;
	}
	*val = v;
	return 0;
}

/*
 * A decimal number at the start of @s: "12", "1.5", "0.250".  Returns the
 * bytes used, or -errno.  The fraction comes back as @frac / 10^@digits
 * with its trailing zeros dropped; more than 9 significant decimals is
 * -EINVAL (finer than a nanosecond of a second, or a byte of a GiB).
 */
static int parse_decimal(const char *s, size_t n, bool allow_frac,
			 uint64_t *ip, uint64_t *frac, int *digits)
{
	size_t i = 0, fstart, fend;
	uint64_t v = 0, f = 0;

	while (i < n && s[i] >= '0' && s[i] <= '9') {
		unsigned int d = s[i] - '0';

		if (v > (UINT64_MAX - d) / 10)
			return -ERANGE;
		v = v * 10 + d;
		i++;
	}
	if (!i)
		return -EINVAL;
	*ip = v;
	*frac = 0;
	*digits = 0;
	if (i == n || s[i] != '.' || !allow_frac)
		return (int)i;
	fstart = ++i;
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i == fstart)
		return -EINVAL;
	fend = i;
	while (fend > fstart && s[fend - 1] == '0')
		fend--;
	if (fend - fstart > 9)
		return -EINVAL;
	for (size_t j = fstart; j < fend; j++)
		f = f * 10 + (s[j] - '0');
	*frac = f;
	*digits = (int)(fend - fstart);
	return (int)i;
}

/* (ip + frac / 10^digits) * mult, exactly. */
static int scale(uint64_t ip, uint64_t frac, int digits, uint64_t mult,
		 uint64_t *out)
{
	uint64_t p10 = 1, part;

	for (int i = 0; i < digits; i++)
		p10 *= 10;
	if (mult && ip > UINT64_MAX / mult)
		return -ERANGE;
	/* frac < 10^9 and mult <= 2^30: no overflow. */
	if ((frac * mult) % p10)
		return -EINVAL;
	part = frac * mult / p10;
	if (ip * mult > UINT64_MAX - part)
		return -ERANGE;
	*out = ip * mult + part;
	return 0;
}

struct unit {
	const char *name;
	uint64_t mult;
};

static const struct unit time_units[] = {
	{ "ns", 1 },
	{ "us", 1000 },
	{ "ms", 1000000 },
	{ "s", 1000000000 },
	{ 0 },
};

static const struct unit size_units[] = {
	{ "", 1 },
	{ "B", 1 },
	{ "K", 1ull << 10 },
	{ "KiB", 1ull << 10 },
	{ "M", 1ull << 20 },
	{ "MiB", 1ull << 20 },
	{ "G", 1ull << 30 },
	{ "GiB", 1ull << 30 },
	{ 0 },
};

static const struct unit rate_units[] = {
	{ "B/s", 1 },
	{ "KB/s", 1000 },
	{ "MB/s", 1000000 },
	{ "GB/s", 1000000000 },
	{ "KiB/s", 1ull << 10 },
	{ "MiB/s", 1ull << 20 },
	{ "GiB/s", 1ull << 30 },
	{ 0 },
};

static int parse_with_unit(const char *s, size_t n, bool allow_frac,
			   const struct unit *units, uint64_t *out)
{
	uint64_t ip, frac;
	int digits, used;

	used = parse_decimal(s, n, allow_frac, &ip, &frac, &digits);
	if (used < 0)
		return used;
	for (const struct unit *u = units; u->name; u++)
		if (strlen(u->name) == n - used &&
		    !memcmp(u->name, s + used, n - used))
			return scale(ip, frac, digits, u->mult, out);
	return -EINVAL;
}

int scn__parse_time(const char *s, size_t n, uint64_t *ns)
{
	if (n == 1 && s[0] == '0') {
		*ns = 0;
		return 0;
	}
	return parse_with_unit(s, n, true, time_units, ns);
}

int scn__parse_size(const char *s, size_t n, uint64_t *bytes)
{
	return parse_with_unit(s, n, false, size_units, bytes);
}

int scn__parse_rate(const char *s, size_t n, uint64_t *bytes_per_sec)
{
	return parse_with_unit(s, n, true, rate_units, bytes_per_sec);
}

/* ------------------------------------------------------------------ */
/* Lines and words                                                     */
/* ------------------------------------------------------------------ */

struct scn_word {
	int off, len; /* in the line */
};

enum stmt {
	ST_MACHINE,
	ST_CPU,
	ST_ETR_SIZE,
	ST_USER,
	ST_PERF_RECORD,
	ST_PERF,
	ST_KERNEL,
	ST_PATCH,
	ST_SEED,
	ST_DURATION,
	ST_COPY_RATE,
	ST_TASK,
	ST_PIN,
	ST_SCHED,
	ST_SLICE,
	ST_SIGNAL,
	ST_PMI,
	ST_OVERFLOWS,
	ST_TICKS,
	ST_MAX_SAMPLE_RATE,
	ST_AUX_MMAP,
	ST_AT,
	ST_CHECK,
	NR_STMTS,
};

static const char *const stmt_names[NR_STMTS] = {
	[ST_MACHINE] = "machine",	[ST_CPU] = "cpu",
	[ST_ETR_SIZE] = "etr-size",	[ST_USER] = "user",
	[ST_PERF_RECORD] = "perf record", [ST_PERF] = "perf",
	[ST_KERNEL] = "kernel",		[ST_PATCH] = "patch",
	[ST_SEED] = "seed",		[ST_DURATION] = "duration",
	[ST_COPY_RATE] = "copy-rate",	[ST_TASK] = "task",
	[ST_PIN] = "pin",		[ST_SCHED] = "sched",
	[ST_SLICE] = "slice",		[ST_SIGNAL] = "signal",
	[ST_PMI] = "pmi",		[ST_OVERFLOWS] = "overflows",
	[ST_TICKS] = "ticks",		[ST_MAX_SAMPLE_RATE] = "max-sample-rate",
	[ST_AUX_MMAP] = "aux-mmap",	[ST_AT] = "at",
	[ST_CHECK] = "check",
};

/* Where a checked-later value came from. */
struct scn_pos {
	int line, col;
};

struct scn_parser {
	struct auxsim_scenario *scn;
	struct scn_error *err;

	/* the current line */
	const char *s;
	int len, no;
	struct scn_word w[SCN_MAX_WORDS];
	int nw;

	int last_line;
	struct scn_pos first[NR_STMTS]; /* of single-valued statements */
	struct scn_pos perf_record_end; /* just after the perf record line */

	/* checked after the last line */
	struct scn_pos cpu_rate_pos[SCN_MAX_CPU_OVERRIDES];
	struct scn_pos patch_pos[SCN_MAX_PATCHES];
	struct scn_pos task_cpu_pos[SCN_MAX_TASKS][AUXSIM_MAX_CPUS];
	struct scn_pos task_start_pos[SCN_MAX_TASKS];
	char slice_comm[SCN_MAX_SLICES][SCN_COMM_LEN];
	struct scn_pos slice_comm_pos[SCN_MAX_SLICES];
	struct scn_pos slice_cpu_pos[SCN_MAX_SLICES];
	int first_slice_col;
	struct scn_pos sched_mode_pos;
};

#define word_at(p, i) ((p)->s + (p)->w[i].off)
#define word_len(p, i) ((size_t)(p)->w[i].len)
#define word_col(p, i) ((p)->w[i].off + 1)
/* the column just after the last word: where a missing word would go */
#define end_col(p) ((p)->w[(p)->nw - 1].off + (p)->w[(p)->nw - 1].len + 1)
/* a word for messages: at most 40 bytes of it */
#define WFMT "%.*s%s"
#define WARG(p, i) \
	(int)((p)->w[i].len > 40 ? 40 : (p)->w[i].len), word_at(p, i), \
	(p)->w[i].len > 40 ? "..." : ""

#define perr(p, ret, col, ...) \
	scn__errorf((p)->err, ret, (p)->no, col, __VA_ARGS__)

static bool word_is(const struct scn_parser *p, int i, const char *kw)
{
	return i < p->nw && strlen(kw) == word_len(p, i) &&
	       !memcmp(word_at(p, i), kw, word_len(p, i));
}

/* Copy word @i into @buf; false if it does not fit. */
static bool word_copy(const struct scn_parser *p, int i, char *buf,
		      size_t size)
{
	size_t n = word_len(p, i);

	if (n >= size)
		return false;
	memcpy(buf, word_at(p, i), n);
	buf[n] = '\0';
	return true;
}

/*
 * "unknown WHAT 'word'; did you mean 'near'? (known: KNOWN)": the closest
 * name of @closest (suggest.h, as the command line's flags), then the
 * names; @known NULL: no list.
 */
static int unknown_name(struct scn_parser *p, int i, const char *what,
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
	return perr(p, -EINVAL, word_col(p, i), "unknown %s '" WFMT "'%s",
		    what, WARG(p, i), tail);
}

static int missing(struct scn_parser *p, const char *what)
{
	return perr(p, -EINVAL, end_col(p), "missing %s", what);
}

static int no_more_words(struct scn_parser *p, int n)
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
static int split_line(struct scn_parser *p)
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
				return perr(p, -EINVAL, i + 1,
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
/* Statements                                                          */
/* ------------------------------------------------------------------ */

/* Single-valued statements: remember the first, refuse the second. */
static int once(struct scn_parser *p, enum stmt st)
{
	if (p->first[st].line)
		return perr(p, -EINVAL, word_col(p, 0),
			    "duplicate '%s' (first at line %d)",
			    stmt_names[st], p->first[st].line);
	p->first[st].line = p->no;
	p->first[st].col = word_col(p, 0);
	return 0;
}

static int word_time(struct scn_parser *p, int i, uint64_t *ns)
{
	int ret = scn__parse_time(word_at(p, i), word_len(p, i), ns);

	if (ret == -ERANGE)
		return perr(p, -EINVAL, word_col(p, i),
			    "time '" WFMT "' does not fit in 64-bit nanoseconds",
			    WARG(p, i));
	if (ret)
		return perr(p, -EINVAL, word_col(p, i),
			    "bad time '" WFMT "' (a number with ns, us, ms or s: 10ms, 1.5s; or 0)",
			    WARG(p, i));
	return 0;
}

static int word_size(struct scn_parser *p, int i, uint64_t *bytes)
{
	int ret = scn__parse_size(word_at(p, i), word_len(p, i), bytes);

	if (ret == -ERANGE)
		return perr(p, -EINVAL, word_col(p, i),
			    "size '" WFMT "' does not fit in 64 bits",
			    WARG(p, i));
	if (ret)
		return perr(p, -EINVAL, word_col(p, i),
			    "bad size '" WFMT "' (an integer with B, K, KiB, M, MiB, G or GiB: 4MiB, 65536)",
			    WARG(p, i));
	return 0;
}

static int word_rate(struct scn_parser *p, int i, uint64_t *rate)
{
	int ret = scn__parse_rate(word_at(p, i), word_len(p, i), rate);

	if (ret == -ERANGE)
		return perr(p, -EINVAL, word_col(p, i),
			    "rate '" WFMT "' does not fit in 64 bits",
			    WARG(p, i));
	if (ret)
		return perr(p, -EINVAL, word_col(p, i),
			    "bad rate '" WFMT "' (a number with B/s, KB/s, MB/s, GB/s, KiB/s, MiB/s or GiB/s: 100MB/s)",
			    WARG(p, i));
	return 0;
}

static int word_u64(struct scn_parser *p, int i, const char *what,
		    uint64_t *v)
{
	int ret = parse_u64(word_at(p, i), word_len(p, i), v);

	if (ret == -ERANGE)
		return perr(p, -EINVAL, word_col(p, i),
			    "%s '" WFMT "' does not fit in 64 bits", what,
			    WARG(p, i));
	if (ret)
		return perr(p, -EINVAL, word_col(p, i),
			    "bad %s '" WFMT "' (a decimal number)", what,
			    WARG(p, i));
	return 0;
}

/* A CPU number: below AUXSIM_MAX_CPUS now, below nr_cpus at the end. */
static int parse_cpu(struct scn_parser *p, const char *s, size_t n, int col,
		     int *cpu)
{
	uint64_t v;

	if (parse_u64(s, n, &v))
		return perr(p, -EINVAL, col,
			    "bad CPU number '%.*s' (a decimal number)",
			    (int)(n > 40 ? 40 : n), s);
	if (v >= AUXSIM_MAX_CPUS)
		return perr(p, -EINVAL, col,
			    "CPU %.*s out of range (auxsim machines have at most %d CPUs)",
			    (int)(n > 40 ? 40 : n), s, AUXSIM_MAX_CPUS);
	*cpu = (int)v;
	return 0;
}

static int word_cpu(struct scn_parser *p, int i, int *cpu)
{
	return parse_cpu(p, word_at(p, i), word_len(p, i), word_col(p, i), cpu);
}

/* "T..T" */
static int word_range(struct scn_parser *p, int i, uint64_t *lo,
		      uint64_t *hi)
{
	const char *s = word_at(p, i);
	size_t n = word_len(p, i), dd;
	int ret;

	for (dd = 0; dd + 1 < n; dd++)
		if (s[dd] == '.' && s[dd + 1] == '.')
			break;
	if (dd + 1 >= n)
		return perr(p, -EINVAL, word_col(p, i),
			    "bad time range '" WFMT "' (want START..END, e.g. 4ms..40ms)",
			    WARG(p, i));
	ret = scn__parse_time(s, dd, lo);
	if (ret)
		return perr(p, -EINVAL, word_col(p, i),
			    "bad time '%.*s' in range '" WFMT "'%s",
			    (int)(dd > 40 ? 40 : dd), s, WARG(p, i),
			    ret == -ERANGE ? ": does not fit in 64 bits" : "");
	ret = scn__parse_time(s + dd + 2, n - dd - 2, hi);
	if (ret)
		return perr(p, -EINVAL, word_col(p, i) + (int)dd + 2,
			    "bad time '%.*s' in range '" WFMT "'%s",
			    (int)(n - dd - 2 > 40 ? 40 : n - dd - 2),
			    s + dd + 2, WARG(p, i),
			    ret == -ERANGE ? ": does not fit in 64 bits" : "");
	return 0;
}

/* "0-5", "1,2", "0-1,4": a CPU mask, and where each CPU was named. */
static int word_cpu_list(struct scn_parser *p, int i, uint32_t *mask,
			 struct scn_pos *pos)
{
	const char *s = word_at(p, i);
	size_t n = word_len(p, i), j = 0;
	int col = word_col(p, i);

	*mask = 0;
	for (;;) {
		size_t a = j, b;
		int lo, hi, ret;

		while (j < n && s[j] != ',' && s[j] != '-')
			j++;
		if (j == a)
			return perr(p, -EINVAL, col + (int)a,
				    "bad CPU list '" WFMT "' (e.g. 0-3 or 1,2 or 0-1,4)",
				    WARG(p, i));
		ret = parse_cpu(p, s + a, j - a, col + (int)a, &lo);
		if (ret)
			return ret;
		hi = lo;
		if (j < n && s[j] == '-') {
			b = ++j;
			while (j < n && s[j] != ',' && s[j] != '-')
				j++;
			if (j == b || (j < n && s[j] == '-'))
				return perr(p, -EINVAL, col + (int)j,
					    "bad CPU list '" WFMT "' (e.g. 0-3 or 1,2 or 0-1,4)",
					    WARG(p, i));
			ret = parse_cpu(p, s + b, j - b, col + (int)b, &hi);
			if (ret)
				return ret;
			if (hi < lo)
				return perr(p, -EINVAL, col + (int)a,
					    "bad CPU range %d-%d (start after end)",
					    lo, hi);
		}
		for (int c = lo; c <= hi; c++) {
			if (!(*mask & (1u << c))) {
				pos[c].line = p->no;
				pos[c].col = col + (int)a;
			}
			*mask |= 1u << c;
		}
		if (j == n)
			return 0;
		j++; /* ',' */
		if (j == n)
			return perr(p, -EINVAL, col + (int)j - 1,
				    "bad CPU list '" WFMT "' (trailing comma)",
				    WARG(p, i));
	}
}

static int find_task(const struct auxsim_scenario *scn, const char *comm)
{
	for (int i = 0; i < scn->nr_tasks; i++)
		if (!strcmp(scn->tasks[i].comm, comm))
			return i;
	return -1;
}

/* A comm: 1 to 15 bytes, no '/' (it is a basename) and no quotes. */
static int word_comm(struct scn_parser *p, int i, char *comm)
{
	const char *s = word_at(p, i);
	size_t n = word_len(p, i);

	for (size_t j = 0; j < n; j++)
		if (s[j] == '/' || s[j] == '\'' || s[j] == '"')
			return perr(p, -EINVAL, word_col(p, i) + (int)j,
				    "bad task name '" WFMT "': no '/' or quotes in a comm",
				    WARG(p, i));
	if (n >= SCN_COMM_LEN)
		return perr(p, -EINVAL, word_col(p, i),
			    "task name '" WFMT "' longer than %d bytes (TASK_COMM_LEN)",
			    WARG(p, i), SCN_COMM_LEN - 1);
	memcpy(comm, s, n);
	comm[n] = '\0';
	return 0;
}

static int st_machine(struct scn_parser *p)
{
	struct auxsim_scenario *scn = p->scn;
	char names[256];
	int ret = once(p, ST_MACHINE);

	if (ret)
		return ret;
	if (p->nw < 2)
		return missing(p, "machine name");
	ret = no_more_words(p, 2);
	if (ret)
		return ret;
	if (!word_copy(p, 1, scn->machine, sizeof(scn->machine)) ||
	    !machine__find(scn->machine)) {
		machine__names(names, sizeof(names));
		return unknown_name(p, 1, "machine", machine__closest, names);
	}
	return 0;
}

static int st_cpu(struct scn_parser *p)
{
	struct auxsim_scenario *scn = p->scn;
	struct scn_cpu_override *o;
	uint64_t v, rate;
	int ret;

	if (p->nw < 2)
		return missing(p, "CPU number: cpu N rate RATE");
	ret = word_u64(p, 1, "CPU number", &v);
	if (ret)
		return ret;
	if (v > INT_MAX)
		return perr(p, -EINVAL, word_col(p, 1),
			    "CPU " WFMT " out of range", WARG(p, 1));
	if (p->nw < 3)
		return missing(p, "'rate RATE' after 'cpu N'");
	if (!word_is(p, 2, "rate"))
		return perr(p, -EINVAL, word_col(p, 2),
			    "expected 'rate' after 'cpu N', got '" WFMT "'",
			    WARG(p, 2));
	if (p->nw < 4)
		return missing(p, "rate after 'cpu N rate'");
	ret = word_rate(p, 3, &rate);
	if (ret)
		return ret;
	if (rate > AUXSIM_MAX_TRACE_RATE)
		return perr(p, -E2BIG, word_col(p, 3),
			    "trace rate above %llu MiB/s (Limits)",
			    AUXSIM_MAX_TRACE_RATE >> 20);
	ret = no_more_words(p, 4);
	if (ret)
		return ret;
	for (int i = 0; i < scn->nr_cpu_rates; i++)
		if (scn->cpu_rates[i].cpu == (int)v)
			return perr(p, -EINVAL, word_col(p, 1),
				    "duplicate 'cpu %d' (first at line %d)",
				    (int)v, p->cpu_rate_pos[i].line);
	if (scn->nr_cpu_rates >= SCN_MAX_CPU_OVERRIDES)
		return perr(p, -E2BIG, word_col(p, 0),
			    "too many 'cpu' lines (max %d)",
			    SCN_MAX_CPU_OVERRIDES);
	o = &scn->cpu_rates[scn->nr_cpu_rates];
	o->cpu = (int)v;
	o->rate = rate;
	p->cpu_rate_pos[scn->nr_cpu_rates].line = p->no;
	p->cpu_rate_pos[scn->nr_cpu_rates].col = word_col(p, 1);
	scn->nr_cpu_rates++;
	return 0;
}

static int st_etr_size(struct scn_parser *p)
{
	int ret = once(p, ST_ETR_SIZE);

	if (ret)
		return ret;
	if (p->nw < 2)
		return missing(p, "size: etr-size SIZE");
	ret = word_size(p, 1, &p->scn->etr_size);
	if (ret)
		return ret;
	if (!p->scn->etr_size)
		return perr(p, -EINVAL, word_col(p, 1),
			    "etr-size must be more than 0");
	if (p->scn->etr_size > AUXSIM_MAX_ETR_BYTES)
		return perr(p, -E2BIG, word_col(p, 1),
			    "etr-size above %llu MiB (Limits)",
			    AUXSIM_MAX_ETR_BYTES >> 20);
	return no_more_words(p, 2);
}

static int st_user(struct scn_parser *p)
{
	int ret = once(p, ST_USER);

	if (ret)
		return ret;
	if (p->nw < 2)
		return missing(p, "'root' or 'nonroot' after 'user'");
	if (word_is(p, 1, "root"))
		p->scn->root = true;
	else if (word_is(p, 1, "nonroot"))
		p->scn->root = false;
	else
		return perr(p, -EINVAL, word_col(p, 1),
			    "expected 'root' or 'nonroot', got '" WFMT "'",
			    WARG(p, 1));
	return no_more_words(p, 2);
}

/* the column of the last perf option word starting with @sh or @lo */
static int option_col(const struct scn_parser *p, const char *sh,
		      const char *lo)
{
	int col = word_col(p, 0);

	for (int i = 2; i < p->nw && !word_is(p, i, "--"); i++)
		if ((word_len(p, i) >= strlen(sh) &&
		     !memcmp(word_at(p, i), sh, strlen(sh))) ||
		    (word_len(p, i) >= strlen(lo) &&
		     !memcmp(word_at(p, i), lo, strlen(lo))))
			col = word_col(p, i);
	return col;
}

static int st_perf_record(struct scn_parser *p)
{
	struct scn_record *rec = &p->scn->rec;
	char buf[SCN_LINE_MAX + 1];
	int start = p->w[0].off, end = end_col(p) - 1;
	int ret = once(p, ST_PERF_RECORD);

	if (ret)
		return ret;
	memcpy(buf, p->s + start, end - start);
	buf[end - start] = '\0';
	ret = perf_record__parse_cmdline(buf, p->no, start + 1, rec, p->err);
	if (ret)
		return ret;
	if (!rec->workload[0])
		return perr(p, -EINVAL, end + 1,
			    "no workload: auxsim traces a command, add '-- COMMAND' (e.g. -- dd if=/dev/zero of=/dev/null)");
	p->perf_record_end.line = p->no;
	p->perf_record_end.col = end + 1;
	/* roundup_pow_of_two(pages) * 4 KiB and the -S size: <= 2 GiB */
	if (rec->aux_pages > (AUXSIM_MAX_AUX_BYTES >> 12))
		return perr(p, -E2BIG, option_col(p, "-m", "--mmap-pages"),
			    "an AUX area of %llu pages: at most %llu (%llu "
			    "MiB a CPU, Limits)",
			    (unsigned long long)rec->aux_pages,
			    AUXSIM_MAX_AUX_BYTES >> 12,
			    AUXSIM_MAX_AUX_BYTES >> 20);
	if (rec->snapshot_size > AUXSIM_MAX_AUX_BYTES)
		return perr(p, -E2BIG, option_col(p, "-S", "--snapshot"),
			    "a snapshot size of %llu bytes: at most %llu MiB "
			    "(Limits)",
			    (unsigned long long)rec->snapshot_size,
			    AUXSIM_MAX_AUX_BYTES >> 20);
	return 0;
}

static int st_perf(struct scn_parser *p)
{
	char names[256];
	int ret;

	if (p->nw < 2)
		return missing(p,
			       "'record ARGS...' or a perf variant after 'perf'");
	if (word_is(p, 1, "record"))
		return st_perf_record(p);
	ret = once(p, ST_PERF);
	if (ret)
		return ret;
	if (!word_copy(p, 1, p->scn->perf, sizeof(p->scn->perf)) ||
	    !variant__find_perf(p->scn->perf)) {
		variant__perf_names(names, sizeof(names));
		strcat(names, "; or 'perf record ...'");
		return unknown_name(p, 1, "perf variant",
				    variant__closest_perf, names);
	}
	return no_more_words(p, 2);
}

static int st_kernel(struct scn_parser *p)
{
	char names[256];
	int ret = once(p, ST_KERNEL);

	if (ret)
		return ret;
	if (p->nw < 2)
		return missing(p, "kernel variant after 'kernel'");
	if (!word_copy(p, 1, p->scn->kernel, sizeof(p->scn->kernel)) ||
	    !variant__find_kernel(p->scn->kernel)) {
		variant__kernel_names(names, sizeof(names));
		return unknown_name(p, 1, "kernel variant",
				    variant__closest_kernel, names);
	}
	return no_more_words(p, 2);
}

static int st_patch(struct scn_parser *p)
{
	struct auxsim_scenario *scn = p->scn;
	char name[SCN_NAME_LEN], names[256];
	int ret;

	if (p->nw < 2)
		return missing(p, "patch name after 'patch'");
	ret = no_more_words(p, 2);
	if (ret)
		return ret;
	if (!word_copy(p, 1, name, sizeof(name)) ||
	    !variant__find_patch(name)) {
		variant__patch_names(names, sizeof(names));
		return unknown_name(p, 1, "patch", variant__closest_patch,
				    names);
	}
	for (int i = 0; i < scn->nr_patches; i++)
		if (!strcmp(scn->patches[i], name))
			return perr(p, -EINVAL, word_col(p, 1),
				    "duplicate patch '%s' (first at line %d)",
				    name, p->patch_pos[i].line);
	if (scn->nr_patches >= SCN_MAX_PATCHES)
		return perr(p, -E2BIG, word_col(p, 0),
			    "too many 'patch' lines (max %d)", SCN_MAX_PATCHES);
	memcpy(scn->patches[scn->nr_patches], name, sizeof(name));
	p->patch_pos[scn->nr_patches].line = p->no;
	p->patch_pos[scn->nr_patches].col = word_col(p, 1);
	scn->nr_patches++;
	return 0;
}

static int st_seed(struct scn_parser *p)
{
	int ret = once(p, ST_SEED);

	if (ret)
		return ret;
	if (p->nw < 2)
		return missing(p, "number after 'seed'");
	ret = word_u64(p, 1, "seed", &p->scn->seed);
	if (ret)
		return ret;
	return no_more_words(p, 2);
}

static int st_duration(struct scn_parser *p)
{
	int ret = once(p, ST_DURATION);

	if (ret)
		return ret;
	if (p->nw < 2)
		return missing(p, "time after 'duration'");
	ret = word_time(p, 1, &p->scn->duration_ns);
	if (ret)
		return ret;
	if (!p->scn->duration_ns)
		return perr(p, -EINVAL, word_col(p, 1),
			    "duration must be more than 0");
	if (p->scn->duration_ns > AUXSIM_MAX_DURATION_NS)
		return perr(p, -E2BIG, word_col(p, 1),
			    "duration '" WFMT "' is longer than the longest "
			    "run, %llus (Limits)",
			    WARG(p, 1),
			    AUXSIM_MAX_DURATION_NS / AUXSIM_NSEC_PER_SEC);
	return no_more_words(p, 2);
}

static int st_copy_rate(struct scn_parser *p)
{
	int ret = once(p, ST_COPY_RATE);

	if (ret)
		return ret;
	if (p->nw < 2)
		return missing(p, "rate after 'copy-rate'");
	ret = word_rate(p, 1, &p->scn->copy_rate);
	if (ret)
		return ret;
	if (!p->scn->copy_rate)
		return perr(p, -EINVAL, word_col(p, 1),
			    "copy-rate must be more than 0");
	return no_more_words(p, 2);
}

/* task COMM cpu-bound|run T sleep T [cpus LIST] [start-cpu N] */
static int st_task(struct scn_parser *p)
{
	struct auxsim_scenario *scn = p->scn;
	int idx = scn->nr_tasks, i, ret;
	struct scn_pos *cpu_pos, *start_pos;
	struct scn_task *t;
	bool have_cpus = false, have_start = false;

	if (p->nw < 2)
		return missing(p, "task name: task COMM cpu-bound | ...");
	if (idx >= SCN_MAX_TASKS)
		return perr(p, -E2BIG, word_col(p, 0),
			    "too many tasks (max %d)", SCN_MAX_TASKS);
	t = &scn->tasks[idx];
	memset(t, 0, sizeof(*t));
	cpu_pos = p->task_cpu_pos[idx];
	start_pos = &p->task_start_pos[idx];
	memset(cpu_pos, 0, sizeof(p->task_cpu_pos[idx]));
	memset(start_pos, 0, sizeof(*start_pos));
	ret = word_comm(p, 1, t->comm);
	if (ret)
		return ret;
	i = find_task(scn, t->comm);
	if (i >= 0)
		return perr(p, -EINVAL, word_col(p, 1),
			    "duplicate task '%s' (first at line %d)", t->comm,
			    scn->tasks[i].line);
	t->start_cpu = -1;
	t->line = p->no;

	if (p->nw < 3)
		return missing(p,
			       "'cpu-bound' or 'run T sleep T' after the name");
	if (word_is(p, 2, "cpu-bound")) {
		t->kind = SCN_TASK_CPU_BOUND;
		i = 3;
	} else if (word_is(p, 2, "run")) {
		t->kind = SCN_TASK_RUN_SLEEP;
		if (p->nw < 4)
			return missing(p, "time after 'run'");
		ret = word_time(p, 3, &t->run_ns);
		if (ret)
			return ret;
		if (!t->run_ns)
			return perr(p, -EINVAL, word_col(p, 3),
				    "run time must be more than 0");
		if (p->nw < 5)
			return missing(p, "'sleep T' after 'run T'");
		if (!word_is(p, 4, "sleep"))
			return perr(p, -EINVAL, word_col(p, 4),
				    "expected 'sleep' after 'run T', got '" WFMT "'",
				    WARG(p, 4));
		if (p->nw < 6)
			return missing(p, "time after 'sleep'");
		ret = word_time(p, 5, &t->sleep_ns);
		if (ret)
			return ret;
		i = 6;
	} else {
		return perr(p, -EINVAL, word_col(p, 2),
			    "expected 'cpu-bound' or 'run', got '" WFMT "'",
			    WARG(p, 2));
	}

	for (; i < p->nw; i += 2) {
		if (word_is(p, i, "cpus")) {
			if (have_cpus)
				return perr(p, -EINVAL, word_col(p, i),
					    "duplicate 'cpus'");
			have_cpus = true;
			if (i + 1 >= p->nw)
				return missing(p, "CPU list after 'cpus'");
			ret = word_cpu_list(p, i + 1, &t->cpus_allowed,
					    cpu_pos);
		} else if (word_is(p, i, "start-cpu")) {
			if (have_start)
				return perr(p, -EINVAL, word_col(p, i),
					    "duplicate 'start-cpu'");
			have_start = true;
			if (i + 1 >= p->nw)
				return missing(p, "CPU after 'start-cpu'");
			ret = word_cpu(p, i + 1, &t->start_cpu);
			start_pos->line = p->no;
			start_pos->col = word_col(p, i + 1);
		} else if (word_is(p, i, "exit")) {
			if (t->exit_ns)
				return perr(p, -EINVAL, word_col(p, i),
					    "duplicate 'exit'");
			if (i + 1 >= p->nw)
				return missing(p, "time after 'exit'");
			ret = word_time(p, i + 1, &t->exit_ns);
			if (!ret && !t->exit_ns)
				return perr(p, -EINVAL, word_col(p, i + 1),
					    "exit time must be more than 0");
			t->exit_col = word_col(p, i);
		} else {
			return perr(p, -EINVAL, word_col(p, i),
				    "unexpected '" WFMT "' (task options: cpus LIST, start-cpu N, exit T)",
				    WARG(p, i));
		}
		if (ret)
			return ret;
	}
	if (t->start_cpu >= 0 && t->cpus_allowed &&
	    !(t->cpus_allowed & (1u << t->start_cpu)))
		return perr(p, -EINVAL, start_pos->col,
			    "start-cpu %d is not in the task's cpus",
			    t->start_cpu);
	scn->nr_tasks++;
	return 0;
}

static int st_pin(struct scn_parser *p)
{
	struct auxsim_scenario *scn = p->scn;
	char comm[SCN_COMM_LEN];
	int idx, cpu, ret;

	if (p->nw < 2)
		return missing(p, "task name: pin COMM N");
	ret = word_comm(p, 1, comm);
	if (ret)
		return ret;
	idx = find_task(scn, comm);
	if (idx < 0)
		return perr(p, -EINVAL, word_col(p, 1),
			    "unknown task '%s' (declare it with a 'task' line before 'pin')",
			    comm);
	if (p->nw < 3)
		return missing(p, "CPU after 'pin COMM'");
	ret = word_cpu(p, 2, &cpu);
	if (ret)
		return ret;
	ret = no_more_words(p, 3);
	if (ret)
		return ret;
	scn->tasks[idx].cpus_allowed = 1u << cpu;
	scn->tasks[idx].start_cpu = cpu;
	memset(p->task_cpu_pos[idx], 0, sizeof(p->task_cpu_pos[idx]));
	p->task_cpu_pos[idx][cpu].line = p->no;
	p->task_cpu_pos[idx][cpu].col = word_col(p, 2);
	p->task_start_pos[idx] = p->task_cpu_pos[idx][cpu];
	return 0;
}

/* "30%", "2.5%": permille. */
static int word_percent(struct scn_parser *p, int i, uint32_t *permille)
{
	const char *s = word_at(p, i);
	size_t n = word_len(p, i);
	uint64_t ip, frac, v;
	int digits, used;

	if (n < 2 || s[n - 1] != '%')
		goto bad;
	used = parse_decimal(s, n - 1, true, &ip, &frac, &digits);
	if (used != (int)n - 1 || digits > 1)
		goto bad;
	if (scale(ip, frac, digits, 10, &v) || v > 1000)
		return perr(p, -EINVAL, word_col(p, i),
			    "migrate '" WFMT "' is more than 100%%", WARG(p, i));
	*permille = (uint32_t)v;
	return 0;
bad:
	return perr(p, -EINVAL, word_col(p, i),
		    "bad percentage '" WFMT "' (e.g. 30%% or 2.5%%)",
		    WARG(p, i));
}

/* sched random [slice T..T] [gap T..T] [migrate P%] | sched script */
static int st_sched(struct scn_parser *p)
{
	struct scn_sched *sc = &p->scn->sched;
	bool have_slice = false, have_gap = false, have_migrate = false;
	int ret = once(p, ST_SCHED);

	if (ret)
		return ret;
	if (p->nw < 2)
		return missing(p, "'random' or 'script' after 'sched'");
	p->sched_mode_pos.line = p->no;
	p->sched_mode_pos.col = word_col(p, 1);
	if (word_is(p, 1, "script")) {
		sc->mode = SCN_SCHED_SCRIPT;
		return no_more_words(p, 2);
	}
	if (!word_is(p, 1, "random"))
		return perr(p, -EINVAL, word_col(p, 1),
			    "expected 'random' or 'script', got '" WFMT "'",
			    WARG(p, 1));
	sc->mode = SCN_SCHED_RANDOM;
	for (int i = 2; i < p->nw; i += 2) {
		bool *seen;

		if (word_is(p, i, "slice"))
			seen = &have_slice;
		else if (word_is(p, i, "gap"))
			seen = &have_gap;
		else if (word_is(p, i, "migrate"))
			seen = &have_migrate;
		else
			return perr(p, -EINVAL, word_col(p, i),
				    "unexpected '" WFMT "' (sched random options: slice T..T, gap T..T, migrate P%%)",
				    WARG(p, i));
		if (*seen)
			return perr(p, -EINVAL, word_col(p, i),
				    "duplicate '" WFMT "'", WARG(p, i));
		*seen = true;
		if (i + 1 >= p->nw)
			return perr(p, -EINVAL, end_col(p),
				    "missing value after '" WFMT "'",
				    WARG(p, i));
		if (seen == &have_migrate) {
			ret = word_percent(p, i + 1, &sc->migrate_permille);
			if (ret)
				return ret;
			continue;
		}
		if (seen == &have_slice)
			ret = word_range(p, i + 1, &sc->slice_min_ns,
					 &sc->slice_max_ns);
		else
			ret = word_range(p, i + 1, &sc->gap_min_ns,
					 &sc->gap_max_ns);
		if (ret)
			return ret;
		if (seen == &have_slice && !sc->slice_min_ns)
			return perr(p, -EINVAL, word_col(p, i + 1),
				    "a slice must be longer than 0");
		if (seen == &have_slice ? sc->slice_min_ns > sc->slice_max_ns :
					  sc->gap_min_ns > sc->gap_max_ns)
			return perr(p, -EINVAL, word_col(p, i + 1),
				    "range '" WFMT "': minimum above maximum",
				    WARG(p, i + 1));
	}
	return 0;
}

/* slice LABEL COMM cpuN T..T */
static int st_slice(struct scn_parser *p)
{
	struct auxsim_scenario *scn = p->scn;
	int idx = scn->nr_slices, ret;
	struct scn_slice *sl;
	const char *s;
	size_t n;

	if (idx >= SCN_MAX_SLICES)
		return perr(p, -E2BIG, word_col(p, 0),
			    "too many 'slice' lines (max %d)", SCN_MAX_SLICES);
	sl = &scn->slices[idx];
	memset(sl, 0, sizeof(*sl));
	sl->line = p->no;
	if (!idx)
		p->first_slice_col = word_col(p, 0);
	if (p->nw < 2)
		return missing(p, "label: slice LABEL COMM cpuN START..END");
	s = word_at(p, 1);
	n = word_len(p, 1);
	for (size_t j = 0; j < n; j++) {
		char c = s[j];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '_' || c == '-' ||
		      c == '.' || c == ':'))
			return perr(p, -EINVAL, word_col(p, 1) + (int)j,
				    "bad slice label '" WFMT "' (letters, digits, _ - . :)",
				    WARG(p, 1));
	}
	if (!word_copy(p, 1, sl->label, sizeof(sl->label)))
		return perr(p, -EINVAL, word_col(p, 1),
			    "slice label '" WFMT "' longer than %zu bytes",
			    WARG(p, 1), sizeof(sl->label) - 1);
	if (p->nw < 3)
		return missing(p, "task name after the slice label");
	ret = word_comm(p, 2, p->slice_comm[idx]);
	if (ret)
		return ret;
	p->slice_comm_pos[idx].line = p->no;
	p->slice_comm_pos[idx].col = word_col(p, 2);
	if (p->nw < 4)
		return missing(p, "cpuN after the task name");
	s = word_at(p, 3);
	n = word_len(p, 3);
	if (n < 4 || memcmp(s, "cpu", 3))
		return perr(p, -EINVAL, word_col(p, 3),
			    "expected cpuN (e.g. cpu1), got '" WFMT "'",
			    WARG(p, 3));
	ret = parse_cpu(p, s + 3, n - 3, word_col(p, 3) + 3, &sl->cpu);
	if (ret)
		return ret;
	p->slice_cpu_pos[idx].line = p->no;
	p->slice_cpu_pos[idx].col = word_col(p, 3);
	if (p->nw < 5)
		return missing(p, "START..END after cpuN");
	ret = word_range(p, 4, &sl->start_ns, &sl->end_ns);
	if (ret)
		return ret;
	if (sl->start_ns >= sl->end_ns)
		return perr(p, -EINVAL, word_col(p, 4),
			    "empty slice '" WFMT "': start must be before end",
			    WARG(p, 4));
	sl->col = word_col(p, 4);
	ret = no_more_words(p, 5);
	if (ret)
		return ret;
	scn->nr_slices++;
	return 0;
}

/* signal USR2 at T | signal USR2 every T [from T] [until T] */
static int st_signal(struct scn_parser *p)
{
	struct auxsim_scenario *scn = p->scn;
	bool have_from = false, have_until = false;
	int until_col = 0, ret;
	struct scn_signal *sg;

	if (p->nw < 2)
		return missing(p, "signal name: signal USR2 at T");
	if (!word_is(p, 1, "USR2") && !word_is(p, 1, "SIGUSR2"))
		return perr(p, -EINVAL, word_col(p, 1),
			    "unsupported signal '" WFMT "' (auxsim models USR2, perf's snapshot trigger)",
			    WARG(p, 1));
	if (scn->nr_signals >= SCN_MAX_SIGNALS)
		return perr(p, -E2BIG, word_col(p, 0),
			    "too many 'signal' lines (max %d)", SCN_MAX_SIGNALS);
	sg = &scn->signals[scn->nr_signals];
	memset(sg, 0, sizeof(*sg));
	sg->signo = SCN_SIGUSR2;
	sg->line = p->no;
	sg->until_ns = UINT64_MAX;
	if (p->nw < 3)
		return missing(p, "'at T' or 'every T' after the signal");
	if (!word_is(p, 2, "at") && !word_is(p, 2, "every"))
		return perr(p, -EINVAL, word_col(p, 2),
			    "expected 'at' or 'every', got '" WFMT "'",
			    WARG(p, 2));
	if (p->nw < 4)
		return missing(p, "time after 'at' or 'every'");
	sg->col = word_col(p, 3);
	if (word_is(p, 2, "at")) {
		ret = word_time(p, 3, &sg->at_ns);
		if (ret)
			return ret;
		ret = no_more_words(p, 4);
		if (ret)
			return ret;
		scn->nr_signals++;
		return 0;
	}
	ret = word_time(p, 3, &sg->every_ns);
	sg->every_col = word_col(p, 3);
	if (ret)
		return ret;
	if (!sg->every_ns)
		return perr(p, -EINVAL, word_col(p, 3),
			    "period must be more than 0");
	sg->at_ns = sg->every_ns;
	for (int i = 4; i < p->nw; i += 2) {
		if (word_is(p, i, "from") && !have_from) {
			have_from = true;
			if (i + 1 >= p->nw)
				return missing(p, "time after 'from'");
			ret = word_time(p, i + 1, &sg->at_ns);
			sg->col = word_col(p, i + 1);
		} else if (word_is(p, i, "until") && !have_until) {
			have_until = true;
			if (i + 1 >= p->nw)
				return missing(p, "time after 'until'");
			ret = word_time(p, i + 1, &sg->until_ns);
			until_col = word_col(p, i + 1);
		} else if (word_is(p, i, "from") || word_is(p, i, "until")) {
			return perr(p, -EINVAL, word_col(p, i),
				    "duplicate '" WFMT "'", WARG(p, i));
		} else {
			return perr(p, -EINVAL, word_col(p, i),
				    "unexpected '" WFMT "' (options: from T, until T)",
				    WARG(p, i));
		}
		if (ret)
			return ret;
	}
	if (sg->until_ns < sg->at_ns)
		return perr(p, -EINVAL, until_col,
			    "'until' is before the first signal");
	scn->nr_signals++;
	return 0;
}

/* `KEYWORD A|B`: which of the two words, into *second */
static int st_choice(struct scn_parser *p, enum stmt st, const char *a,
		     const char *b, bool *second)
{
	int ret = once(p, st);

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
	return no_more_words(p, 2);
}

/* pmi irq|nmi */
static int st_pmi(struct scn_parser *p)
{
	p->scn->pmi_set = true;
	return st_choice(p, ST_PMI, "irq", "nmi", &p->scn->pmi_nmi);
}

/* overflows free|script */
static int st_overflows(struct scn_parser *p)
{
	return st_choice(p, ST_OVERFLOWS, "free", "script",
			 &p->scn->overflows_script);
}

/* ticks periodic|script */
static int st_ticks(struct scn_parser *p)
{
	return st_choice(p, ST_TICKS, "periodic", "script",
			 &p->scn->ticks_script);
}

/* aux-mmap on|off */
static int st_aux_mmap(struct scn_parser *p)
{
	bool on = true;
	int ret = st_choice(p, ST_AUX_MMAP, "off", "on", &on);

	if (!ret)
		p->scn->no_aux_mmap = !on;
	return ret;
}

/* max-sample-rate N (the perf_event_max_sample_rate sysctl) */
static int st_max_sample_rate(struct scn_parser *p)
{
	uint64_t v;
	int ret = once(p, ST_MAX_SAMPLE_RATE);

	if (ret)
		return ret;
	if (p->nw < 2)
		return missing(p, "a rate after 'max-sample-rate'");
	ret = word_u64(p, 1, "sample rate", &v);
	if (ret)
		return ret;
	if (!v || v > 10000000)
		return perr(p, -EINVAL, word_col(p, 1),
			    "max-sample-rate must be 1..10000000");
	p->scn->max_sample_rate = (uint32_t)v;
	return no_more_words(p, 2);
}

/* "e2" -> 2 */
static int word_event(struct scn_parser *p, int i, int *ev)
{
	const char *s = word_at(p, i);
	int n = word_len(p, i), v = 0;

	if (n < 2 || n > 3 || s[0] != 'e')
		return perr(p, -EINVAL, word_col(p, i),
			    "expected an event eK (K-th -e event, from 0), got '"
			    WFMT "'", WARG(p, i));
	for (int k = 1; k < n; k++) {
		if (s[k] < '0' || s[k] > '9')
			return perr(p, -EINVAL, word_col(p, i),
				    "expected an event eK, got '" WFMT "'",
				    WARG(p, i));
		v = v * 10 + (s[k] - '0');
	}
	*ev = v;
	return 0;
}

/* "cpu3" -> 3 */
static int word_cpu_name(struct scn_parser *p, int i, int *cpu)
{
	if (word_len(p, i) < 4 || memcmp(word_at(p, i), "cpu", 3))
		return perr(p, -EINVAL, word_col(p, i),
			    "expected a CPU like cpu0, got '" WFMT "'",
			    WARG(p, i));
	return parse_cpu(p, word_at(p, i) + 3, word_len(p, i) - 3,
			 word_col(p, i) + 3, cpu);
}

/*
 * at T tick cpuN
 * at T overflow cpuN eK [xCOUNT]
 * at T nmi cpuN eK in perf_event_aux_pause|perf_event_throttle_group|
 *                     perf_event_unthrottle_group
 * at T ioctl enable|disable eK
 */
static int st_at(struct scn_parser *p)
{
	struct auxsim_scenario *scn = p->scn;
	struct scn_action *a;
	int ret, n;

	if (p->nw < 3)
		return missing(p, "time and action: at T tick cpu0");
	if (scn->nr_actions >= SCN_MAX_ACTIONS)
		return perr(p, -E2BIG, word_col(p, 0),
			    "too many 'at' lines (max %d)", SCN_MAX_ACTIONS);
	a = &scn->actions[scn->nr_actions];
	memset(a, 0, sizeof(*a));
	a->cpu = -1;
	a->event = -1;
	a->count = 1;
	a->line = p->no;
	a->time_col = word_col(p, 1);
	ret = word_time(p, 1, &a->at_ns);
	if (ret)
		return ret;
	if (scn->nr_actions && a->at_ns < scn->actions[scn->nr_actions - 1].at_ns)
		return perr(p, -EINVAL, word_col(p, 1),
			    "'at' lines must be in time order");
	if (word_is(p, 2, "tick")) {
		a->kind = SCN_ACT_TICK;
		if (p->nw < 4)
			return missing(p, "a CPU after 'tick'");
		ret = word_cpu_name(p, 3, &a->cpu);
		a->cpu_col = word_col(p, 3);
		n = 4;
	} else if (word_is(p, 2, "overflow") || word_is(p, 2, "nmi")) {
		bool nmi = word_is(p, 2, "nmi");

		a->kind = nmi ? SCN_ACT_NMI : SCN_ACT_OVERFLOW;
		if (p->nw < 5)
			return missing(p, "a CPU and an event: overflow cpu0 e1");
		ret = word_cpu_name(p, 3, &a->cpu);
		a->cpu_col = word_col(p, 3);
		if (!ret)
			ret = word_event(p, 4, &a->event);
		a->col = word_col(p, 4);
		n = 5;
		if (!ret && !nmi && p->nw > 5 && word_at(p, 5)[0] == 'x') {
			const char *w = word_at(p, 5);
			int wl = word_len(p, 5);
			uint64_t c = 0, word_count;

			for (int k = 1; k < wl && c <= 1000000; k++) {
				if (w[k] < '0' || w[k] > '9') {
					c = 0;
					break;
				}
				c = c * 10 + (uint64_t)(w[k] - '0');
			}
			if (wl < 2 || !c || c > 1000000)
				return perr(p, -EINVAL, word_col(p, 5),
					    "expected a count x1..x1000000, got '"
					    WFMT "'", WARG(p, 5));
			word_count = c;
			for (int k = 0; k < scn->nr_actions; k++)
				if (scn->actions[k].kind == SCN_ACT_OVERFLOW)
					c += (uint64_t)scn->actions[k].count;
			if (c > AUXSIM_MAX_SCRIPTED_OVERFLOWS)
				return perr(p, -E2BIG, word_col(p, 5),
					    "the 'at' lines ask for %llu "
					    "overflows in all; at most %d "
					    "(Limits)",
					    (unsigned long long)c,
					    AUXSIM_MAX_SCRIPTED_OVERFLOWS);
			a->count = (int)word_count;
			n = 6;
		}
		if (!ret && nmi) {
			if (p->nw > 5 && !word_is(p, 5, "in"))
				return perr(p, -EINVAL, word_col(p, 5),
					    "expected 'in FUNCTION', got '" WFMT
					    "'", WARG(p, 5));
			if (p->nw < 7)
				return missing(p, "'in FUNCTION' after the event");
			if (word_is(p, 6, "perf_event_aux_pause"))
				a->point = SCN_IP_AUX_PAUSE;
			else if (word_is(p, 6, "perf_event_throttle_group"))
				a->point = SCN_IP_THROTTLE_GROUP;
			else if (word_is(p, 6, "perf_event_unthrottle_group"))
				a->point = SCN_IP_UNTHROTTLE_GROUP;
			else
				return perr(p, -EINVAL, word_col(p, 6),
					    "no interrupt point in '" WFMT
					    "' (perf_event_aux_pause, "
					    "perf_event_throttle_group, "
					    "perf_event_unthrottle_group)",
					    WARG(p, 6));
			n = 7;
		}
	} else if (word_is(p, 2, "ioctl")) {
		if (p->nw < 5)
			return missing(p, "enable|disable and an event after "
					  "'ioctl'");
		if (word_is(p, 3, "enable"))
			a->kind = SCN_ACT_IOCTL_ENABLE;
		else if (word_is(p, 3, "disable"))
			a->kind = SCN_ACT_IOCTL_DISABLE;
		else
			return perr(p, -EINVAL, word_col(p, 3),
				    "expected 'enable' or 'disable', got '"
				    WFMT "'", WARG(p, 3));
		ret = word_event(p, 4, &a->event);
		a->col = word_col(p, 4);
		n = 5;
	} else {
		return perr(p, -EINVAL, word_col(p, 2),
			    "unknown action '" WFMT "' (tick, overflow, nmi, "
			    "ioctl)", WARG(p, 2));
	}
	if (ret)
		return ret;
	ret = no_more_words(p, n);
	if (ret)
		return ret;
	scn->nr_actions++;
	return 0;
}

/* check depth D [tick N] [overflow N] [switch N] [ioctl N] [snapshot N]
 *       [munmap N] [nmi N] [trace N] */
static int st_check(struct scn_parser *p)
{
	struct scn_check *c = &p->scn->check;
	static const char *const keys[] = { "depth",  "tick",	  "overflow",
					     "switch", "ioctl",	  "snapshot",
					     "munmap", "nmi",	  "trace" };
	uint8_t *slots[] = { NULL,	    &c->tick,	  &c->overflow,
			     &c->sched,	    &c->ioctl,	  &c->snapshot,
			     &c->munmap,    &c->nmi,	  &c->trace };
	bool seen[9] = { false };
	int ret = once(p, ST_CHECK);

	if (ret)
		return ret;
	c->set = true;
	c->line = p->no;
	if (p->nw < 3)
		return missing(p, "bounds: check depth D tick N overflow N ...");
	for (int i = 1; i < p->nw; i += 2) {
		uint64_t v;
		int k;

		for (k = 0; k < 9; k++)
			if (word_is(p, i, keys[k]))
				break;
		if (k == 9)
			return perr(p, -EINVAL, word_col(p, i),
				    "unknown bound '" WFMT "' (depth, tick, "
				    "overflow, switch, ioctl, snapshot, munmap, "
				    "nmi, trace)", WARG(p, i));
		if (seen[k])
			return perr(p, -EINVAL, word_col(p, i),
				    "duplicate bound '" WFMT "'", WARG(p, i));
		seen[k] = true;
		if (i + 1 >= p->nw)
			return missing(p, "a number after the bound");
		ret = word_u64(p, i + 1, "bound", &v);
		if (ret)
			return ret;
		if (v > (k ? 64u : 200u))
			return perr(p, -EINVAL, word_col(p, i + 1),
				    "bound too large (at most %u)",
				    k ? 64u : 200u);
		if (k)
			*slots[k] = (uint8_t)v;
		else
			c->depth = (uint16_t)v;
	}
	if (!seen[0])
		return perr(p, -EINVAL, word_col(p, 0),
			    "'check' needs a 'depth' bound");
	return 0;
}

static const struct {
	const char *kw;
	int (*fn)(struct scn_parser *p);
} statements[] = {
	{ "machine", st_machine },	{ "cpu", st_cpu },
	{ "etr-size", st_etr_size },	{ "user", st_user },
	{ "perf", st_perf },		{ "kernel", st_kernel },
	{ "patch", st_patch },		{ "seed", st_seed },
	{ "duration", st_duration },	{ "copy-rate", st_copy_rate },
	{ "task", st_task },		{ "pin", st_pin },
	{ "sched", st_sched },		{ "slice", st_slice },
	{ "signal", st_signal },		{ "pmi", st_pmi },
	{ "overflows", st_overflows },	{ "ticks", st_ticks },
	{ "max-sample-rate", st_max_sample_rate },
	{ "aux-mmap", st_aux_mmap },	{ "at", st_at },
	{ "check", st_check },
};

/* the statement keyword closest to @word (suggest.h), or NULL */
static const char *closest_statement(const char *word)
{
	enum { N = sizeof(statements) / sizeof(statements[0]) };
	const char *kw[N];

	for (int i = 0; i < N; i++)
		kw[i] = statements[i].kw;
	return suggest__closest(word, kw, N);
}

static int parse_line(struct scn_parser *p)
{
	int ret = split_line(p);

	if (ret || !p->nw)
		return ret;
	for (size_t i = 0; i < sizeof(statements) / sizeof(statements[0]);
	     i++)
		if (word_is(p, 0, statements[i].kw))
			return statements[i].fn(p);
	return unknown_name(p, 0, "statement", closest_statement, NULL);
}

/* ------------------------------------------------------------------ */
/* After the last line                                                 */
/* ------------------------------------------------------------------ */

#define fin_err(p, ret, pos, ...) \
	scn__errorf((p)->err, ret, (pos).line, (pos).col, __VA_ARGS__)

static int check_cpu(struct scn_parser *p, const struct machine *mc, int cpu,
		     struct scn_pos pos)
{
	if (cpu < mc->nr_cpus)
		return 0;
	return fin_err(p, -EINVAL, pos,
		       "CPU %d is not on machine '%s' (CPUs 0-%d)", cpu,
		       mc->name, mc->nr_cpus - 1);
}

static int finish_tasks(struct scn_parser *p, const struct machine *mc)
{
	struct auxsim_scenario *scn = p->scn;
	const char *comm = scn->rec.workload_comm;
	int ret;

	scn->traced_task = find_task(scn, comm);
	if (scn->traced_task < 0) {
		struct scn_task *t;

		if (scn->nr_tasks >= SCN_MAX_TASKS)
			return fin_err(p, -E2BIG, p->perf_record_end,
				       "too many tasks with the workload '%s' (max %d)",
				       comm, SCN_MAX_TASKS);
		t = &scn->tasks[scn->nr_tasks];
		memset(t, 0, sizeof(*t));
		memcpy(t->comm, comm, sizeof(t->comm));
		t->kind = SCN_TASK_CPU_BOUND;
		t->start_cpu = -1;
		t->line = scn->rec.line;
		memset(p->task_cpu_pos[scn->nr_tasks], 0,
		       sizeof(p->task_cpu_pos[0]));
		memset(&p->task_start_pos[scn->nr_tasks], 0,
		       sizeof(p->task_start_pos[0]));
		scn->traced_task = scn->nr_tasks++;
	}
	/* perf record's session ends when its workload exits; the model has
	 * no end for the other tasks */
	for (int i = 0; i < scn->nr_tasks; i++)
		if (scn->tasks[i].exit_ns && i != scn->traced_task)
			return scn__errorf(p->err, -EINVAL,
					   scn->tasks[i].line,
					   scn->tasks[i].exit_col,
					   "only perf record's workload ('%s') "
					   "can exit: its exit ends the run; "
					   "'%s' runs to the end",
					   comm, scn->tasks[i].comm);
	for (int i = 0; i < scn->nr_tasks; i++) {
		const struct scn_task *t = &scn->tasks[i];

		for (int c = 0; c < AUXSIM_MAX_CPUS; c++) {
			if (!(t->cpus_allowed & (1u << c)))
				continue;
			ret = check_cpu(p, mc, c, p->task_cpu_pos[i][c]);
			if (ret)
				return ret;
		}
		if (t->start_cpu >= 0) {
			ret = check_cpu(p, mc, t->start_cpu,
					p->task_start_pos[i]);
			if (ret)
				return ret;
		}
	}
	return 0;
}

static int finish_slices(struct scn_parser *p, const struct machine *mc)
{
	struct auxsim_scenario *scn = p->scn;
	int ret;

	if (scn->nr_slices && scn->sched.mode != SCN_SCHED_SCRIPT) {
		struct scn_pos pos = { scn->slices[0].line,
				       p->first_slice_col };

		return fin_err(p, -EINVAL, pos,
			       "'slice' needs 'sched script'");
	}
	if (scn->sched.mode == SCN_SCHED_SCRIPT && !scn->nr_slices)
		return fin_err(p, -EINVAL, p->sched_mode_pos,
			       "'sched script' without any 'slice' line");

	for (int i = 0; i < scn->nr_slices; i++) {
		struct scn_slice *sl = &scn->slices[i];
		const struct scn_task *t;

		sl->task = find_task(scn, p->slice_comm[i]);
		if (sl->task < 0)
			return fin_err(p, -EINVAL, p->slice_comm_pos[i],
				       "unknown task '%s' in slice %s (declare it with 'task' or run it with 'perf record')",
				       p->slice_comm[i], sl->label);
		t = &scn->tasks[sl->task];
		ret = check_cpu(p, mc, sl->cpu, p->slice_cpu_pos[i]);
		if (ret)
			return ret;
		if (t->cpus_allowed && !(t->cpus_allowed & (1u << sl->cpu)))
			return fin_err(p, -EINVAL, p->slice_cpu_pos[i],
				       "slice %s: cpu%d is not in the cpus of task '%s' (line %d)",
				       sl->label, sl->cpu, t->comm, t->line);
	}
	return 0;
}

static int finish(struct scn_parser *p)
{
	struct auxsim_scenario *scn = p->scn;
	struct scn_pos end = { p->last_line + 1, 1 };
	const struct kernel_variant *k;
	const struct perf_variant *perf;
	const struct machine *mc;
	int ret;

	if (!p->first[ST_MACHINE].line)
		return fin_err(p, -EINVAL, end, "missing required 'machine'");
	if (!p->first[ST_PERF_RECORD].line)
		return fin_err(p, -EINVAL, end,
			       "missing required 'perf record'");
	if (!p->first[ST_DURATION].line)
		return fin_err(p, -EINVAL, end, "missing required 'duration'");

	mc = machine__find(scn->machine);
	if (!mc) /* checked on its line */
		return fin_err(p, -EINVAL, p->first[ST_MACHINE],
			       "unknown machine");
	for (int i = 0; i < scn->nr_cpu_rates; i++) {
		ret = check_cpu(p, mc, scn->cpu_rates[i].cpu,
				p->cpu_rate_pos[i]);
		if (ret)
			return ret;
	}
	ret = finish_tasks(p, mc);
	if (ret)
		return ret;
	ret = finish_slices(p, mc);
	if (!ret)
		ret = scenario__order_slices(scn, p->err);
	if (ret)
		return ret;

	for (int i = 0; i < scn->nr_actions; i++) {
		const struct scn_action *a = &scn->actions[i];
		struct scn_pos pos = { a->line, a->col };
		struct scn_pos cpos = { a->line, a->cpu_col };

		if (a->cpu >= 0 && a->cpu >= mc->nr_cpus)
			return fin_err(p, -EINVAL, cpos,
				       "CPU %d is not on machine '%s'", a->cpu,
				       mc->name);
		if (a->event >= scn->rec.nr_events)
			return fin_err(p, -EINVAL, pos,
				       "no event e%d: the perf record line has "
				       "%d (e0..e%d)",
				       a->event, scn->rec.nr_events,
				       scn->rec.nr_events - 1);
	}

	ret = scenario__check_duration(scn, scn->duration_ns, NULL, NULL,
				       p->err);
	if (ret)
		return ret;

	/* the events on this machine, with this perf (perf/record-check.c) */
	perf = variant__find_perf(scn->perf[0] ? scn->perf : PERF_DEFAULT);
	if (perf) {
		ret = perf_record__check(&scn->rec, mc, perf,
					 scn->perf[0] ? NULL : "the default",
					 p->err);
		if (ret)
			return ret;
	}

	k = variant__find_kernel(scn->kernel[0] ? scn->kernel : KERNEL_DEFAULT);
	for (int i = 0; k && i < scn->nr_patches; i++) {
		const struct patch_variant *pv =
			variant__find_patch(scn->patches[i]);

		if (pv && !variant__patch_applies(pv, k))
			return fin_err(p, -EINVAL, p->patch_pos[i],
				       "patch '%s' does not apply to kernel %s%s",
				       pv->name, k->name,
				       scn->kernel[0] ? "" : " (the default)");
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Entry points                                                        */
/* ------------------------------------------------------------------ */

static void set_name(struct auxsim_scenario *scn)
{
	const char *base = strrchr(scn->path, '/');
	size_t n;

	base = base ? base + 1 : scn->path;
	n = strlen(base);
	if (n > 4 && !strcmp(base + n - 4, ".scn"))
		n -= 4;
	if (n >= sizeof(scn->name))
		n = sizeof(scn->name) - 1;
	memcpy(scn->name, base, n);
	scn->name[n] = '\0';
}

static void set_defaults(struct auxsim_scenario *scn)
{
	memset(scn, 0, sizeof(*scn));
	scn->root = true;
	scn->seed = DEFAULT_SEED;
	scn->copy_rate = DEFAULT_COPY_RATE;
	scn->traced_task = -1;
	scn->sched.mode = SCN_SCHED_RANDOM;
	scn->sched.slice_min_ns = DEFAULT_SLICE_MIN;
	scn->sched.slice_max_ns = DEFAULT_SLICE_MAX;
	scn->sched.gap_min_ns = DEFAULT_GAP_MIN;
	scn->sched.gap_max_ns = DEFAULT_GAP_MAX;
	scn->sched.migrate_permille = DEFAULT_MIGRATE_PERMILLE;
}

int scenario__parse(const char *path, const char *text, size_t len,
		    struct auxsim_scenario *scn, struct scn_error *err)
{
	struct scn_parser *p, parser;
	size_t pos = 0, plen = path ? strlen(path) : 0;
	int ret;

	set_defaults(scn);
	if (err)
		memset(err, 0, sizeof(*err));
	if (plen >= sizeof(scn->path))
		return scn__errorf(err, -E2BIG, 0, 0,
				   "path longer than %zu bytes",
				   sizeof(scn->path) - 1);
	if (plen)
		memcpy(scn->path, path, plen + 1);
	set_name(scn);

	p = &parser;
	memset(p, 0, sizeof(*p));
	p->scn = scn;
	p->err = err;

	/* A UTF-8 byte order mark is not part of line 1. */
	if (len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3))
		pos = 3;
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (text + pos)) : len - pos;

		p->s = text + pos;
		p->no++;
		if (n && p->s[n - 1] == '\r') /* CRLF */
			n--;
		if (n > SCN_LINE_MAX)
			return perr(p, -E2BIG, SCN_LINE_MAX + 1,
				    "line longer than %d bytes", SCN_LINE_MAX);
		p->len = (int)n;
		ret = parse_line(p);
		if (ret)
			return ret;
		p->last_line = p->no;
		pos += (nl ? (size_t)(nl - (text + pos)) + 1 : len - pos);
	}
	return finish(p);
}

int scenario__load(const char *path, struct auxsim_scenario *scn,
		   struct scn_error *err)
{
	struct stat st;
	char *buf;
	size_t n = 0, cap;
	ssize_t r;
	int fd, ret;

	if (err)
		memset(err, 0, sizeof(*err));
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		ret = -errno;
		return scn__errorf(err, ret, 0, 0, "%s", strerror(-ret));
	}
	if (fstat(fd, &st)) {
		ret = -errno;
		close(fd);
		return scn__errorf(err, ret, 0, 0, "%s", strerror(-ret));
	}
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		return scn__errorf(err, -EISDIR, 0, 0, "%s",
				   strerror(EISDIR));
	}
	if (st.st_size > SCN_FILE_MAX) {
		close(fd);
		return scn__errorf(err, -EFBIG, 0, 0,
				   "%s (scenario files are at most %u bytes)",
				   strerror(EFBIG), SCN_FILE_MAX);
	}
	/* One byte more than expected, to notice a file that grew. */
	cap = S_ISREG(st.st_mode) ? (size_t)st.st_size + 1 : SCN_FILE_MAX + 1;
	buf = malloc(cap);
	if (!buf) {
		close(fd);
		return scn__errorf(err, -ENOMEM, 0, 0, "%s", strerror(ENOMEM));
	}
	while (n < cap) {
		r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			ret = -errno;
			free(buf);
			close(fd);
			return scn__errorf(err, ret, 0, 0, "%s",
					   strerror(-ret));
		}
		if (!r)
			break;
		n += (size_t)r;
	}
	close(fd);
	if (n == cap) {
		free(buf);
		return scn__errorf(err, -EAGAIN, 0, 0,
				   "file grew while being read (or is larger than %u bytes)",
				   SCN_FILE_MAX);
	}
	ret = scenario__parse(path, buf, n, scn, err);
	free(buf);
	return ret;
}
