#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# t0750-main-job: `make run` (tools/run-seeds.sh) fits its budget - at most
# 120 lines of at most 80 columns, ending with the summary table - names
# the files that hold the full reports, prints them with --verbose, and
# gives the same bytes every run.  Later machines and seeds must keep it so.
. "$(dirname "$0")/lib.sh"
MAX_LINES=120
MAX_COLS=80

# as `make run` does, from a tree of its own: reports in build/seeds
main_job() {
	(cd "$TMP" && "$TOP/tools/run-seeds.sh" "$@" --reports build/seeds "$AUXSIM")
}

main_job >"$TMP/run1.txt" 2>"$TMP/err.txt"
ok $? "the main job runs"
test ! -s "$TMP/err.txt"
ok $? "and says nothing on stderr"
n=$(wc -l <"$TMP/run1.txt")
test "$n" -le "$MAX_LINES"
ok $? "at most $MAX_LINES lines ($n)"
test "$(awk -v w="$MAX_COLS" 'length > w' "$TMP/run1.txt" | wc -l)" -eq 0
ok $? "no line wider than $MAX_COLS columns"
awk -v w="$MAX_COLS" 'length > w { print "#   " length ": " $0 }' "$TMP/run1.txt" | head -5
! grep -q "$(printf '\t')" "$TMP/run1.txt"
ok $? "no tabs (columns count as printed)"

# the summary table ends the output: one row per observation
sed -n '/^Summary  *figure  *verdict$/,$p' "$TMP/run1.txt" >"$TMP/sum.txt"
test -s "$TMP/sum.txt"
ok $? "a summary table with observation, figure, verdict columns"
# the variants: each group's heading names them, +rfc and +v1 the patches
grep -q '^seed 000 (Juno, v5.12, perf-5.13; +rfc: --patch etm-snapshot-rfc)$' "$TMP/sum.txt" &&
	grep -q '^seed 001 (v7.1, perf-7.1; ' "$TMP/sum.txt" &&
	grep -q "^ with the seed's patch (+v1: --patch aux-pause-throttle-v1)$" "$TMP/sum.txt"
ok $? "the variants of each group of rows in its heading"
test "$(sed -n '$=' "$TMP/sum.txt")" -le 30 && test "$(tail -n 1 "$TMP/run1.txt")" = "$(tail -n 1 "$TMP/sum.txt")"
ok $? "the output ends with it"
for obs in 'size varies with scheduling' 'pinned: one buffer' 'very old (stale) trace' \
	'discontinuous: P3 lost to P5' '+rfc on perf-5.13: consistent' \
	'+rfc on perf-6.1: consistent'; do
	grep -q "^  $obs.* \(reproduced\|not reproduced\|holds.*\|does not hold\)$" "$TMP/sum.txt"
	ok $? "seed 000 row: $obs, with a verdict"
done
sed -n '/^seed 001/,/^ with the seed/p' "$TMP/sum.txt" |
	grep -q '^  WARN in perf_aux_output_begin  .*reproduced$'
ok $? "seed 001 row: the WARN and its splat"
sed -n '/^ with the seed.s patch (+v1/,$p' "$TMP/sum.txt" >"$TMP/v1.txt"
grep -q '^  no WARN  .*confirmed$' "$TMP/v1.txt"
ok $? "seed 001 row: the seed's patch"
for c in a b c d e; do
	v=$(awk -v c="($c)" '$1 == c { v = $2; sub(/-/, " ", v); print v }' \
		"$TMP/build/seeds/001-claims-check.txt")
	grep -q "^  ($c) .* $v$" "$TMP/v1.txt"
	ok $? "claim ($c): a row with the timed run and the checker's verdict ($v)"
done

# the full reports: prose in 80 columns, tables in 100 (the kernel's
# splat as the kernel prints it; tests/lib.sh widths)
widths "$TMP"/build/seeds/*.txt >"$TMP/w.txt"
ok $? "the full reports in build/seeds: 80 columns, tables 100"
head -5 "$TMP/w.txt"
grep -Eq '^perf +patch +seed +snaps ' "$TMP/build/seeds/000-variants.txt" &&
	test "$(grep -c '^perf-[0-9.]* ' "$TMP/build/seeds/000-variants.txt")" = 80
ok $? "000-variants.txt: a table, a row a run (80)"

# every file the screen names exists
grep -o 'build/seeds/[0-9a-z.?-]*\.txt' "$TMP/run1.txt" | sort -u >"$TMP/named.txt"
test "$(wc -l <"$TMP/named.txt")" -ge 8
ok $? "the screen names the reports' files ($(wc -l <"$TMP/named.txt"))"
missing=0
while read -r f; do
	# shellcheck disable=SC2086
	ls "$TMP"/$f >/dev/null 2>&1 || { echo "# missing $f"; missing=1; }
done <"$TMP/named.txt"
test "$missing" = 0
ok $? "each of them exists"
grep -q '^Kernel log:' "$TMP/build/seeds/001-throttle-pause.txt" &&
	grep -q '^Snapshot 9 at ' "$TMP/build/seeds/000-dd-migrate.txt"
ok $? "the files hold the full reports"

# the same bytes every run
main_job >"$TMP/run2.txt" 2>/dev/null
cmp -s "$TMP/run1.txt" "$TMP/run2.txt"
ok $? "deterministic: a second run prints the same bytes"

# --verbose: every full report, then the same screen
main_job --verbose >"$TMP/verbose.txt" 2>/dev/null
ok $? "--verbose runs"
grep -q '^==== build/seeds/001-claim-e.txt ====$' "$TMP/verbose.txt" &&
	grep -q '^PERF_RECORD_AUX: 42 records' "$TMP/verbose.txt"
ok $? "--verbose prints the full reports"
tail -n "$(wc -l <"$TMP/run1.txt")" "$TMP/verbose.txt" | cmp -s - "$TMP/run1.txt"
ok $? "--verbose ends with the same screen"

# make run builds with make -s: no CC/LINK line (V=1 shows the commands)
make -C "$TOP" --no-print-directory -s O="$TMP/o" "$TMP/o/src/lib/suggest.o" >"$TMP/m.txt" 2>&1
test $? = 0 && test ! -s "$TMP/m.txt"
ok $? "make -s compiles without a line"
make -C "$TOP" --no-print-directory O="$TMP/o2" "$TMP/o2/src/lib/suggest.o" >"$TMP/m.txt" 2>&1
grep -q '^  CC      .*suggest.o$' "$TMP/m.txt"
ok $? "make alone prints its CC lines"
grep -q "^	\$(Q)\$(MAKE) --no-print-directory \$(if \$(filter 1,\$(V)),,-s) auxsim$" "$TOP/Makefile"
ok $? "make run builds with -s unless V=1"

"$TOP/tools/run-seeds.sh" --no-such-flag "$AUXSIM" >/dev/null 2>&1
test $? = 2
ok $? "a bad flag: exit 2"

done_testing
