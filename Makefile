# MailSync: `make run` and `make test` do all set-up on a fresh machine (see README.md).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
SWIFT ?= swift
DB := scripts/dev-db.sh
# Every recipe that talks to the database loads the cluster's connection variables first.
DBENV = eval "$$($(DB) env)"
# Each mk/*.mk fragment adds its own targets, and may append to TEST_EXTRAS (run by `make test`
# after the Swift tests) and BENCH_TARGETS (run by `make bench`).
.DEFAULT_GOAL := help
TEST_EXTRAS :=
BENCH_TARGETS :=
-include mk/*.mk

.PHONY: test build db db-fast db-stop migrate test-swift bench help

help:
	@echo "make run      start PostgreSQL, migrate, run the live demo (service, worker, emulators)"
	@echo "make test     start PostgreSQL, migrate, run every test"
	@echo "make db-stop  stop the local PostgreSQL cluster"
	@echo "make bench    run every benchmark"

db:
	@$(DB) up durable

db-fast:
	@$(DB) up fast

db-stop:
	@$(DB) stop

build:
	@$(DB) install
	$(SWIFT) build --product mailsync

migrate: build
	@$(DBENV); .build/debug/mailsync migrate up

test: db-fast migrate test-swift $(TEST_EXTRAS)

test-swift:
	@$(DBENV); $(SWIFT) test

bench: $(BENCH_TARGETS)
