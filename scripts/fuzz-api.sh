#!/usr/bin/env bash
# `make fuzz-api`: schemathesis against openapi.yaml and a running service (its own fresh
# database, an agency key). Fails on any 5xx or any answer that contradicts the document.
#   scripts/fuzz-api.sh VENV [extra schemathesis options...]
set -euo pipefail
venv=$1
shift
port=$MAILSYNC_TEST_PORT
db=mailsync_fuzz_api
super() { runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres "$@"; }
super -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db OWNER mailsync_owner"
export MAILSYNC_MIGRATE_DATABASE_URL="postgresql://mailsync_owner@127.0.0.1:$port/$db"
export MAILSYNC_DATABASE_URL="postgresql://mailsync_app@127.0.0.1:$port/$db"
export MAILSYNC_ADMIN_DATABASE_URL="postgresql://mailsync_admin@127.0.0.1:$port/$db"
export MAILSYNC_INBOUND_TOKEN="fuzz-inbound-token"
.build/debug/mailsync migrate up >/dev/null
key=$(.build/debug/mailsync admin create-agency "Fuzz agency" | sed -n 's/^api key: //p')
http_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p .artifacts/fuzz-api
MAILSYNC_HTTP_PORT=$http_port MAILSYNC_PUBLIC_URL="http://127.0.0.1:$http_port" .build/debug/mailsync serve \
    >.artifacts/fuzz-api/serve.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$http_port/readyz" >/dev/null 2>&1 && break
    sleep 0.1
done
# Checks: no server error, status codes, content types, headers and bodies as documented.
"$venv/bin/schemathesis" run openapi.yaml --url "http://127.0.0.1:$http_port" \
    -H "Authorization: Bearer $key" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance \
    --max-examples "${FUZZ_API_EXAMPLES:-25}" --report junit --report-dir .artifacts/fuzz-api "$@"
