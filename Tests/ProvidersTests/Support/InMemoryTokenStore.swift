import Foundation
import Providers

/// A `TokenStore` in memory, with the same contract as the Postgres one: a per-connection lock
/// that serialises refreshes, atomic saves, and a needs-reauth mark. Counts what happened.
actor InMemoryTokenStore: TokenStore {
    typealias ConnectionKey = String

    private var tokens: [String: StoredTokens] = [:]
    private var lockHolders: Set<String> = []
    private var lockWaiters: [String: [CheckedContinuation<Void, Never>]] = [:]
    /// Every save, in order.
    private(set) var saves: [StoredTokens] = []
    /// Connections marked needs-reauth.
    private(set) var reauthMarks: [String] = []

    init(_ initial: [String: StoredTokens] = [:]) {
        tokens = initial
    }

    func put(_ stored: StoredTokens, for connection: String) {
        tokens[connection] = stored
    }

    func tokens(for connection: String) -> StoredTokens? {
        tokens[connection]
    }

    func withRefreshLock<T: Sendable>(on connection: String, _ body: @Sendable () async throws -> T) async throws -> T {
        await acquire(connection)
        defer { release(connection) }
        return try await body()
    }

    func save(_ stored: StoredTokens, for connection: String) {
        tokens[connection] = stored
        saves.append(stored)
    }

    func markNeedsReauth(_ connection: String) {
        tokens[connection]?.needsReauth = true
        reauthMarks.append(connection)
    }

    private func acquire(_ connection: String) async {
        if lockHolders.insert(connection).inserted { return }
        await withCheckedContinuation { continuation in
            lockWaiters[connection, default: []].append(continuation)
        }
    }

    private func release(_ connection: String) {
        if var waiters = lockWaiters[connection], !waiters.isEmpty {
            let next = waiters.removeFirst()
            lockWaiters[connection] = waiters
            next.resume()
        } else {
            lockHolders.remove(connection)
        }
    }
}
