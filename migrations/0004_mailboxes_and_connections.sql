-- Mailboxes (global) and connections (tenant rows), ARCHITECTURE.md "Database".
--
-- A mailbox is one provider account. It is global, not a tenant row: Google allows one watch per
-- account, and one person may connect the same mailbox in sub-accounts of different agencies, so
-- the push subscription, the cursors and the provider quota are shared. It holds no tokens and no
-- message data. A connection (user x sub-account) holds the tokens and points at its mailbox.

CREATE TABLE mailboxes (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    provider text NOT NULL CHECK (provider IN ('gmail', 'microsoft')),
    provider_account_id text NOT NULL CHECK (provider_account_id <> ''),
    address text NOT NULL CHECK (address LIKE '_%@_%'),
    aliases text[] NOT NULL DEFAULT '{}',
    push_subscription_id text,
    push_expires_at timestamptz,
    throttled_until timestamptz,
    send_quota_day date,
    send_quota_used integer NOT NULL DEFAULT 0 CHECK (send_quota_used >= 0),
    last_synced_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (id),
    UNIQUE (provider, provider_account_id),
    UNIQUE (push_subscription_id)
);
CREATE INDEX mailboxes_address ON mailboxes (provider, lower(address));
COMMENT ON TABLE mailboxes IS
    'One provider account (Gmail or Microsoft), shared by every connection to it. Global (no tenant RLS): '
    'holds routing keys, push and cursor state, never tokens or message data.';
COMMENT ON COLUMN mailboxes.provider_account_id IS
    'The provider''s stable account id (Google sub, Microsoft oid); the mailbox''s identity, not its address.';
COMMENT ON COLUMN mailboxes.address IS 'The primary address the provider reports (a Gmail push names it).';
COMMENT ON COLUMN mailboxes.aliases IS 'Other addresses the account sends as (Gmail send-as, Microsoft proxy addresses).';
COMMENT ON COLUMN mailboxes.push_subscription_id IS
    'Graph change-notification subscription id (Gmail watches have none; they are found by address).';
COMMENT ON COLUMN mailboxes.push_expires_at IS 'When the Gmail watch or Graph subscription expires unless renewed.';
COMMENT ON COLUMN mailboxes.throttled_until IS 'Quota state: no provider calls before this time (Retry-After, 429).';
COMMENT ON COLUMN mailboxes.send_quota_day IS 'Quota state: the UTC day send_quota_used counts.';
COMMENT ON COLUMN mailboxes.send_quota_used IS 'Quota state: messages sent through this mailbox on send_quota_day.';
COMMENT ON COLUMN mailboxes.last_synced_at IS
    'End of the last successful sync; a resync after an expired cursor starts here.';

CREATE TABLE mailbox_cursors (
    mailbox_id uuid NOT NULL REFERENCES mailboxes (id) ON DELETE CASCADE,
    folder_id text NOT NULL DEFAULT '',
    cursor text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (mailbox_id, folder_id)
);
COMMENT ON TABLE mailbox_cursors IS
    'Incremental sync positions of a mailbox: one row for Gmail, one per mail folder for Graph. Global, like mailboxes.';
COMMENT ON COLUMN mailbox_cursors.folder_id IS 'Graph mail folder id; empty for Gmail''s single history cursor.';
COMMENT ON COLUMN mailbox_cursors.cursor IS 'Gmail historyId or Graph deltaLink; advanced in the transaction of the work it covers.';

CREATE TABLE connections (
    sub_account_id uuid NOT NULL,
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL,
    mailbox_id uuid NOT NULL REFERENCES mailboxes (id),
    status text NOT NULL DEFAULT 'connected'
        CHECK (status IN ('connected', 'needs_reauth', 'disconnected', 'superseded')),
    access_token_ciphertext bytea,
    refresh_token_ciphertext bytea,
    token_expires_at timestamptz,
    granted_scopes text[] NOT NULL DEFAULT '{}',
    superseded_at timestamptz,
    superseded_by uuid,
    disconnected_at timestamptz,
    last_error text,
    last_error_at timestamptz,
    last_synced_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (sub_account_id, id),
    FOREIGN KEY (sub_account_id, user_id) REFERENCES memberships (sub_account_id, user_id),
    FOREIGN KEY (sub_account_id, superseded_by) REFERENCES connections (sub_account_id, id),
    CHECK ((status = 'superseded') = (superseded_at IS NOT NULL)),
    CHECK ((status = 'disconnected') = (disconnected_at IS NOT NULL))
);
-- At most one active connection per user and sub-account; "update email" supersedes the old one.
CREATE UNIQUE INDEX connections_one_active_per_user ON connections (sub_account_id, user_id)
    WHERE status IN ('connected', 'needs_reauth');
CREATE INDEX connections_mailbox ON connections (mailbox_id) WHERE status IN ('connected', 'needs_reauth');
COMMENT ON TABLE connections IS
    'A user''s mailbox connection in one sub-account (the profile''s "Email (2-way sync)"): status, encrypted '
    'tokens, sync health. Sub-account tenant row.';
COMMENT ON COLUMN connections.status IS
    'connected; needs_reauth (the provider rejected a refresh: jobs stop until the user connects the same account '
    'again); disconnected (by the user); superseded (the user connected a different account).';
COMMENT ON COLUMN connections.access_token_ciphertext IS
    'OAuth access token, AES-GCM under MAILSYNC_SECRET_KEYS; NULL once deleted (disconnect, supersede).';
COMMENT ON COLUMN connections.refresh_token_ciphertext IS
    'OAuth refresh token, AES-GCM under MAILSYNC_SECRET_KEYS; NULL once deleted (disconnect, supersede).';
COMMENT ON COLUMN connections.token_expires_at IS 'When the access token expires; refreshed before.';
COMMENT ON COLUMN connections.granted_scopes IS 'The OAuth scopes the user granted.';
COMMENT ON COLUMN connections.superseded_by IS 'The connection that replaced this one (update email).';
COMMENT ON COLUMN connections.last_error IS 'The last failure in plain words, shown on the profile; no secrets.';
COMMENT ON COLUMN connections.last_synced_at IS 'End of this connection''s last successful sync, shown on the profile.';

ALTER TABLE connections ENABLE ROW LEVEL SECURITY;
ALTER TABLE connections FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON connections
    USING (sub_account_id = NULLIF(current_setting('mailsync.sub_account_id', true), '')::uuid)
    WITH CHECK (sub_account_id = NULLIF(current_setting('mailsync.sub_account_id', true), '')::uuid);

GRANT SELECT, INSERT, UPDATE, DELETE ON mailboxes, mailbox_cursors, connections TO mailsync_app, mailsync_admin;
