#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# t0712-cli-flags: options that contradict each other are refused, naming
# both; numbers are decimal and in range, nothing else; an output file that
# cannot be written fails before the run, naming it and why.  Each exits 2
# with nothing on stdout.
. "$(dirname "$0")/lib.sh"
S=$TOP/scenarios/s000-p1-p5.scn
C=$TOP/scenarios/c001-throttle-pause.scn
cd "$TMP" || exit 1

bad() {
	msg=$1
	shift
	"$AUXSIM" "$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	test $rc = 2 && grep -q -- "$msg" "$TMP/err" && test ! -s "$TMP/out"
	ok $? "$* => exit 2, '$msg' (got $rc: $(head -1 "$TMP/err"))"
}

# --- contradictions ---
bad "check: --dfs and --bfs: one search mode at a time" check "$C" --dfs --bfs
bad "check: --bfs and --random: one search mode" check "$C" --bfs --random
bad "check: --dfs and --random: one search mode" check "$C" --random --dfs
bad "check: --runs: only with --random" check "$C" --runs 10
bad "check: --seed: only with --random" check "$C" --seed 3
bad "check: --claims and $C: the claims have their own scenarios" check --claims "$TOP/scenarios" "$C"
bad "check: --claims and --invariant" check --claims "$TOP/scenarios" --invariant warn-aux-nest
bad "check: --claims and -o: -o saves one counterexample" check --claims "$TOP/scenarios" -o x.cex
bad "check: --list-invariants and --json" check --list-invariants --json
bad "check: --list-invariants and $C" check --list-invariants "$C"
bad "check: --random and --max-states" check "$C" --random --max-states 4096
bad "check: --random and --bitstate" check "$C" --random --bitstate 20
bad "check: --random and --no-por" check "$C" --random --no-por
bad "check: --random and -j" check "$C" --random -j 2
bad "check: --bfs and -j: --bfs runs in one process" check "$C" --bfs -j 2
bad "check: --bfs and --no-por: --bfs uses no sleep sets" check "$C" --bfs --no-por
bad "check: --bfs and --bitstate" check "$C" --bfs --bitstate 20
bad "check: --bitstate and --max-states: two sizes" check "$C" --bitstate 20 --max-states 4096
bad "check: --bitstate and -j" check "$C" --bitstate 20 -j 2
bad "check: --bitstate and --no-por" check "$C" --bitstate 20 --no-por
bad "check: --log: check prints no kernel log" check "$C" --log
bad "check: --duration: the checker has no clock" check "$C" --duration 1s
bad "replay: --seed: replay follows its steps" replay "$C" --steps tick:0 --seed 1
bad "replay: --duration: replay has no clock" replay "$C" --steps tick:0 --duration 1s
bad "run: --truth and no -o" run "$S" --truth t.txt
bad "run: --json and --verbose" run "$S" --json --verbose
bad "run: --json and -v" run "$S" --json -v
bad "run: --json and --log" run "$S" --json --log
bad "run: -o and --svg: the same file" run "$S" -o same --svg same
bad "run: -o and --truth: the same file" run "$S" -o same --truth ./same
bad "run: --svg and --trace-json: the same file" run "$S" --svg t.json --trace-json t.json
bad "run: --seed: given twice ('1', then '2')" run "$S" --seed 1 --seed 2
bad "run: --kernel: given twice" run "$S" --kernel v5.12 --kernel=v6.1
bad "check: -o: given twice" check "$C" -o a.cex -o b.cex
bad "--patch: 'etm-snapshot-rfc' after 'none'" run "$S" --patch none --patch etm-snapshot-rfc
bad "--patch: 'none' with 'etm-snapshot-rfc'" run "$S" --patch etm-snapshot-rfc --patch none
bad "--patch: 'etm-snapshot-rfc' given twice" run "$S" --patch etm-snapshot-rfc --patch etm-snapshot-rfc
bad "only one scenario per run" run "$S" "$S"
bad "only one scenario" check "$C" "$C"
"$AUXSIM" run "$S" --seed 2 --seed 2 --json >/dev/null
ok $? "the same value twice is no contradiction"
"$AUXSIM" check "$C" --random --seed 1 --runs 50 --json >/dev/null
test $? = 1
ok $? "--random with --seed and --runs is fine (a violation: exit 1)"

# --- numbers: decimal digits, in range ---
bad "check: --runs: '10x' is not a number" check "$C" --random --runs 10x
bad "check: --runs: '0' is out of range" check "$C" --random --runs 0
bad "check: --runs: '-5' is not a number" check "$C" --random --runs -5
bad "check: --max-states: '1e6' is not a number" check "$C" --max-states 1e6
bad "check: --max-states: '100' is out of range (1024..4294967296)" check "$C" --max-states 100
bad "check: --max-states: '99999999999999999999999' is out of range" check "$C" --max-states 99999999999999999999999
bad "check: -j: 'abc' is not a number" check "$C" -j abc
bad "check: -j: '2x' is not a number" check "$C" -j2x
bad "check: -j: '65' is out of range (1..64)" check "$C" -j 65
bad "check: --bitstate: ' 20' is not a number" check "$C" --bitstate " 20"
bad "check: --bitstate: '9' is out of range (10..36)" check "$C" --bitstate 9
bad "run: --seed: '0x10' is not a seed" run "$S" --seed 0x10
bad "run: --seed: '18446744073709551616' is out of range" run "$S" --seed 18446744073709551616
"$AUXSIM" check "$C" -j2 --json >/dev/null
test $? = 1
ok $? "-j2 (the value attached) works"

# --- output files: checked before the run ---
mkdir d
bad "run: -o: d: is a directory" run "$S" -o d
bad "run: --svg: d/: is a directory" run "$S" --svg d/
bad "run: --truth: d: is a directory" run "$S" -o x.data --truth d
bad "check: -o: d: is a directory" check "$C" -o d
bad "run: --trace-json: d: is a directory" run "$S" --trace-json d
bad "run: -o: new/: names a directory" run "$S" -o new/
bad "run: -o: nodir/x.data: directory nodir: No such file or directory" run "$S" -o nodir/x.data
bad "check: -o: nodir/x.cex: directory nodir: No such file" check "$C" -o nodir/x.cex
: >file
bad "run: --svg: file/x.svg: Not a directory" run "$S" --svg file/x.svg
# (a FIFO of the test's own, not /dev/null: a writer that renames over
# its target would replace the device)
mkfifo fifo
bad "run: -o: fifo: not a regular file" run "$S" -o fifo
bad "check: -o: fifo: not a regular file" check "$C" -o fifo
test -p fifo
ok $? "the FIFO is still a FIFO"
test ! -e x.data && test ! -e nodir
ok $? "nothing written for a refused run"
if [ "$(id -u)" != 0 ]; then
	mkdir ro && chmod 555 ro
	bad "run: -o: ro/x.data: cannot write in ro: Permission denied" run "$S" -o ro/x.data
	bad "check: -o: ro/x.cex: cannot write in ro" check "$C" -o ro/x.cex
else
	ok 0 "# SKIP an unwritable directory: root writes anywhere"
	ok 0 "# SKIP an unwritable directory: root writes anywhere"
fi
"$AUXSIM" run "$S" -o ok.data --svg ok.svg >/dev/null
test $? = 0 && test -s ok.data && test -s ok.svg
ok $? "-o and --svg in the current directory are fine"

done_testing
