import Emulators
import Foundation
import Mail
import Providers
import Testing

/// Every mailbox call of `GmailProvider` against the emulator over real HTTP.
@Suite struct GmailMailboxContractTests {
    @Test func profileNamesTheAddressAndItsVerifiedAliases() async throws {
        try await GoogleHarness.run { google in
            let grant = try await google.connect("anna@example.com", aliases: ["sales@example.com"])
            let profile = try await google.gmail.profile(access: google.access(grant))
            #expect(profile.address == "anna@example.com")
            #expect(profile.aliases == ["sales@example.com"])
        }
    }

    @Test func historyWalkAcrossPagesReportsAddsReadStateTrashAndDeletes() async throws {
        try await GoogleHarness.run(historyPageSize: 2) { google in
            let grant = try await google.connect("anna@example.com")
            let access = google.access(grant)
            let start = try await google.gmail.currentCursor(access: access)
            let first = try await google.deliver(
                RawMessages.message(from: "x@outside.test", to: "anna@example.com", subject: "One", messageID: "one@x"),
                to: "anna@example.com")
            let second = try await google.deliver(
                RawMessages.message(from: "x@outside.test", to: "anna@example.com", subject: "Two", messageID: "two@x"),
                to: "anna@example.com")
            let third = try await google.deliver(
                RawMessages.message(
                    from: "x@outside.test", to: "anna@example.com", subject: "Three", messageID: "three@x"),
                to: "anna@example.com")
            try await google.ownerAction("read", message: first, of: "anna@example.com")
            try await google.ownerAction("trash", message: second, of: "anna@example.com")
            try await google.control(.DELETE, "accounts/anna@example.com/messages/\(third)")

            var cursor = start
            var pages = 0
            var changed = [String: ChangedMessage]()
            var reads = [String: Bool]()
            var deleted = Set<String>()
            while true {
                let page = try await google.gmail.changes(since: cursor, access: access)
                pages += 1
                for change in page.changed { changed[change.message.id] = change }
                for change in page.readStateChanges { reads[change.message.id] = change.isRead }
                deleted.formUnion(page.deleted.map(\.id))
                cursor = page.nextCursor
                if page.isComplete { break }
            }
            #expect(pages == 3)
            #expect(Set(changed.keys) == [first, second, third])
            #expect(changed[second]?.state?.isTrashed == true)
            #expect(changed[first]?.state?.labels.contains("INBOX") == true)
            #expect(reads == [first: true])
            #expect(deleted == [third])
            let quiet = try await google.gmail.changes(since: cursor, access: access)
            #expect(quiet.isComplete && quiet.changed.isEmpty && quiet.deleted.isEmpty)
            #expect(quiet.nextCursor == cursor)
        }
    }

    @Test func expiredHistoryIsCursorExpired() async throws {
        try await GoogleHarness.run { google in
            let grant = try await google.connect("anna@example.com")
            let access = google.access(grant)
            let cursor = try await google.gmail.currentCursor(access: access)
            try await google.deliver(
                RawMessages.message(from: "x@outside.test", to: "anna@example.com", subject: "Hi", messageID: "a@x"),
                to: "anna@example.com")
            try await google.control(.POST, "accounts/anna@example.com/expire-history")
            let error = await #expect(throws: ProviderError.self) {
                try await google.gmail.changes(since: cursor, access: access)
            }
            #expect(error?.code == .cursorExpired)
            #expect(error?.httpStatus == 404)
        }
    }

    @Test func rateLimitWithRetryAfterSurfacesAsRateLimited() async throws {
        try await GoogleHarness.run { google in
            let grant = try await google.connect("anna@example.com")
            try await google.injectFault("gmail.users.getProfile", status: 429, retryAfter: 7)
            let error = await #expect(throws: ProviderError.self) {
                try await google.gmail.currentCursor(access: google.access(grant))
            }
            #expect(error?.code == .rateLimited)
            #expect(error?.retryAfter == .seconds(7))
            #expect(error?.providerCode == "rateLimitExceeded")
        }
    }

    @Test func userRateLimitOn403AndBackendErrorOn500AreTyped() async throws {
        try await GoogleHarness.run { google in
            let grant = try await google.connect("anna@example.com")
            try await google.injectFault("gmail.users.getProfile", status: 403)
            let throttled = await #expect(throws: ProviderError.self) {
                try await google.gmail.currentCursor(access: google.access(grant))
            }
            #expect(throttled?.code == .rateLimited)
            #expect(throttled?.providerCode == "userRateLimitExceeded")
            try await google.injectFault("gmail.users.getProfile", status: 500)
            let outage = await #expect(throws: ProviderError.self) {
                try await google.gmail.currentCursor(access: google.access(grant))
            }
            #expect(outage?.code == .transient)
            #expect(outage?.providerCode == "backendError")
        }
    }

    @Test func listingByTimeWindowFindsOnlyMessagesInside() async throws {
        try await GoogleHarness.run { google in
            let grant = try await google.connect("anna@example.com")
            let base = Date(timeIntervalSince1970: 1_790_000_000)
            var ids = [String]()
            for day in 0..<4 {
                ids.append(
                    try await google.deliver(
                        RawMessages.message(
                            from: "x@outside.test", to: "anna@example.com", subject: "Day \(day)",
                            messageID: "d\(day)@x"),
                        to: "anna@example.com", internalDate: base.addingTimeInterval(Double(day) * 86_400)))
            }
            let window = DateInterval(
                start: base.addingTimeInterval(86_400), end: base.addingTimeInterval(3 * 86_400 - 1))
            let page = try await google.gmail.listMessages(in: window, pageToken: nil, access: google.access(grant))
            #expect(page.messages.map(\.id) == [ids[2], ids[1]])
            #expect(page.nextPageToken == nil)
        }
    }

    @Test func fetchReturnsRawBytesIdsLabelsAndInternalDate() async throws {
        try await GoogleHarness.run { google in
            let grant = try await google.connect("anna@example.com")
            let raw = RawMessages.message(
                from: "x@outside.test", to: "anna@example.com", subject: "Raw", messageID: "raw@x", body: "é ünïcode")
            let date = Date(timeIntervalSince1970: 1_790_000_123)
            let id = try await google.deliver(raw, to: "anna@example.com", internalDate: date)
            let fetched = try await google.gmail.fetchMessage(
                ProviderMessageRef(id: id, threadID: nil), access: google.access(grant))
            #expect(fetched.raw == raw)
            #expect(fetched.message.id == id)
            #expect(fetched.message.threadID == id)
            #expect(fetched.state.labels.sorted() == ["INBOX", "UNREAD"])
            #expect(!fetched.state.isRead && !fetched.state.isSent)
            #expect(fetched.internalDate == date)
            #expect(fetched.ownCopyBcc.isEmpty)
            let missing = await #expect(throws: ProviderError.self) {
                try await google.gmail.fetchMessage(
                    ProviderMessageRef(id: "ffff", threadID: nil), access: google.access(grant))
            }
            #expect(missing?.code == .notFound)
        }
    }

    @Test func batchFetchMatchesAnswersByContentIDAndReportsMissingOnes() async throws {
        try await GoogleHarness.run { google in
            let grant = try await google.connect("anna@example.com")
            var refs = [ProviderMessageRef]()
            for index in 0..<60 {
                let id = try await google.deliver(
                    RawMessages.message(
                        from: "x@outside.test", to: "anna@example.com", subject: "N\(index)", messageID: "n\(index)@x"),
                    to: "anna@example.com")
                refs.append(ProviderMessageRef(id: id, threadID: nil))
            }
            refs.append(ProviderMessageRef(id: "0000000000000000", threadID: nil))
            let results = try await google.gmail.fetchMessages(refs, access: google.access(grant))
            #expect(results.count == 61)
            for (index, ref) in refs.prefix(60).enumerated() {
                let message = try #require(try? results[ref.id]?.get())
                #expect(String(decoding: message.raw, as: UTF8.self).contains("Subject: N\(index)\r\n"))
            }
            guard case .failure(let error) = results["0000000000000000"] else {
                Issue.record("expected a failure for the unknown id")
                return
            }
            #expect(error.code == .notFound)
        }
    }

    @Test func replySentWithThreadIDLandsInTheSameThreadWithOurHeaders() async throws {
        try await GoogleHarness.run { google in
            let grant = try await google.connect("anna@example.com")
            let access = google.access(grant)
            let inbound = try await google.deliver(
                RawMessages.message(
                    from: "client@outside.test", to: "anna@example.com", subject: "Quote", messageID: "q1@outside.test"),
                to: "anna@example.com")
            let reply = RawMessages.message(
                from: "anna@example.com", to: "client@outside.test", subject: "Re: Quote",
                messageID: "crm-1@mailsync.test",
                extraHeaders: ["In-Reply-To: <q1@outside.test>", "References: <q1@outside.test>"])
            let sent = try await google.gmail.send(
                SendRequest(raw: reply, messageID: "crm-1@mailsync.test", threadID: inbound), access: access)
            #expect(sent.message.threadID == inbound)
            let copy = try await google.gmail.fetchMessage(sent.message, access: access)
            let parsed = MessageParser().parse(copy.raw)
            #expect(parsed.messageID == "crm-1@mailsync.test")
            #expect(parsed.inReplyTo == ["q1@outside.test"])
            #expect(parsed.references == ["q1@outside.test"])
            #expect(copy.state.isSent && copy.state.isRead)

            let unrelated = RawMessages.message(
                from: "anna@example.com", to: "client@outside.test", subject: "Something else",
                messageID: "crm-2@mailsync.test", extraHeaders: ["In-Reply-To: <q1@outside.test>"])
            let split = try await google.gmail.send(
                SendRequest(raw: unrelated, messageID: "crm-2@mailsync.test", threadID: inbound), access: access)
            #expect(split.message.threadID != inbound)
        }
    }

    @Test func rfc822msgidFindsASentMessage() async throws {
        try await GoogleHarness.run { google in
            let grant = try await google.connect("anna@example.com")
            let access = google.access(grant)
            let raw = RawMessages.message(
                from: "anna@example.com", to: "client@outside.test", subject: "Hello", messageID: "a+b.c@mailsync.test")
            let sent = try await google.gmail.send(
                SendRequest(raw: raw, messageID: "a+b.c@mailsync.test", threadID: nil), access: access)
            let found = try await google.gmail.findMessage(messageID: "a+b.c@mailsync.test", access: access)
            #expect(found == sent.message)
            #expect(try await google.gmail.findMessage(messageID: "nothing@mailsync.test", access: access) == nil)
        }
    }

    @Test func bccOfTheSentCopyIsReadBackAndRecipientsGetNoBcc() async throws {
        try await GoogleHarness.run { google in
            let grant = try await google.connect("anna@example.com")
            try await google.createAccount("bob@example.com")
            let raw = RawMessages.message(
                from: "anna@example.com", to: "client@outside.test", subject: "Offer", messageID: "offer@mailsync.test",
                extraHeaders: ["Bcc: Sync <sync.k3v9x2@bcc.example.com>, bob@example.com"])
            let sent = try await google.sendAsOwner(raw, from: "anna@example.com")
            let copy = try await google.gmail.fetchMessage(
                ProviderMessageRef(id: sent.id, threadID: nil), access: google.access(grant))
            #expect(copy.ownCopyBcc.map(\.address) == ["sync.k3v9x2@bcc.example.com", "bob@example.com"])
            let received = try #require(try await google.mailbox("bob@example.com").first)
            #expect(received.labelIds == ["INBOX", "UNREAD"])
            #expect(!received.rawText.contains("Bcc:"))
            #expect(received.messageId == "offer@mailsync.test")
        }
    }

    @Test func markingReadAndUnreadChangesTheMailbox() async throws {
        try await GoogleHarness.run { google in
            let grant = try await google.connect("anna@example.com")
            let id = try await google.deliver(
                RawMessages.message(from: "x@outside.test", to: "anna@example.com", subject: "R", messageID: "r@x"),
                to: "anna@example.com")
            let ref = ProviderMessageRef(id: id, threadID: id)
            try await google.gmail.setRead(true, message: ref, access: google.access(grant))
            #expect(try await google.mailbox("anna@example.com").first?.labelIds == ["INBOX"])
            try await google.gmail.setRead(false, message: ref, access: google.access(grant))
            #expect(try await google.mailbox("anna@example.com").first?.labelIds == ["INBOX", "UNREAD"])
        }
    }
}
