# SPDX-License-Identifier: GPL-2.0
# lib.sh - TAP helpers for the shell tests (git's test-lib.sh, small).
# Needs $AUXSIM (the binary) and $TOP (the source tree), set by make.
: "${AUXSIM:?run through make check}"
: "${TOP:?run through make check}"
test_n=0
test_failed=0
TMP=$(mktemp -d "${TMPDIR:-/tmp}/auxsim-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
echo "TAP version 13"

# ok COND-EXIT-STATUS DESCRIPTION
ok() {
	test_n=$((test_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $test_n - $2"
	else
		echo "not ok $test_n - $2"
		test_failed=$((test_failed + 1))
	fi
}

# expect DESCRIPTION COMMAND...: passes when the command succeeds
expect() {
	desc=$1
	shift
	if "$@" >"$TMP/out" 2>&1; then ok 0 "$desc"; else
		ok 1 "$desc"
		sed 's/^/#   /' "$TMP/out" | head -20
	fi
}

# jq-like: jsonq FILE PERL-EXPR (with $j the decoded document)
jsonq() {
	perl -MJSON::PP -e 'local $/; open my $f, "<", $ARGV[0] or die;
		my $j = JSON::PP->new->decode(<$f>); print eval($ARGV[1]) // "";
		die $@ if $@' "$1" "$2"
}

# unwrap [FILE]: auxsim's text with its wrapped prose joined back into one
# line a paragraph (tools/unwrap.awk), so that a test can match a whole
# sentence or take a whole command
unwrap() {
	awk -f "$TOP/tools/unwrap.awk" "$@"
}

# widths FILE...: fails, printing each line at fault, unless every line
# of auxsim's text output is at most 80 columns, but a table row at most
# 100 (PERF_RECORD_AUX and PERF_RECORD_AUXTRACE rows, the throttling,
# claims and variants tables) and the kernel's own splat lines (WARNING,
# Modules linked in, CPU, Hardware name: printed as the kernel prints
# them, however long)
widths() {
	awk '
	/^ *\[ *[0-9.]+\] (WARNING: |Modules linked in:|CPU: |Hardware name: )/ { next }
	/^ +[0-9.]+ cpu[0-9]+ PERF_RECORD_AUX / || /^  PERF_RECORD_AUXTRACE size: / ||
	/^  [0-9]+ +[0-9]+ +[0-9]+ +[0-9]+ +[0-9]+  [a-z]/ || /^\([a-e]\) / ||
	/^perf-[0-9.]+ / || /^perf +patch +seed / {
		if (length > 100) { print "# table row of " length ": " FILENAME ": " $0; bad = 1 }
		next
	}
	length > 80 { print "# " length " columns: " FILENAME ": " $0; bad = 1 }
	END { exit bad }' "$@"
}

done_testing() {
	echo "1..$test_n"
	[ "$test_failed" -eq 0 ] || { echo "# failed $test_failed of $test_n"; exit 1; }
	exit 0
}
