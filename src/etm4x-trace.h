/* SPDX-License-Identifier: GPL-2.0 */
/*
 * etm4x-trace.h - the bytes of a CPU's trace stream, made only for output.
 *
 * The model keeps trace as extents ("bytes [a,b) of CPU 2's stream"); a
 * perf.data needs the bytes.  CPU c's stream is CoreSight formatted frames
 * (16 bytes: an ID byte for the ETM's trace ID, 14 data bytes, a byte of
 * flags), and the ETMv4 data in them repeats a period of packets: A-Sync,
 * Trace Info, Trace On, a 64-bit Address & Context (the entry of the
 * traced program's copy for the slice, AArch64 EL0, the workload's PID as
 * Context ID), then one atom a branch of that copy's loop.  The program
 * has ETM4_SLOTS copies of its loop, one a slice (P1 in slot 0, ...), so
 * that perf's decoded flow says which slice each branch ran in.  Every period is self-contained, so
 * that a window cut anywhere (a snapshot, a wrap) decodes from its next
 * period, as a real stream re-synchronises at its next A-Sync.
 *
 * Invariants:
 *  - the byte at stream offset x of CPU c depends only on (c, x, pid) and
 *    the slice that emitted it: any two windows of one stream agree
 *    where they overlap;
 *  - a period is ETM4_PERIOD_FRAMES frames, starting at a frame boundary.
 */
#ifndef AUXSIM_ETM4X_TRACE_H
#define AUXSIM_ETM4X_TRACE_H

#include <stdint.h>

#define ETM4_FRAME 16
#define ETM4_PERIOD_FRAMES 8
#define ETM4_PERIOD_DATA (ETM4_PERIOD_FRAMES * 14) /* 112 data bytes */
#define ETM4_ATOMS_PER_PERIOD 82

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

/* @len bytes of @cpu's stream from offset @soff into @buf */
void etm4x_trace__bytes(int cpu, uint32_t pid, uint32_t slice, uint64_t soff,
			uint64_t len, uint8_t *buf);

/* the 16-byte barrier the ETR driver writes after a wrap (4 x FSYNC) */
void etm4x_trace__barrier(uint8_t *buf, uint64_t len);

#endif /* AUXSIM_ETM4X_TRACE_H */
