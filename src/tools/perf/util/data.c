// SPDX-License-Identifier: GPL-2.0
/*
 * perf/data.c - the perf.data writer (data.h).
 *
 * Layout (Documentation/perf.data-file-format.txt): the file header, one
 * attr (the AUX event, with its id), the data section (records in the
 * order the modelled perf met them: the kernel's records from the data
 * ring, each AUX read as a PERF_RECORD_AUXTRACE with its bytes), then the
 * feature sections perf 6.1 writes on an arm64 board (header.h; here:
 * HEADER_AUXTRACE's index, EVENT_DESC, and the tracing data of the
 * tracepoint evsels, trace-event-info.h).  All little-endian.
 *
 * Here: the layout of the file, its sections and the write; the records
 * in it are encoded in data-records.c, the buffer and its encoders are
 * data-priv.h's.
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "model/etm4x-trace.h"
#include "lib/atomic-file.h"
#include "lib/interrupt.h"
#include "lib/bytebuf.h"
#include "sim/run-limits.h"
#include "tools/perf/perf.h"
#include "tools/perf/util/arm-spe-data.h"
#include "tools/perf/util/data-priv.h"
#include "tools/perf/util/data.h"
#include "output/elf.h"
#include "tools/perf/util/header.h"
#include "tools/perf/util/synthetic-events.h"
#include "tools/perf/util/trace-event-info.h"

/* the number of events (fds) an evsel has: one a CPU, or one (per-thread) */
static int nr_ids(const struct sim_result *res)
{
	return res->final.tool.target == TARGET_PER_THREAD ? 1 :
							     res->mc->nr_cpus;
}

/* the CPU index of an event's fd */
static int cpu_idx(const struct sim_result *res, int cpu)
{
	return res->final.tool.target == TARGET_PER_THREAD || cpu < 0 ? 0 :
									cpu;
}

uint64_t perf_data__cs_etm_config(const struct sim_result *res)
{
	const struct aux_state *s = &res->final;

	if (!s->tool.nr_fds || s->tool.fd_event[0] < 0 ||
	    arm_spe_data__session(res))
		return 0;
	return s->event[s->tool.fd_event[0]].config;
}

bool perf_data__timestamps(const struct sim_result *res)
{
	return perf_data__cs_etm_config(res) & 1ull << ETM_OPT_TS;
}

void perf_data__clock(const struct sim_result *res, const struct sim_piece *p,
		      struct etm4x_clock *clk)
{
	const struct sim_slice *sl = sim_result__slice(res, p->slice);

	clk->t0 = sl ? sl->t0 : 0;
	clk->s0 = sl ? sl->s0 : 0;
	clk->rate = p->cpu >= 0 && p->cpu < AUXSIM_MAX_CPUS ?
			    res->cpu_rate[p->cpu] :
			    0;
}

/* a perf header string: u32 len (NUL included, padded to 64), bytes */
static void hstring(struct buf *b, const char *s)
{
	size_t n = strlen(s) + 1, padded = (n + 63) / 64 * 64;

	u32(b, (uint32_t)padded);
	put(b, s, n - 1);
	u8s(b, 0, padded - (n - 1));
}

/*
 * The file into @b (a file, or a count): @elf is the traced program's
 * absolute path for the MMAP2; *@data_end the end of the data section,
 * what perf record reports as "Captured and wrote" (record__finish_output()
 * takes the file's size before it writes the features).
 */
static int emit(struct buf *b, const struct sim_result *res, const char *elf,
		uint64_t *data_end_out, char *err, int errlen)
{
	const struct aux_state *s = &res->final;
	int traced = res->scn->traced_task;
	uint32_t pid = traced >= 0 ? (uint32_t)s->task[traced].pid : 0;
	uint64_t *index_off = NULL;
	int nidx = 0, ri = 0;
	uint64_t data_off, data_end, feat_off;
	/* the -e events, then the dummy:u tracking evsel */
	int nev = res->scn->rec.nr_events + 1, nids = nr_ids(res);
	int dummy = nev - 1;
	struct switch_rec *sw = NULL;
	int nsw = 0, si = 0;
	int aux = res->final.tool.aux_evsel;
	const struct tracepoint_def *tps[SCN_MAX_EVENTS];
	int ntp = perf_data__tracepoint_evsels(res, tps, err, errlen);
	/* the features perf record sets (perf/header.h): TRACING_DATA only
	 * with tracepoint evsels */
	uint64_t feats = perf_header__features(res, ntp > 0);
	int nfeat = __builtin_popcountll(feats);

	if (ntp < 0)
		return ntp;
	b->per_thread = res->final.tool.target == TARGET_PER_THREAD;

	index_off = calloc((size_t)res->nreads + 1, sizeof(*index_off));
	if (!index_off) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	/* perf_file_header; sizes filled in below */
	u64(b, PERF_MAGIC2);
	u64(b, 104);
	u64(b, ATTR_SIZE + 16);
	u64(b, 104); /* attrs.offset */
	u64(b, (uint64_t)nev * (ATTR_SIZE + 16)); /* attrs.size */
	u64(b, 0); /* data.offset */
	u64(b, 0); /* data.size */
	u64(b, 0); /* event_types */
	u64(b, 0);
	u64(b, feats); /* those written: set at the end */
	u64(b, 0);
	u64(b, 0);
	u64(b, 0);
	/* perf_file_attr[]: each attr and where its ids are, then the ids */
	for (int e = 0; e < nev; e++) {
		perf_data__attr(b, res, e);
		u64(b, 104 + (uint64_t)nev * (ATTR_SIZE + 16) +
				(uint64_t)e * (uint64_t)nids * 8);
		u64(b, (uint64_t)nids * 8);
	}
	for (int e = 0; e < nev; e++)
		for (int c = 0; c < nids; c++)
			u64(b, EVENT_ID(e, c));
	data_off = pos(b);

	if (arm_spe_data__session(res)) {
		/* TIME_CONV and SPE's AUXTRACE_INFO (perf/arm-spe-data.h) */
		struct bytebuf sb = { 0 };

		arm_spe_data__info(res, &sb);
		if (sb.oom)
			b->mem.oom = 1;
		put(b, sb.p, sb.len);
		bytebuf__release(&sb);
	} else {
		perf_data__auxtrace_info(b, res);
	}
	/* the kernel's maps (perf_event__synthesize_kernel_mmap()) */
	{
		struct bytebuf km = { 0 };

		perf_event__synthesize_kernel_mmap(res, sample_id_size(b), &km);
		if (km.oom)
			b->mem.oom = 1;
		put(b, km.p, km.len);
		bytebuf__release(&km);
	}
	/* the workload's COMM (perf_event__synthesize_comm, or its exec) */
	if (traced >= 0) {
		char comm[16] = "";
		size_t n;

		snprintf(comm, sizeof(comm), "%s",
			 res->scn->tasks[traced].comm);
		n = (strlen(comm) + 1 + 7) / 8 * 8;
		header(b, PERF_RECORD_COMM, 0,
		       (uint16_t)(8 + 8 + n + sample_id_size(b)));
		u32(b, pid);
		u32(b, pid);
		put(b, comm, strlen(comm));
		u8s(b, 0, n - strlen(comm));
		sample_id(b, pid, pid, 0, -1, EVENT_ID(dummy, 0));
		/* the workload's text: an MMAP2 naming the ELF auxsim
		 * writes next to FILE, at an absolute path */
		n = (strlen(elf) + 1 + 7) / 8 * 8;
		header(b, PERF_RECORD_MMAP2, 2 /* PERF_RECORD_MISC_USER */,
		       (uint16_t)(8 + 8 + 24 + 8 + 16 + 8 + n +
				  sample_id_size(b)));
		u32(b, pid);
		u32(b, pid);
		u64(b, ETM4_PROG_BASE);
		u64(b, 0x2000);
		u64(b, 0); /* pgoff */
		u32(b, 0); /* maj */
		u32(b, 0); /* min */
		u64(b, 0); /* ino */
		u64(b, 0); /* ino_generation */
		u32(b, 5); /* PROT_READ | PROT_EXEC */
		u32(b, 2); /* MAP_PRIVATE */
		put(b, elf, strlen(elf));
		u8s(b, 0, n - strlen(elf));
		sample_id(b, pid, pid, 0, -1, EVENT_ID(dummy, 0));
	}
	/* the kernel's records, the switch records and perf's AUX reads, in
	 * time order */
	if (res->record_switch_events) {
		nsw = perf_data__switch_recs(res, &sw);
		if (nsw < 0) {
			b->mem.oom = 1;
			nsw = 0;
		}
	}
	for (int i = 0; i <= res->nrecs && !stopped(b); i++) {
		const struct aux_record *r = i < res->nrecs ? &res->recs[i] :
							     NULL;
		uint64_t t = r ? r->time_ns : UINT64_MAX;

		for (; si < nsw && sw[si].t <= t; si++)
			perf_data__switch_record(b, res, &sw[si],
				      EVENT_ID(dummy, cpu_idx(res, sw[si].cpu)));

		for (; ri < res->nreads && res->reads[ri].rd.time_ns <= t;
		     ri++) {
			const struct sim_read *rd = &res->reads[ri];
			uint64_t size = sim_read__bytes(rd);

			if (!size)
				continue;
			index_off[nidx++] = pos(b);
			header(b, PERF_RECORD_AUXTRACE, 0, 48);
			u64(b, (size + 7) / 8 * 8);
			u64(b, rd->rd.offset);
			u64(b, 0x5eed000000000000ull | (uint64_t)ri);
			u32(b, (uint32_t)rd->rd.mmap);
			u32(b, (uint32_t)rd->rd.tid);
			u32(b, (uint32_t)rd->rd.cpu);
			u32(b, 0);
			perf_data__auxtrace_payload(b, res, rd, pid);
		}
		if (!r)
			break;
		switch (r->type) {
		case PERF_RECORD_AUX:
			header(b, PERF_RECORD_AUX, 0, 8 + 24 + sample_id_size(b));
			u64(b, r->offset);
			u64(b, r->size);
			u64(b, r->flags);
			sample_id(b, pid, pid, r->time_ns, r->cpu,
				  EVENT_ID(aux, cpu_idx(res, r->cpu)));
			break;
		case PERF_RECORD_ITRACE_START:
			header(b, PERF_RECORD_ITRACE_START, 0,
			       8 + 8 + sample_id_size(b));
			u32(b, r->pid);
			u32(b, r->tid);
			sample_id(b, r->pid, r->tid, r->time_ns, r->cpu,
				  EVENT_ID(aux, cpu_idx(res, r->cpu)));
			break;
		case PERF_RECORD_THROTTLE:
		case PERF_RECORD_UNTHROTTLE: {
			/* perf_log_throttle(): time, id, stream_id */
			const struct perf_event *ev =
				r->event >= 0 ? &s->event[r->event] : NULL;
			uint64_t id = ev ? EVENT_ID(ev->evsel,
						    cpu_idx(res, ev->cpu)) :
					   0;

			header(b, r->type, 0, 8 + 24 + sample_id_size(b));
			u64(b, r->time_ns);
			u64(b, id);
			u64(b, id);
			sample_id(b, r->pid, r->tid, r->time_ns, r->cpu, id);
			break;
		}
		default:
			break;
		}
	}
	header(b, PERF_RECORD_FINISHED_ROUND, 0, 8);
	data_end = pos(b);
	*data_end_out = data_end;
	set_u64(b, 40, data_off);
	set_u64(b, 48, data_end - data_off);

	/* feature sections: a table of {offset, size} in bit order, as many
	 * entries as features set; one perf's writer fails on is dropped
	 * and its entry stays zero (perf_header__adds_write()) */
	feat_off = pos(b);
	for (int i = 0; i < nfeat; i++) {
		u64(b, 0);
		u64(b, 0);
	}
	for (int f = HEADER_TRACING_DATA, k = 0; f < HEADER_LAST_FEATURE; f++) {
		uint64_t at = pos(b);

		if (!(feats >> f & 1))
			continue;
		if (f == HEADER_TRACING_DATA) {
			/* header.c write_tracing_data() */
			size_t n;
			uint8_t *td = tracing_data_get(tps, ntp, &n);

			if (td)
				put(b, td, n);
			else
				b->mem.oom = 1;
			free(td);
		} else if (f == HEADER_EVENT_DESC) {
			u32(b, (uint32_t)nev);
			u32(b, ATTR_SIZE);
			for (int e = 0; e < nev; e++) {
				perf_data__attr(b, res, e);
				u32(b, (uint32_t)nids);
				hstring(b, e == dummy ?
						   "dummy:u" :
						   res->scn->rec.events[e].text);
				for (int c = 0; c < nids; c++)
					u64(b, EVENT_ID(e, c));
			}
		} else if (f == HEADER_AUXTRACE) {
			/* the index */
			u64(b, (uint64_t)nidx);
			for (int i = 0; i < nidx; i++) {
				u64(b, index_off[i]);
				u64(b, 48);
			}
		} else {
			struct bytebuf fb = { 0 };
			int r = perf_header__write_feat(f, res, &fb);

			if (r == -ENOMEM || fb.oom)
				b->mem.oom = 1;
			if (!r)
				put(b, fb.p, fb.len);
			bytebuf__release(&fb);
			if (r) {
				feats &= ~(1ull << f);
				continue;
			}
		}
		set_u64(b, feat_off + 16 * (uint64_t)k, at);
		set_u64(b, feat_off + 16 * (uint64_t)k + 8, pos(b) - at);
		k++;
	}
	set_u64(b, 72, feats); /* adds_features[0] */
	free(index_off);
	free(sw);
	flush(b);
	return 0;
}

/*
 * The ELF that comes with the perf.data @path (elf.h): @rel its name as
 * the files are opened (from @path, links followed), @abs the absolute
 * path the MMAP2 record gives perf.
 */
static int elf_paths(const char *path, char *rel, char *abs, size_t len,
		     char *err, int errlen)
{
	char dir[PATH_MAX], real[PATH_MAX];
	const char *slash;
	int ret = workload_elf__path(path, rel, len), n;

	if (ret) {
		snprintf(err, errlen, "%s: %s", path, strerror(-ret));
		return ret;
	}
	slash = strrchr(rel, '/');
	snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - rel) : 1,
		 slash ? (slash == rel ? "/" : rel) : ".");
	if (!realpath(dir, real)) {
		ret = -errno;
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return ret;
	}
	n = snprintf(abs, len, "%s/%s", strcmp(real, "/") ? real : "",
		     slash ? slash + 1 : rel);
	if (n < 0 || (size_t)n >= len) {
		snprintf(err, errlen, "%s: %s", path, strerror(ENAMETOOLONG));
		return -ENAMETOOLONG;
	}
	return 0;
}

/* @v as "240.1 MiB (251789312 bytes)" */
static const char *fmt_bytes(char *buf, size_t len, uint64_t v)
{
	static const char *const unit[] = {"KiB", "MiB", "GiB", "TiB"};
	double x = (double)v / 1024;
	int u = 0;

	while (x >= 1024 && u < 3) {
		x /= 1024;
		u++;
	}
	snprintf(buf, len, "%.1f %s (%" PRIu64 " bytes)", x, unit[u], v);
	return buf;
}

/*
 * Before a byte is written: the file's size (emit() counting, no trace
 * bytes made) against AUXSIM_MAX_PERF_DATA_BYTES (-E2BIG), and with its
 * ELF against the space free in the directory's filesystem (-ENOSPC, as
 * the write would fail; the blocks root may use count for root), with
 * @err naming -o's @path and the sizes.  *@data_end: "Captured and wrote".
 */
static int check_size(const char *path, const struct sim_result *res,
		      const char *elf, int dirfd, uint64_t *data_end, char *err,
		      int errlen)
{
	struct buf b = {.count = true};
	struct statvfs sv;
	uint64_t need, avail;
	char n[64], e[64];
	int ret = emit(&b, res, elf, data_end, err, errlen);

	if (ret)
		return ret;
	if (pos(&b) > AUXSIM_MAX_PERF_DATA_BYTES) {
		snprintf(err, errlen,
			 "%s: the perf.data would be %s, past the limit of "
			 "%llu GiB (docs/scenario-format.md, Limits); a "
			 "shorter --duration or fewer snapshots make it "
			 "smaller",
			 path, fmt_bytes(n, sizeof(n), pos(&b)),
			 AUXSIM_MAX_PERF_DATA_BYTES >> 30);
		return -E2BIG;
	}
	need = pos(&b) + workload_elf__size();
	if (fstatvfs(dirfd, &sv) || !sv.f_blocks)
		return 0; /* no figures: the write will say */
	avail = (uint64_t)(geteuid() ? sv.f_bavail : sv.f_bfree) *
		(uint64_t)sv.f_frsize;
	if (need <= avail)
		return 0;
	snprintf(err, errlen,
		 "%s: %s: the perf.data and its ELF need %s, the filesystem "
		 "has %s free",
		 path, strerror(ENOSPC), fmt_bytes(n, sizeof(n), need),
		 fmt_bytes(e, sizeof(e), avail));
	return -ENOSPC;
}

int perf_data__write(const char *path, const struct sim_result *res,
		     uint64_t *captured, char *err, int errlen)
{
	struct buf b = {0};
	struct atomic_file data, elf;
	char rel[PATH_MAX + 64], abs[PATH_MAX + 64];
	uint64_t data_end = 0;
	int ret = elf_paths(path, rel, abs, sizeof(rel), err, errlen), elf_ret;

	if (ret)
		return ret;
	/* both written under no name, then both named (atomic-file.h):
	 * a perf.data is never left without its ELF, nor an ELF alone */
	ret = atomic_file__open(&data, path, err, errlen);
	if (ret)
		return ret;
	ret = check_size(path, res, abs, data.dirfd, &data_end, err, errlen);
	if (captured)
		*captured = data_end;
	if (ret) {
		atomic_file__discard(&data);
		return ret;
	}
	ret = atomic_file__open(&elf, rel, err, errlen);
	if (ret) {
		atomic_file__discard(&data);
		return ret;
	}
	/* a failed write of the ELF shows in its atomic_file__prepare(),
	 * with its errno */
	elf_ret = workload_elf__emit(
		elf.f, ETM4_LOOP_COUNT(perf_data__timestamps(res)));
	b.f = data.f;
	b.sig0 = interrupt__signo() != 0;
	ret = elf_ret == -ENOMEM ? -ENOMEM
				 : emit(&b, res, abs, &data_end, err, errlen);
	if (ret) {
		if (ret == -ENOMEM)
			snprintf(err, errlen, "%s: %s", path, strerror(ENOMEM));
		atomic_file__discard(&elf);
		atomic_file__discard(&data);
		bytebuf__release(&b.mem);
		return ret;
	}
	if (captured)
		*captured = data_end;
	ret = atomic_file__prepare(&data,
				   b.intr      ? -EINTR
				   : b.mem.oom ? -ENOMEM
				   : b.ioerr   ? -EIO
					       : 0,
				   err, errlen);
	bytebuf__release(&b.mem);
	if (ret) {
		atomic_file__discard(&elf);
		return ret;
	}
	ret = atomic_file__prepare(&elf, elf_ret, err, errlen);
	if (!ret)
		ret = atomic_file__commit(&elf, err, errlen);
	if (ret) {
		atomic_file__discard(&data);
		return ret;
	}
	return atomic_file__commit(&data, err, errlen);
}

uint64_t perf_data__size(const struct sim_result *res)
{
	struct buf b = {.count = true};
	int traced = res->scn->traced_task;
	char elf[64], err[128];
	uint64_t data_end = 0;

	/* what perf record would name: the workload's binary */
	snprintf(elf, sizeof(elf), "/usr/bin/%s",
		 traced >= 0 ? res->scn->tasks[traced].comm : "workload");
	if (emit(&b, res, elf, &data_end, err, (int)sizeof(err)))
		return 0;
	return data_end;
}
