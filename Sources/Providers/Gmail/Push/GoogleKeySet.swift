import AsyncHTTPClient
import Foundation
import JWTKit

/// Google's public signing keys (a JWKS document), fetched from the configured URL and cached;
/// an unknown key id triggers one refetch, at most once a minute, since Google rotates keys.
actor GoogleKeySet {
    private let http: ProviderHTTP
    private let url: String
    private let now: @Sendable () -> Date
    private var keys: JWTKeyCollection?
    private var kids: Set<String> = []
    private var fetchedAt: Date?
    private static let maxAge: TimeInterval = 3600
    private static let minRefetchInterval: TimeInterval = 60

    init(http: ProviderHTTP, url: String, now: @escaping @Sendable () -> Date) {
        self.http = http
        self.url = url
        self.now = now
    }

    /// Keys that include `kid`, if Google publishes it.
    func collection(for kid: String?) async throws -> JWTKeyCollection {
        let current = now()
        if let keys, let fetchedAt, current.timeIntervalSince(fetchedAt) < Self.maxAge,
            kid.map(kids.contains) ?? true || current.timeIntervalSince(fetchedAt) < Self.minRefetchInterval
        {
            return keys
        }
        return try await fetch(at: current)
    }

    private func fetch(at time: Date) async throws -> JWTKeyCollection {
        let reply: HTTPReply
        do {
            reply = try await http.send(.GET, url, headers: ["Accept": "application/json"], maxBodyBytes: 1 << 20)
        } catch {
            throw PushVerificationError(.keysUnavailable)
        }
        guard reply.isSuccess, let jwks = try? JSONDecoder().decode(JWKS.self, from: Data(reply.body)) else {
            throw PushVerificationError(.keysUnavailable)
        }
        let collection = JWTKeyCollection()
        do {
            try await collection.add(jwks: jwks)
        } catch {
            throw PushVerificationError(.keysUnavailable)
        }
        keys = collection
        kids = Set(jwks.keys.compactMap { $0.keyIdentifier?.string })
        fetchedAt = time
        return collection
    }
}
