/* SPDX-License-Identifier: GPL-2.0 */
/*
 * etm4x-trace.h - the bytes of a CPU's trace stream, made only for output.
 *
 * The model keeps trace as extents ("bytes [a,b) of CPU 2's stream"); a
 * perf.data needs the bytes.  CPU c's stream is CoreSight formatted frames
 * (16 bytes: an ID byte for the ETM's trace ID, 14 data bytes, a byte of
 * flags), and the ETMv4 data in them repeats a period of packets: A-Sync,
 * Trace Info, a Timestamp when TRCCONFIGR.TS is set, Trace On, a 64-bit
 * Address & Context (the entry of the traced program's copy for the slice,
 * AArch64 EL0, the workload's PID as Context ID), then one atom a branch of
 * that copy's loop.  The timestamp is the model's virtual time (ns) at
 * which the CPU emitted the period's first byte: one clock for all CPUs,
 * as the CoreSight timestamp generator is one for the system.  The program
 * has ETM4_SLOTS copies of its loop, one a slice (P1 in slot 0, ...), so
 * that perf's decoded flow says which slice each branch ran in.  Every period is self-contained, so
 * that a window cut anywhere (a snapshot, a wrap) decodes from its next
 * period, as a real stream re-synchronises at its next A-Sync.
 *
 * Invariants:
 *  - the byte at stream offset x of CPU c depends only on (c, x, pid), the
 *    slice that emitted it and the clock (the slice's start): any two
 *    windows of one stream agree where they overlap;
 *  - a period is ETM4_PERIOD_FRAMES frames, starting at a frame boundary.
 */
#ifndef AUXSIM_ETM4X_TRACE_H
#define AUXSIM_ETM4X_TRACE_H

#include <stdint.h>

#define ETM4_FRAME 16
#define ETM4_PERIOD_FRAMES 8
#define ETM4_PERIOD_DATA (ETM4_PERIOD_FRAMES * 14) /* 112 data bytes */
/*
 * A period's layout: A-Sync 12 bytes, Trace Info 3, [Timestamp 8], Trace
 * On 1, Address & Context 14, then two iterations of the loop, one atom a
 * branch: loop count L is L - 1 taken b.ne (E), a not taken one (N) and
 * the taken b back to the start (E), L + 1 atoms.  Without timestamps L is
 * 40 (82 atoms), with them 36 (74 atoms and the 8-byte timestamp).
 */
#define ETM4_TS_BYTES 8 /* header 0x02, 7 x 7 bits: 49-bit ns, 6.5 days */
#define ETM4_HDR_BYTES(ts) (30 + ((ts) ? ETM4_TS_BYTES : 0))
#define ETM4_LOOP_COUNT(ts) ((ts) ? 36 : 40)

/* the traced program (a tiny dd-like loop) where the trace says it runs:
 * slot s's copy at ETM4_PROG_ENTRY + 16 s */
#define ETM4_PROG_BASE 0x400000ull
#define ETM4_PROG_ENTRY 0x400080ull
#define ETM4_SLOTS 256

/* the copy of the loop slice @slice (1-based) runs */
static inline uint64_t etm4x_slot_entry(uint32_t slice)
{
	return ETM4_PROG_ENTRY + 16ull * ((slice ? slice - 1 : 0) % ETM4_SLOTS);
}

/* legacy CoreSight trace ID of @cpu's ETM (coresight_get_trace_id()) */
static inline uint8_t etm4x_trace_id(int cpu)
{
	return (uint8_t)(0x10 + 2 * cpu);
}

/*
 * The virtual clock a stream's timestamps come from: byte x of the slice
 * that started at stream offset s0, time t0 (ns), on a CPU emitting @rate
 * bytes a second, was emitted at t0 + (x - s0) / rate (trace.c emits at a
 * constant rate while the CPU runs).
 */
struct etm4x_clock {
	uint64_t t0, s0, rate;
};

/* the timestamp generator counts from boot, and the modelled run starts
 * this long after it: a real timestamp is never 0 (perf takes a zero one
 * for none: cs_etm_decoder__do_hard_timestamp()) */
#define ETM4_TS_BOOT_NS 1000000000ull

/* the timestamp of the period starting at stream offset @x */
static inline uint64_t etm4x_clock__ts(const struct etm4x_clock *clk,
				       uint64_t x)
{
	uint64_t d = x > clk->s0 ? x - clk->s0 : 0;

	if (!clk->rate)
		return ETM4_TS_BOOT_NS + clk->t0;
	return ETM4_TS_BOOT_NS + clk->t0 + d / clk->rate * 1000000000ull +
	       d % clk->rate * 1000000000ull / clk->rate;
}

/* @len bytes of @cpu's stream from offset @soff into @buf; @clk NULL:
 * no timestamps (TRCCONFIGR.TS clear) */
void etm4x_trace__bytes(int cpu, uint32_t pid, uint32_t slice,
			const struct etm4x_clock *clk, uint64_t soff,
			uint64_t len, uint8_t *buf);

/* the 16-byte barrier the ETR driver writes after a wrap (4 x FSYNC) */
void etm4x_trace__barrier(uint8_t *buf, uint64_t len);

#endif /* AUXSIM_ETM4X_TRACE_H */
