#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# t0713-exit-status: the one table of exit statuses (src/cli.h enum
# auxsim_exit), each status produced at least once, and the table as
# auxsim(1) and the README document it.
. "$(dirname "$0")/lib.sh"
S=$TOP/scenarios/s000-p1-p5.scn
C=$TOP/scenarios/c001-throttle-pause.scn
cd "$TMP" || exit 1

# status WANT DESCRIPTION COMMAND...
status() {
	want=$1 desc=$2
	shift 2
	"$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	test $rc = "$want"
	ok $? "exit $want: $desc (got $rc: $(head -1 "$TMP/err"))"
}
status 0 "run" "$AUXSIM" run "$S"
status 0 "check: no violation" "$AUXSIM" check "$C" --patch aux-throttle-fix
status 1 "check: a violation" "$AUXSIM" check "$C"
status 1 "replay: the steps violate an invariant" \
	"$AUXSIM" replay "$C" --steps overflow:1:1,overflow:1:1,tick:1
status 0 "replay: they violate none" "$AUXSIM" replay "$C" --steps tick:1
status 2 "a bad option" "$AUXSIM" run "$S" --frob
status 2 "a bad scenario" "$AUXSIM" run "$TMP/nope.scn"
status 2 "bad steps" "$AUXSIM" replay "$C" --steps tick:9
status 2 "a bad counterexample file" "$AUXSIM" replay "$S"

# 3: out of memory.  A 2^36-bit table under a 1 GiB address space (not
# under ASan, which reserves terabytes of address space up front)
if grep -q __asan_init "$AUXSIM" 2>/dev/null; then
	ok 0 "# SKIP exit 3 (out of memory): ASan needs the address space"
else
	(ulimit -v 1048576 && exec "$AUXSIM" check "$C" --bitstate 36) \
		>"$TMP/out" 2>"$TMP/err"
	rc=$?
	test $rc = 3 && grep -q "cannot allocate" "$TMP/err"
	ok $? "exit 3: out of memory (got $rc: $(head -1 "$TMP/err"))"
fi

# 4: an I/O error: standard output on a full device
if [ -w /dev/full ]; then
	"$AUXSIM" run "$S" >/dev/full 2>"$TMP/err"
	rc=$?
	test $rc = 4 && grep -q "write error on standard output" "$TMP/err"
	ok $? "exit 4: standard output not written (got $rc)"
	"$AUXSIM" check --list-invariants >/dev/full 2>/dev/null
	test $? = 4
	ok $? "exit 4: check --list-invariants to a full device"
	# every help text and the version: what they print is their output
	for c in "--help" "-h" "help" "help run" "help check" "help help" \
		"run --help" "check --help" "replay --help" "list --help" \
		"list" "--version"; do
		# shellcheck disable=SC2086 # $c: the words of a command line
		"$AUXSIM" $c >/dev/full 2>"$TMP/err"
		rc=$?
		test $rc = 4 && grep -q "write error on standard output" "$TMP/err"
		ok $? "exit 4: auxsim $c to a full device (got $rc)"
	done
else
	ok 0 "# SKIP exit 4: no /dev/full"
	ok 0 "# SKIP exit 4: no /dev/full"
fi

# 5: the modelled perf record failed (the v6.1 kernel refuses aux-action
# in perf_event_open()); perf's own message is on stderr
status 5 "perf record failed (kernel 6.1 knows no aux-action)" \
	"$AUXSIM" run "$TOP/scenarios/s001-throttle-pause.scn" --kernel v6.1
grep -q "perf record failed to start" "$TMP/out" &&
	grep -q "sys_perf_event_open() syscall returned with 22" "$TMP/err"
ok $? "... and the report says so, perf's message on stderr"
# 2, not 5: a perf that cannot parse the line (perf 6.1 knows no
# aux-action terms) is bad input, located in the scenario
status 2 "--perf perf-6.1 cannot parse aux-action" \
	"$AUXSIM" run "$TOP/scenarios/s001-throttle-pause.scn" --perf perf-6.1
grep -q "^$TOP/scenarios/s001-throttle-pause.scn:16:26: event syntax error: unknown term 'aux-action' for pmu 'cs_etm'" "$TMP/err"
ok $? "... at FILE:LINE:COL of the term"

# 6: check -j: a worker died
AUXSIM_TEST_ABORT_WORKER=1 timeout 120 "$AUXSIM" check "$C" \
	--patch aux-throttle-fix -j 2 >"$TMP/out" 2>"$TMP/err"
rc=$?
test $rc = 6 && grep -q "worker 1 killed by SIGABRT" "$TMP/out"
ok $? "exit 6: a -j worker died (got $rc)"

# 7: no auxsim-check
AUXSIM_CHECK=$TMP/no-such-checker "$AUXSIM" check "$C" >/dev/null 2>"$TMP/err"
rc=$?
test $rc = 7 && grep -q "cannot run $TMP/no-such-checker" "$TMP/err"
ok $? "exit 7: auxsim-check not found (got $rc)"

# --- the table, documented: every status of enum auxsim_exit ---
sed -n '/^enum auxsim_exit {/,/^};/p' "$TOP/src/cli.h" |
	sed -n 's/.*AUXSIM_EXIT_[A-Z]* = \([0-9]*\),.*/\1/p' >"$TMP/codes"
test "$(wc -l <"$TMP/codes")" -ge 9
ok $? "cli.h has the table ($(tr '\n' ' ' <"$TMP/codes"))"
sed -n '/^\.SH EXIT STATUS/,/^\.SH /p' "$TOP/man/auxsim.1" >"$TMP/man"
while read -r code; do
	if [ "$code" = 128 ]; then pat='^\.BI 128+ n'; else pat="^\.B $code\$"; fi
	grep -q "$pat" "$TMP/man"
	ok $? "auxsim(1) EXIT STATUS documents $code"
	grep -q "^  | $code[ +]" "$TOP/README.md"
	ok $? "the README's table documents $code"
done <"$TMP/codes"

# every exit status in src/ goes through the table
! grep -n 'exit([0-9]\|return [1-9];\|return [1-9] ' "$TOP"/src/main.c \
	"$TOP"/src/cli*.c "$TOP"/src/builtin-*.c >&2
ok $? "the command line returns only enum auxsim_exit names"

done_testing
