// SPDX-License-Identifier: GPL-2.0
/*
 * scenario-words.c - numbers with their units ("1.5ms", "4MiB", "100MB/s"), and a
 * word of a scenario line as a time, size, rate, number, CPU, CPU list,
 * time range, task comm or percentage, or an error at the word.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "scenario/scenario-priv.h"

/* ------------------------------------------------------------------ */
/* Numbers                                                             */
/* ------------------------------------------------------------------ */

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
static int parse_decimal(const char *s, size_t n, bool allow_frac, uint64_t *ip,
			 uint64_t *frac, int *digits)
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
	{ "ns", 1 },	     { "us", 1000 }, { "ms", 1000000 },
	{ "s", 1000000000 }, { 0 },
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
/* Words as values                                                     */
/* ------------------------------------------------------------------ */

int scn__word_time(struct scn_parser *p, int i, uint64_t *ns)
{
	int ret = scn__parse_time(word_at(p, i), word_len(p, i), ns);

	if (ret == -ERANGE)
		return perr(p, -EINVAL, word_col(p, i),
			    "time '" WFMT
			    "' does not fit in 64-bit nanoseconds",
			    WARG(p, i));
	if (ret)
		return perr(
			p, -EINVAL, word_col(p, i),
			"bad time '" WFMT
			"' (a number with ns, us, ms or s: 10ms, 1.5s; or 0)",
			WARG(p, i));
	return 0;
}

int scn__word_size(struct scn_parser *p, int i, uint64_t *bytes)
{
	int ret = scn__parse_size(word_at(p, i), word_len(p, i), bytes);

	if (ret == -ERANGE)
		return perr(p, -EINVAL, word_col(p, i),
			    "size '" WFMT "' does not fit in 64 bits",
			    WARG(p, i));
	if (ret)
		return perr(
			p, -EINVAL, word_col(p, i),
			"bad size '" WFMT
			"' (an integer with B, K, KiB, M, MiB, G or GiB: 4MiB, 65536)",
			WARG(p, i));
	return 0;
}

int scn__word_rate(struct scn_parser *p, int i, uint64_t *rate)
{
	int ret = scn__parse_rate(word_at(p, i), word_len(p, i), rate);

	if (ret == -ERANGE)
		return perr(p, -EINVAL, word_col(p, i),
			    "rate '" WFMT "' does not fit in 64 bits",
			    WARG(p, i));
	if (ret)
		return perr(
			p, -EINVAL, word_col(p, i),
			"bad rate '" WFMT
			"' (a number with B/s, KB/s, MB/s, GB/s, KiB/s, MiB/s or GiB/s: 100MB/s)",
			WARG(p, i));
	return 0;
}

int scn__word_u64(struct scn_parser *p, int i, const char *what, uint64_t *v)
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
int scn__parse_cpu(struct scn_parser *p, const char *s, size_t n, int col,
		   int *cpu)
{
	uint64_t v;

	if (parse_u64(s, n, &v))
		return perr(p, -EINVAL, col,
			    "bad CPU number '%.*s' (a decimal number)",
			    (int)(n > 40 ? 40 : n), s);
	if (v >= AUXSIM_MAX_CPUS)
		return perr(
			p, -EINVAL, col,
			"CPU %.*s out of range (auxsim machines have at most %d CPUs)",
			(int)(n > 40 ? 40 : n), s, AUXSIM_MAX_CPUS);
	*cpu = (int)v;
	return 0;
}

int scn__word_cpu(struct scn_parser *p, int i, int *cpu)
{
	return scn__parse_cpu(p, word_at(p, i), word_len(p, i), word_col(p, i),
			      cpu);
}

/* "T..T" */
int scn__word_range(struct scn_parser *p, int i, uint64_t *lo, uint64_t *hi)
{
	const char *s = word_at(p, i);
	size_t n = word_len(p, i), dd;
	int ret;

	for (dd = 0; dd + 1 < n; dd++)
		if (s[dd] == '.' && s[dd + 1] == '.')
			break;
	if (dd + 1 >= n)
		return perr(p, -EINVAL, word_col(p, i),
			    "bad time range '" WFMT
			    "' (want START..END, e.g. 4ms..40ms)",
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
int scn__word_cpu_list(struct scn_parser *p, int i, uint32_t *mask,
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
				    "bad CPU list '" WFMT
				    "' (e.g. 0-3 or 1,2 or 0-1,4)",
				    WARG(p, i));
		ret = scn__parse_cpu(p, s + a, j - a, col + (int)a, &lo);
		if (ret)
			return ret;
		hi = lo;
		if (j < n && s[j] == '-') {
			b = ++j;
			while (j < n && s[j] != ',' && s[j] != '-')
				j++;
			if (j == b || (j < n && s[j] == '-'))
				return perr(p, -EINVAL, col + (int)j,
					    "bad CPU list '" WFMT
					    "' (e.g. 0-3 or 1,2 or 0-1,4)",
					    WARG(p, i));
			ret = scn__parse_cpu(p, s + b, j - b, col + (int)b,
					     &hi);
			if (ret)
				return ret;
			if (hi < lo)
				return perr(
					p, -EINVAL, col + (int)a,
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

/* A comm: 1 to 15 bytes, no '/' (it is a basename) and no quotes. */
int scn__word_comm(struct scn_parser *p, int i, char *comm)
{
	const char *s = word_at(p, i);
	size_t n = word_len(p, i);

	for (size_t j = 0; j < n; j++)
		if (s[j] == '/' || s[j] == '\'' || s[j] == '"')
			return perr(p, -EINVAL, word_col(p, i) + (int)j,
				    "bad task name '" WFMT
				    "': no '/' or quotes in a comm",
				    WARG(p, i));
	if (n >= SCN_COMM_LEN)
		return perr(p, -EINVAL, word_col(p, i),
			    "task name '" WFMT
			    "' longer than %d bytes (TASK_COMM_LEN)",
			    WARG(p, i), SCN_COMM_LEN - 1);
	memcpy(comm, s, n);
	comm[n] = '\0';
	return 0;
}

/* "30%", "2.5%": permille. */
int scn__word_percent(struct scn_parser *p, int i, uint32_t *permille)
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
			    "migrate '" WFMT "' is more than 100%%",
			    WARG(p, i));
	*permille = (uint32_t)v;
	return 0;
bad:
	return perr(p, -EINVAL, word_col(p, i),
		    "bad percentage '" WFMT "' (e.g. 30%% or 2.5%%)",
		    WARG(p, i));
}
