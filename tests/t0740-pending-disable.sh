#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# t0740-pending-disable: a TRUNCATED end on CPU 0 disables the event in
# v5.12 and v7.1, but not in v6.1, where ring_buffer.c stores
# smp_processor_id() into a pending_disable that core.c reads as a flag.
. "$(dirname "$0")/lib.sh"
S=$TOP/tests/scenarios/pending-disable-cpu0.scn

# records KERNEL PERF: the PERF_RECORD_AUX lines of the run, as "cpuN@T"
records() {
	"$AUXSIM" run "$S" --kernel "$1" --perf "$2" |
		awk '/ PERF_RECORD_AUX offset/ { printf "%s@%s ", $2, $1 }'
}

r=$(records v5.12 perf-5.13)
test "$r" = "cpu0@0.050000 cpu1@0.100000 "
ok $? "v5.12: CPU 0's event stays off after its TRUNCATED end ($r)"
r=$(records v6.1 perf-6.1)
test "$r" = "cpu0@0.050000 cpu1@0.100000 cpu0@0.150000 "
ok $? "v6.1: CPU 0's disable is lost, it traces again at 100 ms ($r)"
r=$(records v7.1 perf-7.1)
test "$r" = "cpu0@0.050000 cpu1@0.100000 "
ok $? "v7.1 (the fix): CPU 0's event stays off ($r)"
"$AUXSIM" run "$S" --log | grep -q "pending_disable = smp_processor_id() = 0"
ok $? "v6.1: the log says why"

done_testing
