#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# t0745-usr2-ignored: a SIGUSR2 that takes no snapshot is never dropped
# silently.  Without -S, perf record sets SIGUSR2 to SIG_IGN (perf's
# __cmd_record()): the report says so, the timeline marks it 'x', --json
# and --trace-json count it and say why.  "1 time", not "1 times".
. "$(dirname "$0")/lib.sh"
T=$TOP/tests/scenarios

"$AUXSIM" run "$T/usr2-no-snapshot.scn" >"$TMP/n.txt"
ok $? "usr2-no-snapshot: runs (perf is not killed: SIG_IGN)"
grep -q '^SIGUSR2 ignored 3 times: perf record without -S ignores it (SIG_IGN)$' "$TMP/n.txt"
ok $? "... the report says the 3 SIGUSR2 were ignored, and why"
grep -q "'x' = SIGUSR2 ignored" "$TMP/n.txt" &&
	test "$(sed -n 's/^USR2: //p' "$TMP/n.txt" | tr -cd x | wc -c)" = 3
ok $? "... the timeline marks each with an 'x'"
"$AUXSIM" run "$T/usr2-no-snapshot.scn" --json >"$TMP/n.json"
test "$(jsonq "$TMP/n.json" '$j->{stats}{usr2_sig_ign} . "," . $j->{stats}{ignored_signals}')" = "3,0"
ok $? "... --json: stats.usr2_sig_ign 3"
"$AUXSIM" run "$T/usr2-no-snapshot.scn" --trace-json "$TMP/n.tj" >/dev/null
test "$(jsonq "$TMP/n.tj" 'join ",", map { $_->{args}{snapshot} } grep { $_->{name} eq "SIGUSR2" } @{$j->{traceEvents}}')" = \
	"$(printf 'none: perf record without -S ignores SIGUSR2 (SIG_IGN)%.0s,' 1 2; echo 'none: perf record without -S ignores SIGUSR2 (SIG_IGN)')"
ok $? "... --trace-json: each SIGUSR2 instant says why it took no snapshot"

"$AUXSIM" run "$T/usr2-busy.scn" >"$TMP/b.txt"
grep -q '^SIGUSR2 ignored 1 time (snapshot in progress: trigger not ready)$' "$TMP/b.txt"
ok $? "usr2-busy: \"SIGUSR2 ignored 1 time\", a snapshot in progress"
! grep -q ' 1 times' "$TMP/n.txt" "$TMP/b.txt"
ok $? "no \"1 times\" anywhere"

done_testing
