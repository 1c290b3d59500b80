# `make bench-webhooks`: 200 Graph notifications per second for 30 s against a running service
# (release build, durable cluster, a database of its own). Prints the `webhooks:` line last.
BENCH_TARGETS += bench-webhooks

.PHONY: bench-webhooks

bench-webhooks: db
	$(SWIFT) build -c release --product mailsync --product webhook-bench
	@$(DBENV); scripts/bench/webhooks.sh "$$($(SWIFT) build -c release --show-bin-path)"
