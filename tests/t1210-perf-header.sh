#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# t1210-perf-header: the perf.data's header features and kernel maps
# (perf/header.c, perf/pmu.c, perf/synthetic-events.c): `perf report
# --header-only` shows the modelled run (host name, the kernel variant's
# release, the perf variant's version, the scenario's command line, the
# machine's CPUs, caches, memory and PMUs), the features perf 6.1 leaves
# out on an arm64 board are missing, the kernel MMAPs stop perf's
# kptr_restrict warning, and every warning perf still prints is one of
# those docs/perf-data.md lists.
. "$(dirname "$0")/lib.sh"
S=$TOP/scenarios

"$TOP/tools/deps.sh" perf >"$TMP/deps" 2>&1
ok $? "perf and OpenCSD are there (tools/deps.sh perf)"

# -I: the features perf prints only when asked (CPU_TOPOLOGY,
# NUMA_TOPOLOGY, CACHE, MEM_TOPOLOGY)
hdr() { perf report --header-only -I -i "$1" >"$2" 2>"$2.err"; }
has() { grep -qxF -- "$2" "$1"; }

# --- seed 000: Juno, v5.12, perf 5.13 ---
"$AUXSIM" run "$S/s000-dd-1s.scn" --duration 50ms -o "$TMP/a.data" >/dev/null 2>>"$TMP/warn"
hdr "$TMP/a.data" "$TMP/a.h"
ok $? "perf report --header-only -I reads it"
perf report --header-only -i "$TMP/a.data" >"$TMP/a.h0" 2>&1
n=0
for f in CPU_TOPOLOGY NUMA_TOPOLOGY CACHE MEM_TOPOLOGY; do
	has "$TMP/a.h0" "# $f info available, use -I to display" && n=$((n + 1))
done
test $n = 4
ok $? "without -I: CPU_TOPOLOGY, NUMA_TOPOLOGY, CACHE, MEM_TOPOLOGY info available"
has "$TMP/a.h" "# hostname : juno"
ok $? "HOSTNAME: the machine's (juno)"
has "$TMP/a.h" "# os release : 5.12.0"
ok $? "OSRELEASE: kernel v5.12's release"
has "$TMP/a.h" "# perf version : 5.13.0"
ok $? "VERSION: perf-5.13's"
has "$TMP/a.h" "# arch : aarch64"
ok $? "ARCH: aarch64"
has "$TMP/a.h" "# nrcpus online : 6" && has "$TMP/a.h" "# nrcpus avail : 6"
ok $? "NRCPUS: the Juno's six CPUs"
has "$TMP/a.h" "# cpuid : 0x00000000410fd030"
ok $? "CPUID: CPU 0's MIDR without variant and revision (a Cortex-A53)"
has "$TMP/a.h" "# total memory : 8199948 kB"
ok $? "TOTAL_MEM: the machine's MemTotal"
cmd=$(sed -n 's/^perf \(record .*\)$/\1/p' "$S/s000-dd-1s.scn")
test -n "$cmd" && has "$TMP/a.h" "# cmdline : /usr/bin/perf $cmd "
ok $? "CMDLINE: the scenario's perf record command line ($cmd)"
grep -q '^# event : name = cs_etm//, , id = { 1, 2, 3, 4, 5, 6 }, type = 10,' "$TMP/a.h"
ok $? "EVENT_DESC: cs_etm// with its ids"
has "$TMP/a.h" "# sibling sockets : 0,3-5" &&
	has "$TMP/a.h" "# sibling sockets : 1-2" &&
	test "$(grep -c '^# sibling threads : [0-5]$' "$TMP/a.h")" = 6 &&
	has "$TMP/a.h" "# CPU 0: Core ID 0, Socket ID 1" &&
	has "$TMP/a.h" "# CPU 2: Core ID 1, Socket ID 0" &&
	has "$TMP/a.h" "# CPU 5: Core ID 3, Socket ID 1"
ok $? "CPU_TOPOLOGY (v5.12): a package per cluster, A53s 0,3-5, A57s 1-2"
has "$TMP/a.h" "# node0 meminfo  : total = 8199948 kB, free = 7768212 kB" &&
	has "$TMP/a.h" "# node0 cpu list : 0-5"
ok $? "NUMA_TOPOLOGY: node 0, every CPU"
has "$TMP/a.h" "# pmu mappings: software = 1, uprobe = 7, cs_etm = 10, breakpoint = 5, tracepoint = 2, armv8_cortex_a57 = 8, kprobe = 6, armv8_cortex_a53 = 9"
ok $? "PMU_MAPPINGS: the board's PMUs in readdir order, cs_etm = 10"
perf evlist -v -i "$TMP/a.data" 2>/dev/null | grep -q '^cs_etm//: type: 10,' &&
	perf report -D -i "$TMP/a.data" 2>/dev/null |
	grep -q 'PMU type/num cpus[[:space:]]*a00000006$'
ok $? "cs_etm's attr.type and AUXTRACE_INFO's PMU type are its PMU_MAPPINGS type"
has "$TMP/a.h" "#  L1 Instruction          48K [1]" &&
	has "$TMP/a.h" "#  L2 Unified            1024K [0,3-5]" &&
	has "$TMP/a.h" "#  L2 Unified            2048K [1-2]" &&
	test "$(grep -c '^#  L1 ' "$TMP/a.h")" = 12
ok $? "CACHE: each CPU's L1s, a cluster's L2 once"
has "$TMP/a.h" "# time of first sample : 0.000000"
ok $? "SAMPLE_TIME: 0 (perf record skips samples when it takes all build IDs)"
has "$TMP/a.h" "# memory nodes (nr 1, block size 0x8000000):" &&
	has "$TMP/a.h" "#    0 [8G]: 16-31,272-319"
ok $? "MEM_TOPOLOGY: the Juno's RAM in 128 MiB blocks"
has "$TMP/a.h" "# armv8_cortex_a57 pmu capabilities: slots=0x00000000"
ok $? "PMU_CAPS: the armv8 PMUs' caps (v5.12: slots)"
has "$TMP/a.h" "# missing features: TRACING_DATA CPUDESC BRANCH_STACK GROUP_DESC STAT CLOCKID DIR_FORMAT COMPRESSED CPU_PMU_CAPS CLOCK_DATA HYBRID_TOPOLOGY "
ok $? "missing: what perf record leaves out on an arm64 board for this command"
perf buildid-list -i "$TMP/a.data" >"$TMP/a.bid" 2>/dev/null
grep -q '^[0-9a-f]\{40\} \[kernel.kallsyms\]$' "$TMP/a.bid" &&
	test "$(grep -c ' /lib/modules/5.12.0/kernel/drivers/hwtracing/coresight/coresight[-a-z0-9]*\.ko$' "$TMP/a.bid")" = 5
ok $? "BUILD_ID: the kernel and the five CoreSight modules"

# --- the kernel MMAPs: no kptr_restrict warning ---
perf report -D -i "$TMP/a.data" 2>/dev/null | grep 'PERF_RECORD_MMAP ' >"$TMP/a.mmap"
grep -q ' PERF_RECORD_MMAP -1/0: \[0xffff800010000000(0xf30000) @ 0xffff800010000000\]: x \[kernel.kallsyms\]_text$' "$TMP/a.mmap" &&
	test "$(grep -c '/lib/modules/5.12.0/.*\.ko$' "$TMP/a.mmap")" = 5
ok $? "PERF_RECORD_MMAP for [kernel.kallsyms]_text at v5.12's _text, and the modules"
perf report --stdio -i "$TMP/a.data" >/dev/null 2>"$TMP/a.rep"
! grep -q 'kptr_restrict\|were restricted' "$TMP/a.rep"
ok $? "perf report: no kptr_restrict warning"

# --- v6.1, perf 6.1: the kernel's topology rule and PMU caps ---
"$AUXSIM" run "$S/s000-dd-1s.scn" --kernel v6.1 --perf perf-6.1 \
	--duration 50ms -o "$TMP/b.data" >/dev/null 2>>"$TMP/warn"
hdr "$TMP/b.data" "$TMP/b.h"
has "$TMP/b.h" "# os release : 6.1.0" && has "$TMP/b.h" "# perf version : 6.1.0"
ok $? "v6.1, perf-6.1: OSRELEASE 6.1.0, VERSION 6.1.0"
has "$TMP/b.h" "# sibling sockets : 0-5" &&
	test "$(grep -c '^# sibling sockets' "$TMP/b.h")" = 1 &&
	has "$TMP/b.h" "# CPU 0: Core ID 0, Socket ID 0"
ok $? "CPU_TOPOLOGY (v6.1): one package, clusters are not packages"
has "$TMP/b.h" "# armv8_cortex_a53 pmu capabilities: slots=0x00000000, bus_slots=0x00000000, bus_width=0x00000000"
ok $? "PMU_CAPS (v6.1): slots, bus_slots, bus_width"
perf report -D -i "$TMP/b.data" 2>/dev/null |
	grep -q 'PERF_RECORD_MMAP -1/0: \[0xffff800008000000(0x1040000) @ 0xffff800008000000\]: x \[kernel.kallsyms\]_text$'
ok $? "v6.1: [kernel.kallsyms]_text at 0xffff800008000000"

# --- a group (v7.1) and the N1SDP ---
"$AUXSIM" run "$S/s001-claim-d.scn" -o "$TMP/d.data" >/dev/null 2>>"$TMP/warn"
hdr "$TMP/d.data" "$TMP/d.h"
has "$TMP/d.h" "# group: {cs_etm//,cycles/period=1000/}" &&
	! grep -q '^# missing features: .*GROUP_DESC' "$TMP/d.h"
ok $? "GROUP_DESC: the {cs_etm//,cycles/period=1000/} group"
has "$TMP/d.h" "# os release : 7.1.0-rc1" && has "$TMP/d.h" "# perf version : 7.1.0-rc1"
ok $? "v7.1, perf-7.1: 7.1.0-rc1"
"$AUXSIM" run "$S/s001-claim-e.scn" -o "$TMP/e.data" >/dev/null 2>>"$TMP/warn"
hdr "$TMP/e.data" "$TMP/e.h"
has "$TMP/e.h" "# hostname : n1sdp" && has "$TMP/e.h" "# nrcpus online : 4" &&
	has "$TMP/e.h" "# cpuid : 0x00000000410fd0c0" &&
	has "$TMP/e.h" "# sibling threads : 3" &&
	has "$TMP/e.h" "#  L2 Unified            1024K [3]"
ok $? "n1sdp: its host name, four N1 (MIDR 0x410fd0c0), a private L2 each"
grep -q '^# pmu mappings: .*arm_spe_0 = 10, armv8_neoverse_n1 = 8$' "$TMP/e.h" &&
	grep -q '^# arm_spe_0 pmu capabilities: ' "$TMP/e.h"
ok $? "n1sdp: arm_spe_0 and armv8_neoverse_n1 with their caps"

# --- a tracepoint evsel: TRACING_DATA with the rest ---
"$AUXSIM" run "$S/s001-claim-c.scn" -o "$TMP/c.data" >/dev/null 2>>"$TMP/warn"
hdr "$TMP/c.data" "$TMP/c.h"
has "$TMP/c.h" "# missing features: CPUDESC BRANCH_STACK GROUP_DESC STAT CLOCKID DIR_FORMAT COMPRESSED CPU_PMU_CAPS CLOCK_DATA HYBRID_TOPOLOGY "
ok $? "s001-claim-c: TRACING_DATA and every other feature a board writes"

# --- only user space traced (cs_etm/.../u): no kernel MMAPs ---
sed 's|^perf record -e cs_etm// -S|perf record -e cs_etm//u -S|' \
	"$S/s000-dd-pinned.scn" >"$TMP/u.scn"
"$AUXSIM" run "$TMP/u.scn" --duration 50ms -o "$TMP/u.data" >/dev/null 2>>"$TMP/warn"
perf report -D -i "$TMP/u.data" >"$TMP/u.d" 2>/dev/null
perf report --stdio -i "$TMP/u.data" >/dev/null 2>"$TMP/u.rep"
grep -q 'cs_etm//u' "$TMP/u.scn" && ! grep -q 'PERF_RECORD_MMAP ' "$TMP/u.d" &&
	! grep -q kptr_restrict "$TMP/u.rep"
ok $? "cs_etm//u: every evsel excludes the kernel, no kernel MMAP, no kptr_restrict warning"

# (to the same path: the MMAP2 names the ELF beside it, FILE.auxsim.elf)
cp "$TMP/a.data" "$TMP/a.first"
"$AUXSIM" run "$S/s000-dd-1s.scn" --duration 50ms -o "$TMP/a.data" >/dev/null 2>>"$TMP/warn"
cmp -s "$TMP/a.first" "$TMP/a.data"
ok $? "the same run, the same bytes"

# --- what perf still prints: only the warnings docs/perf-data.md lists ---
# (the random-file-access/piped-mode warning, and the "no samples" error
# after it, only for a file in which perf read no AUX data: no
# PERF_RECORD_AUXTRACE at all; a per-thread file with AUX data must not
# get them, as a board's does not)
known='^$|^unwind: target platform=arm64 is not supported$|^No kallsyms or vmlinux with build-id [0-9a-f]{40} was found$|^CS ETM: Couldn.t find auxtrace buffer for aux_offset: 0x[0-9a-f]+ tid: [0-9]+ cpu: -?[0-9]+$|^Warning:$|^AUX data lost [0-9]+ times out of [0-9]+!$'
no_aux='^CS ETM warning: Coresight decode and TRBE support requires random file access\.$|^Continuing with best effort decoding in piped mode\.$|^Error:$|^The .* data has no samples!$'
sed 's|^perf record |perf record --per-thread |' "$S/s000-p1-p5.scn" >"$TMP/p1-p5-pt.scn"
for args in "s000-dd-pinned --duration 60ms" "c000-full-trace" \
	"s001-claim-c --duration 20ms" "s000-dd-1s --duration 50ms" \
	"$TMP/p1-p5-pt.scn"; do
	# shellcheck disable=SC2086
	set -- $args
	sc=$1
	shift
	case $sc in /*) scn=$sc ;; *) scn=$S/$sc.scn ;; esac
	"$AUXSIM" run "$scn" "$@" -o "$TMP/w.data" >/dev/null 2>>"$TMP/warn"
	: >"$TMP/w.err"
	for c in "report --stdio" "script" "report --header --stdio" \
		"script --itrace=b" "report -D" "script -D"; do
		# shellcheck disable=SC2086
		perf $c -i "$TMP/w.data" 2>>"$TMP/w.err" >"$TMP/w.out"
		[ "$c" = "report -D" ] && cp "$TMP/w.out" "$TMP/w.d"
	done
	if grep -q ' PERF_RECORD_AUXTRACE ' "$TMP/w.d"; then
		grep -Ev "$known" "$TMP/w.err"
	else
		grep -Ev "$known|$no_aux" "$TMP/w.err"
	fi >"$TMP/w.unknown"
	test -s "$TMP/w.err" && ! test -s "$TMP/w.unknown"
	ok $? "$(basename "$sc" .scn) $*: perf report/script (-D, --header, --itrace=b) print only the documented warnings"
	sed 's/^/#   /' "$TMP/w.unknown" | head -5
done

# --- --per-thread: perf finds each AUX record's buffer by its TID ---
# s000-p1-p5 with --per-thread: one AUX mmap for the task, read once at
# 320 ms; of the five PERF_RECORD_AUX (P1..P5) only P5's data is still
# there whole.  perf 6.1 matches a record to a buffer by CPU, by TID only
# when both CPUs are -1: the buffer's is -1, and the record's too when the
# cs_etm evsel has no PERF_SAMPLE_CPU, as perf record opens it with
# --per-thread (arch/arm/util/cs-etm.c).  So a board's file says "Couldn't
# find" for P1..P4 alone, and decodes P5.
perf evlist -v -i "$TMP/w.data" 2>/dev/null >"$TMP/w.ev"
grep -q '^cs_etm//: .*sample_type: IP|TID|PERIOD|IDENTIFIER,' "$TMP/w.ev" &&
	grep -q '^dummy:u: .*sample_type: IP|TID|PERIOD|IDENTIFIER,' "$TMP/w.ev"
ok $? "--per-thread: no TIME or CPU in sample_type (perf record's attrs)"
perf script -i "$TMP/w.data" --itrace=b -F cpu,ip,sym >"$TMP/w.b" 2>"$TMP/w.err"
test "$(grep -c "Couldn't find auxtrace buffer" "$TMP/w.err")" = 4 &&
	test "$(grep -c "Couldn't find auxtrace buffer .* tid: 2001 cpu: -1$" "$TMP/w.err")" = 4 &&
	! grep -q 'random file access\|piped mode' "$TMP/w.err"
rc=$?
ok $rc "--per-thread s000-p1-p5: 'Couldn't find' for P1..P4 only, no piped-mode warning"
[ $rc = 0 ] || sed 's/^/#   /' "$TMP/w.err" | head -8
awk '$3 != "[unknown]" { print $3 }' "$TMP/w.b" | sort -u >"$TMP/w.syms"
test "$(cat "$TMP/w.syms")" = P5
ok $? "--per-thread s000-p1-p5: perf decodes P5, the slice the snapshot holds ($(tr '\n' ' ' <"$TMP/w.syms"))"

done_testing
