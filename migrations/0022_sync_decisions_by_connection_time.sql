-- no-transaction
-- GET /v1/sub-accounts/{id}/connections/{id}/decisions lists a connection's decisions newest
-- first, paged by (decided_at, provider_message_id): this index serves that order and the time
-- filters without reading the connection's other decisions. Built concurrently: sync_decisions
-- grows with every mailbox message and is written by every sync.
CREATE INDEX CONCURRENTLY IF NOT EXISTS sync_decisions_connection_time
    ON sync_decisions (sub_account_id, connection_id, decided_at, provider_message_id);
