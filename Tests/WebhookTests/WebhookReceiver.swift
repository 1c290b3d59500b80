import Emulators
import Foundation
import Synchronization

/// A CRM webhook receiver on loopback (behind `EmulatorServer`): records every request and
/// answers 200, or 500 for the events it was told to fail.
final class WebhookReceiver: Emulator {
    /// One request as it arrived.
    struct Received: Sendable {
        var path: String
        var eventID: String
        var headers: [String: String]
        var body: [UInt8]
        var status: Int
    }

    private struct State {
        var received: [Received] = []
        var failures: [String: Int] = [:]
        var stalls: [String: Int] = [:]
    }

    /// How long a stalled request waits before it answers: ten times the tests' timeout, so a
    /// loaded machine still tells a cut-off request from one that was waited for.
    static let stall: Duration = .seconds(3)

    private let state = Mutex(State())

    /// The next `times` requests for event `eventID` answer 500.
    func fail(eventID: Int64, times: Int) {
        state.withLock { $0.failures[String(eventID)] = times }
    }

    /// The next `times` requests for event `eventID` answer only after ``stall`` (recorded as 504).
    func stall(eventID: Int64, times: Int) {
        state.withLock { $0.stalls[String(eventID)] = times }
    }

    /// Every request so far, in arrival order.
    var received: [Received] { state.withLock { $0.received } }

    /// The event ids a path acknowledged (answered 2xx), in order.
    func acknowledged(at path: String) -> [Int64] {
        received.filter { $0.path == path && $0.status == 200 }.compactMap { Int64($0.eventID) }
    }

    /// The event ids a path was sent, failures included, in order.
    func attempts(at path: String) -> [Int64] {
        received.filter { $0.path == path }.compactMap { Int64($0.eventID) }
    }

    func handle(_ request: EmulatorRequest) async -> EmulatorReply? {
        let eventID = request.headers["mailsync-event-id"] ?? ""
        let status = state.withLock { state in
            var status = 200
            if let left = state.failures[eventID], left > 0 {
                state.failures[eventID] = left - 1
                status = 500
            } else if let left = state.stalls[eventID], left > 0 {
                state.stalls[eventID] = left - 1
                status = 504
            }
            state.received.append(
                Received(
                    path: request.path, eventID: eventID, headers: request.headers, body: request.body, status: status))
            return status
        }
        if status == 504 { try? await Task.sleep(for: Self.stall) }
        return EmulatorReply(status: status, body: Array(#"{"echo":"never shown"}"#.utf8))
    }
}
