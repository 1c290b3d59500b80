-- "Why is mail missing?" for SQL operators (SPEC rule 9): skipped messages counted per
-- sub-account, connection and reason. security_invoker as in 0007: mailsync_admin (BYPASSRLS)
-- sees every tenant, any other role only what its grants and policies allow.

CREATE VIEW admin.skipped_messages WITH (security_invoker = true) AS
SELECT
    s.agency_id,
    d.sub_account_id,
    s.name AS sub_account_name,
    d.connection_id,
    m.address AS mailbox_address,
    d.reason,
    count(*) AS messages,
    min(d.decided_at) AS first_seen_at,
    max(d.decided_at) AS last_seen_at
FROM public.sync_decisions d
JOIN public.sub_accounts s ON s.id = d.sub_account_id
JOIN public.connections c ON c.sub_account_id = d.sub_account_id AND c.id = d.connection_id
JOIN public.mailboxes m ON m.id = c.mailbox_id
WHERE d.decision = 'skipped'
GROUP BY s.agency_id, d.sub_account_id, s.name, d.connection_id, m.address, d.reason;
COMMENT ON VIEW admin.skipped_messages IS
    'Skipped mailbox messages per sub-account, connection and reason (SPEC rule 9), with when the reason was first '
    'and last decided. Counts only: no subjects or addresses of the messages.';
COMMENT ON COLUMN admin.skipped_messages.reason IS
    'SkipReason code: not_a_contact, from_user, labs_disabled, attachment_too_large, superseded_connection, ...';
COMMENT ON COLUMN admin.skipped_messages.last_seen_at IS 'The latest decided_at of the group''s skip decisions.';

GRANT SELECT ON admin.skipped_messages TO mailsync_admin;
