import Foundation

/// One file of `migrations/`: `NNNN_name.sql`, applied in version order.
public struct Migration: Sendable, Hashable {
    /// The number the file name starts with.
    public var version: Int
    /// The file name, e.g. `0001_foundation.sql`.
    public var fileName: String
    /// The file's bytes, exactly as on disk (its checksum covers these).
    public var contents: [UInt8]

    /// True when the first line is `-- no-transaction`: the file runs statement by statement,
    /// outside a transaction (for `CREATE INDEX CONCURRENTLY` and the like).
    public var runsOutsideTransaction: Bool {
        let firstLine = contents.prefix { $0 != UInt8(ascii: "\n") }
        return String(decoding: firstLine, as: UTF8.self).trimmingCharacters(in: .whitespaces)
            == "-- no-transaction"
    }

    /// The file's text.
    public var sql: String { String(decoding: contents, as: UTF8.self) }

    /// Creates a migration from its parts.
    public init(version: Int, fileName: String, contents: [UInt8]) {
        self.version = version
        self.fileName = fileName
        self.contents = contents
    }

    /// Reads every `NNNN_name.sql` of a folder, sorted by version; other files are an error,
    /// so a misnamed migration cannot be skipped silently.
    public static func load(from directory: URL) throws -> [Migration] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw PostgresError(
                code: .migration, message: "cannot read migrations folder \(directory.path)",
                safeMessage: "cannot read migrations folder \(directory.path)")
        }
        var migrations: [Migration] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            guard let version = Self.version(ofFileName: name) else {
                throw PostgresError(
                    code: .migration, message: "unexpected file \(name) in migrations (expected NNNN_name.sql)",
                    safeMessage: "unexpected file \(name) in migrations (expected NNNN_name.sql)")
            }
            let contents = try [UInt8](Data(contentsOf: directory.appendingPathComponent(name)))
            migrations.append(Migration(version: version, fileName: name, contents: contents))
        }
        for (previous, next) in zip(migrations, migrations.dropFirst()) where previous.version == next.version {
            throw PostgresError(
                code: .migration, message: "two migrations share version \(next.version)",
                safeMessage: "\(previous.fileName) and \(next.fileName) share version \(next.version)")
        }
        return migrations
    }

    /// The version of a name like `0001_foundation.sql`, or nil.
    static func version(ofFileName name: String) -> Int? {
        guard name.hasSuffix(".sql") else { return nil }
        let stem = name.dropLast(4)
        let digits = stem.prefix { $0.isASCII && $0.isNumber }
        guard digits.count == 4, stem.dropFirst(4).first == "_", stem.count > 5,
            stem.dropFirst(5).allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") })
        else { return nil }
        return Int(digits)
    }
}
