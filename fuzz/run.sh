#!/bin/sh
# run.sh DIR SECONDS TARGET... [-- LIBFUZZER-ARGS...] - run each libFuzzer
# target DIR/TARGET for SECONDS (make fuzz), from its committed seed corpus
# fuzz/corpus/TARGET/ and the corpus earlier runs grew in DIR/corpus/TARGET/
# (where new inputs go: never into the tree); fuzz-scenario also reads the
# scenarios of scenarios/, tests/scenarios/ and tests/malformed/ (as they
# are: its input is a scenario file).  Crashes, leaks and timeouts
# go to DIR/TARGET-crash-*, ...; the fuzzer runs in DIR, so that nothing it
# writes lands in the tree.
#
# SECONDS "once": run each target over its committed corpus once and stop
# (-runs=0; make check's smoke test), its output in DIR/TARGET.log.  Exit
# 1 if any target failed.
set -eu
dir=$(cd "$1" && pwd)
secs=$2
shift 2
top=$(cd "$(dirname "$0")/.." && pwd)
targets=""
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
	targets="$targets $1"
	shift
done
[ $# -gt 0 ] && shift
extra="$*" # libFuzzer's flags: -name=value, no blanks

# run target $1 in $dir with libFuzzer's flags $2.., then the corpora
fuzz() {
	t=$1
	shift
	case $t in
	fuzz-replay) dict=replay.dict ;;
	*) dict=scenario.dict ;;
	esac
	# shellcheck disable=SC2086 # $extra: a list of flags
	(cd "$dir" && "./$t" -timeout=10 -artifact_prefix="$dir/$t-" \
		-dict="$top/fuzz/$dict" $extra "$@")
}

failed=""
for t in $targets; do
	set -- "$top/fuzz/corpus/$t"
	[ "$t" = fuzz-scenario ] && set -- "$@" "$top/scenarios" \
		"$top/tests/scenarios" "$top/tests/malformed"
	if [ "$secs" = once ]; then
		# libFuzzer writes to the first directory: an empty one
		rm -rf "$dir/once/$t" && mkdir -p "$dir/once/$t"
		if fuzz "$t" -runs=0 "once/$t" "$@" >"$dir/$t.log" 2>&1; then
			n=$(sed -n 's/^#\([0-9]*\).*INITED.*/\1/p' "$dir/$t.log")
			echo "$t: ${n:-?} runs over its corpus: ok"
		else
			tail -40 "$dir/$t.log" >&2
			failed="$failed $t"
		fi
		continue
	fi
	mkdir -p "$dir/corpus/$t"
	echo "# --- $t: $secs s, corpus $dir/corpus/$t + the seeds ---"
	fuzz "$t" -max_total_time="$secs" -print_final_stats=1 "corpus/$t" \
		"$@" || failed="$failed $t"
done
if [ -n "$failed" ]; then
	echo "fuzz: failed:$failed (the inputs are in $dir)" >&2
	exit 1
fi
