-- CRM -> mailbox read state (SPEC rule 10). While a read state the CRM set is still being
-- applied to the mailboxes, a read-state change the provider reports for the message is older
-- than the CRM's (typically the mailbox's own record of an earlier CRM change) and must not undo
-- it. The message.set_read job clears the mark once the mailboxes have the state.

ALTER TABLE messages ADD COLUMN read_requested_at timestamptz;
COMMENT ON COLUMN messages.read_requested_at IS
    'When the CRM last set is_read, until the message.set_read jobs applied it to the mailboxes (then NULL). '
    'Provider read-state changes are ignored meanwhile, for at most 15 minutes.';
