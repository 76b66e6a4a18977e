// SPDX-License-Identifier: GPL-2.0
/*
 * trace.c - the hardware and the scheduler around the modelled code: ETMs
 * emitting trace while their CPU runs code, and context switches calling
 * into perf (kernel/sched/core.c: context_switch() ->
 * prepare_task_switch() -> perf_event_task_sched_out(), then
 * finish_task_switch() -> perf_event_task_sched_in()).
 *
 * An ETM with its trace unit enabled emits m->cpu_rate[cpu] bytes per second
 * while a task runs on its CPU (an idle CPU in WFI emits nothing), in whole
 * 16-byte formatter frames, so every ETR offset is frame aligned as on the
 * hardware.  Bytes
 * are numbered per CPU (the CPU's trace stream) and carry the scheduling
 * slice of the task that ran, so every byte in every buffer is attributable.
 * When several CPUs trace into the shared ETR at once, their output is
 * interleaved in TRACE_QUANTUM_NS steps, CPU order within a step.
 */
#include "model/model.h"

#define NSEC_PER_SEC 1000000000ull
#define TRACE_QUANTUM_NS 1000000ull /* 1 ms */
#define FRAME_SIZE 16 /* CoreSight formatter frame */

bool etm__tracing(const struct aux_model *m, int cpu)
{
	return m->s.cpu[cpu].curr >= 0 &&
	       (m->s.etm[cpu].enabled || m->s.spe[cpu].enabled);
}

/* the cycle counter runs while the CPU runs code (not in WFI) */
static void cycles__advance(struct aux_model *m, uint64_t dt)
{
	for (int c = 0; c < m->s.nr_cpus; c++) {
		struct cpu_state *cs = &m->s.cpu[c];
		uint64_t prod;

		if (cs->curr < 0)
			continue;
		prod = m->cpu_hz[c] * dt + cs->cycle_frac;
		cs->cycles += prod / NSEC_PER_SEC;
		cs->cycle_frac = prod % NSEC_PER_SEC;
	}
}

uint64_t trace__ns_to_cycles(const struct aux_model *m, int cpu,
			     uint64_t cycles)
{
	const struct cpu_state *cs = &m->s.cpu[cpu];
	uint64_t need;

	if (cs->curr < 0 || !m->cpu_hz[cpu])
		return UINT64_MAX;
	if (cycles > 4000000000ull) /* keep the product in 64 bits */
		return NSEC_PER_SEC;
	need = cycles * NSEC_PER_SEC;
	if (need <= cs->cycle_frac)
		return 0;
	need -= cs->cycle_frac;
	return (need + m->cpu_hz[cpu] - 1) / m->cpu_hz[cpu];
}

/* The TMC formatter writes whole 16-byte frames: emit those, and carry
 * the rest (part of a frame, part of a byte) in cpu.frac, in units of
 * bytes * 1e9. */
static void trace__emit(struct aux_model *m, int cpu, uint64_t dt)
{
	struct cpu_state *c = &m->s.cpu[cpu];
	uint64_t prod = m->cpu_rate[cpu] * dt + c->frac;
	uint64_t bytes = prod / NSEC_PER_SEC & ~(uint64_t)(FRAME_SIZE - 1);
	struct extent piece;

	c->frac = prod - bytes * NSEC_PER_SEC;
	if (!bytes)
		return;
	piece = (struct extent){
		.len = (uint32_t)bytes,
		.kind = EXT_TRACE,
		.cpu = (int8_t)cpu,
		.slice = m->s.task[c->curr].slice,
		.soff = c->stream,
	};
	c->stream += bytes;
	if (m->s.spe[cpu].enabled)
		arm_spe__write(m, cpu, &piece, bytes);
	else
		tmc_etr_hw_write(m, &piece, bytes);
}

void trace__advance(struct aux_model *m, uint64_t dt_ns)
{
	int nr = 0;

	for (int c = 0; c < m->s.nr_cpus; c++)
		nr += etm__tracing(m, c);
	while (dt_ns) {
		uint64_t step = dt_ns;

		if (nr > 1 && step > TRACE_QUANTUM_NS)
			step = TRACE_QUANTUM_NS;
		if (step > NSEC_PER_SEC) /* keep rate * step in 64 bits */
			step = NSEC_PER_SEC;
		for (int c = 0; nr && c < m->s.nr_cpus; c++)
			if (etm__tracing(m, c))
				trace__emit(m, c, step);
		cycles__advance(m, step);
		m->s.time_ns += step;
		dt_ns -= step;
	}
}

void trace__tick(struct aux_model *m, int cpu, uint64_t dt_ns)
{
	if (dt_ns && etm__tracing(m, cpu))
		trace__emit(m, cpu, dt_ns);
}

/* kernel/sched/core.c: context_switch() on @cpu to @next (-1: idle) */
void sched__switch(struct aux_model *m, int cpu, int next, uint32_t slice)
{
	struct aux_state *s = &m->s;
	int prev = s->cpu[cpu].curr;

	m->this_cpu = cpu;
	model__log(m, "sched_switch: prev_pid=%d ==> next_pid=%d (slice %u)",
		   prev >= 0 ? s->task[prev].pid : 0,
		   next >= 0 ? s->task[next].pid : 0, slice);
	model__enter(m, "__schedule");
	/* trace_sched_switch(): tracepoint events, IRQs off */
	perf_tp_sched_switch(m, cpu);
	m->this_cpu = cpu;
	if (prev >= 0) {
		perf_event_task_sched_out(m, cpu, prev);
		s->task[prev].cpu = -1;
		s->task[prev].last_cpu = (int8_t)cpu;
		s->task[prev].slice = 0;
	}
	s->cpu[cpu].curr = (int16_t)next;
	if (next >= 0) {
		s->task[next].cpu = (int8_t)cpu;
		s->task[next].slice = slice;
		perf_event_task_sched_in(m, cpu, next);
	}
	irq_work_run(m, cpu);
	model__leave(m);
}
