import SyncCore
import Testing

/// Messages seen through a connection that is not `connected` never sync.
@Suite struct ConnectionStatusRulesTests {
    @Test(arguments: [
        (Connection.Status.superseded, SkipReason.supersededConnection),
        (.disconnected, .disconnected),
        (.needsReauth, .needsReauth),
    ])
    func connectionThatIsNotConnectedSkipsEvenACRMThreadMessageFromAContact(
        status: Connection.Status, reason: SkipReason
    ) {
        var fixture = RulesFixture(status: status)
        fixture.thread = .crm
        #expect(fixture.decide(inbound(from: "carla@customer.example")) == .skip(reason))
    }

    @Test func statusWinsOverFromUser() {
        let fixture = RulesFixture(status: .superseded)
        #expect(fixture.decide(inbound(from: "bert@agency.example")) == .skip(.supersededConnection))
    }

    @Test func connectedConnectionSyncs() {
        #expect(RulesFixture(status: .connected).decide(inbound(from: "carla@customer.example")).plan != nil)
    }
}
