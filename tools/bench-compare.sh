#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# bench-compare.sh - the speed of two builds of auxsim, as ratios measured
# in one run: the machine is shared and noisy, so the builds take turns,
# ROUNDS times each, and the best time of each is kept.
#
#   tools/bench-compare.sh [--rounds N] OLD-AUXSIM NEW-AUXSIM
#
# Workloads: the timed simulator (run s000-dd-migrate over 300 s, and
# s001-throttle-pause over 10 s) and the checker (c001-throttle-pause with
# the fix patch, depth 12 in one --dfs pass, as tools/bench-check.sh runs
# it, and s001-throttle-pause with the fix, exhaustive).
# Prints a line per workload: best seconds of each build and NEW/OLD (below
# 1: the new build is faster).  Not a test: no threshold, exit 0 unless a
# build fails.
set -eu

rounds=5
if [ "${1:-}" = --rounds ]; then
	rounds=$2
	shift 2
fi
if [ $# -ne 2 ] || [ ! -x "$1" ] || [ ! -x "$2" ]; then
	echo "usage: $0 [--rounds N] OLD-AUXSIM NEW-AUXSIM" >&2
	exit 2
fi
old=$1
new=$2
S=$(cd "$(dirname "$0")/.." && pwd)/scenarios
tmp=$(mktemp -d "${TMPDIR:-/tmp}/auxsim-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
sed "s/^check depth .*/check depth 12 tick 4 overflow 8 switch 3 ioctl 2 munmap 1/" \
	"$S/c001-throttle-pause.scn" >"$tmp/d12.scn"

# seconds one command takes, with nanoseconds (a tool, not model output)
secs() {
	t0=$(date +%s%N)
	"$@" >/dev/null 2>&1 || {
		echo "bench-compare: failed: $*" >&2
		exit 1
	}
	t1=$(date +%s%N)
	echo $(((t1 - t0) / 1000))
}

# workload NAME ARGS...: both builds, in turns, best of each
workload() {
	name=$1
	shift
	bo=
	bn=
	i=0
	while [ $i -lt "$rounds" ]; do
		o=$(secs "$old" "$@")
		n=$(secs "$new" "$@")
		if [ -z "$bo" ] || [ "$o" -lt "$bo" ]; then bo=$o; fi
		if [ -z "$bn" ] || [ "$n" -lt "$bn" ]; then bn=$n; fi
		i=$((i + 1))
	done
	awk -v name="$name" -v o="$bo" -v n="$bn" 'BEGIN {
		printf "%-34s old %8.3f s  new %8.3f s  new/old %.3f\n",
			name, o / 1e6, n / 1e6, n / o }'
}

echo "best of $rounds, builds in turns"
workload "run s000-dd-migrate 300s" run "$S/s000-dd-migrate.scn" \
	--duration 300s
workload "run s001-throttle-pause 10s" run "$S/s001-throttle-pause.scn" \
	--duration 10s
workload "check c001 fix depth 12 --dfs" check "$tmp/d12.scn" \
	--patch aux-throttle-fix --dfs --max-states 4194304
workload "check s001 fix" check "$S/s001-throttle-pause.scn" \
	--patch aux-throttle-fix
