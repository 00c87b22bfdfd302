# kostec-pipe - PDF issues of report series to structured, archivable data.
#
#   make demo     install missing Debian packages, build, convert samples/ into out/
#   make check    install missing Debian packages, build, run every test
#   make check SANITIZE=1   the same under AddressSanitizer + UBSan
#   make regen    rewrite the golden files on purpose (review the diff!)
#   make samples  rebuild the sample PDFs and their truth (needs LibreOffice, Chromium)
#   make corpus-score  headings, tables, unplaced text of ../shared/corpus/korean (tests/corpus/)
#   make bench    benchmark against peers;  make fuzz FUZZ_SECONDS=N;  make leakcheck
#   make property PROPERTY_N=N   outputs validated on N mutants of each golden input
#   make install PREFIX=/usr/local

PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
LIBDIR   ?= $(PREFIX)/lib/kostec-pipe
MANDIR   ?= $(PREFIX)/share/man
DATADIR  ?= $(PREFIX)/share/kostec-pipe
CC       ?= cc
CXX      ?= c++
PKG      ?= pkg-config
SANITIZE ?=

WARN      = -std=c11 -Wall -Wextra -Werror -Wno-error=deprecated-declarations
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Icommon \
            -DKP_DATADIR='"$(DATADIR)"' -DKP_LIBDIR='"$(LIBDIR)"'
OPT       = -O2 -g
ifeq ($(SANITIZE),1)
OPT       = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
B         = build/san
else
B         = build/rel
endif
ALL_CFLAGS = $(WARN) $(OPT) $(CFLAGS)
# The one C++ file (extract/drawing.cc, Poppler's core API): a conservative
# standard, the same warnings.
ALL_CXXFLAGS = -std=c++17 -Wall -Wextra -Werror $(OPT) $(CXXFLAGS)

GLIB_CFLAGS    := $(shell $(PKG) --cflags glib-2.0 2>/dev/null)
GLIB_LIBS      := $(shell $(PKG) --libs glib-2.0 2>/dev/null)
EXTRACT_CFLAGS := $(shell $(PKG) --cflags poppler-glib gio-2.0 cairo tesseract lept nettle 2>/dev/null)
EXTRACT_LIBS   := $(shell $(PKG) --libs poppler-glib gio-2.0 cairo tesseract lept nettle 2>/dev/null)
# pdf2text itself is not linked with Tesseract, Leptonica, poppler-glib and
# cairo: OCR, which renders pages, is a shared object it loads on first
# need (extract/ocr_load.c); pages are read through Poppler's core API.
PDF2TEXT_LIBS  := $(shell $(PKG) --libs nettle 2>/dev/null)
# Poppler's core C++ API (libpoppler-private-dev) has no stability
# promise: drawing.cc builds only against the versions it was written for.
POPPLER_SUPPORTED := 22.12
POPPLER_VERSION   := $(shell $(PKG) --modversion poppler 2>/dev/null)
# (-isystem: Poppler's own headers do not pass -Wextra)
POPPLER_CXXFLAGS  := $(patsubst -I%,-isystem %,$(shell $(PKG) --cflags poppler 2>/dev/null))
POPPLER_LIBS      := $(shell $(PKG) --libs poppler 2>/dev/null)
XML_CFLAGS     := $(shell $(PKG) --cflags libxml-2.0 2>/dev/null)
XML_LIBS       := $(shell $(PKG) --libs libxml-2.0 2>/dev/null)
QPDF_LIBS      := $(shell $(PKG) --libs libqpdf 2>/dev/null)

COMMON_SRC    = $(filter-out common/fuzz_%.c,$(wildcard common/*.c))
EXTRACT_SRC   = $(filter-out extract/fuzz_%.c,$(wildcard extract/*.c)) $(wildcard extract/*.cc)
STRUCTURE_SRC = $(filter-out structure/fuzz_%.c,$(wildcard structure/*.c))
EXPORT_SRC    = $(filter-out export/fuzz_%.c,$(wildcard export/*.c))
UNIT_SRC      = $(wildcard tests/unit/test_*.c)

# Objects live under $(B)/obj/ so that $(B)/structure can be the program.
O             = $(B)/obj
COMMON_OBJ    = $(COMMON_SRC:%.c=$(O)/%.o)
EXTRACT_OBJ   = $(patsubst %.cc,$(O)/%.o,$(EXTRACT_SRC:%.c=$(O)/%.o))
STRUCTURE_OBJ = $(STRUCTURE_SRC:%.c=$(O)/%.o)
# OCR: built into $(OCR_SO), which pdf2text dlopens through ocr_load.o
# (the tests link the OCR objects directly, not ocr_load.o).
OCR_OBJ       = $(addprefix $(O)/extract/,ocr.o ocr_text.o ocr_reread.o ocr_marks.o ocr_image.o pix.o)
OCR_LOAD_OBJ  = $(O)/extract/ocr_load.o
OCR_SO        = $(B)/pdf2text-ocr.so
PDF2TEXT_OBJ  = $(filter-out $(OCR_OBJ),$(EXTRACT_OBJ))
EXPORT_OBJ    = $(EXPORT_SRC:%.c=$(O)/%.o)
# qpdf (--pdf, --source-pdf): searchable.c built into $(PDF_SO), which
# issue-export dlopens through searchable_load.o (the tests link
# searchable.o directly).
PDF_OBJ       = $(O)/export/searchable.o
PDF_LOAD_OBJ  = $(O)/export/searchable_load.o
PDF_SO        = $(B)/issue-export-pdf.so
ISSUE_EXPORT_OBJ = $(filter-out $(PDF_OBJ),$(EXPORT_OBJ))

# One binary per tests/unit/test_*.c; each links the program objects it
# tests (never a main.o) and prints "N passed, M failed".
UNIT_BINS = $(UNIT_SRC:tests/unit/%.c=$(B)/tests/unit/%)
LIB_OBJ   = $(filter-out %/main.o $(OCR_LOAD_OBJ) $(PDF_LOAD_OBJ),$(EXTRACT_OBJ) $(STRUCTURE_OBJ) $(EXPORT_OBJ))

PROGS = $(B)/pdf2text $(B)/structure $(B)/issue-export
MAN1  = docs/pdf2text.1 docs/structure.1 docs/issue-export.1 docs/issue-batch.1
MAN5  = docs/kplayout.5 docs/kostec-issue.5

all: $(PROGS) $(OCR_SO) $(PDF_SO) $(UNIT_BINS)
	@# bin/ always holds the release build; a SANITIZE=1 build stays in build/san
	@[ -n "$(SANITIZE)" ] || { mkdir -p bin && for p in pdf2text structure issue-export; do ln -sf ../$(B)/$$p bin/$$p; done; }
	@mkdir -p bin; for s in issue-batch issue-convert-one issue-report issue-draw; do ln -sf ../scripts/$$s bin/$$s; done

$(O)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(GLIB_CFLAGS) $(EXTRACT_CFLAGS) $(XML_CFLAGS) -MMD -MP -c -o $@ $<

$(O)/%.o: %.cc
	@case "$(POPPLER_VERSION)" in $(POPPLER_SUPPORTED).*) ;; \
	*) echo "$<: Poppler '$(POPPLER_VERSION)' (pkg-config poppler) is not supported:" \
	        "the core API it uses is that of Poppler $(POPPLER_SUPPORTED) (libpoppler-private-dev)" >&2; \
	   exit 1;; esac
	@mkdir -p $(@D)
	$(CXX) $(CPPFLAGS) $(ALL_CXXFLAGS) $(POPPLER_CXXFLAGS) -MMD -MP -c -o $@ $<

$(B)/libkp.a: $(COMMON_OBJ)
	$(AR) rcs $@ $(COMMON_OBJ)

# -rdynamic and the whole of libkp: the OCR object calls pdf2text's own
# functions (kp_*, ex_*).
$(B)/pdf2text: $(PDF2TEXT_OBJ) $(B)/libkp.a
	$(CXX) $(OPT) $(LDFLAGS) -rdynamic -o $@ $(PDF2TEXT_OBJ) \
	    -Wl,--whole-archive $(B)/libkp.a -Wl,--no-whole-archive $(PDF2TEXT_LIBS) $(POPPLER_LIBS) \
	    $(GLIB_LIBS) -ldl -lm

# -Bsymbolic: its calls to its own functions stay inside it, never reach
# pdf2text's loaders of the same names.
$(OCR_OBJ): OPT += -fPIC
$(OCR_SO): $(OCR_OBJ)
	$(CC) $(OPT) $(LDFLAGS) -shared -Wl,-Bsymbolic -o $@ $(OCR_OBJ) $(EXTRACT_LIBS) $(GLIB_LIBS) -lm

$(B)/structure: $(STRUCTURE_OBJ) $(B)/libkp.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(STRUCTURE_OBJ) $(B)/libkp.a $(XML_LIBS) $(GLIB_LIBS) -lm

# -rdynamic and the whole of libkp, as pdf2text: for $(PDF_SO).
$(B)/issue-export: $(ISSUE_EXPORT_OBJ) $(B)/libkp.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -rdynamic -o $@ $(ISSUE_EXPORT_OBJ) \
	    -Wl,--whole-archive $(B)/libkp.a -Wl,--no-whole-archive $(XML_LIBS) $(GLIB_LIBS) -ldl -lm

$(PDF_OBJ): OPT += -fPIC
$(PDF_SO): $(PDF_OBJ)
	$(CC) $(OPT) $(LDFLAGS) -shared -Wl,-Bsymbolic -o $@ $(PDF_OBJ) $(QPDF_LIBS) $(GLIB_LIBS)

$(B)/tests/unit/%: $(O)/tests/unit/%.o $(LIB_OBJ) $(B)/libkp.a
	@mkdir -p $(@D)
	$(CXX) $(OPT) $(LDFLAGS) -o $@ $< $(LIB_OBJ) $(B)/libkp.a \
	    $(EXTRACT_LIBS) $(POPPLER_LIBS) $(XML_LIBS) $(QPDF_LIBS) $(GLIB_LIBS) -lm

deps:
	@sh scripts/install-deps.sh

demo: deps
	@$(MAKE) --no-print-directory all
	@sh scripts/demo.sh $(B)

check: deps
	@$(MAKE) --no-print-directory all
	@sh tests/run.sh $(B)

regen: all
	@REGEN=1 sh tests/run.sh $(B) golden

samples:
	@sh scripts/install-deps.sh --samples
	@sh samples/build.sh

leakcheck: deps
	@$(MAKE) --no-print-directory all
	@sh tests/leakcheck.sh $(B)

icdar: deps
	@$(MAKE) --no-print-directory all
	@sh tests/icdar.sh $(B)

corpus-score: deps
	@$(MAKE) --no-print-directory all
	@sh tests/corpus.sh $(B)

# the property test of make check, with many more mutants (a new seed each run)
PROPERTY_N ?= 200
property: deps
	@$(MAKE) --no-print-directory all
	@KP_PROPERTY_N=$(PROPERTY_N) KP_PROPERTY_SEED=$${KP_PROPERTY_SEED:-$$(date +%s)} \
		sh tests/property/test_property.sh $(B)

bench: deps
	@$(MAKE) --no-print-directory all
	@sh scripts/install-deps.sh --bench
	@sh bench/run.sh $(B)

FUZZ_SECONDS ?= 60
fuzz: deps
	@sh scripts/install-deps.sh --fuzz
	@$(MAKE) --no-print-directory all
	@sh tests/fuzz.sh $(FUZZ_SECONDS)

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(DATADIR)
	cp $(PROGS) $(DESTDIR)$(BINDIR)/
	mkdir -p $(DESTDIR)$(LIBDIR) && cp $(OCR_SO) $(PDF_SO) $(DESTDIR)$(LIBDIR)/
	cp scripts/issue-batch scripts/issue-convert-one scripts/issue-report scripts/issue-draw \
	   scripts/issue-lib.sh $(DESTDIR)$(BINDIR)/
	for m in $(MAN1); do [ ! -f $$m ] || cp $$m $(DESTDIR)$(MANDIR)/man1/; done
	for m in $(MAN5); do [ ! -f $$m ] || cp $$m $(DESTDIR)$(MANDIR)/man5/; done
	cp -R structure/rules $(DESTDIR)$(DATADIR)/

clean:
	rm -rf build bin out

.PHONY: all deps demo check regen samples leakcheck icdar corpus-score property bench fuzz install clean

-include $(wildcard $(O)/*/*.d $(O)/tests/*/*.d)
