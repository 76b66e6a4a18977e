// SPDX-License-Identifier: GPL-2.0
/*
 * arm-spe-trace.c - a CPU's SPE sample records as bytes (arm-spe-trace.h).
 *
 * Packet formats: Arm ARM (DDI 0487), D10.2 "Profiling data", the SPE
 * packet headers.  A short header is one byte; where a packet has a
 * payload, header bits [5:4] give its size (1, 2, 4 or 8 bytes, little
 * endian).  The headers used here, and how perf 6.1 reads each
 * (tools/perf/util/arm-spe-decoder/arm-spe-pkt-decoder.c
 * arm_spe_do_get_packet(); arm-spe-decoder.c arm_spe_read_record() fills
 * the record from them):
 *
 *   0x00        Padding: skipped (arm_spe_get_next_packet())
 *   0x01        End: no timestamp, ends the record
 *   0x71        Timestamp, 8 bytes: ends the record, record.timestamp
 *   0x52        Events, 2 bytes: record.type (EV_MISPRED -> BRANCH_MISS)
 *   0x64        Context (CONTEXTIDR_EL1), 4 bytes: record.context_id,
 *               which perf takes as the TID when decoding timed
 *   0x4a        Operation Type, class branch, 1 byte (bit 0: conditional)
 *   0xb0 + i    Address, 8 bytes: i = 0 the instruction (from_ip), 1 the
 *               branch target (to_ip); bit 63 NS, bits [62:61] the EL
 *   0x98 + i    Counter, 2 bytes: i = 0 total latency, 1 issue latency
 */
#include <stdbool.h>
#include <string.h>

#include "model/arm-spe-trace.h"

#define CHUNK 16

/* Events payload bits (D10.2, Events packet) */
#define EV_RETIRED (1u << 1)
#define EV_NOT_TAKEN (1u << 6)
#define EV_MISPRED (1u << 7)
/* Address packet: Non-secure, EL0 */
#define ADDR_NS (1ull << 63)
/* latencies of the sampled branch, in cycles (modelling figures) */
#define TOTAL_LAT 9
#define ISSUE_LAT 2

static int put_le(uint8_t *d, int n, uint64_t v, int bytes)
{
	for (int i = 0; i < bytes; i++)
		d[n++] = (uint8_t)(v >> (8 * i));
	return n;
}

/* the record at stream offset @x; d[] is zeroed (Padding) by the caller */
static void record(uint32_t pid, uint32_t slice, const struct etm4x_clock *clk,
		   uint64_t x, uint8_t *d)
{
	uint64_t pc = arm_spe_sample_pc(slice);
	bool miss = arm_spe_mispredicted(x);
	int n = 0;

	/* chunk 0: Context, Events, Operation Type */
	d[n++] = 0x64;
	n = put_le(d, n, pid, 4);
	d[n++] = 0x52;
	n = put_le(d, n, EV_RETIRED | (miss ? EV_NOT_TAKEN | EV_MISPRED : 0),
		   2);
	d[n++] = 0x4a;
	d[n++] = 0x01; /* conditional */
	/* chunk 1: where the taken branch went (back to the loop's subs),
	 * then the latencies */
	n = CHUNK;
	if (!miss) {
		d[n++] = 0xb1;
		n = put_le(d, n, (pc - 4) | ADDR_NS, 8);
	}
	d[n++] = 0x98;
	n = put_le(d, n, TOTAL_LAT, 2);
	d[n++] = 0x99;
	n = put_le(d, n, ISSUE_LAT, 2);
	/* chunk 2: the sampled instruction */
	n = 2 * CHUNK;
	d[n++] = 0xb0;
	put_le(d, n, pc | ADDR_NS, 8);
	/* chunk 3: Timestamp or End, last */
	if (clk) {
		n = ARM_SPE_RECORD_BYTES - 9;
		d[n++] = 0x71;
		put_le(d, n, arm_spe_ticks(etm4x_clock__ts(clk, x)), 8);
	} else {
		d[ARM_SPE_RECORD_BYTES - 1] = 0x01;
	}
}

void arm_spe_trace__bytes(uint32_t pid, uint32_t slice,
			  const struct etm4x_clock *clk, uint64_t soff,
			  uint64_t len, uint8_t *buf)
{
	uint8_t r[ARM_SPE_RECORD_BYTES];
	uint64_t at = 0;

	while (at < len) {
		uint64_t x = soff + at;
		uint64_t start = x - x % ARM_SPE_RECORD_BYTES;
		uint64_t skip = x - start, n = ARM_SPE_RECORD_BYTES - skip;

		if (n > len - at)
			n = len - at;
		memset(r, 0, sizeof(r));
		record(pid, slice, clk, start, r);
		memcpy(buf + at, r + skip, (size_t)n);
		at += n;
	}
}
