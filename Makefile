# huikuan — build, run, test.
#
#   make run     install missing Debian packages, build, compare the presets,
#                chart them and write results/presets/report.html
#   make test    install missing Debian packages, build, run every test:
#                unit, cli (and charts), atomic (SIGKILL), valgrind, then
#                unit and cli again under AddressSanitizer + UBSan (san), and
#                a replication split between threads under ThreadSanitizer
#                (tsan); all built first, the passes then run two at a time
#   make bench   throughput, RNG-only bound, memory, thread speed-up (minutes)
#   make         build build/huikuan only
#   make fuzz    fuzz the parsers (clang, libFuzzer) for FUZZ_SECONDS each
#   make install the program, chart scripts and scenarios under PREFIX
#                (/usr/local; DESTDIR for staging); make uninstall
#
# Sanitizer build: make SAN=1 (objects under build/san).
# MPI build: make MPI=1 (mpicc, -DHUIKUAN_MPI; build/mpi/huikuan, with the
# objects of the build without MPI but for cluster.c and main.c), for
# `mpirun -n K huikuan batch GRID.csv`: the build without MPI hands a
# batch under mpirun over to it (make install puts it in
# PREFIX/libexec/huikuan). The default build needs no MPI; `make test`
# also builds and tests the MPI one when mpicc exists.

CC      ?= cc
SAN     ?= 0
MPI     ?= 0
SANDIR  := build$(if $(filter 1,$(SAN)),/san,)
BUILD   := $(SANDIR)$(if $(filter 1,$(MPI)),/mpi,)
MPI_BIN := $(SANDIR)/mpi/huikuan
PKGS    := gsl inih
OPT     ?= -O2 -g
# Link-time optimisation for the program (about 15 % faster, same results);
# fat objects let the test programs link without it, quickly.
LTO     ?= -flto=auto
# -ffp-contract=off: a*b+c is never fused into one rounding, so results do
# not depend on whether the target CPU has fused multiply-add (-march=native).
override CFLAGS += $(OPT) $(if $(LTO),$(LTO) -ffat-lto-objects,) -std=gnu11 -ffp-contract=off -Wall -Wextra -fopenmp -Iinclude -MMD -MP $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
MPI_CC  ?= mpicc
LDLIBS  += $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lresolv -lm
override LDFLAGS += -fopenmp
ifeq ($(SAN),1)
LTO     :=
override CFLAGS += -fsanitize=address,undefined,float-cast-overflow -fno-omit-frame-pointer -fno-sanitize-recover=undefined,float-cast-overflow
override LDFLAGS += -fsanitize=address,undefined,float-cast-overflow
endif

LIB_SRC := $(filter-out src/main.c,$(wildcard src/*.c))
# Only cluster.c and main.c read HUIKUAN_MPI: an MPI build compiles those
# two with mpicc and links the rest from the build without MPI.
MPI_SRC := src/cluster.c
ifeq ($(MPI),1)
LIB_OBJ := $(patsubst src/%.c,$(SANDIR)/obj/%.o,$(filter-out $(MPI_SRC),$(LIB_SRC))) \
           $(MPI_SRC:src/%.c=$(BUILD)/obj/%.o)
LINK_CC := $(MPI_CC)
else
LIB_OBJ := $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o)
LINK_CC := $(CC)
endif
BIN     := $(BUILD)/huikuan
TESTS   := $(patsubst tests/%.c,$(BUILD)/tests/%,$(wildcard tests/test_*.c))
# Builds use every core, and so do the passes of `make test` (below).
JOBS    := $(shell nproc 2>/dev/null || echo 1)
PRESETS := scenarios/baseline.ini scenarios/late_penalty.ini \
           scenarios/collections_commission.ini scenarios/buy_sell.ini scenarios/hybrid.ini

.PHONY: all deps test-deps fuzz-deps run test unit cli mpi atomic valgrind san tsan fuzz clean bench install uninstall
# The build with MPI, once made, is kept in step: the build without it
# hands a batch under mpirun over to it, and refuses one older than itself.
all: $(BIN)
	@if [ "$(MPI)" = 0 ] && [ -e $(MPI_BIN) ]; then \
	    $(MAKE) --no-print-directory MPI=1 SAN=$(SAN) $(MPI_BIN); fi

deps:
	@sh .ci/deps

test-deps:
	@sh .ci/deps test

fuzz-deps:
	@sh .ci/deps fuzz

$(SANDIR)/obj/%.o: src/%.c | $(SANDIR)/obj
	$(CC) $(CFLAGS) -c $< -o $@

$(SANDIR)/mpi/obj/%.o: src/%.c | $(SANDIR)/mpi/obj
	$(MPI_CC) $(CFLAGS) -DHUIKUAN_MPI -c $< -o $@

$(BIN): $(LIB_OBJ) $(BUILD)/obj/main.o
	$(LINK_CC) $(LDFLAGS) $(LTO) $^ $(LDLIBS) -o $@

$(BUILD)/tests/%: tests/%.c $(LIB_OBJ) | $(BUILD)/tests
	$(CC) $(CFLAGS) $(shell pkg-config --cflags cmocka) $< $(LIB_OBJ) $(LDFLAGS) \
	    $(shell pkg-config --libs cmocka) $(LDLIBS) -o $@

$(SANDIR)/obj $(SANDIR)/mpi/obj $(BUILD)/tests:
	mkdir -p $@

run: deps
	@$(MAKE) --no-print-directory -j$(JOBS) $(BIN)
	@mkdir -p results
	$(BIN) compare $(PRESETS) -o results/presets
	$(BIN) plot results/presets
	$(BIN) report results/presets
	@echo "results: results/presets (summary.csv, replications.csv, monthly.csv, ..., plots/)"
	@echo "report:  results/presets/report.html"

# Unit tests (cmocka), then end-to-end tests of the command line. Each of
# these targets builds what it needs, then runs its pass (pass-* below).
unit: $(TESTS)
	@$(MAKE) --no-print-directory pass-unit

cli: $(BIN) mpi
	@$(MAKE) --no-print-directory pass-cli pass-charts

# After the program: the build without MPI refuses to hand a batch over
# to one older than itself.
mpi: $(BIN)
	@if command -v mpicc >/dev/null 2>&1; then \
	    $(MAKE) --no-print-directory MPI=1 SAN=$(SAN) $(MPI_BIN); \
	else echo "mpicc not found: MPI build skipped"; fi

# Runs killed with SIGKILL at random moments leave whole results only.
atomic: $(BIN)
	@$(MAKE) --no-print-directory pass-atomic

# Small runs under valgrind's memcheck (see the script for -j and leaks).
valgrind: $(BIN)
	@$(MAKE) --no-print-directory pass-valgrind

# The unit and CLI tests again, built with AddressSanitizer and UBSan
# (leak detection on, every UBSan finding fatal). The CLI runs go through
# tests/san_run.sh, which files any sanitizer report under SAN_LOG, so a
# report from a run whose stderr no test reads still fails the pass.
SAN_BIN   := build/san/huikuan
SAN_TESTS := $(patsubst tests/%.c,build/san/tests/%,$(wildcard tests/test_*.c))
SAN_LOG   := build/san/reports
san:
	@$(MAKE) --no-print-directory -j$(JOBS) SAN=1 $(SAN_BIN) $(SAN_TESTS) mpi
	@$(MAKE) --no-print-directory pass-san-unit pass-san-cli

# The engine's tests (tests/test_engine*.c), among them one replication
# split between threads, under ThreadSanitizer. Built with clang and LLVM's
# OpenMP runtime, whose Archer tool tells TSan about OpenMP's own
# synchronisation (with libgomp every barrier shows as races).
TSAN_CC     ?= clang-14
TSAN_CFLAGS := -O1 -g -fsanitize=thread -fopenmp -std=gnu11 -Iinclude -MMD -MP \
               $(shell pkg-config --cflags $(PKGS) cmocka 2>/dev/null)
TSAN_OBJ    := $(LIB_SRC:src/%.c=build/tsan/obj/%.o)
TSAN_BINS   := $(patsubst tests/%.c,build/tsan/tests/%,$(wildcard tests/test_engine*.c))
ARCHER      := /usr/lib/llvm-14/lib/libarcher.so
build/tsan/obj/%.o: src/%.c | build/tsan/obj
	$(TSAN_CC) $(TSAN_CFLAGS) -c $< -o $@

build/tsan/tests/%: tests/%.c $(TSAN_OBJ) | build/tsan/tests
	$(TSAN_CC) $(TSAN_CFLAGS) $< $(TSAN_OBJ) \
	    $(shell pkg-config --libs cmocka) $(LDLIBS) -o $@

build/tsan/obj build/tsan/tests:
	mkdir -p $@

.SECONDARY: $(TSAN_OBJ)

tsan:
	@$(MAKE) --no-print-directory -j$(JOBS) $(TSAN_BINS)
	@$(MAKE) --no-print-directory pass-tsan

# `make test` builds everything first, using every core, then runs the
# passes two at a time when there are two cores (-j, the longest first: a
# pass alone keeps about one core and a third busy, the CLI and chart
# passes as timed on two cores), each pass's output printed
# whole when it ends (-O), and every pass run even if one fails (-k).
PASSES := pass-san-cli pass-cli pass-san-unit pass-charts pass-tsan pass-unit \
          pass-atomic pass-valgrind
.PHONY: $(PASSES)
test: test-deps
	@$(MAKE) --no-print-directory -j$(JOBS) $(BIN) $(TESTS) mpi
	@$(MAKE) --no-print-directory -j$(JOBS) SAN=1 $(SAN_BIN) $(SAN_TESTS) mpi
	@$(MAKE) --no-print-directory -j$(JOBS) $(TSAN_BINS)
	@$(MAKE) --no-print-directory -j$(JOBS) -k -O $(PASSES)

# The passes: each runs what is already built, and prints its summary line
# ("LABEL: N passed, M failed"), one per script.
pass-unit:
	@sh tests/run_unit.sh $(TESTS)

pass-cli:
	@HUIKUAN=$(BIN) HUIKUAN_MPI=$(MPI_BIN) sh tests/cli_test.sh

pass-charts:
	@status=0; for t in charts charts_calibrate charts_scale charts_failures charts_caveats; do \
	    HUIKUAN=$(BIN) sh tests/$${t}_test.sh || status=1; done; exit $$status

pass-atomic:
	@HUIKUAN=$(BIN) sh tests/kill_test.sh

pass-valgrind:
	@HUIKUAN=$(BIN) sh tests/valgrind_test.sh

pass-san-unit:
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	 LABEL=san-unit sh tests/run_unit.sh $(SAN_TESTS)

pass-san-cli:
	@rm -rf $(SAN_LOG) && mkdir -p $(SAN_LOG)
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	 SAN_BIN=$(CURDIR)/$(SAN_BIN) SAN_LOG_DIR=$(CURDIR)/$(SAN_LOG) LABEL=san-cli \
	 HUIKUAN=tests/san_run.sh \
	 HUIKUAN_MPI=build/san/mpi/huikuan sh tests/cli_test.sh

pass-tsan:
	@OMP_TOOL_LIBRARIES=$(ARCHER) TSAN_OPTIONS="halt_on_error=1 ignore_noninstrumented_modules=1" \
	 LABEL=tsan sh tests/run_unit.sh $(TSAN_BINS)

# ---- fuzzing: libFuzzer harnesses in tests/fuzz/, seed corpora beside them.
# A harness is one file tests/fuzz/fuzz_NAME.c with its seeds in
# tests/fuzz/corpus/NAME/; FUZZ_SRC lists the sources the harnesses reach.
FUZZ_CC      ?= clang-14
FUZZ_SECONDS ?= 10
FUZZ_BUILD   := build/fuzz
FUZZ_SRC     := src/scenario.c src/scenario_decimal.c src/scenario_keys.c src/scenario_ini.c \
                src/scenario_rules.c src/batch_settings.c \
                src/textfile.c src/money.c src/error.c src/csvread.c src/grid.c src/cli.c \
                src/output.c src/output_owner.c src/manifest.c src/staging_guard.c src/charts.c \
                src/charts_catalogue.c \
                src/child.c src/datadir.c src/metrics.c src/markov.c
FUZZ_OBJ     := $(FUZZ_SRC:src/%.c=$(FUZZ_BUILD)/obj/%.o)
FUZZ_CFLAGS  := -std=gnu11 -g -O1 -Wall -Wextra -Iinclude -fno-omit-frame-pointer \
                -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
FUZZERS      := $(patsubst tests/fuzz/%.c,$(FUZZ_BUILD)/%,$(wildcard tests/fuzz/fuzz_*.c))

$(FUZZ_BUILD)/obj/%.o: src/%.c | $(FUZZ_BUILD)/obj
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(shell pkg-config --cflags $(PKGS) 2>/dev/null) -MMD -MP -c $< -o $@

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_check.h $(FUZZ_OBJ)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer $< $(FUZZ_OBJ) $(LDLIBS) -o $@

.SECONDARY: $(FUZZ_OBJ)

$(FUZZ_BUILD)/obj:
	mkdir -p $@

fuzz: fuzz-deps
	@$(MAKE) --no-print-directory -j$(JOBS) $(FUZZERS)
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZERS)

# Throughput, RNG-only bound, peak memory and thread speed-up (minutes).
bench: deps
	@$(MAKE) --no-print-directory -j$(JOBS) $(BIN)
	@mkdir -p results
	$(BIN) bench -o results/bench

# The program, its chart scripts and scenarios (the presets, and the
# validation cases `validate` reads), where `plot` and `validate` look
# beside an installed executable: PREFIX/share/huikuan.
PREFIX  ?= /usr/local
install: all
	@if [ "$(SAN)$(MPI)" != 00 ]; then \
	    echo "make install installs the plain build: run it without SAN or MPI" >&2; exit 2; fi
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/huikuan/plots \
	    $(DESTDIR)$(PREFIX)/share/huikuan/scenarios/validation
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/huikuan
	install -m 644 plots/*.gp plots/README.md $(DESTDIR)$(PREFIX)/share/huikuan/plots
	install -m 644 scenarios/*.ini $(DESTDIR)$(PREFIX)/share/huikuan/scenarios
	install -m 644 scenarios/validation/*.ini $(DESTDIR)$(PREFIX)/share/huikuan/scenarios/validation
	@# The build with MPI, if made (make MPI=1): huikuan under mpirun hands a batch over to it.
	@if [ -x $(MPI_BIN) ]; then \
	    echo install -m 755 $(MPI_BIN) $(DESTDIR)$(PREFIX)/libexec/huikuan/huikuan-mpi; \
	    install -d $(DESTDIR)$(PREFIX)/libexec/huikuan && \
	    install -m 755 $(MPI_BIN) $(DESTDIR)$(PREFIX)/libexec/huikuan/huikuan-mpi; \
	else echo "no $(MPI_BIN): installed without MPI (make MPI=1 first for batch under mpirun)"; fi

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/huikuan
	rm -rf $(DESTDIR)$(PREFIX)/share/huikuan $(DESTDIR)$(PREFIX)/libexec/huikuan

clean:
	rm -rf build

-include $(LIB_OBJ:.o=.d) $(BUILD)/obj/main.d $(TESTS:=.d) $(FUZZ_OBJ:.o=.d) \
         $(TSAN_OBJ:.o=.d) $(TSAN_BINS:=.d)
