import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Postgres
import Store
import SyncCore
import TestSupport
import Testing

@testable import API

/// `POST /inbound/bcc`: copies posted to a sync BCC address or bounce address by the inbound-mail
/// provider (SPEC "The BCC address receives mail", rules 4, 7 and the bounce rule).
@Suite(.freshDatabase)
struct InboundBCCTests {
    /// A sub-account with one user (no connection) and one contact.
    struct Tenant {
        let app: APITestApp
        let scope: TenantScope
        let bccAddress: String
        let userEmail: String
        let connectedUserEmail: String
    }

    static let contact = "known@client.example"

    func tenant() async throws -> Tenant {
        let app = try await APITestApp.make()
        let suffix = UUID().uuidString.prefix(6).lowercased()
        let userEmail = "rep-\(suffix)@agency.example"
        let connectedEmail = "connected-\(suffix)@agency.example"
        let (scope, bcc) = try await app.store.withTenant(.agency(app.agencyID)) { tx in
            let subAccount = try await tx.subAccounts.create(name: "Inbound", bccDomain: "bcc.test.example")
            let user = try await tx.users.create(email: userEmail, name: "Rep")
            let connected = try await tx.users.create(email: connectedEmail, name: "Connected")
            try await tx.withScope(subAccount.scope) { scoped in
                try await scoped.users.addMembership(userID: user.id)
                try await scoped.users.addMembership(userID: connected.id)
                _ = try await scoped.contacts.create(email: Self.contact, name: nil, source: .crm)
                let mailbox = try await scoped.mailboxes.upsert(
                    provider: .gmail, accountID: "acct-\(suffix)", address: connectedEmail)
                _ = try await scoped.connections.create(
                    userID: connected.id, mailboxID: mailbox.id,
                    tokens: ConnectionTokens(
                        accessToken: SecretText("a"), refreshToken: SecretText("r"), expiresAt: Date().addingTimeInterval(3600)),
                    scopes: [])
            }
            return (subAccount.scope, subAccount.bccAddress)
        }
        return Tenant(app: app, scope: scope, bccAddress: bcc, userEmail: userEmail, connectedUserEmail: connectedEmail)
    }

    private func post(
        _ client: any TestClientProtocol, _ raw: String, recipient: String?, token: String? = APITestApp.inboundToken
    ) async throws -> (status: HTTPResponse.Status, body: [String: Any]) {
        var headers: HTTPFields = [.contentType: "message/rfc822"]
        if let token { headers[.authorization] = "Bearer \(token)" }
        let query = recipient.map { "?recipient=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0)" } ?? ""
        return try await client.execute(
            uri: "/inbound/bcc\(query)", method: .post, headers: headers, body: ByteBuffer(string: raw)
        ) { response in
            let object = (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))) as? [String: Any]
            return (response.status, object ?? [:])
        }
    }

    private func count(_ tenant: Tenant, _ query: PostgresQuery) async throws -> Int {
        try await tenant.app.store.withTenant(tenant.scope) { tx in
            try await tx.connection.query(query).single().decode(Int.self, at: 0)
        }
    }

    private static func copy(from: String, to: String, id: String, extra: [String] = []) -> String {
        ([
            "From: \(from)", "To: \(to)", "Subject: Quote", "Date: Sun, 29 Nov 2026 10:00:00 +0000",
            "Message-ID: <\(id)>",
        ] + extra + ["MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "", "Here is the quote.", ""])
            .joined(separator: "\r\n")
    }

    @Test func theInboundTokenIsRequired() async throws {
        let tenant = try await tenant()
        let raw = Self.copy(from: tenant.userEmail, to: "new@client.example", id: "t1@agency.example")
        try await tenant.app.test { (client: any TestClientProtocol) async throws in
            #expect(try await post(client, raw, recipient: tenant.bccAddress, token: nil).status == .unauthorized)
            #expect(try await post(client, raw, recipient: tenant.bccAddress, token: "wrong").status == .unauthorized)
            #expect(try await post(client, raw, recipient: "nobody@bcc.test.example").status == .notFound)
        }
        #expect(try await count(tenant, "SELECT count(*) FROM bcc_copies") == 0)
    }

    @Test func aCopyOfMailByAUserWithoutAConnectionIsLoggedAndCreatesItsRecipientOnce() async throws {
        let tenant = try await tenant()
        let raw = Self.copy(from: tenant.userEmail, to: "New Person <new@client.example>", id: "q1@agency.example")
        try await tenant.app.test { (client: any TestClientProtocol) async throws in
            let first = try await post(client, raw, recipient: tenant.bccAddress)
            #expect(first.status == .accepted)
            #expect(first.body["decision"] as? String == "synced")
            #expect(first.body["reason"] as? String == "bcc_copy")
            // The MTA posts the same copy again: nothing is duplicated.
            let again = try await post(client, raw, recipient: tenant.bccAddress)
            #expect(again.body["reason"] as? String == "duplicate_of_sent_copy")
        }
        #expect(try await count(tenant, "SELECT count(*) FROM messages WHERE source = 'bcc' AND direction = 'outbound'") == 1)
        #expect(try await count(tenant, "SELECT count(*) FROM contacts WHERE email = 'new@client.example'") == 1)
        #expect(try await count(tenant, "SELECT count(*) FROM events WHERE type = 'contact.created'") == 1)
        #expect(try await count(tenant, "SELECT count(*) FROM bcc_copies") == 2)
    }

    @Test func theRecipientIsFoundInTheHeadersWhenTheMTANamesNone() async throws {
        let tenant = try await tenant()
        let raw = Self.copy(
            from: tenant.userEmail, to: Self.contact, id: "q2@agency.example", extra: ["Cc: \(tenant.bccAddress)"])
        try await tenant.app.test { (client: any TestClientProtocol) async throws in
            let response = try await post(client, raw, recipient: nil)
            #expect(response.body["decision"] as? String == "synced")
        }
        #expect(try await count(tenant, "SELECT count(*) FROM contacts") == 1)
    }

    @Test func anAutomaticCopyCreatesNoContact() async throws {
        let tenant = try await tenant()
        for (index, marker) in ["Auto-Submitted: auto-generated", "X-MailSync-Auto-Bcc: yes", "Resent-To: x@y.example"]
            .enumerated()
        {
            let raw = Self.copy(
                from: tenant.userEmail, to: "auto\(index)@client.example", id: "a\(index)@agency.example",
                extra: [marker])
            try await tenant.app.test { (client: any TestClientProtocol) async throws in
                let response = try await post(client, raw, recipient: tenant.bccAddress)
                #expect(response.body["reason"] as? String == "automatic_bcc_copy", "\(marker)")
            }
        }
        #expect(try await count(tenant, "SELECT count(*) FROM contacts") == 1)
        #expect(try await count(tenant, "SELECT count(*) FROM messages") == 0)
    }

    @Test func aCopyFromAConnectedUserIsLeftToTheirSentCopyAndOneFromAStrangerIsSkipped() async throws {
        let tenant = try await tenant()
        try await tenant.app.test { (client: any TestClientProtocol) async throws in
            let connected = try await post(
                client, Self.copy(from: tenant.connectedUserEmail, to: "x@client.example", id: "c1@agency.example"),
                recipient: tenant.bccAddress)
            #expect(connected.body["reason"] as? String == "duplicate_of_sent_copy")
            let stranger = try await post(
                client, Self.copy(from: "someone@else.example", to: "y@client.example", id: "s1@else.example"),
                recipient: tenant.bccAddress)
            #expect(stranger.body["reason"] as? String == "sender_not_a_user")
        }
        #expect(try await count(tenant, "SELECT count(*) FROM messages") == 0)
        #expect(try await count(tenant, "SELECT count(*) FROM bcc_copies WHERE decision = 'skipped'") == 2)
    }

    @Test func aBounceToTheBounceAddressMarksTheCRMSentMessageBounced() async throws {
        let tenant = try await tenant()
        let sentID = "mx1abc.0123456789abcdef@mail.crm.example.com"
        let messageID = try await tenant.app.store.withTenant(tenant.scope) { tx in
            let thread = try await tx.threads.create(origin: .crm)
            return try await tx.messages.insert(
                NewMessage(
                    threadID: thread, direction: .outbound, source: .crm, syncReason: .crmThread, messageID: sentID,
                    fingerprint: "0123456789abcdef", from: MailAddressText(address: tenant.userEmail, name: nil),
                    to: ["nobody@example.org"], cc: [], bcc: [], subject: "Hello", textBody: "Hi", htmlBody: nil,
                    inReplyTo: [], references: [], sentAt: Date(), isRead: true, isTrashed: false,
                    senderConnectionID: nil)
            ).id
        }
        let dsn = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("../MailTests/Fixtures/bounce-dsn.eml"), encoding: .utf8)
        try await tenant.app.test { (client: any TestClientProtocol) async throws in
            let response = try await post(client, dsn, recipient: BounceAddress.of(bccAddress: tenant.bccAddress))
            #expect(response.status == .accepted)
            #expect(response.body["reason"] as? String == "delivery_report")
            #expect(response.body["bouncedMessageIds"] as? [String] == [messageID.uuidString])
            // A second report of the same bounce marks nothing again.
            let again = try await post(client, dsn, recipient: BounceAddress.of(bccAddress: tenant.bccAddress))
            #expect(again.body["bouncedMessageIds"] as? [String] == [])
        }
        #expect(try await count(tenant, "SELECT count(*) FROM messages WHERE bounced_at IS NOT NULL") == 1)
        #expect(
            try await count(
                tenant,
                "SELECT count(*) FROM events WHERE type = 'message.bounced' AND payload->>'messageID' = \(messageID.uuidString)")
                == 1)
    }
}
