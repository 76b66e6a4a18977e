#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# t0716-widths: what auxsim lists fits 80 columns, in two aligned columns
# (a name, the text beside it from column 27, or under it when the name is
# too long), with nothing said twice: auxsim list, check --list-invariants,
# and the help texts.
. "$(dirname "$0")/lib.sh"

# columns FILE: fails, showing the line, when one is wider than 80 columns
# or its text does not start at column 27 (section headings excepted)
columns() {
	awk 'length > 80 { print "# wide (" length "): " $0; bad = 1 }
		/^  [^ ]/ && !/^  [^ ]+ *$/ && substr($0, 27, 1) == " " { print "# text off the column: " $0; bad = 1 }
		/^  [^ ]/ && !/^  [^ ]+ *$/ && substr($0, 26, 1) != " " { print "# text off the column: " $0; bad = 1 }
		/^   / && !/^                          [^ ]/ { print "# continuation off the column: " $0; bad = 1 }
		END { exit bad }' "$1"
}

"$AUXSIM" list >"$TMP/list"
ok $? "auxsim list"
columns "$TMP/list"
ok $? "auxsim list: 80 columns, names and texts aligned"
test "$(grep -c '^  mutant-' "$TMP/list")" = 20
ok $? "... every mutant named"

"$AUXSIM" check --list-invariants >"$TMP/inv"
ok $? "check --list-invariants"
columns "$TMP/inv"
ok $? "check --list-invariants: 80 columns, ids and texts aligned"
# each WARN's site once: "no WARN at FILE FN: COND", not again in a citation
tr -s ' \n' '  ' <"$TMP/inv" >"$TMP/inv1"
test "$(grep -o 'perf_aux_output_begin: WARN_ON_ONCE(rb->aux_nest)' "$TMP/inv1" | wc -l)" = 1 &&
	test "$(grep -o 'WARN_ON(perf_get_aux(handle) != ctxt->event_data)' "$TMP/inv1" | wc -l)" = 1
ok $? "... each WARN site said once"
grep -q 'throttle-stops-counters a throttled ACTIVE event.s counter does not count (interrupts)\. Source: 9734e25fbf5a' "$TMP/inv1"
ok $? "... and the others with their source"

for c in "" run check replay list; do
	# shellcheck disable=SC2086 # no command: the top-level help
	"$AUXSIM" $c --help >"$TMP/h" 2>&1
	test "$(awk 'length > 80' "$TMP/h" | wc -l)" = 0
	ok $? "auxsim $c --help: 80 columns"
done

# the man page as man shows it in 80 columns (man-db: MANWIDTH=80; groff
# with the line length man-db gives it, 78n, where man is missing)
if command -v man >/dev/null; then
	# (not on a terminal, man-db removes the overstrikes itself)
	MANWIDTH=80 man -l "$TOP/man/auxsim.1" >"$TMP/man" 2>/dev/null
elif command -v groff >/dev/null; then
	groff -man -Tascii -P-cbou -rLL=78n "$TOP/man/auxsim.1" >"$TMP/man" 2>/dev/null
fi
if [ -s "$TMP/man" ]; then
	awk 'length > 80 { print "# wide (" length "): " $0; bad = 1 } END { exit bad }' "$TMP/man"
	ok $? "auxsim(1) at MANWIDTH=80: 80 columns ($(wc -l <"$TMP/man") lines)"
else
	ok 0 "# SKIP neither man nor groff"
fi

done_testing
