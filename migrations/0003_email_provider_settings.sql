-- The sub-account-level sender (SPEC "Which sender sends"): bulk and workflow mail, and mail of
-- users without an active connection, go out through this SMTP server and sending domain.

CREATE TABLE email_provider_settings (
    sub_account_id uuid NOT NULL REFERENCES sub_accounts (id),
    kind text NOT NULL DEFAULT 'smtp' CHECK (kind IN ('smtp')),
    host text NOT NULL CHECK (btrim(host) <> ''),
    port integer NOT NULL CHECK (port BETWEEN 1 AND 65535),
    tls_mode text NOT NULL CHECK (tls_mode IN ('none', 'starttls', 'tls')),
    username text,
    secret_ciphertext bytea,
    sending_domain text NOT NULL CHECK (btrim(sending_domain) <> ''),
    default_from_address text NOT NULL CHECK (default_from_address LIKE '_%@_%'),
    default_from_name text,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (sub_account_id)
);
COMMENT ON TABLE email_provider_settings IS
    'The sub-account-level email provider (one row per sub-account at most). Sub-account tenant row.';
COMMENT ON COLUMN email_provider_settings.kind IS 'The provider kind; only smtp today.';
COMMENT ON COLUMN email_provider_settings.tls_mode IS
    'none (plain), starttls (upgrade on the submission port) or tls (implicit TLS, usually port 465).';
COMMENT ON COLUMN email_provider_settings.secret_ciphertext IS
    'The SMTP password, AES-GCM under MAILSYNC_SECRET_KEYS (envelope: version, key id, nonce, ciphertext, tag); '
    'secret_key_id() names its key.';
COMMENT ON COLUMN email_provider_settings.sending_domain IS 'The domain bulk and workflow mail is sent from.';
COMMENT ON COLUMN email_provider_settings.default_from_address IS 'From address when the email names none.';

ALTER TABLE email_provider_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE email_provider_settings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON email_provider_settings
    USING (sub_account_id = NULLIF(current_setting('mailsync.sub_account_id', true), '')::uuid)
    WITH CHECK (sub_account_id = NULLIF(current_setting('mailsync.sub_account_id', true), '')::uuid);

GRANT SELECT, INSERT, UPDATE, DELETE ON email_provider_settings TO mailsync_app, mailsync_admin;
