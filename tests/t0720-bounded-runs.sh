#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# t0720-bounded-runs: every run ends, in time proportional to what it
# models.  Every scenario of scenarios/ and tests/scenarios/ runs to its
# end under a timeout; every file of the malformed corpus is refused with
# exit 2 and FILE:LINE:COL; the reproducers of hangs found before (slices
# out of order, huge durations, 1ns signals) end at once; the limits of docs/scenario-format.md hold, at
# parse time with a position or a flag's name, at run time with an error.
. "$(dirname "$0")/lib.sh"
LIMIT=${AUXSIM_TEST_TIMEOUT:-60}

# run_bounded EXPECTED-STATUS FILE ARGS...: auxsim run under the timeout;
# fails on a timeout (124), a crash (a signal) or another exit status
run_bounded() {
	want=$1 f=$2
	shift 2
	timeout "$LIMIT" "$AUXSIM" run "$f" "$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	case $rc in
	124) why="timed out after ${LIMIT}s" ;;
	1[2-9][0-9] | 2[0-9][0-9]) why="killed by signal $((rc - 128))" ;;
	*) why="exit $rc" ;;
	esac
	test "$rc" = "$want"
	ok $? "$(basename "$f") $*: $why (want exit $want)"
	[ "$rc" = "$want" ] || sed 's/^/#   /' "$TMP/err" | head -5
}

for f in "$TOP"/scenarios/*.scn "$TOP"/tests/scenarios/*.scn; do
	run_bounded 0 "$f"
done

# the malformed corpus: exit 2, and FILE:LINE:COL as its '# expect' says
for f in "$TOP"/tests/malformed/*.scn; do
	pos=$(sed -n '1s/^# expect: \([0-9]*:[0-9]*\):.*/\1/p' "$f")
	timeout "$LIMIT" "$AUXSIM" run "$f" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	test "$rc" = 2 && test -n "$pos" &&
		test "$(head -1 "$TMP/err" | cut -c1-$((${#f} + ${#pos} + 2)))" = "$f:$pos:" &&
		test ! -s "$TMP/out"
	ok $? "$(basename "$f"): exit $rc, refused at $pos"
done

# --- slices out of start order across tasks ---
timeout "$LIMIT" "$AUXSIM" run "$TOP/tests/scenarios/slices-out-of-order.scn" --json >"$TMP/o.json"
test "$(jsonq "$TMP/o.json" 'join " ", map { "$_->{label}:$_->{cpu}:$_->{start_ns}:$_->{end_ns}" } @{$j->{slices}}')" = \
	"A:0:0:50000000 K:1:10000000:20000000"
ok $? "out-of-order slices: each runs as scripted, in start order"
timeout "$LIMIT" "$AUXSIM" run "$TOP/tests/scenarios/slices-file-order.scn" --json >"$TMP/f.json"
test "$(jsonq "$TMP/f.json" 'join " ", map { $_->{label} } @{$j->{slices}}')" = "P1 K0 P2 K1 P3"
ok $? "a task's slices in reverse file order: run in start order"

# --- a huge duration and a 1ns signal period ---
for f in 188-duration-too-long 189-signal-every-1ns; do
	timeout 20 "$AUXSIM" run "$TOP/tests/malformed/$f.scn" >/dev/null 2>"$TMP/err"
	test $? = 2 && grep -q "Limits" "$TMP/err"
	ok $? "$f: refused at once, naming the limit ($(cat "$TMP/err"))"
done

# --- --duration: the flag's limits, and what a shorter run leaves out ---
S=$TOP/scenarios
timeout 20 "$AUXSIM" run "$S/s000-dd-1s.scn" --duration 7200s >/dev/null 2>"$TMP/err"
test $? = 2 && grep -q -- "--duration 7200s: longer than the longest run, 3600s" "$TMP/err"
ok $? "--duration above the longest run: exit 2 naming the flag"
timeout 20 "$AUXSIM" run "$S/s000-dd-migrate.scn" --duration 3000s >/dev/null 2>"$TMP/err"
test $? = 2 && grep -q -- "--duration 3000s: the signal lines send 29999 SIGUSR2; a run takes at most 10000" "$TMP/err"
ok $? "--duration making too many snapshots: exit 2 naming the flag"
timeout "$LIMIT" "$AUXSIM" run "$S/s000-dd-1s.scn" --duration 500ms --json >"$TMP/d.json" 2>"$TMP/err"
test $? = 0 && grep -q -- "--duration 500ms: .*s000-dd-1s.scn:20:16: signal USR2 at 1s is after the end of the run" "$TMP/err"
ok $? "--duration below a signal: a warning naming the flag and FILE:LINE:COL (the time)"
test "$(jsonq "$TMP/d.json" 'scalar @{$j->{snapshots}}')" = 0
ok $? "  and the run has no snapshot"
timeout "$LIMIT" "$AUXSIM" run "$S/s000-dd-1s.scn" --duration 1100ms >/dev/null 2>"$TMP/err"
test $? = 0 && test ! -s "$TMP/err"
ok $? "--duration that keeps every signal: no warning"

# --- a run-time limit: more scheduling slices than a run may make ---
cat >"$TMP/slices.scn" <<'EOF'
machine juno
perf record -e cs_etm// -S -- dd
duration 1s
sched random slice 1ns..1ns gap 0..0
EOF
timeout "$LIMIT" "$AUXSIM" run "$TMP/slices.scn" -o "$TMP/slices.data" >"$TMP/out" 2>"$TMP/err"
test $? = 2 && grep -q "the run passed the limit of 100000 scheduling slices at virtual time" "$TMP/err"
ok $? "run-time limit: exit 2 naming it ($(cat "$TMP/err"))"
test ! -e "$TMP/slices.data" && test ! -s "$TMP/out"
ok $? "  no report and no perf.data"

done_testing
