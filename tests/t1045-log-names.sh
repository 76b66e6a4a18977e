#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# t1045-log-names: the kernel log (replay --log, run --log) names perf's
# events as the user numbers them, eK/cpuN (eK alone --per-thread), K the
# K-th -e of perf record from 0 as in steps, and ring buffers rb/cpuN; a
# key at the top says so, with each -e's text; never the model's own slot
# numbers ("event3", "rb1").  The same input, the same bytes.
. "$(dirname "$0")/lib.sh"
S=$TOP/scenarios
cd "$TMP" || exit 1

"$AUXSIM" replay "$S/c001-throttle-pause.scn" --steps overflow:1:1,overflow:1:1,tick:1 --log >r.txt
test $? = 1
ok $? "replay --log: the WARN (exit 1)"
grep -q '^ *cpu1: perf_aux_output_begin: e0/cpu1 rb/cpu1 failed$' r.txt
ok $? "the failed begin names e0/cpu1 and rb/cpu1 ($(grep 'perf_aux_output_begin:' r.txt | head -1))"
! grep -Eq '\b(event|rb)[0-9]' r.txt
ok $? "no model slot number (eventN, rbN) in the log"
unwrap r.txt | grep -q '^The kernel log names events eK/cpuN: perf record.s K-th -e (from 0) on cpuN; rb/cpuN: its ring buffer on cpuN\.$' &&
	grep -qx '  e1  cycles/aux-action=pause,period=3000/' r.txt
ok $? "a key at the top: what eK/cpuN and rb/cpuN mean, each -e's text"
test "$(grep -c '^The kernel log names' r.txt)" = 1
ok $? "... once"
"$AUXSIM" replay "$S/c001-throttle-pause.scn" --steps overflow:1:1,overflow:1:1,tick:1 >nolog.txt
! grep -q 'kernel log names' nolog.txt
ok $? "no key without --log"

"$AUXSIM" run "$S/s001-throttle-pause.scn" --log >run.txt 2>&1
grep -q '^\[ *[0-9.]*\] cpu1: event_sched_in: e1/cpu1 (ctx is_active' run.txt &&
	! grep -Eq '\b(event|rb)[0-9]' run.txt &&
	test "$(grep -c '^The kernel log names events eK/cpuN' run.txt)" = 1
ok $? "run --log: the same names, the key once"
"$AUXSIM" run "$S/s001-throttle-pause.scn" --log >run2.txt 2>&1
cmp -s run.txt run2.txt
ok $? "run --log: deterministic"

"$AUXSIM" run "$S/c000-pause.scn" --log >pt.txt 2>&1
grep -q 'event_sched_in: e0 (ctx' pt.txt &&
	unwrap pt.txt | grep -q '^The kernel log names events eK: perf record.s K-th -e (from 0), one each (--per-thread); rb: its ring buffer\.$' &&
	! grep -Eq '\b(event|rb)[0-9]' pt.txt
ok $? "--per-thread: eK alone, and its key"

done_testing
