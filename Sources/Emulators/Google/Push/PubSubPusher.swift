import AsyncHTTPClient
import Foundation
import Logging
import NIOCore

/// Delivers Gmail notifications the way Pub/Sub's authenticated push does: a POST of the
/// envelope `{"message": {"data": base64({"emailAddress", "historyId"}), ...}, "subscription"}`
/// with an RS256 JWT in `Authorization: Bearer`. Each delivery runs in its own task; outcomes are
/// kept in `PushLog`.
/// https://developers.google.com/workspace/gmail/api/guides/push#receiving_notifications
/// https://cloud.google.com/pubsub/docs/push#receive_push
struct PubSubPusher: Sendable {
    let httpClient: HTTPClient
    let key: JWTSigningKey
    let log: PushLog
    let logger: Logger
    let now: @Sendable () -> Date

    /// The numeric id Pub/Sub's push identity carries in `sub` and `azp`.
    static let serviceAccountID = "113774264463038321964"

    func push(email: String, historyID: UInt64, to configuration: PubSubConfiguration) {
        Task {
            let number = await log.nextMessageNumber()
            let status = await deliver(email: email, historyID: historyID, number: number, to: configuration)
            await log.record(
                PushDelivery(
                    endpoint: configuration.pushEndpoint, emailAddress: email, historyId: String(historyID),
                    messageId: String(number), status: status))
        }
    }

    private func deliver(email: String, historyID: UInt64, number: Int, to configuration: PubSubConfiguration) async
        -> Int
    {
        let issuedAt = Int(now().timeIntervalSince1970)
        let claims = GoogleTokenClaims(
            aud: configuration.audience, azp: Self.serviceAccountID, sub: Self.serviceAccountID,
            email: configuration.serviceAccountEmail, emailVerified: true, iat: issuedAt, exp: issuedAt + 3600)
        let data = "{\"emailAddress\":\"\(email)\",\"historyId\":\(historyID)}"
        let publishTime = ISO8601DateFormatter().string(from: now())
        let envelope: [String: Any] = [
            "message": [
                "data": Data(data.utf8).base64EncodedString(), "messageId": String(number),
                "message_id": String(number), "publishTime": publishTime, "publish_time": publishTime,
            ],
            "subscription": configuration.subscription,
        ]
        do {
            let token = try await key.sign(claims)
            var request = HTTPClientRequest(url: configuration.pushEndpoint)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
            request.body = .bytes(
                ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: envelope, options: [.sortedKeys])))
            let response = try await httpClient.execute(request, timeout: .seconds(10))
            _ = try await response.body.collect(upTo: 1 << 20)
            return Int(response.status.code)
        } catch {
            logger.warning("push delivery failed", metadata: ["endpoint": "\(configuration.pushEndpoint)"])
            return 0
        }
    }
}
