#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# t1230-perf-spe: an ARM SPE session's perf.data (`auxsim run -o` with
# arm_spe_0 on the n1sdp) reads in perf 6.1 as a board's does
# (docs/perf-data.md, "ARM SPE"): PERF_RECORD_TIME_CONV and an
# AUXTRACE_INFO of type PERF_AUXTRACE_ARM_SPE naming arm_spe_0's PMU type,
# the evsel of that type, AUX bytes that are SPE records (one every 64
# bytes: no bad packet), and perf script's samples: one "instructions"
# sample a record with --itrace=i1i, in time order, in the traced loop's
# b.ne; one "branch-miss" in 40 by default.  Skipped without perf.
. "$(dirname "$0")/lib.sh"

if ! "$TOP/tools/deps.sh" perf >"$TMP/deps" 2>&1 || ! command -v perf >/dev/null; then
	echo "1..0 # SKIP perf 6.1 is not installed (tools/deps.sh perf)"
	exit 0
fi
cd "$TMP" || exit 1

# the stderr lines perf 6.1 prints for a board's SPE file too
# (docs/perf-data.md, "What perf 6.1 still prints")
allowed() {
	! grep -v -e '^unwind: target platform=arm64 is not supported$' \
		-e '^No kallsyms or vmlinux with build-id [0-9a-f]* was found$' \
		-e '^Only instruction-based sampling period is currently supported by Arm SPE\.$' \
		-e '^Arm SPE CONTEXT packets not found in the traces\.$' \
		-e '^Matching of TIDs to SPE events could be inaccurate\.$' \
		-e '^Warning:$' "$1"
}

cat >pin.scn <<'SCN'
machine n1sdp
perf record -e arm_spe_0// -- dd
duration 20ms
task dd cpu-bound
pin dd 1
SCN
# (25 ms: within the MODEL_TESTING build's small extent maps, so that
# every byte is attributed and each record decodes whole)
cat >all.scn <<'SCN'
machine n1sdp
perf record -a -e arm_spe_0// -- sleep 1
duration 25ms
task dd cpu-bound
task kw cpu-bound
sched random slice 2ms..6ms gap 100us..1ms migrate 40%
SCN
cat >snap.scn <<'SCN'
machine n1sdp
perf record -e arm_spe_0// -S -- dd
kernel v6.1
perf perf-6.1
duration 300ms
task dd cpu-bound
pin dd 1
sched random slice 4ms..40ms gap 100us..2ms migrate 40%
signal USR2 every 100ms
SCN
cat >thr.scn <<'SCN'
machine n1sdp
perf record --per-thread -e arm_spe_0// -- dd
duration 20ms
task dd cpu-bound
pin dd 1
SCN
cp "$TOP/scenarios/s001-claim-e.scn" claim-e.scn

for sc in pin all snap thr claim-e; do
	"$AUXSIM" run $sc.scn -o $sc.data >$sc.out 2>&1
	ok $? "$sc: run -o"
	perf report -D -i $sc.data >$sc.dump 2>$sc.derr
	ok $? "$sc: perf report -D exits 0"
	allowed $sc.derr
	ok $? "$sc: perf report -D prints nothing a board's file would not ($(tr '\n' '|' <$sc.derr))"
	perf script -i $sc.data >$sc.def 2>$sc.serr
	st=$?
	test $st = 0 && allowed $sc.serr
	ok $? "$sc: perf script: nothing a board's file would not ($(tr '\n' '|' <$sc.serr))"
	! grep -q -e 'Bad packet' -e 'failed to process' $sc.dump
	ok $? "$sc: no bad SPE packet, no record perf fails on"
	# the type arm_spe_0 got (PMU_MAPPINGS) is the AUXTRACE_INFO's and
	# the evsel's
	t=$(perf report --header-only -i $sc.data 2>/dev/null |
		sed -n 's/.*pmu mappings:.* arm_spe_0 = \([0-9]*\).*/\1/p')
	info=$(sed -n '/PERF_RECORD_AUXTRACE_INFO type: 4$/{n;s/^  PMU Type *//p}' $sc.dump)
	ev=$(perf evlist -v -i $sc.data 2>/dev/null |
		sed -n 's/^arm_spe_0\/\/: type: \([0-9]*\),.*/\1/p')
	test -n "$t" && test "$t" = "$info" && test "$t" = "$ev" &&
		grep -q 'PERF_RECORD_TIME_CONV' $sc.dump
	ok $? "$sc: AUXTRACE_INFO is ARM SPE's, PMU type $t = the evsel's ($info, $ev), with TIME_CONV"
done

# --itrace=i1i: a sample a whole SPE record; per CPU queue (one AUXTRACE
# buffer each here, or contiguous ones) floor(bytes / 64)
records() {
	perl -ne 'if (/PERF_RECORD_AUXTRACE size: (0x[0-9a-f]+).* cpu: (-?\d+)/) {
			$b{$2} += hex($1) }
		END { $n += int($b{$_} / 64) for keys %b; print $n + 0 }' "$1"
}
for sc in pin all snap; do
	perf script -i $sc.data --itrace=i1i -F comm,cpu,time,ip,sym >$sc.ins 2>/dev/null
	n=$(wc -l <$sc.ins)
	want=$(records $sc.dump)
	test "$n" -gt 0 && test "$n" = "$want"
	ok $? "$sc: --itrace=i1i: one sample a record ($n, bytes / 64: $want)"
	perl -ane '$t = $F[2] + 0; exit 1 if $t < $p; $p = $t;
		exit 1 unless $F[0] eq "dd" || $F[0] eq "sleep";
		exit 1 unless $F[4] =~ /^P\d+$/ && hex($F[3]) == 0x400088 + 16 * (substr($F[4], 1) - 1)' $sc.ins
	ok $? "$sc: in time order, the traced task, each at its slice's b.ne"
done
# pinned, full trace: 20 ms of one slice, P1 on CPU 1; the default
# samples are the mispredicted exits, one record in 40
awk '$2 != "[001]" || $5 != "P1" { exit 1 }' pin.ins
ok $? "pin: every sample is CPU 1's P1"
n=$(grep -c 'branch-miss:' pin.def)
test "$n" = $(($(wc -l <pin.ins) / 40))
ok $? "pin: perf script: $n branch-miss samples, one record in 40"
tail -n 1 pin.ins | awk '{ exit !($3 + 0 <= 0.020000) }'
ok $? "pin: the last sample is within the 20 ms run"
# snapshot: two 4 MiB snapshots, 65536 records each
test "$(wc -l <snap.ins)" = 131072
ok $? "snap: 2 x 4 MiB of records"
# per-thread: no ts_enable (END-terminated records), and the events opened
# without CPU and TIME in sample_type, as arm_spe_recording_options() and
# evsel__config() open them for --per-thread: perf 6.1 decodes the one
# queue (CPU -1) timeless, a sample a record, all of the traced task.  It
# shows one sample more than whole records (46,876 for 46,875): observed,
# the last record once more when the queue is flushed at the end
grep -q 'TS ' thr.dump
test $? = 1 && grep -q ' END$' thr.dump && test -s thr.def
ok $? "thr: --per-thread: End packets, no timestamps, and perf 6.1 decodes them"
perf script -i thr.data --itrace=i1i -F comm >thr.ins 2>/dev/null
n=$(wc -l <thr.ins)
want=$(records thr.dump)
test "$n" -ge "$want" && test "$n" -le $((want + 1)) && ! grep -qv '^ *dd *$' thr.ins
ok $? "thr: --itrace=i1i: a sample a record ($n for $want), each the traced task's"

"$AUXSIM" run pin.scn -o t.data --truth t.truth >out 2>err
test $? = 2 && grep -q -- '--truth: t.truth: an arm_spe_0 session has no modelled truth' err &&
	! test -e t.data && ! test -e t.truth
ok $? "--truth on an SPE session: refused before the run, exit 2"

done_testing
