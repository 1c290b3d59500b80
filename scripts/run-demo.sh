#!/usr/bin/env bash
# `make run`: the live demo. Runs the provider emulators, the API (with the pages) and the worker
# as children of this script, against the local database (migrated by make), creates the demo's
# tenants (`mailsync demo`) and emulated mailboxes, prints where to go, and stops everything on
# Ctrl-C. The service is configured with the README's MAILSYNC_GOOGLE_*/GMAIL_*/MICROSOFT_*/
# GRAPH_* variables pointing at the emulators' origin.
#
#   MAILSYNC_HTTP_PORT (8080)       the service
#   MAILSYNC_EMULATORS_PORT (8090)  the emulators and their mailbox pages
#   MAILSYNC_DEMO_SMTP_PORT (2525)  the SMTP sink the sub-account's email provider points at
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
BIN=${MAILSYNC_BIN:-.build/debug/mailsync}
eval "$(scripts/dev-db.sh env)"

HTTP_PORT=${MAILSYNC_HTTP_PORT:-8080}
EMULATORS_PORT=${MAILSYNC_EMULATORS_PORT:-8090}
SMTP_PORT=${MAILSYNC_DEMO_SMTP_PORT:-2525}
STATE=.local/demo
EMULATORS=http://127.0.0.1:$EMULATORS_PORT
mkdir -p "$STATE/logs"

export MAILSYNC_HTTP_HOST=127.0.0.1 MAILSYNC_HTTP_PORT=$HTTP_PORT
export MAILSYNC_PUBLIC_URL=${MAILSYNC_PUBLIC_URL:-http://127.0.0.1:$HTTP_PORT}
# shellcheck source=scripts/demo/emulator-env.sh
source scripts/demo/emulator-env.sh "$EMULATORS" "$MAILSYNC_PUBLIC_URL"

log() { echo "demo: $*" >&2; }

PIDS=()
stop_all() {
    trap - INT TERM EXIT
    if [ ${#PIDS[@]} -gt 0 ]; then
        log "stopping"
        kill -TERM "${PIDS[@]}" 2>/dev/null || true
        wait "${PIDS[@]}" 2>/dev/null || true
    fi
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap stop_all EXIT

# start NAME COMMAND...: a child whose output goes to its log and, prefixed, to the terminal.
start() {
    local name=$1; shift
    "$@" > >(sed -u "s/^/[$name] /" | tee -a "$STATE/logs/$name.log") 2>&1 &
    PIDS+=($!)
}

wait_for() {
    local url=$1 deadline=$((SECONDS + 60))
    until curl -fs -o /dev/null "$url"; do
        [ $SECONDS -lt $deadline ] || { log "$url did not answer within 60 s; see $STATE/logs/"; exit 1; }
        sleep 0.3
    done
}

start emulators "$BIN" emulators --port "$EMULATORS_PORT"
wait_for "$EMULATORS/emulator/mailboxes"
scripts/demo/seed-emulators.sh "$EMULATORS" "$MAILSYNC_PUBLIC_URL"

# The facts hold the API key and the sign-in token: readable by their owner only.
(umask 077 && "$BIN" demo --state-dir "$STATE" --smtp-port "$SMTP_PORT" > "$STATE/facts.txt")

if [ -f scripts/smtp/peer.py ] && [ -x .venv/bin/python ]; then
    mkdir -p "$STATE/smtp-sink"
    start smtp .venv/bin/python scripts/smtp/peer.py --sink "$STATE/smtp-sink" --port "$SMTP_PORT"
    SMTP_NOTE="SMTP sink on 127.0.0.1:$SMTP_PORT, mail saved in $STATE/smtp-sink/"
else
    SMTP_NOTE="no SMTP sink: scripts/smtp/peer.py is not there yet, so sub-account (bulk/workflow) sends cannot be delivered"
fi

start serve "$BIN" serve
start worker "$BIN" worker
wait_for "$MAILSYNC_PUBLIC_URL/readyz"

TOKEN=$(sed -n 's/^user token (until \(.*\)): //p' "$STATE/facts.txt")
cat <<TEXT

==============================================================================
 MailSync demo is running. Ctrl-C stops everything.

 1. Sign in:        $MAILSYNC_PUBLIC_URL/app/sign-in
    paste this user token (Alex Demo, sub-account "Demo Dental"):
    $TOKEN
 2. Connect Gmail:  choose Gmail, Connect, sign in as alex@gmail.example on the
    emulator's consent page (Outlook: alex@outlook.example).
 3. Mailboxes:      $EMULATORS/emulator/mailboxes
    send mail from a contact (e.g. maria.garcia@patients.example) and watch it
    appear; mail from anyone else shows up as skipped in the Sync log.
 4. Update email:   alex.new@gmail.example is a second Gmail account.

 Facts (ids, BCC address, API key): $STATE/facts.txt   Logs: $STATE/logs/
 $SMTP_NOTE
==============================================================================
TEXT

# Any child ending ends the demo (and the trap stops the others).
wait -n "${PIDS[@]}" || true
log "a process stopped; see $STATE/logs/"
exit 1
