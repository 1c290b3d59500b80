import Foundation

extension Process {
    /// Waits until the process has exited, on a Dispatch thread: `waitUntilExit()` blocks its
    /// thread, and Swift's cooperative pool has only as many threads as cores (two on the CI
    /// machine), which every other test's tasks share.
    public func exited() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                self.waitUntilExit()
                continuation.resume()
            }
        }
    }
}
