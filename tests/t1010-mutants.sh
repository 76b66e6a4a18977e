#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# t1010-mutants: every invariant of the catalogue catches a deliberately
# broken kernel (`auxsim list`: mutant-*), within a small bound, on the
# proposed fix (aux-throttle-fix) with the mutant on top; and the kernel
# without the mutant is clean on the scenarios the mutants use.
#
# Not covered: warn-etm-stop-handle-event (etm_event_stop():
# WARN_ON_ONCE(handle->event != event)).  The per-CPU handle is only ever
# opened by perf_aux_output_begin() for the event being started, cs_etm is
# PERF_PMU_CAP_EXCLUSIVE (one cs_etm event runs on a CPU at a time) and
# the model creates no inherited events (whose rb is their parent's), so
# the handle cannot hold another event while ctxt->event_data still names
# its buffer: no single-point mutation of the modelled code reaches the
# WARN without also tripping warn-etm-stop-aux-mismatch first.  Every
# mutant was tried against it on every c00* scenario: none reaches it.
. "$(dirname "$0")/lib.sh"
S=$TOP/scenarios

"$AUXSIM" check --list-invariants >"$TMP/inv"
ok $? "check --list-invariants"
for id in snapshot-not-older-than-lost no-silent-loss; do
	grep -q "^  $id\( \|\$\)" "$TMP/inv"
	ok $? "the catalogue has $id"
done

# --- the correct kernels are clean where the mutants are caught ---
for sc in c000-snapshot c000-full-trace c000-pause; do
	"$AUXSIM" check "$S/$sc.scn" --patch aux-throttle-fix --json >"$TMP/c.json"
	test $? = 0 && test "$(jsonq "$TMP/c.json" 'scalar @{$j->{violations}}')" = 0 &&
		test "$(jsonq "$TMP/c.json" '$j->{stats}{complete} ? 1 : 0')" = 1
	ok $? "$sc: aux-throttle-fix clean for every invariant, exhaustively"
done
for sc in c000-snapshot c000-full-trace; do
	"$AUXSIM" check "$S/$sc.scn" >/dev/null
	ok $? "$sc: v7.1 as released clean for every invariant"
done

# --- mutant:invariant:scenario; the checker must report that invariant ---
pairs="
end-keeps-nest:aux-handle:c001-throttle-pause
throttle-no-stop:throttle-stops-counters:c001-throttle-pause
throttle-keeps-aux:throttle-stops-aux:c001-throttle-pause
ignore-paused:user-pause-respected:c001-throttle-pause
start-no-trace:aux-traces-when-allowed:c001-throttle-pause
munmap-leaks:no-aux-leak:c001-throttle-pause
etr-copy-oldest:snapshot-not-older-than-lost:c000-snapshot
etr-truncated-inverted:no-silent-loss:c000-full-trace
end-keeps-nest:warn-aux-nest:c001-throttle-pause
etr-flag-overwrite:warn-aux-flag-overwrite:c000-snapshot
stop-keeps-ctxt:warn-etm-start-ctxt-busy:c001-throttle-pause
start-no-ctxt:warn-etm-stop-aux-mismatch:c000-full-trace
start-ignores-begin:warn-etm-stop-no-event-data:c001-claim-d
etr-end-on-lost:warn-etm-stop-size:c000-full-trace
sink-disable-early:warn-etr-perf-buf:c001-throttle-pause
start-path-first:warn-etr-enable-no-buf:c000-full-trace
sink-no-mode:warn-etr-disable-mode:c000-full-trace
munmap-leaks:warn-aux-refcount:c001-throttle-pause
sched-in-no-task-ctx:warn-ctx-task-ctx:c000-full-trace
no-aux-event:warn-aux-pause-no-event:c001-throttle-pause
stop-keeps-ctxt:warn-etm-pause-handle:c001-throttle-pause
etr-end-on-lost:warn-etm-pause-size:c000-pause
setup-aux-path-short:warn-etm-no-sink:c000-full-trace
setup-aux-this-cpu:warn-etm-pause-no-sink:c000-pause
"
for p in $pairs; do
	mu=${p%%:*} rest=${p#*:}
	inv=${rest%%:*} sc=${rest#*:}
	"$AUXSIM" check "$S/$sc.scn" --patch aux-throttle-fix --patch "mutant-$mu" \
		--invariant "$inv" --json >"$TMP/m.json"
	test $? = 1 &&
		test "$(jsonq "$TMP/m.json" '$j->{violations}[0]{invariant}')" = "$inv"
	ok $? "mutant-$mu is caught by $inv ($sc)"
done

# --- every invariant has a mutant, but the one explained above ---
missing=
for id in $(awk '/^[a-z]/ { print $1 }' "$TMP/inv"); do
	case "$pairs" in
	*":$id:"*) ;;
	*) test "$id" = warn-etm-stop-handle-event || missing="$missing $id" ;;
	esac
done
test -z "$missing"
ok $? "every invariant but warn-etm-stop-handle-event has a mutant${missing:+ (missing:$missing)}"

done_testing
