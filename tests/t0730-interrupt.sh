#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# t0730-interrupt: SIGINT and SIGTERM during `auxsim run` stop the modelled
# session at the virtual time reached, as Ctrl-C stops perf record: the
# report and the JSON say so, -o is still written, and the exit status is
# 128 + the signal.  A long run shows its progress on a terminal only.
. "$(dirname "$0")/lib.sh"

# an hour of seed 001's throttling: minutes of work, interrupted after 1s
sed -e 's/^duration .*/duration 3600s/' -e '/^check /d' \
	"$TOP/scenarios/s001-throttle-pause.scn" >"$TMP/long.scn"

# bg-signal.sh SECONDS SIGNAL COMMAND...: run COMMAND in the background,
# send it SIGNAL after SECONDS (its handler is installed by then), and
# exit with its status; a run that ignores the signal is killed 30 s later.
# sh starts a background job with SIGINT ignored; auxsim keeps a signal
# ignored on entry ignored, so the job gets the default back first, as
# from a terminal; BG_IGNORE=1 keeps sh's SIG_IGN.
cat >"$TMP/bg-signal.sh" <<'EOS'
#!/bin/sh
secs=$1 sig=$2
shift 2
if [ "${BG_IGNORE:-}" ]; then
	"$@" &
else
	env --default-signal=INT,TERM "$@" &
fi
pid=$!
sleep "$secs"
kill -"$sig" "$pid"
(sleep 30; kill -KILL "$pid") >/dev/null 2>&1 &
wait "$pid"
EOS
chmod +x "$TMP/bg-signal.sh"

# interrupt SIGNAL ARGS...: interrupt a long run after a second; $rc is
# its exit status
interrupt() {
	sig=$1
	shift
	"$TMP/bg-signal.sh" 1 "$sig" "$AUXSIM" run "$TMP/long.scn" "$@" \
		>"$TMP/out" 2>"$TMP/err"
	rc=$?
}

interrupt INT -o "$TMP/int.data"
test "$rc" = 130
ok $? "SIGINT: exit 130 (128 + SIGINT), got $rc"
grep -q "^interrupted by SIGINT at virtual time [0-9.]* s of 3600.000000 s" "$TMP/out"
ok $? "SIGINT: the report says where the run was interrupted"
grep -q "Captured and wrote" "$TMP/out"
ok $? "SIGINT: the report is whole, to perf's last line"
test -s "$TMP/int.data" && test "$(head -c 8 "$TMP/int.data")" = PERFILE2
ok $? "SIGINT: -o still wrote the perf.data"
test ! -s "$TMP/err"
ok $? "SIGINT: nothing on stderr (not a terminal: no progress)"

# a SIGINT ignored on entry (sh's background job, nohup) stays ignored
BG_IGNORE=1 "$TMP/bg-signal.sh" 1 INT "$AUXSIM" run "$TMP/long.scn" \
	--duration 5s >"$TMP/out" 2>"$TMP/err"
rc=$?
test "$rc" = 0 && ! grep -q "^interrupted" "$TMP/out"
ok $? "SIGINT ignored on entry: the run goes on to its end (exit $rc)"

interrupt TERM --json
test "$rc" = 143
ok $? "SIGTERM: exit 143 (128 + SIGTERM), got $rc"
test "$(jsonq "$TMP/out" '$j->{interrupted}{signal}')" = SIGTERM
ok $? "SIGTERM: the JSON names the signal"
at=$(jsonq "$TMP/out" '$j->{interrupted}{at_ns}')
test "$at" -gt 0 && test "$at" -lt 3600000000000 &&
	test "$(jsonq "$TMP/out" '$j->{duration_ns}')" = "$at" &&
	test "$(jsonq "$TMP/out" '$j->{interrupted}{asked_duration_ns}')" = 3600000000000
ok $? "SIGTERM: the run lasted until at_ns ($at) of the 3600 s asked"
test "$(jsonq "$TMP/out" 'my $n = 0; $n++ for grep { $_->{end_ns} > $j->{duration_ns} } @{$j->{slices}}; $n')" = 0
ok $? "SIGTERM: no slice ends after the interruption"

"$AUXSIM" run "$TOP/scenarios/s000-dd-1s.scn" --json >"$TMP/whole.json"
test -z "$(jsonq "$TMP/whole.json" 'exists $j->{interrupted} ? 1 : ""')"
ok $? "a run that is not interrupted has no 'interrupted' member"

# progress: on a terminal (script(1) gives the run a pty), never elsewhere
if command -v script >/dev/null; then
	script -qec "'$TMP/bg-signal.sh' 2 INT '$AUXSIM' run '$TMP/long.scn' >/dev/null" \
		/dev/null >"$TMP/tty" 2>&1
	grep -q "auxsim: virtual time [0-9.]* s of 3600.000 s" "$TMP/tty"
	ok $? "a terminal shows the virtual time reached"
	tr '\r' '\n' <"$TMP/tty" | tail -1 | grep -q '^ *$'
	ok $? "  and the progress line is cleared at the end"
else
	ok 0 "# SKIP script(1) missing (util-linux)"
fi

done_testing
