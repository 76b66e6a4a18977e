#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# t0800-seed001: seed 001 (the perf_aux_output_begin WARN through
# throttle/unthrottle), the seed's patch, and the five review claims.
. "$(dirname "$0")/lib.sh"
S=$TOP/scenarios

run() { "$AUXSIM" run "$@"; }
J() { jsonq "$TMP/$1.json" "$2"; }

# --- the seed, unpatched 7.1-rc1 ---
run "$S/s001-throttle-pause.scn" --json >"$TMP/s.json"
ok $? "s001 runs"
test "$(J s '$j->{warnings}[0]{function}')" = perf_aux_output_begin
ok $? "s001: WARN in perf_aux_output_begin"
test "$(J s '$j->{warnings}[0]{file} . ":" . $j->{warnings}[0]{line}')" = kernel/events/ring_buffer.c:415
ok $? "s001: at ring_buffer.c:415, as in the seed"
test "$(J s 'join " ", @{$j->{warnings}[0]{call_trace}}')" = \
	"perf_aux_output_begin etm_event_start perf_event_unthrottle perf_event_unthrottle_group perf_adjust_freq_unthr_events perf_adjust_freq_unthr_context perf_event_task_tick sched_tick update_process_times"
ok $? "s001: the seed's call trace, frame for frame"
test "$(J s '$j->{warnings}[1]{function}')" = perf_mmap_close
ok $? "s001: then the aux_refcount WARN at munmap (the leaked transaction)"
test "$(J s 'scalar @{$j->{warnings}}')" = 2
ok $? "s001: WARN_ON_ONCE: no second begin splat"
test "$(J s '$j->{tracers}[0]{final}')" = dead
ok $? "s001: CPU 0's tracer is dead at the end"
test "$(J s '$j->{tracers}[0]{throttles}')" -gt 1
ok $? "s001: CPU 0 throttles every tick"
run "$S/s001-throttle-pause.scn" >"$TMP/s.txt"
grep -q '^\[ *0\.004000\] WARNING: kernel/events/ring_buffer.c:415 at perf_aux_output_begin, CPU#0: perf/' "$TMP/s.txt"
ok $? "s001: the splat's WARNING line as 7.x prints it"
grep -q 'CPU: 0 UID: 0 PID: [0-9]* Comm: perf Not tainted 7.1.0-rc1' "$TMP/s.txt"
ok $? "s001: the splat's CPU line"
grep -q '^cpu0\|  cpu0: dead for' "$TMP/s.txt"
ok $? "s001: the report says CPU 0's tracing died"

# --- the seed's patch ---
run "$S/s001-throttle-pause.scn" --patch aux-pause-throttle-v1 --json >"$TMP/p.json"
test "$(J p 'scalar @{$j->{warnings}}')" = 0
ok $? "patch: no WARN"
test "$(J p 'scalar grep { $_->{final} eq "dead" } @{$j->{tracers}}')" = 0
ok $? "patch: no dead tracer"
test "$(J p '$j->{tracers}[0]{ns_in_state}{"throttled yet tracing"} // 0')" -gt 0
ok $? "patch: a resume overflow that throttles resumes the ETM at out: (traces while throttled)"
run "$S/s001-throttle-pause.scn" --patch aux-pause-throttle-v1 --duration 1s --json >"$TMP/p1.json"
test "$(J p1 'scalar @{$j->{warnings}}')" = 0
ok $? "patch: no WARN over a second (250 ticks)"

# --- claim (a): paused forever after throttle + sched-out/in ---
run "$S/s001-claim-a.scn" --json >"$TMP/a.json"
test "$(J a '$j->{tracers}[1]{final}')" = "paused though the user did not pause"
ok $? "claim a: the tracer ends paused though nothing paused it"
test "$(J a '$j->{tracers}[1]{ns_in_state}{"paused though the user did not pause"}')" = 17500000
ok $? "claim a: from the sched-in at 2.5 ms to the end"
test "$(J a 'scalar @{$j->{warnings}}')" = 0
ok $? "claim a: silently (no WARN)"
run "$S/s001-claim-a.scn" --patch none --json >"$TMP/a0.json"
test "$(J a0 'join ",", map { $_->{function} } @{$j->{warnings}}')" = "etm_event_stop,perf_aux_output_begin,perf_mmap_close"
ok $? "claim a unpatched: the del WARNs in etm_event_stop, the add in perf_aux_output_begin"

# --- claim (b): a user pause undone by the unthrottle ---
run "$S/s001-claim-b.scn" --json >"$TMP/b.json"
test "$(J b '$j->{tracers}[1]{final}')" = "tracing though the user paused"
ok $? "claim b: tracing though the user's only action is pause"
test "$(J b '$j->{tracers}[1]{ns_in_state}{"tracing though the user paused"}')" = 16000000
ok $? "claim b: from the 4 ms tick's unthrottle on"
run "$S/s001-claim-b.scn" --patch none --json >"$TMP/b0.json"
test "$(J b0 '$j->{warnings}[0]{function}')" = perf_aux_output_begin
ok $? "claim b unpatched: the seed's WARN instead"

# --- claim (c): throttle dropped by the recursion guard ---
run "$S/s001-claim-c.scn" --json >"$TMP/c.json"
test "$(J c '$j->{tracers}[1]{ns_in_state}{"throttled yet tracing"}')" = 2000000
ok $? "claim c: NMI in perf_event_aux_pause: throttled yet tracing until the tick"
test "$(J c '$j->{tracers}[1]{final}')" = "tracing though the user paused"
ok $? "claim c: the dropped pause leaves it tracing afterwards"
test "$(J c 'scalar @{$j->{warnings}}')" = 0
ok $? "claim c: no WARN"
sed 's/^pmi nmi$/pmi irq/' "$S/s001-claim-c.scn" >"$TMP/c-irq.scn"
run "$TMP/c-irq.scn" --json >"$TMP/ci.json"
test "$(J ci '$j->{tracers}[1]{ns_in_state}{"throttled yet tracing"} // 0')" = 0
ok $? "claim c with IRQ PMIs (Juno's GIC-400): the interrupt cannot land there"

# --- claim (d): no AUX buffer ---
run "$S/s001-claim-d.scn" --json >"$TMP/d.json"
test "$(J d 'scalar grep { $_->{final} ne "off" } @{$j->{tracers}}')" = 0
ok $? "claim d: no AUX event ever goes ACTIVE"
test "$(J d 'my $t = 0; $t += $_->{throttles} for @{$j->{tracers}}; $t')" = 0
ok $? "claim d: nothing is ever throttled"
test "$(J d 'scalar @{$j->{warnings}}')" = 0
ok $? "claim d: no WARN"

# --- claim (e): SPE, no AUX_PAUSE ---
run "$S/s001-claim-e.scn" --json >"$TMP/e.json"
test "$(J e '$j->{warnings}[0]{function}')" = perf_aux_output_begin
ok $? "claim e: SPE leading a throttled group WARNs with the patch"
test "$(J e 'scalar grep { $_ eq "arm_spe_pmu_start" } @{$j->{warnings}[0]{call_trace}}')" = 1
ok $? "claim e: from arm_spe_pmu_start, through perf_event_unthrottle"
test "$(J e '$j->{tracers}[1]{final}')" = dead
ok $? "claim e: SPE on CPU 1 is dead"

# --- older kernels and perf ---
run "$S/s001-throttle-pause.scn" --perf perf-6.1 >"$TMP/o.txt" 2>"$TMP/e.txt"
test $? = 2 && ! test -s "$TMP/o.txt" &&
	grep -q "s001-throttle-pause.scn:16:26: event syntax error: unknown term 'aux-action' for pmu 'cs_etm' (perf-6.1, from --perf," "$TMP/e.txt"
ok $? "perf 6.1 does not parse aux-action (exit 2 at the term, as perf's parser refuses it)"
run "$S/s001-throttle-pause.scn" --kernel v6.1 >"$TMP/o.txt" 2>"$TMP/e.txt"
test $? = 5 && grep -q "returned with 22 (Invalid argument) for event (cs_etm/aux-action=start-paused/k)" "$TMP/o.txt" &&
	grep -q "returned with 22 (Invalid argument) for event (cs_etm/aux-action=start-paused/k)" "$TMP/e.txt"
ok $? "kernel 6.1 refuses aux-action (EINVAL; exit 5: perf record failed, perf's message on stderr)"

# --- frequency mode: perf's default -F 4000 for a bare cycles ---
sed 's|cycles/aux-action=pause,period=3000/|cycles/aux-action=pause/|; s|cycles/aux-action=resume,period=1500/|cycles/aux-action=resume/|' \
	"$S/s001-throttle-pause.scn" >"$TMP/freq.scn"
run "$TMP/freq.scn" --duration 1s --json >"$TMP/f.json"
test "$(J f 'my $t = 0; $t += $_->{throttles} for @{$j->{tracers}}; $t')" = 0
ok $? "freq mode (4000 Hz): the period adapts, nothing throttles"
test "$(J f 'scalar @{$j->{warnings}}')" = 0
ok $? "freq mode: no WARN"

# --- determinism ---
run "$S/s001-throttle-pause.scn" --seed 3 >"$TMP/x.txt"
run "$S/s001-throttle-pause.scn" --seed 3 >"$TMP/y.txt"
cmp -s "$TMP/x.txt" "$TMP/y.txt"
ok $? "s001: byte-identical for the same seed"

done_testing
