// SPDX-License-Identifier: GPL-2.0
/*
 * report.c - text and JSON reports of a run (report.h).
 */
#include <inttypes.h>
#include <signal.h>
#include <string.h>

#include "json.h"
#include "report.h"

#define NSEC_PER_SEC 1000000000ull
#define MiB (1024.0 * 1024.0)
#define TL_WIDTH 64
#define HOLDS_MAX 16

static const char *snap_status_name[] = {
	[SNAP_WHOLE] = "whole",
	[SNAP_PART] = "part",
	[SNAP_MISSING] = "missing",
};

static const char *extent_kind_name[] = {
	[EXT_ZERO] = "zero",
	[EXT_TRACE] = "trace",
	[EXT_BARRIER] = "barrier",
	[EXT_UNTRACKED] = "untracked",
};

const char *report__aux_flags(uint64_t flags, char *buf, int len)
{
	static const struct {
		uint64_t bit;
		const char *s;
	} names[] = {
		{ PERF_AUX_FLAG_TRUNCATED, "T" },
		{ PERF_AUX_FLAG_OVERWRITE, "O" },
		{ PERF_AUX_FLAG_PARTIAL, "P" },
		{ PERF_AUX_FLAG_COLLISION, "C" },
		{ PERF_AUX_FLAG_CORESIGHT_FORMAT_RAW, "raw" },
	};
	int off = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (flags & names[i].bit)
			off += snprintf(buf + off, len - off, "%s%s",
					off ? "|" : "", names[i].s);
	return buf;
}

static void fmt_time(char *buf, int len, uint64_t ns)
{
	snprintf(buf, len, "%llu.%06llu", (unsigned long long)(ns / NSEC_PER_SEC),
		 (unsigned long long)(ns % NSEC_PER_SEC / 1000));
}

static const char *signame(int signo)
{
	return signo == SIGINT ? "SIGINT" : signo == SIGTERM ? "SIGTERM" :
							       "a signal";
}

static const char *kernel_release(const struct sim_result *res)
{
	if (!strcmp(res->kernel->name, "v5.12"))
		return "5.12.0";
	if (!strcmp(res->kernel->name, "v6.1"))
		return "6.1.0";
	if (!strcmp(res->kernel->name, "v7.1"))
		return "7.1.0-rc1";
	return res->kernel->name + 1;
}

/* the module a modelled function lives in, for the call trace */
static const char *func_module(const char *fn)
{
	if (!strncmp(fn, "tmc_", 4))
		return " [coresight_tmc]";
	if (!strncmp(fn, "etm4_", 5))
		return " [coresight_etm4x]";
	if (!strncmp(fn, "etm_", 4) || !strncmp(fn, "coresight_", 10))
		return " [coresight]";
	return "";
}

void report__splat(FILE *f, const struct sim_result *res,
		   const struct sim_warning *sw)
{
	const struct aux_warning *w = &sw->w;
	const struct warn_site_desc *d = &warn_sites[w->site];
	int line = warn_site__line(w->site, res->kernel);
	char t[32];
	char where[160];

	fmt_time(t, sizeof(t), w->time_ns);
	/* the source line, when the model has verified it for this kernel */
	if (line)
		snprintf(where, sizeof(where), "%s:%d", d->file, line);
	else
		snprintf(where, sizeof(where), "%s", d->file);
	fprintf(f, "[%12s] ------------[ cut here ]------------\n", t);
	if (res->kernel->features & KF_WARN_FORMAT_V7)
		fprintf(f, "[%12s] WARNING: %s at %s, CPU#%d: %s/%d\n", t,
			where, d->function, w->cpu, sw->comm, sw->pid);
	else
		fprintf(f, "[%12s] WARNING: CPU: %d PID: %d at %s %s\n", t,
			w->cpu, sw->pid, where, d->function);
	fprintf(f, "[%12s] Modules linked in: coresight_tmc coresight_etm4x "
		   "coresight_funnel coresight_replicator coresight\n", t);
	if (res->kernel->features & KF_WARN_FORMAT_V7)
		fprintf(f, "[%12s] CPU: %d UID: 0 PID: %d Comm: %s Not tainted "
			   "%s #1\n",
			t, w->cpu, sw->pid, sw->comm, kernel_release(res));
	else
		fprintf(f, "[%12s] CPU: %d PID: %d Comm: %s Not tainted %s #1\n",
			t, w->cpu, sw->pid, sw->comm, kernel_release(res));
	fprintf(f, "[%12s] Hardware name: ARM LTD ARM Juno Development "
		   "Platform/ARM Juno Development Platform\n", t);
	fprintf(f, "[%12s] Call trace:\n", t);
	for (int i = 0; i < w->depth; i++)
		fprintf(f, "[%12s]  %s%s\n", t, w->stack[i],
			func_module(w->stack[i]));
	fprintf(f, "[%12s] ---[ end trace 0000000000000000 ]---\n", t);
}

/* ---- timeline ---- */

static void timeline(FILE *f, const struct sim_result *res)
{
	int ncpu = res->mc->nr_cpus;
	uint64_t T = res->duration_ns;
	char row[TL_WIDTH + 1];
	char t[32];

	fmt_time(t, sizeof(t), T);
	fprintf(f, "Timeline: 0 .. %s s, one column = %.3f ms; '#' = %s "
		   "running on that CPU, 'V' = SIGUSR2 snapshot\n",
		t, (double)T / TL_WIDTH / 1e6,
		res->scn->rec.workload_comm);
	for (int c = 0; c < ncpu; c++) {
		memset(row, '_', TL_WIDTH);
		row[TL_WIDTH] = '\0';
		for (int i = 0; i < res->nslices; i++) {
			const struct sim_slice *sl = &res->slices[i];
			uint64_t t1 = sl->t1 > T ? T : sl->t1;
			int c0, c1, len, w;

			if (sl->cpu != c || sl->t0 >= T)
				continue;
			c0 = (int)(sl->t0 * TL_WIDTH / T);
			c1 = (int)((t1 * TL_WIDTH + T - 1) / T) - 1;
			if (c1 < c0)
				c1 = c0;
			if (c1 >= TL_WIDTH)
				c1 = TL_WIDTH - 1;
			memset(row + c0, '#', c1 - c0 + 1);
			len = (int)strlen(sl->label);
			w = c1 - c0 + 1;
			if (w >= len + 2)
				memcpy(row + c0 + (w - len) / 2, sl->label, len);
		}
		fprintf(f, "CPU%d: %s|\n", c, row);
	}
	memset(row, ' ', TL_WIDTH);
	for (int k = 0; k < res->nsnaps; k++) {
		int col = (int)(res->snaps[k].t_signal * TL_WIDTH / T);

		row[col < TL_WIDTH ? col : TL_WIDTH - 1] = 'V';
	}
	fprintf(f, "USR2: %s\n\n", row);
}

/* ---- the AUX tracer, per CPU ---- */

static const char tracer_char[NR_TRACER_STATES] = {
	[TRACER_OFF] = '_',
	[TRACER_TRACING] = 'T',
	[TRACER_TRACING_USER_PAUSED] = '!',
	[TRACER_PAUSED] = 'p',
	[TRACER_PAUSED_NOT_USER] = 'P',
	[TRACER_THROTTLED] = 't',
	[TRACER_THROTTLED_TRACING] = 'R',
	[TRACER_STOPPED] = 's',
	[TRACER_DEAD] = 'X',
};

const char *const tracer_name[NR_TRACER_STATES] = {
	[TRACER_OFF] = "off",
	[TRACER_TRACING] = "tracing",
	[TRACER_TRACING_USER_PAUSED] = "tracing though the user paused",
	[TRACER_PAUSED] = "paused",
	[TRACER_PAUSED_NOT_USER] = "paused though the user did not pause",
	[TRACER_THROTTLED] = "throttled",
	[TRACER_THROTTLED_TRACING] = "throttled yet tracing",
	[TRACER_STOPPED] = "stopped",
	[TRACER_DEAD] = "dead",
};

/* per column, the state that held longest; a dead tracer always shows */
static void tracer_timeline(FILE *f, const struct sim_result *res)
{
	uint64_t T = res->duration_ns;

	fprintf(f, "AUX tracer per CPU: T tracing, p paused (as the user "
		   "asked), t throttled, _ off;\n  anomalies: X dead (an "
		   "orphaned AUX transaction), s stopped, P paused though the "
		   "user\n  did not pause, ! tracing though the user paused, "
		   "R throttled yet tracing\n");
	for (int c = 0; c < res->mc->nr_cpus; c++) {
		char row[TL_WIDTH + 1];

		for (int k = 0; k < TL_WIDTH; k++) {
			uint64_t a = T * k / TL_WIDTH, b = T * (k + 1) / TL_WIDTH;
			uint64_t spent[NR_TRACER_STATES] = { 0 };
			uint8_t st = TRACER_OFF;
			uint64_t from = 0;
			int best = TRACER_OFF;

			for (int i = 0; i <= res->ntracer; i++) {
				uint64_t to = i < res->ntracer ?
						      res->tracer[i].time_ns :
						      UINT64_MAX;

				if (i < res->ntracer && res->tracer[i].cpu != c)
					continue;
				if (to > a && from < b) {
					uint64_t lo = from > a ? from : a;
					uint64_t hi = to < b ? to : b;

					spent[st] += hi > lo ? hi - lo : 1;
				}
				if (i == res->ntracer)
					break;
				st = res->tracer[i].state;
				from = to;
			}
			for (int s2 = 0; s2 < NR_TRACER_STATES; s2++)
				if (spent[s2] > spent[best])
					best = s2;
			if (spent[TRACER_DEAD])
				best = TRACER_DEAD;
			row[k] = tracer_char[best];
		}
		row[TL_WIDTH] = '\0';
		fprintf(f, "CPU%d: %s|\n", c, row);
	}
	fprintf(f, "\n");
}

/* time spent in each tracer state on @cpu, and when each was first seen */
static void tracer_spent(const struct sim_result *res, int cpu,
			 uint64_t spent[NR_TRACER_STATES],
			 uint64_t first[NR_TRACER_STATES])
{
	uint8_t st = TRACER_OFF;
	uint64_t from = 0;

	for (int i = 0; i < NR_TRACER_STATES; i++) {
		spent[i] = 0;
		first[i] = UINT64_MAX;
	}
	for (int i = 0; i <= res->ntracer; i++) {
		uint64_t to = i < res->ntracer ? res->tracer[i].time_ns :
						 res->duration_ns;

		if (i < res->ntracer && res->tracer[i].cpu != cpu)
			continue;
		if (to > res->duration_ns)
			to = res->duration_ns;
		if (to > from)
			spent[st] += to - from;
		if (i == res->ntracer)
			break;
		st = res->tracer[i].state;
		from = to;
		if (first[st] == UINT64_MAX)
			first[st] = from;
	}
}

static const char *const tracer_why[NR_TRACER_STATES] = {
	[TRACER_DEAD] = "an AUX transaction was left open, then orphaned by "
			"a failed nested perf_aux_output_begin(): rb->aux_nest "
			"stays 1 and every later begin on this buffer fails",
	[TRACER_STOPPED] = "the AUX event is ACTIVE but its PMU is stopped "
			   "(a start failed): no trace",
	[TRACER_PAUSED_NOT_USER] = "hw.aux_paused is 1 although no "
				   "aux-action=pause asked for it (or a resume "
				   "came later): a throttle's pause was never "
				   "cleared",
	[TRACER_TRACING_USER_PAUSED] = "the ETM traces although the user's "
				       "last aux-action was a pause (or "
				       "start-paused): something resumed it",
	[TRACER_THROTTLED_TRACING] = "the group is throttled but its AUX "
				     "event kept tracing: the throttle did "
				     "not stop or pause it",
};

static void outcome_text(FILE *f, const struct sim_result *res)
{
	int any = 0;
	char t[32];

	fprintf(f, "What happened to tracing:\n");
	for (int c = 0; c < res->mc->nr_cpus; c++) {
		uint64_t spent[NR_TRACER_STATES], first[NR_TRACER_STATES];

		tracer_spent(res, c, spent, first);
		for (int st = 0; st < NR_TRACER_STATES; st++) {
			if (!tracer_why[st] || !spent[st])
				continue;
			fmt_time(t, sizeof(t), first[st]);
			fprintf(f, "  cpu%d: %s for %.3f ms, first at %s s: "
				   "%s.\n",
				c, tracer_name[st], spent[st] / 1e6, t,
				tracer_why[st]);
			any++;
		}
	}
	for (int c = 0; c < res->final.tool.nr_fds && c < res->mc->nr_cpus;
	     c++) {
		const struct perf_event *e =
			&res->final.event[res->final.tool.fd_event[c]];
		uint64_t spent[NR_TRACER_STATES], first[NR_TRACER_STATES];

		tracer_spent(res, c, spent, first);
		/* in -a every AUX event should be on its CPU all along */
		if (spent[TRACER_OFF] < res->duration_ns ||
		    res->final.tool.target != TARGET_SYSTEM_WIDE || e->cpu != c)
			continue;
		fprintf(f, "  cpu%d: the AUX event never went ACTIVE: its "
			   "start failed (%s), so neither it nor its group ever "
			   "ran.\n",
			c, e->rb >= 0 && res->final.rb[e->rb].aux_nr_pages ?
				   "no AUX transaction" :
				   "its ring buffer has no AUX area");
		any++;
	}
	if (res->nr_undelivered_overflows)
		fprintf(f, "  %llu scripted overflows found their counter not "
			   "counting: no interrupt.\n",
			(unsigned long long)res->nr_undelivered_overflows);
	if (!any)
		fprintf(f, "  nothing unexpected: every AUX tracer traced, "
			   "paused and throttled as asked.\n");
	fprintf(f, "\n");
}

/* throttling statistics and what became of tracing, per CPU */
static void throttle_text(FILE *f, const struct sim_result *res)
{
	const struct aux_state *s = &res->final;
	char t[32];

	fprintf(f, "Throttling: max_samples_per_tick %u (HZ %u)\n",
		s->max_samples_per_tick, res->mc->hz);
	fprintf(f, "  cpu  overflows    samples  THROTTLE  UNTHROTTLE  AUX "
		   "tracer at the end\n");
	for (int c = 0; c < res->mc->nr_cpus; c++) {
		uint64_t ovf = 0, smp = 0;
		int thr = 0, unthr = 0, last = TRACER_OFF;
		uint64_t died = 0;

		for (int i = 0; i < MAX_EVENTS; i++) {
			const struct perf_event *e = &s->event[i];

			if (e->in_use && e->cpu == c) {
				ovf += e->nr_overflows;
				smp += e->nr_samples;
			}
		}
		for (int i = 0; i < res->nrecs; i++) {
			if (res->recs[i].cpu != c)
				continue;
			thr += res->recs[i].type == PERF_RECORD_THROTTLE;
			unthr += res->recs[i].type == PERF_RECORD_UNTHROTTLE;
		}
		for (int i = 0; i < res->ntracer; i++) {
			if (res->tracer[i].cpu != c)
				continue;
			if (res->tracer[i].state == TRACER_DEAD &&
			    last != TRACER_DEAD)
				died = res->tracer[i].time_ns;
			if (res->tracer[i].time_ns < res->duration_ns)
				last = res->tracer[i].state;
		}
		fprintf(f, "  %-4d %9llu %10llu %9d %11d  %s", c,
			(unsigned long long)ovf, (unsigned long long)smp, thr,
			unthr, tracer_name[last]);
		if (last == TRACER_DEAD) {
			fmt_time(t, sizeof(t), died);
			fprintf(f, " since %s s", t);
		}
		fprintf(f, "\n");
	}
	fprintf(f, "\n");
}

/* ---- snapshots ---- */

static void holds_line(FILE *f, const struct sim_result *res,
		       const struct sim_snapshot *sn, int verbose)
{
	int shown = 0, rest_held = 0, rest_missing = 0;

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
		fprintf(f, "%s %s@cpu%d %s", shown ? "," : "", sl->label,
			sl->cpu, snap_status_name[ss->status]);
		if (ss->status == SNAP_PART)
			fprintf(f, " %" PRIu64 "%%", ss->held * 100 / ss->emitted);
		if (ss->stale)
			fprintf(f, " (stale)");
		if (ss->dup)
			fprintf(f, " (dup %" PRIu64 "%%)",
				ss->dup * 100 / (ss->held ? ss->held : 1));
		shown++;
	}
	if (!sn->nsl)
		fprintf(f, " nothing");
	if (rest_held || rest_missing)
		fprintf(f, ", ... %d older slices held, %d older missing",
			rest_held, rest_missing);
	fprintf(f, "\n");
}

/* the kernel's PERF_RECORD_AUX since the previous snapshot, per CPU */
static void aux_since(FILE *f, const struct sim_result *res,
		      const struct sim_snapshot *sn)
{
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
	fprintf(f, "  kernel: %d PERF_RECORD_AUX since the previous snapshot",
		total);
	for (int c = 0, first = 1; c < MAX_CPUS; c++) {
		if (!n[c])
			continue;
		fprintf(f, "%s cpu%d %dx %.3f MiB", first ? ":" : ",", c, n[c],
			bytes[c] / MiB);
		first = 0;
	}
	fprintf(f, "\n");
}

static void snapshot_text(FILE *f, const struct sim_result *res,
			  const struct sim_snapshot *sn, int verbose)
{
	char t[32], te[32];

	fmt_time(t, sizeof(t), sn->t_signal);
	fmt_time(te, sizeof(te), sn->t_enable);
	fprintf(f, "Snapshot %u at %s s (SIGUSR2: events disabled; "
		   "re-enabled at %s s)\n", sn->index, t, te);
	for (int r = sn->first_read; r < sn->first_read + sn->nr_reads; r++) {
		const struct sim_read *rd = &res->reads[r];

		fprintf(f, "  PERF_RECORD_AUXTRACE size: %#" PRIx64
			   "  offset: %#" PRIx64 "  idx: %d  tid: %d  cpu: %d"
			   "   [aux_head %#" PRIx64 " prev %#" PRIx64 "]\n",
			rd->rd.size, rd->rd.offset, rd->rd.mmap, rd->rd.tid,
			rd->rd.cpu, rd->rd.head, rd->rd.old);
		if (rd->rd.head - rd->rd.old > res->aux_size)
			fprintf(f, "      UNDER-READ: aux_head moved %#" PRIx64
				   " bytes since prev, more than the %#" PRIx64
				   "-byte buffer; (head - prev) mod size "
				   "copies %#" PRIx64 "\n",
				rd->rd.head - rd->rd.old, res->aux_size,
				rd->rd.size);
		if (rd->zero_bytes || rd->barrier_bytes || rd->untracked_bytes)
			fprintf(f, "      of which %" PRIu64 " never-written "
				   "(zero) bytes, %" PRIu64 " barrier, %" PRIu64
				   " untracked\n",
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

		fprintf(f, "  DISCONTINUOUS: holds %s (cpu%d) but not all of "
			   "the newer %s (cpu%d): the trace jumps\n",
			h->label, h->cpu, l->label, l->cpu);
	}
	if (sn->stale_bytes)
		fprintf(f, "  STALE: %" PRIu64 " bytes (%.3f MiB) from slices "
			   "that ended before the previous snapshot\n",
			sn->stale_bytes, sn->stale_bytes / MiB);
	if (sn->dup_bytes)
		fprintf(f, "  DUPLICATE: %" PRIu64 " bytes (%.3f MiB) already "
			   "in an earlier snapshot\n",
			sn->dup_bytes, sn->dup_bytes / MiB);
	if (sn->missing_bytes)
		fprintf(f, "  lost: %" PRIu64 " bytes (%.3f MiB) the task "
			   "emitted since the previous snapshot are in no "
			   "snapshot\n",
			sn->missing_bytes, sn->missing_bytes / MiB);
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
		fmt_time(t, sizeof(t), r->time_ns);
		fprintf(f, "  %12s cpu%d PERF_RECORD_AUX offset: %#" PRIx64
			   " size: %#" PRIx64 " flags: %#" PRIx64 " [%s]\n",
			t, r->cpu, r->offset, r->size, r->flags,
			report__aux_flags(r->flags, fl, sizeof(fl)));
	}
	fprintf(f, "\n");
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
			fprintf(f, "perf report will say: Warning: AUX data lost "
				   "%d times out of %d!\n",
				lost, aux);
		return;
	}
	if (res->nsnaps)
		fprintf(f, "Snapshots: %d; size min %.3f MiB, max %.3f MiB, "
			   "mean %.3f MiB; %d discontinuous, %d with stale "
			   "data\n",
			res->nsnaps, lo / MiB, hi / MiB,
			sum / MiB / res->nsnaps, disc, stale);
	else
		fprintf(f, "Snapshots: none\n");
	if (res->ignored_signals)
		fprintf(f, "SIGUSR2 ignored %u times (snapshot in progress: "
			   "trigger not ready)\n", res->ignored_signals);
	if (res->lost_extent_merges)
		fprintf(f, "note: %" PRIu64 " extent merges made some bytes "
			   "untracked (model capacity)\n",
			res->lost_extent_merges);
}

void report__text(FILE *f, const struct sim_result *res, int verbose)
{
	const struct auxsim_scenario *scn = res->scn;
	char t[32];

	fmt_time(t, sizeof(t), res->duration_ns);
	fprintf(f, "auxsim: %s  seed %" PRIu64 "  machine %s  kernel %s  "
		   "perf %s  patches:",
		scn->name, res->seed, res->mc->name, res->kernel->name,
		res->perf->name);
	for (int i = 0; i < res->nr_patches; i++)
		fprintf(f, " %s", res->patches[i]);
	fprintf(f, "%s\n", res->nr_patches ? "" : " none");
	fprintf(f, "%s %s\n", scn->root ? "#" : "$", scn->rec.cmdline);
	if (res->interrupted_signo) {
		char a[32];

		fmt_time(a, sizeof(a), res->asked_duration_ns);
		fprintf(f, "interrupted by %s at virtual time %s s of %s s: "
			   "perf record stopped there and wrote what it had\n",
			signame(res->interrupted_signo), t, a);
	}
	for (int i = 0; i < res->nmsgs; i++)
		fprintf(f, "%s\n", res->msgs[i]);
	if (res->open_error) {
		fprintf(f, "perf record failed to start (%d); nothing traced\n",
			res->open_error);
		return;
	}
	fprintf(f, "  %s, %d AUX mmaps of %" PRIu64 " KiB (%s), snapshot "
		   "size %" PRIu64 " KiB, ETR buffer %" PRIu64 " KiB, %s s\n\n",
		res->final.tool.target == TARGET_SYSTEM_WIDE ? "system-wide (-a)" :
		res->final.tool.target == TARGET_PER_THREAD ? "--per-thread" :
							      "per-CPU task events",
		res->final.tool.nr_mmaps, res->aux_size >> 10,
		res->final.tool.snapshot_mode ? "read-only: overwrite mode" :
						"read-write",
		res->snapshot_size >> 10, res->etr_buf_size >> 10, t);

	if (res->nwarns) {
		fprintf(f, "Kernel log:\n");
		for (int i = 0; i < res->nwarns; i++)
			report__splat(f, res, &res->warns[i]);
		fprintf(f, "\n");
	}
	for (int i = 0; i < res->nlog; i++)
		fprintf(f, "%s\n", res->log[i]);
	if (res->nlog)
		fprintf(f, "\n");

	timeline(f, res);
	if (res->kernel->features & (KF_AUX_PAUSE | KF_GROUP_THROTTLE)) {
		tracer_timeline(f, res);
		throttle_text(f, res);
		outcome_text(f, res);
	}
	aux_records_text(f, res, verbose);
	for (int k = 0; k < res->nsnaps; k++)
		snapshot_text(f, res, &res->snaps[k], verbose);
	summary_text(f, res);
	fprintf(f, "[ perf record: Captured and wrote %.3f MB %s ]\n",
		res->perf_data_bytes / MiB,
		res->perf_data_path ? res->perf_data_path : "perf.data");
}

/* ---- JSON ---- */

static void json_snapshot(struct json_writer *jw, const struct sim_result *res,
			  const struct sim_snapshot *sn)
{
	jw_open_object(jw, NULL);
	jw_u64(jw, "index", sn->index);
	jw_u64(jw, "time_ns", sn->t_signal);
	jw_u64(jw, "enable_ns", sn->t_enable);
	jw_u64(jw, "total_bytes", sn->total_bytes);
	jw_u64(jw, "trace_bytes", sn->trace_bytes);
	jw_u64(jw, "zero_bytes", sn->zero_bytes);
	jw_u64(jw, "barrier_bytes", sn->barrier_bytes);
	jw_u64(jw, "stale_bytes", sn->stale_bytes);
	jw_u64(jw, "dup_bytes", sn->dup_bytes);
	jw_u64(jw, "lost_bytes", sn->missing_bytes);
	jw_bool(jw, "discontinuous", sn->discontinuous);
	jw_open_array(jw, "buffers");
	for (int r = sn->first_read; r < sn->first_read + sn->nr_reads; r++) {
		const struct sim_read *rd = &res->reads[r];

		jw_open_object(jw, NULL);
		jw_int(jw, "cpu", rd->rd.cpu);
		jw_int(jw, "mmap", rd->rd.mmap);
		jw_int(jw, "tid", rd->rd.tid);
		jw_u64(jw, "bytes", rd->rd.size);
		jw_u64(jw, "aux_head", rd->rd.head);
		jw_u64(jw, "prev", rd->rd.old);
		jw_u64(jw, "offset", rd->rd.offset);
		jw_bool(jw, "under_read", rd->rd.head - rd->rd.old >
						  res->aux_size);
		jw_open_array(jw, "extents");
		for (int i = 0; i < rd->nr_pieces; i++) {
			const struct sim_piece *p =
				&res->pieces[rd->first_piece + i];

			jw_open_object(jw, NULL);
			jw_string(jw, "kind", extent_kind_name[p->kind]);
			jw_u64(jw, "len", p->len);
			if (p->kind == EXT_TRACE) {
				jw_int(jw, "cpu", p->cpu);
				jw_u64(jw, "slice", p->slice);
				jw_u64(jw, "stream_offset", p->soff);
			}
			jw_close_object(jw);
		}
		jw_close_array(jw);
		jw_close_object(jw);
	}
	jw_close_array(jw);
	jw_open_array(jw, "slices");
	for (int i = sn->nsl - 1; i >= 0; i--) {
		const struct snap_slice *ss = &sn->sl[i];
		const struct sim_slice *sl = sim_result__slice(res, ss->slice);

		jw_open_object(jw, NULL);
		jw_u64(jw, "id", ss->slice);
		jw_string(jw, "label", sl->label);
		jw_int(jw, "cpu", sl->cpu);
		jw_string(jw, "status", snap_status_name[ss->status]);
		jw_u64(jw, "held", ss->held);
		jw_u64(jw, "emitted", ss->emitted);
		jw_u64(jw, "dup", ss->dup);
		jw_bool(jw, "stale", ss->stale);
		jw_close_object(jw);
	}
	jw_close_array(jw);
	if (sn->discontinuous) {
		jw_open_object(jw, "discontinuity");
		jw_u64(jw, "missing_slice", sn->disc_missing);
		jw_u64(jw, "older_held_slice", sn->disc_older);
		jw_close_object(jw);
	}
	jw_close_object(jw);
}

void report__json(FILE *f, const struct sim_result *res)
{
	const struct auxsim_scenario *scn = res->scn;
	struct json_writer jw;
	char fl[32];

	jw_init(&jw, f);
	jw_open_object(&jw, NULL);
	jw_string(&jw, "scenario", scn->name);
	jw_u64(&jw, "seed", res->seed);
	jw_string(&jw, "machine", res->mc->name);
	jw_string(&jw, "kernel", res->kernel->name);
	jw_open_array(&jw, "patches");
	for (int i = 0; i < res->nr_patches; i++)
		jw_string(&jw, NULL, res->patches[i]);
	jw_close_array(&jw);
	jw_string(&jw, "perf", res->perf->name);
	jw_string(&jw, "perf_record", scn->rec.cmdline);
	jw_bool(&jw, "root", scn->root);
	jw_u64(&jw, "duration_ns", res->duration_ns);
	if (res->interrupted_signo) {
		jw_open_object(&jw, "interrupted");
		jw_string(&jw, "signal", signame(res->interrupted_signo));
		jw_int(&jw, "signo", res->interrupted_signo);
		jw_u64(&jw, "at_ns", res->duration_ns);
		jw_u64(&jw, "asked_duration_ns", res->asked_duration_ns);
		jw_close_object(&jw);
	}
	jw_int(&jw, "open_error", res->open_error);
	jw_open_array(&jw, "perf_messages");
	for (int i = 0; i < res->nmsgs; i++)
		jw_string(&jw, NULL, res->msgs[i]);
	jw_close_array(&jw);
	jw_u64(&jw, "aux_size", res->aux_size);
	jw_u64(&jw, "snapshot_size", res->snapshot_size);
	jw_u64(&jw, "etr_buf_size", res->etr_buf_size);

	jw_open_array(&jw, "slices");
	for (int i = 0; i < res->nslices; i++) {
		const struct sim_slice *sl = &res->slices[i];

		jw_open_object(&jw, NULL);
		jw_u64(&jw, "id", sl->id);
		jw_string(&jw, "label", sl->label);
		jw_int(&jw, "cpu", sl->cpu);
		jw_u64(&jw, "start_ns", sl->t0);
		jw_u64(&jw, "end_ns", sl->t1);
		jw_u64(&jw, "stream_start", sl->s0);
		jw_u64(&jw, "bytes", sl->s1 - sl->s0);
		jw_close_object(&jw);
	}
	jw_close_array(&jw);

	jw_open_array(&jw, "snapshots");
	for (int k = 0; k < res->nsnaps; k++)
		json_snapshot(&jw, res, &res->snaps[k]);
	jw_close_array(&jw);

	jw_open_array(&jw, "aux_records");
	for (int i = 0; i < res->nrecs; i++) {
		const struct aux_record *r = &res->recs[i];

		if (r->type != PERF_RECORD_AUX)
			continue;
		jw_open_object(&jw, NULL);
		jw_int(&jw, "cpu", r->cpu);
		jw_u64(&jw, "time_ns", r->time_ns);
		jw_u64(&jw, "offset", r->offset);
		jw_u64(&jw, "size", r->size);
		jw_u64(&jw, "flags", r->flags);
		jw_string(&jw, "flags_str",
			  report__aux_flags(r->flags, fl, sizeof(fl)));
		jw_close_object(&jw);
	}
	jw_close_array(&jw);

	jw_open_array(&jw, "warnings");
	for (int i = 0; i < res->nwarns; i++) {
		const struct sim_warning *sw = &res->warns[i];
		const struct warn_site_desc *d = &warn_sites[sw->w.site];

		jw_open_object(&jw, NULL);
		jw_string(&jw, "function", d->function);
		jw_string(&jw, "file", d->file);
		jw_int(&jw, "line", warn_site__line(sw->w.site, res->kernel));
		jw_string(&jw, "condition", d->cond);
		jw_int(&jw, "cpu", sw->w.cpu);
		jw_u64(&jw, "time_ns", sw->w.time_ns);
		jw_string(&jw, "comm", sw->comm);
		jw_int(&jw, "pid", sw->pid);
		jw_open_array(&jw, "call_trace");
		for (int k = 0; k < sw->w.depth; k++)
			jw_string(&jw, NULL, sw->w.stack[k]);
		jw_close_array(&jw);
		jw_close_object(&jw);
	}
	jw_close_array(&jw);

	jw_open_array(&jw, "tracers");
	for (int c = 0; c < res->mc->nr_cpus; c++) {
		uint64_t spent[NR_TRACER_STATES], first[NR_TRACER_STATES];
		int thr = 0, unthr = 0, last = TRACER_OFF;

		tracer_spent(res, c, spent, first);
		for (int i = 0; i < res->nrecs; i++) {
			if (res->recs[i].cpu != c)
				continue;
			thr += res->recs[i].type == PERF_RECORD_THROTTLE;
			unthr += res->recs[i].type == PERF_RECORD_UNTHROTTLE;
		}
		for (int i = 0; i < res->ntracer; i++)
			if (res->tracer[i].cpu == c &&
			    res->tracer[i].time_ns < res->duration_ns)
				last = res->tracer[i].state;
		jw_open_object(&jw, NULL);
		jw_int(&jw, "cpu", c);
		jw_string(&jw, "final", tracer_name[last]);
		jw_int(&jw, "throttles", thr);
		jw_int(&jw, "unthrottles", unthr);
		jw_open_object(&jw, "ns_in_state");
		for (int st = 0; st < NR_TRACER_STATES; st++)
			if (spent[st])
				jw_u64(&jw, tracer_name[st], spent[st]);
		jw_close_object(&jw);
		jw_close_object(&jw);
	}
	jw_close_array(&jw);

	jw_fixed(&jw, "captured_mb", res->perf_data_bytes / MiB, 3);
	jw_open_object(&jw, "stats");
	jw_u64(&jw, "events", res->nr_events);
	jw_u64(&jw, "context_switches", res->nr_switches);
	jw_u64(&jw, "ignored_signals", res->ignored_signals);
	jw_u64(&jw, "extent_merges", res->lost_extent_merges);
	{
		uint64_t thr = 0, unthr = 0;

		for (int i = 0; i < res->nrecs; i++) {
			thr += res->recs[i].type == PERF_RECORD_THROTTLE;
			unthr += res->recs[i].type == PERF_RECORD_UNTHROTTLE;
		}
		jw_u64(&jw, "throttle_records", thr);
		jw_u64(&jw, "unthrottle_records", unthr);
	}
	jw_close_object(&jw);
	jw_close_object(&jw);
}
