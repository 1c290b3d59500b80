-- Foundation: what every later migration relies on.
-- The runtime and operator roles read the migration history (readiness checks compare it with
-- the files the service was built with).
GRANT USAGE ON SCHEMA public TO mailsync_app, mailsync_admin;
GRANT SELECT ON schema_migrations TO mailsync_app, mailsync_admin;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
