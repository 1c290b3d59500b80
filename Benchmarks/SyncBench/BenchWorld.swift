import AsyncHTTPClient
import Emulators
import Foundation
import Postgres
import Store
import Sync
import SyncCore

/// The benchmark's tenants and mailboxes: one agency, ten sub-accounts with 50 contacts each and
/// a 30-day backfill, one user per mailbox, each mailbox filled in the emulator.
struct BenchWorld {
    /// One mailbox to connect.
    struct Mailbox {
        var address: String
        var scope: TenantScope
        var userID: UUID
        var contacts: [String]
    }

    /// What `populate` made.
    struct Tenants {
        var mailboxes: [Mailbox]
        var totalBytes: Int
    }

    let store: Store
    let emulator: GoogleEmulator
    let lifecycle: ConnectionLifecycle
    let http: HTTPClient

    func populate(mailboxes count: Int, messages: Int) async throws -> Tenants {
        let agencyID = UUID()
        let subAccounts = 10
        let mailboxes = try await store.withTenant(.agency(agencyID)) { tx in
            _ = try await tx.agency.create(name: "Bench agency")
            var made = [Mailbox]()
            for s in 0..<subAccounts {
                let subAccount = try await tx.subAccounts.create(name: "Bench \(s)", bccDomain: "bcc.bench.example")
                let contacts = (0..<50).map { "contact\($0)@client\(s).example" }
                var users = [UUID]()
                for n in stride(from: s, to: count, by: subAccounts) {
                    users.append(try await tx.users.create(email: "rep\(n)@agency.bench", name: nil).id)
                }
                try await tx.withScope(subAccount.scope) { scoped in
                    try await scoped.subAccounts.setBackfillDays(30)
                    for email in contacts { _ = try await scoped.contacts.create(email: email, name: nil, source: .crm) }
                    for user in users { try await scoped.users.addMembership(userID: user) }
                }
                for (index, n) in stride(from: s, to: count, by: subAccounts).enumerated() {
                    made.append(
                        Mailbox(
                            address: "owner\(n)@gmail.example", scope: subAccount.scope, userID: users[index],
                            contacts: contacts))
                }
            }
            return made
        }
        var factory = MailFactory(seed: 2026)
        var bytes = 0
        for mailbox in mailboxes {
            _ = await emulator.world.createAccount(email: mailbox.address)
            _ = await emulator.world.setConsent(ConsentPolicy(decision: "approve"), for: mailbox.address)
            for raw in factory.mailbox(mailbox.address, count: messages, contacts: mailbox.contacts) {
                bytes += raw.count
                _ = await emulator.world.deliver(raw: raw, to: mailbox.address)
            }
        }
        return Tenants(mailboxes: mailboxes, totalBytes: bytes)
    }

    /// Connects the mailbox's Gmail account for its user through the OAuth flow at the emulator.
    func connect(_ mailbox: Mailbox) async throws {
        let consentURL = try await lifecycle.authorize(
            scope: mailbox.scope, userID: mailbox.userID, provider: .gmail, returnURL: nil, loginHint: mailbox.address)
        let response = try await http.execute(HTTPClientRequest(url: consentURL.absoluteString), timeout: .seconds(10))
        _ = try await response.body.collect(upTo: 1 << 20)
        let location = response.headers.first(name: "Location") ?? ""
        let query = Dictionary(
            (URLComponents(string: location)?.queryItems ?? []).map { ($0.name, $0.value ?? "") },
            uniquingKeysWith: { first, _ in first })
        _ = try await lifecycle.completeAuthorization(state: query["state"] ?? "", code: query["code"], providerError: nil)
    }

    /// Delivers `count` messages from contacts, one at a time, each to the next mailbox, and
    /// measures from the delivery to the moment its CRM row is visible (committed), in ms.
    func pushLatencies(count: Int, tenants: Tenants, database: PostgresClient) async throws -> [Double] {
        var factory = MailFactory(seed: 7)
        var latencies = [Double]()
        for index in 0..<count {
            let mailbox = tenants.mailboxes[index % tenants.mailboxes.count]
            let id = "push\(index).\(UUID().uuidString.prefix(8))@bench.example"
            let raw = factory.message(
                from: mailbox.contacts[index % mailbox.contacts.count], to: mailbox.address, id: id, parent: nil,
                subject: "New \(index)")
            let start = ContinuousClock.now
            _ = await emulator.world.deliver(raw: raw, to: mailbox.address)
            while try await database.query("SELECT count(*) FROM messages WHERE message_id = \(id)").single()
                .decode(Int.self, at: 0) == 0
            {
                if ContinuousClock.now - start > .seconds(30) { throw BenchFailure("message \(index) never arrived") }
                try await Task.sleep(for: .milliseconds(1))
            }
            latencies.append((ContinuousClock.now - start).seconds * 1000)
        }
        return latencies
    }
}

/// A benchmark run that cannot finish.
struct BenchFailure: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
