import Foundation
import Postgres
import TestSupport
import Testing

@Suite(.freshDatabase)
struct BindRoundTripTests {
    private func echo<T: PostgresEncodable & PostgresDecodable>(_ value: T, as sqlType: String) async throws -> T {
        let db = try TestDatabase.current.app
        let query = PostgresQuery(unsafeSQL: "SELECT $1::\(sqlType)", binds: [value.postgresBind])
        return try await db.query(query).single().decode(T.self, at: 0)
    }

    @Test(arguments: ["", "plain", "Grüße, Jürgen 🎉 — 東京", "quote ' and \" and \\ backslash", "line\nbreak\ttab"])
    func stringsRoundTrip(_ value: String) async throws {
        #expect(try await echo(value, as: "text") == value)
    }

    @Test(arguments: [0, 1, -1, Int.max, Int.min])
    func integersRoundTrip(_ value: Int) async throws {
        #expect(try await echo(value, as: "int8") == value)
        #expect(try await echo(Int64(value), as: "int8") == Int64(value))
    }

    @Test func int32AndBoolAndDoubleRoundTrip() async throws {
        #expect(try await echo(Int32.min, as: "int4") == Int32.min)
        #expect(try await echo(true, as: "bool") == true)
        #expect(try await echo(false, as: "bool") == false)
        for value in [0.1, -2.5e-300, 1.7976931348623157e308, Double.infinity, -Double.infinity] {
            #expect(try await echo(value, as: "float8") == value)
        }
        #expect(try await echo(Double.nan, as: "float8").isNaN)
    }

    @Test func uuidRoundTrips() async throws {
        let value = UUID()
        #expect(try await echo(value, as: "uuid") == value)
    }

    @Test(arguments: [0.0, 1_764_400_000.123456, -86_400.5, 4_102_444_800.999999])
    func timestampsRoundTripToTheMicrosecond(_ seconds: Double) async throws {
        let value = Date(timeIntervalSince1970: seconds)
        let back = try await echo(value, as: "timestamptz")
        #expect(abs(back.timeIntervalSince1970 - value.timeIntervalSince1970) < 0.000_001)
    }

    @Test func byteaRoundTripsEveryByteValue() async throws {
        let value = [UInt8](0...255) + [0, 0, 255]
        #expect(try await echo(value, as: "bytea") == value)
        #expect(try await echo([UInt8](), as: "bytea") == [])
    }

    @Test func textArrayRoundTripsWithNullsAndQuotes() async throws {
        let value = PostgresTextArray(["a", "with space", "quote\"", "back\\slash", nil, "NULL", "", "{brace}", "ü"])
        #expect(try await echo(value, as: "text[]") == value)
        #expect(try await echo(PostgresTextArray([]), as: "text[]") == PostgresTextArray([]))
    }

    @Test func jsonbRoundTrips() async throws {
        struct Payload: Codable, Equatable { var name: String; var count: Int }
        let value = try PostgresJSON(encoding: Payload(name: "ü \"x\"", count: 3))
        let back = try await echo(value, as: "jsonb")
        #expect(try back.decode(Payload.self) == Payload(name: "ü \"x\"", count: 3))
    }

    @Test func nullsDecodeAsOptionalsAndFailAsNonOptionals() async throws {
        let db = try TestDatabase.current.app
        let none: String? = nil
        let noBytes: [UInt8]? = nil
        let row = try await db.query("SELECT \(none), \(noBytes), \(Optional(UUID()))").single()
        #expect(try row.decode(String?.self, at: 0) == nil)
        #expect(try row.decode([UInt8]?.self, at: 1) == nil)
        #expect(try row.decode(UUID?.self, at: 2) != nil)
        let error = try #require(throws: PostgresError.self) { try row.decode(String.self, at: 0) }
        #expect(error.code == .unexpectedNull)
    }

    @Test func tupleDecodingReadsColumnsInOrder() async throws {
        let db = try TestDatabase.current.app
        let rows = try await db.query("SELECT g, g::text, g % 2 = 0 FROM generate_series(1, 3) AS g")
        let decoded = try rows.decode((Int, String, Bool).self)
        #expect(decoded.map(\.0) == [1, 2, 3])
        #expect(decoded.map(\.1) == ["1", "2", "3"])
        #expect(decoded.map(\.2) == [false, true, false])
    }

    @Test func valueInterpolatedInsideAQuotedLiteralIsRefusedBeforeSending() async throws {
        let db = try TestDatabase.current.app
        let prefix = "bench"
        let inside: PostgresQuery = "SELECT 'x-\(prefix)-y'"
        #expect(inside.interpolatesInsideLiteral)
        let error = try await #require(throws: PostgresError.self) { try await db.query(inside) }
        #expect(error.description.contains("inside a quoted SQL literal"))
        let outside: PostgresQuery = "SELECT 'it''s ' || \(prefix) || '!'"
        #expect(!outside.interpolatesInsideLiteral)
        #expect(try await db.query(outside).single().decode(String.self, at: 0) == "it's bench!")
    }

    @Test func interpolationNeverPutsValuesIntoSQLText() {
        let hostile = "'; DROP TABLE x; --"
        let query: PostgresQuery = "SELECT \(hostile), \(42)"
        #expect(query.sql == "SELECT $1, $2")
        #expect(query.binds.count == 2)
    }
}
