import Mail
import SyncCore
import Testing

/// SPEC "Conversations and threads": Message-ID plus a fingerprint (From, Date, size).
@Suite struct MessageFingerprintTests {
    static let original = MessageFingerprint(
        messageID: "m1@x", from: "carla@customer.example", date: 1_795_000_000, size: 1_234)

    @Test func keyIsPinnedSoStoredKeysStayValid() {
        #expect(Self.original.key == "091e401bc90b3fa3")
    }

    @Test(arguments: [
        MessageFingerprint(messageID: "m1@x", from: "mallory@else.example", date: 1_795_000_000, size: 1_234),
        MessageFingerprint(messageID: "m1@x", from: "carla@customer.example", date: 1_795_000_001, size: 1_234),
        MessageFingerprint(messageID: "m1@x", from: "carla@customer.example", date: nil, size: 1_234),
        MessageFingerprint(messageID: "m1@x", from: "carla@customer.example", date: 1_795_000_000, size: 1_235),
    ])
    func reusedMessageIDWithDifferentFromDateOrSizeIsADifferentMessage(other: MessageFingerprint) {
        #expect(other.messageID == Self.original.messageID)
        #expect(other.key != Self.original.key)
    }

    @Test func fromIsComparedCaseInsensitively() {
        let shouted = MessageFingerprint(
            messageID: "m1@x", from: "Carla@Customer.EXAMPLE", date: 1_795_000_000, size: 1_234)
        #expect(shouted.key == Self.original.key)
    }

    @Test func copiesThatDifferOnlyInDeliveryHeadersShareAKey() {
        func copy(deliveredTo: String) -> ParsedMessage {
            MessageParser().parse(
                Array(
                    """
                    Received: from mx.customer.example by mx.agency.example; Mon, 9 Nov 2026 10:00:05 +0000\r
                    Delivered-To: \(deliveredTo)\r
                    From: Carla <carla@customer.example>\r
                    To: anna@agency.example, bert@agency.example\r
                    Date: Mon, 9 Nov 2026 10:00:00 +0000\r
                    Message-ID: <m1@customer.example>\r
                    \r
                    Hello both\r

                    """.utf8))
        }
        let anna = copy(deliveredTo: "anna@agency.example")
        let bert = copy(deliveredTo: "bert.longer.address@agency.example")
        #expect(anna.size != bert.size)
        let annaKey = MessageFingerprint(message: anna, messageID: anna.messageID ?? "").key
        let bertKey = MessageFingerprint(message: bert, messageID: bert.messageID ?? "").key
        #expect(annaKey == bertKey)
    }

    @Test func derivedMessageIDIsStableAndDiffersPerProviderMessage() {
        func derived(_ provider: ProviderKind, _ account: String, _ message: String) -> String {
            MessageFingerprint.derivedMessageID(
                provider: provider, providerAccountID: account, providerMessageID: message)
        }
        let id = derived(.gmail, "1234", "18c2f")
        #expect(id == derived(.gmail, "1234", "18c2f"))
        #expect(id.hasSuffix(".gmail@derived.mailsync.invalid"))
        #expect(id != derived(.gmail, "1234", "18c30"))
        #expect(id != derived(.gmail, "5678", "18c2f"))
        #expect(id != derived(.microsoft, "1234", "18c2f"))
    }
}
