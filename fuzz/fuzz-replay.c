// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz-replay.c - libFuzzer target for what `auxsim replay` reads: step
 * lists (step.h) and counterexample files (cex.h), and the replay of the
 * steps they give.  Built like auxsim-check, with -DAUXSIM_CHECK.
 *
 *	make fuzz FUZZ_TARGETS=fuzz-replay FUZZ_SECONDS=600
 *
 * The input bytes, as they are (not NUL-terminated: the parsers must not
 * read past them), go to
 *  - cex__parse(): an error has a position and a message; a file that
 *    parses is written back with cex__write() and parsed again, and must
 *    give the same struct cex (but for the positions), and the same bytes
 *    when written a second time; a "no counterexample" file (cex.h:
 *    CEX_NONE_MAGIC) has no steps and is not replayed, any other has 1 to
 *    MC_MAX_DEPTH;
 *  - step__parse_list(), as --steps: the same for errors, and each step
 *    round-trips through step__format() and step__parse();
 * and the steps of either are replayed: every step is checked against the
 * scenario (step__check(), as builtin-replay.c does) and, when all pass,
 * mc__replay() runs them to a /dev/null FILE.  Any valid list of steps
 * must replay without a crash or a sanitizer report.
 *
 * The scenarios are scenarios/c*.scn and tests/scenarios/check-snapshot.scn,
 * compiled in (replay-scenarios.h, made by the Makefile).  A counterexample
 * file picks one by the base name of its `scenario` line (any other name
 * picks one by a hash of it) and runs it with its own variants; a step list
 * picks one by its length.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/cex.h"
#include "check/check.h"
#include "model/model.h"
#include "scenario/scenario.h"
#include "sim/sim.h"
#include "check/step.h"

#include "replay-scenarios.h" /* replay_scenarios[]: { name, text } */

#define NR_SCENARIOS                                                           \
	((int)(sizeof(replay_scenarios) / sizeof(replay_scenarios[0])))

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *null_out;
static struct auxsim_scenario scns[NR_SCENARIOS];
static struct aux_model model;
static struct cex cex, again;

static void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void fail(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "fuzz-replay: invariant: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	abort();
}

#define CHECK(cond, ...)                                                       \
	do {                                                                   \
		if (!(cond))                                                   \
			fail(__VA_ARGS__);                                     \
	} while (0)

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	null_out = fopen("/dev/null", "w");
	if (!null_out) {
		perror("fuzz-replay: /dev/null");
		exit(1);
	}
	for (int i = 0; i < NR_SCENARIOS; i++) {
		const struct replay_scenario *rs = &replay_scenarios[i];
		struct scn_error err;

		if (scenario__parse(rs->name, rs->text, strlen(rs->text),
				    &scns[i], &err)) {
			fprintf(stderr, "fuzz-replay: %s:%d:%d: %s\n", rs->name,
				err.line, err.col, err.msg);
			exit(1);
		}
	}
	return 0;
}

static bool printable(const char *s, size_t size)
{
	size_t n = strnlen(s, size);

	if (n == size)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20)
			return false;
	return true;
}

static bool same_step(const struct step *a, const struct step *b)
{
	return a->kind == b->kind && a->cpu == b->cpu && a->arg == b->arg &&
	       a->nmi_evsel == b->nmi_evsel &&
	       (a->nmi_evsel < 0 || a->nmi_point == b->nmi_point);
}

/* a step that parsed: it is what step__format() writes, read back */
static void check_step_round_trip(const struct step *st)
{
	struct step back;
	char buf[64];
	int n = step__format(buf, sizeof(buf), st);

	CHECK(n > 0 && n < (int)sizeof(buf), "step__format: %d", n);
	CHECK(st->kind < NR_STEP_KINDS, "step kind %u", st->kind);
	CHECK(!step__parse(buf, &back), "'%s' does not parse back", buf);
	CHECK(same_step(st, &back), "'%s' parses back as another step", buf);
}

/* how many lines @size bytes at @data have, the last one unended too */
static int nr_lines(const uint8_t *data, size_t size)
{
	int n = 1;

	for (size_t i = 0; i < size; i++)
		n += data[i] == '\n';
	return n;
}

static void check_cex_error(int ret, const struct scn_error *err,
			    const uint8_t *data, size_t size)
{
	CHECK(ret == -EINVAL || ret == -E2BIG, "cex__parse: %d", ret);
	CHECK(err->msg[0] && printable(err->msg, sizeof(err->msg)),
	      "cex__parse: %d without a message", ret);
	CHECK(err->line >= 0 && err->line <= nr_lines(data, size) &&
		      (err->line == 0 || err->col >= 1),
	      "cex__parse: error at %d:%d (%s)", err->line, err->col, err->msg);
}

static void check_list_error(int ret, const struct step_error *se, size_t size)
{
	CHECK(ret == -EINVAL || ret == -E2BIG, "step__parse_list: %d", ret);
	CHECK(se->msg[0] && printable(se->msg, sizeof(se->msg)) &&
		      printable(se->token, sizeof(se->token)),
	      "step__parse_list: %d without a message", ret);
	CHECK(se->index >= 0 && se->index <= MC_MAX_DEPTH + 1 && se->col >= 1 &&
		      (size_t)se->col <= size + 1,
	      "step__parse_list: step %d column %d of %zu bytes (%s)",
	      se->index, se->col, size, se->msg);
}

static bool same_cex(const struct cex *a, const struct cex *b)
{
	if (a->none != b->none || strcmp(a->note, b->note) ||
	    strcmp(a->scenario, b->scenario) || strcmp(a->kernel, b->kernel) ||
	    strcmp(a->perf, b->perf) || a->patches_set != b->patches_set ||
	    a->nr_patches != b->nr_patches || a->nr_steps != b->nr_steps)
		return false;
	for (int i = 0; i < a->nr_patches; i++)
		if (strcmp(a->patches[i], b->patches[i]))
			return false;
	for (int i = 0; i < a->nr_steps; i++)
		if (!same_step(&a->steps[i], &b->steps[i]))
			return false;
	return true;
}

/* @c written by cex__write(), in a malloc'ed buffer of *@len bytes */
static char *cex_text(const struct cex *c, size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);

	if (!f)
		abort();
	CHECK(!cex__write(f, c), "cex__write failed");
	fclose(f);
	return buf;
}

static void cex_round_trip(void)
{
	struct scn_error err;
	size_t n1, n2;
	char *t1 = cex_text(&cex, &n1), *t2;
	int ret = cex__parse(t1, n1, &again, &err);

	CHECK(!ret, "cex__write wrote what cex__parse refuses: %d:%d: %s",
	      err.line, err.col, err.msg);
	CHECK(same_cex(&cex, &again), "cex__write and cex__parse: another cex");
	t2 = cex_text(&again, &n2);
	CHECK(n1 == n2 && !memcmp(t1, t2, n1),
	      "cex__write: two texts of the same cex");
	free(t1);
	free(t2);
}

static const struct auxsim_scenario *scenario_named(const char *path)
{
	const char *base = strrchr(path, '/');
	size_t n, hash = 0;

	base = base ? base + 1 : path;
	n = strlen(base);
	if (n > 4 && !strcmp(base + n - 4, ".scn"))
		n -= 4;
	for (int i = 0; i < NR_SCENARIOS; i++)
		if (strlen(replay_scenarios[i].name) == n &&
		    !strncmp(replay_scenarios[i].name, base, n))
			return &scns[i];
	for (const char *p = path; *p; p++)
		hash = hash * 31 + (unsigned char)*p;
	return &scns[hash % NR_SCENARIOS];
}

/*
 * @nr steps on @scn with @cfg: each checked as builtin-replay.c does, and
 * replayed when they all may be taken.
 */
static void replay(const struct auxsim_scenario *scn,
		   const struct sim_config *cfg, const struct step *steps,
		   int nr)
{
	const char *names[SCN_MAX_EVENTS];
	char err[512], why[256];

	if (sim__start(scn, cfg, &model, err, sizeof(err)))
		return; /* variants that do not go together */
	for (int i = 0; i < scn->rec.nr_events; i++)
		names[i] = scn->rec.events[i].text;
	for (int i = 0; i < nr; i++) {
		why[0] = '\0';
		if (step__check(&model, &steps[i], names, scn->rec.nr_events,
				why, sizeof(why))) {
			CHECK(why[0] && printable(why, sizeof(why)),
			      "step__check: no reason");
			return;
		}
	}
	mc__replay(null_out, scn, cfg, steps, nr, NULL);
	fflush(null_out);
	clearerr(null_out);
}

static void fuzz_cex(const uint8_t *data, size_t size)
{
	struct sim_config cfg = {0};
	struct scn_error err;
	int ret = cex__parse((const char *)data, size, &cex, &err);

	if (ret) {
		check_cex_error(ret, &err, data, size);
		return;
	}
	/* a file that says check found no violation has no steps; any other
	 * has 1 to MC_MAX_DEPTH */
	CHECK(cex.scenario[0] &&
		      (cex.none ? cex.nr_steps == 0
				: cex.nr_steps >= 1 &&
					  cex.nr_steps <= MC_MAX_DEPTH) &&
		      cex.nr_patches <= SCN_MAX_PATCHES &&
		      (!cex.nr_patches || cex.patches_set),
	      "%s of %d steps, %d patches",
	      cex.none ? "a 'no counterexample' file" : "a counterexample",
	      cex.nr_steps, cex.nr_patches);
	for (int i = 0; i < cex.nr_steps; i++)
		check_step_round_trip(&cex.steps[i]);
	cex_round_trip();
	if (cex.none)
		return; /* nothing to replay, as `auxsim replay` says */
	if (cex.kernel[0])
		cfg.kernel = cex.kernel;
	if (cex.perf[0])
		cfg.perf = cex.perf;
	cfg.patches_set = cex.patches_set;
	cfg.nr_patches = cex.nr_patches;
	for (int i = 0; i < cex.nr_patches; i++)
		cfg.patches[i] = cex.patches[i];
	cfg.log = size & 1;
	replay(scenario_named(cex.scenario), &cfg, cex.steps, cex.nr_steps);
}

static void fuzz_steps(const uint8_t *data, size_t size)
{
	static struct step steps[MC_MAX_DEPTH];
	static int cols[MC_MAX_DEPTH];
	struct sim_config cfg = {0};
	struct step_error se;
	struct step one;
	int nr;

	if (step__parse_n((const char *)data, size, &one, &se))
		CHECK(se.msg[0] && se.col >= 1 && (size_t)se.col <= size + 1,
		      "step__parse_n: column %d of %zu (%s)", se.col, size,
		      se.msg);
	else
		check_step_round_trip(&one);
	nr = step__parse_list((const char *)data, size, steps, MC_MAX_DEPTH,
			      cols, &se);
	if (nr < 0) {
		check_list_error(nr, &se, size);
		return;
	}
	CHECK(nr >= 1 && nr <= MC_MAX_DEPTH, "%d steps", nr);
	for (int i = 0; i < nr; i++) {
		CHECK(cols[i] >= 1 && (size_t)cols[i] <= size &&
			      (i == 0 || cols[i] > cols[i - 1]),
		      "step %d at column %d", i + 1, cols[i]);
		check_step_round_trip(&steps[i]);
	}
	cfg.log = size & 1;
	replay(&scns[size % NR_SCENARIOS], &cfg, steps, nr);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_cex(data, size);
	fuzz_steps(data, size);
	return 0;
}
