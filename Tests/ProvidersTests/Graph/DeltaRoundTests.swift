import Testing

@testable import Providers

/// The delta walk as a state machine, without sockets.
@Suite struct DeltaRoundTests {
    private func entry(_ id: String, in folder: String, read: Bool = false) -> DeltaRound.Entry {
        DeltaRound.Entry(id: id, conversationID: "c-\(id)", folderID: folder, isRead: read)
    }

    private func start(_ cursor: [String: String] = [:], budget: Int = 10) -> DeltaRound {
        DeltaRound(
            folderIDs: ["inbox", "archive"], cursor: MailboxCursor(positions: cursor), budget: budget,
            initialURL: { "initial/\($0)" })
    }

    @Test func folderWithoutAPositionStartsFromItsInitialDeltaURL() {
        var round = start(["inbox": "delta/inbox", "gone-folder": "delta/gone"])
        #expect(round.next() == .fetch(folderID: "inbox", url: "delta/inbox"))
        round.received(entries: [], removedIDs: [], nextLink: nil, deltaLink: "delta/inbox/2")
        #expect(round.next() == .fetch(folderID: "archive", url: "initial/archive"))
        round.received(entries: [], removedIDs: [], nextLink: nil, deltaLink: "delta/archive/1")
        guard case .finish(let outcome) = round.next() else {
            Issue.record("the round should finish")
            return
        }
        #expect(outcome.isComplete)
        #expect(outcome.positions == ["inbox": "delta/inbox/2", "archive": "delta/archive/1"])
    }

    @Test func nextLinkKeepsTheFolderUntilItsDeltaLink() {
        var round = start()
        _ = round.next()
        round.received(entries: [entry("1", in: "inbox")], removedIDs: [], nextLink: "next/inbox", deltaLink: nil)
        #expect(round.next() == .fetch(folderID: "inbox", url: "next/inbox"))
    }

    @Test func budgetStopsTheCallWithTheFolderStillPaging() {
        var round = start(budget: 2)
        _ = round.next()
        round.received(
            entries: [entry("1", in: "inbox"), entry("2", in: "inbox")], removedIDs: [], nextLink: "next/inbox",
            deltaLink: nil)
        guard case .finish(let outcome) = round.next() else {
            Issue.record("the budget should end the call")
            return
        }
        #expect(!outcome.isComplete)
        #expect(outcome.positions["inbox"] == "next/inbox")
        #expect(outcome.changed.map(\.id) == ["1", "2"])
    }

    @Test func idThatLeftOneFolderAndEnteredAnotherIsAMoveWithoutLookup() {
        var round = start()
        _ = round.next()
        round.received(entries: [], removedIDs: ["m"], nextLink: nil, deltaLink: "d1")
        _ = round.next()
        round.received(entries: [entry("m", in: "archive")], removedIDs: [], nextLink: nil, deltaLink: "d2")
        guard case .finish(let outcome) = round.next() else {
            Issue.record("no lookup is needed")
            return
        }
        #expect(outcome.changed == [entry("m", in: "archive")])
        #expect(outcome.deleted.isEmpty)
    }

    @Test func idThatLeftAndDidNotTurnUpIsLookedUpBeforeItCountsAsDeleted() {
        var round = start()
        _ = round.next()
        round.received(entries: [], removedIDs: ["moved", "gone", "moved"], nextLink: nil, deltaLink: "d1")
        _ = round.next()
        round.received(entries: [], removedIDs: [], nextLink: nil, deltaLink: "d2")
        #expect(round.next() == .resolve(["moved", "gone"]))
        round.resolved(asked: ["moved", "gone"], found: [entry("moved", in: "subfolder")])
        guard case .finish(let outcome) = round.next() else {
            Issue.record("the round should finish")
            return
        }
        #expect(outcome.changed == [entry("moved", in: "subfolder")])
        #expect(outcome.deleted == ["gone"])
    }

    @Test func laterEntryOfTheSameMessageReplacesTheEarlierOne() {
        var round = start()
        _ = round.next()
        round.received(
            entries: [entry("m", in: "inbox"), entry("m", in: "inbox", read: true)], removedIDs: [], nextLink: nil,
            deltaLink: "d1")
        _ = round.next()
        round.received(entries: [], removedIDs: [], nextLink: nil, deltaLink: "d2")
        guard case .finish(let outcome) = round.next() else { return }
        #expect(outcome.changed == [entry("m", in: "inbox", read: true)])
    }
}
