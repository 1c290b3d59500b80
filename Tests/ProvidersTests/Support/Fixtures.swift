import Foundation

/// `Tests/ProvidersTests/Fixtures/gmail/`: JSON shapes from Google's documentation.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/gmail")

    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(name))
    }

    static func text(_ name: String) throws -> String {
        String(decoding: try data(name), as: UTF8.self)
    }

    /// The set of key paths in a JSON document (arrays contribute their elements' paths), so two
    /// documents can be compared by structure, not by values.
    static func keyPaths(_ json: Any, prefix: String = "") -> Set<String> {
        switch json {
        case let object as [String: Any]:
            return object.reduce(into: Set<String>()) { paths, entry in
                let path = prefix.isEmpty ? entry.key : prefix + "." + entry.key
                paths.insert(path)
                paths.formUnion(keyPaths(entry.value, prefix: path))
            }
        case let array as [Any]:
            return array.reduce(into: Set<String>()) { $0.formUnion(keyPaths($1, prefix: prefix + "[]")) }
        default:
            return []
        }
    }
}
