#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# t0716-widths: what auxsim lists fits 80 columns, in two aligned columns
# (a name, the text beside it from column 27, or under it when the name is
# too long), with nothing said twice: auxsim list, check --list-invariants,
# and the help texts; the text reports of run, check and replay keep their
# prose in 80 columns and their tables in 100 (lib/wrap.h; the kernel's
# splat is printed as the kernel prints it); the man page fits MANWIDTH=80.
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

# --- the text reports: prose in 80 columns, tables in 100 (widths) ---
S=$TOP/scenarios
for scn in "$S"/*.scn "$TOP"/tests/scenarios/*.scn; do
	n=$(basename "$scn" .scn)
	"$AUXSIM" run "$scn" --duration 300ms >"$TMP/r-$n.txt" 2>/dev/null
	"$AUXSIM" run "$scn" --duration 100ms --log --verbose >"$TMP/l-$n.txt" 2>/dev/null
done
"$AUXSIM" run "$S/s000-dd-1s.scn" >"$TMP/r-s000-dd-1s-full.txt"
widths "$TMP"/r-*.txt >"$TMP/w" && widths "$TMP"/l-*.txt >>"$TMP/w"
ok $? "auxsim run (and --log --verbose) of every scenario: 80 columns, tables 100"
head -5 "$TMP/w"
"$AUXSIM" run "$S/s000-p1-p5.scn" | head -5 >"$TMP/head"
awk 'length > 80 { exit 1 }' "$TMP/head" &&
	grep -q '^      snapshot size 4096 KiB, ETR buffer 4096 KiB, 0.330000 s$' "$TMP/head"
ok $? "run: the header, wrapped (its third line was 130 columns)"
: >"$TMP/w"
for scn in "$S"/c*.scn "$TOP/tests/scenarios/check-snapshot.scn"; do
	n=$(basename "$scn" .scn)
	"$AUXSIM" check "$scn" -o "$TMP/$n.cex" >"$TMP/c-$n.txt" 2>/dev/null
	"$AUXSIM" check "$scn" --random --runs 20 --seed 1 >"$TMP/cr-$n.txt" 2>/dev/null
	if head -1 "$TMP/$n.cex" | grep -q '^# auxsim counterexample'; then
		"$AUXSIM" replay "$TMP/$n.cex" --log >"$TMP/p-$n.txt" 2>/dev/null
	fi
done
"$AUXSIM" check --claims "$S" >"$TMP/c-claims.txt" 2>/dev/null
test "$(cat "$TMP"/c-*.txt "$TMP"/p-*.txt | grep -c '^replay: \|^  replay: \|^verdict: ')" -ge 10 &&
	widths "$TMP"/c-*.txt "$TMP"/cr-*.txt "$TMP"/p-*.txt >"$TMP/w"
ok $? "auxsim check (exhaustive, --random, --claims) and replay --log: 80 columns, tables 100"
head -5 "$TMP/w"
grep -q '^[0-9]* states, [0-9]* transitions (' "$TMP/c-c001-throttle-pause.txt" &&
	awk '/ states, [0-9]* transitions/ { s = 1 } s && length > 80 { exit 1 }' \
		"$TMP/c-c001-throttle-pause.txt"
ok $? "check: the statistics, wrapped (they were 170 columns)"

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
