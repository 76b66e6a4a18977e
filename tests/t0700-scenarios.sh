#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# t0700-scenarios: the seed-000 scenarios give the results the seed reports,
# and each variant gives its own.
. "$(dirname "$0")/lib.sh"
S=$TOP/scenarios
MiB=1048576

run() { "$AUXSIM" run "$@"; }

# --- s000-p1-p5: the seed's diagram ---
run "$S/s000-p1-p5.scn" --json >"$TMP/p15.json"
ok $? "s000-p1-p5 runs"
test "$(jsonq "$TMP/p15.json" 'scalar @{$j->{snapshots}}')" = 1
ok $? "p1-p5: one snapshot"
test "$(jsonq "$TMP/p15.json" 'scalar @{$j->{snapshots}[0]{buffers}}')" = 4
ok $? "p1-p5: it reads the AUX buffers of the 4 CPUs dd ran on"
test "$(jsonq "$TMP/p15.json" 'join ",", map { $_->{label}.":".$_->{status} } @{$j->{snapshots}[0]{slices}}')" = "P5:whole,P4:whole,P3:part,P2:whole,P1:whole"
ok $? "p1-p5: P3 partly overwritten by P5, P1 P2 P4 P5 whole"
test "$(jsonq "$TMP/p15.json" '$j->{snapshots}[0]{discontinuous} ? 1 : 0')" = 1
ok $? "p1-p5: the snapshot is discontinuous"
test "$(jsonq "$TMP/p15.json" '$j->{snapshots}[0]{total_bytes}')" -gt $((12 * MiB))
ok $? "p1-p5: more than 12 MiB in one snapshot (4 MiB AUX each)"
test "$(jsonq "$TMP/p15.json" 'scalar @{$j->{aux_records}}')" = 5
ok $? "p1-p5: one PERF_RECORD_AUX per sched-out"
test "$(jsonq "$TMP/p15.json" 'join ",", map { $_->{flags} } @{$j->{aux_records}}')" = "2,2,2,2,2"
ok $? "p1-p5: every PERF_RECORD_AUX is [O] only"

run "$S/s000-p1-p5.scn" --patch etm-snapshot-rfc --json >"$TMP/p15rfc.json"
test "$(jsonq "$TMP/p15rfc.json" '$j->{snapshots}[0]{total_bytes}')" = 0
ok $? "p1-p5 + RFC: dd is off-CPU at the signal: nothing captured"
test "$(jsonq "$TMP/p15rfc.json" 'scalar @{$j->{aux_records}}')" = 0
ok $? "p1-p5 + RFC: no sched-out copies, no PERF_RECORD_AUX"

# --- s000-dd-pinned: one AUX buffer ---
run "$S/s000-dd-pinned.scn" --json >"$TMP/pin.json"
test "$(jsonq "$TMP/pin.json" 'join ",", sort { $a <=> $b } keys %{{ map { $_->{total_bytes} => 1 } @{$j->{snapshots}} }}')" = "$((4 * MiB))"
ok $? "pinned: every snapshot is exactly one 4 MiB AUX buffer"
test "$(jsonq "$TMP/pin.json" 'scalar grep { scalar @{$_->{buffers}} != 1 } @{$j->{snapshots}}')" = 0
ok $? "pinned: one AUXTRACE record per snapshot"

# --- s000-dd-migrate across seeds 1..20 ---
min=999999999999 max=0 disc=0 stale=0
for seed in $(seq 1 20); do
	run "$S/s000-dd-migrate.scn" --seed "$seed" --json >"$TMP/m.json" || break
	lo=$(jsonq "$TMP/m.json" 'my @t = sort { $a <=> $b } map { $_->{total_bytes} } @{$j->{snapshots}}; $t[0]')
	hi=$(jsonq "$TMP/m.json" 'my @t = sort { $a <=> $b } map { $_->{total_bytes} } @{$j->{snapshots}}; $t[-1]')
	d=$(jsonq "$TMP/m.json" 'scalar grep { $_->{discontinuous} } @{$j->{snapshots}}')
	st=$(jsonq "$TMP/m.json" 'scalar grep { $_->{stale_bytes} } @{$j->{snapshots}}')
	[ "$lo" -lt "$min" ] && min=$lo
	[ "$hi" -gt "$max" ] && max=$hi
	disc=$((disc + d)) stale=$((stale + st))
done
echo "# migrate seeds 1..20: min $min max $max, $disc discontinuous, $stale stale"
test "$min" -le $((5 * MiB)) && test "$min" -ge $((4 * MiB))
ok $? "migrate: the smallest snapshot is about one AUX buffer (4-5 MiB)"
test "$max" -ge $((16 * MiB)) && test "$max" -le $((24 * MiB))
ok $? "migrate: the largest is 16-24 MiB"
test "$disc" -gt 0
ok $? "migrate: discontinuous snapshots occur"
test "$stale" -gt 0
ok $? "migrate: stale data occurs"

# --- the RFC with the generic perf rule: only the current slice ---
all_small=0 any_stale=0
for seed in $(seq 1 10); do
	run "$S/s000-dd-migrate.scn" --seed "$seed" --patch etm-snapshot-rfc \
		--perf perf-6.1 --json >"$TMP/r.json"
	etr=$(jsonq "$TMP/r.json" '$j->{etr_buf_size}')
	n=$(jsonq "$TMP/r.json" "scalar grep { \$_->{total_bytes} > $etr || scalar(@{\$_->{buffers}}) > 1 } @{\$j->{snapshots}}")
	all_small=$((all_small + n))
	any_stale=$((any_stale + $(jsonq "$TMP/r.json" 'scalar grep { $_->{stale_bytes} || $_->{dup_bytes} } @{$j->{snapshots}}')))
done
test "$all_small" = 0
ok $? "RFC + perf-6.1: no snapshot exceeds the ETR size or reads two buffers"
test "$any_stale" = 0
ok $? "RFC + perf-6.1: no stale or duplicate data"
test "$(jsonq "$TMP/r.json" 'my $l = 0; $l += $_->{lost_bytes} for @{$j->{snapshots}}; $l > 0 ? 1 : 0')" = 1
ok $? "RFC: its cost, trace of earlier slices is lost"

# --- the RFC with perf 5.13's sticky wrap heuristic re-reads old buffers ---
run "$S/s000-dd-migrate.scn" --patch etm-snapshot-rfc --json >"$TMP/r13.json"
test "$(jsonq "$TMP/r13.json" 'scalar grep { $_->{dup_bytes} } @{$j->{snapshots}}')" -gt 0
ok $? "RFC + perf-5.13: wrapped buffers are copied again (duplicates)"

# --- perf-6.1's (head - prev) mod size rule under-reads ---
run "$S/s000-dd-migrate.scn" --perf perf-6.1 --json >"$TMP/g.json"
test "$(jsonq "$TMP/g.json" 'my $n = 0; for my $s (@{$j->{snapshots}}) { $n += grep { $_->{under_read} } @{$s->{buffers}} } $n')" -gt 0
ok $? "perf-6.1: a buffer that moved more than its size is under-read"
test "$(jsonq "$TMP/g.json" 'scalar grep { $_->{stale_bytes} } @{$j->{snapshots}}')" = 0
ok $? "perf-6.1: no stale data (prev tracks what was read)"

# --- v6.1 kernel gives the same snapshot sizes as v5.12 here ---
run "$S/s000-dd-migrate.scn" --kernel v6.1 --json >"$TMP/k61.json"
run "$S/s000-dd-migrate.scn" --json >"$TMP/k512.json"
test "$(jsonq "$TMP/k61.json" 'join ",", map { $_->{total_bytes} } @{$j->{snapshots}}')" = \
     "$(jsonq "$TMP/k512.json" 'join ",", map { $_->{total_bytes} } @{$j->{snapshots}}')"
ok $? "v6.1 vs v5.12: same snapshot sizes (the ETR head change is cosmetic)"
test "$(jsonq "$TMP/k512.json" '$j->{kernel}')" = v5.12 &&
	test "$(jsonq "$TMP/k61.json" '$j->{kernel}')" = v6.1
ok $? "--kernel overrides the scenario's kernel"

# --- the JSON fields docs/json.md names ---
for k in scenario seed machine kernel patches perf snapshots aux_records warnings captured_mb; do
	test -n "$(jsonq "$TMP/k512.json" "exists \$j->{$k} ? 1 : ''")"
	ok $? "JSON has $k"
done
test -n "$(jsonq "$TMP/k512.json" '$j->{snapshots}[0]{buffers}[0]{aux_head} // ""')"
ok $? "JSON snapshot buffers carry cpu, bytes, aux_head"
# ... and the converse: every member of the documents docs/json.md names
# (throttling, WARNs, SPE, a tracepoint; the keys of ns_in_state are the
# tracer states, which it lists), and every kernel and perf variant
run "$S/s001-throttle-pause.scn" --json >"$TMP/tp.json"
run "$S/s001-claim-e.scn" --json >"$TMP/ce.json"
run "$S/c001-claim-c.scn" --json >"$TMP/cc.json"
perl -MJSON::PP -e '
	my $doc = do { local $/; open my $f, "<", shift or die; <$f> };
	my (%seen, $bad);
	sub walk {
		my ($v, $in) = @_;
		if (ref $v eq "HASH") {
			for my $k (sort keys %$v) {
				$seen{$k} = $in eq "ns_in_state" ? "state" : "member";
				walk($v->{$k}, $k);
			}
		} elsif (ref $v eq "ARRAY") {
			walk($_, $in) for @$v;
		}
	}
	for my $f (@ARGV) {
		local $/;
		open my $h, "<", $f or die;
		walk(JSON::PP->new->decode(<$h>), "");
	}
	for my $k (sort keys %seen) {
		next if $doc =~ /[`"]\Q$k\E[`"]/;
		print "# undocumented $seen{$k}: $k\n";
		$bad = 1;
	}
	exit $bad // 0' "$TOP/docs/json.md" "$TMP/k512.json" "$TMP/p15.json" \
	"$TMP/tp.json" "$TMP/ce.json" "$TMP/cc.json"
ok $? "docs/json.md names every member of the JSON (tracers and its states too)"
"$AUXSIM" list | sed -n '/^Kernels/,/^Patches/s/^  \(v[0-9.]*\) .*/\1/p' >"$TMP/kernels"
"$AUXSIM" list | sed -n '/^perf /,$s/^  \(perf-[0-9.]*\) .*/\1/p' >"$TMP/perfs"
k=$(grep '^| `kernel` |' "$TOP/docs/json.md")
p=$(grep '^| `perf` |' "$TOP/docs/json.md")
n=0
while read -r v; do
	case $k in *"\`$v\`"*) ;; *) echo "# json.md kernel: no $v"; n=$((n + 1)) ;; esac
done <"$TMP/kernels"
while read -r v; do
	case $p in *"\`$v\`"*) ;; *) echo "# json.md perf: no $v"; n=$((n + 1)) ;; esac
done <"$TMP/perfs"
test -s "$TMP/kernels" && test -s "$TMP/perfs" && test $n = 0
ok $? "docs/json.md lists every kernel ($(tr '\n' ' ' <"$TMP/kernels")) and perf variant"

# --- s000-dd-1s: the seed's own reproducer, one USR2 after 1 s ---
lo=999999999999 hi=0
for seed in $(seq 1 20); do
	run "$S/s000-dd-1s.scn" --seed "$seed" --json >"$TMP/one.json"
	t=$(jsonq "$TMP/one.json" '$j->{snapshots}[0]{total_bytes}')
	[ "$t" -lt "$lo" ] && lo=$t
	[ "$t" -gt "$hi" ] && hi=$t
done
echo "# s000-dd-1s seeds 1..20: $lo .. $hi bytes"
test "$lo" = $((4 * MiB)) && test "$hi" -ge $((16 * MiB)) && test "$hi" -le $((24 * MiB))
ok $? "dd-1s: 'from several MBs to ~20MBs' (4 MiB .. 16-24 MiB over seeds)"

# --- determinism ---
run "$S/s000-dd-migrate.scn" --seed 7 >"$TMP/a.txt"
run "$S/s000-dd-migrate.scn" --seed 7 >"$TMP/b.txt"
cmp -s "$TMP/a.txt" "$TMP/b.txt"
ok $? "same scenario and seed: byte-identical text"
run "$S/s000-dd-migrate.scn" --seed 7 --json >"$TMP/a.json"
run "$S/s000-dd-migrate.scn" --seed 7 --json >"$TMP/b.json"
cmp -s "$TMP/a.json" "$TMP/b.json"
ok $? "same scenario and seed: byte-identical JSON"
run "$S/s000-dd-migrate.scn" --seed 8 >"$TMP/c.txt"
! cmp -s "$TMP/a.txt" "$TMP/c.txt"
ok $? "another seed: another schedule"

done_testing
