-- An operator names a connection by its id alone (`mailsync reconcile CONNECTION`): its tenant and
-- mailbox, as routing keys.
CREATE FUNCTION routing.connection_scope(connection_id uuid)
RETURNS TABLE (agency_id uuid, sub_account_id uuid, mailbox_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
    SELECT a.agency_id, c.sub_account_id, c.mailbox_id
    FROM public.connections c
    JOIN public.sub_accounts a ON a.id = c.sub_account_id
    WHERE c.id = $1
$$;
COMMENT ON FUNCTION routing.connection_scope(uuid) IS 'Connection id -> its agency, sub-account and mailbox.';

REVOKE ALL ON FUNCTION routing.connection_scope(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION routing.connection_scope(uuid) TO mailsync_app;
ALTER FUNCTION routing.connection_scope(uuid) OWNER TO mailsync_routing;
