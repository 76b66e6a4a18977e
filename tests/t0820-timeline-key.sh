#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# t0820-timeline-key: the text timeline draws each task with a glyph of its
# own, and its key names each task that runs with its glyph.
. "$(dirname "$0")/lib.sh"

# a kworker on cpu1 between two dd slices, scripted (slices in start order)
cat >"$TMP/kw.scn" <<'SCN'
machine juno
perf record -e cs_etm// -S -- dd if=/dev/zero of=/dev/null
duration 64ms
task kworker cpu-bound
sched script
slice A dd cpu0 0..32ms
slice K kworker cpu1 16ms..48ms
slice B dd cpu0 40ms..64ms
signal USR2 at 60ms
SCN
"$AUXSIM" run "$TMP/kw.scn" >"$TMP/kw.txt"
ok $? "the scripted dd + kworker scenario runs"
sed -n '/^Timeline/,/^USR2/p' "$TMP/kw.txt" >"$TMP/tl.txt"
grep -q "^  running: '#' dd, '=' kworker; '_' idle$" "$TMP/tl.txt"
ok $? "the key names each task with its own glyph"
! grep -q "'#' = dd running" "$TMP/tl.txt"
ok $? "no single '#' = dd key for every task"
grep -q '^CPU1: _*=*K=*_*|$' "$TMP/tl.txt"
ok $? "cpu1 draws the kworker slice with '='"
grep -q '^CPU0: #*A#*_*#*B#*|$' "$TMP/tl.txt"
ok $? "cpu0 draws dd's slices with '#'"

# seed 001: three tasks, random schedule
"$AUXSIM" run "$TOP/scenarios/s001-throttle-pause.scn" >"$TMP/s.txt"
grep -q "^  running: '#' sleep, '=' perf, '+' kworker; '_' idle$" "$TMP/s.txt"
ok $? "seed 001: sleep, perf and kworker each have a glyph"
grep -q '^CPU0: =*|$' "$TMP/s.txt"
ok $? "seed 001: cpu0 is perf's, drawn '=' and unlabelled (random slices carry no name)"

done_testing
