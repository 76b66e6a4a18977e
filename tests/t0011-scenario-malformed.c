// SPDX-License-Identifier: GPL-2.0
/*
 * t0011-scenario-malformed - the malformed scenario corpus.
 *
 * Each tests/malformed/NNN-what.scn starts with
 *
 *	# expect: LINE:COL: part of the message
 *
 * and must fail to load with exactly that position and a message containing
 * that text.  Each file is parsed twice: by scenario__load() and from a
 * buffer of exactly its size (no NUL after it), so that ASan sees any read
 * past the end.  Then the capacity limits (-E2BIG), which need generated
 * input, and every prefix of the valid examples, which must parse or fail
 * cleanly.
 */
#include <errno.h>
#include <glob.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/scenario.h"
#include "tap.h"

static struct auxsim_scenario scn;
static struct scn_error err;

static const char *top(void)
{
	const char *t = getenv("TOP");

	return t && *t ? t : ".";
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET))
		goto out;
	buf = malloc(n ? (size_t)n : 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	*len = (size_t)n;
out:
	fclose(f);
	return buf;
}

static bool msg_clean(const struct scn_error *e)
{
	size_t n = strnlen(e->msg, sizeof(e->msg));

	return n && n < sizeof(e->msg) && e->msg[n - 1] != '\n';
}

static void run_corpus_file(const char *path)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	char want_msg[256];
	int want_line, want_col, ret, n = 0;
	size_t len;
	char *buf = read_file(path, &len);

	if (!ok(buf != NULL, "%s: readable", base))
		return;
	if (!ok(sscanf(buf, "# expect: %d:%d: %255[^\n]%n", &want_line,
		       &want_col, want_msg, &n) == 3 && n > 0,
		"%s: has an '# expect: LINE:COL: text' first line", base)) {
		free(buf);
		return;
	}

	ret = scenario__load(path, &scn, &err);
	if (!ok(ret < 0 && err.line == want_line && err.col == want_col &&
		strstr(err.msg, want_msg) && msg_clean(&err),
		"%s: %d:%d: %s", base, want_line, want_col, want_msg))
		diag("  got %d, %d:%d: %s", ret, err.line, err.col, err.msg);

	/* The same bytes, without a NUL or a spare byte after them. */
	{
		char *exact = malloc(len ? len : 1);
		struct scn_error err2;
		int ret2;

		memcpy(exact, buf, len);
		ret2 = scenario__parse(path, exact, len, &scn, &err2);
		ok(ret2 == ret && err2.line == err.line &&
		   err2.col == err.col && !strcmp(err2.msg, err.msg),
		   "%s: same error from an exact-size buffer", base);
		free(exact);
	}
	free(buf);
}

static int corpus(void)
{
	char pattern[512];
	glob_t g;
	int n;

	snprintf(pattern, sizeof(pattern), "%s/tests/malformed/*.scn", top());
	if (glob(pattern, 0, NULL, &g)) {
		ok(0, "corpus found at %s", pattern);
		return 0;
	}
	for (size_t i = 0; i < g.gl_pathc; i++)
		run_corpus_file(g.gl_pathv[i]);
	n = (int)g.gl_pathc;
	globfree(&g);
	return n;
}

/* A generated scenario in a static buffer. */
static char gen[256 * 1024];
static size_t gen_len;

__attribute__((format(printf, 1, 2))) static void add(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(gen + gen_len, sizeof(gen) - gen_len, fmt, ap);
	va_end(ap);
	if (n > 0 && (size_t)n < sizeof(gen) - gen_len)
		gen_len += (size_t)n;
}

static int parse_gen(void)
{
	return scenario__parse("gen.scn", gen, gen_len, &scn, &err);
}

#define HEAD "machine juno\nduration 10s\n" \
	     "perf record -e cs_etm// -- dd\n"

static void capacities(void)
{
	int ret;

	gen_len = 0;
	add(HEAD "sched script\n");
	for (int i = 0; i < SCN_MAX_SLICES; i++)
		add("slice S%d dd cpu%d %dms..%dms\n", i, i % 6, i, i + 1);
	ok(!parse_gen() && scn.nr_slices == SCN_MAX_SLICES,
	   "%d slices fit", SCN_MAX_SLICES);
	add("slice X dd cpu0 1s..2s\n");
	ret = parse_gen();
	is_int(ret, -E2BIG, "one slice more: -E2BIG");
	ok(err.line == SCN_MAX_SLICES + 5 && err.col == 1 &&
	   strstr(err.msg, "too many 'slice' lines"),
	   "  at the extra slice line");

	gen_len = 0;
	add(HEAD);
	for (int i = 0; i <= SCN_MAX_CPU_OVERRIDES; i++)
		add("cpu %d rate 1MB/s\n", i);
	is_int(parse_gen(), -E2BIG, "too many cpu lines: -E2BIG");
	is_int(err.line, 4 + SCN_MAX_CPU_OVERRIDES, "  at the extra line");

	gen_len = 0;
	add(HEAD);
	for (int i = 0; i <= SCN_MAX_SIGNALS; i++)
		add("signal USR2 at %dms\n", i);
	is_int(parse_gen(), -E2BIG, "too many signals: -E2BIG");

	gen_len = 0;
	add(HEAD);
	for (int i = 0; i <= SCN_MAX_TASKS; i++)
		add("task t%d cpu-bound\n", i);
	is_int(parse_gen(), -E2BIG, "too many tasks: -E2BIG");

	gen_len = 0;
	add(HEAD);
	for (int i = 0; i < SCN_MAX_TASKS; i++)
		add("task t%d cpu-bound\n", i);
	is_int(parse_gen(), -E2BIG, "no room for the implicit task: -E2BIG");
	ok(err.line == 3 && err.col == 30,
	   "  at the end of the perf record line");

	gen_len = 0;
	add("machine juno\nduration 1s\nperf record");
	for (int i = 0; i <= SCN_MAX_EVENTS; i++)
		add(" -e cycles");
	add(" -- dd\n");
	is_int(parse_gen(), -E2BIG, "too many events: -E2BIG");
	is_int(err.col, 12 + SCN_MAX_EVENTS * 10 + 4, "  at the extra event");

	gen_len = 0;
	add("machine juno\nduration 1s\nperf record -e intel_pt/");
	for (int i = 0; i <= SCN_MAX_TERMS; i++)
		add("%st%d", i ? "," : "", i);
	add("/ -- dd\n");
	is_int(parse_gen(), -E2BIG, "too many terms: -E2BIG");

	gen_len = 0;
	add("machine juno\n"
	    "perf record -e intel_pt/a_term_name_of_thirty_two_chars_/ -- dd\n");
	is_int(parse_gen(), -E2BIG, "term name too long: -E2BIG");
	is_int(err.col, 25, "  at the term");

	gen_len = 0;
	add("machine juno\nperf record -e cs_etm/name=%040d/ -- dd\n", 0);
	is_int(parse_gen(), -E2BIG, "term value too long: -E2BIG");

	gen_len = 0;
	add("machine juno\nperf record -e cs_etm/@%040d/ -- dd\n", 0);
	is_int(parse_gen(), -E2BIG, "sink name too long: -E2BIG");

	gen_len = 0;
	add("machine juno\nperf record -e cs_etm/");
	for (int i = 0; i < 20; i++)
		add("%stimestamp=1", i ? "," : "");
	add("/ -- dd\n");
	is_int(parse_gen(), -E2BIG, "too many terms on cs_etm: -E2BIG");

	gen_len = 0;
	add("machine juno\nduration 1s\nperf record -e '{cycles/name=a/,"
	    "cycles/name=b/,cycles/name=c/,cycles/name=d/,cycles/name=e/,"
	    "cycles/name=f/,cycles/name=g/}:u' -e cs_etm// -- dd\n");
	ok(!parse_gen() && scn.rec.nr_events == 8 &&
		   scn.rec.events[6].group == 0,
	   "a group of 7 events (and the AUX event a scenario needs)");

	gen_len = 0;
	add("machine juno\nperf record -e cycles/name=");
	for (int i = 0; i < 30; i++)
		add("x");
	add(",period=1,freq=1,time=1,inherit=1,percore=1,stack-size=8192/");
	add(",cycles/name=ab%0120d/ -- dd\n", 0);
	is_int(parse_gen(), -E2BIG, "event text too long: -E2BIG");

	gen_len = 0;
	add("machine juno\n");
	memset(gen + gen_len, ' ', 4096);
	gen_len += 4096;
	add("\nseed 1\n");
	ok(parse_gen() != -E2BIG, "a 4096-byte line is not too long");
	gen_len = 0;
	add("machine juno\nseed 1");
	memset(gen + gen_len, ' ', 4090);
	gen_len += 4090;
	add("\r\nduration 1s\n");
	ok(parse_gen() != -E2BIG, "4096 bytes + CRLF is not too long");
	gen[13 + 4096] = ' ';
	is_int(parse_gen(), -E2BIG, "4097 bytes before the LF is too long");

	is_int(scenario__parse("empty.scn", "", 0, &scn, &err), -EINVAL,
	       "zero bytes: -EINVAL");
	ok(err.line == 1 && err.col == 1 &&
	   strstr(err.msg, "missing required 'machine'"),
	   "  1:1: missing required 'machine'");

	{
		static char path[300];

		memset(path, 'p', sizeof(path) - 1);
		is_int(scenario__parse(path, "", 0, &scn, &err), -E2BIG,
		       "path longer than 255 bytes: -E2BIG");
		is_int(err.line, 0, "  at line 0");
	}
}

/* Every prefix of each valid example parses or fails with a position. */
static void prefixes(void)
{
	static const char *const files[] = {
		"snapshot-minimal.scn",
		"snapshot-usr2.scn",
		"scripted-2cpu.scn",
	};

	for (size_t f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
		char path[512];
		size_t len, bad = 0;
		char *buf;

		snprintf(path, sizeof(path), "%s/tests/scenarios/%s", top(),
			 files[f]);
		buf = read_file(path, &len);
		if (!ok(buf != NULL, "read %s", files[f]))
			continue;
		for (size_t n = 0; n <= len; n++) {
			char *exact = malloc(n ? n : 1);
			int ret;

			memcpy(exact, buf, n);
			ret = scenario__parse(path, exact, n, &scn, &err);
			if (ret && (err.line < 1 || err.col < 1 ||
				    !msg_clean(&err)))
				bad++;
			free(exact);
		}
		is_int((int)bad, 0, "%s: every prefix parses or fails cleanly",
		       files[f]);
		free(buf);
	}
}

int main(void)
{
	int n = corpus();

	ok(n >= 40, "at least 40 malformed scenarios (%d)", n);
	capacities();
	prefixes();
	return done_testing();
}
