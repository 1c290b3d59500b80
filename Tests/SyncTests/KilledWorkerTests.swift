import Foundation
import JobQueue
import Store
import Sync
import SyncCore
import TestSupport
import Testing

/// A real `mailsync worker` process killed with SIGKILL while its sync has fetched from the
/// provider but not committed (a second worker process finishes the batch with no duplicate and
/// no loss), or right after the provider accepted its send (the retry finds the sent copy and
/// sends nothing twice). The worker's Gmail endpoints are Google's own (not configurable), so the mailbox is
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
            await doomed.exited()
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
            await second.exited()

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

    @Test func aWorkerKilledRightAfterTheProviderAcceptedASendDoesNotSendItTwice() async throws {
        try await SyncWorld.with(mailbox: "killsend", provider: .microsoft) { world in
            try await world.syncWithWorker()
            // The CRM writes a single email: message, outbox row and email.send job, as the API does.
            let writer = OutboundEmailWriter(
                settings: SendSettings(messageIDDomain: "killsend.test", publicURL: "http://127.0.0.1:9"),
                keyring: world.store.keyring, queue: world.queue)
            let contactID = try #require(world.contacts[SyncWorld.carol])
            let receipt = try await world.store.withTenant(world.scope) { tx in
                try await writer.write(
                    OutboundEmail(
                        kind: .single, actingUserID: try await tx.connections.get(world.connectionID)?.userID,
                        recipients: [.contact(contactID)], from: nil, subject: "Once only", textBody: "Hello Carol.",
                        htmlBody: nil), in: tx)
            }
            let messageIDHeader = try await world.column(
                "SELECT message_id FROM messages WHERE id = \(try #require(receipt.queued.first).messageID)",
                as: String.self
            ).first ?? ""
            // After `sendMail` is accepted the client looks its Sent copy up (`GET /me/messages`):
            // that lookup is slow, so the worker is killed after the provider took the mail.
            try await world.control.delay(world.address, milliseconds: 5_000, pathSuffix: "messages")
            let doomed = try startWorker(for: world)
            try await eventually("the provider accepted the send and the lookup is in flight", within: .seconds(30)) {
                try await world.control.stat("delayedRequests", of: world.address) > 0
            }
            kill(doomed.processIdentifier, SIGKILL)
            await doomed.exited()
            #expect(try await sentCopies(of: messageIDHeader, in: world) == 1)

            try await world.store.withTransaction { tx in
                _ = try await tx.connection.query(
                    "UPDATE jobs SET lease_expires_at = now() - interval '1 second' WHERE kind = 'email.send' AND state = 'running'")
            }
            try await world.control.delay(world.address, milliseconds: 0)
            let second = try startWorker(for: world)
            defer { if second.isRunning { kill(second.processIdentifier, SIGKILL) } }
            try await eventually("the second worker recorded the send", within: .seconds(30)) {
                try await world.count("SELECT count(*) FROM outbox WHERE state = 'sent'") == 1
            }
            second.terminate()
            await second.exited()
            // The retry found the copy by its Message-ID instead of sending again.
            #expect(try await sentCopies(of: messageIDHeader, in: world) == 1)
            #expect(try await world.count("SELECT count(*) FROM provider_message_maps WHERE message_id = \(try #require(receipt.queued.first).messageID)") == 1)
            #expect(try await world.count("SELECT count(*) FROM events WHERE type = 'message.sent'") == 1)
        }
    }

    /// Copies of a Message-ID in any folder of the world's Outlook mailbox.
    private func sentCopies(of messageID: String, in world: SyncWorld) async throws -> Int {
        let microsoft = try #require(world.microsoft)
        return try await microsoft.state.mailbox(of: world.address).flatMap { folder in
            folder.messages.filter { $0.internetMessageID == "<\(messageID)>" }
        }.count
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
