#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# t0711-cli-help: --help and -h for auxsim and every command (what each
# command and option does, one line an option, exit 0), and "did you
# mean" for a mistyped command, option, variant or invariant.
. "$(dirname "$0")/lib.sh"
S=$TOP/scenarios/s000-p1-p5.scn
C=$TOP/scenarios/c001-throttle-pause.scn
cd "$TMP" || exit 1

"$AUXSIM" --help >"$TMP/top"
ok $? "auxsim --help: exit 0"
for w in "run SCENARIO" "check SCENARIO" "replay CEX-FILE" "list" \
	--kernel --patch --perf -o --svg --bfs --claims "auxsim COMMAND --help" \
	--trace-json "auxsim(1)" "installed scenario"; do
	grep -q -- "$w" "$TMP/top"
	ok $? "auxsim --help names '$w'"
done
! awk 'length > 79' "$TMP/top" | grep -q .
ok $? "auxsim --help fits 79 columns"
"$AUXSIM" -h | cmp -s - "$TMP/top"
ok $? "auxsim -h is --help"
"$AUXSIM" help | cmp -s - "$TMP/top"
ok $? "auxsim help is --help"

# help_ok CMD: its --help and -h, one line an option
help_ok() {
	cmd=$1
	"$AUXSIM" "$cmd" --help >"$TMP/h.$cmd" 2>"$TMP/e"
	test $? = 0 && test ! -s "$TMP/e" &&
		head -1 "$TMP/h.$cmd" | grep -q "^usage: auxsim $cmd"
	ok $? "auxsim $cmd --help: its usage, exit 0"
	"$AUXSIM" "$cmd" -h | cmp -s - "$TMP/h.$cmd"
	ok $? "auxsim $cmd -h is --help"
	"$AUXSIM" help "$cmd" | cmp -s - "$TMP/h.$cmd"
	ok $? "auxsim help $cmd is auxsim $cmd --help"
	"$AUXSIM" --help "$cmd" | cmp -s - "$TMP/h.$cmd"
	ok $? "auxsim --help $cmd is auxsim $cmd --help"
	"$AUXSIM" -h "$cmd" | cmp -s - "$TMP/h.$cmd"
	ok $? "auxsim -h $cmd is auxsim $cmd --help"
	# the Options section: every line an option and what it does
	sed -n '/^Options:/,/^$/p' "$TMP/h.$cmd" | sed '1d;$d' >"$TMP/o.$cmd"
	test -s "$TMP/o.$cmd" &&
		! grep -v '^  -[^ ].*[^ ]   *[A-Za-z0-9(].*' "$TMP/o.$cmd" >&2
	ok $? "auxsim $cmd --help: one line for each option, saying what it does"
	! awk 'length > 79' "$TMP/h.$cmd" | grep -q .
	ok $? "auxsim $cmd --help fits 79 columns"
}
for cmd in run check replay list; do
	help_ok $cmd
done
for o in --seed --kernel --patch --perf --duration --json --verbose --log \
	--output --truth --svg --trace-json; do
	grep -q -- "$o" "$TMP/h.run"
	ok $? "run --help lists $o"
done
for o in --dfs --bfs --random --seed --runs --invariant --max-states \
	--no-por --bitstate "-j N" --json --output --claims --list-invariants; do
	grep -q -- "$o" "$TMP/h.check"
	ok $? "check --help lists $o"
done
for o in --steps --kernel --patch --perf --log "tick:CPU" "+nmi:EVENT:POINT"; do
	grep -q -- "$o" "$TMP/h.replay"
	ok $? "replay --help lists $o"
done
tr '\n' ' ' <"$TMP/h.run" | grep -q "installed scenario.* in /[^ ]*/scenarios"
ok $? "run --help says where installed scenarios are looked up"
# --help wins over everything else on the line, even a bad scenario
"$AUXSIM" run /nonexistent --help >/dev/null
ok $? "run FILE --help: the help, exit 0"

# bad CMD ARGS... -- MESSAGE: exit 2 and MESSAGE on stderr
bad() {
	msg=$1
	shift
	"$AUXSIM" "$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	test $rc = 2 && grep -q -- "$msg" "$TMP/err" && test ! -s "$TMP/out"
	ok $? "$* => exit 2, '$msg' (got $rc: $(head -1 "$TMP/err"))"
}
bad "'rnu' is not a command; did you mean 'run'?" rnu
bad "'chekc' is not a command; did you mean 'check'?" chekc
bad "'frobnicate' is not a command" frobnicate
bad "--hlep: unknown option; did you mean '--help'?" --hlep
bad "run: --jsno: unknown option; did you mean '--json'?" run "$S" --jsno
bad "run: -json: unknown option; did you mean '--json'?" run "$S" -json
bad "run: --verbos: unknown option; did you mean '--verbose'?" run "$S" --verbos
bad "check: --bsf: unknown option; did you mean '--bfs'?" check "$C" --bsf
bad "check: --list-invariant: unknown option; did you mean '--list-invariants'?" check --list-invariant
bad "replay: --step: unknown option; did you mean '--steps'?" replay "$C" --step tick:0
bad "list: --json: unknown option" list --json
bad "--zzzzzz: unknown option (auxsim run --help lists them)" run "$S" --zzzzzz
bad "--kernel: unknown kernel 'v5.21'; did you mean 'v5.12'?" run "$S" --kernel v5.21
bad "--perf: unknown perf 'perf-6.2'; did you mean 'perf-6.1'?" run "$S" --perf perf-6.2
bad "--patch: unknown patch 'etm-snapshot-rcf'; did you mean 'etm-snapshot-rfc'?" run "$S" --patch etm-snapshot-rcf
bad "--invariant: unknown invariant 'warn-aux-nset'; did you mean 'warn-aux-nest'?" check "$C" --invariant warn-aux-nset
bad "--svg: needs a value (FILE.svg)" run "$S" --svg
bad "--svg: needs a value (FILE.svg), not the option --json" run "$S" --svg --json
bad "--steps: needs a value (S), not an empty one" replay "$C" --steps=
bad "--json: takes no value" run "$S" --json=yes
bad "-o: needs a value" check "$C" -o
bad "run: which scenario?" run
bad "check: which scenario?" check
bad "replay: what to replay?" replay
# extra arguments: refused by every command and option alike
bad "list: extra: list takes no arguments" list extra
bad "--version: 'extra': --version takes no arguments" --version extra
bad "help: 'extra': one command at most (auxsim help COMMAND)" help run extra
bad "--help: 'extra': one command at most (auxsim --help COMMAND)" --help run extra
bad "--help: 'rn' is not a command; did you mean 'run'?" --help rn
bad "help: 'frob' is not a command" help frob
"$AUXSIM" --help --help | cmp -s - "$TMP/top"
ok $? "auxsim --help --help is --help (no loop)"

done_testing
