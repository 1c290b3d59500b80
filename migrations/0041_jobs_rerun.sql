-- A duplicate enqueued while its job runs must not be lost: the running job may already have
-- read past the change the duplicate announces (a push that arrives after the sync read the
-- mailbox's history). The duplicate marks the running job, which runs once more when it ends.
ALTER TABLE jobs ADD COLUMN rerun boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN jobs.rerun IS
    'Set when a duplicate (same unique_key) was enqueued while the job ran: on success it becomes available again, once';
