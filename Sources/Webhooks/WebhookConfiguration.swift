import JobQueue

/// How webhooks are delivered: request timeout, backoff, retry horizon and the sweep's period.
public struct WebhookConfiguration: Sendable {
    /// How long one POST may take before it counts as a failure (`MAILSYNC_WEBHOOK_TIMEOUT_SECONDS`).
    public var timeout: Duration
    /// How long a delivery is retried before it is dead (`MAILSYNC_WEBHOOK_RETRY_HORIZON_SECONDS`).
    public var horizon: Duration
    /// Backoff between attempts of one delivery (exponential with jitter).
    public var retryPolicy: RetryPolicy
    /// How often the sweep wakes lanes whose head is due (`MAILSYNC_WEBHOOK_SWEEP_SECONDS`).
    public var sweepInterval: Duration
    /// Deliveries one job makes before handing the rest of a backlog to the next job.
    public var deliveriesPerJob: Int

    /// Creates a configuration; the defaults are production's.
    public init(
        timeout: Duration = .seconds(10), horizon: Duration = .seconds(86_400),
        retryPolicy: RetryPolicy = RetryPolicy(base: .seconds(5), cap: .seconds(3600)),
        sweepInterval: Duration = .seconds(30), deliveriesPerJob: Int = 100
    ) {
        self.timeout = timeout
        self.horizon = horizon
        self.retryPolicy = retryPolicy
        self.sweepInterval = sweepInterval
        self.deliveriesPerJob = max(1, deliveriesPerJob)
    }
}
