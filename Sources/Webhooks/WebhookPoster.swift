import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Store
import SyncCore

/// Sends one signed webhook request over the shared `HTTPClient` and says how it went.
struct WebhookPoster: Sendable {
    /// How one POST ended.
    enum Outcome: Sendable, Hashable {
        /// A 2xx answer.
        case acknowledged
        /// Anything else, as a short kind safe to store and show: `http_503`, `timeout`, ...
        case failed(String)
    }

    let httpClient: HTTPClient
    let timeout: Duration

    /// POSTs `body` to `url` with the event id and signature headers.
    func post(to url: String, eventID: Int64, body: [UInt8], secret: SecretText) async -> Outcome {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "MailSync-Webhooks/1")
        request.headers.add(name: "MailSync-Event-Id", value: String(eventID))
        let timestamp = Int64(Date().timeIntervalSince1970)
        request.headers.add(
            name: "MailSync-Signature", value: WebhookSignature.header(secret: secret, timestamp: timestamp, body: body)
        )
        request.body = .bytes(ByteBuffer(bytes: body))
        let deadline = ContinuousClock.now + timeout
        do {
            let response = try await httpClient.execute(
                request, timeout: .milliseconds(Int64(timeout.timeInterval * 1000)))
            await Self.drain(response.body, before: deadline)
            return (200..<300).contains(response.status.code) ? .acknowledged : .failed("http_\(response.status.code)")
        } catch {
            return .failed(Self.kind(of: error))
        }
    }

    /// Reads and drops the answer's body (so the connection can be reused), giving up at the
    /// deadline: the client's deadline ends when the head arrives, and a receiver that drips its
    /// body must not hold the lane. The body is never kept or shown.
    private static func drain(_ body: HTTPClientResponse.Body, before deadline: ContinuousClock.Instant) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { _ = try? await body.collect(upTo: 64 * 1024) }
            group.addTask { try? await Task.sleep(until: deadline) }
            await group.next()
            group.cancelAll()
        }
    }

    /// A failure's kind: never its description, which may name hosts or echo what the receiver sent.
    static func kind(of error: any Error) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout: return "timeout"
            case .remoteConnectionClosed: return "connection_closed"
            case .invalidURL, .emptyHost, .emptyScheme: return "invalid_url"
            default: return "request_failed"
            }
        }
        if error is NIOConnectionError || error is ChannelError || error is IOError { return "connection_failed" }
        return "request_failed"
    }
}
