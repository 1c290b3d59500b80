# Mail module: fuzzing and benchmark. Included by the root Makefile.
#   make fuzz [FUZZ_SECONDS=600]   libFuzzer with AddressSanitizer (and LeakSanitizer) on the parser
#   make fuzz-smoke                the same for 60 s (part of make test)
#   make bench-mail                this parser against Python's email package, MB/s on one corpus

SWIFT ?= swift
SWIFTC ?= swiftc
MAIL_PYTHON ?= /usr/bin/python3
FUZZ_SECONDS ?= 600
MAIL_CORPUS ?= .artifacts/mail-corpus
MAIL_CORPUS_COUNT ?= 600
MAIL_FUZZ_DIR := .build-fuzz
MAIL_FUZZ_BIN := $(MAIL_FUZZ_DIR)/fuzz-mail
MAIL_SOURCES := $(sort $(wildcard Sources/Mail/*.swift))

.PHONY: fuzz fuzz-smoke bench-mail mail-corpus

TEST_EXTRAS += fuzz-smoke
BENCH_TARGETS += bench-mail

# The corpus Python generates (standard library only); made once, reused by fuzz and bench.
$(MAIL_CORPUS)/.done: scripts/mail/mailref.py
	rm -rf $(MAIL_CORPUS)
	mkdir -p $(MAIL_CORPUS)
	$(MAIL_PYTHON) scripts/mail/mailref.py generate $(MAIL_CORPUS) --count $(MAIL_CORPUS_COUNT)
	touch $@

mail-corpus: $(MAIL_CORPUS)/.done

$(MAIL_FUZZ_BIN): $(MAIL_SOURCES) Fuzz/MailFuzz.swift
	mkdir -p $(MAIL_FUZZ_DIR)
	$(SWIFTC) -sanitize=fuzzer,address -parse-as-library -O -g -module-name Mail -use-ld=lld \
		$(MAIL_SOURCES) Fuzz/MailFuzz.swift -o $@

# Seeds: the fixtures and the generated messages under 16 KiB (bigger ones only slow mutation).
$(MAIL_FUZZ_DIR)/seeds/.done: $(MAIL_CORPUS)/.done $(wildcard Tests/MailTests/Fixtures/*.eml)
	mkdir -p $(MAIL_FUZZ_DIR)/seeds
	cp Tests/MailTests/Fixtures/*.eml $(MAIL_FUZZ_DIR)/seeds/
	find Tests/MailTests/Fixtures/fuzz-regressions -type f ! -name README.md -exec cp {} $(MAIL_FUZZ_DIR)/seeds/ \;
	find $(MAIL_CORPUS) -name '*.eml' -size -16k -exec cp {} $(MAIL_FUZZ_DIR)/seeds/ \;
	touch $@

define run_mail_fuzz
	mkdir -p $(MAIL_FUZZ_DIR)/corpus $(MAIL_FUZZ_DIR)/artifacts
	$(MAIL_FUZZ_BIN) $(MAIL_FUZZ_DIR)/corpus $(MAIL_FUZZ_DIR)/seeds \
		-max_total_time=$(1) -max_len=16384 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix=$(MAIL_FUZZ_DIR)/artifacts/
endef

fuzz: $(MAIL_FUZZ_BIN) $(MAIL_FUZZ_DIR)/seeds/.done
	$(call run_mail_fuzz,$(FUZZ_SECONDS))

fuzz-smoke: $(MAIL_FUZZ_BIN) $(MAIL_FUZZ_DIR)/seeds/.done
	$(call run_mail_fuzz,60)

bench-mail: $(MAIL_CORPUS)/.done
	$(SWIFT) build -c release --product mail-bench
	$$($(SWIFT) build -c release --show-bin-path)/mail-bench $(MAIL_CORPUS) scripts/mail/bench.py $(MAIL_PYTHON)
