// SPDX-License-Identifier: GPL-2.0
/*
 * t0016-escape - escape__text() (lib/escape.h): printable UTF-8 as it is,
 * controls, C1 controls and bytes that are not UTF-8 spelled out, the
 * result cut only at a whole escape.
 */
#include <stdio.h>
#include <string.h>

#include "lib/escape.h"
#include "tap.h"

static const struct {
	const char *in, *out, *what;
} cases[] = {
	{": no violation within the bounds (depth bound 6, exhaustive)",
	 ": no violation within the bounds (depth bound 6, exhaustive)",
	 "check's note: as it is"},
	{"caf\xc3\xa9 \xe2\x86\x92 \xf0\x9f\x90\x9b",
	 "caf\xc3\xa9 \xe2\x86\x92 \xf0\x9f\x90\x9b",
	 "printable UTF-8 of 2, 3 and 4 bytes: as it is"},
	{"a\tb", "a\\tb", "a tab"},
	{"a\\b", "a\\\\b", "a backslash, doubled"},
	{"\x1b[2J\x07", "\\x1b[2J\\x07", "ESC and BEL"},
	{"\x7f", "\\x7f", "DEL"},
	{"\xc2\x9b"
	 "31m",
	 "\\xc2\\x9b31m", "a C1 control (CSI, U+009B)"},
	{"\xff\xfe", "\\xff\\xfe", "bytes that are never UTF-8"},
	{"\x80x", "\\x80x", "a stray continuation byte"},
	{"\xc3", "\\xc3", "a sequence cut by the end"},
	{"\xe2\x86x", "\\xe2\\x86x", "a sequence cut short"},
	{"\xc0\xaf", "\\xc0\\xaf", "an overlong '/'"},
	{"\xe0\x80\xaf", "\\xe0\\x80\\xaf", "an overlong 3-byte '/'"},
	{"\xed\xa0\x80", "\\xed\\xa0\\x80", "a surrogate (U+D800)"},
	{"\xf4\x90\x80\x80", "\\xf4\\x90\\x80\\x80", "beyond U+10FFFF"},
};

int main(void)
{
	char buf[256];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t n = escape__text(buf, sizeof(buf), cases[i].in);

		is_str(buf, cases[i].out, "%s", cases[i].what);
		is_int(n, strlen(cases[i].out), "... its length");
	}
	/* a buffer too short: the length of the whole, cut at an escape */
	is_int(escape__text(buf, 6,
			    "ab\x1b"
			    "cd"),
	       8, "a short buffer: the whole length");
	is_str(buf, "ab",
	       "... and the text cut before the escape that does not fit");
	is_int(escape__text(buf, 0, "x"), 1, "no buffer at all");
	return done_testing();
}
