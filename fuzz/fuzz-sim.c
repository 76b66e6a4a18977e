// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz-sim.c - libFuzzer target for a bounded simulation of a parsed
 * scenario, and for everything that reads its result.
 *
 *	make fuzz FUZZ_TARGETS=fuzz-sim FUZZ_SECONDS=600
 *
 * An input is a header of FUZZ_SIM_HDR bytes, then a scenario file:
 *
 *	byte 0	kernel: 0 the scenario's, else kernel_variants[(b - 1) % n]
 *	byte 1	perf: 0 the scenario's, else perf_variants[(b - 1) % n]
 *	byte 2	patches: 0 the scenario's; 0xff none; else a list of
 *	byte 3	  patch_variants[(b - 1) % n] for byte 2, and for byte 3 if
 *		  not 0, keeping those that apply to the kernel
 *	byte 4	the longest run: run_caps_ms[b % 8] (1 ms .. 100 ms), or
 *		  the scenario's duration if shorter; its signal lines may
 *		  ask for FUZZ_MAX_SNAPSHOTS at most
 *	byte 5	flags: 1 the kernel log, 2 the verbose text report, 4 run
 *		  twice and compare (determinism), 8 seed from bytes 6-7,
 *		  16 also write the perf.data (with its ETMv4 trace and the
 *		  ELF beside it) and the truth, when the perf.data is at most
 *		  FUZZ_MAX_DATA bytes
 *	byte 6-7  the seed, little endian (flag 8)
 *
 * The scenario is parsed as fuzz-scenario.c does; when it parses, it runs
 * through sim__run() with struct sim_config's duration_ns capped as byte
 * 4 says, so that an input takes milliseconds.  The statements after the
 * cap are dropped first, as a run with --duration would skip them (without
 * its warnings on stderr).  The run-time limits of run-limits.h must make
 * every run end; -timeout catches one that does not.
 *
 * Then every writer of a result runs (reports, SVG, Chrome trace events,
 * the perf.data size): the text report to one /dev/null FILE opened
 * once, the JSON documents and the SVG to memory, where they must be
 * well formed (wellformed.h).  The invariants that any run must keep are
 * checked; a violation aborts with a line saying which.  The writers that take a path (perf.data, truth)
 * write, with flag 16, into a directory of their own under /dev/shm (or
 * $TMPDIR), removed at exit: never to /dev/null, which their rename into
 * place would replace.
 */
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/machine.h"
#include "model/model.h"
#include "tools/perf/util/data.h"
#include "output/truth.h"
#include "output/report.h"
#include "scenario/scenario.h"
#include "sim/sim.h"
#include "output/svg.h"
#include "output/trace-json.h"
#include "model/variant.h"
#include "wellformed.h"
#include "../tests/held-bytes.h"

#define FUZZ_SIM_HDR 8
#define MS 1000000ull
/*
 * Snapshots a run may take here: each one reads every AUX buffer and is
 * a page or so in every report, so that the 10,000 a scenario may ask
 * for (AUXSIM_MAX_SNAPSHOTS) take seconds under ASan; milliseconds are
 * the budget of one input.
 */
#define FUZZ_MAX_SNAPSHOTS 256
/* the largest perf.data flag 16 writes (its trace is made byte by byte) */
#define FUZZ_MAX_DATA (1u << 20)

enum {
	FLAG_LOG = 1,
	FLAG_VERBOSE = 2,
	FLAG_TWICE = 4,
	FLAG_SEED = 8,
	FLAG_FILES = 16,
};

static const uint64_t run_caps_ms[8] = {1, 2, 3, 5, 10, 20, 50, 100};

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *null_out;
static char tmp_dir[256], data_path[300], truth_path[300];
static struct auxsim_scenario scn;
static int nr_kernels, nr_perfs, nr_patches;

/* the files flag 16 wrote: every name but . and .. */
static void remove_tmp_files(void)
{
	DIR *d = opendir(tmp_dir);
	struct dirent *de;

	while (d && (de = readdir(d))) {
		char path[600];

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		snprintf(path, sizeof(path), "%s/%s", tmp_dir, de->d_name);
		unlink(path);
	}
	if (d)
		closedir(d);
}

static void remove_tmp_dir(void)
{
	remove_tmp_files();
	rmdir(tmp_dir);
}

static void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void fail(const char *fmt, ...)
{
	va_list ap;

	remove_tmp_dir();
	fprintf(stderr, "fuzz-sim: invariant: ");
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
	const char *tmp = getenv("TMPDIR");

	null_out = fopen("/dev/null", "w");
	if (!null_out) {
		perror("fuzz-sim: /dev/null");
		exit(1);
	}
	if (!access("/dev/shm", W_OK))
		tmp = "/dev/shm";
	snprintf(tmp_dir, sizeof(tmp_dir), "%s/fuzz-sim.XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(tmp_dir)) {
		perror("fuzz-sim: mkdtemp");
		exit(1);
	}
	atexit(remove_tmp_dir);
	snprintf(data_path, sizeof(data_path), "%s/perf.data", tmp_dir);
	snprintf(truth_path, sizeof(truth_path), "%s/truth.txt", tmp_dir);
	while (kernel_variants[nr_kernels].name)
		nr_kernels++;
	while (perf_variants[nr_perfs].name)
		nr_perfs++;
	while (patch_variants[nr_patches].name)
		nr_patches++;
	return 0;
}

/* the variants the header asks for, into @cfg */
static void pick_variants(const uint8_t *h, struct sim_config *cfg)
{
	const struct kernel_variant *k;

	if (h[0])
		cfg->kernel = kernel_variants[(h[0] - 1) % nr_kernels].name;
	if (h[1])
		cfg->perf = perf_variants[(h[1] - 1) % nr_perfs].name;
	k = variant__find_kernel(cfg->kernel	 ? cfg->kernel
				 : scn.kernel[0] ? scn.kernel
						 : KERNEL_DEFAULT);
	if (!h[2] || !k)
		return;
	cfg->patches_set = true;
	if (h[2] == 0xff)
		return;
	for (int i = 2; i < 4; i++) {
		const struct patch_variant *p;

		if (!h[i])
			continue;
		p = &patch_variants[(h[i] - 1) % nr_patches];
		if (!variant__patch_applies(p, k) ||
		    (cfg->nr_patches && !strcmp(cfg->patches[0], p->name)))
			continue;
		cfg->patches[cfg->nr_patches++] = p->name;
	}
}

/*
 * Drop what a run of @cap ns does not reach, as sim__run() with a shorter
 * --duration skips it: slices and actions are in time order, signals not.
 */
static void drop_after(uint64_t cap)
{
	int n = 0;

	while (scn.nr_slices && scn.slices[scn.nr_slices - 1].start_ns >= cap)
		scn.nr_slices--;
	while (scn.nr_actions && scn.actions[scn.nr_actions - 1].at_ns >= cap)
		scn.nr_actions--;
	for (int i = 0; i < scn.nr_signals; i++)
		if (scn.signals[i].at_ns < cap)
			scn.signals[n++] = scn.signals[i];
	scn.nr_signals = n;
}

static void check_slices(const struct sim_result *res)
{
	uint64_t end = res->duration_ns;

	for (int i = 0; i < res->nslices; i++) {
		const struct sim_slice *sl = &res->slices[i];

		CHECK(sl->id == (uint32_t)i + 1, "slice %d has id %u", i,
		      sl->id);
		CHECK(i == 0 || res->slices[i - 1].t0 <= sl->t0,
		      "slices out of start order at %u", sl->id);
		CHECK(sl->t0 < end && sl->t0 <= sl->t1 && sl->t1 <= end,
		      "slice %u at [%" PRIu64 ", %" PRIu64
		      ") in a run of %" PRIu64,
		      sl->id, sl->t0, sl->t1, end);
		CHECK(sl->s0 <= sl->s1,
		      "slice %u: stream %" PRIu64 "..%" PRIu64, sl->id, sl->s0,
		      sl->s1);
		CHECK(sl->cpu >= 0 && sl->cpu < res->mc->nr_cpus &&
			      sl->task >= 0 && sl->task < res->scn->nr_tasks,
		      "slice %u: cpu %d task %d", sl->id, sl->cpu, sl->task);
		CHECK(sl->ncap >= 0 && sl->ncap <= SIM_MAX_CAP,
		      "slice %u: %d captured ranges", sl->id, sl->ncap);
	}
}

static void check_reads(const struct sim_result *res)
{
	int next_piece = 0;

	for (int i = 0; i < res->nreads; i++) {
		const struct sim_read *r = &res->reads[i];
		uint64_t bytes = 0;

		CHECK(r->first_piece == next_piece && r->nr_pieces >= 0 &&
			      r->first_piece + r->nr_pieces <= res->npieces,
		      "read %d: pieces %d+%d of %d", i, r->first_piece,
		      r->nr_pieces, res->npieces);
		next_piece += r->nr_pieces;
		CHECK(i == 0 || res->reads[i - 1].rd.time_ns <= r->rd.time_ns,
		      "read %d out of time order", i);
		CHECK(r->rd.time_ns <= res->duration_ns,
		      "read %d at %" PRIu64 " after the run", i, r->rd.time_ns);
		for (int p = 0; p < r->nr_pieces; p++) {
			const struct sim_piece *pc =
				&res->pieces[r->first_piece + p];

			CHECK(pc->slice <= (uint32_t)res->nslices,
			      "read %d: a piece of slice %u of %d", i,
			      pc->slice, res->nslices);
			bytes += pc->len;
		}
		CHECK(bytes == sim_read__bytes(r),
		      "read %d: pieces of %" PRIu64 " bytes, kinds %" PRIu64, i,
		      bytes, sim_read__bytes(r));
	}
	CHECK(next_piece == res->npieces, "%d pieces in no read",
	      res->npieces - next_piece);
}

static void check_snapshots(const struct sim_result *res)
{
	uint64_t captured = 0, held;

	int next_read = 0;

	for (int k = 0; k < res->nsnaps; k++) {
		const struct sim_snapshot *sn = &res->snaps[k];
		uint64_t total = 0;

		CHECK(sn->index == (uint32_t)k + 1, "snapshot %d has index %u",
		      k, sn->index);
		CHECK(sn->t_signal <= res->duration_ns &&
			      (k == 0 ||
			       res->snaps[k - 1].t_signal <= sn->t_signal),
		      "snapshot %u at %" PRIu64, sn->index, sn->t_signal);
		CHECK(sn->t_enable > sn->t_signal,
		      "snapshot %u: enabled at %" PRIu64 ", signal at %" PRIu64,
		      sn->index, sn->t_enable, sn->t_signal);
		CHECK(sn->first_read >= next_read && sn->nr_reads >= 0 &&
			      sn->first_read + sn->nr_reads <= res->nreads,
		      "snapshot %u: reads %d+%d of %d", sn->index,
		      sn->first_read, sn->nr_reads, res->nreads);
		next_read = sn->first_read + sn->nr_reads;
		for (int r = sn->first_read; r < next_read; r++) {
			CHECK(res->reads[r].rd.snapshot == sn->index,
			      "snapshot %u holds read %d of snapshot %u",
			      sn->index, r, res->reads[r].rd.snapshot);
			total += res->reads[r].rd.size;
		}
		CHECK(total == sn->total_bytes,
		      "snapshot %u: %" PRIu64 " bytes, reads of %" PRIu64,
		      sn->index, sn->total_bytes, total);
		CHECK(sn->trace_bytes <= sn->total_bytes,
		      "snapshot %u: %" PRIu64 " trace bytes of %" PRIu64,
		      sn->index, sn->trace_bytes, sn->total_bytes);
		/* sim.h: every byte counts in its interval, lost at most once */
		CHECK(sn->emitted_bytes ==
			      sn->captured_bytes + sn->missing_bytes,
		      "snapshot %u: emitted %" PRIu64 " != captured %" PRIu64
		      " + lost %" PRIu64,
		      sn->index, sn->emitted_bytes, sn->captured_bytes,
		      sn->missing_bytes);
		CHECK(sn->nsl >= 0 && sn->nsl <= res->nslices,
		      "snapshot %u: %d slices of %d", sn->index, sn->nsl,
		      res->nslices);
		for (int i = 0; i < sn->nsl; i++) {
			const struct snap_slice *ss = &sn->sl[i];

			CHECK(ss->slice >= 1 &&
				      ss->slice <= (uint32_t)res->nslices &&
				      ss->status <= SNAP_MISSING &&
				      (ss->status == SNAP_WHOLE) ==
					      (ss->held >= ss->emitted) &&
				      (ss->status == SNAP_MISSING) == !ss->held,
			      "snapshot %u: slice %u status %u held %" PRIu64
			      " of %" PRIu64,
			      sn->index, ss->slice, ss->status, ss->held,
			      ss->emitted);
		}
		captured += sn->captured_bytes;
		CHECK(!sn->discontinuous ||
			      (sn->disc_missing && sn->disc_older &&
			       sn->disc_missing <= (uint32_t)res->nslices &&
			       sn->disc_older <= (uint32_t)res->nslices),
		      "snapshot %u: discontinuous with slices %u, %u",
		      sn->index, sn->disc_missing, sn->disc_older);
	}
	/* a byte counts in one interval, as captured only if a snapshot
	 * up to then holds it */
	held = held_by_snapshots(res);
	CHECK(held != UINT64_MAX, "out of memory");
	CHECK(captured <= held,
	      "the intervals count %" PRIu64 " bytes captured, the snapshots "
	      "hold %" PRIu64,
	      captured, held);
}
static void check_result(const struct sim_result *res, uint64_t cap)
{
	uint64_t end = res->duration_ns;

	CHECK(end > 0 && end <= cap, "a run of %" PRIu64 " ns, cap %" PRIu64,
	      end, cap);
	CHECK(!res->interrupted_signo, "interrupted by signal %d",
	      res->interrupted_signo);
	check_slices(res);
	check_reads(res);
	check_snapshots(res);
	for (int i = 0; i < res->nwarns; i++) {
		const struct aux_warning *w = &res->warns[i].w;

		CHECK(w->site >= 0 && w->site < NR_WARN_SITES,
		      "WARN %d at site %d", i, w->site);
		CHECK(w->cpu >= 0 && w->cpu < res->mc->nr_cpus &&
			      w->time_ns <= end && w->depth >= 0,
		      "WARN %d: cpu %d at %" PRIu64 " depth %d", i, w->cpu,
		      w->time_ns, w->depth);
		for (int d = 0; d < w->depth && d < AUX_MAX_STACK; d++)
			CHECK(w->stack[d] != NULL, "WARN %d: no frame %d", i,
			      d);
	}
	for (int i = 0; i < res->nrecs; i++) {
		const struct aux_record *r = &res->recs[i];

		CHECK(r->time_ns <= end && r->cpu >= -1 &&
			      r->cpu < res->mc->nr_cpus,
		      "record %d (type %u): cpu %d at %" PRIu64, i, r->type,
		      r->cpu, r->time_ns);
	}
	for (int i = 0; i < res->ntracer; i++) {
		const struct sim_tracer_change *c = &res->tracer[i];

		CHECK(c->time_ns <= end &&
			      (i == 0 ||
			       res->tracer[i - 1].time_ns <= c->time_ns) &&
			      c->cpu >= 0 && c->cpu < res->mc->nr_cpus &&
			      c->state < NR_TRACER_STATES,
		      "tracer change %d: cpu %d state %u at %" PRIu64, i,
		      c->cpu, c->state, c->time_ns);
	}
	for (int i = 0; i < res->nusr2; i++) {
		const struct sim_usr2 *u = &res->usr2[i];

		CHECK(u->t < end && (i == 0 || res->usr2[i - 1].t <= u->t) &&
			      u->snap <= (uint32_t)res->nsnaps &&
			      (!u->snap ||
			       res->snaps[u->snap - 1].t_signal == u->t),
		      "SIGUSR2 %d at %" PRIu64 ": snapshot %u", i, u->t,
		      u->snap);
	}
	CHECK(res->ignored_signals <= (uint32_t)res->nusr2,
	      "%u signals ignored of %d", res->ignored_signals, res->nusr2);
}

/*
 * The model's own invariants (model.h), on the state at the end; not of a
 * mutant, a kernel broken on purpose for the checker's tests.
 */
static void check_final(const struct sim_result *res)
{
	static struct aux_model m;
	uint32_t kpatch = 0;
	char why[256];

	for (int i = 0; i < res->nr_patches; i++) {
		const struct patch_variant *p =
			variant__find_patch(res->patches[i]);

		CHECK(p != NULL, "unknown patch %s", res->patches[i]);
		if (p->mutant)
			return;
		kpatch |= p->bit;
	}
	aux_model__init(&m, res->mc, res->kernel, kpatch, res->perf);
	m.s = res->final;
	CHECK(!aux_state__check(&m, why, sizeof(why)), "the final state: %s",
	      why);
}

enum writer { W_JSON, W_SVG, W_TRACE_JSON };

/* what writer @w writes of @res, in a malloc'ed buffer of *@len bytes */
static char *output_of(enum writer w, const struct sim_result *res, size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);
	int ret = 0;

	CHECK(f != NULL, "open_memstream failed");
	if (w == W_JSON)
		report__json(f, res);
	else if (w == W_SVG)
		ret = svg__write(f, res);
	else
		ret = trace_json__write(f, res);
	CHECK(!ret, "writer %d failed: %d", w, ret);
	fclose(f);
	return buf;
}

/* writer @w's output is well formed (wellformed.h) */
static void check_output(enum writer w, const struct sim_result *res)
{
	static const char *const names[] = {"report__json", "svg__write",
					    "trace_json__write"};
	size_t len, at;
	char *out = output_of(w, res, &len);
	const char *why =
		w == W_SVG ? wf_xml(out, len, &at) : wf_json(out, len, &at);

	if (why)
		fail("%s: %s at byte %zu of %zu: '%.40s'", names[w], why, at,
		     len, out + (at > 20 ? at - 20 : 0));
	free(out);
}

/*
 * Every writer of a result: the text report to /dev/null (never through
 * a rename), the JSON documents and the SVG to memory, to check that they
 * are well formed.
 */
static void write_all(struct sim_result *res, int verbose)
{
	res->perf_data_bytes = perf_data__size(res);
	res->perf_data_path = NULL;
	report__text(null_out, res, verbose);
	fflush(null_out);
	clearerr(null_out);
	check_output(W_JSON, res);
	check_output(W_SVG, res);
	check_output(W_TRACE_JSON, res);
}

/* bytes of a file name in a PERF_RECORD_MMAP2: NUL-terminated, padded to 8 */
static uint64_t name_bytes(size_t len)
{
	return (len + 1 + 7) & ~(uint64_t)7;
}

/*
 * The writers that take a path.  The perf.data must be as long as
 * perf_data__size() counted (perf's "Captured and wrote"), but for the
 * name of the traced program in its MMAP2: /usr/bin/COMM in the count,
 * in the file the ELF written beside it, named after the perf.data
 * (DIR/perf.data.auxsim.elf, whatever COMM is).
 */
static void write_files(struct sim_result *res)
{
	int traced = res->scn->traced_task;
	const char *comm =
		traced >= 0 ? res->scn->tasks[traced].comm : "workload";
	uint64_t captured = 0, want;
	char err[512];
	struct stat st;
	int ret;

	if (res->perf_data_bytes > FUZZ_MAX_DATA)
		return;
	ret = perf_data__write(data_path, res, &captured, err, sizeof(err));
	CHECK(!ret, "perf_data__write: %s", err);
	want = res->perf_data_bytes -
	       name_bytes(strlen("/usr/bin/") + strlen(comm)) +
	       name_bytes(strlen(data_path) + strlen(".auxsim.elf"));
	CHECK(captured == want,
	      "perf.data of %" PRIu64 " bytes, %" PRIu64 " counted (%" PRIu64
	      " with the ELF's name)",
	      captured, res->perf_data_bytes, want);
	CHECK(!stat(data_path, &st) && (uint64_t)st.st_size > captured,
	      "perf.data: %" PRIu64 " bytes on disk, %" PRIu64 " captured",
	      (uint64_t)st.st_size, captured);
	ret = perf_truth__write(truth_path, res, err, sizeof(err));
	CHECK(!ret, "perf_truth__write: %s", err);
	remove_tmp_files(); /* a crash leaves one input's files at most */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sim_config cfg = {0};
	struct sim_result res;
	struct scn_error err;
	uint64_t cap, snapshots = 0;
	char msg[512];
	uint8_t flags;
	int ret;

	if (size < FUZZ_SIM_HDR)
		return -1;
	if (scenario__parse("fuzz.scn", (const char *)data + FUZZ_SIM_HDR,
			    size - FUZZ_SIM_HDR, &scn, &err))
		return 0;
	pick_variants(data, &cfg);
	flags = data[5];
	cfg.log = flags & FLAG_LOG;
	if (flags & FLAG_SEED) {
		cfg.seed_set = true;
		cfg.seed = data[6] | (uint64_t)data[7] << 8;
	}
	cap = run_caps_ms[data[4] % 8] * MS;
	if (scn.duration_ns > cap) {
		drop_after(cap);
		cfg.duration_ns = cap;
	} else {
		cap = scn.duration_ns;
	}
	for (int i = 0; i < scn.nr_signals; i++) {
		snapshots += scn_signal__deliveries(&scn.signals[i], cap);
		if (snapshots > FUZZ_MAX_SNAPSHOTS)
			return -1; /* too slow for here: not in the corpus */
	}

	ret = sim__run(&scn, &cfg, &res, msg, sizeof(msg));
	if (ret) {
		/* variants the header chose, or a run-time limit */
		CHECK(ret == -EINVAL || ret == -E2BIG, "sim__run: %d (%s)", ret,
		      msg);
		CHECK(msg[0] != '\0', "sim__run: %d without a message", ret);
		return 0;
	}
	CHECK(res.kernel && res.perf && res.mc, "a result without variants");
	CHECK(cfg.log || !res.nlog, "%d log lines without the log", res.nlog);
	if (!res.open_error) {
		check_result(&res, cap);
		check_final(&res);
	}
	write_all(&res, flags & FLAG_VERBOSE);
	if (flags & FLAG_FILES)
		write_files(&res);
	if (flags & FLAG_TWICE) {
		struct sim_result again;
		size_t n1, n2;
		char *j1 = output_of(W_JSON, &res, &n1), *j2;

		CHECK(!sim__run(&scn, &cfg, &again, msg, sizeof(msg)),
		      "the second run failed: %s", msg);
		again.perf_data_bytes = perf_data__size(&again);
		CHECK(again.perf_data_bytes == res.perf_data_bytes,
		      "perf.data sizes %" PRIu64 " and %" PRIu64,
		      res.perf_data_bytes, again.perf_data_bytes);
		j2 = output_of(W_JSON, &again, &n2);
		CHECK(n1 == n2 && !memcmp(j1, j2, n1),
		      "two runs, two JSON reports (%zu and %zu bytes)", n1, n2);
		free(j1);
		free(j2);
		sim_result__free(&again);
	}
	sim_result__free(&res);
	return 0;
}
