#!/usr/bin/env bash
# The demo's emulated mailboxes, made in the freshly started emulators at $1 (they keep no state
# between runs; accounts made in the same order get the same Google ids, so a reconnect after a
# restart restores the connection): Gmail alex@gmail.example and alex.new@gmail.example (to try
# "Update email"), Outlook alex@outlook.example and alex.new@outlook.example, consent pages shown
# to a person, and Gmail push to the service at $2.
set -euo pipefail
origin=$1
service=$2

call() { curl -fsS -o /dev/null -X "$1" "$origin/emulator/$2" "${@:3}"; }
json() { call "$1" "$2" -H 'Content-Type: application/json' --data "$3"; }

json PUT google/pubsub "{\"topic\":\"projects/mailsync-demo/topics/gmail\",\"pushEndpoint\":\"$service/webhooks/gmail\",\
\"audience\":\"$service/webhooks/gmail\",\"serviceAccountEmail\":\"gmail-push@mailsync-demo.iam.gserviceaccount.com\"}"
json POST google/accounts '{"email":"alex@gmail.example","displayName":"Alex Demo"}'
json POST google/accounts '{"email":"alex.new@gmail.example","displayName":"Alex Demo"}'
json POST microsoft/accounts '{"address":"alex@outlook.example","displayName":"Alex Demo"}'
json POST microsoft/accounts '{"address":"alex.new@outlook.example","displayName":"Alex Demo"}'
json POST microsoft/consent '{"mode":"manual","dropScopes":[]}'

