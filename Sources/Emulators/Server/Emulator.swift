/// One emulated provider (Google; Microsoft beside it) behind `EmulatorServer`.
public protocol Emulator: Sendable {
    /// Answers a request, or returns nil when the path is not one of this emulator's.
    func handle(_ request: EmulatorRequest) async -> EmulatorReply?
}
