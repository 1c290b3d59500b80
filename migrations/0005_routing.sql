-- Routing: how requests that arrive before their tenant is known find it (ARCHITECTURE.md,
-- "Database"). An API call names a key, an OAuth callback a state, a Gmail push an address, a Graph
-- notification a subscription id, inbound BCC mail an address.
--
-- The runtime role resolves these only through the SECURITY DEFINER functions of schema routing,
-- owned by mailsync_routing (BYPASSRLS, NOLOGIN): they see through FORCEd RLS and return routing
-- keys only (ids and flags, never names, addresses or secrets). The caller then opens a
-- transaction scoped to the tenant it found.
--
-- api_keys and oauth_states are routing tables, but they also carry their tenant, so they get the
-- same FORCEd RLS as every tenant table: inside its scope a tenant manages its own keys and
-- states; across tenants only the functions below read them.

CREATE TABLE api_keys (
    agency_id uuid NOT NULL REFERENCES agencies (id),
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    name text NOT NULL DEFAULT '',
    key_hash bytea NOT NULL CHECK (length(key_hash) = 32),
    created_at timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at timestamptz,
    PRIMARY KEY (agency_id, id),
    UNIQUE (key_hash)
);
COMMENT ON TABLE api_keys IS
    'An agency''s API keys, stored as hashes (the key is shown once, as msk_<base64url>). Agency-wide tenant row '
    'and routing table: routing.api_key() maps a hash to its agency.';
COMMENT ON COLUMN api_keys.name IS 'A label the operator chose (which integration uses the key).';
COMMENT ON COLUMN api_keys.key_hash IS 'SHA-256 of the whole key text (msk_...).';
COMMENT ON COLUMN api_keys.last_used_at IS 'Last authenticated request, updated at most once a minute.';
COMMENT ON COLUMN api_keys.revoked_at IS 'Set when revoked; a revoked key authenticates nothing.';

CREATE TABLE oauth_states (
    sub_account_id uuid NOT NULL,
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL,
    provider text NOT NULL CHECK (provider IN ('gmail', 'microsoft')),
    state_hash bytea NOT NULL CHECK (length(state_hash) = 32),
    pkce_verifier_ciphertext bytea NOT NULL,
    return_url text,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    consumed_at timestamptz,
    PRIMARY KEY (sub_account_id, id),
    UNIQUE (state_hash),
    FOREIGN KEY (sub_account_id, user_id) REFERENCES memberships (sub_account_id, user_id)
);
COMMENT ON TABLE oauth_states IS
    'A pending "connect mailbox" authorization: the signed, single-use, expiring OAuth state and its PKCE verifier. '
    'Sub-account tenant row and routing table: routing.consume_oauth_state() maps a state to its pending connection.';
COMMENT ON COLUMN oauth_states.state_hash IS 'SHA-256 of the state parameter sent to the provider (random part and signature).';
COMMENT ON COLUMN oauth_states.pkce_verifier_ciphertext IS 'The PKCE code verifier, AES-GCM under MAILSYNC_SECRET_KEYS.';
COMMENT ON COLUMN oauth_states.return_url IS 'Where the callback sends the user afterwards (the CRM profile page).';
COMMENT ON COLUMN oauth_states.consumed_at IS 'Set by the callback; a consumed state is never accepted again.';

ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON api_keys
    USING (agency_id = NULLIF(current_setting('mailsync.agency_id', true), '')::uuid)
    WITH CHECK (agency_id = NULLIF(current_setting('mailsync.agency_id', true), '')::uuid);

ALTER TABLE oauth_states ENABLE ROW LEVEL SECURITY;
ALTER TABLE oauth_states FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON oauth_states
    USING (sub_account_id = NULLIF(current_setting('mailsync.sub_account_id', true), '')::uuid)
    WITH CHECK (sub_account_id = NULLIF(current_setting('mailsync.sub_account_id', true), '')::uuid);

GRANT SELECT, INSERT, UPDATE, DELETE ON api_keys, oauth_states TO mailsync_app, mailsync_admin;

CREATE SCHEMA routing;
COMMENT ON SCHEMA routing IS
    'SECURITY DEFINER lookups, owned by mailsync_routing, that map a routing key to tenant ids before a tenant is known.';
-- The new owner of a function needs CREATE on its schema.
GRANT USAGE, CREATE ON SCHEMA routing TO mailsync_routing;
GRANT USAGE ON SCHEMA routing TO mailsync_app;
GRANT USAGE ON SCHEMA public TO mailsync_routing;
GRANT SELECT ON api_keys, sub_accounts, mailboxes, connections TO mailsync_routing;
GRANT SELECT, UPDATE (consumed_at) ON oauth_states TO mailsync_routing;

-- Every function: SECURITY DEFINER with a fixed search_path (schema-qualified names inside),
-- EXECUTE revoked from PUBLIC and granted to mailsync_app, then handed to mailsync_routing.

CREATE FUNCTION routing.api_key(key_hash bytea)
RETURNS TABLE (agency_id uuid, api_key_id uuid, revoked boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
    SELECT k.agency_id, k.id, k.revoked_at IS NOT NULL
    FROM public.api_keys k
    WHERE k.key_hash = $1
$$;
COMMENT ON FUNCTION routing.api_key(bytea) IS 'API key hash -> its agency and key id, and whether it is revoked.';

CREATE FUNCTION routing.consume_oauth_state(state_hash bytea)
RETURNS TABLE (agency_id uuid, sub_account_id uuid, oauth_state_id uuid, user_id uuid)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
    UPDATE public.oauth_states s
    SET consumed_at = now()
    FROM public.sub_accounts a
    WHERE s.state_hash = $1 AND s.consumed_at IS NULL AND s.expires_at > now() AND a.id = s.sub_account_id
    RETURNING a.agency_id, s.sub_account_id, s.id, s.user_id
$$;
COMMENT ON FUNCTION routing.consume_oauth_state(bytea) IS
    'OAuth state hash -> the pending connection (tenant, state id, user), once: marks the state consumed; '
    'an unknown, expired or consumed state returns no row.';

CREATE FUNCTION routing.mailbox_for_account(provider text, provider_account_id text)
RETURNS TABLE (mailbox_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
    SELECT m.id FROM public.mailboxes m WHERE m.provider = $1 AND m.provider_account_id = $2
$$;
COMMENT ON FUNCTION routing.mailbox_for_account(text, text) IS 'Provider account (Google sub, Microsoft oid) -> mailbox id.';

CREATE FUNCTION routing.mailboxes_for_address(provider text, address text)
RETURNS TABLE (mailbox_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
    SELECT m.id FROM public.mailboxes m WHERE m.provider = $1 AND lower(m.address) = lower($2)
$$;
COMMENT ON FUNCTION routing.mailboxes_for_address(text, text) IS
    'Provider and primary address (a Gmail push names only the address) -> mailbox ids.';

CREATE FUNCTION routing.mailbox_for_subscription(subscription_id text)
RETURNS TABLE (mailbox_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
    SELECT m.id FROM public.mailboxes m WHERE m.push_subscription_id = $1
$$;
COMMENT ON FUNCTION routing.mailbox_for_subscription(text) IS 'Graph subscription id -> mailbox id.';

CREATE FUNCTION routing.mailbox_connections(mailbox_id uuid)
RETURNS TABLE (agency_id uuid, sub_account_id uuid, connection_id uuid, user_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
    SELECT a.agency_id, c.sub_account_id, c.id, c.user_id
    FROM public.connections c
    JOIN public.sub_accounts a ON a.id = c.sub_account_id
    WHERE c.mailbox_id = $1 AND c.status IN ('connected', 'needs_reauth')
    ORDER BY c.sub_account_id, c.id
$$;
COMMENT ON FUNCTION routing.mailbox_connections(uuid) IS
    'Mailbox id -> its active connections (connected or needs_reauth), each with its tenant, for the mailbox sync fan-out.';

CREATE FUNCTION routing.sub_account_for_bcc(address text)
RETURNS TABLE (agency_id uuid, sub_account_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
    SELECT a.agency_id, a.id FROM public.sub_accounts a WHERE lower(a.bcc_address) = lower($1)
$$;
COMMENT ON FUNCTION routing.sub_account_for_bcc(text) IS 'Sync BCC address -> its sub-account (inbound BCC mail).';

REVOKE ALL ON FUNCTION
    routing.api_key(bytea), routing.consume_oauth_state(bytea), routing.mailbox_for_account(text, text),
    routing.mailboxes_for_address(text, text), routing.mailbox_for_subscription(text),
    routing.mailbox_connections(uuid), routing.sub_account_for_bcc(text)
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
    routing.api_key(bytea), routing.consume_oauth_state(bytea), routing.mailbox_for_account(text, text),
    routing.mailboxes_for_address(text, text), routing.mailbox_for_subscription(text),
    routing.mailbox_connections(uuid), routing.sub_account_for_bcc(text)
    TO mailsync_app;
ALTER FUNCTION routing.api_key(bytea) OWNER TO mailsync_routing;
ALTER FUNCTION routing.consume_oauth_state(bytea) OWNER TO mailsync_routing;
ALTER FUNCTION routing.mailbox_for_account(text, text) OWNER TO mailsync_routing;
ALTER FUNCTION routing.mailboxes_for_address(text, text) OWNER TO mailsync_routing;
ALTER FUNCTION routing.mailbox_for_subscription(text) OWNER TO mailsync_routing;
ALTER FUNCTION routing.mailbox_connections(uuid) OWNER TO mailsync_routing;
ALTER FUNCTION routing.sub_account_for_bcc(text) OWNER TO mailsync_routing;
