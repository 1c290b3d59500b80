import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Sends Graph requests: bearer token, `Prefer: IdType="ImmutableId"` on every call
/// (https://learn.microsoft.com/graph/outlook-immutable-id), at most four at once per mailbox, a
/// short `Retry-After` waited out in place (https://learn.microsoft.com/graph/throttling), and every
/// failure as a `ProviderError`.
struct GraphHTTP: Sendable {
    let client: HTTPClient
    let limiter: MailboxRequestLimiter
    let options: GraphClientOptions

    /// The immutable-id preference, sent with every Graph request.
    static let immutableIDPreference = #"IdType="ImmutableId""#

    /// Sends `request` for the mailbox of `access`; returns a 2xx response or throws.
    func send(_ request: GraphRequest, access: MailboxAccess) async throws -> GraphResponse {
        var retries = 0
        while true {
            let response = try await limiter.withPermit(for: access.accountID) {
                try await perform(request, bearer: request.authorized ? access.accessToken : nil)
            }
            if response.isSuccess { return response }
            let error = GraphErrorMapper.error(for: response)
            if error.code == .rateLimited, let wait = error.retryAfter, retries < options.inlineRetries,
                wait <= options.longestInlineRetryWait
            {
                retries += 1
                try await Task.sleep(for: wait)
                continue
            }
            throw error
        }
    }

    /// Sends `request` and decodes the JSON answer.
    func json<T: Decodable>(_ type: T.Type, _ request: GraphRequest, access: MailboxAccess) async throws -> T {
        try await send(request, access: access).decode(T.self)
    }

    /// Sends a request outside any mailbox (the token endpoint): no bearer, no permit.
    func sendUnlimited(_ request: GraphRequest) async throws -> GraphResponse {
        try await perform(request, bearer: nil)
    }

    private func perform(_ request: GraphRequest, bearer: String?) async throws -> GraphResponse {
        var http = HTTPClientRequest(url: request.url)
        http.method = request.method
        if let bearer { http.headers.add(name: "Authorization", value: "Bearer \(bearer)") }
        if request.authorized {
            // One field, preferences comma-separated (RFC 7240), so no proxy that keeps one field
            // per name drops the immutable-id preference.
            http.headers.add(
                name: "Prefer", value: ([Self.immutableIDPreference] + request.preferences).joined(separator: ", "))
        }
        for (name, value) in request.extraHeaders { http.headers.add(name: name, value: value) }
        if let body = request.body {
            http.headers.add(name: "Content-Type", value: request.contentType ?? "application/json")
            http.body = .bytes(ByteBuffer(bytes: body))
        }
        do {
            let response = try await client.execute(http, timeout: .nanoseconds(options.requestTimeout.nanoseconds))
            let body = try await response.body.collect(upTo: options.maxResponseBytes)
            return GraphResponse(
                status: Int(response.status.code), headers: response.headers, body: Array(buffer: body))
        } catch let error as ProviderError {
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw ProviderError(.transient, providerCode: "transport", providerMessage: String(describing: error))
        }
    }
}

extension Duration {
    /// The whole duration in nanoseconds.
    fileprivate var nanoseconds: Int64 {
        components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
    }
}
