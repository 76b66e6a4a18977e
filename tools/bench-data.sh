#!/bin/sh
# bench-data.sh AUXSIM: `make bench`'s perf.data figure: writing the
# perf.data of s000-dd-migrate over 10 simulated seconds (4 MiB of AUX a
# CPU, a snapshot every 100 ms), against cp of a file of the same size in
# the same run.  Target: at least half cp's speed.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
aux=$1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/auxsim-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
now() { date +%s.%N; }
t0=$(now)
"$aux" run "$top/scenarios/s000-dd-migrate.scn" --duration 10s \
	-o "$tmp/migrate.data" >/dev/null
t1=$(now)
size=$(stat -c %s "$tmp/migrate.data")
cp "$tmp/migrate.data" "$tmp/copy.data"
t2=$(now)
perl -e 'my ($t0, $t1, $t2, $size) = @ARGV;
	my ($w, $c) = ($t1 - $t0, $t2 - $t1);
	printf "perf.data: s000-dd-migrate, 10 simulated s: %.1f MiB\n", $size / 1048576;
	printf "  auxsim run -o     %7.3f s  %8.1f MiB/s (the run, trace bytes made and written)\n", $w, $size / 1048576 / $w;
	printf "  cp                %7.3f s  %8.1f MiB/s\n", $c, $size / 1048576 / $c;
	printf "  ratio             %7.2f of cp   (target >= 0.50)\n", $c / $w;' \
	"$t0" "$t1" "$t2" "$size"
