-- Views for SQL operators (README "Tenancy and operator tools"). security_invoker = true: a view
-- runs with the caller's rights, so mailsync_admin (BYPASSRLS) sees every tenant and any other
-- role sees only what its own grants and policies allow.

CREATE SCHEMA admin;
COMMENT ON SCHEMA admin IS 'Read-only views for SQL operators (connect as mailsync_admin).';
GRANT USAGE ON SCHEMA admin TO mailsync_admin;

CREATE VIEW admin.connection_health WITH (security_invoker = true) AS
SELECT
    s.agency_id,
    c.sub_account_id,
    s.name AS sub_account_name,
    c.id AS connection_id,
    u.email AS user_email,
    m.provider,
    m.address AS mailbox_address,
    c.status,
    CASE
        WHEN c.status = 'needs_reauth' THEN 'needs re-authorization'
        WHEN c.status <> 'connected' THEN NULL
        WHEN c.last_error_at IS NOT NULL AND (c.last_synced_at IS NULL OR c.last_error_at > c.last_synced_at)
            THEN 'failing'
        WHEN m.push_expires_at IS NOT NULL AND m.push_expires_at < now() THEN 'push expired'
        WHEN c.last_synced_at IS NULL OR c.last_synced_at < now() - interval '1 hour' THEN 'no sync for an hour'
        ELSE 'ok'
    END AS health,
    c.last_synced_at,
    c.last_error,
    c.last_error_at,
    c.token_expires_at,
    m.push_expires_at,
    m.throttled_until,
    c.created_at
FROM public.connections c
JOIN public.sub_accounts s ON s.id = c.sub_account_id
JOIN public.mailboxes m ON m.id = c.mailbox_id
LEFT JOIN public.users u ON u.agency_id = s.agency_id AND u.id = c.user_id;
COMMENT ON VIEW admin.connection_health IS
    'Every connection with its mailbox, status, last successful sync and last error; health summarises what to look at.';
COMMENT ON COLUMN admin.connection_health.health IS
    'ok; needs re-authorization; failing (an error since the last successful sync); push expired; no sync for an hour; '
    'NULL for disconnected and superseded connections.';

CREATE VIEW admin.tenant_counts WITH (security_invoker = true) AS
SELECT
    s.agency_id,
    g.name AS agency_name,
    s.id AS sub_account_id,
    s.name AS sub_account_name,
    (SELECT count(*) FROM public.memberships x WHERE x.sub_account_id = s.id) AS users,
    (SELECT count(*) FROM public.contacts x WHERE x.sub_account_id = s.id) AS contacts,
    (SELECT count(*) FROM public.connections x
        WHERE x.sub_account_id = s.id AND x.status IN ('connected', 'needs_reauth')) AS active_connections,
    (SELECT count(*) FROM public.connections x WHERE x.sub_account_id = s.id) AS connections,
    s.created_at
FROM public.sub_accounts s
JOIN public.agencies g ON g.id = s.agency_id;
COMMENT ON VIEW admin.tenant_counts IS 'Per sub-account: its agency and how many users (members), contacts and connections it has.';

CREATE VIEW admin.secret_key_usage WITH (security_invoker = true) AS
SELECT k.kid, k.created_at, k.retired_at, coalesce(u.secrets, 0) AS secrets
FROM public.secret_keys k
LEFT JOIN (
    SELECT kid, count(*) AS secrets
    FROM (
        SELECT public.secret_key_id(access_token_ciphertext) AS kid FROM public.connections
        UNION ALL SELECT public.secret_key_id(refresh_token_ciphertext) FROM public.connections
        UNION ALL SELECT public.secret_key_id(secret_ciphertext) FROM public.email_provider_settings
        UNION ALL SELECT public.secret_key_id(pkce_verifier_ciphertext) FROM public.oauth_states
    ) used
    WHERE kid IS NOT NULL
    GROUP BY kid
) u ON u.kid = k.kid;
COMMENT ON VIEW admin.secret_key_usage IS
    'Per key id of MAILSYNC_SECRET_KEYS: how many stored secrets it still seals (0 after `mailsync admin rotate-key`).';

GRANT SELECT ON admin.connection_health, admin.tenant_counts, admin.secret_key_usage TO mailsync_admin;
