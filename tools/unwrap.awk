# unwrap.awk: auxsim's text outputs with their wrapped prose joined back
# into one line a paragraph (src/lib/wrap.h: a continuation is indented 4
# more than the text of the line it continues, which starts after the
# indentation and, in a step log or a kernel log, after the step number or
# the time stamp; each line of a command but its last ends in " \").
# Used by tools/run-seeds.sh and the tests (tests/lib.sh unwrap()).
function flush() { if (have) print prev; have = 0 }
{
	match($0, /^ */); ind = RLENGTH
	if (match($0, /^ *[0-9]+  [^ ]/) || match($0, /^ *\[ *[0-9.]+\] [^ ]/))
		lead = RLENGTH - 1
	else
		lead = ind
	if (have && $0 != "" && (ind == pind + 4 || cmd)) {
		line = $0; sub(/^ +/, "", line)
		if (cmd) sub(/ \\$/, "", prev)
		prev = prev " " line
		cmd = prev ~ / \\$/
		next
	}
	flush()
	prev = $0; pind = lead; have = 1; cmd = prev ~ / \\$/
}
END { flush() }
