#!/bin/sh
# bench.sh BENCH-BINARY: the speed and memory figures of `make bench`.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
"$1" "$top/scenarios/s000-dd-migrate.scn" 10s 5 500
"$1" "$top/scenarios/s001-throttle-pause.scn" 10s 3 20
"$top/tools/bench-check.sh" "$top/auxsim"
"$top/tools/bench-data.sh" "$top/auxsim"
