# SPDX-License-Identifier: GPL-2.0
#
# auxsim - an executable model of Linux perf AUX-area tracing.
#
#   make            build ./auxsim (gcc, -Werror)
#   make run        build and run the seed reproductions (the main job): a
#                   screen of what answers each seed, ending with a summary
#                   table; the full reports go to $(O)/seeds/, each named on
#                   the screen.  make run V=1 prints every full report too
#                   (tools/run-seeds.sh --verbose).
#   make check      install test dependencies if missing (as root), build,
#                   run the TAP suite under prove, then again under
#                   ASan+UBSan, then build with clang -Werror (and the
#                   fuzz targets, run once over their corpora)
#   make bench      speed and memory figures (not a test)
#   make fuzz       libFuzzer: the scenario parser, a bounded simulation,
#                   replay steps and files, FUZZ_SECONDS=60 each (clang;
#                   docs/fuzzing.md); make fuzz-cov: the lines of src/
#                   they reach (llvm-cov)
#   make install    PREFIX=/usr/local DESTDIR= (relocatable: auxsim finds
#                   its scenarios and auxsim-check from where it runs)
#
# V=1 shows full commands.  MODEL_TESTING=1 builds with shrunk capacities and
# an invariant check after every model step ("to give bugs a chance").

CC        ?= gcc
PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
LIBEXECDIR ?= $(PREFIX)/libexec/auxsim
DATADIR   ?= $(PREFIX)/share/auxsim
MANDIR    ?= $(PREFIX)/share/man
O         ?= build

WARNINGS  := -Wall -Wextra -Werror -Wshadow -Wwrite-strings \
	     -Wmissing-prototypes -Wstrict-prototypes -Wno-unused-parameter
CFLAGS    ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_DEFAULT_SOURCE $(WARNINGS) $(CFLAGS) $(EXTRA_CFLAGS) \
	     -Isrc -Iinclude -I$(O)
ifeq ($(MODEL_TESTING),1)
ALL_CFLAGS += -DMODEL_TESTING
endif

ifneq ($(V),1)
Q = @
# make -s (as make run builds) prints nothing, not even these lines
ifeq ($(findstring s,$(firstword -$(MAKEFLAGS))),)
QUIET_CC   = @echo '  CC      '$@;
QUIET_LINK = @echo '  LINK    '$@;
QUIET_AR   = @echo '  AR      '$@;
else
QUIET_CC   = @
QUIET_LINK = @
QUIET_AR   = @
endif
endif

# the command line (main.c, cli.c, builtin-*.c) is not in the library
CLI_SRCS  := src/main.c src/cli.c src/cli-files.c src/builtin-run.c
CHECK_CLI := $(CLI_SRCS) src/builtin-check.c src/builtin-check-claims.c \
	     src/builtin-replay.c
LIB_SRCS  := $(sort $(shell find src -name '*.c'))
LIB_SRCS  := $(filter-out $(CHECK_CLI),$(LIB_SRCS))
LIB_OBJS  := $(patsubst %.c,$(O)/%.o,$(LIB_SRCS))
TEST_SRCS := $(sort $(wildcard tests/t[0-9]*.c))
TEST_BINS := $(patsubst tests/%.c,$(O)/tests/%.t,$(TEST_SRCS))
TEST_SH   := $(sort $(wildcard tests/t[0-9]*.sh))

all: auxsim

auxsim: $(O)/auxsim $(O)/auxsim-check
	$(Q)cp $(O)/auxsim $@ && cp $(O)/auxsim-check auxsim-check

# The model checker: the same sources with the checker's small capacities
CHECK_OBJS := $(patsubst %.c,$(O)/check/%.o,$(LIB_SRCS) $(CHECK_CLI))

$(O)/check/%.o: %.c
	@mkdir -p $(dir $@)
	$(QUIET_CC)$(CC) $(ALL_CFLAGS) -DAUXSIM_CHECK -MMD -MP -c -o $@ $<

$(O)/auxsim-check: $(CHECK_OBJS)
	$(QUIET_LINK)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^

CLI_OBJS  := $(patsubst %.c,$(O)/%.o,$(CLI_SRCS))

$(O)/auxsim: $(CLI_OBJS) $(O)/libauxsim.a
	$(QUIET_LINK)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^

$(O)/libauxsim.a: $(LIB_OBJS)
	$(QUIET_AR)rm -f $@ && ar rcs $@ $^

# Where `make install` puts things, compiled into the command line
# (cli-files.c: installed scenarios by name, auxsim-check in LIBEXECDIR).
# Rewritten only when PREFIX and the rest change, so that `make install
# PREFIX=/usr` after `make` rebuilds what uses them.
$(O)/install-paths.h: FORCE
	@mkdir -p $(O)
	$(Q)printf '#define AUXSIM_BINDIR "%s"\n#define AUXSIM_LIBEXECDIR "%s"\n#define AUXSIM_SCENARIODIR "%s"\n' \
		'$(BINDIR)' '$(LIBEXECDIR)' '$(DATADIR)/scenarios' >$@.new
	$(Q)if cmp -s $@.new $@; then rm -f $@.new; else mv $@.new $@; fi

$(O)/src/cli-files.o $(O)/check/src/cli-files.o: $(O)/install-paths.h

$(O)/%.o: %.c
	@mkdir -p $(dir $@)
	$(QUIET_CC)$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(O)/tests/%.t: $(O)/tests/%.o $(O)/libauxsim.a
	$(QUIET_LINK)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^

-include $(LIB_OBJS:.o=.d) $(CLI_OBJS:.o=.d) $(TEST_BINS:.t=.d) $(O)/bench/bench.d \
	$(CHECK_OBJS:.o=.d)

# The fuzz targets without libFuzzer, built by $(CC) with fuzz/standalone.c
# as their main(): tests/t1050-fuzz-corpora.sh gives each the inputs of its
# committed corpus once, so that the suite (and its ASan+UBSan pass) holds
# every seed to the targets' invariants, and a wrong invariant fails it
FUZZ_ONCE      := $(O)/fuzz-once
FUZZ_ONCE_BINS := $(FUZZ_ONCE)/fuzz-scenario $(FUZZ_ONCE)/fuzz-sim \
		  $(FUZZ_ONCE)/fuzz-replay

$(FUZZ_ONCE)/fuzz-scenario $(FUZZ_ONCE)/fuzz-sim: $(FUZZ_ONCE)/%: \
		$(O)/fuzz/%.o $(O)/fuzz/standalone.o $(O)/libauxsim.a
	@mkdir -p $(dir $@)
	$(QUIET_LINK)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^

$(FUZZ_ONCE)/fuzz-replay: $(O)/check/fuzz/fuzz-replay.o \
		$(O)/fuzz/standalone.o \
		$(patsubst %.c,$(O)/check/%.o,$(LIB_SRCS))
	@mkdir -p $(dir $@)
	$(QUIET_LINK)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^

-include $(O)/fuzz/standalone.d

tests: $(TEST_BINS) $(O)/auxsim $(O)/auxsim-check $(FUZZ_ONCE_BINS)

# The seed reproductions: the main job (at most 120 lines of 80 columns,
# tests/t0750-main-job.sh); V=1 adds every full report.  The build is
# quiet (one line; V=1 shows the commands); its errors still show.
run:
	$(Q)./tools/deps.sh run
	$(if $(filter 1,$(V)),,@echo 'building auxsim (make run V=1 shows the commands)')
	$(Q)$(MAKE) --no-print-directory $(if $(filter 1,$(V)),,-s) auxsim
	$(Q)./tools/run-seeds.sh $(if $(filter 1,$(V)),--verbose) \
		--reports $(O)/seeds ./auxsim

PROVE ?= prove
prove: tests
	$(Q)AUXSIM=$(CURDIR)/$(O)/auxsim TOP=$(CURDIR) \
		$(PROVE) -j2 --exec '' $(TEST_BINS) $(TEST_SH:%=./%) :: $(PROVE_ARGS)

SAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	     -fno-sanitize-recover=all

check: deps
	$(Q)$(MAKE) --no-print-directory prove
	@echo '# --- the same suite under ASan+UBSan ---'
	$(Q)ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		$(MAKE) --no-print-directory prove O=build-san \
		CFLAGS='$(SAN_FLAGS)' LDFLAGS='-fsanitize=address,undefined'
	@echo '# --- clang -Werror build ---'
	$(Q)$(MAKE) --no-print-directory O=build-clang CC=clang \
		build-clang/auxsim build-clang/auxsim-check build-clang/libauxsim.a
	@echo '# --- fuzz targets (clang, libFuzzer): each over its corpus once ---'
	$(Q)$(MAKE) --no-print-directory O=build-clang CC=clang fuzz-smoke
	@echo '# --- MODEL_TESTING build (shrunk sizes, checks after each step) ---'
	$(Q)$(MAKE) --no-print-directory prove O=build-mt MODEL_TESTING=1

deps:
	$(Q)./tools/deps.sh check

$(O)/bench/bench: $(O)/bench/bench.o $(O)/libauxsim.a
	$(QUIET_LINK)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^

bench: $(O)/bench/bench auxsim
	$(Q)./tools/bench.sh $(O)/bench/bench

# ---- fuzzing (docs/fuzzing.md) ----
# make fuzz: each libFuzzer target of FUZZ_TARGETS for FUZZ_SECONDS, from
# its committed corpus fuzz/corpus/TARGET/; the corpus a run grows and what
# it finds (TARGET-crash-*, -leak-*, -timeout-*) stay in $(O)/fuzz/.
# FUZZ_ARGS: more libFuzzer flags (-jobs=2, -seed=1, ...).
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= fuzz-scenario fuzz-sim fuzz-replay
FUZZ_ARGS    ?=
FUZZ_O       := $(O)/fuzz
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_CFLAGS  := -std=c11 -D_DEFAULT_SOURCE $(WARNINGS) -g -O1 \
		-fno-omit-frame-pointer $(FUZZ_SAN) -fsanitize=fuzzer-no-link \
		-Isrc -Iinclude -I$(O)
# the library twice: as auxsim links it, and as auxsim-check does
FUZZ_LIB     := $(patsubst %.c,$(FUZZ_O)/obj/%.o,$(LIB_SRCS))
FUZZ_LIB_CHK := $(patsubst %.c,$(FUZZ_O)/obj-check/%.o,$(LIB_SRCS))
# the scenarios fuzz-replay replays steps on, compiled in
REPLAY_SCNS  := $(sort $(wildcard scenarios/c*.scn)) \
		tests/scenarios/check-snapshot.scn

$(FUZZ_O)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(QUIET_CC)$(FUZZ_CC) $(FUZZ_CFLAGS) -MMD -MP -c -o $@ $<

$(FUZZ_O)/obj-check/%.o: %.c
	@mkdir -p $(dir $@)
	$(QUIET_CC)$(FUZZ_CC) $(FUZZ_CFLAGS) -DAUXSIM_CHECK -MMD -MP -c -o $@ $<

$(O)/replay-scenarios.h: fuzz/embed-scenarios.sh $(REPLAY_SCNS)
	@mkdir -p $(O)
	$(Q)./fuzz/embed-scenarios.sh $(REPLAY_SCNS) >$@.new && mv $@.new $@

$(FUZZ_O)/obj-check/fuzz/fuzz-replay.o $(O)/check/fuzz/fuzz-replay.o: \
	$(O)/replay-scenarios.h

$(FUZZ_O)/fuzz-scenario $(FUZZ_O)/fuzz-sim: $(FUZZ_O)/%: \
		$(FUZZ_O)/obj/fuzz/%.o $(FUZZ_LIB)
	$(QUIET_LINK)$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $^

$(FUZZ_O)/fuzz-replay: $(FUZZ_O)/obj-check/fuzz/fuzz-replay.o $(FUZZ_LIB_CHK)
	$(QUIET_LINK)$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $^

-include $(FUZZ_LIB:.o=.d) $(FUZZ_LIB_CHK:.o=.d) \
	$(patsubst %,$(FUZZ_O)/obj/fuzz/%.d,$(FUZZ_TARGETS)) \
	$(FUZZ_O)/obj-check/fuzz/fuzz-replay.d $(O)/fuzz/fuzz-scenario.d \
	$(O)/fuzz/fuzz-sim.d $(O)/check/fuzz/fuzz-replay.d

fuzz:
	$(Q)./tools/deps.sh fuzz
	$(Q)$(MAKE) --no-print-directory $(FUZZ_TARGETS:%=$(FUZZ_O)/%)
	$(Q)./fuzz/run.sh $(FUZZ_O) $(FUZZ_SECONDS) $(FUZZ_TARGETS) -- \
		$(FUZZ_ARGS)

# make fuzz-cov: which lines of src/ the targets reach, running each over
# the corpus make fuzz grew and the seeds (clang's source-based coverage,
# llvm-cov; the report per file in $(O)/fuzz-cov/all.txt)
FUZZ_COV     := $(O)/fuzz-cov
FUZZ_COV_CFLAGS := -std=c11 -D_DEFAULT_SOURCE -g -O0 -Isrc -Iinclude -I$(O) \
		-fprofile-instr-generate -fcoverage-mapping
FUZZ_COV_LIB := $(patsubst %.c,$(FUZZ_COV)/obj/%.o,$(LIB_SRCS))
FUZZ_COV_CHK := $(patsubst %.c,$(FUZZ_COV)/obj-check/%.o,$(LIB_SRCS))

$(FUZZ_COV)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(QUIET_CC)$(FUZZ_CC) $(FUZZ_COV_CFLAGS) -MMD -MP -c -o $@ $<

$(FUZZ_COV)/obj-check/%.o: %.c
	@mkdir -p $(dir $@)
	$(QUIET_CC)$(FUZZ_CC) $(FUZZ_COV_CFLAGS) -DAUXSIM_CHECK -MMD -MP -c -o $@ $<

$(FUZZ_COV)/obj-check/fuzz/fuzz-replay.o: $(O)/replay-scenarios.h

$(FUZZ_COV)/fuzz-scenario $(FUZZ_COV)/fuzz-sim: $(FUZZ_COV)/%: \
		$(FUZZ_COV)/obj/fuzz/%.o $(FUZZ_COV_LIB)
	$(QUIET_LINK)$(FUZZ_CC) -fprofile-instr-generate -fsanitize=fuzzer \
		-o $@ $^

$(FUZZ_COV)/fuzz-replay: $(FUZZ_COV)/obj-check/fuzz/fuzz-replay.o \
		$(FUZZ_COV_CHK)
	$(QUIET_LINK)$(FUZZ_CC) -fprofile-instr-generate -fsanitize=fuzzer \
		-o $@ $^

-include $(FUZZ_COV_LIB:.o=.d) $(FUZZ_COV_CHK:.o=.d) \
	$(patsubst %,$(FUZZ_COV)/obj/fuzz/%.d,$(FUZZ_TARGETS)) \
	$(FUZZ_COV)/obj-check/fuzz/fuzz-replay.d

fuzz-cov:
	$(Q)./tools/deps.sh fuzz
	$(Q)$(MAKE) --no-print-directory $(FUZZ_TARGETS:%=$(FUZZ_COV)/%)
	$(Q)./fuzz/cov.sh $(FUZZ_COV) $(FUZZ_O)/corpus $(FUZZ_TARGETS)

# make check's smoke test (with CC=clang, after its clang build): every
# target built with libFuzzer's driver over the library objects of $(O),
# uninstrumented, and run once over its committed corpus.  Seconds.
FUZZ_SMOKE   := $(O)/fuzz-smoke
CHECK_LIB_OBJS := $(patsubst %.c,$(O)/check/%.o,$(LIB_SRCS))

$(FUZZ_SMOKE)/fuzz-scenario $(FUZZ_SMOKE)/fuzz-sim: $(FUZZ_SMOKE)/%: \
		$(O)/fuzz/%.o $(O)/libauxsim.a
	@mkdir -p $(dir $@)
	$(QUIET_LINK)$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -o $@ $^

$(FUZZ_SMOKE)/fuzz-replay: $(O)/check/fuzz/fuzz-replay.o $(CHECK_LIB_OBJS)
	@mkdir -p $(dir $@)
	$(QUIET_LINK)$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -o $@ $^

fuzz-smoke: $(FUZZ_TARGETS:%=$(FUZZ_SMOKE)/%)
	$(Q)./fuzz/run.sh $(FUZZ_SMOKE) once $(FUZZ_TARGETS)

# auxsim-check, which `auxsim check` and `auxsim replay` run, is not a
# command of its own: it goes to LIBEXECDIR.  The man page names the
# directories of this install.
install: auxsim
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBEXECDIR) \
		$(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DATADIR)/scenarios
	install -m 0755 auxsim $(DESTDIR)$(BINDIR)/auxsim
	install -m 0755 auxsim-check $(DESTDIR)$(LIBEXECDIR)/auxsim-check
	sed -e 's|/usr/local/share/auxsim|$(DATADIR)|g' \
		-e 's|/usr/local/libexec/auxsim|$(LIBEXECDIR)|g' \
		man/auxsim.1 >$(O)/auxsim.1
	install -m 0644 $(O)/auxsim.1 $(DESTDIR)$(MANDIR)/man1/auxsim.1
	install -m 0644 scenarios/*.scn $(DESTDIR)$(DATADIR)/scenarios/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/auxsim $(DESTDIR)$(MANDIR)/man1/auxsim.1
	rm -rf $(DESTDIR)$(LIBEXECDIR) $(DESTDIR)$(DATADIR)

format:
	clang-format -i $$(find src -name '*.[ch]') tests/*.c tests/*.h \
		fuzz/*.c fuzz/*.h

clean:
	rm -rf build build-san build-clang build-mt auxsim auxsim-check \
		fuzz/corpus-run

.PHONY: all run tests prove check deps bench fuzz fuzz-cov fuzz-smoke install uninstall format clean FORCE
.SECONDARY:
