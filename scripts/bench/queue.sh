#!/usr/bin/env bash
# The job-queue benchmark of issue 4: median of 3 repetitions of each figure, durable settings.
#   scripts/bench/queue.sh QUEUE_BENCH_BINARY VENV PGQUEUER_SOURCE
set -euo pipefail
bench=$1 venv=$2 pgq_src=$3
port=$MAILSYNC_TEST_PORT
super() { runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres "$@"; }

# Fresh databases: one migrated for mailsync, one for pgqueuer's own schema.
super -d postgres -c "DROP DATABASE IF EXISTS mailsync_bench_queue WITH (FORCE)" \
    -c "DROP DATABASE IF EXISTS pgqueuer_bench WITH (FORCE)" \
    -c "CREATE DATABASE mailsync_bench_queue OWNER mailsync_owner" -c "CREATE DATABASE pgqueuer_bench OWNER mailsync_owner"
MAILSYNC_MIGRATE_DATABASE_URL="postgresql://mailsync_owner@127.0.0.1:$port/mailsync_bench_queue" \
    .build/debug/mailsync migrate up >/dev/null
# As the owner: the benchmark vacuums the jobs table between setup and timing.
app_url="postgresql://mailsync_owner@127.0.0.1:$port/mailsync_bench_queue"
export PGHOST=127.0.0.1 PGPORT=$port PGUSER=mailsync_owner PGDATABASE=pgqueuer_bench
"$venv/bin/python" -m pgqueuer install >/dev/null

median() { sort -n | sed -n 2p; }
# Each drain starts from the same state: the previous run's dirty pages written out first, so
# no drain pays for the checkpoint of the one before it.
settle() { super -d postgres -c CHECKPOINT; }
ours=() theirs=() p50=() p99=()
for run in 1 2 3; do
    settle
    line=$("$bench" drain --database-url "$app_url" --concurrency 1000)
    echo "mailsync $line" >&2
    ours+=("$(sed -E 's/.*jobs_per_s=([0-9]+).*/\1/' <<<"$line")")
    out=$(mktemp)
    settle
    (cd "$pgq_src" && "$OLDPWD/$venv/bin/python" tools/benchmark.py --driver apg --strategy drain --jobs 50000 \
        --dequeue 5 --dequeue-batch-size 10 --output-json "$out" >/dev/null)
    rate=$("$venv/bin/python" -c "import json,sys; print(int(json.load(open(sys.argv[1]))['rate']))" "$out")
    echo "pgqueuer drain: jobs_per_s=$rate" >&2
    theirs+=("$rate")
    line=$("$bench" latency --database-url "$app_url")
    echo "mailsync $line" >&2
    p50+=("$(sed -E 's/.*p50_ms=([0-9.]+).*/\1/' <<<"$line")")
    p99+=("$(sed -E 's/.*p99_ms=([0-9.]+).*/\1/' <<<"$line")")
done
m_ours=$(printf '%s\n' "${ours[@]}" | median)
m_theirs=$(printf '%s\n' "${theirs[@]}" | median)
m_p50=$(printf '%s\n' "${p50[@]}" | median)
m_p99=$(printf '%s\n' "${p99[@]}" | median)
ratio=$(python3 -c "print(f'{$m_ours / $m_theirs:.2f}')")
echo "queue: mailsync_drain_jobs_per_s=$m_ours pgqueuer_drain_jobs_per_s=$m_theirs ratio=$ratio latency_p50_ms=$m_p50 latency_p99_ms=$m_p99"
