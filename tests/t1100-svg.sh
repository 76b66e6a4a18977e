#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# t1100-svg: `auxsim run --svg`: the timeline picture is well-formed XML,
# holds what the run holds (a bar per slice, a line per snapshot, a marker
# per WARN, the lost slices crossed out), is the same bytes every time, and
# renders in a headless Chromium (installed by tools/deps.sh when missing).
# What a screenshot must show is text, not only tooltips: the snapshots'
# sizes, DISCONTINUOUS and STALE, the WARNs' functions, CPUs and times, the
# fill lane's scale; no cross covers a label; idle CPUs get no row.
. "$(dirname "$0")/lib.sh"
S=$TOP/scenarios

# svgq SVG JSON PERL-EXPR: with @t the SVG's <text> elements ({x, y, class,
# text}, entities decoded), @x the lost slices' crosses ({x0, y0, x1, y1}),
# $s the SVG's source and $j the run's --json
svgq() {
	perl -MJSON::PP -e 'local $/;
		open my $f, "<", $ARGV[0] or die; my $s = <$f>;
		open my $g, "<", $ARGV[1] or die; my $j = JSON::PP->new->decode(<$g>);
		my (@t, @x);
		while ($s =~ m{<text x="([-\d.]+)" y="([-\d.]+)"(?: class="(\w+)")?>([^<]*)</text>}g) {
			my %e = (x => $1, y => $2, class => $3 // "", text => $4);
			$e{text} =~ s/&lt;/</g; $e{text} =~ s/&gt;/>/g;
			$e{text} =~ s/&quot;/"/g; $e{text} =~ s/&amp;/&/g;
			push @t, \%e;
		}
		while ($s =~ m{<path d="M([\d.]+),([\d.]+) L([\d.]+),([\d.]+) M[\d.]+,[\d.]+ L[\d.]+,[\d.]+" class="lost"><title>}g) {
			push @x, { x0 => $1, y0 => $2, x1 => $3, y1 => $4 };
		}
		# the size of a byte count as the picture writes it
		sub sz { my $b = shift; $b >= 1048576 ? sprintf("%.2f MiB", $b / 1048576) :
			$b >= 1024 ? sprintf("%.1f KiB", $b / 1024) : "$b B" }
		my $r = eval $ARGV[2]; die $@ if $@; print $r // ""' "$1" "$2" "$3"
}

"$TOP/tools/deps.sh" svg >"$TMP/deps" 2>&1
ok $? "xmllint and chromium are there (tools/deps.sh svg)"

"$AUXSIM" run "$S/s000-dd-migrate.scn" --svg "$TMP/a.svg" --json >"$TMP/a.json"
ok $? "run --svg: exit 0"
xmllint --noout "$TMP/a.svg" 2>"$TMP/e"
ok $? "s000-dd-migrate: well-formed XML"
test "$(grep -c '<rect id="slice' "$TMP/a.svg")" = \
	"$(jsonq "$TMP/a.json" 'scalar @{$j->{slices}}')"
ok $? "a bar for every slice"
test "$(grep -c 'class="snapd*"><title>snapshot' "$TMP/a.svg")" = \
	"$(jsonq "$TMP/a.json" 'scalar @{$j->{snapshots}}')"
ok $? "a line for every snapshot"
grep -q 'class="label">P1</text>' "$TMP/a.svg"
ok $? "the traced task's slices are labelled P1.."
grep -q 'class="lost"><title>P[0-9]* is in no snapshot' "$TMP/a.svg"
ok $? "slices no snapshot held are crossed out"
grep -q 'class="held"><title>' "$TMP/a.svg" &&
	grep -q 'class="part"><title>' "$TMP/a.svg"
ok $? "slices held whole and in part are outlined"
grep -q '<polyline class="fill"' "$TMP/a.svg"
ok $? "the AUX buffers' fill"
grep -q '<title>CPU [0-9]: tracing, ' "$TMP/a.svg"
ok $? "the tracer's state, with tooltips"

# no label under a cross: a text's box (its font's size high, 0.62 of it
# wide a character, placed by its anchor) meets no lost slice's cross
overlaps='my %fs = (label => 11, lostlabel => 11, state => 10, lane => 10,
	warntext => 10, disc => 10, stale => 10, fb => 9, fp => 9);
my %mid = (label => 1, lostlabel => 1, state => 1);
my $n = 0;
for my $e (@t) {
	my $fs = $fs{$e->{class}} // 12, $w = 0.62 * $fs * length $e->{text};
	my $l = $mid{$e->{class}} ? $e->{x} - $w / 2 :
		$e->{class} eq "fb" ? $e->{x} - $w : $e->{x};
	for my $c (@x) {
		$n++, print STDERR "$e->{text} at $e->{x},$e->{y} under a cross\n"
			if $l < $c->{x1} && $l + $w > $c->{x0} &&
			   $e->{y} - $fs < $c->{y1} && $e->{y} + 3 > $c->{y0};
	}
}
$n'
test "$(svgq "$TMP/a.svg" "$TMP/a.json" 'scalar @x')" -gt 0 &&
	test "$(svgq "$TMP/a.svg" "$TMP/a.json" "$overlaps")" = 0
ok $? "s000-dd-migrate: no label lies under a lost slice's cross"
test "$(svgq "$TMP/a.svg" "$TMP/a.json" 'scalar grep { $_->{class} eq "lostlabel" } @t')" -gt 0
ok $? "... the lost slices' labels are there, above their crosses"

# every snapshot: "Sn size" as text, DISCONTINUOUS and STALE under it
svgq "$TMP/a.svg" "$TMP/a.json" 'my %t = map { $_->{text} => 1 } @t;
	join "", map { "S$_->{index} " . sz($_->{total_bytes}) . "\n" }
	grep { !$t{"S$_->{index} " . sz($_->{total_bytes})} } @{$j->{snapshots}}' >"$TMP/out"
test ! -s "$TMP/out" && test "$(jsonq "$TMP/a.json" 'scalar @{$j->{snapshots}}')" -gt 0
ok $? "s000-dd-migrate: every snapshot's line is labelled with its size"
test "$(svgq "$TMP/a.svg" "$TMP/a.json" 'scalar grep { $_->{class} eq "disc" && $_->{text} eq "DISCONTINUOUS" } @t')" = \
	"$(jsonq "$TMP/a.json" 'scalar grep { $_->{discontinuous} } @{$j->{snapshots}}')" &&
	test "$(jsonq "$TMP/a.json" 'scalar grep { $_->{discontinuous} } @{$j->{snapshots}}')" -gt 0
ok $? "... DISCONTINUOUS under each discontinuous snapshot's"
test "$(svgq "$TMP/a.svg" "$TMP/a.json" 'join ",", map { $_->{text} } grep { $_->{class} eq "stale" } @t')" = \
	"$(jsonq "$TMP/a.json" 'join ",", map { "STALE " . do { my $b = $_->{stale_bytes}; $b >= 1048576 ? sprintf("%.2f MiB", $b / 1048576) : sprintf("%.1f KiB", $b / 1024) } } grep { $_->{stale_bytes} } @{$j->{snapshots}}')"
ok $? "... STALE and its size under each snapshot that holds stale data"
grep -q 'class="snapd"><title>snapshot [0-9]* at [^<]*DISCONTINUOUS' "$TMP/a.svg"
ok $? "... and a discontinuous snapshot's line has its own colour"

# the AUX fill lane's scale: bytes on the left, % of the area on the right
svgq "$TMP/a.svg" "$TMP/a.json" 'my $z = $j->{aux_size};
	my @b = map { $_->{text} } grep { $_->{class} eq "fb" } @t;
	my @p = map { $_->{text} } grep { $_->{class} eq "fp" } @t;
	join ",", scalar(@b), $b[0], $b[1], $b[2], scalar(@p), @p[0 .. 2],
		(grep { $_ ne "0" && $_ ne sz($z / 2) && $_ ne sz($z) } @b) ? "bad" : "ok"' >"$TMP/out"
test "$(cat "$TMP/out")" = "18,0,2.00 MiB,4.00 MiB,18,0%,50%,100%,ok"
ok $? "s000-dd-migrate: each fill lane has an axis: 0, 2.00 MiB, 4.00 MiB and 0%, 50%, 100%"

# the fill is a step, as the trace-event counters of the same run: it
# changes only when the kernel publishes aux_head or perf reads.  In
# s000-p1-p5, CPU 0's buffer stays empty until P1 ends at 60 ms, then holds
# 4 MiB; each change of the counters is a vertical step at its time.
"$AUXSIM" run "$S/s000-p1-p5.scn" --svg "$TMP/p.svg" --trace-json "$TMP/p.tj" \
	--json >"$TMP/p.json"
perl -MJSON::PP -e 'local $/;
	open my $f, "<", $ARGV[0] or die; my $s = <$f>;
	open my $g, "<", $ARGV[1] or die; my $tj = JSON::PP->new->decode(<$g>);
	my @lines = map { [map { [split /,/] } split / /] }
		$s =~ m{<polyline class="fill" points="([^"]*)"}g;
	my %c;	# the counters, per track: [ts in us, bytes]
	push @{$c{$_->{pid}}}, [$_->{ts}, $_->{args}{bytes}]
		for grep { $_->{ph} eq "C" } @{$tj->{traceEvents}};
	my @tracks = map { $c{$_} } sort { $a <=> $b } keys %c;
	my $bad = 0;
	die "lines " . @lines . " tracks " . @tracks . "\n" unless @lines == @tracks;
	for my $i (0 .. $#lines) {
		my @p = @{$lines[$i]}; my @k = @{$tracks[$i]};
		for (1 .. $#p) {	# no slope: each segment level or upright
			$bad++, print "# slope $p[$_-1][0],$p[$_-1][1] $p[$_][0],$p[$_][1]\n"
				unless $p[$_][0] == $p[$_-1][0] || $p[$_][1] == $p[$_-1][1];
		}
		my ($x0, $x1, $base) = ($p[0][0], $p[-1][0], $p[0][1]);
		my $dur = $k[-1][0];
		for my $j (1 .. $#k) {	# a step where the counter changes
			next if $k[$j][1] == $k[$j-1][1];
			my $x = sprintf "%.2f", $x0 + ($x1 - $x0) * $k[$j][0] / $dur;
			my @at = grep { sprintf("%.2f", $_->[0]) eq $x } @p;
			$bad++, print "# no step at $x\n" unless @at == 2 && $at[0][1] != $at[1][1];
		}
	}
	my @p0 = @{$lines[0]};	# CPU 0: empty up to 60 ms, P1 written then
	my $x60 = $p0[0][0] + ($p0[-1][0] - $p0[0][0]) * 60 / 330;
	my @up = grep { $_->[1] != $p0[0][1] } @p0;
	$bad++, print "# CPU 0 rises at $up[0][0], not $x60\n"
		unless abs($up[0][0] - $x60) < 0.01;
	exit !!$bad' "$TMP/p.svg" "$TMP/p.tj"
ok $? "s000-p1-p5: the fill lines are steps where the trace-event counters change (CPU 0: at 60 ms)"

"$AUXSIM" run "$S/s000-dd-migrate.scn" --svg "$TMP/b.svg" >/dev/null
cmp -s "$TMP/a.svg" "$TMP/b.svg"
ok $? "the same run, the same bytes"

"$AUXSIM" run "$S/s001-throttle-pause.scn" --svg "$TMP/w.svg" --json >"$TMP/w.json"
xmllint --noout "$TMP/w.svg" 2>"$TMP/e"
ok $? "s001: well-formed XML"
test "$(grep -c 'class="warn"><title>W[0-9]* at [0-9.]* ms: WARNING: ' "$TMP/w.svg")" = \
	"$(jsonq "$TMP/w.json" 'scalar @{$j->{warnings}}')"
ok $? "s001: a marker for every WARN"
grep -q '<title>W1 at 4.000 ms: WARNING: kernel/events/ring_buffer.c:415 at perf_aux_output_begin, CPU#0: perf/2002' "$TMP/w.svg"
ok $? "s001: the perf_aux_output_begin WARN on CPU 0, its WARNING line as v7.1 prints it"
svgq "$TMP/w.svg" "$TMP/w.json" 'my $n = 0; my $i = 0;
	for my $w (@{$j->{warnings}}) {
		$i++;
		my $ms = sprintf "%d.%03d ms", $w->{time_ns} / 1e6, $w->{time_ns} / 1e3 % 1000;
		$n++ if grep { $_->{class} eq "item" &&
			index($_->{text}, "W$i $ms  WARNING: $w->{file}") == 0 &&
			index($_->{text}, " at $w->{function}, CPU#$w->{cpu}: $w->{comm}/$w->{pid}  ($w->{condition}") > 0 } @t;
		$n++ if grep { $_->{class} eq "warntext" && $_->{text} =~ /^W$i( |$)/ } @t;
	}
	$n . "/" . 2 * @{$j->{warnings}}' >"$TMP/out"
test "$(cat "$TMP/out")" = "4/4"
ok $? "s001: each WARN's time, CPU, task, file, function and condition as text, and Wn at its marker"
svgq "$TMP/w.svg" "$TMP/w.json" 'join ",", map { $_->{text} } grep { $_->{class} eq "warntext" } @t' >"$TMP/out"
test "$(cat "$TMP/out")" = "W1 perf_aux_output_begin,W2 perf_mmap_close"
ok $? "... with the function beside the marker when there is room"
test "$(svgq "$TMP/w.svg" "$TMP/w.json" 'join ",", map { $_->{text} } grep { $_->{class} eq "cpu" && $_->{text} =~ /^CPU/ } @t')" = \
	"CPU 0,CPU 1,CPU 2,CPU 3,CPU 4,CPU 5"
ok $? "s001: a row for every CPU (each has a tracer state)"
grep -q 'fill="#d33a3a"><title>CPU 0: throttled, ' "$TMP/w.svg" &&
	grep -q '<title>CPU 0: dead (orphaned AUX handle), ' "$TMP/w.svg"
ok $? "s001: CPU 0 throttled, then its tracer dead"

# idle CPUs get no row; the key says which are left out
"$AUXSIM" run "$S/s000-dd-pinned.scn" --svg "$TMP/p.svg" --json >"$TMP/p.json"
xmllint --noout "$TMP/p.svg" 2>"$TMP/e" &&
	test "$(jsonq "$TMP/p.json" 'my %c = map { $_->{cpu} => 1 } @{$j->{slices}}; join ",", sort keys %c')" = 1 &&
	test "$(svgq "$TMP/p.svg" "$TMP/p.json" 'join ",", map { $_->{text} } grep { $_->{class} eq "cpu" && $_->{text} =~ /^CPU/ } @t')" = "CPU 1"
ok $? "s000-dd-pinned: only CPU 1, where dd ran, has a row"
grep -q 'class="leftout">not shown: CPUs 0, 2-5 (idle' "$TMP/p.svg"
ok $? "... and the key names the CPUs left out"

# crowded snapshots: a label that does not fit above is listed under the axis
"$AUXSIM" run "$TOP/tests/scenarios/snapshot-usr2.scn" --svg "$TMP/u.svg" --json >"$TMP/u.json"
xmllint --noout "$TMP/u.svg" 2>"$TMP/e"
ok $? "snapshot-usr2: well-formed XML"
svgq "$TMP/u.svg" "$TMP/u.json" 'my $bad = 0;
	for my $sn (@{$j->{snapshots}}) {
		my $l = "S$sn->{index} " . sz($sn->{total_bytes});
		my $ok = grep { $_->{text} eq $l } @t;
		my $d = !$sn->{discontinuous} || $ok;
		for (grep { $_->{class} eq "item" && index($_->{text}, "$l at ") == 0 } @t) {
			$ok++;
			$d = 1 if $_->{text} =~ /DISCONTINUOUS/;
		}
		$bad++ unless $ok == 1 && $d;
	}
	$bad . "/" . scalar(grep { $_->{class} eq "item" } @t)' >"$TMP/out"
test "$(cat "$TMP/out")" = "0/2"
ok $? "snapshot-usr2: each snapshot's size and DISCONTINUOUS once, above its line or in the list"

# no partial file: an unwritable place fails cleanly
"$AUXSIM" run "$S/s000-dd-pinned.scn" --svg "$TMP/nodir/x.svg" >/dev/null 2>"$TMP/e"
test $? = 2 && ! ls "$TMP"/nodir* >/dev/null 2>&1 && grep -q 'x.svg' "$TMP/e"
ok $? "an unwritable --svg: exit 2 (checked before the run), a message, no file"
"$AUXSIM" run "$S/s000-dd-pinned.scn" --svg 2>"$TMP/e"
test $? = 2 && grep -q -- '--svg' "$TMP/e"
ok $? "--svg without a file: exit 2"
ls "$TMP"/*.tmp.* >/dev/null 2>&1
test $? != 0
ok $? "no temporary files left"

# the picture renders: Chromium draws it to a PNG of the SVG's size
if command -v chromium >/dev/null 2>&1; then
	(cd "$TMP" && HOME="$TMP" timeout 120 chromium --headless --no-sandbox \
		--disable-gpu --hide-scrollbars --window-size=1600,760 \
		--screenshot="$TMP/a.png" "file://$TMP/a.svg" >"$TMP/chromium.log" 2>&1)
	test -s "$TMP/a.png"
	ok $? "headless Chromium renders it to PNG"
	perl -e 'open my $f, "<:raw", $ARGV[0] or exit 1; read $f, my $h, 24;
		exit 1 unless substr($h, 0, 8) eq "\x89PNG\r\n\x1a\n";
		my ($w, $h2) = unpack "NN", substr($h, 16, 8);
		exit !($w == 1600 && $h2 == 760)' "$TMP/a.png"
	ok $? "... a 1600x760 PNG"
	# a blank page compresses to a few KiB; the timeline does not
	test "$(wc -c <"$TMP/a.png")" -gt 30000
	ok $? "... with the picture in it, not a blank page"
else
	ok 1 "headless Chromium renders it to PNG (chromium missing)"
fi

done_testing
