#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# t0805-splat-machine: a WARN splat names the machine it ran on and the
# modules of the PMUs the run uses (machine.c), never a fixed board.
. "$(dirname "$0")/lib.sh"
S=$TOP/scenarios

# --- Juno, CoreSight (seed 001) ---
"$AUXSIM" run "$S/s001-throttle-pause.scn" >"$TMP/juno.txt"
ok $? "s001 runs"
grep -q '^\[ *0\.004000\] Hardware name: ARM LTD ARM Juno Development Platform/ARM Juno Development Platform$' "$TMP/juno.txt"
ok $? "juno: the DMI name of the seed's splat"
grep -q '^\[ *0\.004000\] Modules linked in: coresight_tmc coresight_etm4x coresight_funnel coresight_replicator coresight$' "$TMP/juno.txt"
ok $? "juno, cs_etm: the CoreSight modules"
grep -q '^\[ *0\.004000\]  etm_event_start \[coresight\]$' "$TMP/juno.txt"
ok $? "juno: etm_event_start [coresight] in the call trace, as in the seed"

# --- N1SDP, SPE (claim e) ---
"$AUXSIM" run "$S/s001-claim-e.scn" >"$TMP/n1.txt"
ok $? "s001-claim-e runs"
grep -q '^\[ *0\.004000\] Hardware name: Arm Neoverse N1 System Development Platform (DT)$' "$TMP/n1.txt"
ok $? "n1sdp: the device tree's model, as an N1SDP prints it"
! grep -q 'Juno' "$TMP/n1.txt"
ok $? "n1sdp: no Juno anywhere in the report"
grep -q '^\[ *0\.004000\] Modules linked in: arm_spe_pmu$' "$TMP/n1.txt"
ok $? "n1sdp, arm_spe only: arm_spe_pmu, no CoreSight module"
grep -q '^\[ *0\.004000\]  arm_spe_pmu_start \[arm_spe_pmu\]$' "$TMP/n1.txt"
ok $? "n1sdp: arm_spe_pmu_start [arm_spe_pmu] in the call trace"
! grep -q 'coresight' "$TMP/n1.txt"
ok $? "n1sdp, arm_spe only: no coresight module named"

# --- the checker's splat, from the same table ---
"$AUXSIM" check --claims "$S" >"$TMP/claims.txt"
sed -n '/^Claim (e)/,/^Claim\|^claim/p' "$TMP/claims.txt" >"$TMP/e.txt"
grep -q 'Hardware name: Arm Neoverse N1 System Development Platform (DT)$' "$TMP/e.txt"
ok $? "check --claims, claim (e) on n1sdp: the N1SDP's name"
grep -q 'Modules linked in: arm_spe_pmu$' "$TMP/e.txt"
ok $? "check --claims, claim (e): arm_spe_pmu"

# --- the splat code names no machine: the table does ---
! grep -qi 'juno\|n1sdp\|neoverse' "$TOP/src/output/report-splat.c"
ok $? "report-splat.c names no machine"

done_testing
