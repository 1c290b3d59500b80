# `make bench-sync`: 100 Gmail mailboxes of 200 messages synced from scratch through the emulator,
# the database floor for the same rows, and push-to-CRM latency (release build, durable cluster,
# a database of its own). Prints the `sync:` line last.
BENCH_TARGETS += bench-sync

.PHONY: bench-sync

bench-sync: db
	$(SWIFT) build -c release --product mailsync
	$(SWIFT) build -c release --product sync-bench
	@$(DBENV); scripts/bench/sync.sh "$$($(SWIFT) build -c release --show-bin-path)"
