import Foundation

/// How a worker process claims and runs jobs.
public struct WorkerConfiguration: Sendable {
    /// Identifies this worker in `jobs.lease_owner`; unique per process.
    public var workerID: String
    /// Handlers running at once in this process.
    public var concurrency: Int
    /// Jobs claimed ahead of free handler slots, to save round trips; released on shutdown.
    public var prefetch: Int
    /// How long a claim holds a job; renewed every third of it while the job runs.
    public var lease: Duration
    /// The safety-net sweep's period (jittered by ±20 %): takes over expired leases, claims what
    /// a lost notification missed, purges old finished jobs.
    public var sweepInterval: Duration
    /// Backoff for failed attempts.
    public var retryPolicy: RetryPolicy

    /// Creates a configuration.
    public init(
        workerID: String = WorkerConfiguration.defaultWorkerID(), concurrency: Int = 8, prefetch: Int = 0,
        lease: Duration = .seconds(60), sweepInterval: Duration = .seconds(5), retryPolicy: RetryPolicy = RetryPolicy()
    ) {
        self.workerID = workerID
        self.concurrency = max(1, concurrency)
        self.prefetch = max(0, prefetch)
        self.lease = lease
        self.sweepInterval = sweepInterval
        self.retryPolicy = retryPolicy
    }

    /// `host:pid:random`, unique per process start.
    public static func defaultWorkerID() -> String {
        "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier):"
            + UUID().uuidString.prefix(8).lowercased()
    }
}
