import AsyncHTTPClient
import Emulators
import Foundation
import SyncCore
import Testing

/// What a mailbox's owner and the outside world do at the provider, through the Google or the
/// Microsoft emulator's control API over HTTP: the same verbs for both, so one scenario runs
/// against Gmail and Outlook.
struct EmulatorControl: Sendable {
    /// The provider's ids of a message: Gmail id and thread id, or Graph immutable id and conversationId.
    typealias IDs = (id: String, threadID: String)

    let provider: ProviderKind
    let http: HTTPClient
    let origin: URL

    /// The address of a world's mailbox whose local part is `local`.
    func address(_ local: String) -> String {
        "\(local)@\(provider == .gmail ? "gmail" : "outlook").example"
    }

    /// Creates the account `address` at the emulator, approving consent without a person.
    func createAccount(_ address: String) async throws {
        switch provider {
        case .gmail:
            _ = try await call("POST", "accounts", json: ["email": address])
            _ = try await call("PUT", "accounts/\(address)/consent", json: ["decision": "approve"])
        case .microsoft:
            _ = try await call("POST", "accounts", json: ["address": address])
            _ = try await call("POST", "consent", json: ["mode": "approve", "dropScopes": [String]()])
        }
    }

    /// Delivers a message from outside into the mailbox `address` (Outlook: into `folder`, a
    /// well-known name or id).
    func deliver(_ raw: String, to address: String, folder: String? = nil) async throws -> IDs {
        switch provider {
        case .gmail:
            return try ids(try await call("POST", "accounts/\(address)/deliver", body: Array(raw.utf8)))
        case .microsoft:
            var body = ["mime": raw]
            body["folder"] = folder
            return try ids(try await call("POST", "accounts/\(address)/deliver", json: body))
        }
    }

    /// Sends as the owner of `address` (the copy lands in Sent).
    func send(_ raw: String, from address: String) async throws -> IDs {
        switch provider {
        case .gmail: try ids(try await call("POST", "accounts/\(address)/send", body: Array(raw.utf8)))
        case .microsoft: try ids(try await call("POST", "accounts/\(address)/send", json: ["mime": raw]))
        }
    }

    /// The owner acts on a message: `read`, `unread`, `trash` (Outlook: to Deleted Items).
    func act(_ action: String, on id: String, in address: String) async throws {
        switch (provider, action) {
        case (.gmail, _): _ = try await call("POST", "accounts/\(address)/messages/\(id)/\(action)", body: [])
        case (.microsoft, "read"), (.microsoft, "unread"):
            _ = try await call("POST", "accounts/\(address)/messages/\(id)/read", json: ["isRead": action == "read"])
        case (.microsoft, "trash"): _ = try await call("POST", "accounts/\(address)/messages/\(id)/delete", json: [:])
        default: Issue.record("no Outlook action \(action)")
        }
    }

    /// The owner deletes a message for good (not to the trash).
    func delete(_ id: String, in address: String) async throws {
        switch provider {
        case .gmail: _ = try await call("DELETE", "accounts/\(address)/messages/\(id)", body: [])
        case .microsoft:
            _ = try await call("POST", "accounts/\(address)/messages/\(id)/delete", json: ["permanently": true])
        }
    }

    /// Outlook: creates the Inbox subfolder `name` and returns its id.
    func createFolder(_ name: String, in address: String) async throws -> String {
        try #require(
            try await call("POST", "accounts/\(address)/folders", json: ["displayName": name, "parent": "inbox"])["id"]
                as? String)
    }

    /// Outlook: moves a message into `folder` (an id or well-known name), as a mail rule would.
    func move(_ id: String, to folder: String, in address: String) async throws {
        _ = try await call("POST", "accounts/\(address)/messages/\(id)/move", json: ["folder": folder])
    }

    /// Makes the provider stop accepting the mailbox's cursor (Gmail history, Graph delta tokens).
    func expireCursor(of address: String) async throws {
        switch provider {
        case .gmail: _ = try await call("POST", "accounts/\(address)/expire-history", body: [])
        case .microsoft: _ = try await call("POST", "accounts/\(address)/delta/expire", json: [:])
        }
    }

    /// The next `count` provider calls answer 429 with `Retry-After: seconds` (Gmail: every Gmail call).
    func throttle(_ address: String, count: Int, seconds: Double) async throws {
        switch provider {
        case .gmail:
            _ = try await call(
                "POST", "faults",
                json: ["endpoint": "gmail.*", "status": 429, "count": count, "retryAfter": Int(seconds.rounded(.up))])
        case .microsoft:
            _ = try await call(
                "POST", "accounts/\(address)/faults", json: ["kind": "throttle", "count": count, "retryAfter": seconds])
        }
    }

    /// Outlook: every Graph answer for the mailbox (or only those to a path ending with
    /// `pathSuffix`) waits `milliseconds` first (0 clears it).
    func delay(_ address: String, milliseconds: Int, pathSuffix: String? = nil) async throws {
        var fault: [String: Any] = ["kind": "latency", "count": 0, "milliseconds": milliseconds]
        fault["pathSuffix"] = pathSuffix
        _ = try await call("POST", "accounts/\(address)/faults", json: fault)
    }

    /// Outlook: one counter of the mailbox's Graph traffic (`delayedRequests`, `throttledResponses`, ...).
    func stat(_ name: String, of address: String) async throws -> Int {
        try #require(try await call("GET", "accounts/\(address)/stats", body: [])[name] as? Int)
    }

    // MARK: HTTP

    private func ids(_ json: [String: Any]) throws -> IDs {
        let thread = provider == .gmail ? "threadId" : "conversationID"
        return (try #require(json["id"] as? String), try #require(json[thread] as? String))
    }

    private func call(_ method: String, _ path: String, json: [String: Any]) async throws -> [String: Any] {
        try await call(method, path, body: Array(try JSONSerialization.data(withJSONObject: json)))
    }

    /// One control call under `/emulator/{google|microsoft}/`; a failure status fails the test.
    private func call(_ method: String, _ path: String, body: [UInt8]) async throws -> [String: Any] {
        let root = provider == .gmail ? "google" : "microsoft"
        var request = HTTPClientRequest(url: origin.absoluteString + "/emulator/\(root)/\(path)")
        request.method = .init(rawValue: method)
        request.body = .bytes(body)
        if provider == .microsoft { request.headers.add(name: "Content-Type", value: "application/json") }
        let response = try await http.execute(request, timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 1 << 22)
        try #require(response.status.code < 300, "\(root) control \(path): \(response.status.code)")
        return (try? JSONSerialization.jsonObject(with: Data(bytes.readableBytesView))) as? [String: Any] ?? [:]
    }
}
