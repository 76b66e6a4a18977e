#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# t0765-perf-refusals: command lines that perf record itself refuses are
# refused by the modelled perf (exit 5, perf's message on standard error
# and in the report), never run into kernel WARNs a board cannot show.
. "$(dirname "$0")/lib.sh"

# scn FILE MACHINE PERF-RECORD-LINE [MORE LINES]: a small scenario
scn() {
	f=$TMP/$1
	shift
	{
		echo "machine $1"
		shift
		echo "$1"
		shift
		echo "duration 10ms"
		for l in "$@"; do echo "$l"; done
	} >"$f"
}

# refused NAME MESSAGE [RUN ARGS]: exit 5, perf's line alone on stderr, the
# report on stdout says perf record failed and holds the line, no WARN
refused() {
	name=$1
	msg=$2
	shift 2
	"$AUXSIM" run "$TMP/$name.scn" "$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	test $rc = 5
	ok $? "$name: exit 5, perf record failed (got $rc)"
	test "$(cat "$TMP/err")" = "$msg"
	ok $? "$name: perf's message on stderr: $msg"
	grep -qx "$msg" "$TMP/out" &&
		grep -q '^perf record failed to start (-[0-9]*); nothing traced$' "$TMP/out"
	ok $? "$name: the report says perf record failed, and why"
	! grep -q 'WARNING\|Kernel log' "$TMP/out"
	ok $? "$name: no kernel WARN"
}

# 1: ETM and SPE together (auxtrace_record__init())
scn etm-spe.scn n1sdp "perf record -a -e cs_etm// -e arm_spe// -- tar"
refused etm-spe "Concurrent AUX trace operation not currently supported"
refused etm-spe "Concurrent ARM Coresight ETM and SPE operation not currently supported" --perf perf-5.13
refused etm-spe "Concurrent AUX trace operation not currently supported" --perf perf-7.1 --kernel v7.1
scn spe-etm-group.scn n1sdp "perf record -e {arm_spe_0//,cs_etm//} -- tar"
refused spe-etm-group "Concurrent AUX trace operation not currently supported"
"$AUXSIM" run "$TMP/etm-spe.scn" --json >"$TMP/j" 2>/dev/null
test "$(jsonq "$TMP/j" '$j->{open_error} . " " . join "|", @{$j->{perf_messages}}')" = \
	"-95 Concurrent AUX trace operation not currently supported"
ok $? "etm-spe --json: open_error -95 (EOPNOTSUPP) and perf's message"

# 2: two cs_etm events (cs_etm_recording_options()), on every perf
scn etm2.scn juno "perf record -e cs_etm// -e cs_etm// -- dd"
for p in perf-5.13 perf-6.1 perf-7.1; do
	refused etm2 "There may be only one cs_etm event" --perf $p
done
# two SPE events: perf 5.13 and 6.1 take one (arm_spe_recording_options())
scn spe2.scn n1sdp "perf record -e arm_spe_0// -e arm_spe// -- dd"
refused spe2 "There may be only one arm_spe_x event"
refused spe2 "There may be only one arm_spe_x event" --perf perf-5.13

# SPE's AUX area: at least 8 KiB
scn spe-small.scn n1sdp "perf record -e arm_spe_0// -m ,1 -- dd"
refused spe-small "Invalid mmap size for ARM SPE: must be at least 8KiB and a power of 2"
# -S with SPE: no snapshot mode in perf 5.13
scn spe-snap.scn n1sdp "perf record -S -e arm_spe_0// -- dd"
refused spe-snap "No AUX area tracing to snapshot" --perf perf-5.13
"$AUXSIM" run "$TMP/spe-snap.scn" >"$TMP/out" 2>"$TMP/err"
test $? = 0 && ! test -s "$TMP/err"
ok $? "-S with SPE on perf 6.1: runs, nothing on stderr"
# -S with no AUX event
scn snap-cycles.scn juno "perf record -S -e cycles/period=1000/ -- dd"
refused snap-cycles "No AUX area tracing to snapshot"
# a sink the board has not (cs_etm_set_sink_attr())
scn bad-sink.scn juno "perf record -e cs_etm/@tmc_etf0/ -- dd"
refused bad-sink 'failed to set sink "tmc_etf0" on event cs_etm/@tmc_etf0/ with 2 (No such file or directory)'
# the snapshot size larger than the AUX area
scn snap-big.scn juno "perf record -S0x30000 -m ,16 -e cs_etm// -- dd"
refused snap-big "Snapshot size 196608 must not be greater than AUX area tracing mmap size 65536"

# bad input, not a perf failure: exit 2 at FILE:LINE:COL, nothing on stdout
# bad NAME TEXT [RUN ARGS]
bad() {
	name=$1
	text=$2
	shift 2
	"$AUXSIM" run "$TMP/$name.scn" "$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	test $rc = 2 && ! test -s "$TMP/out"
	ok $? "$name: exit 2, no report (got $rc)"
	grep -q "^$TMP/$name.scn:2:[0-9]*: $text" "$TMP/err"
	ok $? "$name: at FILE:LINE:COL: $text"
}
# Juno has no SPE: its PMU does not exist (3)
scn juno-spe.scn juno "perf record -e arm_spe// -- dd"
bad juno-spe "Cannot find PMU \`arm_spe'. Missing kernel support?"
scn juno-spe0.scn juno "perf record -a -e arm_spe_0// -- dd"
bad juno-spe0 "Cannot find PMU \`arm_spe_0'"
scn xyz.scn juno "perf record -e xyz// -- dd"
bad xyz "Cannot find PMU \`xyz'"
# intel_pt: not an Arm board's PMU, not modelled by auxsim (4)
scn pt.scn juno "perf record -e intel_pt// -- dd"
bad pt "PMU 'intel_pt' is not modelled by auxsim"
scn instructions.scn juno "perf record -e cs_etm// -e instructions -- dd"
bad instructions "event 'instructions' is not modelled by auxsim"
scn no-aux.scn juno "perf record -e cycles/period=1000/ -- dd"
bad no-aux "no AUX area event (cs_etm or arm_spe_0) on the perf record line"

# an unprivileged user at the default perf_event_paranoid (2): no CPU
# events, so no -a (perf_allow_cpu()); perf's EACCES text on stderr
scn nonroot-a.scn juno "perf record -a -e cs_etm// -- sleep 1" "user nonroot"
"$AUXSIM" run "$TMP/nonroot-a.scn" >"$TMP/out" 2>"$TMP/err"
test $? = 5 && test "$(sed -n 1,2p "$TMP/err")" = "Error:
Access to performance monitoring and observability operations is limited." &&
	grep -qx 'perf_event_paranoid setting is 2:' "$TMP/err" &&
	grep -q '^perf record failed to start (-13); nothing traced$' "$TMP/out"
ok $? "user nonroot, -a: exit 5, perf's EACCES message (perf_event_paranoid 2)"
scn nonroot.scn juno "perf record -e cs_etm// -- dd" "user nonroot"
"$AUXSIM" run "$TMP/nonroot.scn" >"$TMP/out" 2>"$TMP/err"
test $? = 0 && ! test -s "$TMP/err"
ok $? "user nonroot, per-task: runs"

# -m rounds each count up to a power of 2 and says so in perf's units
scn round.scn juno "perf record -e cs_etm// -m 3,300 -- dd"
"$AUXSIM" run "$TMP/round.scn" >"$TMP/out" 2>"$TMP/err"
test $? = 0 && test "$(sed -n 3,4p "$TMP/out")" = "rounding mmap pages size to 16K (4 pages)
rounding mmap pages size to 2M (512 pages)"
ok $? "-m 3,300: both halves rounded, perf's units (16K, 2M)"

# a run that works prints nothing on stderr
scn fine.scn juno "perf record -e cs_etm// -- dd"
"$AUXSIM" run "$TMP/fine.scn" >"$TMP/out" 2>"$TMP/err"
test $? = 0 && ! test -s "$TMP/err"
ok $? "a run perf accepts: exit 0, nothing on stderr"

done_testing
