import Emulators
import Foundation
import Providers
import Testing

/// Delta per mail folder against the emulator: paging, folders found later, moves, deletions and
/// expired delta tokens.
@Suite struct GraphDeltaTests {
    /// Calls `changes` until a page says it is complete; returns every page.
    static func drain(_ client: GraphClient, from cursor: MailboxCursor, access: MailboxAccess) async throws
        -> (pages: [MailboxChanges], cursor: MailboxCursor)
    {
        var pages = [MailboxChanges]()
        var cursor = cursor
        repeat {
            let page = try await client.changes(since: cursor, access: access)
            pages.append(page)
            cursor = page.nextCursor
        } while pages.last?.isComplete == false && pages.count < 100
        return (pages, cursor)
    }

    /// Connects `address`, delivers one message to its Inbox, takes the cursor after it, and runs
    /// `body` with them.
    static func afterOneMessage(
        _ address: String, options: GraphClientOptions = GraphFixture.fastOptions,
        _ body: (GraphFixture, GraphFixture.Connected, MicrosoftEmulatorMessage, MailboxCursor) async throws -> Void
    ) async throws {
        try await GraphFixture.with(options: options) { fixture in
            let me = try await fixture.connect(address)
            let message = try await fixture.receive("one message", by: me)
            let cursor = try await fixture.client.currentCursor(access: me.access)
            try await body(fixture, me, message, cursor)
        }
    }

    @Test func deltaPagesAcrossSeveralFoldersAndKeepsOneLinkPerFolder() async throws {
        try await GraphFixture.with { fixture in
            let me = try await fixture.connect("ann@contoso.test")
            let state = fixture.state
            let projects = try await state.createFolder(
                account: me.account.id, displayName: "Projects", parent: "inbox")
            let cursor = try await fixture.client.currentCursor(access: me.access)
            let inbox = try await state.folderID("inbox", in: me.account.id)
            #expect(cursor[inbox] != nil)
            #expect(cursor[projects] != nil)
            #expect(cursor[try await state.folderID("junkemail", in: me.account.id)] == nil)
            #expect(cursor[try await state.folderID("drafts", in: me.account.id)] == nil)

            var expected = Set<String>()
            for index in 0..<5 {
                expected.insert(try await fixture.receive("in \(index)", by: me, from: "x@ext.test").id)
            }
            for index in 0..<3 {
                expected.insert(
                    try await fixture.receive("p \(index)", by: me, from: "y@ext.test", folder: projects).id)
            }
            expected.insert(try await fixture.receive("archived", by: me, from: "z@ext.test", folder: "archive").id)
            _ = try await fixture.receive("junk", by: me, from: "spam@ext.test", folder: "junkemail")

            let (pages, next) = try await Self.drain(fixture.client, from: cursor, access: me.access)
            let seen = pages.flatMap(\.changed).map(\.message.id)
            #expect(pages.count > 2)
            #expect(pages.dropLast().allSatisfy { !$0.isComplete })
            #expect(Set(seen) == expected)
            #expect(seen.count == expected.count)
            #expect(pages.flatMap(\.deleted).isEmpty)
            let projectChange = try #require(pages.flatMap(\.changed).first { $0.state?.labels == [projects] })
            #expect(projectChange.state?.isRead == false)

            let quiet = try await fixture.client.changes(since: next, access: me.access)
            #expect(quiet.isComplete)
            #expect(quiet.changed.isEmpty)
            #expect(try await state.stats(account: me.account.id).requestsWithoutImmutableIDs == 0)
        }
    }

    @Test func messageMovedIntoANewSubfolderIsStillFound() async throws {
        try await Self.afterOneMessage("ben@contoso.test") { fixture, me, message, cursor in
            let state = fixture.state
            let invoices = try await state.createFolder(
                account: me.account.id, displayName: "Invoices", parent: "inbox")
            try await state.move(messageID: message.id, in: me.account.id, to: invoices)

            let (pages, _) = try await Self.drain(fixture.client, from: cursor, access: me.access)
            let changes = pages.flatMap(\.changed).filter { $0.message.id == message.id }
            #expect(!changes.isEmpty)
            #expect(changes.allSatisfy { $0.state?.labels == [invoices] })
            #expect(changes.first?.message.threadID == message.conversationID)
            #expect(pages.flatMap(\.deleted).isEmpty)
        }
    }

    @Test func moveIntoAFolderTheCachedListLacksIsFoundAndTheFolderJoinsTheCursorAtOnce() async throws {
        var options = GraphFixture.fastOptions
        options.folderRefreshInterval = .seconds(3600)
        try await Self.afterOneMessage("bea@contoso.test", options: options) { fixture, me, message, cursor in
            let state = fixture.state
            let contracts = try await state.createFolder(
                account: me.account.id, displayName: "Contracts", parent: "inbox")
            try await state.move(messageID: message.id, in: me.account.id, to: contracts)
            let first = try await fixture.client.changes(since: cursor, access: me.access)
            #expect(!first.isComplete)
            // The next page reads the folder list again and walks the new folder from its start.
            let (pages, next) = try await Self.drain(fixture.client, from: first.nextCursor, access: me.access)
            let changed = first.changed + pages.flatMap(\.changed)
            #expect(Set(changed.map(\.message.id)) == [message.id])
            #expect(changed.allSatisfy { $0.state?.labels == [contracts] })
            #expect(next[contracts] != nil)
            let (again, _) = try await Self.drain(fixture.client, from: next, access: me.access)
            #expect(again.flatMap(\.deleted).isEmpty && again.flatMap(\.changed).isEmpty)
        }
    }

    @Test func ruleDeliveryIntoANewSubfolderIsFound() async throws {
        try await GraphFixture.with { fixture in
            let me = try await fixture.connect("cal@contoso.test")
            let state = fixture.state
            let cursor = try await fixture.client.currentCursor(access: me.access)
            let newsletters = try await state.createFolder(
                account: me.account.id, displayName: "Newsletters", parent: "inbox")
            let message = try await fixture.receive("weekly", by: me, from: "n@ext.test", folder: newsletters)
            let (pages, _) = try await Self.drain(fixture.client, from: cursor, access: me.access)
            #expect(pages.flatMap(\.changed).map(\.message.id) == [message.id])
        }
    }

    @Test func moveToDeletedItemsIsTrashNotDeletion() async throws {
        try await Self.afterOneMessage("dee@contoso.test") { fixture, me, message, cursor in
            let state = fixture.state
            try await state.delete(messageID: message.id, in: me.account.id)
            let (pages, next) = try await Self.drain(fixture.client, from: cursor, access: me.access)
            #expect(pages.flatMap(\.deleted).isEmpty)
            let change = try #require(pages.flatMap(\.changed).last { $0.message.id == message.id })
            #expect(change.state?.isTrashed == true)
            #expect(change.state?.labels == ["deleteditems"])

            try await state.delete(messageID: message.id, in: me.account.id)
            let (after, _) = try await Self.drain(fixture.client, from: next, access: me.access)
            #expect(after.flatMap(\.deleted).map(\.id) == [message.id])
        }
    }

    @Test func moveBetweenSyncedFoldersIsNotADeletion() async throws {
        try await Self.afterOneMessage("eve@contoso.test") { fixture, me, message, cursor in
            let state = fixture.state
            try await state.move(messageID: message.id, in: me.account.id, to: "archive")
            let (pages, _) = try await Self.drain(fixture.client, from: cursor, access: me.access)
            #expect(pages.flatMap(\.deleted).isEmpty)
            #expect(pages.flatMap(\.changed).last { $0.message.id == message.id }?.state?.labels == ["archive"])
            let immutable = try await state.message(message.id, in: me.account.id)
            #expect(immutable.id == message.id)
            #expect(immutable.restID != message.restID)
        }
    }

    @Test func readStateChangeIsReported() async throws {
        try await Self.afterOneMessage("fin@contoso.test") { fixture, me, message, cursor in
            let state = fixture.state
            try await state.setRead(true, messageID: message.id, in: me.account.id)
            let (pages, _) = try await Self.drain(fixture.client, from: cursor, access: me.access)
            #expect(
                pages.flatMap(\.readStateChanges) == [
                    ReadStateChange(
                        message: ProviderMessageRef(id: message.id, threadID: message.conversationID), isRead: true)
                ])
        }
    }

    @Test func expiredDeltaTokenThrowsCursorExpired() async throws {
        try await GraphFixture.with { fixture in
            let me = try await fixture.connect("gil@contoso.test")
            let cursor = try await fixture.client.currentCursor(access: me.access)
            try await fixture.state.expireDeltaTokens(account: me.account.id)
            let error = await #expect(throws: ProviderError.self) {
                _ = try await fixture.client.changes(since: cursor, access: me.access)
            }
            #expect(error?.code == .cursorExpired)
            #expect(error?.providerCode == "SyncStateNotFound")
            #expect(error?.httpStatus == 410)
        }
    }

    @Test func cursorRoundTripsThroughJSONAsTheStoreKeepsIt() async throws {
        try await GraphFixture.with { fixture in
            let me = try await fixture.connect("hap@contoso.test")
            let cursor = try await fixture.client.currentCursor(access: me.access)
            let stored = try JSONDecoder().decode(MailboxCursor.self, from: JSONEncoder().encode(cursor))
            let message = try await fixture.receive("after", by: me, from: "c@ext.test")
            let (pages, _) = try await Self.drain(fixture.client, from: stored, access: me.access)
            #expect(pages.flatMap(\.changed).map(\.message.id) == [message.id])
        }
    }
}
