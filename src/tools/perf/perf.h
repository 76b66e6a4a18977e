/* SPDX-License-Identifier: GPL-2.0 */
/*
 * perf.h - the model of the perf tool's record path for AUX tracing:
 * tools/perf/builtin-record.c (open, mmap, the snapshot trigger),
 * tools/perf/arch/arm/util/cs-etm.c (cs_etm recording options, snapshot
 * hooks) and tools/perf/util/auxtrace.c (reading an AUX mmap).
 *
 * The tool talks to the modelled kernel only through the modelled syscalls
 * (perf_event_open, mmap, ioctl, munmap) and the user page's aux_head, as the
 * real tool does.  Its state is struct perf_tool and struct perf_mmap in
 * struct aux_state.
 *
 * Invariants:
 *  - tool.fd_event[0..nr_fds) are the cs_etm evsel's fds in perf's order
 *    (xyarray: CPU index, then thread), which is the ioctl order of
 *    evsel__disable()/evsel__enable();
 *  - mmap[i].idx == i, and mmap[i].prev is the aux_head perf last consumed.
 */
#ifndef AUXSIM_PERF_H
#define AUXSIM_PERF_H

#include <stdbool.h>
#include <stdint.h>

#include "model/model.h"
#include "scenario/scenario.h"

#define KiB(x) ((uint64_t)(x) << 10)
#define MiB(x) ((uint64_t)(x) << 20)

/* tools/include/linux/log2.h is_power_of_2() and roundup_pow_of_two(), on
 * the 64-bit sizes the recorders check */
static inline bool is_power_of_2(uint64_t n)
{
	return n && !(n & (n - 1));
}

static inline uint64_t roundup_pow_of_two(uint64_t n)
{
	uint64_t p = 1;

	while (p < n)
		p <<= 1;
	return p;
}

#define UINT_MAX_PAGES 0xffffffffull /* opts->mmap_pages == UINT_MAX */

/* tools/perf/util/evsel.h: struct evsel, what the model needs */
struct evsel_model {
	struct perf_event_attr_model attr;
	int leader; /* evsel__leader(): index in the evlist */
	int nr_members; /* as leader */
	int group; /* the {...} group it was written in, -1 */
	char name[128];
	char aux_action[16]; /* the aux-action= term, "" */
	char sink[32]; /* the @sink of a cs_etm event, "" */
};

/* tools/perf/util/record.h: struct record_opts, the fields we model */
struct record_opts {
	struct evsel_model evsel[MAX_EVSEL]; /* the evlist, in -e order */
	int nr_evsel;
	bool no_aux_mmap; /* the model's `aux-mmap off` */
	bool auxtrace_snapshot_mode;
	bool auxtrace_snapshot_on_exit;
	bool full_auxtrace;
	uint64_t auxtrace_snapshot_size;
	uint64_t auxtrace_mmap_pages;
	uint64_t mmap_pages;
	enum perf_target target;
	bool privileged; /* perf_event_paranoid_check(-1) */
	/* record_opts.record_switch_events: context_switch on the tracking
	 * evsel (dummy:u) cs_etm_recording_options() adds */
	bool record_switch_events;
};

/* include/linux/coresight-pmu.h: cs_etm attr.config bits */
#define ETM_OPT_CTXTID 14
#define ETM_OPT_TS 28

/* which recorder auxtrace_record__init() picked (struct auxtrace_record) */
enum auxtrace_recorder {
	AUXTRACE_NONE, /* no AUX area event: perf records without one */
	AUXTRACE_CS_ETM, /* cs_etm_record_init() */
	AUXTRACE_ARM_SPE, /* arm_spe_recording_init() */
};

/* tools/perf/arch/arm/util/auxtrace.c: the recorder of the evlist's AUX
 * events, or -errno with perf's message */
int auxtrace_record__init(struct aux_model *m, const struct record_opts *opts,
			  enum auxtrace_recorder *itr);
/* tools/perf/util/auxtrace.c: what -S asks of the recorder */
int auxtrace_parse_snapshot_options(struct aux_model *m,
				    enum auxtrace_recorder itr,
				    const struct record_opts *opts);

/* tools/perf/arch/arm64/util/arm-spe.c */
int arm_spe_recording_options(struct aux_model *m, struct record_opts *opts);

/* tools/perf/arch/arm/util/cs-etm.c */
int cs_etm_recording_options(struct aux_model *m, struct record_opts *opts);
int cs_etm_find_snapshot(struct aux_model *m, int mm, uint64_t *head,
			 uint64_t *old);
void cs_etm_snapshot_start(struct aux_model *m);
void cs_etm_snapshot_finish(struct aux_model *m);

/* tools/perf/util/evsel.c, auxtrace.c, evlist.c */
int evsel__config(struct aux_model *m, const struct scn_event *ev,
		  struct evsel_model *out, char *err, int len);
int auxtrace_parse_aux_action(struct aux_model *m, struct record_opts *opts);

/* tools/perf/util/auxtrace.c: __auxtrace_mmap__read().  Returns 1 if it
 * wrote an AUXTRACE record, 0 if there was nothing new, -1 on error. */
int __auxtrace_mmap__read(struct aux_model *m, int mm, bool snapshot,
			  uint64_t snapshot_size, uint32_t snapshot_no,
			  uint64_t *copied);

/* tools/perf/builtin-record.c */
uint64_t parse_pages_arg__round(struct aux_model *m, uint64_t pages);
int record__open(struct aux_model *m, struct record_opts *opts, int task);
void record__workload_exec(struct aux_model *m, int task);
int record__snapshot_trigger(struct aux_model *m);
uint64_t record__read_auxtrace_snapshot(struct aux_model *m);
void record__snapshot_finish(struct aux_model *m);
uint64_t record__mmap_read_all(struct aux_model *m, bool synch);
void record__exit(struct aux_model *m);

void perf__msg(struct aux_model *m, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif /* AUXSIM_PERF_H */
