#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# t1280-output-failures: when run's files cannot be written, the run's
# report is still printed (the run happened), saying which file was not
# written and why, and nothing is left of the file.  A SIGINT or SIGTERM
# while the perf.data is written stops the write within well under a
# second (exit 128 + the signal); a perf.data past the size limit (16 GiB,
# docs/scenario-format.md) is refused before a byte is written (exit 2); a
# filesystem without the room for it is reported before writing as "No
# space left on device" with the sizes, and a write that fails says its
# errno, not EIO (exit 4).
. "$(dirname "$0")/lib.sh"
S=$TOP/scenarios
MIGRATE=$S/s000-dd-migrate.scn
cd "$TMP" || exit 1
# a bound on what a run of this test may write, whatever goes wrong (KiB)
ulimit -f 8388608
# (and a write past a smaller one below fails with EFBIG, not a signal)
trap '' XFSZ

# writing PID DIR: PID has a file in DIR open with more than 1 MB in it
writing() {
	for fd in /proc/"$1"/fd/*; do
		l=$(readlink "$fd" 2>/dev/null) || continue
		case $l in "$2"/*) ;; *) continue ;; esac
		s=$(stat -L -c %s "$fd" 2>/dev/null) || continue
		[ "$s" -gt 1048576 ] && return 0
	done
	return 1
}
ms() { echo $(($(date +%s%N) / 1000000)); }

# --- a signal while the perf.data is written ---
for sig in INT TERM; do
	d=$(pwd -P)/$sig
	mkdir "$d"
	json=
	[ $sig = TERM ] && json=--json
	# 20 virtual seconds: 4.8 GB, seconds of writing
	env --default-signal=INT,TERM "$AUXSIM" run "$MIGRATE" --duration 20s \
		$json -o "$d/x.data" >"$d.out" 2>"$d.err" &
	pid=$!
	hit=0
	n=0
	while [ $n -lt 6000 ] && kill -0 $pid 2>/dev/null; do
		if writing $pid "$d"; then
			t0=$(ms)
			kill -$sig $pid
			hit=1
			break
		fi
		sleep 0.01
		n=$((n + 1))
	done
	wait $pid
	rc=$?
	t1=$(ms)
	if [ $hit = 0 ]; then
		ok 1 "SIG$sig: the run was never seen writing (exit $rc)"
		continue
	fi
	case $sig in INT) want=130 ;; TERM) want=143 ;; esac
	test $rc = $want
	ok $? "SIG$sig mid-write: exit $want (got $rc)"
	test $((t1 - t0)) -lt 2000
	ok $? "SIG$sig mid-write: stopped $((t1 - t0)) ms after the signal (< 2000)"
	test -z "$(ls -A "$d")"
	ok $? "SIG$sig mid-write: nothing left, the ELF neither ($(ls -A "$d" | tr '\n' ' '))"
	grep -q "x.data: interrupted by a signal; not written" "$d.err"
	ok $? "SIG$sig mid-write: stderr says so ($(cat "$d.err"))"
	if [ $sig = INT ]; then
		unwrap "$d.out" | grep -q "^interrupted by SIGINT while $d/x.data was written: the run is complete" &&
			tail -1 "$d.out" | grep -qx "\[ perf record: $d/x.data not written: interrupted by SIGINT while it was written \]"
		ok $? "SIGINT mid-write: the report, marked interrupted, the perf.data not written ($(tail -1 "$d.out"))"
	else
		test "$(jsonq "$d.out" '$j->{output_error}{signal} . " " . $j->{output_error}{file} . " " . (defined $j->{interrupted} ? "run" : "-")')" = "SIGTERM $d/x.data -"
		ok $? "SIGTERM mid-write, --json: output_error names the file and the signal"
	fi
done

# --- past the size limit: refused before writing ---
# (70 GiB; a bound of 100 MiB on this run, in case it writes)
(ulimit -f 102400 && exec "$AUXSIM" run "$MIGRATE" --duration 300s -o big.data) >out 2>err
rc=$?
test $rc = 2 && grep -q "^auxsim run: -o: big.data: the perf.data would be [0-9.]* GiB ([0-9]* bytes), past the limit of 16 GiB (docs/scenario-format.md, Limits)" err
ok $? "a perf.data past 16 GiB: refused, exit 2 (got $rc: $(cat err))"
grep -q "^Snapshots: " out && tail -1 out | grep -q '^\[ perf record: big.data not written: the perf.data would be .* past the limit of 16 GiB'
ok $? "... the report printed, saying so ($(tail -1 out))"
test ! -e big.data && test ! -e big.data.auxsim.elf
ok $? "... nothing written"

# --- a failed write: its errno, the report all the same ---
# (a 10 MiB file size limit: EFBIG, as a full disk is ENOSPC)
(ulimit -f 10240 && exec "$AUXSIM" run "$MIGRATE" --duration 1s -o f.data) >out 2>err
rc=$?
test $rc = 4 && grep -qx "auxsim run: -o: f.data: File too large" err
ok $? "a write that fails: its errno, exit 4 (got $rc: $(cat err))"
tail -1 out | grep -qx '\[ perf record: f.data not written: File too large \]'
ok $? "... the report printed, the perf.data not written ($(tail -1 out))"
test -z "$(ls -A | grep '^f\.data\|^\.f\.data')"
ok $? "... nothing left"
# (stdout through a pipe: the limit is on files)
( (ulimit -f 4 && exec "$AUXSIM" run "$S/s000-p1-p5.scn" --svg p.svg) 2>err
	echo $? >rc) | cat >out
rc=$(cat rc)
test $rc = 4 && grep -qx "auxsim run: --svg: p.svg: File too large" err &&
	tail -1 out | grep -qx 'p.svg not written: File too large' &&
	grep -q '^\[ perf record: Captured and wrote' out && test ! -e p.svg
ok $? "--svg that fails: exit 4, the report says which file (got $rc: $(cat err))"

# --- a filesystem without the room: said before writing ---
if [ "$(id -u)" = 0 ] && unshare -m true 2>/dev/null; then
	mkdir small
	unshare -m sh -c 'mount -t tmpfs -o size=20m tmpfs small &&
		"$1" run "$2" --duration 1s -o small/x.data >out 2>err
		echo $? >rc; ls -A small >left' sh "$AUXSIM" "$MIGRATE"
	test "$(cat rc)" = 4 &&
		grep -q "^auxsim run: -o: small/x.data: No space left on device: the perf.data and its ELF need [0-9.]* MiB ([0-9]* bytes), the filesystem has 20.0 MiB (20971520 bytes) free$" err
	ok $? "a 20 MiB tmpfs: ENOSPC with the sizes, exit 4 (got $(cat rc): $(cat err))"
	tail -1 out | grep -q '^\[ perf record: small/x.data not written: No space left on device: '
	ok $? "... the report printed ($(tail -1 out))"
	test ! -s left
	ok $? "... nothing left on it ($(cat left))"
else
	ok 0 "# SKIP a small tmpfs: needs root and unshare -m"
	ok 0 "# SKIP a small tmpfs: needs root and unshare -m"
	ok 0 "# SKIP a small tmpfs: needs root and unshare -m"
fi

done_testing
