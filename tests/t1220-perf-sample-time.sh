#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# t1220-perf-sample-time: the times perf 6.1 gives the branch samples it
# decodes from auxsim's files are those it gives a board's
# (docs/perf-data.md, "Sample times").  Timed decode (per-CPU mmaps and
# -a: ETM_OPT_TS, ETM timestamps in the trace): cs_etm__synth_branch_sample()
# stamps every sample with etm->latest_kernel_timestamp, the time of the
# last PERF_RECORD_AUX perf processed, and perf 6.1 decodes only once every
# record is processed (cs_etm__flush_events()), so every sample has the
# time of the file's last PERF_RECORD_AUX, while the ETM timestamps, which
# order the decode, increase.  Timeless decode (--per-thread): no TIME in
# the synthesized samples at all, nor in the cs_etm evsel, which perf
# record opens without PERF_SAMPLE_TIME there (so perf script names it
# first).
. "$(dirname "$0")/lib.sh"
S=$TOP/scenarios

"$TOP/tools/deps.sh" perf >"$TMP/deps" 2>&1
ok $? "perf and OpenCSD are there (tools/deps.sh perf)"

# the time of the last PERF_RECORD_AUX, as perf script prints times
last_aux() {
	perl -ne 'if (/^-?\d+ (\d+) 0x[0-9a-f]+ \[0x[0-9a-f]+\]: PERF_RECORD_AUX offset/) {
			$m = $1 if $1 > $m }
		END { printf "%d.%06d\n", $m / 1e9, ($m % 1e9) / 1e3 if defined $m }' "$1"
}
# each trace ID's ETM timestamps within each AUXTRACE buffer: strictly
# increasing; prints how many
ts_increase() {
	perl -ne 'if (/PERF_RECORD_AUXTRACE size/) { %l = () }
		if (/ID:([0-9a-f]+);\s+I_TIMESTAMP : Timestamp\.; Updated val = 0x([0-9a-f]+)/) {
			$v = hex($2); $bad++ if exists $l{$1} && $v <= $l{$1};
			$l{$1} = $v; $n++ }
		END { print $bad ? "bad" : $n + 0 }' "$1"
}

for args in "s000-dd-pinned --duration 150ms" \
	"s001-throttle-pause --duration 20ms"; do
	# shellcheck disable=SC2086
	set -- $args
	sc=$1
	shift
	"$AUXSIM" run "$S/$sc.scn" "$@" -o "$TMP/f.data" >/dev/null 2>>"$TMP/warn"
	perf report -D -i "$TMP/f.data" >"$TMP/f.d" 2>/dev/null
	perf script -i "$TMP/f.data" --itrace=b -F time 2>/dev/null |
		sort -u >"$TMP/f.t"
	last=$(last_aux "$TMP/f.d")
	n=$(ts_increase "$TMP/f.d")
	test "$n" != bad && test "$n" -gt 1
	ok $? "$sc $*: timed; the ETM timestamps of each trace ID increase ($n)"
	test -n "$last" && test "$(wc -l <"$TMP/f.t")" = 1 &&
		test "$(tr -d ' :' <"$TMP/f.t")" = "$last"
	ok $? "$sc $*: every branch sample at the last PERF_RECORD_AUX's time ($last), as on a board"
done

# --per-thread: timeless, no TIME in the samples
sed 's|^perf record -e cs_etm// -S|perf record --per-thread -e cs_etm// -S|' \
	"$S/s000-dd-pinned.scn" >"$TMP/pt.scn"
"$AUXSIM" run "$TMP/pt.scn" --duration 150ms -o "$TMP/pt.data" >/dev/null 2>>"$TMP/warn"
perf report -D -i "$TMP/pt.data" >"$TMP/pt.d" 2>/dev/null
grep -q 'TRCCONFIGR[[:space:]]*40$' "$TMP/pt.d" && ! grep -q I_TIMESTAMP "$TMP/pt.d"
ok $? "--per-thread: no ETM_OPT_TS, no timestamp packets"
perf script -i "$TMP/pt.data" --itrace=b -F time >"$TMP/pt.t" 2>&1
grep -q "Samples for 'cs_etm//' event do not have TIME attribute set" "$TMP/pt.t"
ok $? "--per-thread: perf decodes timeless, the samples have no time (nor the cs_etm evsel)"

done_testing
