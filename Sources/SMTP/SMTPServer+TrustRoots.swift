extension SMTPServer {
    /// The certificate authorities a server's TLS certificate must chain to. The host name (or
    /// IP address) is always checked against the certificate.
    public struct TrustRoots: Sendable, Hashable {
        enum Base: Sendable, Hashable {
            case system
            case pem(String)
        }

        let base: Base

        private init(_ base: Base) {
            self.base = base
        }

        /// The system's trust store.
        public static let system = TrustRoots(.system)

        /// Only the given certificates, in PEM (e.g. a company's own CA, or a test CA).
        public static func certificates(pem: String) -> TrustRoots {
            TrustRoots(.pem(pem))
        }
    }
}
