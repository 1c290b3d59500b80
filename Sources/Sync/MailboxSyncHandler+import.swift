import Foundation
import Providers

extension MailboxSyncHandler {
    /// Fetches these provider messages through one connection and writes them for that connection
    /// only, in batches of ``resyncBatchSize`` (one transaction each): messages it already mapped
    /// are only updated, the others are decided (again). Late contacts and reconcile repairs use
    /// it. Returns false when the connection is no longer active or has no working grant.
    public func importMessages(_ providerMessageIDs: [String], mailboxID: UUID, connectionID: UUID) async throws
        -> Bool
    {
        guard let target = try await target(mailboxID, only: connectionID) else { return false }
        let refs = providerMessageIDs.map { ProviderMessageRef(id: $0, threadID: nil) }
        for start in stride(from: 0, to: refs.count, by: Self.resyncBatchSize) {
            let batch = Array(refs[start..<min(start + Self.resyncBatchSize, refs.count)])
            try await write(
                target, messages: try await fetch(batch, from: target), readStates: [], deleted: [], cursor: nil,
                isComplete: false)
        }
        return true
    }
}
