import Foundation

/// The quota budgets of every mailbox this process calls, keyed by provider account id.
///
/// A short wait for units is slept here; a longer one is thrown as `rateLimited` so the job is
/// rescheduled instead of holding a worker. Budgets are per process: with several workers each
/// stays under the limit on its own, and a 429 from Google pauses the mailbox here too.
public actor QuotaLedger {
    private var budgets: [String: QuotaBudget] = [:]
    private let prototype: QuotaBudget
    private let longestSleep: TimeInterval
    private let now: @Sendable () -> Date

    /// Creates a ledger whose mailboxes each start with `prototype` (a full bucket).
    public init(
        prototype: QuotaBudget = .gmailPerUser, longestSleep: TimeInterval = 2,
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.prototype = prototype
        self.longestSleep = longestSleep
        self.now = now
    }

    /// Spends `units` of the mailbox's budget, sleeping briefly when needed; throws `rateLimited`
    /// with the wait when it would be long.
    public func spend(_ units: Int, account: String) async throws {
        while true {
            var budget = budgets[account] ?? prototype
            let decision = budget.spend(units, at: now())
            budgets[account] = budget
            switch decision {
            case .proceed:
                return
            case .wait(let seconds) where seconds <= longestSleep:
                try await Task.sleep(for: .milliseconds(Int((seconds * 1000).rounded(.up))))
            case .wait(let seconds):
                throw ProviderError(.rateLimited, retryAfter: .milliseconds(Int((seconds * 1000).rounded(.up))))
            }
        }
    }

    /// Pauses the mailbox because the provider answered 429 with `Retry-After`.
    public func pause(account: String, for duration: Duration) {
        var budget = budgets[account] ?? prototype
        let current = now()
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        budget.pause(until: current.addingTimeInterval(seconds), at: current)
        budgets[account] = budget
    }
}
