-- The import of a new connection's backfill window (the sub-account's `backfill_days`), cut into
-- bounded slices: where the listing stands, so a killed worker resumes instead of starting over,
-- and so the profile can show progress while it runs.
CREATE TABLE connection_backfills (
    sub_account_id uuid NOT NULL,
    connection_id uuid NOT NULL,
    window_start timestamptz NOT NULL,
    window_end timestamptz NOT NULL CHECK (window_end >= window_start),
    page_token text,
    page_offset integer NOT NULL DEFAULT 0 CHECK (page_offset >= 0),
    messages_done integer NOT NULL DEFAULT 0 CHECK (messages_done >= 0),
    started_at timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    PRIMARY KEY (sub_account_id, connection_id),
    FOREIGN KEY (sub_account_id, connection_id) REFERENCES connections (sub_account_id, id) ON DELETE CASCADE
);
COMMENT ON TABLE connection_backfills IS
    'Progress of a connection''s backfill import: the fixed window, the listing page and how far into it. '
    'Sub-account tenant row.';
COMMENT ON COLUMN connection_backfills.page_token IS 'The provider''s token of the page being imported; NULL for the first';
COMMENT ON COLUMN connection_backfills.page_offset IS 'How many messages of that page are already written';
COMMENT ON COLUMN connection_backfills.finished_at IS 'When the last page was written; NULL while it runs';

ALTER TABLE connection_backfills ENABLE ROW LEVEL SECURITY;
ALTER TABLE connection_backfills FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON connection_backfills
    USING (sub_account_id = NULLIF(current_setting('mailsync.sub_account_id', true), '')::uuid)
    WITH CHECK (sub_account_id = NULLIF(current_setting('mailsync.sub_account_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE, DELETE ON connection_backfills TO mailsync_app, mailsync_admin;
