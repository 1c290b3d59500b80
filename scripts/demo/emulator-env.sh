# Sourced: points the service and the worker at the emulators' origin ($1), with Gmail push to
# the service at $2 (README "Configuration": MAILSYNC_GOOGLE_*, MAILSYNC_GMAIL_*,
# MAILSYNC_MICROSOFT_*, MAILSYNC_GRAPH_*). Used by scripts/run-demo.sh and the browser tests.
emulators_origin=$1
service_origin=$2
export MAILSYNC_GOOGLE_CLIENT_ID=mailsync-dev MAILSYNC_GOOGLE_CLIENT_SECRET=mailsync-dev-secret
export MAILSYNC_GOOGLE_AUTH_URL=$emulators_origin/o/oauth2/v2/auth
export MAILSYNC_GOOGLE_TOKEN_URL=$emulators_origin/token
export MAILSYNC_GOOGLE_REVOKE_URL=$emulators_origin/revoke
export MAILSYNC_GMAIL_API_URL=$emulators_origin
export MAILSYNC_GOOGLE_JWKS_URL=$emulators_origin/oauth2/v3/certs
export MAILSYNC_GMAIL_PUSH_TOPIC=projects/mailsync-demo/topics/gmail
export MAILSYNC_GMAIL_PUSH_AUDIENCE=$service_origin/webhooks/gmail
export MAILSYNC_GMAIL_PUSH_SERVICE_ACCOUNT=gmail-push@mailsync-demo.iam.gserviceaccount.com
export MAILSYNC_MICROSOFT_CLIENT_ID=emulator-client-id MAILSYNC_MICROSOFT_CLIENT_SECRET=emulator-client-secret
export MAILSYNC_MICROSOFT_LOGIN_URL=$emulators_origin
export MAILSYNC_GRAPH_API_URL=$emulators_origin/v1.0
export MAILSYNC_EMULATED_MAILBOXES_URL=$emulators_origin/emulator/mailboxes
