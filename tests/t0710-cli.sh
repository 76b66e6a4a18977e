#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# t0710-cli: the auxsim command line: list, help, and bad flags (exit 2,
# a message naming the flag).
. "$(dirname "$0")/lib.sh"
S=$TOP/scenarios/s000-p1-p5.scn

"$AUXSIM" list >"$TMP/list"
ok $? "auxsim list"
for n in juno v5.12 v6.1 etm-snapshot-rfc perf-5.13 perf-6.1; do
	grep -q "^  $n " "$TMP/list"
	ok $? "list names $n"
done
tr -s ' \n' '  ' <"$TMP/list" | grep -q "Correct buffer syncing for snapshot"
ok $? "list gives the RFC's upstream subject"

"$AUXSIM" --help >/dev/null
ok $? "--help exits 0"
"$AUXSIM" --version | grep -q '^auxsim '
ok $? "--version"

# bad_flag DESCRIPTION EXPECTED-MESSAGE ARGS...
bad() {
	desc=$1 msg=$2
	shift 2
	"$AUXSIM" "$@" >"$TMP/o" 2>"$TMP/e"
	rc=$?
	test $rc = 2 && grep -q -- "$msg" "$TMP/e"
	ok $? "$desc (exit $rc: $(head -1 "$TMP/e"))"
}
bad "unknown kernel" "--kernel: unknown kernel 'v9'" run "$S" --kernel v9
bad "unknown perf" "--perf: unknown perf 'perf-9'" run "$S" --perf perf-9
bad "unknown patch" "--patch: unknown patch 'nope'" run "$S" --patch nope
# the list of patches: the real ones by name, the mutants counted, whole
# words (it was cut at "..., mutant-sink-no-mode, mu)")
bad "unknown patch: the real patches, the mutants counted" \
	"unknown patch 'nope' (known: etm-snapshot-rfc, aux-pause-throttle-v1, aux-throttle-fix; and 20 mutants: auxsim list names them)\$" \
	run "$S" --patch nope
test "$(grep -c '^  mutant-' "$TMP/list")" = 20
ok $? "... auxsim list names the 20 mutants"
bad "bad seed" "--seed: 'abc' is not a seed" run "$S" --seed abc
bad "negative seed" "--seed: '-1'" run "$S" --seed -1
bad "bad duration" "--duration: 'soon'" run "$S" --duration soon
bad "unknown option" "--frobnicate: unknown option" run "$S" --frobnicate
bad "two scenarios" "only one scenario" run "$S" "$S"
bad "no scenario" "usage:" run
bad "unknown command" "'frob' is not a command" frob
bad "missing file" "No such file" run "$TMP/nope.scn"
printf 'machine juno\nbogus 1\n' >"$TMP/bad.scn"
bad "bad scenario: FILE:LINE:COL" "$TMP/bad.scn:2:1:" run "$TMP/bad.scn"

"$AUXSIM" run "$S" --patch none --json >"$TMP/o.json"
test "$(jsonq "$TMP/o.json" 'scalar @{$j->{patches}}')" = 0
ok $? "--patch none clears the patches"
"$AUXSIM" run "$S" --patch=etm-snapshot-rfc --seed=3 --json >"$TMP/o.json"
test "$(jsonq "$TMP/o.json" '$j->{patches}[0] . "/" . $j->{seed}')" = "etm-snapshot-rfc/3"
ok $? "--flag=value spelling"
"$AUXSIM" run "$S" --duration 100ms --json >"$TMP/o.json"
test "$(jsonq "$TMP/o.json" '$j->{duration_ns}')" = 100000000
ok $? "--duration overrides the scenario's"

done_testing
