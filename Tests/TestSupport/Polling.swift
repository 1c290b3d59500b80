import Testing

/// Polls `condition` every 20 ms until it holds, recording an issue naming `what` if it still
/// does not after `timeout`: how a test waits for background work without sleeping a fixed time.
///
/// ```swift
/// try await waitUntil("the event is acknowledged") { receiver.acknowledged == [eventID] }
/// ```
public func waitUntil(
    _ what: Comment, timeout: Duration = .seconds(20), _ condition: () async throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    while try await !condition() {
        guard ContinuousClock.now < deadline else {
            Issue.record("timed out waiting until \(what)")
            return
        }
        try await Task.sleep(for: .milliseconds(20))
    }
}
