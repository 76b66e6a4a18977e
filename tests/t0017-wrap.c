// SPDX-License-Identifier: GPL-2.0
/*
 * t0017-wrap - wrap.h: prose broken at spaces into 80 columns, the
 * continuation indented, WRAP_NBSP kept whole, commands with " \".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/wrap.h"
#include "tap.h"

static char out[4096];

static const char *text(const char *in, int hang)
{
	FILE *f = fmemopen(out, sizeof(out), "w");

	wrap__text(f, in, hang);
	fclose(f);
	return out;
}

static const char *command(const char *prompt, const char *in, int hang)
{
	FILE *f = fmemopen(out, sizeof(out), "w");

	wrap__command(f, prompt, in, hang);
	fclose(f);
	return out;
}

/* every line of @s at most 80 columns */
static int fits(const char *s)
{
	while (*s) {
		size_t n = strcspn(s, "\n");

		if (n > WRAP_WIDTH)
			return 0;
		s += n + (s[n] == '\n');
	}
	return 1;
}

int main(void)
{
	char long_line[512] = "  holds (newest first):";
	char want[128];

	is_str(text("short enough\n", WRAP_HANG), "short enough\n",
	       "a short line: as it is");
	is_str(text("no newline", WRAP_HANG), "no newline\n",
	       "... a newline at its end");
	is_str(text("  per-CPU task events, 6 AUX mmaps of 4096 KiB "
		    "(read-only: overwrite mode), snapshot size 4096 KiB, "
		    "ETR buffer 4096 KiB, 0.330000 s",
		    WRAP_HANG),
	       "  per-CPU task events, 6 AUX mmaps of 4096 KiB (read-only: "
	       "overwrite mode),\n      snapshot size 4096 KiB, ETR buffer "
	       "4096 KiB, 0.330000 s\n",
	       "a long line: broken at the last space that fits, continued "
	       "at its indentation + 4");
	for (int i = 1; i <= 12; i++)
		snprintf(long_line + strlen(long_line),
			 sizeof(long_line) - strlen(long_line),
			 "%s P%d@cpu1" WRAP_NBSP_S "part" WRAP_NBSP_S "%d%%",
			 i > 1 ? "," : "", i, i * 7);
	text(long_line, WRAP_HANG);
	ok(fits(out) && !strchr(out, WRAP_NBSP),
	   "a list: 80 columns, no NBSP left");
	ok(!strstr(out, "part\n") && !strstr(out, "@cpu1\n"),
	   "... never broken inside an item");
	ok(strstr(out, "\n      P") != NULL, "... items continued at 6");
	is_str(text("a\nb c\n", 2), "a\nb c\n", "'\\n' ends lines");
	memset(want, 'x', 100);
	want[100] = '\0';
	snprintf(long_line, sizeof(long_line), "word %s tail", want);
	text(long_line, 2);
	ok(!strncmp(out, "word\n  xxxx", 11) && strstr(out, "x\n  tail\n"),
	   "a word longer than the line overflows, whole, on its own");
	is_str(text("caf\xc3\xa9 \xe2\x86\x92 done", 0),
	       "caf\xc3\xa9 \xe2\x86\x92 done\n", "UTF-8 counts as characters");
	command("# ",
		"perf record -a -e cs_etm/aux-action=start-paused/k -e "
		"cycles/aux-action=pause,period=3000/ -e "
		"cycles/aux-action=resume,period=1500/ -- sleep 10",
		4);
	is_str(out,
	       "# perf record -a -e cs_etm/aux-action=start-paused/k \\\n"
	       "    -e cycles/aux-action=pause,period=3000/ \\\n"
	       "    -e cycles/aux-action=resume,period=1500/ -- sleep 10\n",
	       "a command: ' \\' at each break, never between -e and its "
	       "event, in 80 columns");
	command("$ ", "echo 'a b' x", 4);
	is_str(out, "$ echo 'a b' x\n", "a short command: as it is");
	memset(want, 'y', 70);
	want[70] = '\0';
	snprintf(long_line, sizeof(long_line), "echo 'one two %s'", want);
	command("$ ", long_line, 4);
	ok(!strncmp(out, "$ echo \\\n    'one two y", 22) &&
		   !strchr(out, WRAP_NBSP),
	   "no break inside quotes");
	return done_testing();
}
