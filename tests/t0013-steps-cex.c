// SPDX-License-Identifier: GPL-2.0
/*
 * t0013-steps-cex - the replay inputs: step lists (step__parse_list()),
 * each step against a scenario (step__check()), and counterexample files
 * (cex.h): every error with its position and reason, parsed from buffers
 * of exactly their size (ASan sees a read past the end), and the
 * round trips step__format()/step__parse() and cex__write()/cex__parse().
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/cex.h"
#include "check/check.h"
#include "scenario/scenario.h"
#include "sim/sim.h"
#include "check/step.h"
#include "tap.h"

static const char *top(void)
{
	const char *t = getenv("TOP");

	return t && *t ? t : ".";
}

/* step__parse_list() of @s from an exact-size copy */
static int parse_list(const char *s, struct step *steps, int *cols,
		      struct step_error *err)
{
	size_t n = strlen(s);
	char *exact = malloc(n ? n : 1);
	int ret;

	memcpy(exact, s, n);
	ret = step__parse_list(exact, n, steps, MC_MAX_DEPTH, cols, err);
	free(exact);
	return ret;
}

static const struct bad_list {
	const char *in;
	int ret, index, col;
	const char *msg;
} bad_lists[] = {
	{ "", -EINVAL, 0, 1, "no steps" },
	{ ",", -EINVAL, 1, 1, "a leading comma" },
	{ ",,,", -EINVAL, 1, 1, "a leading comma" },
	{ "tick:0,,tick:1", -EINVAL, 2, 8, "two commas in a row" },
	{ "tick:0,", -EINVAL, 2, 8, "a trailing comma" },
	{ "tick:0 ,tick:1", -EINVAL, 1, 7, "a blank" },
	{ "tick", -EINVAL, 1, 5, "'tick' takes 1 number: tick:CPU" },
	{ "tick:", -EINVAL, 1, 6, "expected a number (the CPU)" },
	{ "tick:1:2", -EINVAL, 1, 7, "'tick' takes 1 number" },
	{ "tick:999", -EINVAL, 1, 6, "CPU 999 is out of range (0..127)" },
	{ "tick:-1", -EINVAL, 1, 6, "CPU -1 is out of range" },
	{ "tick:99999999999999999999", -EINVAL, 1, 6,
	  "CPU 99999999999999999999 is out of range (0..127)" },
	{ "tick:-99999999999999999999", -EINVAL, 1, 6,
	  "CPU -99999999999999999999 is out of range" },
	{ "tick:123456789012345678901234567890123456789012345678901234567890",
	  -EINVAL, 1, 6, "CPU number of 60 digits is too large (0..127)" },
	{ "switch:0:x234567890123456789", -EINVAL, 1, 10,
	  "expected a number (the task) at 'x23456789012...'" },
	{ "tick:1+nmi:1:perf_event_aux_pause_and_more_and_more", -EINVAL, 1,
	  14, "no interrupt point 'perf_event_aux_pause_and_more_an...'" },
	{ "tick:1+abcdefghijklmnopqrstuvwxyz", -EINVAL, 1, 7,
	  "unexpected '+abcdefghijklmnopqrs...' after" },
	{ "abcdefghijklmnopqrstuvwxyz:1", -EINVAL, 1, 1,
	  "unknown step 'abcdefghijklmnopqrst...'" },
	{ "tick:0x1", -EINVAL, 1, 7, "unexpected 'x1'" },
	{ "overflow:1", -EINVAL, 1, 11, "overflow:CPU:EVENT" },
	{ "overflow:1:1:1", -EINVAL, 1, 13, "takes 2 numbers" },
	{ "switch:0:-2", -EINVAL, 1, 10, "task -2 is out of range (-1..127)" },
	{ "snapshot:1", -EINVAL, 1, 9, "takes 0 numbers" },
	{ "bogus:1", -EINVAL, 1, 1, "unknown step 'bogus'" },
	{ "tikc:1", -EINVAL, 1, 1, "did you mean 'tick'?" },
	{ "Tick:1", -EINVAL, 1, 1, "unexpected character 'T'" },
	{ "tick:1+nmi:1", -EINVAL, 1, 13, "+nmi:EVENT:POINT" },
	{ "tick:1+nmi:1:3", -EINVAL, 1, 14, "no interrupt point '3'" },
	{ "tick:1+nmi:1:perf_event_aux", -EINVAL, 1, 14, "no interrupt point" },
	{ "tick:1+nmi:-1:0", -EINVAL, 1, 12, "out of range" },
	{ "tick:1+foo", -EINVAL, 1, 7, "unexpected '+foo'" },
	{ "overflow:0:1+nmi:1:0", -EINVAL, 1, 13, "does not land in a PMU" },
	{ "munmap,tick:1,\x01", -EINVAL, 3, 15, "unexpected character '?'" },
};

static void step_lists(void)
{
	struct step steps[MC_MAX_DEPTH], st;
	struct step_error err;
	int cols[MC_MAX_DEPTH], n;
	char buf[4096], one[64];
	size_t off = 0;

	for (size_t i = 0; i < sizeof(bad_lists) / sizeof(*bad_lists); i++) {
		const struct bad_list *b = &bad_lists[i];

		n = parse_list(b->in, steps, cols, &err);
		if (!ok(n == b->ret && err.index == b->index &&
			err.col == b->col && strstr(err.msg, b->msg),
			"steps '%s': %d, step %d, column %d: %s", b->in,
			b->ret, b->index, b->col, b->msg))
			diag("  got %d, step %d, column %d: %s", n, err.index,
			     err.col, err.msg);
	}
	n = parse_list("overflow:1:1,overflow-burst:0:1,tick:1,switch:0:-1,"
		       "ioctl-disable:0,ioctl-enable:0,sigusr2,snapshot-read,"
		       "snapshot,munmap,switch:1:0+nmi:2:1,"
		       "tick:0+nmi:1:perf_event_unthrottle_group",
		       steps, cols, &err);
	is_int(n, 12, "every kind of step parses");
	is_int(cols[2], 33, "... each with its column");
	is_int(steps[11].nmi_point, 2, "an NMI's point may be its function");
	for (int i = 0; i < n; i++) {
		if (i)
			buf[off++] = ',';
		off += (size_t)step__format(buf + off, (int)(sizeof(buf) - off),
					   &steps[i]);
	}
	ok(parse_list(buf, steps + 20, NULL, &err) == n &&
		   !memcmp(steps, steps + 20, (size_t)n * sizeof(*steps)),
	   "step__format() then step__parse_list(): the same steps");
	off = 0;
	for (int i = 0; i < MC_MAX_DEPTH; i++)
		off += (size_t)snprintf(buf + off, sizeof(buf) - off, "%stick:0",
					i ? "," : "");
	is_int(parse_list(buf, steps, NULL, &err), MC_MAX_DEPTH,
	       "%d steps: the most", MC_MAX_DEPTH);
	snprintf(buf + off, sizeof(buf) - off, ",tick:1");
	n = parse_list(buf, steps, NULL, &err);
	ok(n == -E2BIG && err.index == MC_MAX_DEPTH + 1 &&
		   strstr(err.msg, "more than 64 steps"),
	   "%d steps: too many (-E2BIG)", MC_MAX_DEPTH + 1);
	/* every byte value in every position of a step: parses or fails
	 * cleanly, with a message */
	for (int c = 0; c < 256; c++) {
		for (int at = 0; at < 6; at++) {
			snprintf(one, sizeof(one), "tick:1");
			one[at] = (char)c;
			n = step__parse_n(one, 6, &st, &err);
			if (n && !err.msg[0])
				break;
		}
		if (n && !err.msg[0])
			break;
	}
	ok(!n || err.msg[0], "every byte anywhere in a step: a reason");
	/* the step as written, in the error: whole, or cut with "..." */
	n = parse_list("tick:0,tick:99999999999999999999", steps, cols, &err);
	ok(n < 0 && !strcmp(err.token, "tick:99999999999999999999"),
	   "the step in an error: whole ('%s')", err.token);
	n = parse_list("tick:0,tick:1+nmi:0:perf_event_unthrottle_group_and_more",
		       steps, cols, &err);
	ok(n < 0 && strlen(err.token) == STEP_EXCERPT - 1 &&
		   !strcmp(err.token + STEP_EXCERPT - 4, "...") &&
		   !strncmp(err.token, "tick:1+nmi:0:perf_event_unthrottle",
			    34),
	   "... or cut, and marked so ('%s')", err.token);
}

/* the model started from a scenario, for step__check() */
static struct aux_model *start(const char *name, struct auxsim_scenario *scn)
{
	struct aux_model *m = calloc(1, sizeof(*m));
	struct sim_config cfg = { 0 };
	struct scn_error err;
	char path[512], msg[256];

	snprintf(path, sizeof(path), "%s/%s", top(), name);
	if (scenario__load(path, scn, &err) ||
	    sim__start(scn, &cfg, m, msg, sizeof(msg))) {
		free(m);
		return NULL;
	}
	return m;
}

static const struct checked {
	const char *scn, *step, *why; /* why NULL: possible */
} checked[] = {
	{ "scenarios/c001-throttle-pause.scn", "overflow:1:1", NULL },
	{ "scenarios/c001-throttle-pause.scn", "overflow:99:99",
	  "no cpu99: juno-2cpu has cpu0..cpu1" },
	{ "scenarios/c001-throttle-pause.scn", "tick:2", "no cpu2" },
	{ "scenarios/c001-throttle-pause.scn", "overflow:0:9",
	  "no event e9: perf record has e0..e2" },
	{ "scenarios/c001-throttle-pause.scn", "overflow:0:0",
	  "e0 (cs_etm/aux-action=start-paused/k) is not a counter" },
	{ "scenarios/c001-throttle-pause.scn", "switch:0:3", "no task 3" },
	{ "scenarios/c001-throttle-pause.scn", "switch:0:-1", NULL },
	{ "scenarios/c001-throttle-pause.scn", "ioctl-enable:0", NULL },
	{ "scenarios/c001-throttle-pause.scn", "ioctl-enable:1",
	  "e1 is not a group leader" },
	{ "scenarios/c001-throttle-pause.scn", "sigusr2", "no -S" },
	{ "scenarios/c001-throttle-pause.scn", "munmap", NULL },
	{ "scenarios/c001-throttle-pause.scn", "tick:0+nmi:1:0",
	  "no 'pmi nmi'" },
	{ "scenarios/c001-claim-c.scn", "switch:0:1+nmi:2:0", NULL },
	{ "scenarios/c001-claim-c.scn", "switch:0:1+nmi:0:0",
	  "is not a counter" },
	{ "tests/scenarios/check-snapshot.scn", "sigusr2", NULL },
	{ "tests/scenarios/check-snapshot.scn", "snapshot-read", NULL },
};

static void step_checks(void)
{
	struct auxsim_scenario *scn = calloc(1, sizeof(*scn));
	char why[256];

	for (size_t i = 0; i < sizeof(checked) / sizeof(*checked); i++) {
		const struct checked *c = &checked[i];
		struct aux_model *m = start(c->scn, scn);
		const char *names[SCN_MAX_EVENTS];
		struct step st;
		int ret;

		if (!ok(m != NULL, "%s starts", c->scn))
			continue;
		for (int e = 0; e < scn->rec.nr_events; e++)
			names[e] = scn->rec.events[e].text;
		why[0] = '\0';
		ret = step__parse(c->step, &st);
		if (!ret)
			ret = step__check(m, &st, names, scn->rec.nr_events, why,
					  sizeof(why));
		if (c->why)
			ok(ret == -EINVAL && strstr(why, c->why), "%s: %s: %s",
			   c->scn, c->step, c->why);
		else
			ok(!ret, "%s: %s is possible", c->scn, c->step);
		if (c->why && !strstr(why, c->why))
			diag("  got %d: %s", ret, why);
		free(m);
	}
	free(scn);
}

/* cex__parse() of @s from an exact-size copy */
static int parse_cex(const char *s, size_t n, struct cex *c,
		     struct scn_error *err)
{
	char *exact = malloc(n ? n : 1);
	int ret;

	memcpy(exact, s, n);
	ret = cex__parse(exact, n, c, err);
	free(exact);
	return ret;
}

#define HEAD "# auxsim counterexample: x\n"
#define GOOD                                                         \
	HEAD "scenario a b.scn\nkernel v7.1\nperf perf-7.1\n"        \
	     "patch aux-pause-throttle-v1\n# a comment\n\n"          \
	     "steps overflow:1:1,tick:1+nmi:0:2\n"

static const struct bad_cex {
	const char *in;
	int line, col;
	const char *msg;
} bad_cex[] = {
	{ "", 0, 0, "an empty file" },
	{ "\x7f" "ELF\x02\x01\x01", 1, 1, "not an auxsim counterexample" },
	{ "scenario x\nsteps tick:0\n", 1, 1, "not an auxsim counterexample" },
	{ HEAD, 0, 0, "no 'scenario' line" },
	{ HEAD "scenario x\n", 0, 0, "no 'steps' line" },
	{ HEAD "steps tick:0\n", 0, 0, "no 'scenario' line" },
	{ HEAD "scenario x\nsteps tick:0", 3, 13, "truncated" },
	{ HEAD "scenario x\nste", 3, 4, "truncated" },
	{ HEAD "scenario x\nfrob 1\n", 3, 1, "unknown key 'frob'" },
	{ HEAD "scenario x\nstesp 1\n", 3, 1, "did you mean 'steps'?" },
	{ HEAD "scenario x\nsteps\n", 3, 6, "'steps' needs a value" },
	{ HEAD "scenario x\nsteps   \n", 3, 9, "'steps' needs a value" },
	{ HEAD " scenario x\n", 2, 1, "a line starting with a blank" },
	{ HEAD "scenario x\nscenario y\n", 3, 1,
	  "a second 'scenario' line (the first is line 2)" },
	{ HEAD "scenario x\nkernel v9\n", 3, 8, "unknown kernel 'v9'" },
	{ HEAD "scenario x\nperf perf-9\n", 3, 6, "unknown perf 'perf-9'" },
	{ HEAD "scenario x\npatch nope\n", 3, 7, "unknown patch 'nope'" },
	{ HEAD "scenario x\npatch none\npatch aux-throttle-fix\n", 4, 7,
	  "'patch none' with another patch" },
	{ HEAD "scenario x\npatch aux-throttle-fix\npatch aux-throttle-fix\n",
	  4, 7, "patch 'aux-throttle-fix' twice" },
	{ HEAD "scenario x\nsteps tick:0,,tick:1\n", 3, 14,
	  "step 2: an empty step (two commas in a row)" },
	{ HEAD "scenario x\nsteps tick:0,tick:999\n", 3, 19,
	  "step 2 'tick:999': CPU 999 is out of range" },
	{ HEAD "scenario x\nsteps tick:0,\n", 3, 14, "a trailing comma" },
	{ HEAD "scenario x\x01\n", 2, 11, "a control character (0x01)" },
	{ HEAD "scenario x\n\nsteps tick:0\nsteps tick:1\n", 5, 1,
	  "a second 'steps' line (the first is line 4)" },
	{ HEAD "scenario x\nsteps tick:0,tick:99999999999999999999\n", 3, 19,
	  "step 2 'tick:99999999999999999999': CPU 99999999999999999999 is "
	  "out of range" },
	{ HEAD "scenario x\nkernel v7.1-with-a-very-long-name-that-goes-on-and-on-and-on\n",
	  3, 8, "unknown kernel 'v7.1-with-a-very-long-name-that-goes-on-and-...' (known: " },
	{ HEAD "scenario x\nperf perf-7.1-with-a-very-long-name-that-goes-on\n",
	  3, 6, "unknown perf 'perf-7.1-with-a-very-long-name-that-goes-on'" },
	{ HEAD "scenario x\npatch p-with-a-very-long-name-that-goes-on-and-on-and-on\n",
	  3, 7, "unknown patch 'p-with-a-very-long-name-that-goes-on-and-on-...' (known: " },
	{ HEAD "scenario-with-a-long-name-of-more-than-thirty-one x\n", 2, 1,
	  "unknown key 'scenario-with-a-long-name-of-more-than-thirt...'" },
	{ HEAD "scenario x\ninvariant warn-nothing\n", 3, 11,
	  "unknown invariant 'warn-nothing'" },
	{ HEAD "scenario x\ninvariant warn-aux-nest\ninvariant aux-handle\n",
	  4, 1, "a second 'invariant' line (the first is line 3)" },
	{ HEAD "scenario x\nscenario-abs x.scn\n", 3, 14,
	  "'scenario-abs' is an absolute path" },
	{ HEAD "scenario x\nscenario-hash 0123456789abcdef\n", 3, 15,
	  "'fnv1a64:' and 16 hex digits" },
	{ HEAD "scenario x\nscenario-hash sha256:0123456789abcdef\n", 3, 15,
	  "the only hash known" },
	{ HEAD "scenario x\nscenario-hash fnv1a64:0123456789abcdeF\n", 3, 38,
	  "16 lower-case hex digits" },
	{ HEAD "scenario x\nscenario-hash fnv1a64:0123456789abcde\n", 3, 38,
	  "16 lower-case hex digits" },
	{ HEAD "scenario x\nscenario-hash fnv1a64:0123456789abcdef0\n", 3, 39,
	  "16 lower-case hex digits" },
	{ HEAD "scenario x\nscenario-hash fnv1a64:1\nscenario-hash x\n", 3,
	  24, "16 lower-case hex digits" },
};

static void cex_errors(void)
{
	static struct cex c, c2;
	struct scn_error err;
	char *big;
	int ret;

	for (size_t i = 0; i < sizeof(bad_cex) / sizeof(*bad_cex); i++) {
		const struct bad_cex *b = &bad_cex[i];

		ret = parse_cex(b->in, strlen(b->in), &c, &err);
		if (!ok(ret < 0 && err.line == b->line && err.col == b->col &&
				strstr(err.msg, b->msg),
			"cex %zu: %d:%d: %s", i, b->line, b->col, b->msg))
			diag("  got %d, %d:%d: %s", ret, err.line, err.col,
			     err.msg);
	}
	ret = parse_cex(HEAD "scenario x\n\0steps tick:0\n", 40, &c, &err);
	ok(ret == -EINVAL && err.line == 3 && err.col == 1 &&
		   strstr(err.msg, "a NUL byte"),
	   "cex: a NUL byte: 3:1");
	big = malloc(CEX_MAX_SIZE + 2);
	memset(big, '#', CEX_MAX_SIZE + 1);
	memcpy(big, HEAD, strlen(HEAD));
	ret = parse_cex(big, CEX_MAX_SIZE + 1, &c, &err);
	ok(ret == -E2BIG && err.line == 0 && strstr(err.msg, "larger than"),
	   "cex: larger than %d KiB: -E2BIG", CEX_MAX_SIZE / 1024);
	big[CEX_MAX_LINE + 100] = '\n';
	ret = parse_cex(big, CEX_MAX_LINE + 101, &c, &err);
	ok(ret == -E2BIG && err.line == 2 && strstr(err.msg, "longer than"),
	   "cex: a line longer than %d bytes: -E2BIG", CEX_MAX_LINE);
	free(big);
	ret = parse_cex(GOOD, strlen(GOOD), &c, &err);
	ok(!ret && !strcmp(c.scenario, "a b.scn") &&
		   !strcmp(c.kernel, "v7.1") && !strcmp(c.perf, "perf-7.1") &&
		   c.nr_patches == 1 && c.patches_set && c.nr_steps == 2 &&
		   c.steps[1].nmi_evsel == 0 && c.steps_line == 8 &&
		   c.step_col[1] == 20 && c.scenario_col == 10,
	   "cex: a good file, with its positions");
	/* every prefix of a good file: parses, or fails with a reason */
	for (size_t n = 0; n <= strlen(GOOD); n++) {
		ret = parse_cex(GOOD, n, &c2, &err);
		if (ret && !err.msg[0])
			break;
		if (n == strlen(GOOD))
			ok(!ret, "cex: every prefix parses or says why");
	}
}

static void cex_round_trip(void)
{
	static struct cex c, back;
	struct scn_error err;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	int ret;

	snprintf(c.note, sizeof(c.note), ": warn-aux-nest: a note");
	snprintf(c.scenario, sizeof(c.scenario), "dir/c001 x.scn");
	snprintf(c.kernel, sizeof(c.kernel), "v7.1");
	snprintf(c.perf, sizeof(c.perf), "perf-7.1");
	c.patches_set = true;
	snprintf(c.patches[0], SCN_NAME_LEN, "aux-pause-throttle-v1");
	snprintf(c.patches[1], SCN_NAME_LEN, "mutant-ignore-paused");
	c.nr_patches = 2;
	step__parse_list("overflow:1:1,switch:0:-1+nmi:1:2,sigusr2", 40,
			 c.steps, MC_MAX_DEPTH, NULL, NULL);
	c.nr_steps = 3;
	ok(!cex__write(f, &c), "cex__write()");
	fclose(f);
	ret = parse_cex(buf, len, &back, &err);
	ok(!ret && !strcmp(back.note, c.note) &&
		   !strcmp(back.scenario, c.scenario) &&
		   !strcmp(back.kernel, c.kernel) &&
		   !strcmp(back.perf, c.perf) && back.nr_patches == 2 &&
		   !strcmp(back.patches[1], c.patches[1]) &&
		   back.nr_steps == 3 &&
		   !memcmp(back.steps, c.steps, 3 * sizeof(*c.steps)),
	   "cex__write() then cex__parse(): the same counterexample");
	free(buf);
	buf = NULL;
	f = open_memstream(&buf, &len);
	c.nr_patches = 0;
	c.kernel[0] = '\0';
	cex__write(f, &c);
	fclose(f);
	ret = parse_cex(buf, len, &back, &err);
	ok(!ret && back.patches_set && !back.nr_patches && !back.kernel[0] &&
		   strstr(buf, "patch none\n") && !strstr(buf, "scenario-") &&
		   !strstr(buf, "invariant") && !back.has_hash,
	   "... with no patch ('patch none') and no kernel line; an older "
	   "file's keys only");
	free(buf);
	buf = NULL;
	f = open_memstream(&buf, &len);
	snprintf(c.scenario_abs, sizeof(c.scenario_abs), "/a b/dir/c001 x.scn");
	c.has_hash = true;
	c.scenario_hash = 0x00f1e2d3c4b5a697ULL;
	snprintf(c.invariant, sizeof(c.invariant), "throttle-stops-aux");
	cex__write(f, &c);
	fclose(f);
	ret = parse_cex(buf, len, &back, &err);
	ok(!ret && !strcmp(back.scenario_abs, c.scenario_abs) &&
		   back.has_hash && back.scenario_hash == c.scenario_hash &&
		   !strcmp(back.invariant, "throttle-stops-aux") &&
		   strstr(buf, "\nscenario-hash fnv1a64:00f1e2d3c4b5a697\n"),
	   "... and scenario-abs, scenario-hash, invariant");
	free(buf);
}

/* FNV-1a 64 (cex.h), the published test vectors; relative paths */
static void cex_paths(void)
{
	static const struct {
		const char *in;
		uint64_t h;
	} fnv[] = {
		{ "", 0xcbf29ce484222325ULL },
		{ "a", 0xaf63dc4c8601ec8cULL },
		{ "foobar", 0x85944171f73967e8ULL },
	};
	static const struct {
		const char *from, *to, *rel;
	} rel[] = {
		{ "/src/auxsim", "/src/auxsim/scenarios/c.scn", "scenarios/c.scn" },
		{ "/src/auxsim/cex", "/src/auxsim/scenarios/c.scn",
		  "../scenarios/c.scn" },
		{ "/src/auxsim/a/b", "/src/auxsim/c.scn", "../../c.scn" },
		{ "/src/aux", "/src/auxsim/c.scn", "../auxsim/c.scn" },
		{ "/src/auxsim", "/src/aux/c.scn", "../aux/c.scn" },
		{ "/", "/src/c.scn", "src/c.scn" },
		{ "/tmp", "/src/c.scn", "../src/c.scn" },
	};
	char buf[256], small[8];

	for (size_t i = 0; i < sizeof(fnv) / sizeof(*fnv); i++)
		ok(cex__fnv1a64(CEX_FNV1A64_BASIS, fnv[i].in,
				strlen(fnv[i].in)) == fnv[i].h,
		   "FNV-1a 64 of '%s'", fnv[i].in);
	for (size_t i = 0; i < sizeof(rel) / sizeof(*rel); i++) {
		int ret = cex__relpath(buf, sizeof(buf), rel[i].from, rel[i].to);

		if (!ok(!ret && !strcmp(buf, rel[i].rel), "%s from %s: %s",
			rel[i].to, rel[i].from, rel[i].rel))
			diag("  got %d '%s'", ret, buf);
	}
	ok(cex__relpath(small, sizeof(small), "/a/b/c", "/d/e.scn") ==
		   -ENAMETOOLONG,
	   "a relative path too long for the buffer: -ENAMETOOLONG");
}

int main(void)
{
	step_lists();
	step_checks();
	cex_errors();
	cex_round_trip();
	cex_paths();
	return done_testing();
}
