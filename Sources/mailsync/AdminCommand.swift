import ArgumentParser
import Foundation
import Postgres
import Store
import SyncCore

/// `mailsync admin ...`: operator tools. Each connects as `mailsync_admin`
/// (`MAILSYNC_ADMIN_DATABASE_URL`) and first checks `MAILSYNC_SECRET_KEYS` against the database.
struct AdminCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin",
        abstract: "Operator tools: create tenants, erase a sub-account, rotate the secret key.",
        subcommands: [
            CreateAgency.self, CreateSubAccount.self, AddUser.self, EraseSubAccount.self, RotateKey.self, Skipped.self,
        ]
    )

    /// Runs `body` with a store over the admin pool and the verified keyring, then closes the pool.
    static func withStore<T: Sendable>(_ body: (Store) async throws -> T) async throws -> T {
        let environment = Environment()
        let keyring = try Keyring(parsing: environment.secretKeys)
        let client = PostgresClient(
            configuration: PostgresConfiguration(
                connectionString: environment.adminDatabaseURL, maxConnections: 2, applicationName: "mailsync-admin"))
        do {
            try await keyring.verify(on: client)
            let value = try await body(Store(client: client, keyring: keyring))
            await client.shutdown()
            return value
        } catch {
            await client.shutdown()
            throw error
        }
    }

    static func uuid(_ text: String) throws -> UUID {
        guard let id = UUID(uuidString: text) else { throw ValidationError("'\(text)' is not a UUID") }
        return id
    }

    /// `mailsync admin create-agency NAME`: prints the agency id and its first API key.
    struct CreateAgency: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an agency and its first API key (printed once).")

        @Argument(help: "The agency's name.")
        var name: String

        @Option(help: "A label for the API key.")
        var keyName = "initial"

        func run() async throws {
            let (agency, token) = try await AdminCommand.withStore { store in
                try await store.withTenant(.agency(UUID())) { tx in
                    let agency = try await tx.agency.create(name: name)
                    return (agency, try await tx.apiKeys.create(name: keyName).token)
                }
            }
            print("agency: \(agency.id.uuidString.lowercased())")
            print("api key: \(token.value)")
            print("(the API key is shown only now; store it)")
        }
    }

    /// `mailsync admin create-sub-account AGENCY NAME`: prints its id and sync BCC address.
    struct CreateSubAccount: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a sub-account of an agency (BCC domain: MAILSYNC_BCC_DOMAIN).")

        @Argument(help: "The agency id.", transform: AdminCommand.uuid)
        var agency: UUID

        @Argument(help: "The sub-account's name.")
        var name: String

        func run() async throws {
            let bccDomain = Environment().bccDomain
            let subAccount = try await AdminCommand.withStore { store in
                try await store.withTenant(.agency(agency)) { tx in
                    try await tx.subAccounts.create(name: name, bccDomain: bccDomain)
                }
            }
            print("sub-account: \(subAccount.id.uuidString.lowercased())")
            print("bcc address: \(subAccount.bccAddress)")
        }
    }

    /// `mailsync admin add-user AGENCY EMAIL [--name N] [--sub-account ID ...]`.
    struct AddUser: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a user to an agency (or find the existing one) and make them a member of sub-accounts.")

        @Argument(help: "The agency id.", transform: AdminCommand.uuid)
        var agency: UUID

        @Argument(help: "The user's email address.")
        var email: String

        @Option(help: "The user's display name.")
        var name: String?

        @Option(name: .customLong("sub-account"), help: "A sub-account to add the user to (repeatable).", transform: AdminCommand.uuid)
        var subAccounts: [UUID] = []

        func run() async throws {
            let user = try await AdminCommand.withStore { store in
                try await store.withTenant(.agency(agency)) { tx in
                    let user: User
                    if let existing = try await tx.users.find(email: email) {
                        user = existing
                    } else {
                        user = try await tx.users.create(email: email, name: name)
                    }
                    for subAccountID in subAccounts {
                        guard try await tx.subAccounts.get(subAccountID) != nil else {
                            throw ValidationError("sub-account \(subAccountID.uuidString.lowercased()) is not in this agency")
                        }
                        try await tx.withScope(.subAccount(subAccountID, of: agency)) { member in
                            try await member.users.addMembership(userID: user.id)
                        }
                    }
                    return user
                }
            }
            print("user: \(user.id.uuidString.lowercased())")
            for subAccountID in subAccounts {
                print("member of: \(subAccountID.uuidString.lowercased())")
            }
        }
    }

    /// `mailsync admin erase-sub-account ID`: deletes every row of the tenant in one transaction.
    struct EraseSubAccount: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete every row of a sub-account in one transaction and print the counts per table.",
            discussion: """
                For offboarding and data-erasure requests. Agency-wide rows (the agency, its users, its API \
                keys) stay; mailboxes that no other connection uses are deleted with their cursors. Grants \
                at Google or Microsoft are not revoked by this command.
                """)

        @Argument(help: "The sub-account id.", transform: AdminCommand.uuid)
        var subAccount: UUID

        func run() async throws {
            let counts: [TenantEraser.TableCount]
            do {
                counts = try await AdminCommand.withStore { store in
                    try await TenantEraser(client: store.client).erase(subAccountID: subAccount)
                }
            } catch let error as StoreError where error.code == .notFound {
                throw ValidationError("there is no sub-account \(subAccount.uuidString.lowercased())")
            }
            let width = counts.map(\.table.count).max() ?? 0
            for count in counts {
                print(count.table.padding(toLength: width, withPad: " ", startingAt: 0) + "  \(count.rows)")
            }
            print("erased sub-account \(subAccount.uuidString.lowercased()): \(counts.map(\.rows).reduce(0, +)) rows")
        }
    }

    /// `mailsync admin rotate-key`: reseals every secret under the current (first) key.
    struct RotateKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Reseal every stored secret under the first key of MAILSYNC_SECRET_KEYS, then retire the older keys.",
            discussion: """
                Put a new key first in MAILSYNC_SECRET_KEYS (older keys after it) for every running service, \
                then run this while the service runs: it works in small transactions, and the older keys keep \
                opening their secrets meanwhile. Afterwards the retired keys may leave MAILSYNC_SECRET_KEYS.
                """)

        @Option(help: "Rows resealed per transaction.")
        var batchSize = 100

        func run() async throws {
            let report = try await AdminCommand.withStore { store in
                try await KeyRotation(client: store.client, keyring: store.keyring, batchSize: batchSize).run()
            }
            for column in EncryptedColumn.all {
                print("\(column)  \(report.resealed[column] ?? 0) resealed")
            }
            if report.remaining > 0 {
                print("\(report.remaining) secrets are still under an older key: a service still seals with an old keyring")
                throw ExitCode.failure
            }
            let retired = report.retiredKeyIDs.isEmpty ? "none" : report.retiredKeyIDs.joined(separator: ", ")
            print("retired keys: \(retired)")
        }
    }
}
