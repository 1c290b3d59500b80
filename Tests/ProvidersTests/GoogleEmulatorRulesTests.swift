import Foundation
import Testing

@testable import Emulators

/// The emulator's own rules, without HTTP: Gmail threading, search, Bcc removal, history gaps.
@Suite struct GoogleEmulatorRulesTests {
    @Test(arguments: [
        ("Re: Quote", "quote"), ("RE: Fwd: Quote ", "quote"), ("AW: WG: Angebot", "angebot"), ("Quote", "quote"),
    ])
    func subjectsAreComparedWithoutReplyPrefixes(subject: String, normalized: String) {
        #expect(GmailThreading.normalizedSubject(subject) == normalized)
    }

    @Test(arguments: [
        ("  Hello\r\n\r\n  world  ", "Hello world"), ("", ""),
        (String(repeating: "ab ", count: 100), String(repeating: "ab ", count: 33) + "a"),
    ])
    func snippetsCollapseWhitespaceAndStopAtOneHundredCharacters(body: String, snippet: String) {
        #expect(EmulatedMailbox.snippet(of: body) == snippet)
        let collapsed = body.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(EmulatedMailbox.snippet(of: body) == String(collapsed.prefix(100)))
    }

    @Test func aRequestedThreadNeedsReferencesAndAMatchingSubject() {
        let subjects = ["t1": "quote"]
        func thread(_ requested: String?, _ references: [String], _ subject: String) -> String? {
            GmailThreading.thread(
                requested: requested, referencedIDs: references, subject: subject, threadSubject: { subjects[$0] },
                threadOfMessageID: { $0 == "q1@x" ? "t1" : nil })
        }
        #expect(thread("t1", ["q1@x"], "quote") == "t1")
        #expect(thread("t1", [], "quote") == nil)
        #expect(thread("t1", ["q1@x"], "other") == nil)
        #expect(thread(nil, ["q1@x"], "quote") == "t1")
        #expect(thread(nil, ["unknown@x"], "quote") == nil)
    }

    @Test func bccIsRemovedWithItsFoldedLinesAndNothingElse() {
        let raw = Array("From: a@x\r\nBcc: b@x,\r\n c@x\r\nTo: d@x\r\n\r\nBcc: in the body\r\n".utf8)
        #expect(
            String(decoding: RawHeaders.removing("Bcc", from: raw), as: UTF8.self)
                == "From: a@x\r\nTo: d@x\r\n\r\nBcc: in the body\r\n")
    }

    @Test func historyIDsIncreaseWithGapsAndExpiryRaisesTheFloor() {
        var mailbox = EmulatedMailbox(seed: 42)
        let before = mailbox.historyID
        for index in 0..<20 {
            _ = mailbox.add(
                raw: Array("Subject: \(index)\r\nMessage-ID: <\(index)@x>\r\n\r\nhi\r\n".utf8), labels: ["INBOX"],
                internalDate: 0, requestedThread: nil)
        }
        let ids = mailbox.history.map(\.id)
        #expect(ids.first! > before)
        #expect(zip(ids, ids.dropFirst()).allSatisfy { $0 < $1 })
        #expect(ids.last! - ids.first! > UInt64(ids.count - 1))
        mailbox.expireHistory()
        #expect(mailbox.historyFloor == mailbox.historyID)
        mailbox.trimHistory(keeping: 0)
        #expect(mailbox.history.isEmpty)
    }

    @Test func searchUnderstandsTimeWindowsMessageIDsAndLabels() {
        let message = EmulatedMessage(
            id: "1", threadID: "1", raw: Array("Subject: Hi\r\n\r\nhello world".utf8), labels: ["INBOX", "UNREAD"],
            internalDate: 1_790_000_000_000, historyID: 1, messageIDHeader: "A+B@x", subject: "Hi", snippet: "hello",
            addresses: ["anna@example.com"])
        #expect(GmailSearch("after:1789999999 before:1790000001").matches(message))
        #expect(!GmailSearch("after:1790000001").matches(message))
        #expect(GmailSearch("rfc822msgid:<a+b@x>").matches(message))
        #expect(GmailSearch("in:inbox is:unread from:anna").matches(message))
        #expect(!GmailSearch("in:sent").matches(message))
        #expect(GmailSearch("hello").matches(message))
    }
}
