#!/usr/bin/env bash
# Starts the service on a free port against a fresh, migrated database, sends the notifications,
# stops the service.   scripts/bench/webhooks.sh RELEASE_BIN_DIR
set -euo pipefail
bin=$1
port=$MAILSYNC_TEST_PORT
super() { runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres "$@"; }
super -d postgres -c "DROP DATABASE IF EXISTS mailsync_bench_webhooks WITH (FORCE)" \
    -c "CREATE DATABASE mailsync_bench_webhooks OWNER mailsync_owner"
export MAILSYNC_MIGRATE_DATABASE_URL="postgresql://mailsync_owner@127.0.0.1:$port/mailsync_bench_webhooks"
export MAILSYNC_DATABASE_URL="postgresql://mailsync_app@127.0.0.1:$port/mailsync_bench_webhooks"
"$bin/mailsync" migrate up >/dev/null
http_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
MAILSYNC_HTTP_PORT=$http_port "$bin/mailsync" serve >/tmp/mailsync-bench-webhooks.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$http_port/readyz" >/dev/null 2>&1 && break
    sleep 0.1
done
"$bin/webhook-bench" --url "http://127.0.0.1:$http_port" --database-url "$MAILSYNC_MIGRATE_DATABASE_URL"
