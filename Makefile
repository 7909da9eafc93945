# guanxi: Chinese text -> knowledge graph (GraphML, DOT, JSON).
#
#   make run      install missing Debian packages, build, extract the sample corpus into out/
#   make test     every test: release build with -Werror, then again under ASan+UBSan
#   make          build build/guanxi
#
# Modes build into build/$(MODE)/ so objects of different flags never mix (release objects go
# to build/release/, its binary is build/guanxi). WERROR=1 turns warnings into errors.

MODE   ?= release
WERROR ?= 0
CC     ?= cc
SHARED ?= $(abspath ../shared)
PKGS   := icu-uc icu-i18n libxml-2.0 libcgraph libgvc libcjson

BUILD  := build/$(MODE)
# The shipped dictionaries compiled (guanxi dict compile): the default dictionary while it is up
# to date with dicts/, else guanxi reads the folder (engine.c).
DICT_IMAGE := build/dicts.gxd
DICT_TSVS  := $(sort $(wildcard dicts/*.tsv))
ifeq ($(MODE),release)
BIN    := build/guanxi
else
BIN    := $(BUILD)/guanxi
endif

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

CFLAGS_release := -O2 -g
CFLAGS_debug   := -O0 -g -DGX_DEBUG
CFLAGS_asan    := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
                  -fno-omit-frame-pointer -DGX_DEBUG
LDFLAGS_asan   := -fsanitize=address,undefined

WARN     := -Wall -Wextra -Wpedantic -Wstrict-prototypes -Wshadow -Wformat=2
ifeq ($(WERROR),1)
WARN     += -Werror
endif
ALL_CFLAGS  := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) $(CFLAGS_$(MODE)) \
               -Iinclude $(PKG_CFLAGS) -DGX_DICT_DIR='"$(abspath dicts)"' \
               -DGX_DICT_IMAGE='"$(abspath $(DICT_IMAGE))"' $(CFLAGS)
ALL_LDFLAGS := $(LDFLAGS_$(MODE)) $(LDFLAGS)
LIBS        := $(PKG_LIBS) -lpthread -lm

SRCS      := $(sort $(wildcard pipeline/*.c))
LIB_SRCS  := $(filter-out pipeline/main.c,$(SRCS))
OBJS      := $(SRCS:pipeline/%.c=$(BUILD)/obj/%.o)
LIB_OBJS  := $(LIB_SRCS:pipeline/%.c=$(BUILD)/obj/%.o)
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
DEPS      := $(OBJS:.o=.d) $(UNIT_BINS:=.d)

.PHONY: all run test unit check-release check-asan asan deps golden-update format clean dicts

all: $(BIN) $(DICT_IMAGE)

$(BIN): $(OBJS)
	@mkdir -p $(dir $@)
	@echo "LD $@"
	@$(CC) $(ALL_LDFLAGS) -o $@ $(OBJS) $(LIBS)

# Compiled by the binary of this MODE, again when it or a dicts/*.tsv changes (a file removed
# from dicts/ makes the image stale: guanxi reads the folder until the next make).
$(DICT_IMAGE): $(DICT_TSVS) $(BIN)
	@echo "GXD $@"
	@$(BIN) dict compile -q dicts -o $@

# Objects are rebuilt when the flags change (the flags are recorded in $(BUILD)/flags).
$(BUILD)/flags: FORCE
	@mkdir -p $(BUILD)
	@echo '$(ALL_CFLAGS) $(ALL_LDFLAGS)' | cmp -s - $@ || echo '$(ALL_CFLAGS) $(ALL_LDFLAGS)' > $@

$(BUILD)/obj/%.o: pipeline/%.c $(BUILD)/flags
	@mkdir -p $(dir $@)
	@echo "CC $<"
	@$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(LIB_OBJS) $(BUILD)/flags
	@mkdir -p $(dir $@)
	@echo "CC $<"
	@$(CC) $(ALL_CFLAGS) -Ipipeline -Itests -MMD -MP -o $@ $< $(LIB_OBJS) $(ALL_LDFLAGS) $(LIBS)

unit: $(UNIT_BINS)

FORCE:

-include $(DEPS)

# ---------------------------------------------------------------- user entry points

deps:
	@.ci/install-deps.sh

run: deps
	@$(MAKE) --no-print-directory all
	./build/guanxi extract tests/corpus -o out
	./build/guanxi render -q tests/corpus -o out

test: deps
	@$(MAKE) --no-print-directory check-release
	@$(MAKE) --no-print-directory check-asan

check-release:
	@$(MAKE) --no-print-directory MODE=release WERROR=1 all unit
	SHARED=$(SHARED) tests/run.sh release build/guanxi build/release/tests

check-asan asan:
	@$(MAKE) --no-print-directory MODE=asan WERROR=1 all unit
	SHARED=$(SHARED) tests/run.sh asan build/asan/guanxi build/asan/tests

golden-update: all
	tests/golden/run.sh --update build/guanxi

# Regenerates dicts/ from the licensed gazetteers in ../shared (see dicts/README.md).
dicts:
	python3 dicts/tools/build_dicts.py --shared $(SHARED) --out dicts
	python3 dicts/tools/build_rules.py --shared $(SHARED) --out dicts
	python3 dicts/tools/build_dicts.py --check --out dicts

format:
	clang-format -i pipeline/*.c include/*.h tests/unit/*.c tests/*.h

clean:
	rm -rf build

# ---------------------------------------------------------------- benchmark (tests/bench/, issue 6)
#
#   make bench    release build, then tests/bench/run.sh: one table of guanxi and its peers on
#                 $(SHARED)/corpus/xwlb (skipped with a message when absent)

BENCH_SRCS := $(sort $(wildcard tests/bench/*.c))
BENCH_BINS := $(BENCH_SRCS:tests/bench/%.c=build/release/bench/%)

build/release/bench/%: tests/bench/%.c $(LIB_OBJS) $(BUILD)/flags
	@mkdir -p $(dir $@)
	@echo "CC $<"
	@$(CC) $(ALL_CFLAGS) -Ipipeline -MMD -MP -o $@ $< $(LIB_OBJS) $(ALL_LDFLAGS) $(LIBS)

.PHONY: bench bench-build
bench-build:
	@$(MAKE) --no-print-directory MODE=release all $(BENCH_BINS)

bench: deps bench-build
	SHARED=$(SHARED) tests/bench/run.sh build/guanxi build/release/bench

-include $(BENCH_BINS:=.d)

# ---------------------------------------------------------------- fuzzing (tests/fuzz/, issue 7)
#
#   make fuzz [FUZZ_SECONDS=60]   build the libFuzzer targets with clang into build/fuzz/ and run
#                                 each for FUZZ_SECONDS (make -j2 fuzz runs two at a time); new
#                                 inputs go to build/fuzz/corpus/<target>/, crashers to
#                                 tests/fuzz/crashers/<target>/
#   make fuzz-build               only build them
#   make fuzz-merge               minimize tests/fuzz/corpus/<target>/ plus what fuzzing found
#                                 into a fresh tests/fuzz/corpus/<target>/ (libFuzzer -merge=1)
#   make fuzz-replay              the replay drivers $(BUILD)/fuzz/replay_<target> (built by CC for
#                                 MODE, no libFuzzer): tests/fuzz/run.sh $(BUILD) runs every corpus
#                                 and crasher file through them; `unit` depends on it
FUZZ_CC      ?= clang-14
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := norm dict pipeline
FUZZ_DIR     := build/fuzz
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS  := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) -g -O1 -DGX_DEBUG $(FUZZ_SAN) \
                -Iinclude -Itests/fuzz $(PKG_CFLAGS) -DGX_DICT_DIR='"$(abspath dicts)"'
FUZZ_OBJS    := $(LIB_SRCS:pipeline/%.c=$(FUZZ_DIR)/obj/%.o)
FUZZ_BINS    := $(FUZZ_TARGETS:%=$(FUZZ_DIR)/fuzz_%)
# libFuzzer flags for every run; -max_len caps per-input work (the targets also ignore > 64 KB)
FUZZ_RUNFLAGS ?= -max_len=65536 -timeout=30 -rss_limit_mb=4096 -print_final_stats=1
FUZZ_REPLAY  := $(FUZZ_TARGETS:%=$(BUILD)/fuzz/replay_%)

.PHONY: fuzz fuzz-build fuzz-merge fuzz-replay $(FUZZ_TARGETS:%=fuzz-run-%) $(FUZZ_TARGETS:%=fuzz-merge-%)

fuzz-build: $(FUZZ_BINS)

# Objects are kept (not intermediate) and rebuilt when the fuzz flags change.
.SECONDARY: $(FUZZ_OBJS)

$(FUZZ_DIR)/flags: FORCE
	@mkdir -p $(FUZZ_DIR)
	@echo '$(FUZZ_CC) $(FUZZ_CFLAGS)' | cmp -s - $@ || echo '$(FUZZ_CC) $(FUZZ_CFLAGS)' > $@

$(FUZZ_DIR)/obj/%.o: pipeline/%.c $(FUZZ_DIR)/flags
	@mkdir -p $(dir $@)
	@echo "FUZZ CC $<"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

$(FUZZ_DIR)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_util.h $(FUZZ_OBJS)
	@mkdir -p $(dir $@)
	@echo "FUZZ LD $@"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_OBJS) $(PKG_LIBS) -lpthread -lm

fuzz: $(FUZZ_TARGETS:%=fuzz-run-%)

# One run: the working corpus (written to) first, the committed corpus (read) second.
$(FUZZ_TARGETS:%=fuzz-run-%): fuzz-run-%: $(FUZZ_DIR)/fuzz_%
	@mkdir -p $(FUZZ_DIR)/corpus/$* tests/fuzz/corpus/$* tests/fuzz/crashers/$*
	$(FUZZ_DIR)/fuzz_$* $(FUZZ_RUNFLAGS) -max_total_time=$(FUZZ_SECONDS) \
	    $(if $(wildcard tests/fuzz/tokens/$*.dict),-dict=tests/fuzz/tokens/$*.dict) \
	    -artifact_prefix=tests/fuzz/crashers/$*/ $(FUZZ_DIR)/corpus/$* tests/fuzz/corpus/$*

fuzz-merge: $(FUZZ_TARGETS:%=fuzz-merge-%)

$(FUZZ_TARGETS:%=fuzz-merge-%): fuzz-merge-%: $(FUZZ_DIR)/fuzz_%
	@rm -rf $(FUZZ_DIR)/merged/$* && mkdir -p $(FUZZ_DIR)/merged/$* $(FUZZ_DIR)/corpus/$*
	$(FUZZ_DIR)/fuzz_$* $(FUZZ_RUNFLAGS) -merge=1 $(FUZZ_DIR)/merged/$* tests/fuzz/corpus/$* \
	    $(FUZZ_DIR)/corpus/$*
	@rm -rf tests/fuzz/corpus/$* && mv $(FUZZ_DIR)/merged/$* tests/fuzz/corpus/$*
	@echo "tests/fuzz/corpus/$*: $$(ls tests/fuzz/corpus/$* | wc -l) files, $$(du -sh tests/fuzz/corpus/$* | cut -f1)"

# Replay drivers: tests/fuzz/replay.c (a main() over files) + one target, built like the unit tests.
fuzz-replay: $(FUZZ_REPLAY)

$(BUILD)/fuzz/replay_%: tests/fuzz/replay.c tests/fuzz/fuzz_%.c tests/fuzz/fuzz_util.h $(LIB_OBJS) $(BUILD)/flags
	@mkdir -p $(dir $@)
	@echo "CC $@"
	@$(CC) $(ALL_CFLAGS) -Itests/fuzz -o $@ tests/fuzz/replay.c tests/fuzz/fuzz_$*.c $(LIB_OBJS) \
	    $(ALL_LDFLAGS) $(LIBS)

unit: fuzz-replay

-include $(FUZZ_OBJS:.o=.d)
