import Foundation
import Mail
import Testing

/// Python's `email` package is the reference: a generated corpus must read the same here.
@Suite struct PythonReferenceTests {
    @Test func generatedCorpusMatchesPythonFieldByField() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("mailsync-corpus-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try RepositoryPaths.runReference(["generate", directory.path, "--count", "600"])
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".eml") }.sorted()
        #expect(names.count >= 500)
        var differences = [String]()
        var leafCount = 0
        for name in names {
            let raw = try Data(contentsOf: directory.appendingPathComponent(name))
            let json = try Data(contentsOf: directory.appendingPathComponent(name.replacingOccurrences(of: ".eml", with: ".json")))
            let reference = try JSONDecoder().decode(PythonReference.self, from: json)
            let message = MessageParser().parse([UInt8](raw))
            leafCount += message.root.leaves.count
            differences += ReferenceComparison(message, reference, name: name).differences
        }
        #expect(leafCount > names.count)
        #expect(differences.isEmpty, "\(differences.count) differences, first: \(differences.prefix(30).joined(separator: "\n"))")
    }
}
