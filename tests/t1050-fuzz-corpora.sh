#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# t1050-fuzz-corpora: each fuzz target (fuzz/fuzz-*.c), built without
# libFuzzer beside $AUXSIM (fuzz/standalone.c; make tests), given every
# input of its committed corpus fuzz/corpus/TARGET/ once: the seeds and
# the regress-* inputs of fixed findings must keep every invariant the
# target asserts (docs/fuzzing.md).  A target's invariant that refuses a
# valid input (a "no counterexample" file of check -o has no steps) fails
# here, not only in make fuzz.
. "$(dirname "$0")/lib.sh"
bin=$(dirname "$AUXSIM")/fuzz-once
cd "$TMP" || exit 1

for t in fuzz-scenario fuzz-sim fuzz-replay; do
	if [ ! -x "$bin/$t" ]; then
		ok 1 "$t: $bin/$t not built (make tests)"
		continue
	fi
	n=$(find "$TOP/fuzz/corpus/$t" -type f | wc -l)
	AUXSIM_FUZZ_VERBOSE=1 "$bin/$t" "$TOP/fuzz/corpus/$t" >out 2>err
	rc=$?
	test $rc = 0 && test "$(cat out)" = "$n inputs"
	ok $? "$t: its corpus of $n inputs keeps the target's invariants"
	[ $rc = 0 ] || tail -3 err | sed 's/^/#   /'
done

# the seed of that finding: check -o's file when no violation is found
f=$TOP/fuzz/corpus/fuzz-replay/regress-none-file
head -1 "$f" | grep -q '^# auxsim no counterexample: ' && ! grep -q '^steps' "$f"
ok $? "fuzz-replay has a 'no counterexample' seed (no steps line)"

# ... and a fresh one, as this tree's check -o writes it, replayed
"$AUXSIM" check "$TOP/scenarios/c000-snapshot.scn" -o none.cex >/dev/null &&
	head -1 none.cex | grep -q '^# auxsim no counterexample: ' &&
	"$bin/fuzz-replay" none.cex >out 2>err
ok $? "fuzz-replay takes the 'no counterexample' file check -o writes now"
[ -s err ] && sed 's/^/#   /' err

done_testing
