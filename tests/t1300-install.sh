#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# t1300-install: a clean copy of the tree (the files a clone has), built
# and installed with `make install DESTDIR=$tmp PREFIX=/usr`, then used
# with PATH pointing at $tmp/usr/bin only: scenarios found by name, the
# checker found in libexec, the man page rendered without a warning, and
# every command of its EXAMPLES section (taken from the page itself) run.
. "$(dirname "$0")/lib.sh"

# one build and install is enough: the sanitizer and MODEL_TESTING passes
# test the same sources
case $AUXSIM in
"$TOP/build/auxsim") ;;
*)
	ok 0 "# SKIP the install test runs in the plain build's pass"
	done_testing
	;;
esac

SRC=$TMP/src ROOT=$TMP/root WORK=$TMP/work
mkdir -p "$SRC" "$ROOT" "$WORK"
if git -C "$TOP" rev-parse --git-dir >/dev/null 2>&1; then
	(cd "$TOP" && git ls-files -z --cached --others --exclude-standard |
		xargs -0 sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh |
		tar --null -T - -cf -) | tar -xf - -C "$SRC"
else
	(cd "$TOP" && tar --exclude='./build*' --exclude=./auxsim \
		--exclude=./auxsim-check -cf - .) | tar -xf - -C "$SRC"
fi
test -f "$SRC/Makefile" && test ! -e "$SRC/build" && test ! -e "$SRC/auxsim"
ok $? "a clean copy of the tree (no build products)"

# a make of its own: not the flags of the make running this test
env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -C "$SRC" -j2 install \
	DESTDIR="$ROOT" PREFIX=/usr >"$TMP/install.log" 2>&1
rc=$?
ok $rc "make install DESTDIR=\$tmp PREFIX=/usr"
[ $rc = 0 ] || { tail -20 "$TMP/install.log" | sed 's/^/#   /'; done_testing; }

for f in usr/bin/auxsim usr/libexec/auxsim/auxsim-check \
	usr/share/man/man1/auxsim.1 usr/share/auxsim/scenarios/s000-dd-1s.scn \
	usr/share/auxsim/scenarios/c001-throttle-pause.scn; do
	test -f "$ROOT/$f"
	ok $? "installed: /$f"
done
test ! -e "$ROOT/usr/bin/auxsim-check"
ok $? "auxsim-check is not a command of its own (libexec, not bin)"

# --- the man page, as installed ---
MAN=$ROOT/usr/share/man/man1/auxsim.1
! grep -n '\$(' "$MAN" >&2
ok $? "the man page has no make variable left in it"
grep -q '^\.I /usr/share/auxsim/scenarios$' "$MAN" &&
	grep -q '^\.I /usr/libexec/auxsim/auxsim\\-check$' "$MAN"
ok $? "the man page names this install's directories"
if command -v groff >/dev/null; then
	groff -man -Tutf8 -ww -z "$MAN" >"$TMP/groff.err" 2>&1 &&
		! test -s "$TMP/groff.err"
	ok $? "groff renders it without a warning"
	groff -man -Tascii -P-cbou "$MAN" 2>/dev/null >"$TMP/page.txt"
	grep -q 'file:line:column: message' "$TMP/page.txt" &&
		! grep -q ';"' "$TMP/page.txt" &&
		grep -q '/usr/share/auxsim/scenarios' "$TMP/page.txt"
	ok $? "the rendered page: no stray quote, the scenario directory"
else
	ok 0 "# SKIP groff is not installed"
	ok 0 "# SKIP groff is not installed"
fi

# --- PATH at the installed bin, from an empty directory ---
PATH=$ROOT/usr/bin:$PATH
export PATH
unset AUXSIM_CHECK
cd "$WORK" || exit 1
test "$(command -v auxsim)" = "$ROOT/usr/bin/auxsim"
ok $? "auxsim on PATH is the installed one"
auxsim --help | tr '\n' ' ' | grep -q "in $ROOT/usr/share/auxsim/scenarios"
ok $? "--help says where installed scenarios are looked up"
auxsim run s000-dd-1s --json >o.json
test $? = 0 && test "$(jsonq o.json '$j->{scenario}')" = s000-dd-1s
ok $? "auxsim run NAME: an installed scenario, by name"
auxsim run s000-dd-1s.scn >/dev/null
ok $? "auxsim run NAME.scn"
printf 'machine juno\nbogus\n' >s000-dd-1s.scn
auxsim run s000-dd-1s.scn 2>err >/dev/null
test $? = 2 && grep -q '^s000-dd-1s.scn:2:1:' err
ok $? "a file of that name in the current directory comes first"
rm s000-dd-1s.scn
auxsim run no-such-scenario 2>err >/dev/null
test $? = 2 && grep -q "nor an installed scenario (in $ROOT/usr/share/auxsim/scenarios)" err
ok $? "an unknown name: where it was looked for"
auxsim check c001-throttle-pause >check.txt
test $? = 1 && grep -q '^VIOLATION of warn-aux-nest' check.txt
ok $? "auxsim check runs the installed auxsim-check"
cmd=$(unwrap check.txt | sed -n 's/^replay: //p')
case $cmd in "auxsim replay c001-throttle-pause --kernel "*) ok 0 "the replay command starts with 'auxsim', as run" ;;
*) ok 1 "the replay command starts with 'auxsim', as run: $cmd" ;; esac
eval "$cmd" >replay.txt
test $? = 1 && grep -q '=> violates warn-aux-nest' replay.txt
ok $? "... and, pasted, it works"

# --- every example of the man page ---
sed -n '/^\.SH EXAMPLES/,/^\.SH /p' "$MAN" |
	awk '/^\.nf/ { on = 1; next } /^\.fi/ { on = 0; next }
	     on && !/^\./' | sed 's/\\-/-/g' >examples
test "$(grep -c '^auxsim ' examples)" -ge 5 &&
	test "$(grep -vc '^auxsim ' examples)" = 0
ok $? "the man page's EXAMPLES: $(wc -l <examples) commands"
while read -r ex; do
	sh -c "$ex" >ex.out 2>ex.err
	rc=$?
	# check and replay exit 1 for the violation they are there to show
	case $rc:$ex in
	0:*) ok 0 "example: $ex" ;;
	1:"auxsim check "* | 1:"auxsim replay "*)
		grep -q '^VIOLATION of \|=> violates ' ex.out
		ok $? "example: $ex (exit 1: a violation)" ;;
	*)
		ok 1 "example: $ex (exit $rc)"
		sed 's/^/#   /' ex.err | head -5 ;;
	esac
done <examples

done_testing
