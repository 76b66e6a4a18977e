// SPDX-License-Identifier: GPL-2.0
/*
 * coresight-tmc-etr.c - model of the perf mode of drivers/hwtracing/
 * coresight/coresight-tmc-etr.c.
 *
 * One ETR device (struct tmc_drvdata, s.etr) with a circular buffer in
 * system memory (struct etr_buf, s.etr_buf[]).  Events of one perf session
 * with event->cpu != -1 share one etr_buf, found in drvdata->idr by the pid
 * of the event's owner (the perf tool); --per-thread events get a private
 * one.  Each event has its own struct etr_perf_buffer pointing at its own
 * AUX pages.  The hardware is (re)programmed, write pointer at the start and
 * STS.Full clear, only by the first enable of a session (refcnt 0 -> 1).
 */
#include <errno.h>
#include <string.h>

#include "model/model.h"
#include "model/pmus.h"

/* coresight-tmc-etr.c: alloc_etr_buf(): try to match the AUX size if it
 * is larger than drvdata->size, else drvdata->size (halving down to 1 MiB
 * on allocation failure, which the model does not produce) */
static int alloc_etr_buf(struct aux_model *m, uint32_t nr_pages)
{
	uint64_t aux = (uint64_t)nr_pages * m->page_size;
	uint32_t size = aux > m->s.etr.size ? (uint32_t)aux : m->s.etr.size;

	for (int i = 0; i < MAX_ETR_BUFS; i++) {
		struct etr_buf *b = &m->s.etr_buf[i];

		if (b->in_use)
			continue;
		memset(b, 0, sizeof(*b));
		b->in_use = 1;
		b->size = size;
		b->idr_pid = -1;
		b->refcount = 1;
		extent_map__init(&b->mem, size);
		return i;
	}
	return -ENOMEM;
}

/* coresight-tmc-etr.c: get_perf_etr_buf_cpu_wide() */
static int get_perf_etr_buf_cpu_wide(struct aux_model *m, uint32_t nr_pages)
{
	int pid = m->s.tool.pid; /* task_pid_nr(event->owner) */
	int b;

	/* idr_find(&drvdata->idr, pid): the session already has one */
	for (int i = 0; i < MAX_ETR_BUFS; i++) {
		if (m->s.etr_buf[i].in_use && m->s.etr_buf[i].idr_pid == pid) {
			m->s.etr_buf[i].refcount++;
			return i;
		}
	}
	b = alloc_etr_buf(m, nr_pages);
	if (b >= 0)
		m->s.etr_buf[b].idr_pid = pid; /* idr_alloc(pid, pid + 1) */
	return b;
}

/* coresight-tmc-etr.c: tmc_alloc_etr_buffer() -> tmc_etr_setup_perf_buf()
 * -> get_perf_etr_buf() */
int tmc_alloc_etr_buffer(struct aux_model *m, int event, int rb,
			 uint32_t nr_pages, bool snapshot)
{
	int b;

	KENTER(m);
	if (m->s.event[event].cpu == -1)
		b = alloc_etr_buf(m, nr_pages); /* get_perf_etr_buf_per_thread */
	else
		b = get_perf_etr_buf_cpu_wide(m, nr_pages);
	if (b < 0)
		goto out;
	for (int i = 0; i < MAX_RB; i++) {
		struct etr_perf_buffer *p = &m->s.etr_perf[i];

		if (p->in_use)
			continue;
		memset(p, 0, sizeof(*p));
		p->in_use = 1;
		p->etr_buf = (int16_t)b;
		p->rb = (int16_t)rb;
		p->pid = m->s.tool.pid;
		p->snapshot = snapshot;
		p->nr_pages = nr_pages;
		KLEAVE(m);
		return i;
	}
	m->s.etr_buf[b].refcount--;
	b = -ENOMEM;
out:
	KLEAVE(m);
	return b;
}

/* coresight-tmc-etr.c: tmc_free_etr_buffer() */
void tmc_free_etr_buffer(struct aux_model *m, int pi)
{
	struct etr_perf_buffer *p = &m->s.etr_perf[pi];
	struct etr_buf *b = &m->s.etr_buf[p->etr_buf];

	if (!--b->refcount)
		b->in_use = 0; /* idr_remove(); tmc_free_etr_buf() */
	p->in_use = 0;
}

/* coresight-tmc-etr.c: tmc_etr_enable_hw(): program the buffer, RRP = RWP
 * = base, status cleared */
static void tmc_etr_enable_hw(struct aux_model *m, int b)
{
	struct etr_buf *eb = &m->s.etr_buf[b];

	eb->rwp = 0;
	eb->full = 0;
	/* what the memory held before is stale and never read again: RRP
	 * starts at the base, so only [0, RWP) or, once full, the bytes
	 * written since are read */
	extent_map__init(&eb->mem, eb->size);
	m->s.etr.hw_enabled = 1;
}

/* coresight-tmc-etr.c: tmc_enable_etr_sink_perf() */
int tmc_enable_etr_sink_perf(struct aux_model *m,
			     struct perf_output_handle *handle)
{
	struct tmc_drvdata *drvdata = &m->s.etr;
	int edi = perf_get_aux(m, handle); /* etm_perf_sink_config(handle) */
	struct etr_perf_buffer *etr_perf;
	int pid, rc = 0;

	KENTER(m);
	/* tmc_enable_etr_sink_perf(): a sink in sysFS mode is busy */
	if (drvdata->mode == CS_MODE_SYSFS) {
		rc = -EBUSY;
		goto out;
	}
	if (WARN_ON(m, edi < 0 || m->s.etm_event_data[edi].snk_config < 0,
		    WARN_ETR_ENABLE_NO_BUF)) {
		rc = -EINVAL;
		goto out;
	}
	etr_perf = &m->s.etr_perf[m->s.etm_event_data[edi].snk_config];
	/* tmc_enable_etr_sink_perf(): the session is identified by pid */
	pid = etr_perf->pid;
	/* tmc_enable_etr_sink_perf(): another session's pid owns the ETR */
	if (drvdata->pid != -1 && drvdata->pid != pid) {
		rc = -EBUSY;
		goto out;
	}
	/* v5.12: cache the AUX head for tmc_etr_sync_perf_buffer() */
	if (!kernel_has(m, KF_ETR_HANDLE_HEAD))
		etr_perf->head = handle->head %
				 ((uint64_t)etr_perf->nr_pages * m->page_size);
	/* tmc_enable_etr_sink_perf(): the same session enabling an ETR
	 * already running for it only takes a reference. */
	if (drvdata->pid == pid) {
		drvdata->refcnt++;
		goto out;
	}
	tmc_etr_enable_hw(m, etr_perf->etr_buf);
	/* Associate with monitored process. */
	drvdata->pid = pid;
	/* mutant: the mode is never set */
	if (!kernel_patched(m, KP_MUTANT_SINK_NO_MODE))
		drvdata->mode = CS_MODE_PERF;
	drvdata->perf_buf = etr_perf->etr_buf;
	drvdata->refcnt++;
out:
	KLEAVE(m);
	return rc;
}

/* coresight-tmc-etr.c: tmc_disable_etr_sink() */
int tmc_disable_etr_sink(struct aux_model *m)
{
	struct tmc_drvdata *drvdata = &m->s.etr;

	KENTER(m);
	if (drvdata->reading) {
		KLEAVE(m);
		return -EBUSY;
	}
	/* mutant: the perf data reset before the refcount check */
	if (kernel_patched(m, KP_MUTANT_SINK_DISABLE_EARLY))
		drvdata->perf_buf = -1;
	if (--drvdata->refcnt) {
		KLEAVE(m);
		return -EBUSY;
	}
	/* tmc_disable_etr_sink(): the last user disabling a sink that is
	 * already DISABLED means the bookkeeping went wrong: WARN */
	WARN_ON_ONCE(m, drvdata->mode == CS_MODE_DISABLED,
		     WARN_ETR_DISABLE_MODE);
	drvdata->hw_enabled = 0; /* tmc_etr_disable_hw() */
	/* the ETR no longer belongs to a session's pid */
	drvdata->pid = -1;
	drvdata->mode = CS_MODE_DISABLED;
	/* Reset perf specific data */
	drvdata->perf_buf = -1;
	KLEAVE(m);
	return 0;
}

/* The formatter writes @len bytes (pieces @src) at RWP, wrapping; the
 * buffer is full once RWP has wrapped (STS.Full). */
void tmc_etr_hw_write(struct aux_model *m, const struct extent *src,
		      uint64_t len)
{
	struct tmc_drvdata *drvdata = &m->s.etr;
	struct etr_buf *eb;

	if (!drvdata->hw_enabled || drvdata->perf_buf < 0 || !len)
		return;
	eb = &m->s.etr_buf[drvdata->perf_buf];
	extent_map__write(&eb->mem, eb->rwp, src, 1, len);
	if (eb->rwp + len >= eb->size)
		eb->full = 1;
	eb->rwp = (uint32_t)((eb->rwp + len) % eb->size);
}

/* coresight-tmc-etr.c: tmc_sync_etr_buf() -> tmc_etr_sync_flat_buf():
 * offset = RRP; len = size if STS.Full, else RWP - RRP.  In circular
 * buffer mode the hardware keeps RRP at the oldest byte, which after a
 * wrap is the write pointer, and at the base otherwise. */
static void tmc_sync_etr_buf(struct aux_model *m, struct etr_buf *eb)
{
	if (eb->full) {
		eb->offset = eb->rwp;
		eb->len = eb->size;
	} else {
		eb->offset = 0;
		eb->len = eb->rwp;
	}
}

/* coresight-tmc-etr.c: tmc_etr_sync_perf_buffer(): copy @to_copy bytes
 * from the ETR at @src_offset into the AUX pages at @dst, wrapping both */
static void tmc_etr_sync_perf_buffer(struct aux_model *m,
				     struct etr_perf_buffer *etr_perf,
				     uint64_t dst, uint64_t src_offset,
				     uint64_t to_copy)
{
	struct etr_buf *eb = &m->s.etr_buf[etr_perf->etr_buf];
	struct perf_buffer *rb = &m->s.rb[etr_perf->rb];
	struct extent p[EXTENT_PIECES_MAX];
	int n;

	n = extent_map__read(&eb->mem, src_offset, to_copy, p,
			     EXTENT_PIECES_MAX);
	extent_map__write(&rb->aux, dst, p, n, to_copy);
}

/* coresight-tmc-etr.c: tmc_update_etr_buffer() */
uint64_t tmc_update_etr_buffer(struct aux_model *m,
			       struct perf_output_handle *handle, int pi)
{
	struct tmc_drvdata *drvdata = &m->s.etr;
	struct etr_perf_buffer *etr_perf = &m->s.etr_perf[pi];
	struct etr_buf *eb = &m->s.etr_buf[etr_perf->etr_buf];
	uint64_t aux_size = (uint64_t)etr_perf->nr_pages * m->page_size;
	uint64_t offset, size = 0, dst;
	bool lost = false;

	KENTER(m);
	/* tmc_update_etr_buffer(): only the last user copies the buffer */
	if (drvdata->refcnt != 1)
		goto out;
	if (WARN_ON(m, drvdata->perf_buf != etr_perf->etr_buf,
		    WARN_ETR_PERF_BUF)) {
		lost = true;
		goto out;
	}
	/* tmc_flush_and_stop(); tmc_sync_etr_buf() */
	drvdata->hw_enabled = 0;
	tmc_sync_etr_buf(m, eb);

	lost = eb->full;
	offset = eb->offset;
	size = eb->len;

	/* tmc_update_etr_buffer(): when the ETR holds more than handle->size
	 * allows, the oldest bytes are dropped and the newest kept; snapshot
	 * mode skips that limit. */
	if (!etr_perf->snapshot && size > handle->size) {
		size = handle->size & ~(uint64_t)0xf; /* memwidth mask */
		offset = eb->offset + eb->len - size;
		if (offset >= eb->size)
			offset -= eb->size;
		lost = true;
	}
	/* mutant: a snapshot copy cut to the AUX size from the oldest byte */
	if (kernel_patched(m, KP_MUTANT_ETR_COPY_OLDEST) &&
	    etr_perf->snapshot && size > aux_size)
		size = aux_size;

	/* tmc_update_etr_buffer(): after a wrap, barrier packets are written
	 * at the start of what is copied (at the copy's offset since v5.11's
	 * "Fix barrier packet insertion for perf buffer") */
	if (lost) {
		struct extent barrier = {
			.len = CORESIGHT_BARRIER_PKT_SIZE,
			.kind = EXT_BARRIER,
			.cpu = -1,
		};
		extent_map__write(&eb->mem, offset, &barrier, 1,
				  CORESIGHT_BARRIER_PKT_SIZE);
	}
	if (kernel_has(m, KF_ETR_HANDLE_HEAD))
		dst = handle->head % aux_size; /* PERF_IDX2OFF(handle->head) */
	else
		dst = etr_perf->head;
	tmc_etr_sync_perf_buffer(m, etr_perf, dst, offset, size);
	model__log(m, "tmc_update_etr_buffer: %s, copied %#llx bytes from ETR "
		      "offset %#llx to AUX offset %#llx%s",
		   eb->full ? "wrapped" : "not wrapped",
		   (unsigned long long)size, (unsigned long long)offset,
		   (unsigned long long)dst, lost ? ", barrier" : "");

	/* tmc_update_etr_buffer(): in snapshot mode the head just moves on
	 * by the bytes copied. */
	if (etr_perf->snapshot)
		handle->head += size;
	/* v6.16 "coresight: tmc: Re-enable sink after buffer update": an
	 * event still running (hw.state == 0) is being paused, not stopped,
	 * so the sink must keep capturing */
	if (kernel_has(m, KF_CS_AUX_PAUSE) && handle->event >= 0 &&
	    m->s.event[handle->event].hw_state == 0 && drvdata->refcnt)
		tmc_etr_enable_hw(m, etr_perf->etr_buf);
out:
	/* tmc_update_etr_buffer(): snapshot mode never reports TRUNCATED. A
	 * snapshot is partial by design, and a TRUNCATED end would keep the
	 * event from restarting, so perf would read the same old bytes again. */
	/* mutant: the condition inverted */
	if (kernel_patched(m, KP_MUTANT_ETR_TRUNCATED_INVERTED) ?
		    etr_perf->snapshot && lost :
		    !etr_perf->snapshot && lost)
		perf_aux_output_flag(m, handle, PERF_AUX_FLAG_TRUNCATED);
	/* mutant: the driver marks overwrite records itself */
	if (kernel_patched(m, KP_MUTANT_ETR_FLAG_OVERWRITE) &&
	    etr_perf->snapshot)
		perf_aux_output_flag(m, handle, PERF_AUX_FLAG_OVERWRITE);
	/* mutant: the sink closes the transaction on a loss, as a sink
	 * whose buffer is full may, but still reports the bytes copied */
	if (kernel_patched(m, KP_MUTANT_ETR_END_ON_LOST) &&
	    !etr_perf->snapshot && lost && handle->event >= 0)
		perf_aux_output_end(m, handle, 0);
	KLEAVE(m);
	return size;
}

/* coresight-tmc-etr.c: tmc_etr_sink_ops, what etm-perf calls on the ETR */
const struct coresight_ops_sink tmc_etr_sink_ops = {
	.enable = tmc_enable_etr_sink_perf,
	.disable = tmc_disable_etr_sink,
	.alloc_buffer = tmc_alloc_etr_buffer,
	.free_buffer = tmc_free_etr_buffer,
	.update_buffer = tmc_update_etr_buffer,
};
