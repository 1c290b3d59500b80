import Foundation
import Postgres
import Store
import SyncCore
import TestSupport
import Testing

@Suite(.freshDatabase)
struct RepositoryTests {
    private func store() throws -> Store {
        Store(client: try TestDatabase.current.app, keyring: try .random())
    }

    private func newAgency(_ store: Store) async throws -> UUID {
        let id = UUID()
        try await store.withTenant(.agency(id)) { _ = try await $0.agency.create(name: "Agency") }
        return id
    }

    @Test func newSubAccountHasSpecDefaultsAndAnUnguessableBCCAddress() async throws {
        let store = try store()
        let agencyID = try await newAgency(store)
        let (first, second) = try await store.withTenant(.agency(agencyID)) { tx in
            (try await tx.subAccounts.create(name: "One", bccDomain: "BCC.Example.test"),
             try await tx.subAccounts.create(name: "Two", bccDomain: "bcc.example.test"))
        }
        #expect(first.attachmentPolicy == .standard, "the SQL defaults match SyncCore's")
        #expect(first.attachmentPolicy.maxBytes == 3_145_728)
        #expect(first.labs == LabsFlags())
        #expect(first.backfillDays == nil)
        #expect(first.bccAddress.wholeMatch(of: /sync\.[a-z2-7]{10}@bcc\.example\.test/) != nil, "\(first.bccAddress)")
        #expect(first.bccAddress != second.bccAddress)
    }

    @Test func subAccountSettingsRoundTrip() async throws {
        let store = try store()
        let tenant = try await TenantFixture.make(store)
        let policy = AttachmentPolicy(maxBytes: 1_000, extensions: ["PDF"], mimeTypes: ["application/pdf"])
        let subAccount = try await store.withTenant(tenant.scope) { tx in
            try await tx.subAccounts.setAttachmentPolicy(policy)
            try await tx.subAccounts.setLabs(LabsFlags(outlookTwoWaySync: true))
            try await tx.subAccounts.setBackfillDays(30)
            try await tx.subAccounts.rename(to: "Renamed")
            return try await tx.subAccounts.current()
        }
        #expect(subAccount.attachmentPolicy == AttachmentPolicy(maxBytes: 1_000, extensions: ["pdf"], mimeTypes: ["application/pdf"]))
        #expect(subAccount.labs.outlookTwoWaySync)
        #expect(subAccount.backfillDays == 30)
        #expect(subAccount.name == "Renamed")
    }

    @Test func agencyScopeSeesItsSubAccountsAndSubAccountScopeOnlyItsOwn() async throws {
        let store = try store()
        let tenant = try await TenantFixture.make(store)
        let sibling = try await TenantFixture.make(store, agencyID: tenant.agencyID)
        let agencyWide = try await store.withTenant(.agency(tenant.agencyID)) { try await $0.subAccounts.list() }
        #expect(Set(agencyWide.map(\.id)) == [tenant.subAccountID, sibling.subAccountID])
        let own = try await store.withTenant(tenant.scope) { try await $0.subAccounts.list() }
        #expect(own.map(\.id) == [tenant.subAccountID])
        let error = try await #require(throws: StoreError.self) {
            try await store.withTenant(.agency(tenant.agencyID)) { try await $0.contacts.list() }
        }
        #expect(error.code == .subAccountRequired)
    }

    @Test func contactEmailIsUniqueCaseInsensitivelyPerSubAccount() async throws {
        let store = try store()
        let tenant = try await TenantFixture.make(store)
        let other = try await TenantFixture.make(store)
        let duplicate = try await #require(throws: StoreError.self) {
            try await store.withTenant(tenant.scope) { try await $0.contacts.create(email: "anna@EXAMPLE.test", name: nil, source: .bcc) }
        }
        #expect(duplicate.code == .alreadyExists)
        #expect(!duplicate.description.contains("anna"))

        let found = try await store.withTenant(tenant.scope) { tx in
            let bob = try await tx.contacts.create(email: "bob@example.test", name: "Bob", source: .imported)
            #expect(bob.source == .imported)
            #expect(try await tx.contacts.find(email: "ANNA@example.TEST")?.id == tenant.contactID)
            return try await tx.contacts.find(emails: ["Bob@Example.test", "anna@example.test", "nobody@example.test"])
        }
        #expect(found.map(\.email) == ["Anna@Example.test", "bob@example.test"])
        let elsewhere = try await store.withTenant(other.scope) { try await $0.contacts.find(email: "bob@example.test") }
        #expect(elsewhere == nil)
    }

    @Test func contactsPageInIDOrderAndCanBeRenamedAndDeleted() async throws {
        let store = try store()
        let tenant = try await TenantFixture.make(store)
        try await store.withTenant(tenant.scope) { tx in
            for index in 0..<4 { _ = try await tx.contacts.create(email: "c\(index)@example.test", name: nil, source: .crm) }
            let firstPage = try await tx.contacts.list(limit: 3)
            let secondPage = try await tx.contacts.list(after: firstPage.last?.id, limit: 3)
            #expect(firstPage.count == 3)
            #expect(secondPage.count == 2)
            #expect((firstPage + secondPage).map(\.id) == (firstPage + secondPage).map(\.id).sorted { $0.uuidString.lowercased() < $1.uuidString.lowercased() })
            try await tx.contacts.rename(tenant.contactID, to: "Anna B.")
            #expect(try await tx.contacts.get(tenant.contactID)?.name == "Anna B.")
            #expect(try await tx.contacts.delete(tenant.contactID))
            #expect(try await tx.contacts.delete(tenant.contactID) == false)
        }
    }

    @Test func membersAreTheSubAccountsUsersAndEmailsAreUniquePerAgency() async throws {
        let store = try store()
        let tenant = try await TenantFixture.make(store)
        let sibling = try await TenantFixture.make(store, agencyID: tenant.agencyID)
        let members = try await store.withTenant(tenant.scope) { tx in
            let both = try await tx.users.create(email: "both@example.test", name: "Both")
            try await tx.users.addMembership(userID: both.id)
            try await tx.users.addMembership(userID: both.id)
            try await tx.withScope(sibling.scope) { try await $0.users.addMembership(userID: both.id) }
            return try await tx.users.members()
        }
        #expect(Set(members.map(\.id)).count == 2)
        #expect(members.contains { $0.id == tenant.userID })
        let siblingMembers = try await store.withTenant(sibling.scope) { try await $0.users.members() }
        #expect(siblingMembers.map(\.email).contains("both@example.test"))
        #expect(!siblingMembers.contains { $0.id == tenant.userID })

        let duplicate = try await #require(throws: StoreError.self) {
            try await store.withTenant(.agency(tenant.agencyID)) { try await $0.users.create(email: "BOTH@example.test", name: nil) }
        }
        #expect(duplicate.code == .alreadyExists)
        let removed = try await store.withTenant(sibling.scope) { tx in
            try await tx.users.removeMembership(userID: try #require(try await tx.users.find(email: "both@example.test")).id)
        }
        #expect(removed)
    }

    @Test func userHasAtMostOneActiveConnectionPerSubAccount() async throws {
        let store = try store()
        let tenant = try await TenantFixture.make(store)
        let error = try await #require(throws: StoreError.self) {
            try await store.withTenant(tenant.scope) { tx in
                try await tx.connections.create(
                    userID: tenant.userID, mailboxID: tenant.mailboxID,
                    tokens: ConnectionTokens(accessToken: nil, refreshToken: nil, expiresAt: nil), scopes: [])
            }
        }
        #expect(error.code == .activeConnectionExists)
    }

    @Test func connectingTheSameAccountAgainRestoresTheConnection() async throws {
        let store = try store()
        let tenant = try await TenantFixture.make(store)
        let outcome = try await store.withTenant(tenant.scope) { tx in
            try await tx.connections.markNeedsReauth(tenant.connectionID, error: "Google rejected the token refresh")
            #expect(try await tx.connections.get(tenant.connectionID)?.status == .needsReauth)
            return try await tx.connections.connect(
                userID: tenant.userID, mailboxID: tenant.mailboxID,
                tokens: ConnectionTokens(accessToken: SecretText("access-2"), refreshToken: nil, expiresAt: nil),
                scopes: ["gmail.modify"])
        }
        #expect(outcome.wasRestored)
        #expect(outcome.connection.id == tenant.connectionID)
        #expect(outcome.connection.status == .connected)
        #expect(outcome.connection.lastError == nil)
        #expect(outcome.superseded == nil)
        let tokens = try await store.withTenant(tenant.scope) { try await $0.connections.tokens(tenant.connectionID) }
        #expect(tokens.accessToken == SecretText("access-2"))
        #expect(tokens.refreshToken == SecretText("refresh-\(tenant.subAccountID)"), "kept when the provider sends none")
    }

    @Test func connectingADifferentAccountSupersedesTheOldConnection() async throws {
        let store = try store()
        let tenant = try await TenantFixture.make(store)
        let outcome = try await store.withTenant(tenant.scope) { tx in
            let mailbox = try await tx.mailboxes.upsert(provider: .microsoft, accountID: "oid-\(UUID())", address: "new@outlook.test")
            return try await tx.connections.connect(
                userID: tenant.userID, mailboxID: mailbox.id,
                tokens: ConnectionTokens(accessToken: SecretText("a"), refreshToken: SecretText("r"), expiresAt: nil),
                scopes: ["Mail.ReadWrite"])
        }
        #expect(!outcome.wasRestored)
        let superseded = try #require(outcome.superseded)
        #expect(superseded.id == tenant.connectionID)
        #expect(superseded.status == .superseded)
        #expect(superseded.supersededBy == outcome.connection.id)
        #expect(outcome.supersededTokens?.refreshToken == SecretText("refresh-\(tenant.subAccountID)"))
        try await store.withTenant(tenant.scope) { tx in
            #expect(try await tx.connections.active(userID: tenant.userID)?.id == outcome.connection.id)
            let old = try await tx.connections.tokens(tenant.connectionID)
            #expect(old.accessToken == nil && old.refreshToken == nil, "a superseded connection keeps no tokens")
            #expect(try await tx.connections.list(userID: tenant.userID).count == 2)
        }
    }

    @Test func disconnectDeletesTheTokensAndHandsThemBackForRevocation() async throws {
        let store = try store()
        let tenant = try await TenantFixture.make(store)
        try await store.withTenant(tenant.scope) { tx in
            let revocable = try await tx.connections.disconnect(tenant.connectionID)
            #expect(revocable?.refreshToken == SecretText("refresh-\(tenant.subAccountID)"))
            let connection = try #require(try await tx.connections.get(tenant.connectionID))
            #expect(connection.status == .disconnected)
            #expect(connection.disconnectedAt != nil)
            #expect(try await tx.connections.tokens(tenant.connectionID).refreshToken == nil)
            #expect(try await tx.connections.disconnect(tenant.connectionID) == nil)
            #expect(try await tx.connections.active(userID: tenant.userID) == nil)
        }
    }

    @Test func tokensAreSealedAtRestAndSyncHealthIsRecorded() async throws {
        let store = try store()
        let tenant = try await TenantFixture.make(store)
        let syncedAt = Date(timeIntervalSince1970: 1_800_000_000)
        try await store.withTenant(tenant.scope) { tx in
            try await tx.connections.updateTokens(
                tenant.connectionID, ConnectionTokens(accessToken: SecretText("fresh"), refreshToken: SecretText("rotated"), expiresAt: syncedAt))
            try await tx.connections.recordSync(tenant.connectionID, at: syncedAt)
            try await tx.connections.recordError(tenant.connectionID, message: "Gmail is unavailable")
            let raw = try await tx.connection.query(
                "SELECT access_token_ciphertext, refresh_token_ciphertext FROM connections WHERE id = \(tenant.connectionID)"
            ).single().decode(([UInt8], [UInt8]).self)
            #expect(!String(decoding: raw.0 + raw.1, as: UTF8.self).contains("fresh"))
            #expect(!String(decoding: raw.0 + raw.1, as: UTF8.self).contains("rotated"))
            let connection = try #require(try await tx.connections.get(tenant.connectionID))
            #expect(connection.lastSyncedAt == syncedAt)
            #expect(connection.lastError == "Gmail is unavailable")
            #expect(connection.tokenExpiresAt == syncedAt)
            #expect(try await tx.connections.tokens(tenant.connectionID).refreshToken == SecretText("rotated"))
        }
    }

    @Test func emailProviderSettingsKeepTheirPasswordSealed() async throws {
        let store = try store()
        let tenant = try await TenantFixture.make(store)
        try await store.withTenant(tenant.scope) { tx in
            let settings = EmailProviderSettings(
                host: "smtp.relay.test", port: 465, tlsMode: .tls, sendingDomain: "news.example.test",
                defaultFromAddress: "news@news.example.test", defaultFromName: "News")
            try await tx.emailProvider.save(settings)
            #expect(try await tx.emailProvider.get() == settings)
            #expect(try await tx.emailProvider.secret() == SecretText("smtp-password-\(tenant.subAccountID)"), "save keeps the password")
            try await tx.emailProvider.setSecret(nil)
            #expect(try await tx.emailProvider.secret() == nil)
            #expect(try await tx.emailProvider.delete())
            #expect(try await tx.emailProvider.get() == nil)
            let missing = try await #require(throws: StoreError.self) { try await tx.emailProvider.setSecret(SecretText("x")) }
            #expect(missing.code == .notFound)
        }
    }

    @Test func mailboxKeepsOneCursorPerFolderAndCountsSends() async throws {
        let store = try store()
        try await store.withTransaction { tx in
            let account = "oid-\(UUID())"
            let mailbox = try await tx.mailboxes.upsert(provider: .microsoft, accountID: account, address: "old@outlook.test")
            let again = try await tx.mailboxes.upsert(provider: .microsoft, accountID: account, address: "new@outlook.test")
            #expect(again.id == mailbox.id)
            #expect(again.address == "new@outlook.test")
            try await tx.mailboxes.setCursor(mailbox.id, folderID: "inbox", to: "delta-1")
            try await tx.mailboxes.setCursor(mailbox.id, folderID: "sent", to: "delta-2")
            try await tx.mailboxes.setCursor(mailbox.id, folderID: "inbox", to: "delta-3")
            #expect(try await tx.mailboxes.cursors(mailbox.id) == ["inbox": "delta-3", "sent": "delta-2"])
            try await tx.mailboxes.deleteCursor(mailbox.id, folderID: "sent")
            #expect(try await tx.mailboxes.cursor(mailbox.id, folderID: "sent") == nil)
            #expect(try await tx.mailboxes.countSend(mailbox.id) == 1)
            #expect(try await tx.mailboxes.countSend(mailbox.id) == 2)
            try await tx.mailboxes.setAliases(mailbox.id, ["alias@outlook.test"])
            #expect(try await tx.mailboxes.get(mailbox.id)?.aliases == ["alias@outlook.test"])
        }
    }

    @Test func mailboxTransactionWritesEachConnectionsShareInItsOwnScope() async throws {
        let store = try store()
        let account = "fan-out-\(UUID().uuidString)"
        let first = try await TenantFixture.make(store, mailboxAccount: account)
        let second = try await TenantFixture.make(store, mailboxAccount: account)
        let routes = try await store.routing.connections(mailboxID: first.mailboxID)
        let leftOver = try await store.withTransaction { tx in
            for route in routes {
                try await tx.withTenant(route.scope) { scoped in
                    _ = try await scoped.contacts.create(email: "fan-out@example.test", name: nil, source: .bcc)
                }
            }
            try await tx.mailboxes.setCursor(first.mailboxID, to: "2000")
            return try await tx.connection.query("SELECT count(*) FROM contacts").single().decode(Int.self, at: 0)
        }
        #expect(leftOver == 0, "outside withTenant the transaction has no tenant again")
        for fixture in [first, second] {
            let contact = try await store.withTenant(fixture.scope) { try await $0.contacts.find(email: "fan-out@example.test") }
            #expect(contact?.subAccountID == fixture.subAccountID)
        }
        #expect(try await store.withTransaction { try await $0.mailboxes.cursor(first.mailboxID) } == "2000")
    }

    @Test func apiKeysAreListedWithoutTheirTextAndTouchedAtMostOnceAMinute() async throws {
        let store = try store()
        let tenant = try await TenantFixture.make(store)
        try await store.withTenant(.agency(tenant.agencyID)) { tx in
            try await tx.apiKeys.touch(tenant.apiKeyID)
            let first = try #require(try await tx.apiKeys.list().first { $0.id == tenant.apiKeyID }?.lastUsedAt)
            try await tx.apiKeys.touch(tenant.apiKeyID)
            #expect(try await tx.apiKeys.list().first { $0.id == tenant.apiKeyID }?.lastUsedAt == first)
            let stored = try await tx.connection.query("SELECT key_hash FROM api_keys WHERE id = \(tenant.apiKeyID)")
                .single().decode([UInt8].self, at: 0)
            #expect(stored == APIKeyToken.hash(tenant.apiToken.value))
        }
    }
}
