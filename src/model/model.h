/* SPDX-License-Identifier: GPL-2.0 */
/*
 * model.h - the auxsim model state and the modelled kernel/perf functions.
 *
 * The whole state of a modelled machine is one value, struct aux_state: fixed
 * capacity arrays of kernel objects addressed by index, never by pointer, so
 * that a checker can copy it with memcpy, compare it with memcmp and hash it.
 * Everything else in struct aux_model (machine, variants, observer, the call
 * stack used for WARN splats) is configuration or output, not state.  The
 * kernel objects it is made of are defined in headers at their kernel paths:
 * include/linux/perf_event.h (and its uapi), kernel/events/internal.h, the
 * coresight-*.h of drivers/hwtracing/coresight/, drivers/perf/arm_spe_pmu.h
 * and include/linux/perf/arm_pmu.h.
 *
 * Trace bytes are never kept.  A buffer (an AUX area, the ETR memory) is an
 * extent map: which bytes of which CPU's trace stream, from which scheduling
 * slice, sit at which physical offset (extent.h).  Bytes are produced only for
 * output.
 *
 * Invariants (checked by aux_state__check() after every step in
 * MODEL_TESTING builds):
 *  - rb[i].aux_nest is 0 or 1, and it is 1 iff some CPU's handle (etm_ctxt
 *    or SPE) has .event >= 0 and .rb == i (an open AUX transaction) - or
 *    the kernel's aux_nest WARN has fired, which orphans one (seed 001);
 *  - an event in PERF_EVENT_STATE_ACTIVE has oncpu >= 0, and its ctx is the
 *    CPU ctx of oncpu or the task ctx installed in cpuctx[oncpu];
 *  - cpuctx[c].task_ctx is the ctx of the task current on CPU c, or -1;
 *  - etr.refcnt equals the number of CPUs whose ETM path is enabled, and
 *    etr.pid == -1 iff etr.refcnt == 0;
 *  - every extent map is sorted, non-overlapping and within its size.
 *
 * Naming: a function modelling a kernel or perf function carries its name and
 * cites its file; its first argument is the model.  Indices of -1 stand for
 * NULL.  Functions return 0 or -errno, as their kernel counterparts do.
 */
#ifndef AUXSIM_MODEL_H
#define AUXSIM_MODEL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "model/extent.h"
#include "model/machine.h"
#include "model/variant.h"
#include "include/linux/perf_event.h"
#include "include/linux/perf/arm_pmu.h"
#include "kernel/events/internal.h"
#include "drivers/hwtracing/coresight/coresight-priv.h"
#include "drivers/hwtracing/coresight/coresight-etm-perf.h"
#include "drivers/hwtracing/coresight/coresight-etm4x.h"
#include "drivers/hwtracing/coresight/coresight-tmc.h"
#include "drivers/perf/arm_spe_pmu.h"

#if defined(AUXSIM_CHECK)
/* The checker's profile (auxsim-check): small states to copy, hash and
 * store; machines of at most 6 CPUs (a whole Juno).  The checker
 * compares and copies only the blocks a scenario can write
 * (check-state.c). */
#define MAX_CPUS 6
#define MAX_EVENTS 18
#define MAX_RB 6
#define MAX_TASKS 3
#define MAX_ETR_BUFS 2
#elif defined(MODEL_TESTING)
/* Shrunk sizes "to give bugs a chance" (Lua's ltests.h). */
#define MAX_CPUS AUXSIM_MAX_CPUS
#define MAX_EVENTS 20
#define MAX_RB 8
#define MAX_TASKS 4
#define MAX_ETR_BUFS 4
#else
#define MAX_CPUS AUXSIM_MAX_CPUS
#define MAX_EVENTS 32
#define MAX_RB 16
#define MAX_TASKS 8
#define MAX_ETR_BUFS 8
#endif
#define MAX_CTX (MAX_CPUS + MAX_TASKS)
#define MAX_MMAPS MAX_RB
#define MAX_EVSEL 8 /* perf's evlist */

/* kernel/events/core.c: enum event_type_t */
#define EVENT_FLEXIBLE 0x1
#define EVENT_PINNED 0x2
#define EVENT_TIME 0x4
#define EVENT_ALL (EVENT_FLEXIBLE | EVENT_PINNED)

/* The PMUs the model knows. */
enum model_pmu {
	PMU_NONE = 0,
	PMU_CS_ETM, /* coresight-etm-perf.c: "cs_etm" */
	PMU_DUMMY, /* the perf tool's tracking dummy:u event */
	PMU_ARMV8, /* arm_pmuv3.c: "armv8_pmuv3_0", the cycles counter */
	PMU_ARM_SPE, /* arm_spe_pmu.c: "arm_spe_0" */
	PMU_TRACEPOINT, /* kernel/events/core.c: perf_tracepoint, sched_switch */
};

/* include/linux/perf_event.h: PERF_PMU_CAP_* */
#define PERF_PMU_CAP_NO_INTERRUPT 0x0001
#define PERF_PMU_CAP_EXCLUSIVE 0x0010
#define PERF_PMU_CAP_ITRACE 0x0020
#define PERF_PMU_CAP_AUX_PAUSE 0x0200

/* kernel/events/core.c */
#define MAX_INTERRUPTS (~(uint64_t)0)

/* Interrupt points: places inside modelled kernel code where an NMI can
 * land (model__irq_point()); a driver may deliver one there. */
enum irq_point {
	IP_AUX_PAUSE_GUARDED, /* perf_event_aux_pause(): guard held */
	IP_THROTTLE_GROUP, /* perf_event_throttle_group(): between members */
	IP_UNTHROTTLE_GROUP, /* perf_event_unthrottle_group(): between */
	NR_IRQ_POINTS,
};

/* ---- the workload ---- */
struct task {
	int8_t in_use;
	int8_t cpu; /* running on, -1 */
	int8_t last_cpu;
	int8_t traced; /* the perf record workload */
	int16_t perf_ctx; /* task->perf_event_ctxp, -1 */
	int32_t pid;
	uint32_t slice; /* current scheduling slice id (1-based), 0 */
};

struct cpu_state {
	int16_t curr; /* task index, -1 = idle */
	int8_t in_nmi; /* nesting of modelled NMIs on this CPU */
	int32_t perf_throttled_count; /* throttles since the last tick */
	uint64_t perf_throttled_seq; /* ticks so far */
	uint64_t cycles; /* CPU cycles run (the PMU's cycle count) */
	uint64_t cycle_frac; /* hz * ns remainder, < 1e9 */
	uint64_t stream; /* bytes this CPU's ETM has emitted so far */
	uint64_t frac; /* rate * ns not yet emitted, < 16e9 (a frame) */
	/*
	 * ghost (not kernel state), for the snapshot-not-older-than-lost
	 * invariant: the stream offset up to which earlier snapshots could
	 * hold this CPU's trace (its stream at the last snapshot); for the
	 * last snapshot, the bytes of this stream emitted since the one
	 * before, newer than the oldest such byte it holds, that it does not
	 * hold (lost before it).  snap_lo/snap_held accumulate during one
	 * snapshot's reads (perf/auxtrace.c) and are 0 between steps.
	 */
	uint64_t ghost_snap_end;
	uint64_t ghost_snap_lost;
	uint64_t ghost_snap_lo, ghost_snap_held;
};

/* ---- the perf tool ---- */

/* tools/perf/util/mmap.h + auxtrace.h: struct mmap / struct auxtrace_mmap */
struct perf_mmap {
	int8_t in_use;
	int8_t cpu; /* mm->cpu, -1 in --per-thread */
	int8_t wrapped; /* cs_etm_recording.wrapped[idx] (perf <= 5.13) */
	int16_t idx;
	int16_t rb;
	int32_t tid; /* mm->tid, -1 in per-CPU modes */
	uint64_t len;
	uint64_t prev;
	uint32_t wakeups_seen; /* rb->nr_wakeups when perf last polled */
	/* ghost: trace bytes (EXT_TRACE, EXT_UNTRACKED) perf has read from
	 * this AUX area in full-trace mode (PERF_RECORD_AUXTRACE payloads) */
	uint64_t ghost_trace_read;
};

enum tool_phase {
	TOOL_RUNNING, /* main loop, trigger ready */
	TOOL_SNAPSHOT_READ, /* disabled in the SIGUSR2 handler, read pending */
	TOOL_SNAPSHOT_ENABLE, /* read done, enable pending */
};

struct perf_tool {
	int8_t phase; /* enum tool_phase */
	int8_t exited; /* perf has munmapped and exited */
	int8_t snapshot_mode;
	int8_t privileged;
	int8_t target; /* enum perf_target */
	/* ghost: a TRUNCATED record came between the last snapshot and the
	 * one before (snapshot-not-older-than-lost) */
	int8_t ghost_snap_flagged;
	int32_t pid;
	int16_t nr_mmaps;
	int16_t nr_fds; /* AUX evsel fds, in perf's order */
	int16_t fd_event[MAX_EVENTS];
	int8_t nr_evsel;
	int8_t aux_evsel; /* the AUX area evsel */
	int8_t evsel_leader[MAX_EVSEL]; /* evsel__leader() */
	int16_t evsel_fd[MAX_EVSEL][MAX_CPUS]; /* FD(evsel, cpu_idx) */
	uint64_t auxtrace_mmap_pages;
	uint64_t auxtrace_snapshot_size;
	uint64_t mmap_pages;
	uint32_t nr_snapshots;
	/* tools/perf/util/events_stats.h: stats.total_aux_lost, the
	 * PERF_RECORD_AUX flagged TRUNCATED that perf has been given ("AUX
	 * data lost N times"); saturates */
	uint16_t total_aux_lost;
	/* ghost: total_aux_lost at the last snapshot */
	uint16_t ghost_snap_aux_lost;
	uint64_t snapshot_bytes; /* bytes read by the pending snapshot */
};

enum perf_target {
	TARGET_PER_CPU_TASK, /* perf record -- cmd (default_per_cpu) */
	TARGET_PER_THREAD, /* --per-thread */
	TARGET_SYSTEM_WIDE, /* -a */
};

/* WARN sites: bit numbers of aux_state.warned */
enum warn_site {
	WARN_AUX_NEST, /* ring_buffer.c perf_aux_output_begin: nesting */
	WARN_AUX_FLAG_OVERWRITE, /* ring_buffer.c perf_aux_output_flag */
	WARN_ETM_START_CTXT_BUSY, /* etm_event_start: ctxt->event_data */
	WARN_ETM_STOP_AUX_MISMATCH, /* etm_event_stop: perf_get_aux != ctxt */
	WARN_ETM_STOP_NO_EVENT_DATA, /* etm_event_stop: !event_data */
	WARN_ETM_STOP_HANDLE_EVENT, /* etm_event_stop: handle->event != event */
	WARN_ETM_STOP_SIZE, /* etm_event_stop: size with a closed handle */
	WARN_ETR_PERF_BUF, /* tmc_update_etr_buffer: perf_buf != etr_buf */
	WARN_ETR_ENABLE_NO_BUF, /* tmc_enable_etr_sink_perf: !etr_perf */
	WARN_ETR_DISABLE_MODE, /* tmc_disable_etr_sink: mode DISABLED */
	WARN_AUX_REFCOUNT, /* core.c perf_mmap_close: aux_refcount */
	WARN_CTX_TASK_CTX, /* core.c ctx_sched_out: cpuctx->task_ctx */
	WARN_AUX_PAUSE_NO_EVENT, /* core.c perf_event_aux_pause: !event */
	WARN_ETM_PAUSE_HANDLE, /* etm_event_pause: handle->event != event */
	WARN_ETM_PAUSE_SIZE, /* etm_event_pause: size, handle gone */
	WARN_ETM_NO_SINK, /* etm_event_start: !sink */
	WARN_ETM_PAUSE_NO_SINK, /* etm_event_pause: !sink */
	NR_WARN_SITES,
};

struct aux_state {
	uint64_t time_ns;
	uint32_t max_samples_per_tick; /* from perf_event_max_sample_rate/HZ */
	uint32_t warned; /* WARN_ON_ONCE sites that fired (enum warn_site) */
	uint32_t nr_warnings; /* every WARN, ONCE or not */
	uint32_t next_slice;
	uint32_t irq_work_pending; /* CPUs with queued irq_work (bitmask) */
	int8_t nr_cpus;
	/* event[0 .. nr_event_slots) have been allocated (perf_event_open()
	 * takes the first free slot, and no event is ever freed): loops over
	 * events stop there */
	uint8_t nr_event_slots;
	struct cpu_state cpu[MAX_CPUS];
	struct perf_event event[MAX_EVENTS]; /* 64-byte aligned (checker) */
	struct task task[MAX_TASKS];
	struct perf_event_context ctx[MAX_CTX];
	struct perf_cpu_context cpuctx[MAX_CPUS];
	struct etm_ctxt etm_ctxt[MAX_CPUS];
	struct etmv4_drvdata etm[MAX_CPUS];
	struct arm_spe_cpu spe[MAX_CPUS];
	struct pmu_hw_events armpmu[MAX_CPUS];
	struct etm_event_data etm_event_data[MAX_RB];
	struct etr_perf_buffer etr_perf[MAX_RB];
	struct tmc_drvdata etr;
	struct perf_tool tool;
	struct perf_mmap mmap[MAX_MMAPS];
	struct perf_buffer rb[MAX_RB];
	struct etr_buf etr_buf[MAX_ETR_BUFS];
#if defined(AUXSIM_CHECK)
	/* to a whole number of the checker's 64-byte blocks: a short last
	 * block costs every compare and copy a branch (check-hash.c) */
	uint8_t pad_[16];
#endif
};

/* ---- output: what the model tells its driver (not state) ---- */

struct aux_record {
	uint32_t type; /* enum perf_record_type */
	int16_t rb, event;
	int8_t cpu;
	uint64_t time_ns;
	uint64_t offset, size, flags; /* PERF_RECORD_AUX */
	uint32_t pid, tid; /* ITRACE_START, SWITCH, COMM */
	uint64_t hw_id; /* AUX_OUTPUT_HW_ID */
	uint16_t misc; /* SWITCH: PERF_RECORD_MISC_SWITCH_OUT */
};

#define AUX_MAX_STACK 24

struct aux_warning {
	enum warn_site site;
	int cpu;
	uint64_t time_ns;
	int depth;
	const char *stack[AUX_MAX_STACK]; /* innermost first */
};

/* One AUXTRACE read by the perf tool: a window of an mmap's AUX area. */
struct aux_read {
	int16_t mmap, rb;
	int8_t cpu;
	int32_t tid;
	uint64_t time_ns;
	uint64_t head; /* user_page->aux_head as read */
	uint64_t old; /* mm->prev (after find_snapshot) */
	uint64_t size; /* bytes copied (before padding) */
	uint64_t offset; /* AUXTRACE offset */
	uint64_t phys; /* physical start in the AUX area */
	uint32_t snapshot; /* snapshot number, 1-based; 0 = not a snapshot */
};

struct aux_model;

struct aux_observer {
	void (*record)(struct aux_model *m, const struct aux_record *r);
	void (*warn)(struct aux_model *m, const struct aux_warning *w);
	/* Called with the extents of the window, in stream order. */
	void (*auxtrace)(struct aux_model *m, const struct aux_read *rd,
			 const struct extent *ext, int nr);
	void (*log)(struct aux_model *m, const char *line);
	void (*tool)(struct aux_model *m, const char *what); /* perf messages */
	/* modelled code on m->this_cpu reached interrupt point @ip */
	void (*irq_point)(struct aux_model *m, enum irq_point ip);
};

struct aux_model {
	struct aux_state s; /* THE state: a value */

	/* configuration */
	const struct machine *mc;
	const struct kernel_variant *kernel;
	const struct perf_variant *perf;
	uint32_t kfeat; /* enum kernel_feature */
	uint32_t kpatch; /* enum kernel_patch */
	uint32_t pfeat; /* enum perf_feature */
	uint64_t cpu_rate[MAX_CPUS];
	uint64_t cpu_hz[MAX_CPUS];
	uint64_t page_size;
	/* who opens the events: the perf user has CAP_PERFMON (root), and
	 * the kernel.perf_event_paranoid sysctl (2, the upstream default) */
	bool perfmon_capable;
	int perf_event_paranoid;

	/* output */
	const struct aux_observer *obs;
	void *priv;
	bool log; /* format model__log() lines at all */
	bool in_tool; /* running in the perf tool's syscall (current = perf) */
	bool pmi_nmi; /* PMU interrupts are NMIs */
	uint32_t task_cpus[MAX_TASKS]; /* affinity (0: any CPU) */
	/* the checker (sim__start()): a tick step also stands for this much
	 * code run on its CPU, and the trace its ETM emitted (0: none) */
	uint64_t tick_trace_ns;
	/* the checker: its abstraction of a state (mc_normalize()), and
	 * room for two states, so that a burst may end once it is steady
	 * (step.c: step__overflow_burst()); NULL elsewhere */
	void (*burst_abstract)(struct aux_state *s);
	struct aux_state *burst_scratch;
	/* the NMI a step plans (step.c): evsel's overflow at nmi_point */
	int nmi_evsel, nmi_point;
	bool nmi_landed;

	/* execution context of the modelled code running now */
	int this_cpu; /* smp_processor_id() */
	int depth;
	const char *stack[AUX_MAX_STACK]; /* outermost first */
};

static inline bool kernel_has(const struct aux_model *m, uint32_t kf)
{
	return m->kfeat & kf;
}

static inline bool kernel_patched(const struct aux_model *m, uint32_t kp)
{
	return m->kpatch & kp;
}

static inline bool perf_has(const struct aux_model *m, uint32_t pf)
{
	return m->pfeat & pf;
}

/* Call-stack bookkeeping for WARN splats: KENTER at the top of each modelled
 * kernel function, KRET/KRETURN on every exit. */
/* the modelled call stack, for WARN splats: inline, every modelled
 * function calls them and the checker runs millions of steps */
static inline void model__enter(struct aux_model *m, const char *fn)
{
	if (m->depth < AUX_MAX_STACK)
		m->stack[m->depth] = fn;
	m->depth++;
}

static inline void model__leave(struct aux_model *m)
{
	if (m->depth > 0)
		m->depth--;
}
#define KENTER(m) model__enter((m), __func__)
#define KLEAVE(m) model__leave(m)

/* WARN_ON()/WARN_ON_ONCE(): report @site if @cond, return @cond. */
bool model__warn_on(struct aux_model *m, bool cond, enum warn_site site,
		    bool once);
#define WARN_ON(m, cond, site) model__warn_on((m), (cond), (site), false)
#define WARN_ON_ONCE(m, cond, site) model__warn_on((m), (cond), (site), true)

struct warn_site_desc {
	const char *function;
	const char *file;
	int line_v5_12, line_v6_1, line_v7_1; /* 0: not verified */
	const char *cond;
};
extern const struct warn_site_desc warn_sites[NR_WARN_SITES];
/* the source line of @site in kernel @k */
int warn_site__line(enum warn_site site, const struct kernel_variant *k);

void model__emit(struct aux_model *m, struct aux_record *r);
void __model__log(struct aux_model *m, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* a line of the kernel-side log, "cpuN: ..."; free when logging is off */
#define model__log(m, ...)                              \
	do {                                            \
		if ((m)->log)                           \
			__model__log((m), __VA_ARGS__); \
	} while (0)

/*
 * What the names in the kernel log mean (the formatter, __model__log(),
 * writes perf's events as eK/cpuN and ring buffers as rb/cpuN): a line,
 * then one per -e of perf record, @names[K] its text; each line begins
 * with @indent.
 */
void model__log_key(FILE *f, const char *indent, const char *const *names,
		    int nr, bool per_thread);

/* model.c */
void aux_model__init(struct aux_model *m, const struct machine *mc,
		     const struct kernel_variant *k, uint32_t kpatch,
		     const struct perf_variant *pv);
int aux_state__check(const struct aux_model *m, char *why, int len);

/* step.c: the NMI the current step planned, if it lands at @ip */
void model__nmi(struct aux_model *m, enum irq_point ip);

/* an NMI may land here: the step's plan, or the driver, decides */
static inline void model__irq_point(struct aux_model *m, enum irq_point ip)
{
	if (m->nmi_evsel >= 0)
		model__nmi(m, ip);
	else if (m->obs && m->obs->irq_point)
		m->obs->irq_point(m, ip);
}

/* ---- kernel/events/ring_buffer.c ---- */
int rb_alloc(struct aux_model *m, int event);
int rb_alloc_aux(struct aux_model *m, int rb, int event, uint32_t nr_pages,
		 uint32_t watermark, int flags);
void rb_free_aux(struct aux_model *m, int rb);
int perf_aux_output_begin(struct aux_model *m,
			  struct perf_output_handle *handle, int event);
void perf_aux_output_end(struct aux_model *m,
			 struct perf_output_handle *handle, uint64_t size);
int perf_aux_output_skip(struct aux_model *m,
			 struct perf_output_handle *handle, uint64_t size);
void perf_aux_output_flag(struct aux_model *m,
			  struct perf_output_handle *handle, uint32_t flags);
int perf_get_aux(struct aux_model *m, const struct perf_output_handle *handle);
uint64_t perf_aux_size(const struct aux_model *m, int rb);
#define RING_BUFFER_WRITABLE 0x01

/* ---- kernel/events/core.c ---- */
struct perf_event_attr_model {
	int pmu;
	uint8_t disabled, enable_on_exec, exclude_user, exclude_kernel;
	uint8_t aux_start_paused, aux_pause, aux_resume;
	uint64_t config, config2;
	uint64_t sample_period; /* 0: a counting event */
	uint8_t freq; /* sample_period is then sample_freq */
};
uint32_t pmu_capabilities(const struct aux_model *m, int pmu);
int perf_event_open(struct aux_model *m, const struct perf_event_attr_model *attr,
		    int task, int cpu, int group_fd);
int perf_mmap(struct aux_model *m, int event);
int perf_mmap_aux(struct aux_model *m, int event, uint32_t nr_pages,
		  bool writable);
int perf_event_set_output(struct aux_model *m, int event, int output_event);
void perf_mmap_close_aux(struct aux_model *m, int event);
int perf_ioctl(struct aux_model *m, int event, unsigned int cmd);
void perf_event_exec(struct aux_model *m, int task);
void perf_event_task_sched_out(struct aux_model *m, int cpu, int task);
void perf_event_task_sched_in(struct aux_model *m, int cpu, int task);
int event_sched_in(struct aux_model *m, int event, int ctx);
void event_sched_out(struct aux_model *m, int event, int ctx);
void ctx_sched_out(struct aux_model *m, int ctx, uint8_t event_type);
void ctx_sched_in(struct aux_model *m, int ctx, uint8_t event_type);
void perf_event_disable_inatomic(struct aux_model *m, int event);
void perf_output_wakeup(struct aux_model *m, const struct perf_output_handle *h);
void irq_work_run(struct aux_model *m, int cpu);
void perf_event_aux_event(struct aux_model *m, int event, uint64_t head,
			  uint64_t size, uint64_t flags);
void perf_log_itrace_start(struct aux_model *m, int event);
void perf_event_itrace_started(struct aux_model *m, int event);
void perf_report_aux_output_id(struct aux_model *m, int event, uint64_t hw_id);
bool event_filter_match(const struct aux_model *m, int event);
/* throttling and AUX pause/resume (v6.13+, v6.16+) */
int perf_event_overflow(struct aux_model *m, int event);
/* trace_sched_switch() on @cpu: perf_tp_event() for its tracepoint events */
void perf_tp_sched_switch(struct aux_model *m, int cpu);
void perf_event_aux_pause(struct aux_model *m, int event, bool pause);
void perf_event_throttle_group(struct aux_model *m, int event);
void perf_event_unthrottle_group(struct aux_model *m, int event,
				 bool skip_start_event);
void perf_event_task_tick(struct aux_model *m, int cpu);

/* PMU callbacks: dispatch on event->pmu (struct pmu) */
int pmu_add(struct aux_model *m, int event, int flags);
void pmu_del(struct aux_model *m, int event, int flags);
void pmu_start(struct aux_model *m, int event, int flags);
void pmu_stop(struct aux_model *m, int event, int flags);

/* ---- drivers/hwtracing/coresight/coresight-etm-perf.c ---- */
int etm_setup_aux(struct aux_model *m, int event, int rb, uint32_t nr_pages,
		  bool overwrite);
void etm_free_aux(struct aux_model *m, int event_data);
void etm_event_start(struct aux_model *m, int event, int flags);
void etm_event_stop(struct aux_model *m, int event, int mode);
int etm_event_add(struct aux_model *m, int event, int mode);
void etm_event_del(struct aux_model *m, int event, int mode);

/* ---- coresight-etm4x-core.c (trace unit on/off) ---- */
int etm4_enable_perf(struct aux_model *m, int cpu, int event);
void etm4_disable_perf(struct aux_model *m, int cpu);
int etm4_pause_perf(struct aux_model *m, int cpu);
int etm4_resume_perf(struct aux_model *m, int cpu);

/* ---- drivers/perf/arm_pmu.c + arm_pmuv3.c ---- */
#define ARMV8_PMU_MAX_COUNTERS 7 /* PMCCNTR + 6 event counters (A57/A53) */
int armpmu_add(struct aux_model *m, int event, int flags);
void armpmu_del(struct aux_model *m, int event, int flags);
void armpmu_start(struct aux_model *m, int event, int flags);
void armpmu_stop(struct aux_model *m, int event, int flags);
/* the PMU interrupt on @cpu: every counter whose overflow is due */
void armv8pmu_handle_irq(struct aux_model *m, int cpu);
/* per CPU, the cycles left before its next counter overflow, or
 * UINT64_MAX */
void armpmu__next_overflows(const struct aux_model *m,
			    uint64_t left[MAX_CPUS]);

/* ---- drivers/perf/arm_spe_pmu.c ---- */
int arm_spe_pmu_setup_aux(struct aux_model *m, int event, int rb,
			  uint32_t nr_pages, bool snapshot);
int arm_spe_pmu_add(struct aux_model *m, int event, int flags);
void arm_spe_pmu_del(struct aux_model *m, int event, int flags);
void arm_spe_pmu_start(struct aux_model *m, int event, int flags);
void arm_spe_pmu_stop(struct aux_model *m, int event, int flags);
/* the profiling buffer writes @len bytes (piece @src) on @cpu */
void arm_spe__write(struct aux_model *m, int cpu, const struct extent *src,
		    uint64_t len);

/* ---- drivers/hwtracing/coresight/coresight-tmc-etr.c ---- */
int tmc_alloc_etr_buffer(struct aux_model *m, int event, int rb,
			 uint32_t nr_pages, bool snapshot);
void tmc_free_etr_buffer(struct aux_model *m, int etr_perf);
int tmc_enable_etr_sink_perf(struct aux_model *m,
			     struct perf_output_handle *handle);
int tmc_disable_etr_sink(struct aux_model *m);
uint64_t tmc_update_etr_buffer(struct aux_model *m,
			       struct perf_output_handle *handle,
			       int etr_perf);
/* the ETR hardware receiving trace: the formatter writes @len bytes */
void tmc_etr_hw_write(struct aux_model *m, const struct extent *src,
		      uint64_t len);
#define CORESIGHT_BARRIER_PKT_SIZE 16
#define TMC_ETR_PERF_MIN_BUF_SIZE (1u << 20)

/* ---- trace production (the ETM emitting while its CPU runs code) ---- */
void trace__advance(struct aux_model *m, uint64_t dt_ns);
/* ns until @cpu has run @cycles more cycles (UINT64_MAX when idle) */
uint64_t trace__ns_to_cycles(const struct aux_model *m, int cpu,
			     uint64_t cycles);
bool etm__tracing(const struct aux_model *m, int cpu);
/* the checker's tick: @cpu's ETM (or SPE) emits @dt_ns of trace; no clock
 * and no cycle counter moves */
void trace__tick(struct aux_model *m, int cpu, uint64_t dt_ns);

/* ---- the scheduler: context switch on @cpu from its task to @next ---- */
void sched__switch(struct aux_model *m, int cpu, int next, uint32_t slice);

#endif /* AUXSIM_MODEL_H */
