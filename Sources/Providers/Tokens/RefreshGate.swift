/// Joins concurrent refreshes of one connection in this process into one.
actor RefreshGate<Key: Hashable & Sendable> {
    private var running: [Key: Task<StoredTokens, any Error>] = [:]

    /// Runs `refresh` unless one for `key` is under way, whose outcome it then shares.
    func run(
        for key: Key, _ refresh: @escaping @Sendable () async throws -> StoredTokens
    ) async throws -> StoredTokens {
        if let task = running[key] { return try await task.value }
        let task = Task { try await refresh() }
        running[key] = task
        defer { running[key] = nil }
        return try await task.value
    }
}
