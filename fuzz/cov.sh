#!/bin/sh
# cov.sh DIR CORPUS-DIR TARGET... - line coverage of the fuzz targets
# (make fuzz-cov): each DIR/TARGET, built with clang's source-based
# coverage, runs once over its corpora (CORPUS-DIR/TARGET, what make fuzz
# grew, and the committed seeds, as fuzz/run.sh reads them); then
# llvm-profdata merges the profiles and llvm-cov reports per source file
# of src/, each target alone (DIR/TARGET.txt) and all together
# (DIR/all.txt, printed).
set -eu
dir=$(cd "$1" && pwd)
grown=$2
[ -d "$grown" ] && grown=$(cd "$grown" && pwd)
shift 2
top=$(cd "$(dirname "$0")/.." && pwd)
objs=""
profs=""
for t in "$@"; do
	set -- "$top/fuzz/corpus/$t"
	[ "$t" = fuzz-scenario ] && set -- "$@" "$top/scenarios" \
		"$top/tests/scenarios" "$top/tests/malformed"
	[ -d "$grown/$t" ] && set -- "$grown/$t" "$@"
	rm -f "$dir/$t.profraw"
	(cd "$dir" && LLVM_PROFILE_FILE="$dir/$t.profraw" "./$t" -runs=0 \
		"$@" >"$dir/$t.log" 2>&1) || {
		echo "fuzz-cov: $t failed (its log: $dir/$t.log)" >&2
		exit 1
	}
	llvm-profdata merge -sparse -o "$dir/$t.profdata" "$dir/$t.profraw"
	llvm-cov report "$dir/$t" -instr-profile="$dir/$t.profdata" \
		-ignore-filename-regex='fuzz/fuzz-[a-z]*\.c$' >"$dir/$t.txt"
	objs="$objs -object $dir/$t"
	profs="$profs $dir/$t.profraw"
done
# shellcheck disable=SC2086 # lists of words
llvm-profdata merge -sparse -o "$dir/all.profdata" $profs
# shellcheck disable=SC2086
llvm-cov report $objs -instr-profile="$dir/all.profdata" \
	-ignore-filename-regex='fuzz/fuzz-[a-z]*\.c$' | tee "$dir/all.txt"
