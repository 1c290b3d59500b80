# `make bench-queue`: the job queue against pgqueuer 1.6.0, on the local cluster with durable
# settings, in a database of its own. Prints the `queue:` line last.
BENCH_TARGETS += bench-queue
VENV := .venv
PGQUEUER_SRC := .artifacts/pgqueuer-1.6.0

.PHONY: bench-queue queue-venv

# pgqueuer 1.6.0 with the asyncpg driver and its benchmark script's own imports, from PyPI.
$(VENV)/.pgqueuer-1.6.0:
	@python3 -m venv $(VENV) 2>/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-upgrade python3-venv >/dev/null && python3 -m venv $(VENV); }
	$(VENV)/bin/pip install -q "pgqueuer[asyncpg]==1.6.0" typer uvloop tabulate tqdm
	touch $@

# The benchmark script comes from pgqueuer's source distribution.
$(PGQUEUER_SRC)/tools/benchmark.py:
	mkdir -p .artifacts
	$(VENV)/bin/pip download -q --no-deps --no-binary :all: pgqueuer==1.6.0 -d .artifacts
	tar -xzf .artifacts/pgqueuer-1.6.0.tar.gz -C .artifacts

queue-venv: $(VENV)/.pgqueuer-1.6.0 $(PGQUEUER_SRC)/tools/benchmark.py

bench-queue: db migrate queue-venv
	$(SWIFT) build -c release --product queue-bench
	@$(DBENV); scripts/bench/queue.sh "$$(swift build -c release --show-bin-path)/queue-bench" $(VENV) $(PGQUEUER_SRC)
