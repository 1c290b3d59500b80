/// The handlers a worker runs, by job kind.
///
/// ```swift
/// var handlers = JobHandlers()
/// handlers.register("mailbox.sync") { job in
///     let payload = try job.decodePayload(SyncPayload.self)
///     ...
///     return .succeeded
/// }
/// ```
/// A handler that throws has its job retried with the worker's backoff (``RetryLater`` asks for
/// a specific delay); the thrown error's description becomes the job's `last_error`, so it must
/// not carry secrets.
public struct JobHandlers: Sendable {
    /// A handler: runs one attempt of one job.
    public typealias Handler = @Sendable (Job) async throws -> JobOutcome

    private var handlers: [String: Handler] = [:]

    /// An empty registry.
    public init() {}

    /// Registers the handler of a kind, replacing any earlier one.
    public mutating func register(_ kind: String, _ handler: @escaping Handler) {
        handlers[kind] = handler
    }

    /// The handler of a kind, if registered.
    public func handler(for kind: String) -> Handler? {
        handlers[kind]
    }

    /// The registered kinds.
    public var kinds: [String] { handlers.keys.sorted() }
}
