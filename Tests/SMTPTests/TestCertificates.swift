import Foundation
import TestSupport

/// A throwaway CA and a server certificate for 127.0.0.1 signed by it, made once per test run by
/// `scripts/smtp/certs.sh` (openssl CLI) into `.build/smtp-test-certificates`.
struct TestCertificates: Sendable {
    /// The CA certificate, PEM: the client's trust root.
    var caPEM: String
    /// The server certificate's file.
    var serverCertificate: String
    /// The server key's file.
    var serverKey: String

    /// `peer.py` options that make it offer TLS with these certificates.
    var peerOptions: [String] { ["--tls-cert", serverCertificate, "--tls-key", serverKey] }

    /// The certificates of this test run, made on first use.
    static func shared() async throws -> TestCertificates { try await made.value }

    // openssl runs on a Dispatch thread: Swift's cooperative pool has as few threads as cores.
    private static let made = Task {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try generate() }) }
        }
    }

    private static func generate() throws -> TestCertificates {
        // Made anew by each run in the build folder (one test run at a time holds it).
        let folder = TestDatabase.repositoryRoot.appendingPathComponent(".build/smtp-test-certificates")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [
            TestDatabase.repositoryRoot.appendingPathComponent("scripts/smtp/certs.sh").path, folder.path,
        ]
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
