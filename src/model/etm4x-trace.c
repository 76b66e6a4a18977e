// SPDX-License-Identifier: GPL-2.0
/*
 * etm4x-trace.c - a CPU's ETMv4 trace as bytes (etm4x-trace.h).
 *
 * Packet encodings follow the ETMv4 architecture (IHI 0064) as OpenCSD
 * decodes them; the frame format is the CoreSight trace formatter's
 * (IHI 0029): even bytes carry an ID (bit 0 set) or a data byte whose
 * bit 0 moves to byte 15; odd bytes are data.
 *
 * The program the atoms walk (elf.c writes it): a slice's copy, at
 * etm4x_slot_entry(), with L = ETM4_LOOP_COUNT(ts),
 *   _start: movz x0, #L
 *   loop:   subs x0, x0, #1
 *           b.ne loop        L - 1 times taken (E), then not (N)
 *           b    _start      taken (E)
 * L + 1 atoms an iteration, two iterations a period.
 *
 * Timestamps: a real ETMv4 with TRCCONFIGR.TS emits a Timestamp packet
 * after each Trace Info (at every sync) and when its timestamp event or
 * the trace-on logic asks for one; here it is the one after Trace Info,
 * once a period.
 */
#include <stdbool.h>
#include <string.h>

#include "model/etm4x-trace.h"

/* where the timestamp's 7 value bytes are in a period (with TS) */
#define TS_AT 16

/* the period's data bytes for a workload @pid in slice @slice (the
 * timestamp's value bytes are filled per period, ts_bytes()) */
static void period_bytes(uint32_t pid, uint32_t slice, bool ts, uint8_t *d)
{
	uint64_t a = etm4x_slot_entry(slice);
	int n = 0, loop = ETM4_LOOP_COUNT(ts);

	/* A-Sync: 11 zero bytes and 0x80 */
	memset(d, 0, 11);
	n = 11;
	d[n++] = 0x80;
	/* Trace Info: header, PLCTL (INFO present), INFO (no cycle count) */
	d[n++] = 0x01;
	d[n++] = 0x01;
	d[n++] = 0x00;
	if (ts) {
		/* Timestamp: header, then the value 7 bits a byte, low
		 * first, bit 7 = more; 7 bytes, so every period updates all
		 * 49 bits (ts_bytes()) */
		d[n++] = 0x02;
		n += ETM4_TS_BYTES - 1;
	}
	/* Trace On */
	d[n++] = 0x04;
	/* Address & Context, long, 64-bit, IS0 */
	d[n++] = 0x85;
	d[n++] = (uint8_t)((a >> 2) & 0x7f);
	d[n++] = (uint8_t)((a >> 9) & 0x7f);
	for (int sh = 16; sh < 64; sh += 8)
		d[n++] = (uint8_t)(a >> sh);
	/* EL0, SF (AArch64), NS, no VMID, Context ID follows */
	d[n++] = 0x10 | 0x20 | 0x80;
	for (int i = 0; i < 4; i++)
		d[n++] = (uint8_t)(pid >> (8 * i));
	/* atoms, format 1: E = 0xf7, N = 0xf6 */
	for (int it = 0; it < 2; it++) {
		for (int k = 1; k < loop; k++)
			d[n++] = 0xf7; /* b.ne loop, taken */
		d[n++] = 0xf6; /* b.ne loop, not taken */
		d[n++] = 0xf7; /* b _start */
	}
}

/* the timestamp packet's value bytes for time @t (ns) */
static void ts_bytes(uint64_t t, uint8_t *d)
{
	for (int i = 0; i < ETM4_TS_BYTES - 1; i++)
		d[TS_AT + i] = (uint8_t)((t >> (7 * i)) & 0x7f) |
			       (i < ETM4_TS_BYTES - 2 ? 0x80 : 0);
}

/* frame @k of @cpu's stream */
static void frame(int cpu, const uint8_t *period, uint64_t k, uint8_t *f)
{
	const uint8_t *d = period + (k % ETM4_PERIOD_FRAMES) * 14;
	uint8_t flags = 0;

	f[0] = (uint8_t)(etm4x_trace_id(cpu) << 1 | 1);
	for (int i = 0; i < 14; i++) {
		int pos = i + 1;

		if (pos % 2) {
			f[pos] = d[i];
		} else {
			f[pos] = d[i] & 0xfe;
			flags |= (uint8_t)((d[i] & 1) << (pos / 2));
		}
	}
	f[15] = flags;
}

void etm4x_trace__bytes(int cpu, uint32_t pid, uint32_t slice,
			const struct etm4x_clock *clk, uint64_t soff,
			uint64_t len, uint8_t *buf)
{
	uint8_t period[ETM4_PERIOD_DATA], f[ETM4_FRAME];
	uint64_t k = soff / ETM4_FRAME, at = 0;
	unsigned int skip = (unsigned int)(soff % ETM4_FRAME);

	period_bytes(pid, slice, clk != NULL, period);
	while (at < len) {
		uint64_t n = ETM4_FRAME - skip;

		if (n > len - at)
			n = len - at;
		if (clk && (k % ETM4_PERIOD_FRAMES == 0 || at == 0))
			ts_bytes(etm4x_clock__ts(clk, k / ETM4_PERIOD_FRAMES *
							      ETM4_PERIOD_FRAMES *
							      ETM4_FRAME),
				 period);
		frame(cpu, period, k++, f);
		memcpy(buf + at, f + skip, (size_t)n);
		at += n;
		skip = 0;
	}
}

void etm4x_trace__barrier(uint8_t *buf, uint64_t len)
{
	static const uint8_t fsync[4] = { 0xff, 0xff, 0xff, 0x7f };

	for (uint64_t i = 0; i < len; i++)
		buf[i] = fsync[i % 4];
}
