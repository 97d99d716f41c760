# kam: one binary, built against libgit2, cmark and libcsv (Debian 12).
#
#   make           build ./kam
#   make check     install missing packages, build, run every test (normal
#                  and ASan+UBSan builds) and lint the man pages
#   make demo      build and show a sample key-account project
#   make install   PREFIX=/usr/local DESTDIR=

PREFIX	?= /usr/local
BINDIR	 = $(PREFIX)/bin
MANDIR	 = $(PREFIX)/share/man
CC	?= cc
DEPS	 = gcc libc6-dev git perl python3 strace locales tzdata libgit2-dev \
	   libcmark-dev libcsv-dev pkg-config mandoc
PKGS	 = libgit2 libcmark
WARN	 = -std=c11 -Wall -Wextra -Werror -D_GNU_SOURCE -DGIT_DEPRECATE_HARD
OPT	?= -O2 -g
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CFLAGS	+= $(WARN) $(OPT) $(PKG_CFLAGS)
LDLIBS	+= $(PKG_LIBS) -lcsv

LIB_SRC	 = $(sort $(wildcard lib/*.c))
CMD_SRC	 = $(sort $(wildcard cmd/*.c))
UNIT_SRC = $(sort $(wildcard tests/unit/t_*.c))

# Two build trees: build/ (normal) and build-san/ (ASan+UBSan).
B	?= build
LIB_OBJ	 = $(LIB_SRC:%.c=$(B)/%.o)
CMD_OBJ	 = $(CMD_SRC:%.c=$(B)/%.o)
UNIT_BIN = $(UNIT_SRC:%.c=$(B)/%)
SAN	 = -fsanitize=address,undefined -fno-sanitize-recover=all \
	   -fno-omit-frame-pointer

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

units: $(UNIT_BIN)

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
	rm -rf build build-san kam tests/trash.*

.PHONY: all check demo install clean deps-ok units kam
