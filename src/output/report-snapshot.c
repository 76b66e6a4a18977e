// SPDX-License-Identifier: GPL-2.0
/*
 * report-snapshot.c - the snapshot section of the text report: the
 * kernel's PERF_RECORD_AUX, what each snapshot read and holds, whose trace
 * ended in which AUX buffer, and the run's summary line.
 */
#include <inttypes.h>
#include <string.h>

#include "output/report-priv.h"

#define HOLDS_MAX 16

const char *const snap_status_name[] = {
	[SNAP_WHOLE] = "whole",
	[SNAP_PART] = "part",
	[SNAP_MISSING] = "missing",
};

/* ---- snapshots ---- */

static void holds_line(FILE *out, const struct sim_result *res,
		       const struct sim_snapshot *sn, int verbose)
{
	int shown = 0, rest_held = 0, rest_missing = 0;
	struct report_line l;
	FILE *f = report__line_open(&l, out);

	/* one item a slice, broken between items only (WRAP_NBSP) */
	fprintf(f, "  holds (newest first):");
	for (int i = sn->nsl - 1; i >= 0; i--) {
		const struct snap_slice *ss = &sn->sl[i];
		const struct sim_slice *sl = sim_result__slice(res, ss->slice);

		if (!verbose && shown == HOLDS_MAX) {
			if (ss->held)
				rest_held++;
			else
				rest_missing++;
			continue;
		}
		fprintf(f, "%s %s@cpu%d" WRAP_NBSP_S "%s", shown ? "," : "",
			sl->label, sl->cpu, snap_status_name[ss->status]);
		if (ss->status == SNAP_PART)
			fprintf(f, WRAP_NBSP_S "%" PRIu64 "%%",
				ss->held * 100 / ss->emitted);
		if (ss->stale)
			fprintf(f, WRAP_NBSP_S "(stale)");
		if (ss->dup)
			fprintf(f, WRAP_NBSP_S "(dup" WRAP_NBSP_S "%" PRIu64 "%%)",
				ss->dup * 100 / (ss->held ? ss->held : 1));
		shown++;
	}
	if (!sn->nsl)
		fprintf(f, " nothing");
	if (rest_held || rest_missing)
		fprintf(f, ", ... %d older slices held, %d older missing",
			rest_held, rest_missing);
	report__line_close(&l, WRAP_HANG);
}

/* the kernel's PERF_RECORD_AUX since the previous snapshot, per CPU */
static void aux_since(FILE *out, const struct sim_result *res,
		      const struct sim_snapshot *sn)
{
	struct report_line l;
	FILE *f;
	uint64_t t0 = sn->index > 1 ? res->snaps[sn->index - 2].t_signal : 0;
	int n[MAX_CPUS] = { 0 }, total = 0;
	uint64_t bytes[MAX_CPUS] = { 0 };

	for (int i = 0; i < res->nrecs; i++) {
		const struct aux_record *r = &res->recs[i];

		if (r->type != PERF_RECORD_AUX || r->time_ns > sn->t_signal ||
		    (sn->index > 1 && r->time_ns <= t0) || r->cpu < 0 ||
		    r->cpu >= MAX_CPUS)
			continue;
		n[r->cpu]++;
		bytes[r->cpu] += r->size;
		total++;
	}
	f = report__line_open(&l, out);
	fprintf(f, "  kernel: %d PERF_RECORD_AUX since the previous snapshot",
		total);
	for (int c = 0, first = 1; c < MAX_CPUS; c++) {
		if (!n[c])
			continue;
		fprintf(f, "%s cpu%d" WRAP_NBSP_S "%dx" WRAP_NBSP_S
			   "%.3f" WRAP_NBSP_S "MiB",
			first ? ":" : ",", c, n[c], bytes[c] / MiB);
		first = 0;
	}
	report__line_close(&l, WRAP_HANG);
}

static void snapshot_text(FILE *f, const struct sim_result *res,
			  const struct sim_snapshot *sn, int verbose)
{
	char t[32], te[32];

	report__fmt_time(t, sizeof(t), sn->t_signal);
	report__fmt_time(te, sizeof(te), sn->t_enable);
	fprintf(f, "Snapshot %u at %s s (SIGUSR2: events disabled; "
		   "re-enabled at %s s)\n", sn->index, t, te);
	for (int r = sn->first_read; r < sn->first_read + sn->nr_reads; r++) {
		const struct sim_read *rd = &res->reads[r];

		/* perf report -D's line (at most 100 columns), then what
		 * perf read it from */
		fprintf(f, "  PERF_RECORD_AUXTRACE size: %#" PRIx64
			   "  offset: %#" PRIx64 "  idx: %d  tid: %d  cpu: %d\n"
			   "      [aux_head %#" PRIx64 " prev %#" PRIx64 "]\n",
			rd->rd.size, rd->rd.offset, rd->rd.mmap, rd->rd.tid,
			rd->rd.cpu, rd->rd.head, rd->rd.old);
		if (rd->rd.head - rd->rd.old > res->aux_size)
			wrap__printf(f, WRAP_HANG,
				     "      UNDER-READ: aux_head moved %#" PRIx64
				     " bytes since prev, more than the %#" PRIx64
				     "-byte buffer; (head - prev) mod size "
				     "copies %#" PRIx64,
				     rd->rd.head - rd->rd.old, res->aux_size,
				     rd->rd.size);
		if (rd->zero_bytes || rd->barrier_bytes || rd->untracked_bytes)
			wrap__printf(f, WRAP_HANG,
				     "      of which %" PRIu64 " never-written "
				     "(zero) bytes, %" PRIu64 " barrier, %" PRIu64
				     " untracked",
				     rd->zero_bytes, rd->barrier_bytes,
				     rd->untracked_bytes);
	}
	aux_since(f, res, sn);
	fprintf(f, "  total %" PRIu64 " bytes (%.3f MiB) in %d AUXTRACE "
		   "records\n",
		sn->total_bytes, sn->total_bytes / MiB, sn->nr_reads);
	holds_line(f, res, sn, verbose);
	if (sn->discontinuous) {
		const struct sim_slice *l = sim_result__slice(res, sn->disc_missing);
		const struct sim_slice *h = sim_result__slice(res, sn->disc_older);

		wrap__printf(f, WRAP_HANG,
			     "  DISCONTINUOUS: holds %s (cpu%d) but not all of "
			     "the newer %s (cpu%d): the trace jumps",
			     h->label, h->cpu, l->label, l->cpu);
	}
	if (sn->stale_bytes)
		wrap__printf(f, WRAP_HANG,
			     "  STALE: %" PRIu64 " bytes (%.3f MiB) from "
			     "slices that ended before the previous snapshot",
			     sn->stale_bytes, sn->stale_bytes / MiB);
	if (sn->dup_bytes)
		wrap__printf(f, WRAP_HANG,
			     "  DUPLICATE: %" PRIu64 " bytes (%.3f MiB) "
			     "already in an earlier snapshot",
			     sn->dup_bytes, sn->dup_bytes / MiB);
	if (sn->missing_bytes)
		wrap__printf(f, WRAP_HANG,
			     "  lost: %" PRIu64 " bytes (%.3f of %.3f MiB "
			     "emitted since the previous snapshot) are in no "
			     "snapshot",
			     sn->missing_bytes, sn->missing_bytes / MiB,
			     sn->emitted_bytes / MiB);
	fprintf(f, "\n");
}

static void aux_records_text(FILE *f, const struct sim_result *res,
			     int verbose)
{
	int n = 0;
	char fl[32], t[32];

	for (int i = 0; i < res->nrecs; i++)
		n += res->recs[i].type == PERF_RECORD_AUX;
	fprintf(f, "PERF_RECORD_AUX: %d records", n);
	if (!verbose && n > 24)
		fprintf(f, " (first and last 8; --verbose for all)");
	fprintf(f, "\n");
	for (int i = 0, k = 0; i < res->nrecs; i++) {
		const struct aux_record *r = &res->recs[i];

		if (r->type != PERF_RECORD_AUX)
			continue;
		k++;
		if (!verbose && n > 24 && k > 8 && k <= n - 8) {
			if (k == 9)
				fprintf(f, "  ...\n");
			continue;
		}
		report__fmt_time(t, sizeof(t), r->time_ns);
		fprintf(f, "  %12s cpu%d PERF_RECORD_AUX offset: %#" PRIx64
			   " size: %#" PRIx64 " flags: %#" PRIx64 " [%s]\n",
			t, r->cpu, r->offset, r->size, r->flags,
			report__aux_flags(r->flags, fl, sizeof(fl)));
	}
	fprintf(f, "\n");
}

static bool run_uses_cs_etm(const struct sim_result *res)
{
	for (int i = 0; i < res->scn->rec.nr_events; i++)
		if (!strcmp(res->scn->rec.events[i].pmu, "cs_etm"))
			return true;
	return false;
}

static void summary_text(FILE *f, const struct sim_result *res)
{
	uint64_t lo = UINT64_MAX, hi = 0, sum = 0;
	int disc = 0, stale = 0;

	for (int k = 0; k < res->nsnaps; k++) {
		const struct sim_snapshot *sn = &res->snaps[k];

		lo = sn->total_bytes < lo ? sn->total_bytes : lo;
		hi = sn->total_bytes > hi ? sn->total_bytes : hi;
		sum += sn->total_bytes;
		disc += sn->discontinuous;
		stale += !!sn->stale_bytes;
	}
	if (!res->final.tool.snapshot_mode) {
		uint64_t bytes = 0;
		int aux = 0, lost = 0;

		for (int i = 0; i < res->nreads; i++)
			bytes += res->reads[i].rd.size;
		for (int i = 0; i < res->nrecs; i++) {
			if (res->recs[i].type != PERF_RECORD_AUX)
				continue;
			aux++;
			lost += !!(res->recs[i].flags & PERF_AUX_FLAG_TRUNCATED);
		}
		fprintf(f, "Full-trace mode: %d AUXTRACE reads, %.3f MiB\n",
			res->nreads, bytes / MiB);
		if (lost)
			wrap__printf(f, WRAP_HANG,
				     "perf report will say: Warning: AUX data "
				     "lost %d times out of %d!",
				     lost, aux);
		if (res->usr2_sig_ign)
			/* perf's __cmd_record(): SIG_IGN unless -S or
			 * --switch-output */
			wrap__printf(f, WRAP_HANG,
				     "SIGUSR2 ignored %u %s: perf record without "
				     "-S ignores it (SIG_IGN)",
				     res->usr2_sig_ign,
				     res->usr2_sig_ign == 1 ? "time" : "times");
		return;
	}
	if (res->nsnaps) {
		uint64_t emitted = 0, lost_bytes = 0;

		for (int k = 0; k < res->nsnaps; k++) {
			emitted += res->snaps[k].emitted_bytes;
			lost_bytes += res->snaps[k].missing_bytes;
		}
		wrap__printf(f, WRAP_HANG,
			     "Snapshots: %d, %.3f .. %.3f MiB (mean %.3f MiB); "
			     "%d discontinuous, %d with stale data",
			     res->nsnaps, lo / MiB, hi / MiB,
			     sum / MiB / res->nsnaps, disc, stale);
		if (emitted)
			wrap__printf(f, WRAP_HANG,
				     "  lost: %.3f of the %.3f MiB emitted up "
				     "to the last snapshot are in no snapshot "
				     "(%.1f%%)",
				     lost_bytes / MiB, emitted / MiB,
				     100.0 * lost_bytes / emitted);
	} else {
		fprintf(f, "Snapshots: none\n");
	}
	if (res->ignored_signals)
		wrap__printf(f, WRAP_HANG,
			     "SIGUSR2 ignored %u %s (snapshot in progress: "
			     "trigger not ready)",
			     res->ignored_signals,
			     res->ignored_signals == 1 ? "time" : "times");
	if (res->lost_extent_merges)
		wrap__printf(f, WRAP_HANG,
			     "note: %" PRIu64 " extent merges made some bytes "
			     "untracked (model capacity)",
			     res->lost_extent_merges);
}

/* "1.465 MiB", or "16 bytes" below a thousandth of a MiB */
static const char *fmt_size(char *buf, size_t len, uint64_t bytes)
{
	if (bytes < 1049)
		snprintf(buf, len, "%" PRIu64 " bytes", bytes);
	else
		snprintf(buf, len, "%.3f MiB", bytes / MiB);
	return buf;
}

/* "0-2,5": the CPUs of @mask */
static void cpu_list(char *buf, size_t len, uint32_t mask)
{
	size_t off = 0;

	buf[0] = '\0';
	for (int c = 0; c < MAX_CPUS && off < len; c++) {
		int e = c;

		if (!(mask & (1u << c)))
			continue;
		while (e + 1 < MAX_CPUS && (mask & (1u << (e + 1))))
			e++;
		off += snprintf(buf + off, len - off, "%s%d", off ? "," : "", c);
		if (e > c)
			off += snprintf(buf + off, len - off, "-%d", e);
		c = e;
	}
}

/*
 * Where each CPU's trace was read from: shown when an AUX buffer holds
 * trace that other CPUs emitted.  With the ETR as the sink, the per-CPU
 * events of a session share one etr_buf (coresight-tmc-etr.c:
 * get_perf_etr_buf_cpu_wide(), keyed by the perf tool's pid), and
 * tmc_update_etr_buffer() copies nothing while other events still use the
 * sink (csdev->refcnt != 1): the last CPU to disable it copies out what
 * every CPU traced, into its own AUX buffer.  So in v5.12, v6.1 and v7.1.
 */
static void where_text(FILE *out, const struct sim_result *res)
{
	uint64_t bytes[MAX_CPUS] = { 0 }, untracked = 0;
	uint32_t from[MAX_CPUS] = { 0 }, all = 0, holders = 0;
	char list[64], sz[32];
	int cross = 0;
	struct report_line l;
	FILE *f;

	for (int r = 0; r < res->nreads; r++) {
		const struct sim_read *rd = &res->reads[r];
		int c = rd->rd.cpu;

		if (c < 0 || c >= MAX_CPUS)
			continue;
		untracked += rd->untracked_bytes;
		for (int i = 0; i < rd->nr_pieces; i++) {
			const struct sim_piece *p =
				&res->pieces[rd->first_piece + i];

			if (p->kind != EXT_TRACE || p->cpu < 0 ||
			    p->cpu >= MAX_CPUS)
				continue;
			from[c] |= 1u << p->cpu;
			bytes[c] += p->len;
			cross += p->cpu != c;
		}
		all |= from[c];
	}
	if (!cross)
		return;
	f = report__line_open(&l, out);
	fprintf(f, "Where the trace went:");
	for (int c = 0; c < MAX_CPUS; c++) {
		if (!from[c])
			continue;
		holders |= 1u << c;
		cpu_list(list, sizeof(list), from[c]);
		if (from[c] == (1u << res->mc->nr_cpus) - 1)
			fprintf(f, "%s all %d CPUs' trace is in cpu%d's AUX "
				   "buffer (%s)",
				holders == 1u << c ? "" : ";", res->mc->nr_cpus,
				c, fmt_size(sz, sizeof(sz), bytes[c]));
		else
			fprintf(f, "%s the trace of cpu%s is in cpu%d's AUX "
				   "buffer (%s)",
				holders == 1u << c ? "" : ";", list, c,
				fmt_size(sz, sizeof(sz), bytes[c]));
	}
	cpu_list(list, sizeof(list), all & ~holders);
	if (*list)
		fprintf(f, ", none in cpu%s's own", list);
	fprintf(f, ".");
	report__line_close(&l, WRAP_HANG);
	f = out;
	/* the extent maps' capacity merged some bytes: their CPU is unknown */
	if (untracked)
		wrap__printf(f, WRAP_HANG,
			     "  Another %s there is untracked (extent maps at "
			     "capacity): whose trace it is is not known.",
			     fmt_size(sz, sizeof(sz), untracked));
	if (res->mc->sink_name && run_uses_cs_etm(res))
		wrap__printf(f, WRAP_HANG,
			     "  The ETR (%s) is shared by the session's "
			     "per-CPU events, and only the last CPU to "
			     "disable it copies it out: tmc_update_etr_buffer() "
			     "copies nothing while csdev->refcnt != 1.",
			     res->mc->sink_name);
	fprintf(f, "\n");
}

void report__snapshots_text(FILE *f, const struct sim_result *res, int verbose)
{
	aux_records_text(f, res, verbose);
	for (int k = 0; k < res->nsnaps; k++)
		snapshot_text(f, res, &res->snaps[k], verbose);
	where_text(f, res);
	summary_text(f, res);
}
