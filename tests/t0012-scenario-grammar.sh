#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# t0012-scenario-grammar: the grammar of docs/scenario-format.md names
# every statement the parser takes, every bound of `check`, and every
# machine preset.
. "$(dirname "$0")/lib.sh"
DOC=$TOP/docs/scenario-format.md
sed -n '/^## Grammar/,$p' "$DOC" >"$TMP/grammar"
test -s "$TMP/grammar"
ok $? "docs/scenario-format.md has a Grammar section"

# the parser's own lists: its statement table (an unknown statement gets
# "did you mean", not the list), and the bounds from its message
grep -o '{ "[a-z-]*", *st_[a-z_]* }' "$TOP/src/scenario/scenario.c" |
	sed 's/{ "\([a-z-]*\)".*/\1/' >"$TMP/statements"
test "$(wc -l <"$TMP/statements")" -ge 20
ok $? "the parser lists its statements ($(wc -l <"$TMP/statements"))"
while read -r kw; do
	grep -q "'$kw'" "$TMP/grammar"
	ok $? "grammar has the statement '$kw'"
done <"$TMP/statements"

printf 'machine juno\nperf record -e cs_etm// -- dd\nduration 1s\ncheck bogus 1\n' >"$TMP/c.scn"
"$AUXSIM" run "$TMP/c.scn" 2>&1 | sed -n "s/.*unknown bound 'bogus' (\(.*\))$/\1/p" |
	tr -d ',' | tr ' ' '\n' >"$TMP/bounds"
test "$(wc -l <"$TMP/bounds")" -ge 9
ok $? "the parser lists the bounds of check ($(wc -l <"$TMP/bounds"))"
while read -r kw; do
	grep -q "'$kw'" "$TMP/grammar"
	ok $? "grammar has the check bound '$kw'"
done <"$TMP/bounds"

"$AUXSIM" list | sed -n '/^Machines:/,/^[^ ]/s/^  \([^ ][^ ]*\).*/\1/p' >"$TMP/machines"
test "$(wc -l <"$TMP/machines")" -ge 4
ok $? "auxsim list names the machines ($(wc -l <"$TMP/machines"))"
while read -r mc; do
	grep "^MACHINE" "$TMP/grammar" | grep -q "'$mc'"
	ok $? "grammar's MACHINE has '$mc'"
	grep '^| `machine NAME`' "$DOC" | grep -q "\`$mc\`"
	ok $? "the statements table names the machine $mc"
done <"$TMP/machines"

done_testing
