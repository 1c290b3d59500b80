import Mail
import Testing

/// Thread resolution order: provider thread, In-Reply-To, References newest first; never subject.
@Suite struct ThreadResolverTests {
    static let reply = MessageParser().parse(Array("""
        Message-ID: <m4@x>\r
        In-Reply-To: <m3@x>\r
        References: <m1@x> <m2@x> <m3@x>\r
        Subject: Re: Angebot\r
        \r
        body
        """.utf8))

    static func resolve(
        _ message: ParsedMessage = reply, providerThread: String? = "gmail-t1", threads: [String: String],
        byMessageID: [String: String]
    ) async -> ThreadResolver.Match<String>? {
        await ThreadResolver.resolve(
            message, providerThreadID: providerThread,
            threadForProviderThread: { threads[$0] }, threadForMessageID: { byMessageID[$0] })
    }

    @Test func providerThreadWinsOverHeaders() async {
        let match = await Self.resolve(threads: ["gmail-t1": "crm-A"], byMessageID: ["m3@x": "crm-B"])
        #expect(match?.thread == "crm-A")
        #expect(match?.matchedBy == .providerThread("gmail-t1"))
    }

    @Test func inReplyToComesBeforeReferences() async {
        let match = await Self.resolve(threads: [:], byMessageID: ["m1@x": "crm-old", "m3@x": "crm-B"])
        #expect(match?.thread == "crm-B")
        #expect(match?.matchedBy == .inReplyTo("m3@x"))
    }

    @Test func referencesAreTriedNewestFirst() async {
        let message = MessageParser().parse(Array("Message-ID: <m4@x>\r\nReferences: <m1@x> <m2@x>\r\n\r\n".utf8))
        let match = await Self.resolve(message, threads: [:], byMessageID: ["m1@x": "crm-1", "m2@x": "crm-2"])
        #expect(match?.thread == "crm-2")
        #expect(match?.matchedBy == .reference("m2@x"))
    }

    @Test func subjectAloneNeverMatches() async {
        let message = MessageParser().parse(Array("Message-ID: <new@x>\r\nSubject: Re: Angebot\r\n\r\n".utf8))
        #expect(await Self.resolve(message, providerThread: nil, threads: [:], byMessageID: ["Angebot": "crm-A"]) == nil)
        #expect(ThreadResolver.keys(for: message, providerThreadID: nil).isEmpty)
    }

    @Test func keysSkipDuplicatesAndTheMessageItself() {
        let message = MessageParser().parse(Array("Message-ID: <a@x>\r\nIn-Reply-To: <b@x>\r\nReferences: <a@x> <c@x> <b@x>\r\n\r\n".utf8))
        #expect(ThreadResolver.keys(for: message, providerThreadID: "") == [.inReplyTo("b@x"), .reference("c@x")])
    }
}

extension ThreadResolver.Match: Equatable where Thread: Equatable {
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.thread == rhs.thread && lhs.matchedBy == rhs.matchedBy }
}
