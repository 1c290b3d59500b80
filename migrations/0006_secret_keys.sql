-- Secrets at rest: every encrypted column holds an envelope
--   version (1 byte, 1) | key id length (1 byte) | key id (UTF-8) | nonce (12) | ciphertext | tag (16)
-- sealed with AES-GCM under one key of MAILSYNC_SECRET_KEYS. secret_keys holds, per key id, a
-- known constant sealed under that key: start-up opens it with the configured key, so a wrong or
-- missing key stops the service with a clear message instead of failing later, one secret at a time.

CREATE TABLE secret_keys (
    kid text NOT NULL CHECK (kid ~ '^[A-Za-z0-9_.-]{1,64}$'),
    check_value bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    retired_at timestamptz,
    PRIMARY KEY (kid)
);
COMMENT ON TABLE secret_keys IS
    'One row per key id of MAILSYNC_SECRET_KEYS ever used: a check value that proves a configured key is the right one. '
    'Holds no tenant data (no RLS).';
COMMENT ON COLUMN secret_keys.check_value IS 'A fixed text sealed under the key (same envelope as every secret).';
COMMENT ON COLUMN secret_keys.retired_at IS
    'Set by `mailsync admin rotate-key` once no secret uses the key; a retired key may leave MAILSYNC_SECRET_KEYS.';

-- The service records the check value of a new key at start-up; only operators retire keys.
GRANT SELECT, INSERT ON secret_keys TO mailsync_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON secret_keys TO mailsync_admin;

CREATE FUNCTION secret_key_id(envelope bytea) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT convert_from(substring($1 FROM 3 FOR get_byte($1, 1)), 'UTF8')
$$;
COMMENT ON FUNCTION secret_key_id(bytea) IS
    'The key id an encrypted column value was sealed under (for rotation and admin.secret_key_usage).';
