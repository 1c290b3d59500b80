-- CRM sends (SPEC "Which sender sends", ARCHITECTURE "outbox"): the outbox row written with the
-- CRM message before any provider call, the Idempotency-Key records of the send API, and the
-- contacts' bulk unsubscribe (RFC 8058 one-click). The daily send count that holds bulk mail under
-- the provider's limit is the mailbox's (send_quota_day/send_quota_used, 0004): connections of one
-- mailbox share its provider quota (SPEC "Connections and mailboxes").
--
-- Tenant rules as in 0002: tenant-first keys, RLS ENABLEd and FORCEd through NULLIF, DML grants.

ALTER TABLE contacts ADD COLUMN bulk_unsubscribed_at timestamptz;
COMMENT ON COLUMN contacts.bulk_unsubscribed_at IS
    'When the contact unsubscribed from bulk mail (List-Unsubscribe one-click or its page); bulk sends skip them.';

CREATE TABLE outbox (
    sub_account_id uuid NOT NULL,
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    message_id uuid NOT NULL,
    kind text NOT NULL CHECK (kind IN ('single', 'bulk', 'workflow')),
    sender text NOT NULL CHECK (sender IN ('mailbox', 'sub_account_provider')),
    sender_reason text NOT NULL,
    user_id uuid,
    connection_id uuid,
    sent_connection_id uuid,
    contact_id uuid,
    state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sending', 'sent', 'failed')),
    attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_error text,
    counted_on date,
    provider_message_id text,
    provider_thread_id text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    sent_at timestamptz,
    PRIMARY KEY (sub_account_id, id),
    UNIQUE (sub_account_id, message_id),
    FOREIGN KEY (sub_account_id, message_id) REFERENCES messages (sub_account_id, id) ON DELETE CASCADE,
    FOREIGN KEY (sub_account_id, connection_id) REFERENCES connections (sub_account_id, id),
    FOREIGN KEY (sub_account_id, sent_connection_id) REFERENCES connections (sub_account_id, id),
    FOREIGN KEY (sub_account_id, contact_id) REFERENCES contacts (sub_account_id, id) ON DELETE SET NULL (contact_id),
    CHECK ((sender = 'mailbox') = (connection_id IS NOT NULL))
);
CREATE INDEX outbox_unsent ON outbox (sub_account_id, created_at) WHERE state IN ('queued', 'sending');
COMMENT ON TABLE outbox IS
    'A CRM send: written with its CRM message and its email.send job before any provider call; a retry that finds '
    'state sending (or attempts > 1) looks the Message-ID up in the mailbox before sending again. Sub-account tenant row.';
COMMENT ON COLUMN outbox.sender IS 'mailbox: the acting user''s connection; sub_account_provider: the sub-account''s SMTP sender.';
COMMENT ON COLUMN outbox.sender_reason IS 'The SenderChoice reason code (which row of SPEC''s sender table applied).';
COMMENT ON COLUMN outbox.user_id IS 'The acting CRM user (an agency-wide users row).';
COMMENT ON COLUMN outbox.connection_id IS 'The connection chosen at request time; a superseded one hands over to the user''s current one.';
COMMENT ON COLUMN outbox.sent_connection_id IS 'The connection the mail actually went out through.';
COMMENT ON COLUMN outbox.contact_id IS 'The bulk recipient (for List-Unsubscribe), when one contact receives it.';
COMMENT ON COLUMN outbox.counted_on IS 'The UTC day whose per-connection send count includes this mail (counted once).';
COMMENT ON COLUMN outbox.last_error IS 'The last failure in plain words (no secrets, no content).';

CREATE TABLE idempotency_keys (
    sub_account_id uuid NOT NULL REFERENCES sub_accounts (id),
    key text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
    request_hash text NOT NULL,
    response_status integer,
    response_body bytea,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL DEFAULT now() + interval '24 hours',
    PRIMARY KEY (sub_account_id, key)
);
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (sub_account_id, expires_at);
COMMENT ON TABLE idempotency_keys IS
    'Idempotency-Key of a send request: the request''s SHA-256 and the first response, kept 24 hours. Sub-account tenant row.';

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['outbox', 'idempotency_keys'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format(
            'CREATE POLICY tenant_isolation ON %I '
            'USING (sub_account_id = NULLIF(current_setting(''mailsync.sub_account_id'', true), '''')::uuid) '
            'WITH CHECK (sub_account_id = NULLIF(current_setting(''mailsync.sub_account_id'', true), '''')::uuid)', t);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO mailsync_app, mailsync_admin', t);
    END LOOP;
END
$$;
