#!/bin/sh
# embed-scenarios.sh FILE.scn... - the scenarios as a C header on stdout,
# for fuzz/fuzz-replay.c: replay_scenarios[], each { name, text }, the name
# being the file's base name without .scn.
set -eu
cat <<'HDR'
/* made by fuzz/embed-scenarios.sh: do not edit */
struct replay_scenario {
	const char *name;
	const char *text;
};

static const struct replay_scenario replay_scenarios[] = {
HDR
awk '
FNR == 1 {
	if (NR > 1)
		print "\t},"
	n = FILENAME
	sub(/.*\//, "", n)
	sub(/\.scn$/, "", n)
	printf "\t{\n\t\t\"%s\",\n", n
}
{
	gsub(/\\/, "\\\\")
	gsub(/"/, "\\\"")
	printf "\t\t\"%s\\n\"\n", $0
}
END {
	print "\t},"
}' "$@"
echo "};"
