extension TenantTransaction {
    /// The sub-account's CRM sends.
    public var outbox: OutboxRepository { OutboxRepository(self) }
    /// The sub-account's `Idempotency-Key`s of the send API.
    public var idempotencyKeys: IdempotencyKeyRepository { IdempotencyKeyRepository(self) }
}
