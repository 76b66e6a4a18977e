#!/bin/sh
# run-seeds.sh AUXSIM: the main job - reproduce seed 000 with every variant
# that matters and print what each shows.  Exit status is auxsim's.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
aux=$1
s=$top/scenarios
hr() { printf '\n==== %s ====\n\n' "$*"; }

hr "seed 000: the RFC's diagram, P1..P5 (kernel v5.12, perf 5.13)"
"$aux" run "$s/s000-p1-p5.scn"

hr "seed 000 as reported: one SIGUSR2 after 1 s, seeds 1..20 (v5.12, perf 5.13)"
for seed in $(seq 1 20); do
	"$aux" run "$s/s000-dd-1s.scn" --seed "$seed" |
		awk -v seed="$seed" '/^  total/ { t = $4 }
			/Captured and wrote/ { c = $(NF-3) }
			END { printf "seed %2d: snapshot %s MiB; Captured and wrote %s MB\n", seed, substr(t, 2), c }'
done

hr "seed 000: dd migrating, SIGUSR2 every 100 ms (v5.12, perf 5.13)"
"$aux" run "$s/s000-dd-migrate.scn"

hr "seed 000: the same, dd pinned to CPU 1"
"$aux" run "$s/s000-dd-pinned.scn"

hr "seed 000: snapshot sizes across seeds 1..20, per variant"
printf '%-44s %s\n' "variant" "per-snapshot MiB (min..max over seeds), discontinuous/stale snapshots"
for v in "--perf perf-5.13" "--perf perf-5.13 --patch etm-snapshot-rfc" \
	 "--perf perf-6.1" "--perf perf-6.1 --patch etm-snapshot-rfc"; do
	# shellcheck disable=SC2086
	for seed in $(seq 1 20); do
		"$aux" run "$s/s000-dd-migrate.scn" --seed "$seed" $v |
			grep '^Snapshots:'
	done | awk -v v="$v" '
		{ lo = $5 + 0; hi = $8 + 0; d += $13; st += $15
		  if (NR == 1 || lo < min) min = lo; if (hi > max) max = hi }
		END { printf "%-44s %.3f .. %.3f, %d / %d\n", v, min, max, d, st }'
done

hr "seed 000 with the RFC and perf 6.1 (what the RFC captures, and what it loses)"
"$aux" run "$s/s000-dd-migrate.scn" --patch etm-snapshot-rfc --perf perf-6.1

hr "seed 001: perf record -a with AUX pause/resume actions, Juno, 7.1-rc1"
"$aux" run "$s/s001-throttle-pause.scn"

hr "seed 001 with the seed's patch (aux-pause-throttle-v1)"
"$aux" run "$s/s001-throttle-pause.scn" --patch aux-pause-throttle-v1

for c in a b c d e; do
	hr "seed 001, review claim ($c), with the patch"
	"$aux" run "$s/s001-claim-$c.scn"
done
