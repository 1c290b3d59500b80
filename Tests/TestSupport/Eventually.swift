import Testing

/// Polls `condition` until it holds, failing the test after `seconds`. Never a fixed sleep.
public func eventually(
    within seconds: Double = 10, _ message: String = "condition", _ condition: @Sendable () async throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(20))
    }
    Issue.record("timed out waiting for \(message)")
    throw CancellationError()
}
