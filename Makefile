# vigie — hand-written Makefile (see docs/architecture.md).
#
#   make            build ./vigie
#   make run        install what is missing, build, open the home screen
#   make check      install what is missing, build, run every test
#   make sanitize   the same tests on an ASan+UBSan build (build-san/)
#   make fuzz       build the libFuzzer harnesses with clang and run them
#   make bench      compare with the peer tools (bench/)
#   make install    PREFIX=/usr/local by default, DESTDIR honoured
#   make deps       apt-get what `make run` needs (debian-packages.txt)
#   make deps-check and what `make check` adds (debian-packages-check.txt)
#   make lint       cppcheck and the banned-function list

VERSION	= 0.1.0
PREFIX	?= /usr/local
DATADIR	 = $(PREFIX)/share/vigie
LOCALEDIR = $(PREFIX)/share/locale
MANDIR	 = $(PREFIX)/share/man

BUILD	?= build
# V=1 shows the full compiler command lines.
Q	 = $(if $(V),,@echo "  CC  $<";)
QL	 = $(if $(V),,@echo "  LD  $@";)
BIN	?= vigie
CC	?= cc
CFLAGS	?= -O2 -g
WARN	 = -Wall -Wextra -Werror -Wformat-security -Wmissing-prototypes -Wshadow

PKGS	 = yara libcrypto libssl ncursesw libxml-2.0 sqlite3 libcurl \
	   jansson libarchive hivex libunbound libpcre2-8 pangocairo
# pangocairo: headers only, lib/doc-pdf.c loads it (and librsvg) with
# dlopen() when a PDF is written; `make static` has no PDF.
# Linked: all but libcurl, which scan mail loads with dlopen() (see
# scan/mail-mtasts.c), and libxml2, libarchive and libunbound, loaded on
# first use (lib/lazylib.c); their headers are still needed.
LINKPKGS = $(filter-out libcurl libxml-2.0 libarchive libunbound pangocairo,\
	   $(PKGS))
# Tests also read what vigie writes back (ODT and capture archives,
# XML) with libarchive and libxml2 directly.
TESTPKGS = cmocka libarchive libxml-2.0

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(LINKPKGS) 2>/dev/null)
TEST_CFLAGS := $(shell pkg-config --cflags $(TESTPKGS) 2>/dev/null)
TEST_LIBS   := $(shell pkg-config --libs $(TESTPKGS) 2>/dev/null)

# Data and catalogs are found relative to the binary (see lib/util.c),
# so PREFIX is not compiled in and an installed tree can be moved.
CPPFLAGS += -Iinclude -D_GNU_SOURCE -DVG_VERSION='"$(VERSION)"'
ALL_CFLAGS = $(CPPFLAGS) $(PKG_CFLAGS) $(WARN) $(CFLAGS) -MMD -MP
LIBS	 = $(PKG_LIBS) -lpthread -lm

# Every .c of these folders is part of the program; adding a file needs
# no edit here.
LIB_SRCS = modules.c options.c $(wildcard lib/*.c assess/*.c scan/*.c respond/*.c \
	   report/*.c)
LIB_OBJS = $(LIB_SRCS:%.c=$(BUILD)/%.o) $(BUILD)/gen/catalog-fr.o \
	   $(BUILD)/gen/data.o
# Every file of rules/ is also built into the binary (lib/data.c).
DATA_FILES = $(shell find rules -type f)
# The program: main() and the command table (not in the library).
MAIN_OBJ = $(BUILD)/vigie.o $(BUILD)/cmd.o

UNIT_SRCS = $(wildcard tests/unit/test-*.c)
UNIT_BINS = $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
TOOL_SRCS = $(wildcard tests/tools/*.c)
TOOL_BINS = $(TOOL_SRCS:tests/tools/%.c=$(BUILD)/tests/tool-%)
FUZZ_SRCS = $(wildcard tests/fuzz/fuzz-*.c)
FUZZ_REPLAY = $(FUZZ_SRCS:tests/fuzz/%.c=$(BUILD)/tests/replay-%)

PO_FILES = $(wildcard po/*.fr.po)
MO	 = $(BUILD)/locale/fr/LC_MESSAGES/vigie.mo

all: $(BIN)

$(BIN): $(MAIN_OBJ) $(BUILD)/libvigie.a
	$(QL)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(MAIN_OBJ) $(BUILD)/libvigie.a $(LIBS)

$(BUILD)/libvigie.a: $(LIB_OBJS)
	@rm -f $@
	$(QL)$(AR) rcs $@ $^

# Stop with pkg-config's own message when a library is missing.
$(BUILD)/.pkg-ok:
	@mkdir -p $(@D)
	@pkg-config --exists --print-errors $(PKGS) || { \
	    echo "missing libraries: run 'make deps'" >&2; exit 1; }
	@touch $@

$(BUILD)/%.o: %.c | $(BUILD)/.pkg-ok
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The French catalog: po/*.fr.po (one per module) merged, compiled, and
# also built into the binary so it works from a USB key.
$(MO): $(PO_FILES)
	@mkdir -p $(@D)
	msgcat --use-first -o $(BUILD)/fr.po $(PO_FILES)
	msgfmt --check -o $@ $(BUILD)/fr.po

$(BUILD)/gen/catalog-fr.c: $(MO) tools/bin2c.sh
	@mkdir -p $(@D)
	sh tools/bin2c.sh vg_catalog_fr $(MO) > $@

$(BUILD)/gen/catalog-fr.o: $(BUILD)/gen/catalog-fr.c
	$(CC) $(CFLAGS) -c -o $@ $<

# The data files of rules/, built in so that the binary alone works.
$(BUILD)/gen/data.c: $(DATA_FILES) tools/embed-data.sh
	@mkdir -p $(@D)
	sh tools/embed-data.sh rules > $@

$(BUILD)/gen/data.o: $(BUILD)/gen/data.c
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

# ---- tests ----------------------------------------------------------

$(BUILD)/tests/test-%: tests/unit/test-%.c $(BUILD)/libvigie.a
	@mkdir -p $(@D)
	$(QL)$(CC) $(ALL_CFLAGS) $(TEST_CFLAGS) $(LDFLAGS) -o $@ $< \
	    $(BUILD)/libvigie.a $(LIBS) $(TEST_LIBS)

# Programs the end-to-end tests drive (tests/tools/), linked like vigie.
$(BUILD)/tests/tool-%: tests/tools/%.c $(BUILD)/libvigie.a
	@mkdir -p $(@D)
	$(QL)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libvigie.a $(LIBS)

# Each fuzz harness is also built as a plain program that replays its
# corpus (tests/fuzz/corpus/NAME/), so `make check` runs every harness.
$(BUILD)/tests/replay-%: tests/fuzz/%.c tests/fuzz/replay.c $(BUILD)/libvigie.a
	@mkdir -p $(@D)
	$(QL)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< tests/fuzz/replay.c \
	    $(BUILD)/libvigie.a $(LIBS) $(TEST_LIBS)

tests: $(BIN) $(UNIT_BINS) $(TOOL_BINS) $(FUZZ_REPLAY)

check: ensure-check-deps
	@$(MAKE) --no-print-directory tests
	@VIGIE_BUILD=$(BUILD) VIGIE_BIN=$(BIN) sh tests/run

SAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	    -fno-sanitize-recover=all
sanitize: ensure-check-deps
	@$(MAKE) --no-print-directory BUILD=build-san BIN=build-san/vigie \
	    CFLAGS="$(SAN_FLAGS)" LDFLAGS="-fsanitize=address,undefined" tests
	@VIGIE_BUILD=build-san VIGIE_BIN=build-san/vigie VIGIE_SANITIZE=1 \
	    sh tests/run

FUZZ_BINS = $(FUZZ_SRCS:tests/fuzz/%.c=build-fuzz/%)
# The library is brought up to date first (fuzz-lib is always run, and
# is incremental), so a harness never runs against stale code.
fuzz-lib:
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang \
	    CFLAGS="-O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined" \
	    build-fuzz/libvigie.a
build-fuzz/%: tests/fuzz/%.c fuzz-lib
	clang $(CPPFLAGS) $(PKG_CFLAGS) -O1 -g \
	    -fsanitize=fuzzer,address,undefined \
	    -fno-sanitize-recover=undefined -o $@ $< \
	    build-fuzz/libvigie.a $(LIBS) $(TEST_LIBS)
# Every harness runs to the end, one line each (tools/fuzz-all.sh);
# artifacts and logs stay under build-fuzz/.
fuzz: $(FUZZ_BINS)
	@sh tools/fuzz-all.sh $(FUZZ_SECONDS) $(FUZZ_BINS)
FUZZ_SECONDS ?= 30

bench: $(BIN)
	@for b in bench/*.sh; do [ -f "$$b" ] || continue; \
	    echo "== $$b"; sh "$$b" || exit 1; done

# ---- set-up ---------------------------------------------------------

SUDO = $(shell [ "$$(id -u)" = 0 ] || echo sudo)
RUN_LISTS   = debian-packages.txt
CHECK_LISTS = debian-packages.txt debian-packages-check.txt
# make deps: what `make run` needs; make deps-check: and the test tools.
deps:
	@$(SUDO) env PKGS_PC="$(PKGS)" sh tools/install-packages $(RUN_LISTS)
deps-check:
	@$(SUDO) env PKGS_PC="$(PKGS) $(TESTPKGS)" sh tools/install-packages \
	    $(CHECK_LISTS)

ensure-deps:
	@if ! pkg-config --exists $(PKGS) || \
	    [ -n "$$(sh tools/missing-packages $(RUN_LISTS))" ]; then \
	    $(MAKE) --no-print-directory deps; fi
ensure-check-deps:
	@if ! pkg-config --exists $(PKGS) $(TESTPKGS) || [ -n "$$(for l in \
	    $(CHECK_LISTS); do sh tools/missing-packages $$l; done)" ]; then \
	    $(MAKE) --no-print-directory deps-check; fi

run: ensure-deps
	@$(MAKE) --no-print-directory $(BIN)
	./$(BIN)

install: $(BIN) $(MO)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(DATADIR) \
	    $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(LOCALEDIR)/fr/LC_MESSAGES
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/vigie
	cp -R rules/. $(DESTDIR)$(DATADIR)/
	install -m 644 docs/vigie.1 $(DESTDIR)$(MANDIR)/man1/vigie.1
	install -m 644 $(MO) $(DESTDIR)$(LOCALEDIR)/fr/LC_MESSAGES/vigie.mo

# Strings to translate: every _() and N_() of the sources.
pot: $(BUILD)/vigie.pot
$(BUILD)/vigie.pot: $(LIB_SRCS) vigie.c
	@mkdir -p $(@D)
	xgettext --from-code=UTF-8 -k_ -kN_ -kP_:1c,2 -kvg_ngettext:1,2 \
	    --add-comments=TRANSLATORS -o $@ $^

# The man page: docs/vigie.1.in with the commands from the table.
man: $(BIN)
	@sh tools/genman.sh ./$(BIN) $(VERSION) $(MAN_DATE) docs/vigie.1
	@echo "docs/vigie.1 written"
MAN_DATE = 2026-11-25

lint:
	sh tools/lint

clean:
	rm -rf build build-san build-fuzz build-static vigie

.PHONY: all check tests sanitize fuzz fuzz-lib bench deps deps-check \
	ensure-deps ensure-check-deps run install \
	pot man lint clean

-include $(LIB_OBJS:.o=.d) $(MAIN_OBJ:.o=.d)

# ---- make static (docs/static-build.md) ------------------------------
# A self-contained x86_64 vigie for a USB key (RFC 3227: do not trust the
# examined system's programs and libraries): everything linked statically
# against Debian's .a libraries, in build-static/vigie. Features whose
# libraries have no usable .a are compiled out with a flag: libcurl
# (MTA-STS in scan mail) with -DVG_NO_CURL. `vigie respond capture`
# records -DVG_STATIC in its manifest.
STATIC_PKGS  = yara libcrypto libssl ncursesw libxml-2.0 sqlite3 jansson \
	       libarchive hivex libunbound libpcre2-8
STATIC_FLAGS = -DVG_STATIC -DVG_NO_CURL
static: ensure-check-deps
	@$(MAKE) --no-print-directory BUILD=build-static \
	    BIN=build-static/vigie CFLAGS="$(CFLAGS) $(STATIC_FLAGS)" \
	    LDFLAGS="-static" \
	    PKG_LIBS="-Wl,--start-group $$(pkg-config --static --libs \
	    $(STATIC_PKGS)) -lstdc++ -Wl,--end-group" \
	    build-static/vigie
	@strip build-static/vigie
	@echo "build-static/vigie: $$(file -b build-static/vigie | cut -d, -f1-2), $$(du -k build-static/vigie | cut -f1) KiB, stripped"

.PHONY: static

# ---- make windows (docs/windows-collector.md) ------------------------
# vigie-collect.exe, the Windows collector (respond/windows/), cross-built
# with Debian's mingw-w64 and libgcrypt-mingw-w64-dev, statically linked:
# one exe, no DLL beside it. Not part of LIB_SRCS (respond/*.c only).
# tests/windows/marker.exe is the marker process of test e2e/5080.
MINGW_CC    ?= x86_64-w64-mingw32-gcc
MINGW_WINDRES ?= x86_64-w64-mingw32-windres
WIN_BUILD    = build-windows
WIN_SRCS     = $(wildcard respond/windows/*.c)
WIN_HDRS     = $(wildcard respond/windows/*.h)
WIN_CFLAGS   = -O2 -Wall -Wextra -Werror -Wmissing-prototypes -Wshadow \
	       -Wno-cast-function-type -D__USE_MINGW_ANSI_STDIO=1 \
	       -DUNICODE -D_UNICODE -D_WIN32_WINNT=0x0A00
WIN_LIBS     = -static -lgcrypt -lgpg-error -liphlpapi -lws2_32 \
	       -lwtsapi32 -lnetapi32 -lwevtapi -lwintrust -lcrypt32 -ladvapi32 \
	       -lshell32 -lntdll -lole32 -loleaut32
windows: $(WIN_BUILD)/vigie-collect.exe $(WIN_BUILD)/marker.exe
	@echo "$(WIN_BUILD)/vigie-collect.exe: $$(du -k $(WIN_BUILD)/vigie-collect.exe | cut -f1) KiB, DLLs: $$(x86_64-w64-mingw32-objdump -p $(WIN_BUILD)/vigie-collect.exe | sed -n 's/^\tDLL Name: //p' | tr '\n' ' ')"
$(WIN_BUILD)/manifest.o: respond/windows/collect.rc respond/windows/collect.manifest
	@mkdir -p $(@D)
	$(MINGW_WINDRES) -I respond/windows -o $@ respond/windows/collect.rc
$(WIN_BUILD)/vigie-collect.exe: $(WIN_SRCS) $(WIN_HDRS) $(WIN_BUILD)/manifest.o
	@mkdir -p $(@D)
	$(MINGW_CC) $(WIN_CFLAGS) -o $@ $(WIN_SRCS) \
	    $(WIN_BUILD)/manifest.o $(WIN_LIBS)
	x86_64-w64-mingw32-strip $@
$(WIN_BUILD)/marker.exe: tests/windows/marker.c
	@mkdir -p $(@D)
	$(MINGW_CC) -O2 -Wall -Wextra -Werror -o $@ $< -static -lws2_32

.PHONY: windows
# The unit test and fuzz harness of respond/windows/regfmt.c include it.
REGFMT_DEPS = respond/windows/regfmt.c respond/windows/regfmt.h \
	      tests/fuzz/regfmt-check.h
$(BUILD)/tests/test-regfmt $(BUILD)/tests/replay-fuzz-regfmt: $(REGFMT_DEPS)
build-fuzz/fuzz-regfmt: $(REGFMT_DEPS)
# Those of respond/windows/cfgfmt.c (and the tool of test e2e/5081).
CFGFMT_DEPS = respond/windows/cfgfmt.c respond/windows/cfgfmt.h \
	      $(REGFMT_DEPS) tests/fuzz/cfgfmt-check.h
$(BUILD)/tests/test-cfgfmt $(BUILD)/tests/replay-fuzz-cfgfmt: $(CFGFMT_DEPS)
$(BUILD)/tests/tool-wincfg-write build-fuzz/fuzz-cfgfmt: $(CFGFMT_DEPS)
