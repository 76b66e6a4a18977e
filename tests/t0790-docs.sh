#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# t0790-docs: the project stands alone.  README.md, docs/, man/ and src/
# name no path of the machine they were written on and cite no private
# search-index ids (kernel sources are cited by tree and version), and
# every relative link in README.md and docs/*.md reaches a file in the tree.
. "$(dirname "$0")/lib.sh"
cd "$TOP" || exit 1

FILES=$(find README.md docs man src -type f | LC_ALL=C sort)

# scan DESCRIPTION ERE: passes when no file has a line matching ERE
scan() {
	# shellcheck disable=SC2086 # FILES is a list of plain paths
	grep -nE -- "$2" $FILES >"$TMP/hits"
	test ! -s "$TMP/hits"
	ok $? "$1"
	sed 's/^/#   /' "$TMP/hits" | head -10
}

test -n "$FILES" && test -f README.md && test -f man/auxsim.1
ok $? "the files to check are there"

# a directory of a machine: /work/, /home/, /root/, /tmp/, ... at the start
# of a path (not inside a URL such as example.org/tmp/)
scan "no machine path (/work/, /home/, /root/, /tmp/, /mnt/, /srv/)" \
	'(^|[^A-Za-z0-9_.~$/-])/(work|home|root|tmp|mnt|srv|scratch)/'
scan "no machine path (/usr/src, /var/tmp)" \
	'(^|[^A-Za-z0-9_.~$/-])/(usr/src|var/tmp)(/|[^A-Za-z0-9_]|$)'
scan "no search-tool call cited (read_file(id=), find_string, find_repos)" \
	'read_file\(id|\bfind_string\b|\bfind_repos\b'
scan "no index id cited" \
	'[Ii]ndex ids?\b|code index|search index|in the index\b'
scan "no numeric copy id cited (id 12345678, ids 123456/...)" \
	'(^|[^A-Za-z0-9_])ids? [0-9]{6,}([^0-9A-Za-z]|$)'
scan "no anonymous copy cited" \
	'[Aa]nonymous (core\.c )?cop(y|ies)'
# the project's issue tracker is not part of it: say what is meant
scan "no reference to an issue of the tracker (issue 4, Issue 12)" \
	'(^|[^A-Za-z])[Ii]ssues? #?[0-9]+'
FILES_MORE=$(find tools scenarios Makefile -type f | LC_ALL=C sort)
# shellcheck disable=SC2086 # a list of plain paths
grep -nE '(^|[^A-Za-z])[Ii]ssues? #?[0-9]+' $FILES_MORE >"$TMP/hits"
test ! -s "$TMP/hits"
ok $? "... nor in tools/, scenarios/ and the Makefile"
sed 's/^/#   /' "$TMP/hits" | head -10

# check_links FILE...: prints each relative link of a markdown FILE whose
# target does not exist; fails if there is one.  Links are [text](target)
# and [label]: target.  URLs, mail addresses and same-file anchors are
# skipped; a "#anchor" is dropped from the target; the target is resolved
# against the directory of the file that holds the link.
check_links() {
	perl -e '
		my $bad = 0;
		for my $f (@ARGV) {
			open my $fh, "<", $f or die "$f: $!";
			local $/;
			my $text = <$fh>;
			(my $dir = $f) =~ s{[^/]*$}{};
			my @t;
			push @t, $1 while $text =~
				/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
			push @t, $1 while $text =~ /^\s*\[[^\]]+\]:\s*<?(\S+?)>?\s*$/mg;
			for my $t (@t) {
				next if $t =~ m{^[a-z][a-z0-9+.-]*:}i or $t =~ /^#/;
				(my $p = $t) =~ s/#.*//;
				next if $p eq "";
				if ($p =~ m{^/}) {
					print "$f: absolute link $t\n";
					$bad++;
				} elsif (!-e "$dir$p") {
					print "$f: $t does not exist\n";
					$bad++;
				}
			}
		}
		exit($bad ? 1 : 0);
	' "$@"
}

check_links README.md docs/*.md >"$TMP/links"
ok $? "every relative link in README.md and docs/*.md reaches a file"
sed 's/^/#   /' "$TMP/links" | head -10

# the checks find what they are for: a planted tree with one of each
mkdir -p "$TMP/neg/docs" && cd "$TMP/neg" || exit 1
printf 'see [x](docs/none.md), [y](README.md#top), [z](https://a.org/b)\n' \
	>README.md
printf 'notes in /work/shared/spec, read_file(id=123), id 2515407707\n' \
	>docs/a.md
FILES="README.md docs/a.md"
for re in '(^|[^A-Za-z0-9_.~$/-])/(work|home|root|tmp|mnt|srv|scratch)/' \
	'read_file\(id' '(^|[^A-Za-z0-9_])ids? [0-9]{6,}([^0-9A-Za-z]|$)'; do
	# shellcheck disable=SC2086 # FILES is a list of plain paths
	grep -qE -- "$re" $FILES
	ok $? "self-check: /$re/ finds its planted case"
done
check_links README.md docs/a.md >"$TMP/neglinks"
test $? -ne 0 && grep -q 'docs/none.md does not exist' "$TMP/neglinks" &&
	test "$(wc -l <"$TMP/neglinks")" -eq 1
ok $? "self-check: only the missing link target is reported"
cd "$TOP" || exit 1

done_testing
