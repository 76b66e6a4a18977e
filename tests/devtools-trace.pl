#!/usr/bin/perl
# SPDX-License-Identifier: GPL-2.0
# devtools-trace.pl TRACE.json [SHOT.png]: read a Chrome trace-event file
# with the trace engine of Chromium's DevTools (the Performance panel's
# reader, bundled in the chromium package), in a headless chromium driven
# over --remote-debugging-pipe (the DevTools protocol, NUL-separated JSON on
# fds 3 and 4; no network).  Prints {"threads": [[pid, tid, name, entries],
# ...]} as that engine sees them.  With SHOT.png, also loads the trace into
# the Performance panel and saves a screenshot of it.
#
# Exit: 0 read; 1 chromium failed or the engine threw; 3 this chromium's
# DevTools has no trace engine of the shape used here (the test skips).
use strict;
use warnings;
use Fcntl qw(F_GETFD F_SETFD FD_CLOEXEC);
use File::Temp qw(tempdir);
use JSON::PP;
use MIME::Base64 qw(decode_base64);
use POSIX qw(dup2 _exit);

my ($path, $shot) = @ARGV;
die "usage: devtools-trace.pl TRACE.json [SHOT.png]\n" unless $path;
open my $in, '<', $path or die "$path: $!\n";
my $trace = do { local $/; <$in> };
close $in;

my $ud = tempdir('devtools-trace.XXXXXX', TMPDIR => 1, CLEANUP => 1);
pipe(my $to_r, my $to_w) or die "pipe: $!\n";
pipe(my $from_r, my $from_w) or die "pipe: $!\n";
my $child = fork // die "fork: $!\n";
if (!$child) {
	dup2(fileno($to_r), 3) // _exit(127) unless fileno($to_r) == 3;
	dup2(fileno($from_w), 4) // _exit(127) unless fileno($from_w) == 4;
	for my $fd (3, 4) {
		open my $h, '<&=', $fd or _exit(127);
		fcntl($h, F_SETFD, fcntl($h, F_GETFD, 0) & ~FD_CLOEXEC);
	}
	open STDOUT, '>', '/dev/null';
	open STDERR, '>', "$ud/chromium.log";
	$ENV{HOME} = $ud;
	no warnings 'exec';
	exec 'chromium', '--headless', '--no-sandbox', '--disable-gpu',
		'--disable-background-networking', '--disable-component-update',
		'--no-first-run', '--disable-sync', "--user-data-dir=$ud",
		'--remote-debugging-pipe', 'about:blank';
	_exit(127);
}
close $to_r;
close $from_w;

my $json = JSON::PP->new->canonical;
my ($id, $buf) = (0, '');
my $deadline = time + 150;
sub done {
	my ($rc, $msg) = @_;
	print STDERR $msg if defined $msg;
	kill 'TERM', $child;
	waitpid $child, 0;
	exit $rc;
}
# send a command, wait for its answer (other messages are events: dropped)
sub cdp {
	my ($method, $params, $session) = @_;
	my %m = (id => ++$id, method => $method, params => $params // {});
	$m{sessionId} = $session if $session;
	my $out = $json->encode(\%m) . "\0";
	while (length $out) {
		my $n = syswrite($to_w, $out) // done(1, "chromium: $!\n");
		substr($out, 0, $n) = '';
	}
	while (1) {
		while ((my $i = index($buf, "\0")) >= 0) {
			my $msg = $json->decode(substr($buf, 0, $i));
			substr($buf, 0, $i + 1) = '';
			return $msg if ($msg->{id} // 0) == $id;
		}
		done(1, "chromium: no answer to $method\n") if time > $deadline;
		my $rin = '';
		vec($rin, fileno($from_r), 1) = 1;
		next unless select(my $rout = $rin, undef, undef, 1);
		sysread($from_r, $buf, 1 << 20, length $buf) or
			done(1, "chromium closed the pipe\n");
	}
}
sub evaluate {
	my ($session, $expr) = @_;
	my $r = cdp('Runtime.evaluate', { expression => $expr,
		returnByValue => JSON::PP::true, awaitPromise => JSON::PP::true },
		$session);
	return ($r->{result}{result}{value},
		$r->{error} ? $r->{error}{message} :
		$r->{result}{exceptionDetails} ?
			($r->{result}{exceptionDetails}{exception}{description} //
			 $r->{result}{exceptionDetails}{text}) : undef);
}

my $t = cdp('Target.createTarget',
	{ url => 'devtools://devtools/bundled/trace_app.html' });
done(3, "no DevTools trace_app: " . $json->encode($t) . "\n")
	unless $t->{result}{targetId};
my $a = cdp('Target.attachToTarget',
	{ targetId => $t->{result}{targetId}, flatten => JSON::PP::true });
my $s = $a->{result}{sessionId} // done(1, "attach failed\n");
cdp('Emulation.setDeviceMetricsOverride', { width => 1600, height => 1000,
	deviceScaleFactor => 1, mobile => JSON::PP::false }, $s);

my $text = JSON::PP->new->allow_nonref->encode($trace);
my $read = <<"EOF";
(async () => {
	const t = await import("./models/trace/trace.js");
	if (!t.TraceModel || !t.TraceModel.Model ||
	    typeof t.TraceModel.Model.createWithAllHandlers !== "function" ||
	    !t.Handlers || !t.Handlers.Threads ||
	    typeof t.Handlers.Threads.threadsInTrace !== "function")
		return JSON.stringify({ api: "models/trace: no TraceModel.Model.createWithAllHandlers or Handlers.Threads.threadsInTrace" });
	const file = JSON.parse($text);
	const model = t.TraceModel.Model.createWithAllHandlers();
	await model.parse(file.traceEvents, { metadata: {}, isFreshRecording: false });
	const p = model.parsedTrace(0);
	const data = p && p.data ? p.data : p;
	return JSON.stringify({ threads: t.Handlers.Threads.threadsInTrace(data).map(
		x => [x.pid, x.tid, x.name, (x.entries || []).length]) });
})()
EOF
# the app loads its modules and locale first: retry until it answers
my ($v, $err);
for (1 .. 20) {
	select(undef, undef, undef, 1);
	($v, $err) = evaluate($s, $read);
	last if defined $v;
	last if defined $err && $err =~ /Failed to fetch dynamically imported/;
}
done(3, "DevTools: $err\n") if !defined $v && defined $err &&
	$err =~ /Failed to fetch dynamically imported|is not a function|Cannot read prop/;
done(1, "DevTools: " . ($err // 'no answer') . "\n") unless defined $v;
my $r = $json->decode($v);
done(3, "DevTools: $r->{api}\n") if $r->{api};
print $json->encode($r), "\n";

if ($shot) {
	my $load = <<"EOF";
(async () => {
	const UI = await import("./ui/legacy/legacy.js");
	await UI.ViewManager.ViewManager.instance().showView("timeline");
	await new Promise(r => setTimeout(r, 1500));
	const tl = await import("./panels/timeline/timeline.js");
	await tl.TimelinePanel.TimelinePanel.instance().loadFromEvents(JSON.parse($text).traceEvents);
	await new Promise(r => setTimeout(r, 3000));
	return "loaded";
})()
EOF
	# no target page: drop the "connection closed" and shortcut dialogs
	my $close = <<'EOF';
(() => {
	let n = 0;
	const walk = root => {
		for (const el of root.querySelectorAll("*"))
			if (el.shadowRoot)
				walk(el.shadowRoot);
		for (const el of root.querySelectorAll(".glass-pane, .widget.dialog, devtools-dialog, devtools-button-dialog"))
			el.remove(), n++;
	};
	walk(document);
	return n;
})()
EOF
	my ($l, $e) = evaluate($s, $load);
	done(1, "DevTools Performance panel: " . ($e // '?') . "\n") unless defined $l;
	select(undef, undef, undef, 2);
	for my $type ('keyDown', 'keyUp') {
		cdp('Input.dispatchKeyEvent', { type => $type, key => 'Escape',
			code => 'Escape', windowsVirtualKeyCode => 27 }, $s);
	}
	my ($n) = evaluate($s, $close);
	print STDERR "closed $n\n" if $ENV{DEVTOOLS_TRACE_DEBUG};
	select(undef, undef, undef, 1);
	my $png = cdp('Page.captureScreenshot', { format => 'png' }, $s);
	open my $o, '>:raw', $shot or done(1, "$shot: $!\n");
	print $o decode_base64($png->{result}{data} // '');
	close $o;
}
done(0);
