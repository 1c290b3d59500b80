import Foundation
import TestSupport

/// A throwaway CA and a server certificate for 127.0.0.1 signed by it, made once per test run by
/// `scripts/smtp/certs.sh` (openssl CLI).
struct TestCertificates: Sendable {
    /// The CA certificate, PEM: the client's trust root.
    var caPEM: String
    /// The server certificate's file.
    var serverCertificate: String
    /// The server key's file.
    var serverKey: String

    /// `peer.py` options that make it offer TLS with these certificates.
    var peerOptions: [String] { ["--tls-cert", serverCertificate, "--tls-key", serverKey] }

    /// The certificates of this test run.
    static func shared() throws -> TestCertificates { try made.get() }

    private static let made = Result { () throws -> TestCertificates in
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-certs-\(UUID().uuidString)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [TestDatabase.repositoryRoot.appendingPathComponent("scripts/smtp/certs.sh").path, folder.path]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PeerFailure("scripts/smtp/certs.sh failed (exit \(process.terminationStatus)); is openssl installed?")
        }
        return TestCertificates(
            caPEM: try String(contentsOf: folder.appendingPathComponent("ca.pem"), encoding: .utf8),
            serverCertificate: folder.appendingPathComponent("server.pem").path,
            serverKey: folder.appendingPathComponent("server-key.pem").path)
    }
}
