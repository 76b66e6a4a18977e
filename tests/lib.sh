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

done_testing() {
	echo "1..$test_n"
	[ "$test_failed" -eq 0 ] || { echo "# failed $test_failed of $test_n"; exit 1; }
	exit 0
}
