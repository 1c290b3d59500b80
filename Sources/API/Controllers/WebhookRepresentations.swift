import Foundation
import Hummingbird
import Store

struct WebhookEndpointResponse: ResponseEncodable, Sendable {
    var id: UUID
    var url: String
    var enabled: Bool
    /// Absent: every event type.
    var eventTypes: [String]?
    var createdAt: Date
    var updatedAt: Date
    /// Present only in the answers of create and rotate-secret.
    var secret: String?

    init(_ endpoint: WebhookEndpoint, secret: String? = nil) {
        id = endpoint.id
        url = endpoint.url
        enabled = endpoint.isEnabled
        eventTypes = endpoint.eventTypes
        createdAt = endpoint.createdAt
        updatedAt = endpoint.updatedAt
        self.secret = secret
    }
}

struct WebhookDeliveryResponse: ResponseEncodable, Sendable {
    var eventId: String
    var eventType: String
    var subAccountId: UUID
    var state: String
    var attempts: Int
    /// Pending deliveries only.
    var nextAttemptAt: Date?
    var lastAttemptAt: Date?
    var lastError: String?
    var deliveredAt: Date?
    var createdAt: Date

    init(_ delivery: WebhookDelivery) {
        eventId = String(delivery.eventID)
        eventType = delivery.eventType
        subAccountId = delivery.subAccountID
        state = delivery.state.rawValue
        attempts = delivery.attempts
        nextAttemptAt = delivery.state == .pending ? delivery.nextAttemptAt : nil
        lastAttemptAt = delivery.lastAttemptAt
        lastError = delivery.lastError
        deliveredAt = delivery.deliveredAt
        createdAt = delivery.createdAt
    }
}

/// Rules of webhook endpoint bodies.
enum WebhookFieldRules {
    /// Loopback hosts where plain `http` is allowed (development and tests).
    static let loopbackHosts: Set<String> = ["127.0.0.1", "localhost", "::1", "[::1]"]

    /// An absolute `https` URL with a host, no credentials and no fragment; `http` only on loopback.
    static func url(_ value: String, _ name: String) -> [ProblemDetails.InvalidParam] {
        let lineProblems = FieldRules.singleLine(value, name, maxLength: 2000)
        if !lineProblems.isEmpty { return lineProblems }
        guard let components = URLComponents(string: value), let scheme = components.scheme?.lowercased(),
            let host = components.host?.lowercased(), !host.isEmpty
        else { return [.init(name: name, reason: "must be an absolute URL like https://crm.example.com/hooks")] }
        if components.user != nil || components.password != nil {
            return [.init(name: name, reason: "must not contain a user name or password")]
        }
        if components.fragment != nil { return [.init(name: name, reason: "must not contain a fragment")] }
        switch scheme {
        case "https": return []
        case "http" where loopbackHosts.contains(host): return []
        default: return [.init(name: name, reason: "must use https (plain http only for 127.0.0.1 or localhost)")]
        }
    }

    /// Nil (every type), or 1-50 names like `message.synced`.
    static func eventTypes(_ value: [String]?, _ name: String) -> [ProblemDetails.InvalidParam] {
        guard let value else { return [] }
        guard (1...50).contains(value.count) else {
            return [.init(name: name, reason: "must list 1 to 50 event types, or be null for every type")]
        }
        return value.enumerated().compactMap { index, type in
            type.wholeMatch(of: /[a-z_]+\.[a-z_]+/) == nil
                ? .init(name: "\(name)[\(index)]", reason: "must be an event type like message.synced") : nil
        }
    }

    /// The types without repeats, in their first order.
    static func unique(_ types: [String]) -> [String] {
        var seen: Set<String> = []
        return types.filter { seen.insert($0).inserted }
    }
}
