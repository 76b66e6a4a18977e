#!/bin/sh
# bench-check.sh AUXSIM: the model checker's figures for `make bench`:
# time to the first counterexample (seed 001 unpatched), then exhaustive
# search with the proposed fix, as the depth bound and the CPUs grow.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
aux=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
c=$top/scenarios/c001-throttle-pause.scn
# the fastest of three runs of a check (the JSON of it): this is a shared
# machine, and a first touch of fresh memory can cost more than a search
best3() {
	for k in 1 2 3; do
		"$@" >"$tmp/r$k.json" || true
	done
	perl -MJSON::PP -e 'my ($best, $bs);
		for my $f (@ARGV) { local $/; open my $h, "<", $f or next;
			my $j = decode_json(<$h>);
			if (!defined $bs || $j->{stats}{seconds} < $bs) {
				$bs = $j->{stats}{seconds}; $best = $f; } }
		open my $h, "<", $best; local $/; print <$h>' "$tmp"/r1.json "$tmp"/r2.json "$tmp"/r3.json
}
stat() {
	perl -MJSON::PP -e 'local $/; my $j = decode_json(<STDIN>); my $s = $j->{stats};
		printf "%-10s %9d states %9d transitions %7.3f s %9.0f states/s %9.0f trans/s %3d B/state %7d KiB RSS%s\n",
			$ARGV[0], $s->{states}, $s->{transitions}, $s->{seconds},
			$s->{states_per_sec}, $s->{transitions_per_sec},
			$s->{bytes_per_state}, $s->{peak_rss_kib},
			@{$j->{violations}} ? "  (counterexample of $j->{violations}[0]{length})" : ""' "$1"
}
echo "checker: s001-throttle-pause (the seed's command, 6-CPU Juno, 400 interrupts a tick); fastest of 3"
best3 "$aux" check "$top/scenarios/s001-throttle-pause.scn" --json | stat "first-cex" || true
best3 "$aux" check "$top/scenarios/s001-throttle-pause.scn" --patch aux-throttle-fix --json | stat "fix"
for d in 5 6 7; do
	sed "s/^check depth .*/check depth $d tick 2 overflow 3 switch 1 munmap 1/" \
		"$top/scenarios/s001-throttle-pause.scn" >"$tmp/s.scn"
	best3 "$aux" check "$tmp/s.scn" --patch aux-throttle-fix --dfs --max-states 8388608 --json | stat "depth $d"
done
echo "checker: c001-throttle-pause (seed 001, juno-2cpu); fastest of 3"
best3 "$aux" check "$c" --json | stat "first-cex" || true
for d in 8 10 12 14 16; do
	sed "s/^check depth .*/check depth $d tick 4 overflow 8 switch 3 ioctl 2 munmap 1/" "$c" >"$tmp/d.scn"
	best3 "$aux" check "$tmp/d.scn" --patch aux-throttle-fix --dfs --max-states 4194304 --json | stat "depth $d"
done
echo "the same on 2 and 4 CPUs (depth 12, one pass)"
for m in juno-2cpu n1sdp; do
	sed -e "s/^check depth .*/check depth 12 tick 4 overflow 8 switch 3 ioctl 2 munmap 1/" \
	    -e "s/^machine .*/machine $m/" "$c" >"$tmp/m.scn"
	"$aux" check "$tmp/m.scn" --patch aux-throttle-fix --dfs --max-states 4194304 --json | stat "$m"
done
echo "two processes sharing the table (-j 2), depth 14"
sed "s/^check depth .*/check depth 14 tick 4 overflow 8 switch 3 ioctl 2 munmap 1/" "$c" >"$tmp/j.scn"
"$aux" check "$tmp/j.scn" --patch aux-throttle-fix --dfs --max-states 4194304 --json | stat "jobs 1"
"$aux" check "$tmp/j.scn" --patch aux-throttle-fix --dfs --max-states 4194304 -j 2 --json | stat "jobs 2"
echo "bitstate (2^26 bits = 8 MiB), depth 16"
sed "s/^check depth .*/check depth 16 tick 4 overflow 8 switch 3 ioctl 2 munmap 1/" "$c" >"$tmp/b.scn"
"$aux" check "$tmp/b.scn" --patch aux-throttle-fix --dfs --bitstate 26 --json | stat "bitstate"
echo "sleep sets on per-CPU SPE buffers (n1sdp, claim e's command, depth 10)"
sed "s/^check depth .*/check depth 10 tick 3 overflow 6/" "$top/scenarios/c001-claim-e.scn" >"$tmp/e.scn"
"$aux" check "$tmp/e.scn" --patch aux-throttle-fix --json | stat "POR"
"$aux" check "$tmp/e.scn" --patch aux-throttle-fix --no-por --json | stat "no-POR"
