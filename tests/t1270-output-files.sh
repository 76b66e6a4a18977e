#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# t1270-output-files: where run's and check's output files go.  The
# pre-run check does what the write will do (a directory such as /proc that
# takes no new file fails before the run, exit 2); an output that is a
# symbolic link is written through to the file it names, in that file's
# directory, the link kept (as cp and the shell's > do), but not a link of
# another user in a sticky world-writable directory.
. "$(dirname "$0")/lib.sh"
S=$TOP/scenarios/s000-p1-p5.scn
C=$TOP/scenarios/c001-throttle-pause.scn
cd "$TMP" || exit 1

# --- the pre-run check tries the write ---
"$AUXSIM" run "$S" -o /proc/x.data >out 2>err
rc=$?
test $rc = 2 && grep -q "^auxsim run: -o: /proc/x.data: cannot create a file in /proc: " err &&
	test ! -s out
ok $? "-o /proc/x.data: refused before the run, exit 2 (got $rc: $(cat err))"
"$AUXSIM" run "$S" --svg /proc/x.svg >out 2>err
test $? = 2 && grep -q "^auxsim run: --svg: /proc/x.svg: cannot create a file in /proc" err
ok $? "--svg /proc/x.svg: the same ($(cat err))"
"$AUXSIM" check "$C" -o /proc/x.cex >out 2>err
test $? = 2 && grep -q "^auxsim check: -o: /proc/x.cex: cannot create a file in /proc" err
ok $? "check -o /proc/x.cex: the same ($(cat err))"
test -z "$(ls -A)" || test "$(ls -A)" = "err
out"
ok $? "... nothing written ($(ls -A | tr '\n' ' '))"
rm -f out err

# --- symbolic links: written through ---
echo old >tgt.svg
ln -s tgt.svg lnk.svg
"$AUXSIM" run "$S" --svg lnk.svg >/dev/null
test $? = 0 && test -L lnk.svg && test "$(readlink lnk.svg)" = tgt.svg &&
	grep -q '<svg' tgt.svg
ok $? "--svg LINK: the SVG in the file it names, the link kept"
mkdir sub
echo old >sub/real.cex
ln -s sub/real.cex c.cex
"$AUXSIM" check "$C" -o c.cex >/dev/null
test $? = 1 && test -L c.cex && grep -q '^# auxsim counterexample' sub/real.cex &&
	test -z "$(ls -A sub | grep -v '^real\.cex$')"
ok $? "check -o LINK: through it, into the link's target directory, nothing else there"
ln -s new.json dangling.json
"$AUXSIM" run "$S" --trace-json dangling.json >/dev/null
test $? = 0 && test -L dangling.json && test -s new.json
ok $? "a link to nothing yet: the file it names is created"
"$AUXSIM" run "$S" --svg lnk.svg --trace-json tgt.svg >/dev/null 2>err
test $? = 2 && grep -q -- "--svg and --trace-json: the same file" err
ok $? "a link and its target: the same file ($(cat err))"
"$AUXSIM" run "$S" --svg dangling.json --trace-json new.json >/dev/null 2>err
test $? = 2 && grep -q -- "--svg and --trace-json: the same file" err
ok $? "... also when the target is new ($(cat err))"
# (a FIFO of the test's own: a writer that renames over a link's target
# would replace it)
mkfifo fifo
ln -s fifo fifo.svg
"$AUXSIM" run "$S" --svg fifo.svg >out 2>err
test $? = 2 && grep -q -- "--svg: fifo.svg (a link to fifo): not a regular file" err &&
	test -p fifo
ok $? "a link to a FIFO: refused, the FIFO kept ($(cat err))"
ln -s l2 l1
ln -s l1 l2
"$AUXSIM" run "$S" --svg l1 >out 2>err
test $? = 2 && grep -q -- "--svg: l1: Too many levels of symbolic links" err
ok $? "a loop of links: refused ($(cat err))"
# fs.protected_symlinks' rule: another user's link in a sticky
# world-writable directory is not followed
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
	mkdir -m 1777 sticky
	echo precious >victim
	ln -s "$TMP/victim" sticky/p.svg
	chown -h nobody sticky/p.svg
	"$AUXSIM" run "$S" --svg sticky/p.svg >out 2>err
	test $? = 2 && grep -q "a symbolic link of another user in a sticky directory" err &&
		test "$(cat victim)" = precious
	ok $? "another user's link in a sticky directory: refused ($(cat err))"
else
	ok 0 "# SKIP another user's link: needs root and a user nobody"
fi

done_testing
