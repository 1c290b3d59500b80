import Foundation
import Postgres
import TestSupport
import Testing

@Suite(.freshDatabase)
struct CopyTests {
    /// Creates `name (id int PRIMARY KEY, note text, content bytea)` for the runtime role.
    private func makeTable(_ name: String) async throws -> PostgresClient {
        let database = try TestDatabase.current
        try await database.owner.query(
            "CREATE TABLE \(identifier: name) (id int PRIMARY KEY, note text, content bytea)")
        try await database.owner.query("GRANT ALL ON \(identifier: name) TO mailsync_app")
        return database.app
    }

    @Test func copyInDecodesEscapedTextNullsAndEveryByteValue() async throws {
        let db = try await makeTable("copy_in_probe")
        let everyByte = [UInt8](0...255)
        let hex = everyByte.map { String(format: "%02x", $0) }.joined()
        // COPY text format: \t \n \\ escapes, \N for NULL, bytea in hex with its backslash escaped.
        let data = "1\ttab\\there\\nnewline \\\\ backslash\t\\\\x\(hex)\n2\t\\N\t\\N\n"
        let copied = try await db.withConnection { connection in
            try await connection.copyIn("COPY copy_in_probe (id, note, content) FROM STDIN", data: Array(data.utf8))
        }
        #expect(copied == 2)
        let rows = try await db.query("SELECT note, content FROM copy_in_probe ORDER BY id").decode(
            (String?, [UInt8]?).self)
        #expect(rows.count == 2)
        #expect(rows.first?.0 == "tab\there\nnewline \\ backslash")
        #expect(rows.first?.1 == everyByte)
        #expect(rows.last?.0 == nil)
        #expect(rows.last?.1 == nil)
    }

    @Test func copyOutThenCopyInRoundTripsRowsUnchanged() async throws {
        let db = try await makeTable("copy_source")
        _ = try await makeTable("copy_target")
        let everyByte = [UInt8](0...255)
        try await db.query("INSERT INTO copy_source VALUES (1, \("a\tb\nc\\d\r\u{1}é"), \(everyByte))")
        try await db.query("INSERT INTO copy_source VALUES (2, NULL, NULL), (3, '', '')")
        let copied = try await db.withConnection { connection in
            let rows = try await connection.copyOut("COPY copy_source TO STDOUT")
            #expect(String(decoding: rows, as: UTF8.self).hasSuffix("2\t\\N\t\\N\n3\t\t\\\\x\n"))
            return try await connection.copyIn("COPY copy_target FROM STDIN", data: rows)
        }
        #expect(copied == 3)
        let differences = try await db.query(
            """
            SELECT count(*) FROM ((TABLE copy_source EXCEPT TABLE copy_target)
                UNION ALL (TABLE copy_target EXCEPT TABLE copy_source)) AS d
            """
        ).single().decode(Int.self, at: 0)
        #expect(differences == 0)
        let content = try await db.query("SELECT content FROM copy_target WHERE id = 1").single().decode(
            [UInt8].self, at: 0)
        #expect(content == everyByte)
    }

    @Test(arguments: [
        ("1\tfirst\t\\N\nnot-a-number\tsecond\t\\N\n", "22P02"),
        ("1\tfirst\t\\N\n1\tduplicate\t\\N\n", "23505"),
        ("1\tonly two columns\n", "22P04"),
    ])
    func badRowSurfacesTheServerErrorAndLeavesTheConnectionUsable(data: String, sqlState: String) async throws {
        let table = "copy_bad_\(sqlState.lowercased())"
        let db = try await makeTable(table)
        // Valid rows after the bad one: the server discards them once the COPY has failed.
        let trailer = (1_000..<50_000).map { "\($0)\tafter the error\t\\N\n" }.joined()
        try await db.withConnection { connection in
            let error = try await #require(throws: PostgresError.self) {
                try await connection.copyIn(
                    "COPY \(identifier: table) FROM STDIN", data: Array((data + trailer).utf8))
            }
            #expect(error.code == .server)
            #expect(error.sqlState == sqlState)
            #expect(!error.message.isEmpty)
            #expect(await connection.isIdleAndHealthy)
            let count = try await connection.query("SELECT count(*) FROM \(identifier: table)").single().decode(
                Int.self, at: 0)
            #expect(count == 0)
        }
    }

    @Test func copyTakesPartInTheSurroundingTransaction() async throws {
        struct Boom: Error {}
        let db = try await makeTable("copy_transaction_probe")
        await #expect(throws: Boom.self) {
            try await db.withTransaction { connection in
                try await connection.copyIn(
                    "COPY copy_transaction_probe FROM STDIN", data: Array("1\tundone\t\\N\n".utf8))
                throw Boom()
            }
        }
        await #expect(throws: PostgresError.self) {
            try await db.withTransaction { connection in
                try await connection.query("INSERT INTO copy_transaction_probe VALUES (2, 'undone', NULL)")
                try await connection.copyIn("COPY copy_transaction_probe FROM STDIN", data: Array("x\t\t\n".utf8))
            }
        }
        let copied = try await db.withTransaction { connection in
            try await connection.query("INSERT INTO copy_transaction_probe VALUES (3, 'inserted', NULL)")
            return try await connection.copyIn(
                "COPY copy_transaction_probe FROM STDIN", data: Array("4\tcopied\t\\N\n5\tcopied\t\\N\n".utf8))
        }
        #expect(copied == 2)
        let ids = try await db.query("SELECT id FROM copy_transaction_probe ORDER BY id").decodeColumn(Int.self)
        #expect(ids == [3, 4, 5])
    }

    @Test func largePayloadRoundTrips() async throws {
        let db = try await makeTable("copy_large_source")
        _ = try await makeTable("copy_large_target")
        // Eight rows of 1 MiB of bytea each: over 16 MiB of COPY text in hex.
        try await db.query(
            """
            INSERT INTO copy_large_source
            SELECT g, 'row ' || g, decode(repeat(md5(g::text), 65536), 'hex') FROM generate_series(1, 8) AS g
            """)
        let (exported, copied) = try await db.withConnection { connection in
            let rows = try await connection.copyOut("COPY copy_large_source TO STDOUT")
            return (rows, try await connection.copyIn("COPY copy_large_target FROM STDIN", data: rows))
        }
        #expect(exported.count > 16 << 20)
        #expect(copied == 8)
        let reexported = try await db.withConnection { connection in
            try await connection.copyOut("COPY (SELECT * FROM copy_large_target ORDER BY id) TO STDOUT")
        }
        #expect(reexported == exported)
    }

    @Test func statementsThatAreNotTheExpectedCopyAreRefusedAndTheConnectionStaysUsable() async throws {
        let db = try await makeTable("copy_direction_probe")
        try await db.withConnection { connection in
            let wrongWayIn = try await #require(throws: PostgresError.self) {
                try await connection.copyIn("COPY copy_direction_probe TO STDOUT", data: [])
            }
            #expect(wrongWayIn.code == .protocolViolation)
            let wrongWayOut = try await #require(throws: PostgresError.self) {
                try await connection.copyOut("COPY copy_direction_probe FROM STDIN")
            }
            #expect(wrongWayOut.code == .protocolViolation)
            let notACopy = try await #require(throws: PostgresError.self) {
                try await connection.copyOut("SELECT 1")
            }
            #expect(notACopy.code == .protocolViolation)
            let refused = try await #require(throws: PostgresError.self) {
                try await connection.copyOut("COPY no_such_table TO STDOUT")
            }
            #expect(refused.sqlState == "42P01")
            let bound = try await #require(throws: PostgresError.self) {
                try await connection.copyOut("COPY (SELECT \(1)) TO STDOUT")
            }
            #expect(bound.code == .protocolViolation)
            #expect(await connection.isIdleAndHealthy)
            #expect(try await connection.query("SELECT 1").single().decode(Int.self, at: 0) == 1)
        }
    }

    @Test func cancellingTheTaskCancelsTheCopy() async throws {
        let db = try TestDatabase.current.app
        let marker = "copy_cancel_\(UUID().uuidString.prefix(8).lowercased())"
        let copy = Task {
            try await db.withConnection { connection in
                try await connection.copyOut("COPY (SELECT pg_sleep(60) AS \(identifier: marker)) TO STDOUT")
            }
        }
        try await waitUntil("the COPY runs") {
            try await db.query(
                "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND strpos(query, \(marker)) > 0"
            ).single().decode(Int.self, at: 0) == 1
        }
        let started = ContinuousClock.now
        copy.cancel()
        let error = await #expect(throws: PostgresError.self) { try await copy.value }
        #expect(error?.sqlState == "57014")
        #expect(ContinuousClock.now - started < .seconds(30))
    }
}
