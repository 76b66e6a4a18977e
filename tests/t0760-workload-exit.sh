#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# t0760-workload-exit: perf record's session ends when the workload it
# forked exits.  A workload's `exit T` ends the run at T, with perf's exit
# path, whatever the duration (or --duration) asks; and a run that outlives
# a `sleep N` workload without one says so.
. "$(dirname "$0")/lib.sh"
T=$TOP/tests/scenarios
S=$TOP/scenarios

"$AUXSIM" run "$T/workload-exit.scn" --json >"$TMP/e.json"
ok $? "workload-exit: runs"
test "$(jsonq "$TMP/e.json" '$j->{duration_ns} . "," . $j->{workload_exit_ns}')" = "30000000,30000000"
ok $? "... it ends at the workload's exit, 30 ms (the duration says 50 ms)"
"$AUXSIM" run "$T/workload-exit.scn" >"$TMP/e.txt"
grep -q '^  perf record ends at 0.030000 s, when its workload, sleep, exits (line 11):$' "$TMP/e.txt" &&
	grep -q '^  before the duration given, 0.050000 s$' "$TMP/e.txt"
ok $? "... and the report says so"

# the same run as one whose duration is 30 ms: perf's exit path at 30 ms
mkdir -p "$TMP/d"
sed 's/^duration 50ms$/duration 30ms/; s/ exit 30ms$//' "$T/workload-exit.scn" >"$TMP/d/workload-exit.scn"
"$AUXSIM" run "$TMP/d/workload-exit.scn" --json >"$TMP/d.json"
perl -MJSON::PP -e 'my @j = map { local $/; open my $f, "<", $_ or die;
		my $d = JSON::PP->new->canonical->decode(<$f>);
		delete $d->{workload_exit_ns}; JSON::PP->new->canonical->encode($d) } @ARGV;
	exit !($j[0] eq $j[1])' "$TMP/e.json" "$TMP/d.json"
ok $? "... exactly the run that ends at a 30 ms duration (snapshots, records, reads)"

"$AUXSIM" run "$T/workload-exit.scn" --duration 100s --json >"$TMP/l.json" 2>"$TMP/err"
test $? = 0 && test "$(jsonq "$TMP/l.json" '$j->{duration_ns}')" = 30000000
ok $? "--duration 100s cannot outlive the workload: the run still ends at 30 ms"
grep -q "^auxsim: --duration 100s: .*workload-exit.scn:11:44: the workload 'sleep' exits at 30ms; perf record's session ends there$" "$TMP/err"
ok $? "... and a warning says why, at FILE:LINE:COL of the exit"

# without an exit: a run that outlives `sleep 10` says so
"$AUXSIM" run "$S/s001-throttle-pause.scn" --duration 11s >"$TMP/s.txt"
grep -q "^  note: a real 'sleep 10' exits after 10.000000 s, and perf record with it;$" "$TMP/s.txt" &&
	grep -q "^  this run lasts 11.000000 s ('task sleep ... exit 10s' would end it there)$" "$TMP/s.txt"
ok $? "s001 --duration 11s: the note that a real sleep 10 ends perf record at 10 s"
"$AUXSIM" run "$S/s001-throttle-pause.scn" >"$TMP/s50.txt"
! grep -q 'note: a real' "$TMP/s50.txt"
ok $? "s001 as shipped (50 ms): no note"
printf 'machine juno\nperf record -e cs_etm// -- /bin/sleep 1m 1.5\nduration 62s\n' >"$TMP/i.scn"
"$AUXSIM" run "$TMP/i.scn" >"$TMP/i.txt"
grep -q "^  note: a real '/bin/sleep 1m 1.5' exits after 61.500000 s" "$TMP/i.txt"
ok $? "sleep's operands add up, with their units (1m 1.5 = 61.5 s)"
grep -q '^  note: no task line names sleep: the model runs it cpu-bound, not asleep$' "$TMP/i.txt"
ok $? "a sleep workload without a task line: cpu-bound, and the report says so"

done_testing
