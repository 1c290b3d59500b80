import Foundation
import SyncCore
import Testing

/// SPEC rule 11 (late contacts) and the stable skip codes the decisions are stored with.
@Suite struct ReevaluationTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    @Test(arguments: [
        (SkipReason.notAContact, 1.0, true),
        (.notAContact, 29.9, true),
        (.notAContact, 30.0, true),
        (.notAContact, 30.01, false),
        (.fromUser, 1.0, false),
        (.labsDisabled, 1.0, false),
        (.attachmentTooLarge, 1.0, false),
    ])
    func lateContactBringsBackOnlyNotAContactSkipsOfTheLast30Days(reason: SkipReason, daysAgo: Double, expected: Bool) {
        let skippedAt = Self.now.addingTimeInterval(-daysAgo * 86_400)
        #expect(SyncRules.shouldReevaluate(skipReason: reason, skippedAt: skippedAt, now: Self.now) == expected)
    }

    @Test func lateContactMakesASkippedMessageSync() {
        var fixture = RulesFixture()
        let message = inbound(from: "ida@new.example")
        #expect(fixture.decide(message) == .skip(.notAContact))
        fixture.contacts.append(("ida@new.example", UUID()))
        #expect(fixture.decide(message).plan != nil)
    }

    @Test func onlyNeedsReauthSkipsAreDecidedAgainAfterReconnecting() {
        let retried = SkipReason.allCases.filter { SyncRules.shouldReevaluateOnReconnect(skipReason: $0) }
        #expect(retried == [.needsReauth])
    }

    @Test func skipCodesAreStable() {
        #expect(
            SkipReason.allCases.map(\.rawValue) == [
                "not_a_contact", "from_user", "labs_disabled", "attachment_too_large", "superseded_connection",
                "disconnected", "needs_reauth", "delivery_report", "automatic_bcc_copy", "duplicate_of_sent_copy",
                "sender_not_a_user",
            ])
        #expect(
            SyncReason.allCases.map(\.rawValue) == [
                "crm_thread", "synced_thread", "contact_inbound", "contact_outbound", "bcc_address", "bcc_copy",
                "crm_send",
            ])
    }

    @Test func storedCodesReadBack() {
        for reason in SkipReason.allCases { #expect(SkipReason(rawValue: reason.rawValue) == reason) }
        for reason in SyncReason.allCases { #expect(SyncReason(rawValue: reason.rawValue) == reason) }
        #expect(SkipReason(rawValue: "no_such_reason") == nil)
    }
}
