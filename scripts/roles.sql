SET client_min_messages = warning;
-- Cluster-wide roles of ARCHITECTURE.md ("Database roles and settings"). Run as a superuser:
-- roles are cluster-wide and BYPASSRLS needs one. Idempotent. A DBA runs the same SQL by hand
-- (then sets passwords: ALTER ROLE mailsync_app PASSWORD '...').
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'mailsync_owner') THEN
        CREATE ROLE mailsync_owner LOGIN NOSUPERUSER NOBYPASSRLS;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'mailsync_app') THEN
        CREATE ROLE mailsync_app LOGIN NOSUPERUSER NOBYPASSRLS;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'mailsync_routing') THEN
        CREATE ROLE mailsync_routing NOLOGIN NOSUPERUSER BYPASSRLS;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'mailsync_admin') THEN
        CREATE ROLE mailsync_admin LOGIN NOSUPERUSER BYPASSRLS;
    END IF;
END
$$;
-- The owner hands the routing functions to mailsync_routing (ALTER FUNCTION ... OWNER TO),
-- which needs membership; role attributes such as BYPASSRLS are not inherited through it.
GRANT mailsync_routing TO mailsync_owner;
