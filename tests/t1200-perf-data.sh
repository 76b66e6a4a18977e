#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# t1200-perf-data: `auxsim run -o FILE`: a perf.data the stock perf (with
# OpenCSD) reads: the header and attr, cs_etm's AUXTRACE_INFO (header
# version 1, an ETMv4 block per CPU), the PERF_RECORD_AUX records the model
# emitted, and an AUXTRACE record per AUX read whose bytes decode as ETMv4
# packets.  tools/deps.sh perf installs linux-perf and libopencsd1 when
# missing.
. "$(dirname "$0")/lib.sh"
S=$TOP/scenarios

"$TOP/tools/deps.sh" perf >"$TMP/deps" 2>&1
ok $? "perf and OpenCSD are there (tools/deps.sh perf)"

"$AUXSIM" run "$S/s000-dd-migrate.scn" --duration 200ms -o "$TMP/m.data" \
	--json >"$TMP/m.json"
ok $? "run -o: exit 0"
ls "$TMP"/*.tmp.* >/dev/null 2>&1
test $? != 0
ok $? "no temporary file left"
# (to the same path: the MMAP2 names the ELF beside it, FILE.auxsim.elf)
cp "$TMP/m.data" "$TMP/m.first"
"$AUXSIM" run "$S/s000-dd-migrate.scn" --duration 200ms -o "$TMP/m.data" >/dev/null
cmp -s "$TMP/m.first" "$TMP/m.data"
ok $? "the same run, the same bytes"

# perf record's "Captured and wrote": the header and the data section
# (record__finish_output() takes the size before the features)
"$AUXSIM" run "$S/s000-dd-migrate.scn" --duration 200ms -o "$TMP/m3.data" |
	sed -n 's/^\[ perf record: Captured and wrote \([0-9.]*\) MB .*m3.data \]$/\1/p' >"$TMP/cap"
perf report --header-only -i "$TMP/m3.data" 2>/dev/null |
	awk '/# data offset/ { o = $NF } /# data size/ { s = $NF }
		END { printf "%.3f\n", (o + s) / 1048576 }' >"$TMP/hdr"
test -s "$TMP/cap" && test "$(cat "$TMP/cap")" = "$(cat "$TMP/hdr")"
ok $? "Captured and wrote $(cat "$TMP/cap") MB: the file's header and data section"

perf report -D -i "$TMP/m.data" >"$TMP/d.txt" 2>"$TMP/d.err"
ok $? "perf report -D reads it"
! grep -q "Couldn't find ETM evsel\|failed to process\|Invalid argument" \
	"$TMP/d.txt" "$TMP/d.err"
ok $? "no 'Couldn't find ETM evsel', no record perf failed to process"
# cs_etm's PMU type: 10 on the Juno, after kprobe, uprobe and the two
# armv8 PMUs (perf/pmu.c)
grep -q 'PERF_RECORD_AUXTRACE_INFO type: 3' "$TMP/d.txt" &&
	grep -q 'Header version[[:space:]]*1$' "$TMP/d.txt" &&
	grep -q 'PMU type/num cpus[[:space:]]*a00000006$' "$TMP/d.txt"
ok $? "cs_etm's AUXTRACE_INFO: header version 1, PMU type 10, six CPUs"
test "$(grep -c 'Magic number[[:space:]]*4040404040404040' "$TMP/d.txt")" = 6
ok $? "an ETMv4 metadata block per CPU"
test "$(grep -c 'PERF_RECORD_AUX offset' "$TMP/d.txt")" = \
	"$(jsonq "$TMP/m.json" 'scalar @{$j->{aux_records}}')"
ok $? "every PERF_RECORD_AUX the model emitted"
nbuf=$(grep -c 'PERF_RECORD_AUXTRACE size' "$TMP/d.txt")
test "$nbuf" -gt 0 &&
	test "$nbuf" = "$(jsonq "$TMP/m.json" 'my $n = 0; $n += scalar @{$_->{buffers}} for @{$j->{snapshots}}; $n')"
ok $? "an AUXTRACE record per snapshot buffer ($nbuf)"
perl -ne '$b++ if /PERF_RECORD_AUXTRACE size: (\S+)/ && hex($1) > 0;
	$d++ if /CoreSight ETMV4I Trace data/; END { exit !($d >= $b) }' "$TMP/d.txt"
ok $? "every AUXTRACE buffer is handed to the ETMv4 decoder"
total=$(perl -ne '$t += hex($1) if /PERF_RECORD_AUXTRACE size: (\S+)/; END { print $t + 0 }' "$TMP/d.txt")
test "$total" -ge "$(jsonq "$TMP/m.json" 'my $t = 0; $t += $_->{total_bytes} for @{$j->{snapshots}}; $t')"
ok $? "the AUXTRACE payloads carry the snapshots' bytes"
for p in I_ASYNC I_TRACE_INFO I_TIMESTAMP I_TRACE_ON I_ADDR_CTXT_L_64IS0 I_ATOM_F1; do
	grep -q "$p" "$TMP/d.txt"
	ok $? "decoded ETMv4 packets: $p"
done
grep -q 'Addr=0x00000000004[0-9a-f]*0; Ctxt: AArch64,EL0, NS; CID=0x000007d1;' "$TMP/d.txt"
ok $? "the address and context: a slice's copy of the program, AArch64 EL0, dd's PID"
! grep -q 'I_BAD\|I_RESERVED\|INCOMPLETE' "$TMP/d.txt"
ok $? "no bad, reserved or incomplete packets"
# perf's cs_etm_recording_options() with per-CPU mmaps: ETM_OPT_CTXTID
# (bit 14) and ETM_OPT_TS (bit 28), TRCCONFIGR CID | TS; the dummy:u
# tracking evsel with context_switch, and its PERF_RECORD_SWITCH records
perf evlist -v -i "$TMP/m.data" >"$TMP/mev" 2>&1
grep -q '^cs_etm//: .*config: 0x10004000,' "$TMP/mev"
ok $? "the cs_etm attr has ETM_OPT_CTXTID and ETM_OPT_TS (config 0x10004000)"
test "$(grep -c 'TRCCONFIGR[[:space:]]*840$' "$TMP/d.txt")" = 6
ok $? "TRCCONFIGR in every ETMv4 block: CID and TS (0x840)"
perl -ne 'if (/I_TIMESTAMP : Timestamp.; Updated val = 0x([0-9a-f]+)/) { $all++;
		$n++ if hex($1) >= 1000000000 && hex($1) <= 1200000000 }
	END { exit !($n > 0 && $n == $all) }' "$TMP/d.txt"
ok $? "timestamp packets carry the model's virtual time (ns since boot, 1 s + the 200 ms run)"
grep -q '^dummy:u: .*context_switch: 1' "$TMP/mev" &&
	grep -q 'PERF_RECORD_SWITCH OUT preempt' "$TMP/d.txt" &&
	grep -q 'PERF_RECORD_SWITCH IN' "$TMP/d.txt"
ok $? "dummy:u with context_switch; PERF_RECORD_SWITCH where dd was switched"

"$AUXSIM" run "$S/s001-throttle-pause.scn" --duration 20ms -o "$TMP/t.data" >/dev/null
perf report -D -i "$TMP/t.data" >"$TMP/t.txt" 2>&1
ok $? "s001 (-a): perf report -D reads it"
grep -q 'tid: -1  cpu: 5' "$TMP/t.txt"
ok $? "s001: system-wide AUXTRACE buffers are per CPU, tid -1"
"$AUXSIM" run "$S/s001-throttle-pause.scn" --duration 20ms --json >"$TMP/t.json"
test "$(grep -c 'PERF_RECORD_THROTTLE' "$TMP/t.txt")" = \
	"$(jsonq "$TMP/t.json" '$j->{stats}{throttle_records}')" &&
	test "$(grep -c 'PERF_RECORD_UNTHROTTLE' "$TMP/t.txt")" = \
		"$(jsonq "$TMP/t.json" '$j->{stats}{unthrottle_records}')"
ok $? "s001: every THROTTLE and UNTHROTTLE the model emitted"
perf evlist -i "$TMP/t.data" >"$TMP/ev" 2>&1
grep -qx 'cs_etm/aux-action=start-paused/k' "$TMP/ev" &&
	grep -qx 'cycles/aux-action=pause,period=3000/' "$TMP/ev" &&
	grep -qx 'cycles/aux-action=resume,period=1500/' "$TMP/ev"
ok $? "s001: perf evlist shows the three events"

# --- the decoded flow against auxsim's ground truth (perf/truth.c) ---
# perf script's branch list, blanks squeezed, equals line for line what
# auxsim says each captured window holds
flow() {
	perf script -i "$1" --itrace=b -F cpu,ip,addr,flags 2>/dev/null |
		awk '{ $1 = $1 } 1'
}
# (s001-throttle-pause: zeroes before an A-Sync; c001-claim-c: two CPUs'
# frames cut inside a period's header; c001-throttle-pause: the run's
# first timestamp; pinned with v6.1/perf 6.1: OVERWRITE records longer
# than perf's reads)
for args in "s000-dd-pinned --duration 150ms" "c000-full-trace" \
	"s000-dd-1s --patch etm-snapshot-rfc --perf perf-6.1" \
	"s000-dd-1s --kernel v6.1 --perf perf-6.1" \
	"s000-dd-pinned --kernel v6.1 --perf perf-6.1 --duration 150ms" \
	"s000-dd-migrate --duration 120ms" "s001-claim-a" \
	"s001-throttle-pause" "c001-claim-c" "c001-throttle-pause"; do
	# shellcheck disable=SC2086
	set -- $args
	sc=$1
	shift
	"$AUXSIM" run "$S/$sc.scn" "$@" -o "$TMP/f.data" --truth "$TMP/f.truth" >/dev/null
	flow "$TMP/f.data" >"$TMP/f.perf"
	test -s "$TMP/f.truth" && cmp -s "$TMP/f.truth" "$TMP/f.perf"
	ok $? "perf script = auxsim's truth: $sc $* ($(wc -l <"$TMP/f.perf") branches)"
done

# --per-thread: no ETM_OPT_TS, so perf decodes timeless, queue by queue
sed 's|^perf record -e cs_etm// -S|perf record --per-thread -e cs_etm// -S|' \
	"$S/s000-dd-pinned.scn" >"$TMP/pt.scn"
"$AUXSIM" run "$TMP/pt.scn" --duration 150ms -o "$TMP/pt.data" \
	--truth "$TMP/pt.truth" >/dev/null
flow "$TMP/pt.data" >"$TMP/pt.perf"
grep -q 'per-thread' "$TMP/pt.scn" && test -s "$TMP/pt.truth" &&
	cmp -s "$TMP/pt.truth" "$TMP/pt.perf"
ok $? "perf script = auxsim's truth: s000-dd-pinned --per-thread, timeless ($(wc -l <"$TMP/pt.perf") branches)"

# --- a tracepoint evsel: HEADER_TRACING_DATA (perf/trace-event-info.c) ---
# s001-claim-c has -e sched:sched_switch/aux-action=resume/: perf record
# writes the tracing data (the event formats) that perf needs to read it
"$AUXSIM" run "$S/s001-claim-c.scn" -o "$TMP/c.data" --truth "$TMP/c.truth" >/dev/null
perf evlist -i "$TMP/c.data" >"$TMP/cev" 2>&1
ok $? "s001-claim-c (a tracepoint evsel): perf evlist reads it"
grep -qx 'cs_etm/aux-action=start-paused/' "$TMP/cev" &&
	grep -qx 'sched:sched_switch/aux-action=resume/' "$TMP/cev" &&
	grep -qx 'cycles/aux-action=pause,period=3000/' "$TMP/cev"
ok $? "s001-claim-c: perf evlist shows the three events, the tracepoint by name"
tp='sched:sched_switch/aux-action=resume/'
perf evlist -v -i "$TMP/c.data" >"$TMP/cevv" 2>&1
perf evlist --trace-fields -i "$TMP/c.data" >"$TMP/cevf" 2>&1
grep -q "^$tp: type: 2, size: 128, config: 0x13c, { sample_period, sample_freq }: 1," \
	"$TMP/cevv" &&
	grep -qx "$tp: trace_fields: prev_comm,prev_pid,prev_prio,prev_state,next_comm,next_pid,next_prio" \
		"$TMP/cevf"
ok $? "s001-claim-c: perf finds sched_switch's format by the evsel's config (ID 316)"
missing() { perf report --header-only -i "$1" 2>&1 | grep '^# missing features: '; }
missing "$TMP/c.data" >"$TMP/cmiss" && ! grep -q 'TRACING_DATA' "$TMP/cmiss" &&
	missing "$TMP/t.data" | grep -q ' TRACING_DATA '
ok $? "HEADER_TRACING_DATA with a tracepoint evsel, not without one"
perf report -D -i "$TMP/c.data" >"$TMP/c.txt" 2>&1 &&
	! grep -q "failed to process\|broken or missing trace data\|incompatible file" \
		"$TMP/c.txt"
ok $? "s001-claim-c: perf report -D processes every record"
flow "$TMP/c.data" >"$TMP/c.perf"
test -s "$TMP/c.truth" && cmp -s "$TMP/c.truth" "$TMP/c.perf"
ok $? "perf script = auxsim's truth: s001-claim-c ($(wc -l <"$TMP/c.perf") branches)"

"$AUXSIM" run "$S/s000-dd-pinned.scn" --duration 150ms -o "$TMP/f.data" >/dev/null
flow "$TMP/f.data" | sort | uniq -c | awk '{ print $2, $3, $4, $5, $6, $7, $8 }' >"$TMP/kinds"
grep -q '^\[001\] jcc 4000[0-9a-f]8 => 4000[0-9a-f]4' "$TMP/kinds" &&
	grep -q '^\[001\] jmp 4000[0-9a-f]c => 4000[0-9a-f]0' "$TMP/kinds" &&
	grep -q '^\[001\] tr strt 0 => 4000[0-9a-f]0' "$TMP/kinds"
ok $? "the flow is the traced program's: b.ne loop taken, b _start, trace starts"
test -s "$TMP/f.data.auxsim.elf" && od -An -tx1 -N4 "$TMP/f.data.auxsim.elf" | grep -q '7f 45 4c 46'
ok $? "the traced program's ELF is written next to the perf.data, named after it"

# --- seed 000 in perf's own output: the slices a snapshot decodes to ---
# each slice runs its own copy of the loop, symbol Pn: perf names them
slices() {
	perf script -i "$1" --itrace=b -F cpu,ip,sym 2>/dev/null |
		awk '$3 ~ /^P[0-9]+$/ { print substr($3, 2) }' | sort -n | uniq
}
gaps() { # the jumps between slices that were not adjacent in time
	awk 'NR > 1 && $1 != p + 1 { n++ } { p = $1 } END { print n + 0 }'
}
"$AUXSIM" run "$S/s000-dd-1s.scn" -o "$TMP/s.data" >"$TMP/s.txt"
slices "$TMP/s.data" >"$TMP/s.sl"
test "$(gaps <"$TMP/s.sl")" -gt 0
ok $? "v5.12/perf-5.13: the snapshot decodes to slices not adjacent in time ($(tr '\n' ' ' <"$TMP/s.sl"))"
grep -q 'DISCONTINUOUS' "$TMP/s.txt"
ok $? "... where auxsim's report says DISCONTINUOUS"
"$AUXSIM" run "$S/s000-dd-1s.scn" --patch etm-snapshot-rfc --perf perf-6.1 \
	-o "$TMP/r.data" >/dev/null
slices "$TMP/r.data" >"$TMP/r.sl"
test -s "$TMP/r.sl" && test "$(gaps <"$TMP/r.sl")" = 0
ok $? "with the RFC: no jump ($(tr '\n' ' ' <"$TMP/r.sl"))"

"$AUXSIM" run "$S/s000-dd-pinned.scn" -o "$TMP/nodir/x.data" >/dev/null 2>"$TMP/e"
test $? = 2 && grep -q 'x.data' "$TMP/e"
ok $? "an unwritable -o: exit 2 (checked before the run) and a message"

done_testing
