#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# t1015-check-output: check -o FILE always reflects the latest check.  A
# violation writes the counterexample; no violation writes a file that says
# so ("# auxsim no counterexample: ...", the scenario and variants, no
# steps), which replay reports as "no violation was found; nothing to
# replay", exit 0: `check -o F && replay F` never replays a stale
# counterexample.
. "$(dirname "$0")/lib.sh"
C=$TOP/scenarios/c001-throttle-pause.scn
cd "$TMP" || exit 1

"$AUXSIM" check "$C" -o F >/dev/null
test $? = 1 && head -1 F | grep -q '^# auxsim counterexample: ' && grep -q '^steps ' F
ok $? "a violation: F is its counterexample"

# the same scenario with the fix: no violation within the bounds
"$AUXSIM" check "$C" --patch aux-throttle-fix -o F >out
rc=$?
test $rc = 0 && grep -q '^no violation within the bounds' out
ok $? "with --patch aux-throttle-fix: no violation, exit 0 (got $rc)"
head -1 F | grep -qx '# auxsim no counterexample: no violation within the bounds (depth bound [0-9]*, exhaustive)' &&
	test "$(realpath "$(sed -n 's/^scenario //p' F)")" = "$(realpath "$C")" && grep -qx 'kernel v7.1' F && grep -qx 'perf perf-7.1' F &&
	grep -qx 'patch aux-throttle-fix' F && ! grep -q '^steps' F
ok $? "... F now says so, with the scenario and variants and no steps ($(head -1 F))"
"$AUXSIM" replay F >out 2>err
rc=$?
test $rc = 0 && unwrap out | grep -qx 'F: no violation was found; nothing to replay (auxsim check: no violation within the bounds (depth bound [0-9]*, exhaustive))' &&
	test ! -s err
ok $? "replay F: nothing to replay, exit 0 (got $rc: $(cat out err))"
"$AUXSIM" check "$C" --patch aux-throttle-fix -o G >/dev/null && "$AUXSIM" replay G >out
ok $? "check -o G && replay G: exit 0"
"$AUXSIM" check "$C" --patch aux-throttle-fix --json -o H >/dev/null &&
	head -1 H | grep -q '^# auxsim no counterexample: '
ok $? "--json: the same file"
"$AUXSIM" check "$C" -o F >/dev/null
test $? = 1 && head -1 F | grep -q '^# auxsim counterexample: '
ok $? "a violation again: F is a counterexample again"

# the file's format: no steps in a file that says there is none
{ head -1 G; echo "scenario $C"; echo 'steps tick:0'; } >bad
"$AUXSIM" replay bad >out 2>err
test $? = 2 && grep -q '^bad:3:1: steps in a file that says there is no counterexample' err
ok $? "a 'no counterexample' file with steps: exit 2 ($(cat err))"
"$AUXSIM" replay G --steps tick:0 >out 2>err
test $? = 2 && grep -q -- '--steps and G: that is a counterexample file' err
ok $? "... and it is not a scenario for --steps ($(cat err))"

done_testing
