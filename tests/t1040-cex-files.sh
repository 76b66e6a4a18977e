#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# t1040-cex-files: a counterexample file replays from any directory (its
# scenario relative to the file, then absolute, then installed by name,
# saying which when not the first); it records the scenario's FNV-1a 64
# hash and the violated invariant, and replay says when the scenario
# changed and whether the saved violation reproduces; every replay ends
# with a verdict line; a check report cites the invariant once.
. "$(dirname "$0")/lib.sh"
SCN=c001-throttle-pause.scn
cd "$TMP" || exit 1
mkdir -p tree/scenarios tree/cex elsewhere
cp "$TOP/scenarios/$SCN" tree/scenarios/

# FNV-1a 64 of a file, as cex.h documents it, computed here on its own
fnv1a64() {
	perl -MMath::BigInt -e 'local $/; open my $f, "<", $ARGV[0] or die;
		my @b = unpack "C*", <$f>;
		my $h = Math::BigInt->from_hex("cbf29ce484222325");
		my $p = Math::BigInt->from_hex("100000001b3");
		my $m = Math::BigInt->new(2)**64;
		for (@b) { $h->bxor($_); $h->bmul($p); $h->bmod($m) }
		my $x = substr($h->as_hex, 2); print "0" x (16 - length $x), $x' "$1"
}

# --- what check -o records ---
(cd tree && "$AUXSIM" check "scenarios/$SCN" -o cex/c.cex >/dev/null)
test $? = 1 && test -s tree/cex/c.cex
ok $? "check -o, run in the tree, writes cex/c.cex"
grep -qx "scenario ../scenarios/$SCN" tree/cex/c.cex
ok $? "scenario: the path relative to the file's own directory"
grep -qx "scenario-abs $(cd tree/scenarios && pwd -P)/$SCN" tree/cex/c.cex
ok $? "scenario-abs: its absolute path"
h=$(fnv1a64 "tree/scenarios/$SCN")
grep -qx "scenario-hash fnv1a64:$h" tree/cex/c.cex
ok $? "scenario-hash: FNV-1a 64 of the scenario's bytes ($h)"
grep -qx "invariant warn-aux-nest" tree/cex/c.cex
ok $? "invariant: the violated invariant's ID"

# replay FILE, in directory $1: output in out, errors in err, status in rc
# (the output's prose is wrapped at 80 columns: "$TMP/out" has it joined
# back, one line a sentence; "$TMP/raw" as printed)
replay() {
	dir=$1
	shift
	(cd "$dir" && "$AUXSIM" replay "$@") >"$TMP/raw" 2>"$TMP/err"
	rc=$?
	unwrap "$TMP/raw" >"$TMP/out"
}
reproduces() {
	test $rc = 1 &&
		grep -qx "verdict: the saved violation of warn-aux-nest reproduces at step 3" "$TMP/out"
}

# --- the scenario found from anywhere ---
replay elsewhere ../tree/cex/c.cex
reproduces && ! grep -q '^note:' "$TMP/out"
ok $? "replay from another directory: reproduces at step 3, no note (got $rc: $(head -1 "$TMP/err"))"
mv tree moved
replay elsewhere "$TMP/moved/cex/c.cex"
reproduces && ! grep -q '^note:' "$TMP/out"
ok $? "the tree moved: the path relative to the file still finds it"
"$AUXSIM" check "moved/scenarios/$SCN" -o moved/cex/m.cex >/dev/null
cp moved/cex/m.cex elsewhere/away.cex
replay elsewhere away.cex
reproduces && grep -q "^note: no scenario at \.\./scenarios/$SCN (relative to away.cex): replaying .*/moved/scenarios/$SCN, the absolute path the file records$" "$TMP/out"
ok $? "the file moved away: its absolute path, and a note that says so"

# installed by name: a relocated copy of auxsim-check (cli.h: the install
# root is where it runs from)
paths=$(dirname "$AUXSIM")/install-paths.h
libexec=$(sed -n 's/^#define AUXSIM_LIBEXECDIR "\(.*\)"$/\1/p' "$paths")
scndir=$(sed -n 's/^#define AUXSIM_SCENARIODIR "\(.*\)"$/\1/p' "$paths")
mkdir -p "root$libexec" "root$scndir"
cp "$(dirname "$AUXSIM")/auxsim-check" "root$libexec/"
cp "$TOP/scenarios/$SCN" "root$scndir/"
mv moved gone
(cd elsewhere && "$TMP/root$libexec/auxsim-check" replay away.cex) >"$TMP/raw" 2>"$TMP/err"
rc=$?
unwrap "$TMP/raw" >"$TMP/out"
reproduces && grep -q "^note: no scenario at .*: replaying $(pwd -P)/root$scndir/$SCN, the installed scenario of that name$" "$TMP/out"
ok $? "neither: the installed scenario of that name, and a note (got $rc: $(head -3 "$TMP/err"))"
{ head -1 elsewhere/away.cex; echo "scenario ${SCN%.scn}"; echo "steps overflow:1:1,overflow:1:1,tick:1"; } >elsewhere/byname.cex
(cd elsewhere && "$TMP/root$libexec/auxsim-check" replay byname.cex) >"$TMP/raw" 2>"$TMP/err"
rc=$?
unwrap "$TMP/raw" >"$TMP/out"
test $rc = 1 && grep -q "^note: .*: replaying $(pwd -P)/root$scndir/$SCN, the installed scenario of that name$" "$TMP/out"
ok $? "an older file naming an installed scenario without .scn: found by name (got $rc: $(head -3 "$TMP/err"))"
# nowhere: the relocated copy, its installed scenario gone (build/auxsim
# itself would find the source tree's scenarios/)
rm "root$scndir/$SCN"
(cd elsewhere && "$TMP/root$libexec/auxsim-check" replay away.cex) >"$TMP/out" 2>"$TMP/err"
rc=$?
test $rc = 2 && test ! -s "$TMP/out" &&
	grep -q "^away.cex:2:10: (the scenario this counterexample names) not found:" "$TMP/err" &&
	grep -q "^  \.\./scenarios/$SCN (relative to away.cex): No such file" "$TMP/err" &&
	grep -q "^  .*/moved/scenarios/$SCN (its absolute path): No such file" "$TMP/err" &&
	grep -q "(installed): No such file" "$TMP/err"
ok $? "nowhere: exit 2, every place tried named"
mv gone tree

# a file from before the new keys: its path as check was given it
head -6 tree/cex/c.cex | sed "s|^scenario .*|scenario scenarios/$SCN|" >elsewhere/old.cex
replay tree ../elsewhere/old.cex
test $rc = 1 && grep -q "^note: .*: replaying scenarios/$SCN, the path as check was given it" "$TMP/out" &&
	test "$(tail -1 "$TMP/out")" = "verdict: the steps violate warn-aux-nest at step 3"
ok $? "an older file (no scenario-abs, hash, invariant) still replays, with a verdict"

# --- the scenario edited since ---
cp tree/scenarios/$SCN orig.scn
sed 's/^max-sample-rate 500$/max-sample-rate 1000/' orig.scn >tree/scenarios/$SCN
! cmp -s orig.scn tree/scenarios/$SCN
ok $? "the scenario edited: max-sample-rate 500 -> 1000"
replay elsewhere ../tree/cex/c.cex
test $rc = 0 &&
	grep -q "^note: .*$SCN changed since the counterexample was written (scenario-hash fnv1a64:$h, now fnv1a64:$(fnv1a64 tree/scenarios/$SCN))$" "$TMP/out" &&
	test "$(tail -1 "$TMP/out")" = "verdict: the saved violation of warn-aux-nest does NOT reproduce (the scenario changed since the counterexample was written)"
ok $? "replay says the scenario changed and the violation does NOT reproduce (exit 0; got $rc)"
{ cat orig.scn; echo '# a comment'; } >tree/scenarios/$SCN
replay elsewhere ../tree/cex/c.cex
test $rc = 1 && grep -q "changed since the counterexample was written" "$TMP/out" &&
	grep -qx "verdict: the saved violation of warn-aux-nest reproduces at step 3 (though the scenario changed since the counterexample was written)" "$TMP/out"
ok $? "changed, yet it reproduces: both said (exit 1)"
sed 's/^steps .*/steps overflow:1:1,overflow:1:1,tick:1,tick:5/' tree/cex/c.cex >tree/cex/five.cex
cp orig.scn tree/scenarios/$SCN
replay elsewhere ../tree/cex/five.cex
test $rc = 2 && grep -q "five.cex:6:.*no cpu5" "$TMP/err" && ! grep -q "changed" "$TMP/err"
ok $? "a step the scenario cannot take: exit 2"
{ cat orig.scn; echo '# a comment'; } >tree/scenarios/$SCN
replay elsewhere ../tree/cex/five.cex
test $rc = 2 && grep -q "five.cex: the scenario changed since the counterexample was written" "$TMP/err"
ok $? "... and the error says when the scenario changed since"
cp orig.scn tree/scenarios/$SCN

# the variants edited, the scenario not
"$AUXSIM" check tree/scenarios/$SCN --patch aux-pause-throttle-v1 -o tree/cex/v1.cex >/dev/null
sed 's/^patch .*/patch none/' tree/cex/v1.cex >tree/cex/v1-none.cex
replay elsewhere ../tree/cex/v1-none.cex
test $rc = 0 && grep -q "^verdict: the saved violation of throttle-stops-aux does NOT reproduce (the scenario is unchanged: " "$TMP/out"
ok $? "the scenario unchanged, the violation gone: the verdict says the scenario is not why"

# --- every replay ends with a verdict ---
replay elsewhere "$TOP/scenarios/$SCN" --steps tick:1
test $rc = 0 && test "$(tail -1 "$TMP/out")" = "verdict: no invariant violated in 1 step"
ok $? "replay --steps, no violation: a verdict line at the end"
replay elsewhere "$TOP/tests/scenarios/check-snapshot.scn" --steps snapshot-read,tick:0
test $rc = 0 && test "$(tail -1 "$TMP/out")" = "verdict: no invariant violated in 2 steps, 1 of them not enabled at their turn (skipped)"
ok $? "... with the steps skipped counted"
replay elsewhere "$TOP/scenarios/$SCN" --steps overflow:1:1,overflow:1:1,tick:1
test $rc = 1 && test "$(tail -3 "$TMP/out")" = "        => violates warn-aux-nest: the kernel WARNed at perf_aux_output_begin
           kernel/events/ring_buffer.c perf_aux_output_begin: WARN_ON_ONCE(rb->aux_nest)
verdict: the steps violate warn-aux-nest at step 3"
ok $? "replay --steps, a violation: the citation once, then the verdict"
replay elsewhere ../tree/cex/c.cex --log
test $rc = 1 && tail -1 "$TMP/out" | grep -q '^verdict: the saved violation of warn-aux-nest reproduces'
ok $? "replay FILE --log: the verdict last too"

# --- the check report cites the invariant once ---
"$AUXSIM" check "$TOP/scenarios/$SCN" >check.txt
test "$(grep -c 'WARN_ON_ONCE(rb->aux_nest)' check.txt)" = 1 &&
	grep -qx '  kernel/events/ring_buffer.c perf_aux_output_begin: WARN_ON_ONCE(rb->aux_nest)' check.txt
ok $? "check: a WARN invariant's citation once (got $(grep -c 'WARN_ON_ONCE(rb->aux_nest)' check.txt))"
"$AUXSIM" check "$TOP/scenarios/$SCN" --patch aux-pause-throttle-v1 >check2.txt
test "$(grep -c '9734e25fbf5a' check2.txt)" = 1
ok $? "check: another invariant's citation once"

# --- user input quoted whole in step errors ---
replay elsewhere "$TOP/scenarios/$SCN" --steps tick:99999999999999999999
test $rc = 2 && grep -q "'tick:99999999999999999999' (column 6): CPU 99999999999999999999 is out of range (0..127)" "$TMP/err"
ok $? "a 20-digit CPU: quoted whole (got: $(cat "$TMP/err"))"

done_testing
