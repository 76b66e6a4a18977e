/* SPDX-License-Identifier: GPL-2.0 */
/*
 * arm-spe-trace.h - the bytes of a CPU's SPE profiling buffer output, made
 * only for output (the counterpart of etm4x-trace.h for arm_spe_0).
 *
 * The model counts SPE output as extents of the CPU's stream, as it does
 * ETM trace: trace.c gives an SPE CPU the same byte rate, in 16-byte
 * steps.  Here those bytes become SPE sample records (Arm ARM, DDI 0487,
 * chapter D10 "The Statistical Profiling Extension", D10.2 "Profiling
 * data" and its packet formats), as perf 6.1 decodes them
 * (tools/perf/util/arm-spe-decoder/arm-spe-pkt-decoder.c
 * arm_spe_get_packet(), arm-spe-decoder.c arm_spe_read_record()).
 *
 * One record every ARM_SPE_RECORD_BYTES bytes of the stream, at offsets
 * that are multiples of it; record k samples the conditional branch of
 * the slice's copy of the traced loop (the b.ne at etm4x_slot_entry() +
 * 8, symbol Pn), retired and taken back to the loop, except every
 * ARM_SPE_MISPRED_EVERY-th (k % ARM_SPE_MISPRED_EVERY == its last), the
 * loop's exit: not taken, mispredicted.  A record is four 16-byte
 * chunks, every packet inside one chunk and the rest PAD packets, so
 * that any window starting and ending at a multiple of 16 decodes
 * without a bad packet:
 *
 *   chunk 0: Context (CONTEXTIDR_EL1: the task's PID), Events, Operation
 *            Type (branch, conditional)
 *   chunk 1: Branch target address (taken only), total and issue latency
 *   chunk 2: the instruction's address (EL0, NS)
 *   chunk 3: Timestamp (PMSCR_EL1.TS, ts_enable) or End; either ends
 *            the record
 *
 * A window that starts inside a record gives perf a record without the
 * chunks before the cut (from chunk 3 alone: no address), as a real
 * buffer read from the middle of a record would.
 *
 * Timestamps are the generic timer's count (ARM_SPE_CNT_HZ) at the
 * record's first byte, from the clock etm4x-trace.h defines (boot
 * ETM4_TS_BOOT_NS before the run); PERF_RECORD_TIME_CONV carries the
 * conversion (arm_spe__time_conv() in tools/perf/util/arm-spe.h).
 *
 * Invariant, as for ETM trace: the byte at stream offset x of CPU c
 * depends only on (x, pid, slice) and the clock.
 */
#ifndef AUXSIM_ARM_SPE_TRACE_H
#define AUXSIM_ARM_SPE_TRACE_H

#include <stdint.h>

#include "model/etm4x-trace.h"

#define ARM_SPE_RECORD_BYTES 64
/* the loop runs 40 times a period without ETM timestamps (elf.c) */
#define ARM_SPE_MISPRED_EVERY ETM4_LOOP_COUNT(0)

/*
 * The generic timer: 100 MHz (a modelling figure), and the
 * sched_clock conversion the kernel computes for it
 * (kernel/time/sched_clock.c sched_clock_register(): clocks_calc_mult_shift()
 * over 3600 s gives shift 21, mult 10 << 21: exact, 10 ns a tick).
 */
#define ARM_SPE_CNT_HZ 100000000ull
#define ARM_SPE_NS_PER_TICK (1000000000ull / ARM_SPE_CNT_HZ)
#define ARM_SPE_TIME_SHIFT 21
#define ARM_SPE_TIME_MULT (ARM_SPE_NS_PER_TICK << ARM_SPE_TIME_SHIFT)

/* the count for boot-relative @ns (etm4x_clock__ts()) */
static inline uint64_t arm_spe_ticks(uint64_t ns)
{
	return ns / ARM_SPE_NS_PER_TICK;
}

/* the address of the sampled branch in slice @slice's copy of the loop,
 * and where it goes, taken or not */
static inline uint64_t arm_spe_sample_pc(uint32_t slice)
{
	return etm4x_slot_entry(slice) + 8;
}

/* the record at stream offset @x (a multiple of ARM_SPE_RECORD_BYTES):
 * is it the mispredicted exit? */
static inline int arm_spe_mispredicted(uint64_t x)
{
	return x / ARM_SPE_RECORD_BYTES % ARM_SPE_MISPRED_EVERY ==
	       ARM_SPE_MISPRED_EVERY - 1;
}

/* @len bytes of a CPU's SPE output from stream offset @soff into @buf,
 * emitted by task @pid in slice @slice; @clk NULL: no timestamps
 * (ts_enable clear: each record ends with an End packet) */
void arm_spe_trace__bytes(uint32_t pid, uint32_t slice,
			  const struct etm4x_clock *clk, uint64_t soff,
			  uint64_t len, uint8_t *buf);

#endif /* AUXSIM_ARM_SPE_TRACE_H */
