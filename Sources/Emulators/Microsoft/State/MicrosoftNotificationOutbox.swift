import AsyncHTTPClient
import Foundation
import NIOCore

/// Delivers what Graph sends to an app's endpoints: the validation request before a subscription
/// is created (https://learn.microsoft.com/graph/change-notifications-delivery-webhooks#notificationurl-validation),
/// and notifications, gathered for a short window and POSTed as one `{"value": [...]}` per URL
/// (https://learn.microsoft.com/graph/change-notifications-delivery-webhooks#receive-notifications).
actor MicrosoftNotificationOutbox {
    private let client: HTTPClient
    private let batchWindow: Duration
    private let validationTimeout: Duration
    private var pending: [String: [Data]] = [:]
    private(set) var deliveries: [MicrosoftEmulatorDelivery] = []

    init(client: HTTPClient, batchWindow: Duration, validationTimeout: Duration) {
        self.client = client
        self.batchWindow = batchWindow
        self.validationTimeout = validationTimeout
    }

    /// POSTs `{url}?validationToken=...` and checks for a `200 text/plain` echo of the decoded token
    /// in time; returns Graph's error message when the check fails.
    func validate(_ url: String) async -> String? {
        let token =
            "Validation: Testing client application reachability for subscription Request-Id: \(UUID().uuidString.lowercased())"
        let encoded = token.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? token
        var request = HTTPClientRequest(url: url + (url.contains("?") ? "&" : "?") + "validationToken=" + encoded)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "text/plain; charset=utf-8")
        do {
            let timeout = TimeAmount.milliseconds(
                Int64(validationTimeout.components.seconds * 1000)
                    + validationTimeout.components.attoseconds / 1_000_000_000_000_000)
            let response = try await client.execute(request, timeout: timeout)
            let body = String(buffer: try await response.body.collect(upTo: 64 * 1024))
            guard response.status == .ok else {
                return
                    "Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request."
            }
            guard response.headers.first(name: "Content-Type")?.lowercased().hasPrefix("text/plain") == true,
                body == token
            else {
                return
                    "Subscription validation request failed. Response must exactly match validationToken query parameter."
            }
            return nil
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
            return "Subscription validation request timed out."
        } catch {
            return
                "Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request."
        }
    }

    /// Queues one notification for `url`; the batch leaves when the window closes.
    func enqueue(_ notification: GraphNotificationJSON, to url: String) {
        guard let data = try? JSONEncoder().encode(notification) else { return }
        let first = pending[url] == nil
        pending[url, default: []].append(data)
        guard first else { return }
        Task {
            try? await Task.sleep(for: batchWindow)
            await flush(url)
        }
    }

    /// Sends whatever is queued for `url` now.
    private func flush(_ url: String) async {
        guard let items = pending.removeValue(forKey: url), !items.isEmpty else { return }
        var body = Data("{\"value\":[".utf8)
        for (index, item) in items.enumerated() {
            if index > 0 { body.append(contentsOf: Array(",".utf8)) }
            body.append(item)
        }
        body.append(contentsOf: Array("]}".utf8))
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: body))
        var status: Int?
        do {
            let response = try await client.execute(request, timeout: .seconds(3))
            _ = try await response.body.collect(upTo: 64 * 1024)
            status = Int(response.status.code)
        } catch {
            status = nil
        }
        deliveries.append(
            MicrosoftEmulatorDelivery(
                url: url, body: String(decoding: body, as: UTF8.self), count: items.count, status: status))
    }
}
