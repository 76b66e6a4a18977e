// SPDX-License-Identifier: GPL-2.0
/*
 * ring_buffer.c - model of kernel/events/ring_buffer.c, the AUX area API.
 *
 * Each function below has the name of its kernel counterpart and takes its
 * checks in the kernel's order.  Reference counts are modelled because the
 * WARN path of perf_aux_output_begin() leaks them, and perf_mmap_close()
 * then WARNs on aux_refcount.
 */
#include <errno.h>
#include <string.h>

#include "model/model.h"
#include "model/pmus.h"

uint64_t perf_aux_size(const struct aux_model *m, int rb)
{
	return (uint64_t)m->s.rb[rb].aux_nr_pages * m->page_size;
}

static bool rb_has_aux(const struct aux_model *m, int rb)
{
	return m->s.rb[rb].aux_nr_pages != 0;
}

/* kernel/events/ring_buffer.c: rb_alloc() (the data area; not modelled) */
int rb_alloc(struct aux_model *m, int event)
{
	for (int i = 0; i < MAX_RB; i++) {
		struct perf_buffer *rb = &m->s.rb[i];

		if (rb->in_use)
			continue;
		memset(rb, 0, sizeof(*rb));
		rb->in_use = 1;
		rb->event = (int16_t)event;
		rb->refcount = 1;
		rb->aux_priv = -1;
		rb->mmap = -1;
		return i;
	}
	return -ENOMEM;
}

/* ring_buffer_get(): the parent's rb for inherited events */
static int ring_buffer_get(struct aux_model *m, int event)
{
	const struct perf_event *e = &m->s.event[event];
	int rb;

	if (e->parent >= 0)
		e = &m->s.event[e->parent];
	rb = e->rb;
	if (rb < 0 || m->s.rb[rb].refcount <= 0)
		return -1;
	m->s.rb[rb].refcount++;
	return rb;
}

static void ring_buffer_put(struct aux_model *m, int rb)
{
	m->s.rb[rb].refcount--;
}

/*
 * kernel/events/ring_buffer.c: rb_alloc_aux().  A read-only mapping
 * (!RING_BUFFER_WRITABLE) means overwrite mode: perf record -S.
 */
int rb_alloc_aux(struct aux_model *m, int rbi, int event, uint32_t nr_pages,
		 uint32_t watermark, int flags)
{
	struct perf_buffer *rb = &m->s.rb[rbi];
	bool overwrite = !(flags & RING_BUFFER_WRITABLE);
	const struct pmu *pmu = perf_pmu(m->s.event[event].pmu);
	int priv;

	KENTER(m);
	if (!pmu->setup_aux) { /* !has_aux(event) */
		KLEAVE(m);
		return -EOPNOTSUPP;
	}
	if (!nr_pages) {
		KLEAVE(m);
		return -EINVAL;
	}
	if (kernel_has(m, KF_RB_AUX_WATERMARK_ORDER)) {
		/* the watermark defaults to half the buffer, and sets the
		 * allocation order; overwrite mode has none */
		if (!overwrite && !watermark)
			watermark = (uint32_t)((uint64_t)nr_pages *
					       m->page_size / 2);
		if (overwrite)
			watermark = 0;
	} else if (!overwrite && nr_pages == 1) {
		/* v5.12: max_order = ilog2(nr_pages) - 1 for double
		 * buffering, which a single page cannot give */
		KLEAVE(m);
		return -EINVAL;
	}
	rb->aux_nr_pages = nr_pages;
	extent_map__init(&rb->aux, (uint32_t)(nr_pages * m->page_size));
	/* rb->aux_priv = event->pmu->setup_aux(event, pages, nr_pages,
	 * overwrite) */
	priv = pmu->setup_aux(m, event, rbi, nr_pages, overwrite);
	if (priv < 0) {
		rb->aux_nr_pages = 0;
		KLEAVE(m);
		return -ENOMEM;
	}
	rb->aux_priv = (int16_t)priv;
	rb->aux_refcount = 1;
	rb->aux_overwrite = overwrite;
	rb->aux_watermark = watermark;
	/* v5.12 sets the default watermark only now, after setup_aux() */
	if (!rb->aux_watermark && !overwrite)
		rb->aux_watermark = (uint32_t)((uint64_t)nr_pages *
					       m->page_size / 2);
	KLEAVE(m);
	return 0;
}

/* rb_free_aux() -> __rb_free_aux() at the last reference */
void rb_free_aux(struct aux_model *m, int rbi)
{
	struct perf_buffer *rb = &m->s.rb[rbi];
	const struct pmu *pmu = perf_pmu(m->s.event[rb->event].pmu);

	if (--rb->aux_refcount)
		return;
	KENTER(m);
	/* rb->free_aux(rb->aux_priv), the free_aux of rb->event's PMU */
	if (rb->aux_priv >= 0 && pmu->free_aux)
		pmu->free_aux(m, rb->aux_priv);
	rb->aux_priv = -1;
	rb->aux_nr_pages = 0;
	KLEAVE(m);
}

/* CIRC_SPACE() of include/linux/circ_buf.h */
static uint64_t circ_space(uint64_t head, uint64_t tail, uint64_t size)
{
	return (tail - (head + 1)) & (size - 1);
}

/*
 * The disable perf_aux_output_begin() (no room) and perf_aux_output_end()
 * (TRUNCATED) ask for.  With the fix (KF_AUX_DISABLE_INATOMIC) it is
 * perf_event_disable_inatomic().  Before it the kernel stores
 * smp_processor_id() into event->pending_disable and relies on the irq_work
 * that perf_output_wakeup() queues: a CPU number that 5.12's core.c reads as
 * "disable on that CPU", but that v6.1's (KF_PENDING_DISABLE_FLAG) reads as
 * a flag, so on CPU 0 the event is never disabled.
 */
static void rb_aux_pending_disable(struct aux_model *m, int event)
{
	if (!kernel_has(m, KF_AUX_DISABLE_INATOMIC) &&
	    kernel_has(m, KF_PENDING_DISABLE_FLAG) && m->this_cpu == 0) {
		model__log(m, "pending_disable = smp_processor_id() = 0: "
			      "event%d is not disabled",
			   event);
		return;
	}
	perf_event_disable_inatomic(m, event);
}

/*
 * kernel/events/ring_buffer.c: perf_aux_output_begin().
 * Returns the rb's aux_priv (what the PMU's setup_aux() returned: an
 * etm_event_data index for cs_etm), or -1 for NULL.
 */
int perf_aux_output_begin(struct aux_model *m,
			  struct perf_output_handle *handle, int event)
{
	struct perf_buffer *rb;
	uint64_t aux_tail;
	int rbi, nest;

	KENTER(m);
	/* output_event = event->parent ?: event; rb = ring_buffer_get() */
	rbi = ring_buffer_get(m, event);
	if (rbi < 0) {
		KLEAVE(m);
		return -1; /* handle untouched */
	}
	rb = &m->s.rb[rbi];

	if (!rb_has_aux(m, rbi))
		goto err;
	/* perf_aux_output_begin(): aux_mmap_count at zero means the unmap is
	 * under way (perf_mmap_close()): no new transaction */
	if (!rb->aux_mmap_count)
		goto err;
	if (rb->aux_refcount <= 0) /* !refcount_inc_not_zero() */
		goto err;
	rb->aux_refcount++;

	nest = (int)rb->aux_nest;
	/* perf_aux_output_begin(): AUX transactions may not nest; a second
	 * begin on the same rb fails and WARNs */
	if (WARN_ON_ONCE(m, nest, WARN_AUX_NEST))
		goto err_put;
	rb->aux_nest = nest + 1;

	handle->rb = (int16_t)rbi;
	handle->event = (int16_t)event;
	handle->head = rb->aux_head;
	handle->size = 0;
	handle->aux_flags = 0;

	/* perf_aux_output_begin(): an overwrite-mode rb ignores aux_tail;
	 * handle->size stays 0 and the driver moves the head itself. */
	if (!rb->aux_overwrite) {
		aux_tail = rb->user_aux_tail;
		handle->wakeup = rb->aux_wakeup + rb->aux_watermark;
		if (rb->aux_head - aux_tail < perf_aux_size(m, rbi))
			handle->size = circ_space(rb->aux_head, aux_tail,
						  perf_aux_size(m, rbi));
		/* handle->size == 0: the buffer is full, or the consumer
		 * wrote a bogus tail; disable and wake it. */
		if (!handle->size) {
			rb_aux_pending_disable(m, handle->event);
			perf_output_wakeup(m, handle);
			rb->aux_nest = 0;
			goto err_put;
		}
	}
	model__log(m, "perf_aux_output_begin: event%d rb%d head %#llx size "
		      "%#llx", event, rbi, (unsigned long long)handle->head,
		   (unsigned long long)handle->size);
	KLEAVE(m);
	return rb->aux_priv;

err_put:
	rb_free_aux(m, rbi);
err:
	ring_buffer_put(m, rbi);
	handle->event = -1;
	model__log(m, "perf_aux_output_begin: event%d rb%d failed", event, rbi);
	KLEAVE(m);
	return -1;
}

/* rb_need_aux_wakeup(): never in overwrite mode */
static bool rb_need_aux_wakeup(struct aux_model *m, int rbi)
{
	struct perf_buffer *rb = &m->s.rb[rbi];

	if (rb->aux_overwrite)
		return false;
	if (rb->aux_head - rb->aux_wakeup >= rb->aux_watermark) {
		rb->aux_wakeup = rb->aux_head -
				 rb->aux_head % rb->aux_watermark;
		return true;
	}
	return false;
}

/*
 * kernel/events/ring_buffer.c: perf_aux_output_end().  In overwrite mode the
 * driver has advanced handle->head and the record's offset is the END of the
 * data; in normal mode it is the old head and aux_head advances by @size.
 */
void perf_aux_output_end(struct aux_model *m, struct perf_output_handle *handle,
			 uint64_t size)
{
	bool wakeup = handle->aux_flags & PERF_AUX_FLAG_TRUNCATED;
	int rbi = handle->rb;
	struct perf_buffer *rb = &m->s.rb[rbi];
	uint64_t aux_head;

	KENTER(m);
	/* perf_aux_output_end(): overwrite mode takes aux_head from the
	 * handle, as the driver left it */
	if (rb->aux_overwrite) {
		handle->aux_flags |= PERF_AUX_FLAG_OVERWRITE;
		aux_head = handle->head;
		rb->aux_head = aux_head;
	} else {
		handle->aux_flags &= ~PERF_AUX_FLAG_OVERWRITE;
		aux_head = rb->aux_head;
		rb->aux_head += size;
	}

	/* perf_aux_output_end(): PERF_RECORD_AUX only when bytes were
	 * written or a flag is set */
	if (size || (handle->aux_flags & ~(uint32_t)PERF_AUX_FLAG_OVERWRITE))
		perf_event_aux_event(m, handle->event, aux_head, size,
				     handle->aux_flags);

	rb->user_aux_head = rb->aux_head;
	model__log(m, "perf_aux_output_end: event%d rb%d size %#llx flags %#x "
		      "aux_head %#llx", handle->event, rbi,
		   (unsigned long long)size, handle->aux_flags,
		   (unsigned long long)rb->aux_head);
	if (rb_need_aux_wakeup(m, rbi))
		wakeup = true;

	if (wakeup) {
		if (handle->aux_flags & PERF_AUX_FLAG_TRUNCATED) {
			rb->nr_truncated++;
			rb_aux_pending_disable(m, handle->event);
		}
		perf_output_wakeup(m, handle);
	}

	handle->event = -1;
	if (!kernel_patched(m, KP_MUTANT_END_KEEPS_NEST))
		rb->aux_nest = 0;
	/* can't be last */
	rb_free_aux(m, rbi);
	ring_buffer_put(m, rbi);
	KLEAVE(m);
}

/* kernel/events/ring_buffer.c: perf_aux_output_skip() */
int perf_aux_output_skip(struct aux_model *m, struct perf_output_handle *handle,
			 uint64_t size)
{
	struct perf_buffer *rb = &m->s.rb[handle->rb];

	if (size > handle->size)
		return -ENOSPC;
	rb->aux_head += size;
	rb->user_aux_head = rb->aux_head;
	if (rb_need_aux_wakeup(m, handle->rb)) {
		perf_output_wakeup(m, handle);
		handle->wakeup = rb->aux_wakeup + rb->aux_watermark;
	}
	handle->head = rb->aux_head;
	handle->size -= size;
	return 0;
}

/* kernel/events/ring_buffer.c: perf_aux_output_flag() */
void perf_aux_output_flag(struct aux_model *m, struct perf_output_handle *handle,
			  uint32_t flags)
{
	KENTER(m);
	/* perf_aux_output_flag(): the OVERWRITE flag is the end's to set,
	 * never the driver's; asking for it WARNs. */
	if (WARN_ON_ONCE(m, flags & PERF_AUX_FLAG_OVERWRITE,
			 WARN_AUX_FLAG_OVERWRITE)) {
		KLEAVE(m);
		return;
	}
	handle->aux_flags |= flags;
	KLEAVE(m);
}

/* kernel/events/ring_buffer.c: perf_get_aux() */
int perf_get_aux(struct aux_model *m, const struct perf_output_handle *handle)
{
	/* perf_get_aux(): the driver's private data, only while a
	 * transaction is open */
	if (handle->event < 0)
		return -1;
	return m->s.rb[handle->rb].aux_priv;
}
