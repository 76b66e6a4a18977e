#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# t1030-check-signals: the checker stopped part-way - SIGINT and SIGTERM
# (one process and -j) print the partial statistics marked interrupted and
# exit 128 + signo; -j workers die with their parent, a stopped or hung
# worker cannot keep the parent waiting once it is asked to stop, a killed
# worker loses nobody else's work; and -j counts states as one process does
# (states <= transitions + 1, the same states when exhaustive, the same
# finished depth when the table fills).
. "$(dirname "$0")/lib.sh"
S=$TOP/scenarios

# why FILE: after a failed check, what the command printed
why() {
	[ "$test_failed" = "${failed_before:-0}" ] || sed 's/^/#   /' "$1" | tail -12
	failed_before=$test_failed
}

stat() { # FILE KEY: $j->{stats}{KEY}
	jsonq "$1" "my \$v = \$j->{stats}{$2}; ref \$v eq 'JSON::PP::Boolean' ? (\$v ? 1 : 0) : \$v"
}

# --- the counts: -j as one process ---
sed 's/^check depth .*/check depth 22 tick 3 overflow 6 switch 2 munmap 1/' \
	"$S/c001-throttle-pause.scn" >"$TMP/c22.scn"
for n in 1 2 3; do
	"$AUXSIM" check "$TMP/c22.scn" --patch aux-throttle-fix -j $n --json \
		>"$TMP/e$n.json"
	"$AUXSIM" check "$TMP/c22.scn" --patch aux-throttle-fix -j $n \
		--max-states 16384 --json >"$TMP/f$n.json"
done
for n in 1 2 3; do
	for f in e f; do
		st=$(stat "$TMP/$f$n.json" states)
		tr=$(stat "$TMP/$f$n.json" transitions)
		test -n "$st" && test "$st" -le $((tr + 1))
		ok $? "-j $n, $([ $f = e ] && echo exhaustive || echo table full): states <= transitions + 1 ($st, $tr)"
	done
	test "$(stat "$TMP/e$n.json" complete)" = 1 &&
		test "$(stat "$TMP/e$n.json" states)" = "$(stat "$TMP/e1.json" states)"
	ok $? "-j $n, exhaustive: one process's states ($(stat "$TMP/e$n.json" states))"
	test "$(stat "$TMP/f$n.json" table_full)" = 1 &&
		test "$(stat "$TMP/f$n.json" depth_completed)" -gt 0 &&
		test "$(stat "$TMP/f$n.json" depth_completed)" = "$(stat "$TMP/f1.json" depth_completed)" &&
		test "$(stat "$TMP/f$n.json" states_completed)" = "$(stat "$TMP/f1.json" states_completed)"
	ok $? "-j $n, table full: one process's finished depth and its states ($(stat "$TMP/f$n.json" depth_completed): $(stat "$TMP/f$n.json" states_completed))"
done
# the root's transitions are counted once, not once a worker
test "$(stat "$TMP/e2.json" transitions)" = "$(stat "$TMP/e1.json" transitions)"
ok $? "-j 2, no sleep sets pruning here: one process's transitions"

# --- signals ---
# a search of many seconds (s001 at depth 10: 28 M states), stopped early
sed 's/^check depth .*/check depth 10 tick 3 overflow 4 switch 2 munmap 1/' \
	"$S/s001-throttle-pause.scn" >"$TMP/s10.scn"
LONG="$TMP/s10.scn --patch aux-throttle-fix --max-states 16777216"

# busy PID [N [TICKS]]: wait until PID (and N workers) have used TICKS
# (default 100: a second, past a sanitizer's start-up and the first
# depth bounds) of CPU time
busy() {
	i=0
	while [ $i -lt 3000 ] && kill -0 "$1" 2>/dev/null; do
		set -- "$1" "${2:-0}" "${3:-100}"
		kids=$(pgrep -P "$1" | wc -l)
		t=$(awk '{ print $14 + $15 }' /proc/"$1"/stat 2>/dev/null)
		for w in $(pgrep -P "$1"); do
			t=$((t + $(awk '{ print $14 + $15 }' /proc/"$w"/stat 2>/dev/null || echo 0)))
		done
		[ "$kids" -ge "$2" ] && [ "${t:-0}" -ge "$3" ] && return 0
		sleep 0.01
		i=$((i + 1))
	done
	return 1
}
# dead PID...: every one gone or a zombie, within 5 s
dead() {
	for p in "$@"; do
		i=0
		while [ $i -lt 500 ]; do
			s=$(awk '{ print $3 }' /proc/"$p"/stat 2>/dev/null)
			[ -z "$s" ] || [ "$s" = Z ] && break
			sleep 0.01
			i=$((i + 1))
		done
		[ $i -lt 500 ] || return 1
	done
}

# watchdog PID: SIGKILL PID (and its workers) if it still runs in 60 s, so
# that a search which misses a signal fails the test instead of hanging it;
# unwatch once it has been waited for
watchdog() {
	(
		sleep 60
		pkill -KILL -P "$1"
		kill -KILL "$1"
	) >/dev/null 2>&1 &
	wd=$!
}
unwatch() {
	kill "$wd" 2>/dev/null
}

for sig in INT TERM; do
	for n in 1 2; do
		# shellcheck disable=SC2086
		env --default-signal=INT,TERM "$AUXSIM" check $LONG -j $n \
			>"$TMP/i.txt" 2>&1 &
		pid=$!
		busy $pid $([ $n = 1 ] && echo 0 || echo $n)
		ws=$(pgrep -P $pid)
		kill -$sig $pid
		wait $pid
		rc=$?
		want=$([ $sig = INT ] && echo 130 || echo 143)
		test $rc = $want && grep -q "^INTERRUPTED by SIG$sig: partial statistics, not exhaustive" "$TMP/i.txt" &&
			grep -q "^every path to depth [1-9][0-9]* explored: [0-9]* states" "$TMP/i.txt" &&
			grep -q "^no violation found before the search stopped" "$TMP/i.txt" &&
			! grep -q "exhaustive within the bounds" "$TMP/i.txt"
		ok $? "-j $n, SIG$sig: exit $want (got $rc), partial statistics marked interrupted"
		why "$TMP/i.txt"
		test $n = 1 || { dead $ws; ok $? "-j $n, SIG$sig: no worker left"; }
	done
done

# --json, and Ctrl-C as a terminal sends it: to the process group
# shellcheck disable=SC2086
env --default-signal=INT,TERM setsid -f -w "$AUXSIM" check $LONG -j 2 --json \
	>"$TMP/g.json" 2>"$TMP/g.err" &
pid=$!
i=0
while [ $i -lt 500 ] && [ -z "$(pgrep -P $pid)" ]; do
	sleep 0.01
	i=$((i + 1))
done
c=$(pgrep -P $pid) # setsid -f's child, the leader of its own group
busy "$c" 2
ws=$(pgrep -P "$c")
kill -INT -"$(ps -o pgid= -p "$c" | tr -d " ")"
wait $pid
rc=$?
test $rc = 130 && test "$(stat "$TMP/g.json" interrupted)" = SIGINT &&
	test "$(stat "$TMP/g.json" complete)" = 0 &&
	test "$(stat "$TMP/g.json" states)" -gt 0 &&
	test "$(stat "$TMP/g.json" states)" -le "$(($(stat "$TMP/g.json" transitions) + 1))" &&
	test "$(stat "$TMP/g.json" depth_completed)" -gt 0 &&
	test "$(jsonq "$TMP/g.json" 'scalar @{$j->{stats}{workers_lost}}')" = 0
ok $? "-j 2, SIGINT to the process group: exit 130, JSON stats.interrupted, the counts kept ($(cat "$TMP/g.err"))"
why "$TMP/g.json"
dead $ws
ok $? "... and the workers gone"

# the parent killed: the workers die with it
# shellcheck disable=SC2086
"$AUXSIM" check $LONG -j 2 >/dev/null 2>&1 &
pid=$!
busy $pid 2
ws=$(pgrep -P $pid)
kill -KILL $pid
wait $pid 2>/dev/null
test -n "$ws" && dead $ws
ok $? "-j 2, the parent SIGKILLed: its workers die too ($(echo $ws))"

# a worker stopped (SIGSTOP): a SIGINT still ends the search at once
# shellcheck disable=SC2086
env --default-signal=INT,TERM "$AUXSIM" check $LONG -j 2 >"$TMP/s.txt" 2>&1 &
pid=$!
watchdog $pid
busy $pid 2
ws=$(pgrep -P $pid)
kill -STOP $(echo "$ws" | tail -1)
sleep 0.2
t0=$(date +%s)
kill -INT $pid
wait $pid
rc=$?
unwatch
t1=$(date +%s)
test $rc = 130 && test $((t1 - t0)) -lt 4 && grep -q '^INTERRUPTED by SIGINT' "$TMP/s.txt" &&
	! grep -q '^worker' "$TMP/s.txt"
ok $? "-j 2, a worker stopped by SIGSTOP: SIGINT ends it in $((t1 - t0)) s (exit $rc), nothing lost"
dead $ws
ok $? "... and the workers gone"

# a worker that ignores the request: killed after the grace (5 s)
# shellcheck disable=SC2086
AUXSIM_TEST_HANG_WORKER=1 env --default-signal=INT,TERM "$AUXSIM" check \
	$LONG -j 2 --json >"$TMP/h.json" 2>&1 &
pid=$!
watchdog $pid
busy $pid 1 20 # the other worker soon waits for it
ws=$(pgrep -P $pid)
t0=$(date +%s)
kill -INT $pid
wait $pid
rc=$?
unwatch
t1=$(date +%s)
test $rc = 130 && test $((t1 - t0)) -lt 30 &&
	test "$(jsonq "$TMP/h.json" 'join ",", map { "$_->{worker}:$_->{how}" } @{$j->{stats}{workers_lost}}')" = "1:did-not-stop"
ok $? "-j 2, a worker that does not stop: killed after the grace ($((t1 - t0)) s), reported"
dead $ws
ok $? "... and the workers gone"

# --- a worker killed: the others' work is kept ---
C=$S/c001-throttle-pause.scn
AUXSIM_TEST_ABORT_WORKER=1 timeout 120 "$AUXSIM" check "$C" \
	--patch aux-throttle-fix -j 2 --json >"$TMP/a.json" 2>&1
rc=$?
test $rc = 6 &&
	test "$(jsonq "$TMP/a.json" 'join ",", map { "$_->{worker}:$_->{signal}" } @{$j->{stats}{workers_lost}}')" = "1:SIGABRT" &&
	test "$(stat "$TMP/a.json" complete)" = 0
ok $? "-j 2, a worker aborts: exit 6 (got $rc), which worker and which signal"
# a worker killed mid-search (as the OOM killer would: sanitizers catch
# SIGSEGV themselves and abort)
# shellcheck disable=SC2086
"$AUXSIM" check $LONG -j 2 >"$TMP/k.txt" 2>&1 &
pid=$!
watchdog $pid
busy $pid 2
ws=$(pgrep -P $pid)
kill -KILL $(echo "$ws" | tail -1)
wait $pid
rc=$?
unwatch
test $rc = 6 && grep -q '^worker 1 killed by SIGKILL' "$TMP/k.txt" &&
	grep -q '^ABORTED: 1 worker lost, the search stopped' "$TMP/k.txt" &&
	grep -q '^[1-9][0-9]* states, [1-9][0-9]* transitions' "$TMP/k.txt" &&
	grep -q '^every path to depth [1-9]' "$TMP/k.txt"
ok $? "-j 2, a worker SIGKILLed mid-search: exit 6 (got $rc), the others' counts kept"
why "$TMP/k.txt"
dead $ws
ok $? "... and the workers gone"
# a violation found before a worker dies is still the answer
for k in 0 1; do
	AUXSIM_TEST_ABORT_WORKER=$k:3 timeout 120 "$AUXSIM" check "$C" -j 2 \
		--json >"$TMP/v.json" 2>&1
	rc=$?
	test $rc = 1 &&
		test "$(jsonq "$TMP/v.json" 'join ",", @{$j->{violations}[0]{steps}}')" = "overflow:1:1,overflow:1:1,tick:1" &&
		test "$(jsonq "$TMP/v.json" 'join ",", map { "$_->{worker}:$_->{signal}" } @{$j->{stats}{workers_lost}}')" = "$k:SIGABRT"
	ok $? "-j 2, worker $k aborts at depth 3: the violation reported, exit 1 (got $rc)"
done

done_testing
