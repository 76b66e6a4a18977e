#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# run-seeds.sh [--verbose] [--reports DIR] AUXSIM
#
# The main job: reproduce the two seeds with every variant that matters.
# The screen gets what answers each seed - the P1..P5 timeline and what the
# snapshot holds, snapshot sizes over seeds and variants, the splat and the
# tracers of seed 001, the review's claims - and ends with a summary table:
# one row per seed observation, its variants, the figure, the verdict.  It
# fits 120 lines of at most 80 columns (tests/t0750-main-job.sh).
#
# Every full report goes to a file in DIR (default build/seeds), named on
# the screen; --verbose prints them all first.  Same output every run.
# Exit status: auxsim's, if a run fails; 2 for a bad command line.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)

usage() {
	echo "usage: run-seeds.sh [--verbose] [--reports DIR] AUXSIM" >&2
	exit 2
}
verbose=0
out=
while [ $# -gt 1 ]; do
	case $1 in
	-v | --verbose) verbose=1 ;;
	--reports) [ $# -gt 2 ] || usage; out=$2; shift ;;
	--reports=*) out=${1#--reports=} ;;
	*) usage ;;
	esac
	shift
done
[ $# -eq 1 ] || usage
aux=$1
case $aux in */*) ;; *) aux=$(command -v "$aux" || echo "./$aux") ;; esac
[ -x "$aux" ] || { echo "run-seeds.sh: $aux: not an executable" >&2; exit 2; }
s=$top/scenarios
out=${out:-$top/build/seeds}
mkdir -p "$out"
# the directory as the screen names it: relative to the tree when inside
case $out in "$top"/*) shown=${out#"$top"/} ;; *) shown=$out ;; esac
W=80 # columns

# run NAME SCENARIO [FLAGS...]: one full report into $out/NAME.txt;
# append NAME ...: the same, added at the end of it
run() {
	name=$1 scn=$2
	shift 2
	"$aux" run "$s/$scn.scn" "$@" >"$out/$name.txt" || fail $? "$scn" "$@"
}
append() {
	name=$1 scn=$2
	shift 2
	"$aux" run "$s/$scn.scn" "$@" >>"$out/$name.txt" || fail $? "$scn" "$@"
}
fail() {
	st=$1
	shift
	echo "run-seeds.sh: auxsim run scenarios/$*: exit status $st" >&2
	exit "$st"
}

# wrap: lines longer than $W break at a space, continued 4 columns in
wrap() {
	awk -v w="$W" '
	{
		line = $0; ind = ""
		while (length(line) > w) {
			cut = 0
			for (i = w; i > length(ind) + 8; i--)
				if (substr(line, i, 1) == " ") { cut = i; break }
			if (!cut) break
			print substr(line, 1, cut - 1)
			m = match(line, /[^ ]/); ind = substr(line, 1, m - 1) "    "
			line = ind substr(line, cut + 1)
		}
		print line
	}'
}

# unwrap: auxsim's wrapped prose joined back into one line a paragraph
# (tools/unwrap.awk): the screen is made from whole lines, and wrapped again
unwrap() {
	awk -f "$top/tools/unwrap.awk" "$@"
}

# rep NAME: where the full report is, for a title line
rep() { printf '%s/%s.txt' "$shown" "$1"; }

# between NAME FROM TO: the lines of a report from one pattern to another
between() { sed -n "/$2/,/$3/p" "$flat/$1.txt"; }

# --- the runs ---

run 000-p1-p5 s000-p1-p5
: >"$out/000-dd-1s.txt"
for seed in $(seq 1 20); do
	echo "==== s000-dd-1s --seed $seed ====" >>"$out/000-dd-1s.txt"
	append 000-dd-1s s000-dd-1s --seed "$seed"
done
run 000-dd-migrate s000-dd-migrate
run 000-dd-pinned s000-dd-pinned
run 000-rfc-perf-6.1 s000-dd-migrate --patch etm-snapshot-rfc --perf perf-6.1
# 000-variants.txt: a table, a row a run: its variant, its seed and the
# figures of its summary lines ("Snapshots: ...", "  lost: ...")
{
	echo "s000-dd-migrate (dd migrating, SIGUSR2 every 100 ms), seeds 1-20 a variant:"
	echo "auxsim run s000-dd-migrate --perf PERF [--patch etm-snapshot-rfc] --seed SEED"
	echo "(patch rfc: etm-snapshot-rfc; lost: of the trace emitted up to the last"
	echo "snapshot, the MiB in no snapshot)"
	echo
	printf '%-10s %-5s %4s %5s %8s %8s %8s %7s %5s %8s %8s %6s\n' perf patch \
		seed snaps 'min MiB' 'max MiB' mean discont stale lost emitted 'lost%'
} >"$out/000-variants.txt"
for v in "--perf perf-5.13" "--perf perf-5.13 --patch etm-snapshot-rfc" \
	"--perf perf-6.1" "--perf perf-6.1 --patch etm-snapshot-rfc"; do
	for seed in $(seq 1 20); do
		# shellcheck disable=SC2086
		run var s000-dd-migrate --seed "$seed" $v
		unwrap "$out/var.txt" | awk -v v="$v" -v seed="$seed" '
			/^Snapshots:/ {
				split($0, a, /[ ,();]+/)
				n = a[2]; lo = a[3]; hi = a[5]; mean = a[8]
				match($0, /[0-9]+ discontinuous/); d = substr($0, RSTART, RLENGTH) + 0
				match($0, /[0-9]+ with stale/); st = substr($0, RSTART, RLENGTH) + 0
			}
			/^  lost:/ { split($0, l, " "); lost = l[2]; emit = l[5]
				pct = l[NF]; gsub(/[()]/, "", pct) }
			END {
				split(v, w, " "); p = w[2]
				printf "%-10s %-5s %4d %5d %8.3f %8.3f %8.3f %7d %5d %8.3f %8.3f %6s\n",
					p, v ~ /rfc/ ? "rfc" : "-", seed, n, lo, hi,
					mean, d, st, lost, emit, pct
			}' >>"$out/000-variants.txt"
	done
done
rm -f "$out/var.txt"
run 001-throttle-pause s001-throttle-pause
run 001-patch s001-throttle-pause --patch aux-pause-throttle-v1
for c in a b c d e; do
	run "001-claim-$c" "s001-claim-$c"
done
if ! "$aux" check --claims "$s" >"$out/001-claims-check.txt"; then
	st=$?
	echo "run-seeds.sh: auxsim check --claims scenarios: exit status $st" >&2
	exit "$st"
fi
# what the screen is made from: each report, unwrapped
flat=$(mktemp -d "${TMPDIR:-/tmp}/run-seeds.XXXXXX")
trap 'rm -rf "$flat"' EXIT
for f in "$out"/*.txt; do
	unwrap "$f" >"$flat/${f##*/}"
done

if [ "$verbose" = 1 ]; then
	for f in 000-p1-p5 000-dd-1s 000-dd-migrate 000-dd-pinned 000-variants \
		000-rfc-perf-6.1 001-throttle-pause 001-patch 001-claim-a \
		001-claim-b 001-claim-c 001-claim-d 001-claim-e \
		001-claims-check; do
		printf '==== %s/%s.txt ====\n\n' "$shown" "$f"
		cat "$out/$f.txt"
		echo
	done
fi

# --- the screen ---

# the size figures of a report's "Snapshots:" line: "LO .. HI"
sizes() { sed -n 's/^Snapshots: [0-9]*, \([0-9.]*\) \.\. \([0-9.]*\) MiB.*/\1 \2/p' "$1"; }

pin=$(sizes "$flat/000-dd-pinned.txt")
npin=$(sed -n 's/^Snapshots: \([0-9]*\),.*/\1/p' "$flat/000-dd-pinned.txt")
pwarn=$(grep -c 'WARNING:' "$flat/001-patch.txt" || true)

{
echo "auxsim main job: seeds 000 and 001 (full reports: $shown/; V=1 prints them)"
echo
echo "== Seed 000: snapshot sizes that vary with scheduling (LKML, April 2021) =="
echo "# perf record -e cs_etm// -S -- dd if=/dev/zero of=/dev/null"
echo "# on a Juno, Linux v5.12, perf 5.13"
echo
echo "s000-p1-p5: the RFC's diagram, P1..P5, one SIGUSR2 ($(rep 000-p1-p5)):"
between 000-p1-p5 '^Timeline:' '^USR2:'
grep -E '^  (total|holds|DISCONTINUOUS)' "$flat/000-p1-p5.txt"
echo
echo "s000-dd-1s, as reported: SIGUSR2 at 1 s, seeds 1-20 ($(rep 000-dd-1s)):"
awk '/^==== s000-dd-1s --seed/ { seed = $4 }
	/^Snapshots:/ { sz[seed] = $3 + 0 }
	END {
		for (r = 0; r < 2; r++) {
			printf "  MiB, seeds %2d-%2d:", r * 10 + 1, r * 10 + 10
			for (i = r * 10 + 1; i <= r * 10 + 10; i++)
				printf " %5.2f", sz[i]
			printf "\n"
		}
	}' "$flat/000-dd-1s.txt"
echo "s000-dd-pinned: SIGUSR2 every 100 ms ($(rep 000-dd-pinned)):"
echo "  dd pinned to CPU 1: $npin snapshots of ${pin% *} .. ${pin#* } MiB"
echo
echo "s000-dd-migrate: dd migrating, SIGUSR2 every 100 ms, seeds 1-20, per variant"
echo "($(rep 000-variants); +rfc: --patch etm-snapshot-rfc):"
# (the table's rows: perf patch seed snaps min max mean discont stale
# lost emitted lost%)
awk '
	$1 ~ /^perf-/ {
	  v = $1 ($2 == "rfc" ? " +rfc" : "")
	  if (!(v in cnt)) order[nv++] = v
	  if (!(v in lo) || $5 + 0 < lo[v]) lo[v] = $5 + 0
	  if ($6 + 0 > hi[v]) hi[v] = $6 + 0
	  d[v] += $8; st[v] += $9; lost[v] += $10; emit[v] += $11
	  cnt[v] += $4
	}
	END {
		printf "  %-15s %-17s %9s %9s %8s\n", "perf, patch", "snapshot MiB",
			"discont.", "stale", "lost"
		for (i = 0; i < nv; i++) {
			v = order[i]
			printf "  %-15s %6.3f .. %7.3f %5d/%-3d %5d/%-3d %7.1f%%\n",
				v, lo[v], hi[v], d[v], cnt[v], st[v], cnt[v],
				emit[v] ? 100 * lost[v] / emit[v] : 0
		}
	}' "$flat/000-variants.txt"
echo "  lost: the share of dd's trace up to the last snapshot that no snapshot holds"
echo
echo "== Seed 001: a WARN through group throttling, a patch, a review (May 2026) =="
echo "# perf record -a -e cs_etm/aux-action=start-paused/k \\"
echo "      -e cycles/aux-action=pause,period=3000/ \\"
echo "      -e cycles/aux-action=resume,period=1500/ -- sleep 10"
echo "# on a Juno, Linux v7.1-rc1, perf 7.1"
echo
echo "s001-throttle-pause, the seed's command ($(rep 001-throttle-pause)):"
# the splat as dmesg prints it, without the time stamps: 0.004 s is below
sed -n 's/^\[ *[0-9.]*\] //; /^WARNING:/{p;q}' "$flat/001-throttle-pause.txt"
sed -n 's/^\[ *[0-9.]*\] //; /^Hardware name:/{p;q}' "$flat/001-throttle-pause.txt"
awk '/Call trace:/ { on = 1 } on && /end trace/ { exit }
	on { sub(/^\[[^]]*\] /, ""); print }' "$flat/001-throttle-pause.txt"
between 001-throttle-pause '^AUX tracer per CPU' '^$' | sed '/^$/d'
between 001-throttle-pause '^What happened to tracing' '^$' |
	sed '/^$/d; s/ s: an AUX transaction.*/ s: an orphaned AUX transaction/'
grep '^Where the trace went' "$flat/001-throttle-pause.txt"
echo
if grep -q '^  cpu[0-9]*: throttled yet tracing' "$flat/001-patch.txt"; then
	echo "With the seed's patch, +v1 ($(rep 001-patch)): $pwarn WARNs, but the"
	echo "throttle does not stop the ETM: when the resume event's overflow is the one"
	echo "that throttles, it resumes the ETM after the throttle paused it (R)"
else
	echo "With the seed's patch, +v1 ($(rep 001-patch)): $pwarn WARNs"
fi
between 001-patch '^AUX tracer per CPU' '^$' | grep '^CPU'
between 001-patch '^What happened to tracing' '^$' |
	sed '/^$/d; /^What/d; s/ s: the group is throttled.*/ s/'
echo
echo "The review's five claims, with the patch: rows (a)-(e) below, each a timed run"
echo "of s001-claim-?.scn ($(rep '001-claim-?')) and auxsim check --claims,"
echo "every interleaving within bounds ($(rep 001-claims-check))."
echo
} | wrap >"$out/screen.txt"

# --- the summary: one row per observation ---

# row OBSERVATION VARIANTS FIGURE VERDICT
row() { printf '%-32s %-30s %s\n' "$1" "$2" "$3"; }

# "35.8 ms" from "35.845", "16 ms" from "16.000"
ms() { awk -v x="$1" 'BEGIN { s = sprintf("%.1f", x); sub(/\.0$/, "", s); print s " ms" }'; }

# claim_run CLAIM ANOMALY: the figure of a claim's timed run: its WARN, or
# how long the tracer state the claim predicts lasted
claim_run() {
	f=$flat/001-claim-$1.txt
	case $2 in
	WARN)
		if grep -q 'WARNING: .* at perf_aux_output_begin' "$f"; then
			echo "WARN in perf_aux_output_begin"
		else
			echo "no WARN"
		fi
		return ;;
	never)
		if grep -q 'the AUX event never went ACTIVE' "$f"; then
			echo "never ACTIVE, never throttled"
		else
			echo "the AUX event ran"
		fi
		return ;;
	esac
	awk -v st="$2" '
		index($0, ": " st " for ") {
			split($0, a, ": "); cpu = a[1]; sub(/^ */, "", cpu)
			ms = substr($0, index($0, ": " st " for ") + length(st) + 7)
			sub(/ ms,.*/, "", ms)
			ms = sprintf("%.1f", ms); sub(/\.0$/, "", ms)
			sub(/paused though the user did not pause/, "paused unasked", st)
			sub(/tracing though the user paused/, "traces, user paused", st)
			sub(/throttled yet tracing/, "throttled+tracing", st)
			print cpu " " st " " ms " ms"; found = 1; exit
		}
		END { if (!found) print "never " st }' "$f"
}

# the checker's verdict on a claim, and its counterexample's length
claim_check() {
	awk -v c="($1)" '$1 == c { v = $2; sub(/-/, " ", v); print v }' \
		"$flat/001-claims-check.txt"
}
claim_steps() {
	awk '$1 ~ /^\([a-e]\)$/ {
		printf "%s%s %s", n++ ? ", " : "", $1,
			$3 == "-" ? "none in " $4 " states" : $3
	}' "$flat/001-claims-check.txt"
}

# the 000-variants.txt figures of one variant, PERF PATCH (- or rfc):
# "LO HI STALE SNAPSHOTS LOST%"
variant() {
	awk -v p="$1" -v q="$2" '$1 == p && $2 == q {
		n += $4
		if (!k++ || $5 + 0 < lo) lo = $5 + 0; if ($6 + 0 > hi) hi = $6 + 0
		st += $9; lost += $10; emit += $11
	} END { printf "%.3f %.3f %d %d %.0f", lo, hi, st, n, emit ? 100 * lost / emit : 0 }' \
		"$flat/000-variants.txt"
}

{
row "Summary" "figure" "verdict"
echo "seed 000 (Juno, v5.12, perf-5.13; +rfc: --patch etm-snapshot-rfc)"

# shellcheck disable=SC2046 # the words are the figures
set -- $(awk '/^Snapshots:/ { v = $3 + 0; if (!n++ || v < lo) lo = v; if (v > hi) hi = v }
	END { printf "%.3f %.3f", lo, hi }' "$flat/000-dd-1s.txt")
# the seed: "from several MBs to ~20MBs"
v=$(awk -v lo="$1" -v hi="$2" 'BEGIN { print (lo <= 8 && hi >= 16) ? "reproduced" : "not reproduced" }')
row "  size varies with scheduling" "$1 .. $2 MiB, 20 seeds" "$v"

v=$([ "${pin% *}" = "${pin#* }" ] && echo reproduced || echo "not reproduced")
row "  pinned: one buffer, one size" "${pin% *} MiB each, $npin snapshots" "$v"

# shellcheck disable=SC2046
set -- $(variant perf-5.13 -)
v=$([ "$3" -gt 0 ] && echo reproduced || echo "not reproduced")
row "  very old (stale) trace" "$3 of $4 snapshots stale" "$v"

p3=$(sed -n 's/.*P3@cpu1 part \([0-9]*%\).*/\1/p' "$flat/000-p1-p5.txt")
v=$(grep -q '^  DISCONTINUOUS' "$flat/000-p1-p5.txt" && echo reproduced || echo "not reproduced")
row "  discontinuous: P3 lost to P5" "P3 ${p3:-0%} held, P1 P2 P4 P5 whole" "$v"

for p in perf-5.13 perf-6.1; do
	# shellcheck disable=SC2046
	set -- $(variant "$p" rfc)
	lo=$(printf '%.1f' "$1") hi=$(printf '%.1f' "$2")
	if [ "$3" -eq 0 ]; then v="holds; $5% lost"; else v="does not hold"; fi
	o="+rfc on $p: consistent"
	row "  $o" "$lo .. $hi MiB, $3/$4 stale" "$v"
done

echo "seed 001 (v7.1, perf-7.1; Juno, unless the row names another machine)"
f=$flat/001-throttle-pause.txt
frames=$(awk '/Call trace:/ { on = 1; next } on && /end trace/ { exit }
	on { sub(/^\[[^]]*\]  /, ""); sub(/ \[.*\]$/, ""); printf "%s ", $0 }' "$f")
# the call trace of the seed's splat
seed_frames="perf_aux_output_begin etm_event_start perf_event_unthrottle \
perf_event_unthrottle_group perf_adjust_freq_unthr_events \
perf_adjust_freq_unthr_context perf_event_task_tick sched_tick update_process_times "
warn=$(sed -n 's/^\[ *\([0-9.]*\)\] WARNING: .* at perf_aux_output_begin, CPU#\([0-9]*\).*/cpu\2 \1/p' "$f" | head -1)
v=$([ "$frames" = "$seed_frames" ] && echo reproduced || echo "not reproduced")
row "  WARN in perf_aux_output_begin" \
	"${warn% *} at $(ms "$(awk -v t="${warn#* }" 'BEGIN { print t * 1000 }')"), seed's frames" "$v"
dead=$(sed -n 's/^  \(cpu[0-9]*\): dead for \([0-9.]*\) ms.*/\1 \2/p' "$f" | head -1)
dur=$(sed -n 's/.* \([0-9.]*\) s$/\1/p' "$f" | head -1)
row "  then: that tracer is dead" \
	"${dead% *} dead $(ms "${dead#* }") of $(ms "$(awk -v d="$dur" 'BEGIN { print d * 1000 }')")" \
	"beyond the seed"
v=$([ "$pwarn" -eq 0 ] && echo confirmed || echo "not confirmed")
echo " with the seed's patch (+v1: --patch aux-pause-throttle-v1)"
row "  no WARN" "$pwarn WARN splats" "$v"
r=$(sed -n 's/^  \(cpu[0-9]*\): throttled yet tracing for \([0-9.]*\) ms.*/\1 \2/p' \
	"$flat/001-patch.txt" | head -1)
if [ -n "$r" ]; then
	row "  the throttle pauses the ETM" \
		"${r% *} throttled+tracing $(ms "${r#* }")" "does not hold"
else
	row "  the throttle pauses the ETM" "never throttled yet tracing" "holds"
fi
for c in a b c d e; do
	mc=$(sed -n 's/^auxsim: .*  machine \([^ ]*\) .*/\1/p' "$flat/001-claim-$c.txt")
	# each claim, and the tracer state (report-tracer.c) it predicts
	case $c in
	a) o="(a) aux_paused leaked" x="paused though the user did not pause" ;;
	b) o="(b) overrides a user pause" x="tracing though the user paused" ;;
	c) o="(c) NMI throttle lost" x="throttled yet tracing" ;;
	d) o="(d) no stop without rb" x=never ;;
	e) o="(e) other AUX PMUs WARN" x=WARN ;;
	esac
	[ "$mc" = juno ] || o="$o, $mc"
	row "  $o" "$(claim_run $c "$x")" "$(claim_check $c)"
done
echo "(a)-(e): figure: the timed run; verdict: auxsim check --claims, whose shortest"
echo "  counterexamples take $(claim_steps) steps"
} | wrap >>"$out/screen.txt"

cat "$out/screen.txt"
