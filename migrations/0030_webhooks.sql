-- Events to the CRM as signed webhooks (README "Webhooks to the CRM").
--
-- An agency configures endpoints; appending an event (EventRepository.append) writes one delivery
-- row per enabled endpoint whose filter takes the event's type, in the same transaction, and
-- enqueues the (endpoint, sub-account) lane's delivery job. The rows are the truth: a job only
-- wakes delivery, and a sweep (routing.webhook_due_lanes) wakes any lane whose head is due.
-- Each lane delivers in event id order; the head blocks the events after it until it is
-- delivered or dead.

CREATE TABLE webhook_endpoints (
    agency_id uuid NOT NULL REFERENCES agencies (id),
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    url text NOT NULL CHECK (url ~ '^https?://' AND length(url) <= 2000),
    enabled boolean NOT NULL DEFAULT true,
    event_types text[] CHECK (cardinality(event_types) > 0),
    secret_ciphertext bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (agency_id, id)
);
COMMENT ON TABLE webhook_endpoints IS
    'Where an agency''s events are POSTed, signed with the endpoint''s secret. Agency-wide tenant row.';
COMMENT ON COLUMN webhook_endpoints.url IS 'HTTPS URL (plain http only on loopback, for development).';
COMMENT ON COLUMN webhook_endpoints.enabled IS 'A disabled endpoint gets no new deliveries; its pending ones wait.';
COMMENT ON COLUMN webhook_endpoints.event_types IS 'Event types delivered; NULL means every type.';
COMMENT ON COLUMN webhook_endpoints.secret_ciphertext IS
    'The signing secret (whsec_...), AES-GCM under MAILSYNC_SECRET_KEYS; shown once on create and rotate.';

CREATE TABLE webhook_deliveries (
    sub_account_id uuid NOT NULL,
    endpoint_id uuid NOT NULL,
    event_id bigint NOT NULL,
    agency_id uuid NOT NULL,
    event_type text NOT NULL,
    state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'dead')),
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    retrying_since timestamptz NOT NULL DEFAULT now(),
    last_attempt_at timestamptz,
    last_error text,
    delivered_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (sub_account_id, endpoint_id, event_id),
    FOREIGN KEY (sub_account_id, event_id) REFERENCES events (sub_account_id, id) ON DELETE CASCADE,
    FOREIGN KEY (agency_id, endpoint_id) REFERENCES webhook_endpoints (agency_id, id) ON DELETE CASCADE,
    FOREIGN KEY (sub_account_id, agency_id) REFERENCES sub_accounts (id, agency_id)
);
COMMENT ON TABLE webhook_deliveries IS
    'One event to one endpoint: pending until acknowledged (delivered) or out of retries (dead). Sub-account tenant '
    'row, also visible to its agency''s agency-level sessions (the endpoint''s delivery list).';
COMMENT ON COLUMN webhook_deliveries.event_id IS 'The event (events.id); the lane delivers in this order.';
COMMENT ON COLUMN webhook_deliveries.agency_id IS 'The sub-account''s agency (checked by the foreign keys), to reach the endpoint.';
COMMENT ON COLUMN webhook_deliveries.event_type IS 'The event''s type, for the agency-level delivery list (events are sub-account rows).';
COMMENT ON COLUMN webhook_deliveries.attempts IS 'POSTs made since retrying_since.';
COMMENT ON COLUMN webhook_deliveries.next_attempt_at IS 'Not retried before this time (exponential backoff with jitter).';
COMMENT ON COLUMN webhook_deliveries.retrying_since IS
    'Start of the retry horizon: creation, or the redeliver that put a dead delivery back.';
COMMENT ON COLUMN webhook_deliveries.last_error IS 'The last failure: HTTP status or error kind, never a body or a secret.';

-- The lane's head: the lowest pending event of (sub-account, endpoint).
CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (sub_account_id, endpoint_id, event_id)
    WHERE state = 'pending';
-- The sweep: heads that are due, across tenants.
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE state = 'pending';
-- An endpoint's delivery list, newest first.
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (agency_id, endpoint_id, event_id DESC);

ALTER TABLE webhook_endpoints ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_endpoints FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON webhook_endpoints
    USING (agency_id = NULLIF(current_setting('mailsync.agency_id', true), '')::uuid)
    WITH CHECK (agency_id = NULLIF(current_setting('mailsync.agency_id', true), '')::uuid);

-- Like sub_accounts: an agency-level session sees its agency's rows, a sub-account session only its own.
ALTER TABLE webhook_deliveries ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_deliveries FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON webhook_deliveries
    USING (agency_id = NULLIF(current_setting('mailsync.agency_id', true), '')::uuid
        AND sub_account_id = COALESCE(NULLIF(current_setting('mailsync.sub_account_id', true), '')::uuid, sub_account_id))
    WITH CHECK (agency_id = NULLIF(current_setting('mailsync.agency_id', true), '')::uuid
        AND sub_account_id = COALESCE(NULLIF(current_setting('mailsync.sub_account_id', true), '')::uuid, sub_account_id));

GRANT SELECT, INSERT, UPDATE, DELETE ON webhook_endpoints, webhook_deliveries TO mailsync_app, mailsync_admin;

CREATE FUNCTION routing.webhook_due_lanes(max_lanes integer)
RETURNS TABLE (agency_id uuid, sub_account_id uuid, endpoint_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
    SELECT h.agency_id, h.sub_account_id, h.endpoint_id
    FROM (
        SELECT DISTINCT ON (d.sub_account_id, d.endpoint_id)
               d.agency_id, d.sub_account_id, d.endpoint_id, d.next_attempt_at
        FROM public.webhook_deliveries d
        WHERE d.state = 'pending'
        ORDER BY d.sub_account_id, d.endpoint_id, d.event_id
    ) h
    JOIN public.webhook_endpoints e ON e.agency_id = h.agency_id AND e.id = h.endpoint_id AND e.enabled
    WHERE h.next_attempt_at <= now()
    ORDER BY h.next_attempt_at
    LIMIT $1
$$;
COMMENT ON FUNCTION routing.webhook_due_lanes(integer) IS
    'Delivery lanes (sub-account, enabled endpoint) whose oldest pending delivery is due, for the webhook sweep.';
REVOKE ALL ON FUNCTION routing.webhook_due_lanes(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION routing.webhook_due_lanes(integer) TO mailsync_app;
GRANT SELECT ON webhook_endpoints, webhook_deliveries TO mailsync_routing;
ALTER FUNCTION routing.webhook_due_lanes(integer) OWNER TO mailsync_routing;
