#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# t0714-replay-input: what replay refuses, each with its own message and
# exit 2 (never the usage text alone, never exit 0): bad --steps (the
# flag, the step, its number and column) and bad counterexample files
# (FILE:LINE:COL where a line is at fault); and the round trip check -o,
# then replay FILE, run as the printed command.
. "$(dirname "$0")/lib.sh"
C=$TOP/scenarios/c001-throttle-pause.scn
CC=$TOP/scenarios/c001-claim-c.scn
SN=$TOP/tests/scenarios/check-snapshot.scn
cd "$TMP" || exit 1

bad() {
	msg=$1
	shift
	"$AUXSIM" "$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	test $rc = 2 && grep -qF -- "$msg" "$TMP/err" && test ! -s "$TMP/out" &&
		! grep -q '^usage:' "$TMP/err"
	ok $? "$(echo "$*" | sed "s|$TOP/||g") => exit 2, '$msg' (got $rc: $(head -1 "$TMP/err"))"
}

# --- --steps ---
bad "--steps: needs a value (S), not an empty one" replay "$C" --steps ""
bad "--steps: step 1 (column 1): an empty step (a leading comma)" replay "$C" --steps ,,,
bad "--steps: step 2 (column 8): an empty step (a trailing comma)" replay "$C" --steps tick:0,
bad "--steps: step 2 (column 8): an empty step (two commas in a row)" replay "$C" --steps tick:0,,tick:1
bad "--steps: step 1 'overflow:99:99' (column 1): no cpu99: juno-2cpu has cpu0..cpu1" replay "$C" --steps overflow:99:99
bad "--steps: step 1 'tick:999' (column 6): CPU 999 is out of range (0..127)" replay "$C" --steps tick:999
bad "--steps: step 2 'tick:2' (column 8): no cpu2: juno-2cpu has cpu0..cpu1" replay "$C" --steps tick:0,tick:2
bad "--steps: step 1 'overflow:1:7' (column 1): no event e7: perf record has e0..e2" replay "$C" --steps overflow:1:7
bad "--steps: step 1 'overflow:1:0' (column 1): e0 (cs_etm/aux-action=start-paused/k) is not a counter" replay "$C" --steps overflow:1:0
bad "--steps: step 1 'switch:0:5' (column 1): no task 5" replay "$C" --steps switch:0:5
bad "--steps: step 1 'ioctl-enable:2' (column 1): e2 is not a group leader" replay "$C" --steps ioctl-enable:2
bad "--steps: step 1 'sigusr2' (column 1): perf record has no -S" replay "$C" --steps sigusr2
bad "--steps: step 1 'tick:0+nmi:1:0' (column 1): the PMU interrupts are IRQs here" replay "$C" --steps tick:0+nmi:1:0
bad "--steps: step 1 'switch:0:1+nmi:0:0' (column 1): e0 (cs_etm/aux-action=start-paused/) is not a counter" replay "$CC" --steps switch:0:1+nmi:0:0
bad "--steps: step 1 'tick' (column 5): 'tick' takes 1 number: tick:CPU" replay "$C" --steps tick
bad "--steps: step 1 'bogus:1' (column 1): unknown step 'bogus'" replay "$C" --steps bogus:1
bad "--steps: step 1 'tikc:1' (column 1): unknown step 'tikc'; did you mean 'tick'?" replay "$C" --steps tikc:1
bad "--steps: step 2 ' tick:1' (column 8): a blank" replay "$C" --steps "tick:0, tick:1"
bad "--steps: step 1 'tick:0+nmi:1:9' (column 14): no interrupt point '9'" replay "$C" --steps tick:0+nmi:1:9
bad "--steps: step 65 'tick:0' (column 449): more than 64 steps" replay "$C" \
	--steps "$(printf 'tick:0,%.0s' $(seq 64))tick:0"
"$AUXSIM" replay "$CC" --steps switch:0:1+nmi:2:perf_event_aux_pause >"$TMP/out"
test $? = 1 && unwrap "$TMP/out" | grep -q "an NMI of e2 .* landing in perf_event_aux_pause"
ok $? "an NMI's point by its function's name"
"$AUXSIM" replay "$SN" --steps snapshot-read >"$TMP/out"
test $? = 0 && grep -q 'not enabled here' "$TMP/out"
ok $? "a possible step, not enabled at its turn: skipped, as before"

# --- counterexample files ---
"$AUXSIM" check "$C" -o c.cex >check.txt
test $? = 1 && test -s c.cex
ok $? "check -o writes the counterexample"
head -1 c.cex | grep -q '^# auxsim counterexample: warn-aux-nest: the kernel WARNed at perf_aux_output_begin'
ok $? "... its first line says what happened"
"$AUXSIM" replay c.cex >replay.txt
test $? = 1 && grep -q '=> violates warn-aux-nest' replay.txt
ok $? "replay FILE reads it back: the same violation"
sed -n 's/^   *[0-9][0-9]*  //p' check.txt | head -3 >steps.check
sed -n 's/^   *[0-9][0-9]*  //p' replay.txt | head -3 >steps.replay
test -s steps.check && cmp -s steps.check steps.replay
ok $? "... the same steps as the check's"
"$AUXSIM" replay c.cex --log >/dev/null
test $? = 1
ok $? "replay FILE --log"
mkdir dir
: >empty
head -c 40 c.cex >truncated
printf '\177ELF\002\001\001\000\000\000' >junk
{ head -1 c.cex; printf 'scenario '; head -c 9000 /dev/zero | tr '\0' a; echo; } >long
{ cat c.cex; echo 'frob 1'; } >unknown
sed 's/^patch none/stesp x/' c.cex >typo
grep -v '^scenario' c.cex >noscenario
grep -v '^steps' c.cex >nosteps
{ cat c.cex; echo 'kernel v6.1'; } >twice
sed 's/^steps .*/steps tick:1,,tick:0/' c.cex >emptystep
sed 's/^steps .*/steps overflow:1:1,tick:7/' c.cex >range
sed 's/^scenario .*/scenario no-such.scn/; s/^scenario-abs .*/scenario-abs \/no-such.scn/' c.cex >noscn
bad "no-such.cex: No such file or directory" replay no-such.cex
bad "dir: Is a directory" replay dir
bad "empty: an empty file, not a counterexample" replay empty
bad "truncated:1:41: the file ends inside a line (no newline): truncated?" replay truncated
bad "junk:1:1: not an auxsim counterexample" replay junk
bad "long:2:8193: a line longer than 8192 bytes" replay long
bad "unknown:10:1: unknown key 'frob'" replay unknown
bad "typo:5:1: unknown key 'stesp'; did you mean 'steps'?" replay typo
bad "noscenario: no 'scenario' line" replay noscenario
bad "nosteps: no 'steps' line" replay nosteps
bad "twice:10:1: a second 'kernel' line (the first is line 3)" replay twice
bad "emptystep:6:14: step 2: an empty step (two commas in a row)" replay emptystep
bad "range:6:20: step 2 'tick:7': no cpu7: juno-2cpu has cpu0..cpu1" replay range
bad "noscn:2:10: (the scenario this counterexample names)" replay noscn
bad "--kernel and a counterexample file" replay c.cex --kernel v6.1
bad "--steps and c.cex: that is a counterexample file" replay c.cex --steps tick:0
bad "replay: two.cex: only one file to replay" replay c.cex two.cex
# a scenario alone: it needs --steps (not "not an auxsim counterexample")
bad "$C: a scenario, not a counterexample: replay it with --steps S" replay "$C"
bad "c001-throttle-pause: a scenario, not a counterexample: replay it with --steps S" \
	replay c001-throttle-pause
! grep -q 'not an auxsim counterexample' "$TMP/err"
ok $? "... and it does not say it is not a counterexample"
cp "$TOP/tests/malformed/001-unknown-statement.scn" bad.scn
bad "bad.scn:1:1: not an auxsim counterexample" replay bad.scn

# --- a 'no counterexample' file: its note, from the file, escaped ---
# (a tab, a C1 control that terminals read as CSI, bytes that are not
# UTF-8; the C0 controls but tab are refused by the parser)
"$AUXSIM" check "$TOP/scenarios/c000-snapshot.scn" -o none.cex >/dev/null
{ printf '# auxsim no counterexample: x\ty \302\2331m \377\376 caf\303\251\n'
	tail -n +2 none.cex; } >odd.cex
"$AUXSIM" replay odd.cex >out 2>err
rc=$?
# (printable UTF-8, the é, stays as it is)
printf 'odd.cex: no violation was found; nothing to replay (auxsim check: x\\ty \\xc2\\x9b1m \\xff\\xfe caf\303\251)\n' >want
test $rc = 0 && unwrap out | cmp -s want - && test ! -s err
ok $? "replay: the note's tab, C1 control and non-UTF-8 bytes escaped (got $rc)"

# --- the printed command is the auxsim that ran, and can be pasted ---
cp "$C" ./c001.scn
(cd "$TMP" && "$AUXSIM" check c001.scn) >rel.txt
cmd=$(unwrap rel.txt | sed -n 's/^replay: //p')
case $cmd in "$AUXSIM replay c001.scn --kernel "*) ok 0 "replay: starts with argv[0]" ;;
*) ok 1 "replay: starts with argv[0]: $cmd" ;; esac
(cd "$TMP" && eval "$cmd") >pasted.txt
test $? = 1 && grep -q '=> violates warn-aux-nest' pasted.txt
ok $? "the printed replay command, pasted, reproduces the violation"
mkdir "with space"
cp "$C" "with space/it's.scn"
(cd "$TMP" && "$AUXSIM" check "with space/it's.scn" --json) >q.json
cmd=$(jsonq q.json '$j->{violations}[0]{replay}')
(cd "$TMP" && eval "$cmd") >/dev/null
test $? = 1
ok $? "a path with a blank and a quote is quoted for the shell"

done_testing
