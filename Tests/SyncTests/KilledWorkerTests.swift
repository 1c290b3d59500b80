import Foundation
import JobQueue
import Store
import Sync
import SyncCore
import TestSupport
import Testing

/// A real `mailsync worker` process killed with SIGKILL while its sync has fetched from the
/// provider but not committed: a second worker process finishes the batch with no duplicate and
/// no loss. The worker's Gmail endpoints are Google's own (not configurable), so the mailbox is
/// an Outlook one, with the worker pointed at the Microsoft emulator by its environment.
@Suite(.freshDatabase, .serialized)
struct KilledWorkerTests {
    @Test func aWorkerKilledBetweenFetchingAndCommittingLeavesNothingHalfDone() async throws {
        try await SyncWorld.with(mailbox: "killed", provider: .microsoft) { world in
            try await world.syncWithWorker()
            let cursor = try await world.cursor()
            var delivered = [String]()
            for n in 1...3 {
                delivered.append(
                    try await world.deliver(
                        mail(from: SyncWorld.carol, to: [world.address], subject: "Kill \(n)", id: "kill\(n)@client.example"))
                    .id)
            }
            // Every message's MIME (`GET .../messages/{id}/$value`) is slow: the sync has listed and
            // fetched the rest and waits there, before its transaction. (The emulator's server
            // finishes those answers before it stops, so the delay is only as long as the kill needs.)
            try await world.control.delay(world.address, milliseconds: 3_000, pathSuffix: "value")
            let job = try #require(try await world.queue.enqueue([SyncJobs.sync(mailboxID: world.mailboxID)]).first)

            let doomed = try startWorker(for: world)
            try await eventually("the doomed worker is fetching the messages", within: .seconds(30)) {
                try await world.control.stat("delayedRequests", of: world.address) > 0
            }
            kill(doomed.processIdentifier, SIGKILL)
            doomed.waitUntilExit()
            #expect(try await world.count("SELECT count(*) FROM messages") == 0)
            #expect(try await world.count("SELECT count(*) FROM sync_decisions") == 0)
            #expect(try await world.cursor() == cursor)

            // The dead worker's lease runs out (shortened here instead of waiting a minute).
            try await world.store.withTransaction { tx in
                _ = try await tx.connection.query(
                    "UPDATE jobs SET lease_expires_at = now() - interval '1 second' WHERE id = \(job.id) AND state = 'running'")
            }
            try await world.control.delay(world.address, milliseconds: 0)
            let second = try startWorker(for: world)
            defer { if second.isRunning { kill(second.processIdentifier, SIGKILL) } }
            try await eventually("the second worker finished the sync", within: .seconds(30)) {
                try await world.count("SELECT count(*) FROM jobs WHERE id = \(job.id) AND state = 'succeeded'") == 1
            }
            second.terminate()
            second.waitUntilExit()

            #expect(
                try await world.column("SELECT message_id FROM messages ORDER BY message_id", as: String.self)
                    == (1...3).map { "kill\($0)@client.example" })
            for id in delivered { #expect(try await world.decision(id) == "synced/contact_inbound") }
            #expect(try await world.count("SELECT count(*) FROM provider_message_maps") == 3)
            #expect(try await world.count("SELECT count(*) FROM events WHERE type = 'message.synced'") == 3)
            #expect(try await world.count("SELECT count(*) FROM jobs WHERE id = \(job.id) AND attempts = 2") == 1)
            #expect(try await world.cursor() != cursor)
        }
    }

    /// Starts `.build/debug/mailsync worker` against the test database and the world's emulator
    /// origin, with the world's keyring.
    private func startWorker(for world: SyncWorld) throws -> Process {
        let executable = TestDatabase.repositoryRoot.appendingPathComponent(".build/debug/mailsync")
        try #require(FileManager.default.isExecutableFile(atPath: executable.path), "build mailsync first")
        let database = try TestDatabase.current
        let process = Process()
        process.executableURL = executable
        process.arguments = ["worker", "--concurrency", "2"]
        process.environment = [
            "MAILSYNC_DATABASE_URL": database.url(role: "mailsync_app"),
            "MAILSYNC_SECRET_KEYS": world.secretKeys,
            "MAILSYNC_MICROSOFT_CLIENT_ID": "emulator-client-id",
            "MAILSYNC_MICROSOFT_CLIENT_SECRET": "emulator-client-secret",
            "MAILSYNC_MICROSOFT_LOGIN_URL": world.origin.absoluteString,
            "MAILSYNC_GRAPH_API_URL": world.origin.absoluteString + "/v1.0",
            "MAILSYNC_PUBLIC_URL": "http://127.0.0.1:9",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }
}
