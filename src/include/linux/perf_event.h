/* SPDX-License-Identifier: GPL-2.0 */
/*
 * include/linux/perf_event.h - the kernel's perf objects as the model keeps
 * them: struct perf_event and its output handle, the contexts, and the
 * PERF_EF_* and PERF_HES_* flags of the PMU callbacks.
 */
#ifndef AUXSIM_LINUX_PERF_EVENT_H
#define AUXSIM_LINUX_PERF_EVENT_H

#include <stdint.h>

#include "include/uapi/linux/perf_event.h"

#define PERF_EF_START 0x01
#define PERF_EF_RELOAD 0x02
#define PERF_EF_UPDATE 0x04
#define PERF_EF_PAUSE 0x08
#define PERF_EF_RESUME 0x10

#define PERF_HES_STOPPED 0x01
#define PERF_HES_UPTODATE 0x02

enum perf_event_state {
	PERF_EVENT_STATE_DEAD = -4,
	PERF_EVENT_STATE_EXIT = -3,
	PERF_EVENT_STATE_ERROR = -2,
	PERF_EVENT_STATE_OFF = -1,
	PERF_EVENT_STATE_INACTIVE = 0,
	PERF_EVENT_STATE_ACTIVE = 1,
};

/* include/linux/perf_event.h: struct perf_output_handle */
struct perf_output_handle {
	int16_t event; /* -1: no open transaction */
	int16_t rb;
	uint32_t aux_flags;
	uint64_t head;
	uint64_t size;
	uint64_t wakeup;
};

/* include/linux/perf_event.h: struct perf_event (and its attr, hw) */
struct perf_event {
	/* the fields most steps write, together at the front: the checker
	 * copies, compares and hashes the state in 64-byte blocks */
	int8_t in_use;
	int8_t state; /* enum perf_event_state */
	int8_t oncpu;
	uint8_t hw_state; /* hw.state: PERF_HES_* */
	uint8_t pending_disable;
	uint8_t hw_aux_paused;	/* hw.aux_paused */
	int8_t hw_idx;		/* armv8: counter index, -1 */
	uint8_t hw_enabled;	/* armv8: counter enabled (PMCNTENSET) */
	uint64_t hw_interrupts; /* hw.interrupts, MAX_INTERRUPTS: throttled */
	uint64_t hw_interrupts_seq;
	/* ghost (not kernel state): the user's intent for this AUX event,
	 * 1 after start-paused or an aux-action=pause overflow, 0 after an
	 * aux-action=resume overflow */
	uint8_t ghost_user_paused;
	int8_t pmu;	       /* enum model_pmu */
	int8_t cpu;	       /* event->cpu: -1 = any CPU */
	uint8_t attach_itrace; /* attach_state & PERF_ATTACH_ITRACE */
	int16_t task;	       /* -1: CPU-wide event */
	int16_t ctx;
	int16_t group_leader;
	int16_t rb;	/* event->rb (after SET_OUTPUT: the shared rb) */
	int16_t parent; /* -1 */
	int16_t fd_idx; /* the perf tool's fd index (CPU or thread order) */
	/* attr */
	uint8_t disabled;
	uint8_t enable_on_exec;
	uint8_t exclude_user;
	uint8_t exclude_kernel;
	uint8_t aux_start_paused;
	uint8_t aux_pause;
	uint8_t aux_resume;
	int16_t aux_event; /* the AUX leader of an aux-action sibling, -1 */
	int16_t evsel;	   /* perf's -e index */
	int8_t group_pmu;  /* pmu of the group's pmu_ctx (move_group), */
	uint64_t config;
	uint64_t config2;
	uint64_t sample_period;
	/* armv8: the CPU cycle count at which the counter overflows (when
	 * counting), or cycles left to go (when stopped) */
	uint64_t hw_ovf_cycle;
	int64_t hw_period_left;
	/* frequency mode (attr.freq): hw.sample_period adapts */
	uint8_t freq;
	uint32_t sample_freq;
	uint64_t last_period; /* hw.last_period */
	uint64_t freq_time_stamp, freq_count_stamp;
	uint64_t count;		 /* event->count: cycles counted */
	uint64_t hw_prev_cycles; /* CPU cycles at the last count update */
	uint32_t nr_samples;	 /* PERF_RECORD_SAMPLE written (counted) */
	uint32_t nr_overflows;
	/* a leader's sibling_list: its siblings, one bit each (and no
	 * event is freed, so the bits only come) */
	uint32_t sibling_list;
	/* to 160 bytes, a multiple of 32: with the array at a multiple of
	 * 32 (AUXSIM_CHECK), every event's front lies in one block */
	uint8_t pad_[4];
};

/* kernel/events/core.c: struct perf_event_context */
struct perf_event_context {
	int8_t in_use;
	int8_t cpu;	   /* CPU ctx: its CPU; task ctx: -1 */
	int16_t task;	   /* task ctx: its task; CPU ctx: -1 */
	uint8_t is_active; /* EVENT_* bits */
	int16_t nr_events;
};

/* struct perf_cpu_context */
struct perf_cpu_context {
	int16_t task_ctx; /* ctx index of the task ctx scheduled here */
};

#endif /* AUXSIM_LINUX_PERF_EVENT_H */
