#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# compare-builds.sh - hold two builds of auxsim against each other, output
# for output: a refactor must change no byte.
#
#   tools/compare-builds.sh [--quick] OLD-AUXSIM NEW-AUXSIM
#
# For every scenario of scenarios/ and tests/scenarios/ that runs, both
# builds write the text report (plain and -v), --json, --svg, --trace-json,
# -o perf.data with its ELF, and --truth (in a run of its own: not every
# session has one); for every scenario that check takes, both run check
# under every patch it accepts (and none), --json and text, with -o
# counterexample files.  The files are compared byte for
# byte, but for the lines that measure the machine (seconds, states per
# second).  Both builds run in one directory, in turn, as ./auxsim, with
# the scenarios at the same relative paths, so that the paths the outputs
# hold are the same.  --quick: check only under no patch.
#
# Prints one line per difference and a summary; exit 0 when the builds
# agree, 1 when they do not, 2 on bad arguments.
set -u

quick=
if [ "${1:-}" = --quick ]; then
	quick=1
	shift
fi
if [ $# -ne 2 ] || [ ! -x "$1" ] || [ ! -x "$2" ]; then
	echo "usage: $0 [--quick] OLD-AUXSIM NEW-AUXSIM (two executables)" >&2
	exit 2
fi
TOP=$(cd "$(dirname "$0")/.." && pwd)
W=$(mktemp -d "${TMPDIR:-/tmp}/auxsim-compare.XXXXXX") || exit 2
trap 'rm -rf "$W"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# one directory the builds take turns in, so that the absolute paths the
# outputs hold (the perf.data names its ELF) are the same: ./auxsim (and
# ./auxsim-check) link to one build, then the other
mkdir -p "$W/run/tests"
ln -s "$TOP/scenarios" "$W/run/scenarios"
ln -s "$TOP/tests/scenarios" "$W/run/tests/scenarios"
for b in old new; do
	if [ $b = old ]; then bin=$1; else bin=$2; fi
	bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
	mkdir -p "$W/$b"
	ln -s "$bin" "$W/$b/auxsim"
	if [ -x "$(dirname "$bin")/auxsim-check" ]; then
		ln -s "$(dirname "$bin")/auxsim-check" "$W/$b/auxsim-check"
	fi
done
use() {
	rm -f "$W/run/auxsim" "$W/run/auxsim-check"
	cp -P "$W/$1/auxsim" "$W/run/"
	[ -L "$W/$1/auxsim-check" ] && cp -P "$W/$1/auxsim-check" "$W/run/"
}

# the patch names auxsim list gives (patches and mutants)
use new
patches=$(cd "$W/run" && ./auxsim list | awk '
	/^[A-Z]/ { on = /^(Patches|Mutants)/; next }
	on && /^  [a-z0-9]/ { print $1 }')

compared=0
differ=0
# each build runs "$@" in its directory; stdout, then each file named
# after -o/--svg/--truth/--trace-json, compared
both() {
	tag=$1
	shift
	for b in old new; do
		use $b
		rm -rf "$W/run/out" "$W/$b/out"
		mkdir "$W/run/out"
		(cd "$W/run" && ./auxsim "$@" >out/stdout 2>out/stderr
		echo $? >out/status)
		mv "$W/run/out" "$W/$b/out"
		# the machine's own speed is no output of the model
		for f in "$W/$b"/out/stdout "$W/$b"/out/stderr; do
			sed -i -E 's/[0-9.]+ s, [0-9]+ states\/s/T s, N states\/s/;
				s/"(seconds|[a-z]+_per_sec|peak_rss_kib)": [0-9.e+-]+/"\1": X/' "$f"
		done
	done
	for f in "$W/old/out"/*; do
		n=$(basename "$f")
		compared=$((compared + 1))
		if ! cmp -s "$f" "$W/new/out/$n"; then
			differ=$((differ + 1))
			echo "DIFFER: $tag: $n"
			diff "$f" "$W/new/out/$n" 2>/dev/null | head -6 |
				sed 's/^/    /'
		fi
	done
	for f in "$W/new/out"/*; do
		[ -e "$W/old/out/$(basename "$f")" ] && continue
		differ=$((differ + 1))
		echo "DIFFER: $tag: $(basename "$f") only in the new build"
	done
}

nscn=0
for s in "$TOP"/scenarios/*.scn "$TOP"/tests/scenarios/*.scn; do
	rel=${s#"$TOP"/}
	nscn=$((nscn + 1))
	both "run $rel" run "$rel" -o out/perf.data --svg out/run.svg \
		--trace-json out/trace.json
	both "run --truth $rel" run "$rel" -o out/perf.data \
		--truth out/truth.json
	both "run -v $rel" run -v "$rel"
	both "run --json $rel" run --json "$rel"
	# a scenario check takes: its exit status says so (2 is refused)
	(cd "$W/run" && ./auxsim check "$rel" >/dev/null 2>&1)
	[ $? -eq 2 ] && continue
	for p in none $patches; do
		[ -n "$quick" ] && [ "$p" != none ] && break
		(cd "$W/run" && ./auxsim check "$rel" --patch "$p" \
			>/dev/null 2>&1)
		[ $? -eq 2 ] && continue
		both "check $rel --patch $p" check "$rel" --patch "$p" \
			-o out/cex
		both "check --json $rel --patch $p" check --json "$rel" \
			--patch "$p"
	done
done
echo "$nscn scenarios, $compared outputs compared: $differ differ"
[ $differ -eq 0 ]
