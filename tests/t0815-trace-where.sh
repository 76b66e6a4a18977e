#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# t0815-trace-where: a run whose AUX buffers hold other CPUs' trace says
# where it went and why: with -a, the session's events share the ETR, and
# only the last CPU to disable it copies it out (tmc_update_etr_buffer()).
# Computed from the reads' extents, not written per scenario.
. "$(dirname "$0")/lib.sh"
S=$TOP/scenarios

# (the report's prose is wrapped at 80 columns: unwrap joins it back)
where() { "$AUXSIM" run "$@" >"$TMP/out.txt" && unwrap "$TMP/out.txt" | sed -n '/^Where the trace went:/,/^$/p'; }

where "$S/s001-throttle-pause.scn" >"$TMP/s.txt"
ok $? "seed 001 (-a, Juno): the report says where the trace went"
# MODEL_TESTING builds shrink the extent maps: fewer bytes keep their CPU
if grep -q 'is untracked (extent maps at capacity)' "$TMP/s.txt" &&
	grep -q "^Where the trace went: the trace of cpu[0-9,-]* is in cpu5's AUX buffer" "$TMP/s.txt"; then
	ok 0 "seed 001: the (tracked) trace is in cpu5's AUX buffer"
else
	grep -q "^Where the trace went: all 6 CPUs' trace is in cpu5's AUX buffer ([0-9.]* MiB), none in cpu0-4's own\.$" "$TMP/s.txt"
	ok $? "seed 001: all six CPUs' trace is in cpu5's AUX buffer"
fi
grep -q 'The ETR (tmc_etr0) is shared by the session.* last CPU to disable it copies it out: tmc_update_etr_buffer() copies nothing while csdev->refcnt != 1\.$' "$TMP/s.txt" &&
	sed -n '/^Where the trace went:/,/^$/p' "$TMP/out.txt" | awk 'length > 80 { exit 1 }'
ok $? "seed 001: the mechanism, the shared ETR read out by the last CPU (in 80 columns)"

where "$S/s001-throttle-pause.scn" --patch aux-pause-throttle-v1 >"$TMP/p.txt"
grep -q "trace.* is in cpu5's AUX buffer" "$TMP/p.txt"
ok $? "with the seed's patch too"

where "$S/s001-claim-b.scn" >"$TMP/b.txt"
grep -q "^Where the trace went: the trace of cpu1 is in cpu5's AUX buffer ([0-9.]* MiB), none in cpu1's own\.$" "$TMP/b.txt"
ok $? "claim (b): only cpu1 traced; its trace is in cpu5's buffer"

where "$S/s001-claim-c.scn" >"$TMP/c.txt"
grep -q "the trace of cpu1 is in cpu3's AUX buffer" "$TMP/c.txt"
ok $? "claim (c) on the 4-CPU N1SDP: the last CPU is cpu3"

"$AUXSIM" run "$S/s001-claim-e.scn" >"$TMP/e.txt"
! grep -q '^Where the trace went' "$TMP/e.txt"
ok $? "claim (e), SPE: per-CPU buffers, each CPU's trace in its own: nothing to say"

"$AUXSIM" run "$S/s000-p1-p5.scn" >"$TMP/p15.txt"
! grep -q '^Where the trace went' "$TMP/p15.txt"
ok $? "seed 000, per-CPU task events: each sched-out copies into its own CPU's buffer"

done_testing
