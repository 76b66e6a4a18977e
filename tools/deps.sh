#!/bin/sh
# deps.sh WHAT - install what WHAT needs from Debian bookworm, when missing.
#   run:   a C compiler
#   check: prove (perl), gcc's ASan/UBSan runtimes, clang with libFuzzer
#          (the fuzz targets' smoke test), groff (the man page test),
#          strace (the writers' system calls)
#   fuzz:  clang with libFuzzer (libclang-rt-14-dev); llvm-profdata and
#          llvm-cov (llvm) for make fuzz-cov
#   perf:  linux-perf with OpenCSD (perf report/script on cs_etm data)
#   svg:   xmllint (libxml2-utils) and a headless Chromium, to check the
#          timeline pictures (tests/t1100-svg.sh)
# Installs only as root; otherwise says what is missing and fails.
set -eu
need=""
have_cmd() { command -v "$1" >/dev/null 2>&1; }
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'; }
want() { have_pkg "$1" || need="$need $1"; }

case "${1:-check}" in
run)
	have_cmd gcc || need="$need gcc"
	have_cmd make || need="$need make"
	;;
check)
	have_cmd make || need="$need make"
	have_cmd gcc || need="$need gcc"
	have_cmd prove || need="$need perl"
	want libasan8
	want libubsan1
	have_cmd clang || need="$need clang"
	want libclang-rt-14-dev
	have_cmd groff || need="$need groff-base"
	have_cmd strace || need="$need strace"
	;;
fuzz)
	have_cmd clang || need="$need clang"
	want libclang-rt-14-dev
	have_cmd llvm-cov || need="$need llvm"
	;;
perf)
	have_cmd perf || need="$need linux-perf"
	want libopencsd1
	;;
svg)
	have_cmd xmllint || need="$need libxml2-utils"
	have_cmd chromium || need="$need chromium"
	;;
*) echo "deps.sh: unknown target '$1'" >&2; exit 2 ;;
esac

[ -z "$need" ] && exit 0
if [ "$(id -u)" = 0 ] && have_cmd apt-get; then
	echo "deps.sh: installing$need" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >/dev/null
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $need >/dev/null
else
	echo "deps.sh: missing$need; install them (apt-get install$need)" >&2
	exit 1
fi
