#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# t1100-svg: `auxsim run --svg`: the timeline picture is well-formed XML,
# holds what the run holds (a bar per slice, a line per snapshot, a marker
# per WARN, the lost slices crossed out), is the same bytes every time, and
# renders in a headless Chromium (installed by tools/deps.sh when missing).
. "$(dirname "$0")/lib.sh"
S=$TOP/scenarios

"$TOP/tools/deps.sh" svg >"$TMP/deps" 2>&1
ok $? "xmllint and chromium are there (tools/deps.sh svg)"

"$AUXSIM" run "$S/s000-dd-migrate.scn" --svg "$TMP/a.svg" --json >"$TMP/a.json"
ok $? "run --svg: exit 0"
xmllint --noout "$TMP/a.svg" 2>"$TMP/e"
ok $? "s000-dd-migrate: well-formed XML"
test "$(grep -c '<rect id="slice' "$TMP/a.svg")" = \
	"$(jsonq "$TMP/a.json" 'scalar @{$j->{slices}}')"
ok $? "a bar for every slice"
test "$(grep -c 'class="snap"><title>snapshot' "$TMP/a.svg")" = \
	"$(jsonq "$TMP/a.json" 'scalar @{$j->{snapshots}}')"
ok $? "a line for every snapshot"
grep -q 'class="label">P1</text>' "$TMP/a.svg"
ok $? "the traced task's slices are labelled P1.."
grep -q 'class="lost"><title>P[0-9]* is in no snapshot' "$TMP/a.svg"
ok $? "slices no snapshot held are crossed out"
grep -q 'class="held"><title>' "$TMP/a.svg" &&
	grep -q 'class="part"><title>' "$TMP/a.svg"
ok $? "slices held whole and in part are outlined"
grep -q '<polyline class="fill"' "$TMP/a.svg"
ok $? "the AUX buffers' fill"
grep -q '<title>CPU [0-9]: tracing, ' "$TMP/a.svg"
ok $? "the tracer's state, with tooltips"

"$AUXSIM" run "$S/s000-dd-migrate.scn" --svg "$TMP/b.svg" >/dev/null
cmp -s "$TMP/a.svg" "$TMP/b.svg"
ok $? "the same run, the same bytes"

"$AUXSIM" run "$S/s001-throttle-pause.scn" --svg "$TMP/w.svg" --json >"$TMP/w.json"
xmllint --noout "$TMP/w.svg" 2>"$TMP/e"
ok $? "s001: well-formed XML"
test "$(grep -c 'class="warn"><title>WARNING at ' "$TMP/w.svg")" = \
	"$(jsonq "$TMP/w.json" 'scalar @{$j->{warnings}}')"
ok $? "s001: a marker for every WARN"
grep -q 'WARNING at perf_aux_output_begin, CPU#0' "$TMP/w.svg"
ok $? "s001: the perf_aux_output_begin WARN on CPU 0"
grep -q 'fill="#d33a3a"><title>CPU 0: throttled, ' "$TMP/w.svg" &&
	grep -q '<title>CPU 0: dead (orphaned AUX handle), ' "$TMP/w.svg"
ok $? "s001: CPU 0 throttled, then its tracer dead"

# no partial file: an unwritable place fails cleanly
"$AUXSIM" run "$S/s000-dd-pinned.scn" --svg "$TMP/nodir/x.svg" >/dev/null 2>"$TMP/e"
test $? = 2 && ! ls "$TMP"/nodir* >/dev/null 2>&1 && grep -q 'x.svg' "$TMP/e"
ok $? "an unwritable --svg: exit 2 (checked before the run), a message, no file"
"$AUXSIM" run "$S/s000-dd-pinned.scn" --svg 2>"$TMP/e"
test $? = 2 && grep -q -- '--svg' "$TMP/e"
ok $? "--svg without a file: exit 2"
ls "$TMP"/*.tmp.* >/dev/null 2>&1
test $? != 0
ok $? "no temporary files left"

# the picture renders: Chromium draws it to a PNG of the SVG's size
if command -v chromium >/dev/null 2>&1; then
	(cd "$TMP" && HOME="$TMP" timeout 120 chromium --headless --no-sandbox \
		--disable-gpu --hide-scrollbars --window-size=1600,760 \
		--screenshot="$TMP/a.png" "file://$TMP/a.svg" >"$TMP/chromium.log" 2>&1)
	test -s "$TMP/a.png"
	ok $? "headless Chromium renders it to PNG"
	perl -e 'open my $f, "<:raw", $ARGV[0] or exit 1; read $f, my $h, 24;
		exit 1 unless substr($h, 0, 8) eq "\x89PNG\r\n\x1a\n";
		my ($w, $h2) = unpack "NN", substr($h, 16, 8);
		exit !($w == 1600 && $h2 == 760)' "$TMP/a.png"
	ok $? "... a 1600x760 PNG"
	# a blank page compresses to a few KiB; the timeline does not
	test "$(wc -c <"$TMP/a.png")" -gt 30000
	ok $? "... with the picture in it, not a blank page"
else
	ok 1 "headless Chromium renders it to PNG (chromium missing)"
fi

done_testing
