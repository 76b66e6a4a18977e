/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/events/internal.h - struct perf_buffer, the AUX part, shared by
 * core.c and ring_buffer.c.
 */
#ifndef AUXSIM_KERNEL_EVENTS_INTERNAL_H
#define AUXSIM_KERNEL_EVENTS_INTERNAL_H

#include <stdint.h>

#include "model/extent.h"

struct perf_buffer {
	int8_t in_use;
	int8_t aux_overwrite; /* read-only AUX mmap: snapshot mode */
	int16_t event;	      /* the event that mmapped it */
	int32_t refcount;     /* rb->refcount */
	int32_t aux_refcount; /* 1 for the mapping + 1 per open handle */
	int32_t aux_mmap_count;
	uint32_t aux_nest;     /* 1 while an AUX transaction is open */
	uint32_t aux_nr_pages; /* rb_has_aux() iff != 0 */
	uint32_t aux_watermark;
	int16_t aux_priv; /* setup_aux() result: etm_event_data index */
	int16_t mmap;	  /* perf tool's struct mmap index */
	uint64_t aux_head;
	uint64_t aux_wakeup;
	/* struct perf_event_mmap_page, the fields perf reads and writes */
	uint64_t user_aux_head;
	uint64_t user_aux_tail;
	int8_t aux_in_pause_resume; /* perf_event_aux_pause() guard */
	/* rb->event_list: the events attached (ring_buffer_attach()), one
	 * bit each */
	uint32_t event_list;
	uint32_t nr_wakeups; /* perf_output_wakeup() calls */
	uint32_t nr_aux_records;
	uint32_t nr_truncated;
	struct extent_map aux; /* what the AUX pages hold */
};

#endif /* AUXSIM_KERNEL_EVENTS_INTERNAL_H */
