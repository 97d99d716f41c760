# kam: one binary, built against libgit2, cmark and libcsv (Debian 12).
#
#   make           build ./kam
#   make check     install missing packages, build, run every test (normal
#                  and ASan+UBSan builds) and lint the man pages
#   make demo      build and show a sample key-account project
#   make fuzz      FUZZ_SECONDS=N: fuzz each tests/fuzz target for N seconds
#                  with libFuzzer (clang), fail on any crash
#   make install   PREFIX=/usr/local DESTDIR=

PREFIX	?= /usr/local
BINDIR	 = $(PREFIX)/bin
MANDIR	 = $(PREFIX)/share/man
CC	?= cc
DEPS	 = gcc libc6-dev git perl python3 strace jq locales tzdata libgit2-dev \
	   libmbedtls-dev libssh2-1-dev libssl-dev libhttp-parser-dev \
	   libpcre2-dev zlib1g-dev libcmark-dev libcsv-dev libxlsxwriter-dev \
	   pkg-config mandoc python3-icalendar python3-openpyxl tj3
PKGS	 = libgit2 libcmark xlsxwriter
WARN	 = -std=c11 -Wall -Wextra -Werror -D_GNU_SOURCE -DGIT_DEPRECATE_HARD
OPT	?= -O2 -g
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
CFLAGS	+= $(WARN) $(OPT) $(PKG_CFLAGS)
# Start-up is a good part of a small write (issue 12): loading and
# relocating libgit2's 22 shared libraries cost more CPU than the whole
# of `git --version`.  So libgit2, the libraries it links (mbedTLS,
# libssh2 and its OpenSSL libcrypto, http-parser, PCRE2, zlib), libcsv
# and cmark are linked from their Debian static archives; only libc is
# shared.  libxlsxwriter has no archive: lib/export.c loads it on the
# first xlsx export.  lib/offline.c stands in for the GSSAPI library
# and wraps the certificate loading (kam never uses the network).
STATIC_LIBS = -lgit2 -lmbedtls -lmbedx509 -lmbedcrypto -lhttp_parser \
	   -lssh2 -lcrypto -lpcre2-8 -lz -lcmark -lcsv
LDLIBS	+= -Wl,--wrap=mbedtls_x509_crt_parse_file \
	   -Wl,-Bstatic $(STATIC_LIBS) -Wl,-Bdynamic -ldl -lrt -pthread

LIB_SRC	 = $(sort $(wildcard lib/*.c))
CMD_SRC	 = $(sort $(wildcard cmd/*.c))
UNIT_SRC = $(sort $(wildcard tests/unit/t_*.c))
FUZZ_SRC = $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_NAMES = $(FUZZ_SRC:tests/fuzz/%.c=%)

# Two build trees: build/ (normal) and build-san/ (ASan+UBSan).
B	?= build
LIB_OBJ	 = $(LIB_SRC:%.c=$(B)/%.o)
CMD_OBJ	 = $(CMD_SRC:%.c=$(B)/%.o)
UNIT_BIN = $(UNIT_SRC:%.c=$(B)/%)
FUZZ_BIN = $(FUZZ_SRC:%.c=$(B)/%)
SAN	 = -fsanitize=address,undefined -fno-sanitize-recover=all \
	   -fno-omit-frame-pointer
# A third, build-tsan/ (ThreadSanitizer), for the scripts that run kam's
# threads (the portfolio's accounts, review's two sides): tests/run.sh.
TSAN	 = -fsanitize=thread

all: deps-ok kam

kam: $(B)/kam
	cp $(B)/kam kam

$(B)/kam: $(CMD_OBJ) $(LIB_OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(CMD_OBJ) $(LIB_OBJ) $(LDLIBS)

$(B)/%.o: %.c lib/*.h cmd/*.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

$(B)/tests/unit/t_%: tests/unit/t_%.c $(LIB_OBJ) tests/unit/tap.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Ilib $(LDFLAGS) -o $@ $< $(LIB_OBJ) $(LDLIBS)

# The fuzz targets with a replay main(): `make check` runs them over the
# corpus (tests/t9510-fuzz-corpus.sh); `make fuzz` links them to libFuzzer.
$(B)/tests/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c \
    tests/fuzz/fuzz.h $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Ilib -Itests/fuzz $(LDFLAGS) -o $@ $< \
	    tests/fuzz/replay.c $(LIB_OBJ) $(LDLIBS)

$(B)/tests/fuzz/lf_fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Ilib -Itests/fuzz -fsanitize=fuzzer $(LDFLAGS) -o $@ \
	    $< $(LIB_OBJ) $(LDLIBS)

units: $(UNIT_BIN) $(FUZZ_BIN)

FUZZ_SECONDS ?= 60
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=all \
	   -fno-omit-frame-pointer
fuzz-bins: $(FUZZ_NAMES:%=$(B)/tests/fuzz/lf_%)

# Each target in turn for FUZZ_SECONDS, new inputs kept in
# build-fuzz/corpus/<target> (the tree's corpus is read only), crashes
# written to build-fuzz/crash-<target>-*; any crash fails the run.
fuzz:
	@command -v clang >/dev/null || { echo "make fuzz needs clang" \
	    "(apt-get install clang)"; exit 1; }
	$(MAKE) B=build-fuzz CC=clang OPT="-O1 -g $(FUZZ_SAN) \
	    -fsanitize=fuzzer-no-link" LDFLAGS="$(FUZZ_SAN)" fuzz-bins
	@for t in $(FUZZ_NAMES); do \
	  mkdir -p build-fuzz/corpus/$$t tests/fuzz/corpus/$$t; \
	  echo "== $$t ($(FUZZ_SECONDS) s)"; \
	  ./build-fuzz/tests/fuzz/lf_$$t -max_total_time=$(FUZZ_SECONDS) \
	      -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
	      -artifact_prefix=build-fuzz/crash-$$t- \
	      build-fuzz/corpus/$$t tests/fuzz/corpus/$$t || exit 1; \
	done

# Install what the build and the tests need, as root; otherwise say how.
deps-ok:
	@missing=""; for p in $(DEPS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' \
	    || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	      apt-get install -y -qq $$missing) >/dev/null || exit 1; \
	  else \
	    echo "kam needs:$$missing"; \
	    echo "run: sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

check: deps-ok
	$(MAKE) kam units
	$(MAKE) B=build-san OPT="-O1 -g $(SAN)" LDFLAGS="$(SAN)" build-san/kam units
	$(MAKE) B=build-tsan OPT="-O1 -g $(TSAN)" LDFLAGS="$(TSAN)" build-tsan/kam
	./tests/run.sh

demo: deps-ok kam
	./tests/demo.sh

install: kam
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(MANDIR)/man5 \
	    $(DESTDIR)$(PREFIX)/share/bash-completion/completions \
	    $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
	    $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 755 kam $(DESTDIR)$(BINDIR)/kam
	install -m 644 man/*.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 644 man/*.5 $(DESTDIR)$(MANDIR)/man5/
	install -m 644 completions/kam.bash \
	    $(DESTDIR)$(PREFIX)/share/bash-completion/completions/kam
	install -m 644 completions/_kam $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_kam
	install -m 644 completions/kam.fish \
	    $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/kam.fish

clean:
	rm -rf build build-san build-tsan build-fuzz kam tests/trash.*

.PHONY: all check demo install clean deps-ok units kam fuzz fuzz-bins
