-- Synced mail (SPEC "What syncs", "Conversations and threads"): conversations per contact,
-- threads linked to conversations, messages stored once per sub-account (identity: fingerprint),
-- their attachments, the maps from each connection's provider ids to CRM rows, and one decision
-- per message a connection saw.
--
-- Tenant rules as in 0002: tenant-first keys, RLS ENABLEd and FORCEd through NULLIF, DML grants.

CREATE TABLE conversations (
    sub_account_id uuid NOT NULL REFERENCES sub_accounts (id),
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    contact_id uuid NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (sub_account_id, id),
    UNIQUE (sub_account_id, contact_id),
    FOREIGN KEY (sub_account_id, contact_id) REFERENCES contacts (sub_account_id, id) ON DELETE CASCADE
);
COMMENT ON TABLE conversations IS 'A contact''s conversation: one per contact, holding threads. Sub-account tenant row.';

CREATE TABLE threads (
    sub_account_id uuid NOT NULL REFERENCES sub_accounts (id),
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    origin text NOT NULL CHECK (origin IN ('crm', 'mailbox')),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (sub_account_id, id)
);
COMMENT ON TABLE threads IS 'A CRM thread of messages; maps to provider threads per connection. Sub-account tenant row.';
COMMENT ON COLUMN threads.origin IS
    'crm: a CRM send started it (SPEC rule 1); mailbox: rules 2-4 brought it in from a mailbox or a BCC copy.';

CREATE TABLE thread_conversations (
    sub_account_id uuid NOT NULL,
    thread_id uuid NOT NULL,
    conversation_id uuid NOT NULL,
    PRIMARY KEY (sub_account_id, thread_id, conversation_id),
    FOREIGN KEY (sub_account_id, thread_id) REFERENCES threads (sub_account_id, id) ON DELETE CASCADE,
    FOREIGN KEY (sub_account_id, conversation_id) REFERENCES conversations (sub_account_id, id) ON DELETE CASCADE
);
CREATE INDEX thread_conversations_conversation ON thread_conversations (sub_account_id, conversation_id);
COMMENT ON TABLE thread_conversations IS
    'Which conversations show a thread: a message with several contacts appears in each, stored once. Sub-account tenant row.';

CREATE TABLE messages (
    sub_account_id uuid NOT NULL,
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    thread_id uuid NOT NULL,
    direction text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
    source text NOT NULL CHECK (source IN ('mailbox', 'bcc', 'crm')),
    sync_reason text NOT NULL,
    message_id text NOT NULL CHECK (message_id <> ''),
    fingerprint text NOT NULL CHECK (fingerprint ~ '^[0-9a-f]{16}$'),
    from_address text,
    from_name text,
    to_addresses text[] NOT NULL DEFAULT '{}',
    cc_addresses text[] NOT NULL DEFAULT '{}',
    bcc_addresses text[] NOT NULL DEFAULT '{}',
    subject text,
    text_body text,
    html_body text,
    in_reply_to text[] NOT NULL DEFAULT '{}',
    reference_ids text[] NOT NULL DEFAULT '{}',
    sent_at timestamptz,
    is_read boolean NOT NULL DEFAULT false,
    is_trashed boolean NOT NULL DEFAULT false,
    bounced_at timestamptz,
    sender_connection_id uuid,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (sub_account_id, id),
    UNIQUE (sub_account_id, fingerprint),
    FOREIGN KEY (sub_account_id, thread_id) REFERENCES threads (sub_account_id, id),
    FOREIGN KEY (sub_account_id, sender_connection_id) REFERENCES connections (sub_account_id, id)
);
CREATE INDEX messages_message_id ON messages (sub_account_id, message_id);
CREATE INDEX messages_thread ON messages (sub_account_id, thread_id, sent_at);
COMMENT ON TABLE messages IS
    'A synced email, stored once per sub-account whichever connections saw it. Sub-account tenant row.';
COMMENT ON COLUMN messages.source IS 'mailbox: synced from a connection; bcc: a BCC-address copy; crm: sent by the CRM.';
COMMENT ON COLUMN messages.sync_reason IS 'The rule that made it sync (SyncReason code, e.g. contact_inbound).';
COMMENT ON COLUMN messages.message_id IS 'The Message-ID without angle brackets, or one derived from provider ids.';
COMMENT ON COLUMN messages.fingerprint IS 'MessageFingerprint.key (Message-ID, From, Date, size): the message''s identity.';
COMMENT ON COLUMN messages.reference_ids IS 'The References header''s Message-IDs, oldest first.';
COMMENT ON COLUMN messages.is_trashed IS 'Trashed or deleted at the provider; synced messages are marked, never deleted.';
COMMENT ON COLUMN messages.bounced_at IS 'When a delivery report marked this message bounced.';
COMMENT ON COLUMN messages.sender_connection_id IS 'The connection whose mailbox sent it (outbound), if any.';

CREATE TABLE message_attachments (
    sub_account_id uuid NOT NULL,
    message_id uuid NOT NULL,
    part_id text NOT NULL,
    filename text,
    mime_type text NOT NULL,
    size bigint NOT NULL CHECK (size >= 0),
    content bytea,
    not_synced_reason text,
    PRIMARY KEY (sub_account_id, message_id, part_id),
    FOREIGN KEY (sub_account_id, message_id) REFERENCES messages (sub_account_id, id) ON DELETE CASCADE,
    CHECK ((content IS NULL) = (not_synced_reason IS NOT NULL))
);
COMMENT ON TABLE message_attachments IS
    'A message''s attachments: the bytes when synced, else a "not synced" record with the reason. Sub-account tenant row.';
COMMENT ON COLUMN message_attachments.part_id IS 'The MIME part path (1.2) or the provider''s attachment id.';
COMMENT ON COLUMN message_attachments.not_synced_reason IS 'Why it was left out (unsupported_type); NULL when stored.';

CREATE TABLE provider_thread_maps (
    sub_account_id uuid NOT NULL,
    connection_id uuid NOT NULL,
    provider_thread_id text NOT NULL,
    thread_id uuid NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (sub_account_id, connection_id, provider_thread_id),
    FOREIGN KEY (sub_account_id, connection_id) REFERENCES connections (sub_account_id, id),
    FOREIGN KEY (sub_account_id, thread_id) REFERENCES threads (sub_account_id, id) ON DELETE CASCADE
);
COMMENT ON TABLE provider_thread_maps IS
    'A connection''s provider thread (Gmail threadId, Graph conversationId) to its CRM thread; several may map to one. '
    'Sub-account tenant row.';

CREATE TABLE provider_message_maps (
    sub_account_id uuid NOT NULL,
    connection_id uuid NOT NULL,
    provider_message_id text NOT NULL,
    message_id uuid NOT NULL,
    provider_thread_id text,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (sub_account_id, connection_id, provider_message_id),
    FOREIGN KEY (sub_account_id, connection_id) REFERENCES connections (sub_account_id, id),
    FOREIGN KEY (sub_account_id, message_id) REFERENCES messages (sub_account_id, id) ON DELETE CASCADE
);
CREATE INDEX provider_message_maps_message ON provider_message_maps (sub_account_id, message_id);
COMMENT ON TABLE provider_message_maps IS
    'A connection''s copy of a CRM message, by the provider''s message id. Sub-account tenant row.';

CREATE TABLE sync_decisions (
    sub_account_id uuid NOT NULL,
    connection_id uuid NOT NULL,
    provider_message_id text NOT NULL,
    message_id_header text NOT NULL,
    decision text NOT NULL CHECK (decision IN ('synced', 'skipped')),
    reason text NOT NULL,
    addresses text[] NOT NULL DEFAULT '{}',
    decided_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (sub_account_id, connection_id, provider_message_id),
    FOREIGN KEY (sub_account_id, connection_id) REFERENCES connections (sub_account_id, id)
);
CREATE INDEX sync_decisions_skipped ON sync_decisions (sub_account_id, reason, decided_at) WHERE decision = 'skipped';
COMMENT ON TABLE sync_decisions IS
    'Why each mailbox message a connection saw was synced or skipped (SPEC rule 9): ids and reason, never subjects '
    'or bodies. Sub-account tenant row.';
COMMENT ON COLUMN sync_decisions.message_id_header IS 'The message''s Message-ID (or derived id), for "why is it missing?".';
COMMENT ON COLUMN sync_decisions.reason IS 'SyncReason code when synced, SkipReason code when skipped.';
COMMENT ON COLUMN sync_decisions.addresses IS
    'The message''s participant addresses, lower case: a new contact finds its not_a_contact skips (SPEC rule 11).';

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['conversations', 'threads', 'thread_conversations', 'messages', 'message_attachments',
                             'provider_thread_maps', 'provider_message_maps', 'sync_decisions'] LOOP
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
