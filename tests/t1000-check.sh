#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# t1000-check: the model checker - shortest counterexamples, replay, the
# claims' verdicts, the proposed fix checked clean, and a mutant for each
# non-WARN invariant (and some WARN ones) that the checker must catch.
. "$(dirname "$0")/lib.sh"
S=$TOP/scenarios
C=$S/c001-throttle-pause.scn

"$AUXSIM" check --list-invariants >"$TMP/inv"
ok $? "check --list-invariants"
for id in warn-aux-nest warn-aux-refcount aux-handle throttle-stops-counters \
	throttle-stops-aux user-pause-respected aux-traces-when-allowed no-aux-leak; do
	grep -q "^  $id\( \|\$\)" "$TMP/inv"
	ok $? "the catalogue has $id"
done

# --- seed 001 unpatched: the shortest counterexample is the WARN ---
"$AUXSIM" check "$C" --json >"$TMP/c.json"
test $? = 1
ok $? "c001: a violation (exit 1)"
test "$(jsonq "$TMP/c.json" '$j->{violations}[0]{invariant}')" = warn-aux-nest
ok $? "c001: the perf_aux_output_begin WARN"
test "$(jsonq "$TMP/c.json" '$j->{violations}[0]{function}')" = perf_aux_output_begin
ok $? "c001: JSON names the WARN's function"
test "$(jsonq "$TMP/c.json" '$j->{violations}[0]{length}')" = 3
ok $? "c001: shortest counterexample: 3 steps (two overflows, a tick)"
test "$(jsonq "$TMP/c.json" 'join ",", @{$j->{violations}[0]{steps}}')" = "overflow:1:1,overflow:1:1,tick:1"
ok $? "c001: throttle by the pause counter's 2nd interrupt, then the tick"
for k in states transitions depth seconds states_per_sec bytes_per_state; do
	test -n "$(jsonq "$TMP/c.json" "defined \$j->{stats}{$k} ? 1 : ''")"
	ok $? "c001: stats.$k"
done
"$AUXSIM" check "$C" >"$TMP/c.txt"
grep -q 'WARNING: kernel/events/ring_buffer.c:415 at perf_aux_output_begin, CPU#1' "$TMP/c.txt"
ok $? "c001: the text report has the splat"
grep -q '^   1  cpu1  PMU interrupt: e1 ' "$TMP/c.txt"
ok $? "c001: a numbered per-CPU step log"
grep -q '^VIOLATION of warn-aux-nest: the kernel WARNed at perf_aux_output_begin$' "$TMP/c.txt" &&
	grep -q '^  kernel/events/ring_buffer.c perf_aux_output_begin: WARN_ON_ONCE(rb->aux_nest)$' "$TMP/c.txt" &&
	grep -q '=> violates warn-aux-nest: the kernel WARNed at perf_aux_output_begin$' "$TMP/c.txt"
ok $? "c001: the headline says what happened: the kernel WARNed"
"$AUXSIM" check --list-invariants | tr -s ' \n' '  ' |
	grep -q ' warn-aux-nest no WARN at kernel/events/ring_buffer.c perf_aux_output_begin: WARN_ON_ONCE(rb->aux_nest) warn-'
ok $? "--list-invariants still states each invariant as what holds"
replay=$(jsonq "$TMP/c.json" '$j->{violations}[0]{replay}')
case $replay in "$AUXSIM replay "*) ok 0 "the replay command starts with the auxsim run" ;;
*) ok 1 "the replay command starts with the auxsim run: $replay" ;; esac
(cd "$TOP" && eval "$replay") >"$TMP/r.txt"
test $? = 1 && grep -q "=> violates warn-aux-nest" "$TMP/r.txt"
ok $? "the replay command, pasted, reproduces it"
(cd "$TOP" && eval "$replay") >"$TMP/r2.txt"
cmp -s "$TMP/r.txt" "$TMP/r2.txt"
ok $? "replay is deterministic"

# --- the seed's patch ---
"$AUXSIM" check "$C" --patch aux-pause-throttle-v1 --invariant warn-aux-nest --json >"$TMP/p.json"
test "$(jsonq "$TMP/p.json" 'scalar @{$j->{violations}}')" = 0 &&
	test "$(jsonq "$TMP/p.json" '$j->{stats}{complete} ? 1 : 0')" = 1
ok $? "v1 patch: no nested-begin WARN, exhaustively within the bounds"
"$AUXSIM" check "$C" --patch aux-pause-throttle-v1 --json >"$TMP/p2.json"
test "$(jsonq "$TMP/p2.json" '$j->{violations}[0]{invariant} . ":" . $j->{violations}[0]{length}')" = "throttle-stops-aux:2"
ok $? "v1 patch: a resume overflow that throttles leaves the ETM tracing (2 steps)"

# --- the claims ---
"$AUXSIM" check --claims "$S" --json >"$TMP/k.json"
ok $? "check --claims"
test "$(jsonq "$TMP/k.json" 'join ",", map { "$_->{id}=$_->{verdict}" } @{$j->{claims}}')" = \
	"a=confirmed,b=confirmed,c=confirmed,d=not-reproduced,e=confirmed"
ok $? "claims: a, b, c, e confirmed, d not reproduced"
test "$(jsonq "$TMP/k.json" 'join ",", map { $_->{length} // "-" } @{$j->{claims}}')" = "4,3,2,-,3"
ok $? "claims: counterexample lengths"
test "$(jsonq "$TMP/k.json" '$j->{claims}[3]{complete} ? 1 : 0')" = 1
ok $? "claim d: the search was exhaustive"
test "$(jsonq "$TMP/k.json" 'my $d = $j->{claims}[3]; join ",", @{$d->{invariants}}, $d->{depth}, $d->{depth_bound}')" = \
	"throttle-stops-counters,throttle-stops-aux,6,8"
ok $? "claim d, --json: both invariants checked, the depth reached (6) and the bound (8)"

# the table agrees with the verdict lines: the depth reached and the bound
# are two labelled columns, and every invariant checked is listed
"$AUXSIM" check --claims "$S" >"$TMP/k.txt"
ok $? "check --claims: exit 0 with four claims confirmed (the answers asked for)"
sed -n '/^\.SH EXIT STATUS/,/^\.SH [^E]/p' "$TOP/man/auxsim.1" | tr '\n' ' ' |
	grep -q 'check \\-\\-claims" , the five claims were checked, whatever their verdicts'
ok $? "auxsim(1)'s EXIT STATUS says what check --claims exits with"
grep -q '^\*\*Exit status: 0 when the five checks ran, whatever the verdicts\.\*\*' "$TOP/docs/checking.md"
ok $? "docs/checking.md decides it and says why"
grep -q '^claim  verdict  *length  *states  *depth  *bound  *invariants checked$' "$TMP/k.txt"
ok $? "claims table: depth and bound labelled apart"
sed -n '/^(d) /,/^(e) /p' "$TMP/k.txt" >"$TMP/d.txt"
grep -q '^(d)  *not-reproduced  *-  *72  *6  *8  *throttle-stops-counters,$' "$TMP/d.txt" &&
	grep -q '^  *throttle-stops-aux$' "$TMP/d.txt"
ok $? "claims table, (d): depth 6 of the bound 8, both invariants checked"
unwrap "$TMP/k.txt" | grep -q '^Claim (d): .* NOT REPRODUCED: no violation of throttle-stops-counters or throttle-stops-aux: every path explored, 72 states, the longest 6 steps (bound: depth 8)$'
ok $? "claim (d)'s line: the same figures, labelled (wrapped at 80 columns)"
test "$(sed -n '/^claim  verdict/,$p' "$TMP/k.txt" | awk 'length > 80' | wc -l)" = 0
ok $? "the claims table and its key fit 80 columns"

# --- the proposed fix ---
"$AUXSIM" check --claims "$S" --patch aux-throttle-fix --json >"$TMP/f.json"
ok $? "check --claims --patch aux-throttle-fix: exit 0 with no claim confirmed"
test "$(jsonq "$TMP/f.json" 'scalar grep { $_->{verdict} eq "confirmed" } @{$j->{claims}}')" = 0
ok $? "aux-throttle-fix: no claim reproduces"
"$AUXSIM" check "$C" --patch aux-throttle-fix --json >"$TMP/f2.json"
test $? = 0 && test "$(jsonq "$TMP/f2.json" 'scalar @{$j->{violations}}')" = 0 &&
	test "$(jsonq "$TMP/f2.json" '$j->{stats}{complete} ? 1 : 0')" = 1
ok $? "aux-throttle-fix: c001 has no violation of any invariant, exhaustively"
for c in a b d e; do
	"$AUXSIM" check "$S/c001-claim-$c.scn" --patch aux-throttle-fix >/dev/null
	ok $? "aux-throttle-fix: claim $c's scenario clean for every invariant"
done
"$AUXSIM" check "$S/c001-claim-c.scn" --patch aux-throttle-fix --json >"$TMP/f3.json"
test "$(jsonq "$TMP/f3.json" '$j->{violations}[0]{invariant} . ":" . $j->{violations}[0]{steps}[0]')" = "user-pause-respected:switch:0:1+nmi:2:0"
ok $? "the residual: a user pause from an NMI dropped by the recursion guard"

# --- counterexample files: check -o writes one, replay FILE reruns it ---
"$AUXSIM" check "$C" -o "$TMP/c.cex" >/dev/null
test $? = 1 && grep -q '^steps overflow:1:1,overflow:1:1,tick:1$' "$TMP/c.cex"
ok $? "check -o writes the counterexample file"
grep -q '^# auxsim counterexample: warn-aux-nest' "$TMP/c.cex" &&
	! ls "$TMP"/c.cex.tmp.* >/dev/null 2>&1
ok $? "the file names the invariant; no temporary file left behind"
"$AUXSIM" replay "$TMP/c.cex" >"$TMP/r.txt"
test $? = 1 && grep -q 'at perf_aux_output_begin' "$TMP/r.txt"
ok $? "replay CEX-FILE reproduces the WARN"
"$AUXSIM" check "$C" --patch aux-throttle-fix -o "$TMP/none.cex" >/dev/null
test $? = 0 && grep -q '^# auxsim no counterexample: ' "$TMP/none.cex" &&
	! grep -q '^steps ' "$TMP/none.cex"
ok $? "no violation: -o writes a file saying so, without steps"
printf '# auxsim counterexample\nnospace\n' >"$TMP/bad.cex"
"$AUXSIM" replay "$TMP/bad.cex" 2>"$TMP/e"
test $? = 2 && grep -q 'bad.cex:2:1:' "$TMP/e"
ok $? "a malformed counterexample file: file:line:col, exit 2"

# --- partial-order reduction: the same bugs, the same states ---
# verdict "invariant/length states" of a check run, JSON in $1
verdict() {
	jsonq "$1" '($j->{violations}[0] ? "$j->{violations}[0]{invariant}/$j->{violations}[0]{length}" : "clean") . " $j->{stats}{states}"'
}
for f in c001-throttle-pause c001-claim-a c001-claim-b c001-claim-c \
	c001-claim-d c001-claim-e; do
	for p in none aux-pause-throttle-v1 aux-throttle-fix; do
		"$AUXSIM" check "$S/$f.scn" --patch $p --json >"$TMP/p.json"
		"$AUXSIM" check "$S/$f.scn" --patch $p --no-por --json \
			>"$TMP/n.json"
		test "$(verdict "$TMP/p.json")" = "$(verdict "$TMP/n.json")"
		ok $? "POR on/off: $f with $p: same verdict, length and states"
	done
done
for f in c000-snapshot c000-full-trace c000-pause; do
	"$AUXSIM" check "$S/$f.scn" --json >"$TMP/p.json"
	"$AUXSIM" check "$S/$f.scn" --no-por --json >"$TMP/n.json"
	test "$(verdict "$TMP/p.json")" = "$(verdict "$TMP/n.json")"
	ok $? "POR on/off: $f: same verdict, length and states"
done
"$AUXSIM" check "$S/c001-claim-e.scn" --patch aux-throttle-fix --json \
	>"$TMP/p.json"
test "$(jsonq "$TMP/p.json" '$j->{stats}{slept}')" -gt 0 &&
	test "$(jsonq "$TMP/p.json" '$j->{stats}{por} ? 1 : 0')" = 1
ok $? "POR prunes transitions on per-CPU SPE buffers (claim e, n1sdp)"
"$AUXSIM" check "$S/c001-claim-e.scn" --patch aux-throttle-fix --no-por \
	--json >"$TMP/n.json"
test "$(jsonq "$TMP/p.json" '$j->{stats}{transitions}')" -lt \
	"$(jsonq "$TMP/n.json" '$j->{stats}{transitions}')"
ok $? "... fewer transitions than without"

# --- a step that changes nothing is not followed ---
sed 's/^check depth .*/check depth 8 tick 3 overflow 6 switch 2 ioctl 2 munmap 1/' \
	"$C" >"$TMP/io.scn"
"$AUXSIM" check "$TMP/io.scn" --patch aux-throttle-fix --json >"$TMP/io.json"
test "$(jsonq "$TMP/io.json" '$j->{stats}{noop}')" -gt 0 &&
	test "$(jsonq "$TMP/io.json" '$j->{stats}{complete} ? 1 : 0')" = 1
ok $? "no-op steps: ioctls that change nothing are counted, not followed"
"$AUXSIM" check "$TMP/io.scn" --json >"$TMP/io1.json"
test "$(jsonq "$TMP/io1.json" 'join ",", @{$j->{violations}[0]{steps}}')" = \
	"overflow:1:1,overflow:1:1,tick:1"
ok $? "... the shortest counterexample with ioctls in the bounds is the same"
"$AUXSIM" check "$TMP/io.scn" --patch aux-throttle-fix --bfs --json \
	>"$TMP/iob.json"
test "$(verdict "$TMP/iob.json")" = "$(verdict "$TMP/io.json")" &&
	test "$(jsonq "$TMP/iob.json" '$j->{stats}{noop}')" -gt 0
ok $? "... and --bfs prunes them too: the same states as depth-first"
"$AUXSIM" replay "$TMP/io.scn" --steps ioctl-disable:0,ioctl-disable:0 \
	>"$TMP/ior.txt"
test $? = 0 && test "$(grep -c 'ioctl(PERF_EVENT_IOC_DISABLE)' "$TMP/ior.txt")" = 2
ok $? "... replay still runs such a step"

# --- how the states grow with the depth: the same in every mode ---
depths() {
	jsonq "$1" 'my $t = 0; $t += $_ for @{$j->{stats}{states_at_depth}};
		"$t=" . join(",", @{$j->{stats}{states_at_depth}})'
}
"$AUXSIM" check "$TMP/io.scn" --patch aux-throttle-fix --json >"$TMP/d1.json"
d1=$(depths "$TMP/d1.json")
test "${d1%%=*}" = "$(jsonq "$TMP/d1.json" '$j->{stats}{states}')" &&
	test "$(jsonq "$TMP/d1.json" '$j->{stats}{states_at_depth}[0]')" = 1
ok $? "states_at_depth: one root, and they add up to the states"
for m in --dfs --bfs "-j 2" --no-por; do
	# shellcheck disable=SC2086
	"$AUXSIM" check "$TMP/io.scn" --patch aux-throttle-fix $m --json \
		>"$TMP/d2.json"
	test "$(depths "$TMP/d2.json")" = "$d1"
	ok $? "states_at_depth: $m has the same states at every depth"
done
"$AUXSIM" check "$TMP/io.scn" --patch aux-throttle-fix >"$TMP/d.txt"
grep -q "^states by depth: 1 " "$TMP/d.txt"
ok $? "the text report has the states by depth"

# --- the block hash: AES-NI and its C rounds visit the same states ---
"$AUXSIM" check "$TMP/io.scn" --patch aux-throttle-fix --json >"$TMP/h1.json"
AUXSIM_NO_AESNI=1 "$AUXSIM" check "$TMP/io.scn" --patch aux-throttle-fix \
	--json >"$TMP/h2.json"
test "$(verdict "$TMP/h1.json")" = "$(verdict "$TMP/h2.json")" &&
	test "$(jsonq "$TMP/h1.json" '$j->{stats}{transitions}')" = \
		"$(jsonq "$TMP/h2.json" '$j->{stats}{transitions}')"
ok $? "the block hash without AES-NI: the same states and transitions"
AUXSIM_NO_AESNI=1 "$AUXSIM" check "$C" --json >"$TMP/h3.json"
test "$(jsonq "$TMP/h3.json" 'join ",", @{$j->{violations}[0]{steps}}')" = \
	"overflow:1:1,overflow:1:1,tick:1"
ok $? "... and the same shortest counterexample"

# --- breadth-first: the same shortest counterexamples, the same states ---
"$AUXSIM" check "$C" --bfs --json >"$TMP/bfs.json"
test "$(jsonq "$TMP/bfs.json" 'join ",", @{$j->{violations}[0]{steps}}')" = \
	"overflow:1:1,overflow:1:1,tick:1" &&
	test "$(jsonq "$TMP/bfs.json" '$j->{mode}')" = bfs
ok $? "--bfs: the shortest counterexample"
for f in c001-throttle-pause c001-claim-a c001-claim-b c001-claim-e; do
	for p in aux-pause-throttle-v1 aux-throttle-fix; do
		"$AUXSIM" check "$S/$f.scn" --patch $p --bfs --json >"$TMP/b1.json"
		"$AUXSIM" check "$S/$f.scn" --patch $p --json >"$TMP/b2.json"
		a=$(verdict "$TMP/b1.json") b=$(verdict "$TMP/b2.json")
		# a violation: the same invariant and length (states differ:
		# breadth-first stops part-way through a level)
		test "${a%% *}" = "${b%% *}" &&
			{ test "${a%% *}" != clean || test "$a" = "$b"; }
		ok $? "--bfs and iterative deepening agree: $f with $p"
	done
done

# --- bitstate and -j ---
"$AUXSIM" check "$C" --bitstate 20 --json >"$TMP/b.json"
test "$(verdict "$TMP/b.json")" = "warn-aux-nest/3 34"
ok $? "--bitstate finds the shortest WARN"
test "$(jsonq "$TMP/b.json" '$j->{stats}{complete} ? 1 : 0')" = 0
ok $? "--bitstate never claims an exhaustive search"
"$AUXSIM" check "$C" --patch aux-throttle-fix --json >"$TMP/s.json"
"$AUXSIM" check "$C" --patch aux-throttle-fix -j 2 --json >"$TMP/j.json"
test "$(verdict "$TMP/j.json")" = "$(verdict "$TMP/s.json")" &&
	test "$(jsonq "$TMP/j.json" '$j->{stats}{jobs}')" = 2
ok $? "-j 2: the fix clean, the same states as one process"
test "$(jsonq "$TMP/j.json" '$j->{stats}{complete} ? 1 : 0')" = 1
ok $? "-j 2: exhaustive"
for n in 2 3; do
	"$AUXSIM" check "$C" -j $n --json >"$TMP/j.json"
	test "$(jsonq "$TMP/j.json" 'join ",", @{$j->{violations}[0]{steps}}')" = \
		"overflow:1:1,overflow:1:1,tick:1"
	ok $? "-j $n: the same shortest counterexample"
done
# a worker that dies: the search stops, the others' counts are reported
# with the worker and its signal, exit 6 (MODEL_TESTING builds grow the
# shared table from 1 Ki slots, so the others wait for it at least once;
# tests/t1030-check-signals.sh has the rest)
AUXSIM_TEST_ABORT_WORKER=1 timeout 120 "$AUXSIM" check "$C" \
	--patch aux-throttle-fix -j 2 >"$TMP/o" 2>"$TMP/e"
rc=$?
test $rc = 6 && grep -q "^worker 1 killed by SIGABRT" "$TMP/o" &&
	grep -q "^ABORTED: 1 worker lost" "$TMP/o"
ok $? "-j 2 with a worker killed: partial statistics, exit 6, no hang"
"$AUXSIM" check "$C" -j 0 2>"$TMP/e"
test $? = 2 && grep -q -- "-j" "$TMP/e"
ok $? "-j 0: exit 2"
"$AUXSIM" check "$C" --bitstate 99 2>"$TMP/e"
test $? = 2 && grep -q -- "--bitstate" "$TMP/e"
ok $? "--bitstate 99: exit 2"

# --- snapshot mode: SIGUSR2 and the read are two steps ---
SN=$TOP/tests/scenarios/check-snapshot.scn
"$AUXSIM" check "$SN" --json >"$TMP/sn.json"
test $? = 0 && test "$(jsonq "$TMP/sn.json" '$j->{stats}{complete} ? 1 : 0')" = 1
ok $? "snapshot mode: clean and exhaustive within its bounds"
"$AUXSIM" replay "$SN" --steps switch:0:0,sigusr2,switch:0:-1,switch:1:0,snapshot-read >"$TMP/r.txt"
test $? = 0 && grep -q 'SIGUSR2: snapshot start' "$TMP/r.txt" &&
	grep -q 'main loop: read the AUX areas' "$TMP/r.txt"
ok $? "replay: a migration between SIGUSR2 and the read"
"$AUXSIM" replay "$SN" --steps snapshot-read >"$TMP/r.txt"
grep -q 'not enabled here' "$TMP/r.txt"
ok $? "snapshot-read without a SIGUSR2 first: not enabled"

# --- the seed's own scenario: six CPUs, 400 interrupts to a throttle ---
"$AUXSIM" check "$S/s001-throttle-pause.scn" --kernel v7.1 --json >"$TMP/s1.json"
test $? = 1 &&
	test "$(jsonq "$TMP/s1.json" 'join ",", @{$j->{violations}[0]{steps}}')" = \
		"overflow-burst:0:1,overflow:0:1,tick:0"
ok $? "s001: shortest counterexample: a burst, the throttling interrupt, the tick"
test "$(jsonq "$TMP/s1.json" '$j->{violations}[0]{function}')" = perf_aux_output_begin
ok $? "s001: the perf_aux_output_begin WARN"
"$AUXSIM" check "$S/s001-throttle-pause.scn" --kernel v7.1 >"$TMP/s1.txt"
grep -q 'WARNING: kernel/events/ring_buffer.c:415 at perf_aux_output_begin, CPU#0: perf/2002' "$TMP/s1.txt"
ok $? "s001: the splat the timed run shows (CPU#0, perf/2002)"
unwrap "$TMP/s1.txt" | grep -q 'overflows back to back, to one short of the throttle'
ok $? "s001: the burst step described"
"$AUXSIM" replay "$S/s001-throttle-pause.scn" --steps overflow-burst:0:1,overflow:0:1 >"$TMP/r.txt"
grep -q PERF_RECORD_THROTTLE "$TMP/r.txt"
ok $? "replay: 399 interrupts and the 400th throttle"
"$AUXSIM" check "$S/s001-throttle-pause.scn" --patch aux-pause-throttle-v1 --json >"$TMP/s1.json"
test "$(jsonq "$TMP/s1.json" '$j->{violations}[0]{invariant}')" = throttle-stops-aux &&
	test "$(jsonq "$TMP/s1.json" '$j->{violations}[0]{length}')" = 2
ok $? "s001 with the v1 patch: the resume event throttles yet tracing, 2 steps"
"$AUXSIM" check "$C" --json >"$TMP/nb.json"
test "$(jsonq "$TMP/nb.json" 'scalar grep { /burst/ } @{$j->{violations}[0]{steps}}')" = 0
ok $? "c001 (2 interrupts a tick): no bursts"

# --- other modes ---
"$AUXSIM" check "$C" --dfs --json >"$TMP/d.json"
jsonq "$TMP/d.json" '$j->{violations}[0]{invariant}' | grep -q '^warn-'
ok $? "--dfs finds a WARN (not necessarily the shortest path)"
"$AUXSIM" check "$C" --dfs --invariant warn-aux-nest --json >"$TMP/d2.json"
test "$(jsonq "$TMP/d2.json" '$j->{violations}[0]{invariant}')" = warn-aux-nest
ok $? "--dfs finds the nested-begin WARN when asked for it"
"$AUXSIM" check "$C" --random --seed 1 --runs 200 --json >"$TMP/x.json"
test "$(jsonq "$TMP/x.json" '$j->{violations}[0]{invariant}')" = warn-aux-nest
ok $? "--random finds the WARN"
test "$(jsonq "$TMP/x.json" '$j->{violations}[0]{length}')" -le 4
ok $? "--random's counterexample is shrunk"

# --- mutants: each invariant catches its broken kernel ---
for mi in end-keeps-nest:aux-handle throttle-no-stop:throttle-stops-counters \
	throttle-keeps-aux:throttle-stops-aux ignore-paused:user-pause-respected \
	start-no-trace:aux-traces-when-allowed munmap-leaks:no-aux-leak \
	munmap-leaks:warn-aux-refcount stop-keeps-ctxt:warn-etm-start-ctxt-busy \
	end-keeps-nest:warn-aux-nest; do
	mu=${mi%%:*} inv=${mi#*:}
	"$AUXSIM" check "$C" --patch aux-throttle-fix --patch "mutant-$mu" \
		--invariant "$inv" --json >"$TMP/m.json"
	test "$(jsonq "$TMP/m.json" '$j->{violations}[0]{invariant}')" = "$inv"
	ok $? "mutant-$mu is caught by $inv"
done

# --- errors ---
"$AUXSIM" check "$C" --invariant nope 2>"$TMP/e"
test $? = 2 && grep -q "unknown invariant 'nope'" "$TMP/e"
ok $? "unknown invariant: exit 2"
"$AUXSIM" check "$S/s000-dd-1s.scn" 2>"$TMP/e"
test $? = 2 && grep -q "no 'check' line" "$TMP/e"
ok $? "a scenario without bounds: exit 2"
"$AUXSIM" replay "$C" --steps bogus:1 2>"$TMP/e"
test $? = 2
ok $? "replay: bad steps: exit 2"

done_testing
