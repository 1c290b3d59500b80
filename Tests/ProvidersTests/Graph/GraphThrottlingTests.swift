import Emulators
import Foundation
import Providers
import Testing

/// Throttling, errors and the per-mailbox concurrency limit, over real HTTP.
@Suite struct GraphThrottlingTests {
    @Test func fractionalRetryAfterIsWaitedOutBeforeTheRetry() async throws {
        try await GraphFixture.with { fixture in
            let me = try await fixture.connect("ada@contoso.test")
            try await fixture.state.inject(.throttle(retryAfter: 0.35), account: me.account.id)
            let started = ContinuousClock.now
            let profile = try await fixture.client.profile(access: me.access)
            #expect(profile.address == "ada@contoso.test")
            #expect(ContinuousClock.now - started >= .milliseconds(350))
            let stats = try await fixture.state.stats(account: me.account.id)
            #expect(stats.throttledResponses == 1)
            #expect(stats.requestsDuringThrottle == 0)
        }
    }

    @Test func longRetryAfterEndsTheCallWithRateLimited() async throws {
        var options = GraphFixture.fastOptions
        options.longestInlineRetryWait = .milliseconds(100)
        try await GraphFixture.with(options: options) { fixture in
            let me = try await fixture.connect("ben@contoso.test")
            try await fixture.state.inject(.throttle(retryAfter: 2.5), account: me.account.id)
            let error = await #expect(throws: ProviderError.self) {
                _ = try await fixture.client.profile(access: me.access)
            }
            #expect(error?.code == .rateLimited)
            #expect(error?.retryAfter == .milliseconds(2500))
            #expect(error?.httpStatus == 429)
            #expect(error?.providerCode == "ApplicationThrottled")
        }
    }

    @Test func serviceUnavailableWithRetryAfterIsRateLimited() async throws {
        var options = GraphFixture.fastOptions
        options.inlineRetries = 0
        try await GraphFixture.with(options: options) { fixture in
            let me = try await fixture.connect("cy@contoso.test")
            try await fixture.state.inject(.serviceUnavailable(retryAfter: 0.5), account: me.account.id)
            let error = await #expect(throws: ProviderError.self) {
                _ = try await fixture.client.profile(access: me.access)
            }
            #expect(error?.code == .rateLimited)
            #expect(error?.retryAfter == .milliseconds(500))
        }
    }

    @Test(arguments: [
        (MicrosoftEmulatorFault.serverError(), ProviderError.Code.transient, 500),
        (MicrosoftEmulatorFault.unauthorized(), ProviderError.Code.unauthorized, 401),
    ])
    func graphErrorsMapToProviderErrors(fault: MicrosoftEmulatorFault, code: ProviderError.Code, status: Int)
        async throws
    {
        try await GraphFixture.with { fixture in
            let me = try await fixture.connect("dee@contoso.test")
            try await fixture.state.inject(fault, account: me.account.id)
            let error = await #expect(throws: ProviderError.self) {
                _ = try await fixture.client.profile(access: me.access)
            }
            #expect(error?.code == code)
            #expect(error?.httpStatus == status)
            #expect(error?.providerMessage != nil)
            #expect(error.map { String(describing: $0) }?.contains(error?.providerMessage ?? "-") == false)
            #expect(try await fixture.client.profile(access: me.access).address == "dee@contoso.test")
        }
    }

    @Test func atMostFourRequestsRunAtOnceForOneMailbox() async throws {
        try await GraphFixture.with { fixture in
            let me = try await fixture.connect("eve@contoso.test")
            var refs = [ProviderMessageRef]()
            for index in 0..<8 {
                let delivered = try await fixture.receive("\(index)", by: me, from: "a@ext.test")
                refs.append(ProviderMessageRef(id: delivered.id, threadID: nil))
            }
            _ = try await fixture.client.profile(access: me.access)
            try await fixture.state.inject(.latency(milliseconds: 60), account: me.account.id)
            let results = try await fixture.client.fetchMessages(refs, access: me.access)
            #expect(results.values.allSatisfy { (try? $0.get()) != nil })
            let stats = try await fixture.state.stats(account: me.account.id)
            #expect(stats.maxConcurrentRequests == 4)
        }
    }
}
