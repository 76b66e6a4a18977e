#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# t1260-killed-writers: `auxsim run -o F.data` killed (SIGKILL, SIGTERM,
# SIGINT) while it writes a perf.data of hundreds of MB leaves F.data as it
# was (the previous complete file, or none) and nothing else in the
# directory; a symlink planted under the old predictable temporary name is
# not followed; the file is fsync()ed before it is given its name, and the
# directory after (strace, when it is there).
. "$(dirname "$0")/lib.sh"
S=$TOP/scenarios
SCN=$S/s000-dd-migrate.scn

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

# kill_mid_write SIG DIR: run -o DIR/F.data, SIG it once it is writing
# (SIGTERM, SIGINT: caught, the first stops the writer); sets $rc (the
# exit status) and $hit (1: the signal came mid-write)
kill_mid_write() {
	# a background job of a script ignores SIGINT: give it back
	env --default-signal=INT,TERM "$AUXSIM" run "$SCN" --duration 1s \
		-o "$2/F.data" >/dev/null 2>"$2.err" &
	pid=$!
	hit=0
	n=0
	while [ $n -lt 6000 ] && kill -0 $pid 2>/dev/null; do
		if writing $pid "$2"; then
			kill -"$1" $pid
			hit=1
			break
		fi
		sleep 0.01
		n=$((n + 1))
	done
	wait $pid 2>/dev/null
	rc=$?
}

for sig in KILL TERM INT; do
	d=$(cd "$TMP" && pwd -P)/$sig
	mkdir "$d"
	# the previous complete file, to be kept
	"$AUXSIM" run "$SCN" --duration 150ms -o "$d/F.data" >/dev/null
	cp "$d/F.data" "$TMP/prev.data"
	kill_mid_write $sig "$d"
	case $sig in KILL) want=137 ;; TERM) want=143 ;; INT) want=130 ;; esac
	if [ $hit = 1 ]; then
		test $rc = $want
		ok $? "SIG$sig mid-write: exit $want (got $rc)"
		cmp -s "$d/F.data" "$TMP/prev.data"
		ok $? "SIG$sig mid-write: F.data is the previous complete file"
		# SIGTERM and SIGINT: the writer itself stopped, and said so
		if [ $sig != KILL ]; then
			grep -q "F.data: interrupted by a signal; not written" "$d.err"
			ok $? "SIG$sig mid-write: the writer says so: $(cat "$d.err")"
		fi
	else
		# the write ended before the signal: a complete new file
		test $rc = 0 && ! cmp -s "$d/F.data" "$TMP/prev.data"
		ok $? "SIG$sig came after the write (# timing): a new file"
		ok 0 "# skip: not mid-write"
	fi
	# (the ELF is the previous run's: the killed one named neither)
	test "$(LC_ALL=C ls -A "$d" | tr '\n' ' ')" = "F.data F.data.auxsim.elf "
	ok $? "SIG$sig: nothing else in the directory ($(LC_ALL=C ls -A "$d" | tr '\n' ' '))"
	rm -rf "$d"
done

# no previous file: none after SIGKILL
d=$(cd "$TMP" && pwd -P)/none
mkdir "$d"
kill_mid_write KILL "$d"
test ! -e "$d/F.data" || test $hit = 0
ok $? "SIGKILL mid-write, no previous file: no F.data"
test -z "$(ls -A "$d")"
ok $? "... and no temporary file, nor an ELF ($(LC_ALL=C ls -A "$d" | tr '\n' ' '))"
rm -rf "$d"

# without O_TMPFILE (the fallback, as on a filesystem that has none) the
# file is written under .F.data.XXXXXXXXXXXX from the start: SIGKILL,
# which no program can catch, leaves that behind, as auxsim(1) says (and
# F.data as it was)
d=$(cd "$TMP" && pwd -P)/fallback
mkdir "$d"
export AUXSIM_TEST_NO_TMPFILE=1
kill_mid_write KILL "$d"
unset AUXSIM_TEST_NO_TMPFILE
if [ $hit = 1 ]; then
	test ! -e "$d/F.data" &&
		LC_ALL=C ls -A "$d" | grep -qx '\.F\.data\.[A-Za-z0-9_-]\{12\}'
	ok $? "no O_TMPFILE, SIGKILL mid-write: no F.data, a .F.data.XXXXXXXXXXXX left ($(LC_ALL=C ls -A "$d" | tr '\n' ' '))"
else
	ok 0 "# skip: not mid-write"
fi
rm -rf "$d"
sed -n '/^\.SS run/,/^\.SS check/p' "$TOP/man/auxsim.1" | tr '\n' ' ' >"$TMP/man-run"
grep -q 'SIGKILL' "$TMP/man-run" && grep -q 'O_TMPFILE' "$TMP/man-run" &&
	grep -q '\.NAME\.XXXXXXXXXXXX' "$TMP/man-run"
ok $? "auxsim(1) says what SIGKILL can leave beside the file"

# a symlink planted under the old temporary name (PATH.tmp.PID): the
# process is the shell that planted it, exec()ed
echo precious >"$TMP/victim"
sh -c 'ln -s "$1/victim" "$1/p.data.tmp.$$" &&
	exec "$2" run "$3" --duration 150ms -o "$1/p.data"' sh "$TMP" \
	"$AUXSIM" "$SCN" >/dev/null
test $? = 0 && test "$(cat "$TMP/victim")" = precious && test -f "$TMP/p.data" &&
	test ! -L "$TMP/p.data"
ok $? "a symlink at PATH.tmp.PID is not followed"
AUXSIM_TEST_NO_TMPFILE=1 sh -c 'ln -s "$1/victim" "$1/q.cex.tmp.$$" &&
	exec "$2" check "$3" -o "$1/q.cex"' sh "$TMP" "$AUXSIM" \
	"$S/c001-throttle-pause.scn" >/dev/null
test $? = 1 && test "$(cat "$TMP/victim")" = precious && test -f "$TMP/q.cex"
ok $? "... nor by the fallback without O_TMPFILE (check -o)"
test "$(ls -A "$TMP" | grep -c '^\.')" = 0
ok $? "... which leaves no temporary file"

# -o a directory: the error names it
mkdir "$TMP/dir.data"
"$AUXSIM" run "$SCN" --duration 150ms -o "$TMP/dir.data" >/dev/null 2>"$TMP/e"
test $? != 0 && grep -qi "dir.data: is a directory" "$TMP/e" &&
	! grep -q '\.tmp\.\|/\.dir' "$TMP/e"
ok $? "-o a directory: an error naming the target ($(cat "$TMP/e"))"

# the syscalls: the data synced before it has a name, the directory after
if command -v strace >/dev/null 2>&1; then
	for mode in O_TMPFILE fallback; do
		e=
		[ $mode = fallback ] && e=AUXSIM_TEST_NO_TMPFILE=1
		(cd "$TMP" && env $e strace -f -o "$TMP/st.log" \
			-e trace=openat,fsync,linkat,renameat,renameat2,unlinkat \
			"$AUXSIM" check "$S/c001-throttle-pause.scn" -o s.cex \
			>/dev/null 2>&1)
		# the calls on the cex file, in order, with fds and names
		# reduced to their role
		perl -ne '
			if (/openat\(AT_FDCWD, "\.", O_RDONLY\|O_CLOEXEC\|O_DIRECTORY\) = (\d+)/) { $dir = $1; print "dir\n" }
			elsif (defined $dir && /openat\($dir, "\.", O_WRONLY\|O_CLOEXEC\|O_TMPFILE, 0666\) = (\d+)/) { $f = $1; print "tmpfile\n" }
			elsif (defined $dir && /openat\($dir, "\.s\.cex\.\w{12}", O_WRONLY\|O_CREAT\|O_EXCL\|O_NOFOLLOW\|O_CLOEXEC, 0666\) = (\d+)/) { $f = $1; print "excl\n" }
			elsif (defined $f && /fsync\($f\)\s+= 0/) { print "fsync file\n" }
			elsif (defined $f && /linkat\(AT_FDCWD, "\/proc\/self\/fd\/$f", $dir, "\.s\.cex\.\w{12}", AT_SYMLINK_FOLLOW\) = 0/) { print "link\n" }
			elsif (defined $dir && /renameat2?\($dir, "\.s\.cex\.\w{12}", $dir, "s\.cex"/) { print "rename\n" }
			elsif (defined $dir && /unlinkat\($dir, "\.s\.cex\.\w{12}", 0\) = 0/) { print "unlink\n" }
			elsif (defined $dir && /fsync\($dir\)\s+= 0/) { print "fsync dir\n" }' \
			"$TMP/st.log" | tr '\n' ',' >"$TMP/calls"
		# first the pre-run check (cli_output()): the same open,
		# undone; then the write
		if [ $mode = O_TMPFILE ]; then
			want="dir,tmpfile,dir,tmpfile,fsync file,link,rename,fsync dir,"
		else
			want="dir,excl,unlink,dir,excl,fsync file,rename,fsync dir,"
		fi
		test "$(cat "$TMP/calls")" = "$want"
		ok $? "strace, $mode: $(cat "$TMP/calls")"
		rm -f "$TMP/s.cex"
	done
else
	ok 0 "# skip: no strace"
	ok 0 "# skip: no strace"
fi

done_testing
