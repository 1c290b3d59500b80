-- What the worker's scheduler needs across tenants, as routing keys only: mailboxes due for the
-- safety-net poll or a push renewal, and connections whose access token expires soon.
CREATE FUNCTION routing.mailboxes_due(poll_after interval, renew_before interval)
RETURNS TABLE (mailbox_id uuid, poll boolean, renew_push boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
    SELECT m.id,
           m.last_synced_at IS NULL OR m.last_synced_at < now() - $1,
           m.push_expires_at IS NULL OR m.push_expires_at < now() + $2
    FROM public.mailboxes m
    WHERE EXISTS (SELECT 1 FROM public.connections c WHERE c.mailbox_id = m.id AND c.status = 'connected')
      AND (m.last_synced_at IS NULL OR m.last_synced_at < now() - $1
           OR m.push_expires_at IS NULL OR m.push_expires_at < now() + $2)
$$;
COMMENT ON FUNCTION routing.mailboxes_due(interval, interval) IS
    'Mailboxes with a connected connection that are due for the safety-net poll (no sync for poll_after) or a push '
    'renewal (push missing or expiring within renew_before).';

CREATE FUNCTION routing.connections_expiring(within interval)
RETURNS TABLE (agency_id uuid, sub_account_id uuid, connection_id uuid, mailbox_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
    SELECT a.agency_id, c.sub_account_id, c.id, c.mailbox_id
    FROM public.connections c
    JOIN public.sub_accounts a ON a.id = c.sub_account_id
    WHERE c.status = 'connected' AND c.token_expires_at < now() + $1
$$;
COMMENT ON FUNCTION routing.connections_expiring(interval) IS
    'Connected connections whose access token expires within the interval, with their tenant (token.refresh jobs).';

REVOKE ALL ON FUNCTION routing.mailboxes_due(interval, interval), routing.connections_expiring(interval) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION routing.mailboxes_due(interval, interval), routing.connections_expiring(interval)
    TO mailsync_app;
ALTER FUNCTION routing.mailboxes_due(interval, interval) OWNER TO mailsync_routing;
ALTER FUNCTION routing.connections_expiring(interval) OWNER TO mailsync_routing;
