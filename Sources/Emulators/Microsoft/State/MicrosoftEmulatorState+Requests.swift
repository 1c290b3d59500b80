import Foundation

extension MicrosoftEmulatorState {
    /// Counts a Graph request of the mailbox as in flight.
    func begin(_ accountID: String, immutableIDs: Bool) {
        var counts = stats[accountID, default: MicrosoftEmulatorStats()]
        counts.requests += 1
        if !immutableIDs { counts.requestsWithoutImmutableIDs += 1 }
        inFlight[accountID, default: 0] += 1
        counts.maxConcurrentRequests = max(counts.maxConcurrentRequests, inFlight[accountID, default: 0])
        stats[accountID] = counts
    }

    /// Counts a Graph request of the mailbox as answered.
    func end(_ accountID: String) {
        inFlight[accountID, default: 1] -= 1
    }

    /// Applies the mailbox's injected faults to one request for `path`: throws the failure Graph
    /// would send, or returns how long to delay the answer, in milliseconds.
    func checkFaults(_ accountID: String, path: String) throws -> Int {
        let now = Date()
        if let until = throttledUntil[accountID], until > now {
            stats[accountID, default: MicrosoftEmulatorStats()].requestsDuringThrottle += 1
            stats[accountID, default: MicrosoftEmulatorStats()].throttledResponses += 1
            throw throttled(seconds: until.timeIntervalSince(now))
        }
        guard var queue = faults[accountID], !queue.isEmpty else { return delay(accountID, path: path) }
        var fault = queue.removeFirst()
        fault.count -= 1
        if fault.count > 0 { queue.insert(fault, at: 0) }
        faults[accountID] = queue
        switch fault.kind {
        case .throttle:
            let seconds = fault.retryAfter ?? 1
            throttledUntil[accountID] = now.addingTimeInterval(seconds)
            stats[accountID, default: MicrosoftEmulatorStats()].throttledResponses += 1
            throw throttled(seconds: seconds)
        case .serviceUnavailable:
            stats[accountID, default: MicrosoftEmulatorStats()].throttledResponses += 1
            throw GraphFailure(
                503, "ServiceUnavailable", "The service is temporarily unavailable.",
                retryAfter: Self.seconds(fault.retryAfter ?? 1))
        case .serverError:
            throw GraphFailure(500, "UnknownError", "An internal server error occurred.")
        case .unauthorized:
            throw GraphFailure(401, "InvalidAuthenticationToken", "Access token validation failure.")
        case .latency:
            return delay(accountID, path: path)
        }
    }

    /// The mailbox's latency for a request to `path`.
    private func delay(_ accountID: String, path: String) -> Int {
        guard let latency = latency[accountID], latency.milliseconds > 0, latency.pathSuffix.map(path.hasSuffix) ?? true
        else { return 0 }
        stats[accountID, default: MicrosoftEmulatorStats()].delayedRequests += 1
        return latency.milliseconds
    }

    /// Graph's Outlook throttling answer (https://learn.microsoft.com/graph/throttling-limits#outlook-service-limits).
    private func throttled(seconds: TimeInterval) -> GraphFailure {
        GraphFailure(
            429, "ApplicationThrottled", "Application is over its MailboxConcurrency limit.",
            retryAfter: Self.seconds(seconds))
    }

    /// Seconds as `Retry-After` writes them here: with a fraction when there is one (`0.35`).
    static func seconds(_ value: TimeInterval) -> String {
        let millis = (value * 1000).rounded(.up)
        return millis.truncatingRemainder(dividingBy: 1000) == 0
            ? String(Int(millis / 1000)) : String(format: "%.3f", millis / 1000)
    }
}
