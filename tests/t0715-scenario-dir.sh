#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# t0715-scenario-dir: scenarios by name from a build tree.  A fresh clone's
# ./auxsim (or build/auxsim) finds the source tree's scenarios/ by name,
# before `make install`; --help names the directory it really uses, and
# says when that one does not exist.
. "$(dirname "$0")/lib.sh"
top=$(cd "$TOP" && pwd -P)

(cd "$TMP" && "$AUXSIM" run s000-dd-pinned --json >"$TMP/p.json")
ok $? "from the build tree, auxsim run NAME finds scenarios/NAME.scn"
test "$(jsonq "$TMP/p.json" '$j->{scenario}')" = s000-dd-pinned
ok $? "... that scenario"
"$AUXSIM" --help | tr '\n' ' ' | grep -q "installed scenario, in $top/scenarios (the source tree's: auxsim runs from its build tree)\."
ok $? "--help names the source tree's scenarios/ and why"
"$AUXSIM" run --help | tr '\n' ' ' | grep -q "in $top/scenarios (the source tree's"
ok $? "run --help too"
(cd "$TMP" && "$AUXSIM" run no-such-scenario 2>"$TMP/e" >/dev/null)
test $? = 2 && grep -q "nor an installed scenario (in $top/scenarios (the source" "$TMP/e"
ok $? "an unknown name: the directory looked in"

# the binary alone, neither installed nor in a build tree: the compiled-in
# directory, and whether it exists
mkdir -p "$TMP/bin" && cp "$AUXSIM" "$TMP/bin/auxsim"
"$TMP/bin/auxsim" --help | tr '\n' ' ' >"$TMP/h"
dir=$(sed -n 's/.*installed scenario, in \(\/[^ ,]*\).*/\1/p' "$TMP/h")
test -n "$dir"
ok $? "a lone binary's --help names a directory ($dir)"
if [ -d "$dir" ]; then
	! grep -q 'does not exist' "$TMP/h"
	ok $? "... which exists: no warning"
else
	grep -q "in $dir, which does not exist (make install puts them there)\." "$TMP/h"
	ok $? "... and says it does not exist"
	(cd "$TMP" && "$TMP/bin/auxsim" run s000-dd-pinned 2>"$TMP/e" >/dev/null)
	test $? = 2 && grep -q "nor an installed scenario (in $dir, which does not exist" "$TMP/e"
	ok $? "... as does the error for a scenario by name"
fi

done_testing
