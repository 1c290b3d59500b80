-- Tenancy: agencies, their sub-accounts (with per-sub-account settings), agency staff (users),
-- their memberships in sub-accounts, and each sub-account's contacts.
--
-- Rules for every tenant table (ARCHITECTURE.md, "Database" and "Database roles and settings"):
-- * primary, unique and foreign keys lead with the tenant column (sub_account_id; agency_id for
--   agency-wide rows), so the schema can be distributed by tenant later;
-- * row-level security is ENABLEd and FORCEd (the owner is held to it too), with one policy that
--   reads the transaction's setting through NULLIF, so an unset or empty setting matches no row;
-- * mailsync_app gets DML grants only; mailsync_admin (BYPASSRLS) gets the same for operators.
--
-- Two tables are scoped by their own id: agencies (by mailsync.agency_id) and sub_accounts (by
-- agency, narrowed to one sub-account when mailsync.sub_account_id is set).

CREATE TABLE agencies (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    name text NOT NULL CHECK (btrim(name) <> ''),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (id)
);
COMMENT ON TABLE agencies IS
    'A CRM customer that owns sub-accounts. Agency-wide tenant row: visible when mailsync.agency_id is its id.';

CREATE TABLE sub_accounts (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    agency_id uuid NOT NULL REFERENCES agencies (id),
    name text NOT NULL CHECK (btrim(name) <> ''),
    bcc_address text NOT NULL CHECK (bcc_address LIKE '_%@_%'),
    attachment_max_bytes bigint NOT NULL DEFAULT 3145728 CHECK (attachment_max_bytes > 0),
    attachment_extensions text[] NOT NULL
        DEFAULT ARRAY['jpg', 'jpeg', 'png', 'mp4', 'mpeg', 'zip', 'rar', 'pdf', 'doc', 'docx', 'txt'],
    attachment_mime_types text[] NOT NULL
        DEFAULT ARRAY[
            'image/jpeg', 'image/png', 'video/mp4', 'video/mpeg', 'application/zip',
            'application/x-zip-compressed', 'application/vnd.rar', 'application/x-rar-compressed',
            'application/pdf', 'application/msword',
            'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'text/plain'],
    backfill_days integer CHECK (backfill_days > 0),
    labs_outlook_two_way_sync boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (id),
    -- Lets rows that carry both ids (memberships) prove they name the sub-account's own agency.
    UNIQUE (id, agency_id)
);
-- The BCC address is a routing key: mail posted to it is routed to its sub-account before any
-- tenant is known (routing.sub_account_for_bcc), so it is unique across all tenants.
CREATE UNIQUE INDEX sub_accounts_bcc_address_key ON sub_accounts (lower(bcc_address));
CREATE INDEX sub_accounts_agency ON sub_accounts (agency_id);
COMMENT ON TABLE sub_accounts IS
    'One business of an agency, with its sync BCC address and sync settings. Tenant row scoped by its own id: '
    'visible when mailsync.agency_id is its agency and mailsync.sub_account_id is empty or its id.';
COMMENT ON COLUMN sub_accounts.bcc_address IS
    'The sub-account''s sync BCC address (sync.<10 random base32 characters>@MAILSYNC_BCC_DOMAIN): unique, '
    'unguessable; a user puts it in Cc/Bcc to log an email and create its recipients as contacts (SPEC rule 4).';
COMMENT ON COLUMN sub_accounts.attachment_max_bytes IS
    'Attachment policy: a message with an attachment larger than this (decoded bytes, inline parts included) is not synced.';
COMMENT ON COLUMN sub_accounts.attachment_extensions IS
    'Attachment policy: supported file extensions, lower case, without the dot.';
COMMENT ON COLUMN sub_accounts.attachment_mime_types IS
    'Attachment policy: supported MIME types, used for attachments without a file name.';
COMMENT ON COLUMN sub_accounts.backfill_days IS
    'How many days of existing mail a new connection imports; NULL (the default) imports none.';
COMMENT ON COLUMN sub_accounts.labs_outlook_two_way_sync IS
    'Labs flag: Outlook connections sync by rules 2-4 (known contacts, BCC), not only CRM-initiated threads.';

CREATE TABLE users (
    agency_id uuid NOT NULL REFERENCES agencies (id),
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    email text NOT NULL CHECK (email LIKE '_%@_%'),
    name text,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (agency_id, id)
);
CREATE UNIQUE INDEX users_email_key ON users (agency_id, lower(email));
COMMENT ON TABLE users IS
    'Agency staff who log into the CRM. Agency-wide tenant row (mailsync.agency_id); a user works in the '
    'sub-accounts named by memberships.';
COMMENT ON COLUMN users.email IS 'Login and mailbox address; unique per agency, case-insensitive.';

CREATE TABLE memberships (
    sub_account_id uuid NOT NULL,
    user_id uuid NOT NULL,
    agency_id uuid NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (sub_account_id, user_id),
    FOREIGN KEY (sub_account_id, agency_id) REFERENCES sub_accounts (id, agency_id),
    -- Users are agency-wide, so this key leads with the agency, their tenant column.
    FOREIGN KEY (agency_id, user_id) REFERENCES users (agency_id, id)
);
CREATE INDEX memberships_user ON memberships (agency_id, user_id);
COMMENT ON TABLE memberships IS
    'A user''s membership in a sub-account. Sub-account tenant row; mail from members is never synced as contact mail (SPEC rule 6).';
COMMENT ON COLUMN memberships.agency_id IS 'The sub-account''s agency (checked by the foreign keys), to reach the agency-wide user.';

CREATE TABLE contacts (
    sub_account_id uuid NOT NULL REFERENCES sub_accounts (id),
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    email text NOT NULL CHECK (email LIKE '_%@_%'),
    name text,
    source text NOT NULL CHECK (source IN ('crm', 'bcc', 'import')),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (sub_account_id, id)
);
CREATE UNIQUE INDEX contacts_email_key ON contacts (sub_account_id, lower(email));
COMMENT ON TABLE contacts IS 'The people a sub-account emails. Sub-account tenant row.';
COMMENT ON COLUMN contacts.email IS 'Unique per sub-account, case-insensitive.';
COMMENT ON COLUMN contacts.source IS
    'How the contact was created: crm (the CRM or its API), bcc (a recipient of mail the user sent with the BCC address), import.';

-- Row-level security.
ALTER TABLE agencies ENABLE ROW LEVEL SECURITY;
ALTER TABLE agencies FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON agencies
    USING (id = NULLIF(current_setting('mailsync.agency_id', true), '')::uuid)
    WITH CHECK (id = NULLIF(current_setting('mailsync.agency_id', true), '')::uuid);

ALTER TABLE sub_accounts ENABLE ROW LEVEL SECURITY;
ALTER TABLE sub_accounts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON sub_accounts
    USING (agency_id = NULLIF(current_setting('mailsync.agency_id', true), '')::uuid
        AND id = COALESCE(NULLIF(current_setting('mailsync.sub_account_id', true), '')::uuid, id))
    WITH CHECK (agency_id = NULLIF(current_setting('mailsync.agency_id', true), '')::uuid
        AND id = COALESCE(NULLIF(current_setting('mailsync.sub_account_id', true), '')::uuid, id));

ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON users
    USING (agency_id = NULLIF(current_setting('mailsync.agency_id', true), '')::uuid)
    WITH CHECK (agency_id = NULLIF(current_setting('mailsync.agency_id', true), '')::uuid);

ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
ALTER TABLE memberships FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON memberships
    USING (sub_account_id = NULLIF(current_setting('mailsync.sub_account_id', true), '')::uuid)
    WITH CHECK (sub_account_id = NULLIF(current_setting('mailsync.sub_account_id', true), '')::uuid);

ALTER TABLE contacts ENABLE ROW LEVEL SECURITY;
ALTER TABLE contacts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON contacts
    USING (sub_account_id = NULLIF(current_setting('mailsync.sub_account_id', true), '')::uuid)
    WITH CHECK (sub_account_id = NULLIF(current_setting('mailsync.sub_account_id', true), '')::uuid);

GRANT SELECT, INSERT, UPDATE, DELETE ON agencies, sub_accounts, users, memberships, contacts
    TO mailsync_app, mailsync_admin;
