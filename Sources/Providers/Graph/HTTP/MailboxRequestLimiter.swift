/// An async semaphore per mailbox: at most `permitsPerMailbox` calls run at once for one key, and
/// further callers wait in arrival order. Exchange Online allows four concurrent requests per
/// mailbox and app (https://learn.microsoft.com/graph/throttling-limits#outlook-service-limits),
/// so every Graph request of one process goes through one limiter.
///
/// ```swift
/// let limiter = MailboxRequestLimiter(permitsPerMailbox: 4)
/// let page = try await limiter.withPermit(for: access.accountID) { try await fetchPage() }
/// ```
public actor MailboxRequestLimiter {
    private struct Waiter {
        let id: Int
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct Slot {
        var inUse = 0
        var waiters: [Waiter] = []
    }

    /// How many calls may run at once for one mailbox.
    public let permitsPerMailbox: Int
    private var slots: [String: Slot] = [:]
    private var nextWaiterID = 0

    /// Creates a limiter.
    public init(permitsPerMailbox: Int = 4) {
        precondition(permitsPerMailbox > 0, "a limiter needs at least one permit")
        self.permitsPerMailbox = permitsPerMailbox
    }

    /// Runs `body` holding one of the mailbox's permits; waits for one when all are taken. A caller
    /// cancelled while waiting throws `CancellationError` and takes no permit.
    public nonisolated func withPermit<T: Sendable>(
        for mailbox: String, _ body: @Sendable () async throws -> T
    ) async throws -> T {
        try await acquire(mailbox)
        do {
            let result = try await body()
            await release(mailbox)
            return result
        } catch {
            await release(mailbox)
            throw error
        }
    }

    /// How many calls hold a permit for the mailbox now (for tests and metrics).
    public func running(for mailbox: String) -> Int {
        slots[mailbox]?.inUse ?? 0
    }

    /// How many callers wait for a permit of the mailbox now.
    public func waiting(for mailbox: String) -> Int {
        slots[mailbox]?.waiters.count ?? 0
    }

    private func acquire(_ mailbox: String) async throws {
        try Task.checkCancellation()
        if slots[mailbox, default: Slot()].inUse < permitsPerMailbox {
            slots[mailbox, default: Slot()].inUse += 1
            return
        }
        nextWaiterID += 1
        let id = nextWaiterID
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                if Task.isCancelled {
                    continuation.resume(throwing: CancellationError())
                } else {
                    slots[mailbox, default: Slot()].waiters.append(Waiter(id: id, continuation: continuation))
                }
            }
        } onCancel: {
            Task { await self.cancelWaiter(id, mailbox: mailbox) }
        }
    }

    /// Hands the permit to the first waiter, or returns it.
    private func release(_ mailbox: String) {
        guard var slot = slots[mailbox] else { return }
        if slot.waiters.isEmpty {
            slot.inUse -= 1
        } else {
            slot.waiters.removeFirst().continuation.resume()
        }
        slots[mailbox] = slot.inUse == 0 && slot.waiters.isEmpty ? nil : slot
    }

    private func cancelWaiter(_ id: Int, mailbox: String) {
        guard let index = slots[mailbox]?.waiters.firstIndex(where: { $0.id == id }) else { return }
        slots[mailbox]?.waiters.remove(at: index).continuation.resume(throwing: CancellationError())
    }
}
