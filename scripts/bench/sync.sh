#!/usr/bin/env bash
# Runs the sync benchmark against a fresh, migrated database of its own on the local cluster.
#   scripts/bench/sync.sh RELEASE_BIN_DIR [sync-bench options...]
set -euo pipefail
bin=$1
shift
port=$MAILSYNC_TEST_PORT
db=mailsync_bench_sync
super() { runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres "$@"; }
super -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db OWNER mailsync_owner"
MAILSYNC_MIGRATE_DATABASE_URL="postgresql://mailsync_owner@127.0.0.1:$port/$db" "$bin/mailsync" migrate up >/dev/null
http_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$bin/sync-bench" --database-url "postgresql://mailsync_app@127.0.0.1:$port/$db" \
    --superuser-url "postgresql://postgres@127.0.0.1:$port/$db" --http-port "$http_port" "$@"
