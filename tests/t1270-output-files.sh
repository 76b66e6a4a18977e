#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# t1270-output-files: where run's and check's output files go.  The
# pre-run check does what the write will do (a directory such as /proc that
# takes no new file fails before the run, exit 2); an output that is a
# symbolic link is written through to the file it names, in that file's
# directory, the link kept (as cp and the shell's > do), but not a link of
# another user in a sticky world-writable directory.  The traced program's
# ELF that -o FILE writes is FILE.auxsim.elf, beside the file FILE names:
# one for each perf.data, in the pre-run and same-file checks, and the one
# the perf.data's MMAP2 names, so that perf script decodes with it.
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

# --- the traced program's ELF: named after the perf.data ---
is_elf() { od -An -tx1 -N4 "$1" | grep -q '7f 45 4c 46'; }
is_data() { test "$(head -c 8 "$1")" = PERFILE2; }
"$AUXSIM" run "$S" -o dd.auxsim.elf >/dev/null
test $? = 0 && is_data dd.auxsim.elf && is_elf dd.auxsim.elf.auxsim.elf
ok $? "-o dd.auxsim.elf: the perf.data there, its ELF beside it"
"$AUXSIM" run "$S" -o a.data --svg dd.auxsim.elf >/dev/null
test $? = 0 && is_data a.data && is_elf a.data.auxsim.elf &&
	grep -q '<svg' dd.auxsim.elf
ok $? "-o a.data --svg dd.auxsim.elf: the SVG and the ELF are two files"
"$AUXSIM" run "$S" -o b.data --svg b.data.auxsim.elf >out 2>err
test $? = 2 && grep -q -- "--svg and -o: b.data.auxsim.elf is the traced program's ELF that -o writes beside b.data" err &&
	test ! -e b.data && test ! -e b.data.auxsim.elf && test ! -s out
ok $? "--svg naming -o's ELF: refused before the run ($(cat err))"
"$AUXSIM" run "$S" -o b.data --truth b.data.auxsim.elf >out 2>err
test $? = 2 && grep -q -- "--truth and -o: b.data.auxsim.elf is the traced program's ELF" err
ok $? "... --truth too ($(cat err))"
mkdir c.data.auxsim.elf
"$AUXSIM" run "$S" -o c.data >out 2>err
test $? = 2 && grep -q -- "-o (the traced program's ELF): c.data.auxsim.elf: is a directory" err &&
	test ! -e c.data
ok $? "the ELF's name a directory: refused before the run ($(cat err))"
"$AUXSIM" run "$S" -o "$(printf '%0250d' 0)" >out 2>err
test $? = 2 && grep -q -- "-o (the traced program's ELF): 0*\.auxsim\.elf: File name too long" err
ok $? "a perf.data name too long for its ELF's: refused before the run ($(cat err))"
# -o through a link: the ELF beside the file written, named after it
mkdir real
ln -s real/r.data l.data
"$AUXSIM" run "$S" -o l.data >/dev/null
test $? = 0 && test -L l.data && is_data real/r.data &&
	is_elf real/r.data.auxsim.elf && test ! -e l.data.auxsim.elf &&
	grep -q "$(pwd -P)/real/r.data.auxsim.elf" real/r.data
ok $? "-o LINK: the perf.data and ELF beside the file it names, the MMAP2 naming that ELF"
# two runs, different -o, one directory: each perf.data decodes with its
# own ELF (their loops differ: 36 iterations with timestamps, 40 without)
if "$TOP/tools/deps.sh" perf >/dev/null 2>&1; then
	flow() {
		perf script -i "$1" --itrace=b -F cpu,ip,addr,flags 2>/dev/null |
			awk '{ $1 = $1 } 1'
	}
	P=$TOP/scenarios/s000-dd-pinned.scn
	sed 's|^perf record -e cs_etm// -S|perf record --per-thread -e cs_etm// -S|' \
		"$P" >pt.scn
	"$AUXSIM" run "$P" --duration 150ms -o ts.data --truth ts.truth >/dev/null &&
		"$AUXSIM" run pt.scn --duration 150ms -o pt.data --truth pt.truth >/dev/null
	ok $? "two runs in one directory, timestamps and not"
	flow ts.data >ts.perf
	flow pt.data >pt.perf
	grep -q per-thread pt.scn && test -s ts.truth && cmp -s ts.truth ts.perf &&
		test -s pt.truth && cmp -s pt.truth pt.perf
	ok $? "... perf script = the truth for both"
	# the ELF each MMAP2 names holds the loop its trace walked: movz x0,
	# #36 (d2800480) with timestamps, #40 (d2800500) without
	movz() {
		elf=$(perf report -D -i "$1" 2>/dev/null |
			sed -n 's/.*PERF_RECORD_MMAP2 .* \(\/[^ ]*\.auxsim\.elf\)$/\1/p' | head -1)
		od -An -tx1 -j 128 -N 4 "$elf" 2>/dev/null | tr -d ' '
	}
	test "$(movz ts.data)" = 800480d2 && test "$(movz pt.data)" = 000580d2
	ok $? "... each perf.data names an ELF with its own loop ($(movz ts.data), $(movz pt.data))"
else
	ok 0 "# SKIP no perf (tools/deps.sh perf)"
	ok 0 "# SKIP no perf (tools/deps.sh perf)"
	ok 0 "# SKIP no perf (tools/deps.sh perf)"
fi

done_testing
