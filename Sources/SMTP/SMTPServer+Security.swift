extension SMTPServer {
    /// Whether and how a connection to the server is encrypted.
    public struct Security: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case plaintext, startTLSIfOffered, startTLSRequired, implicitTLS
        }

        private let base: Base

        private init(_ base: Base) {
            self.base = base
        }

        /// No encryption, even when the server offers STARTTLS (a local relay or test server).
        public static let plaintext = Security(.plaintext)
        /// STARTTLS when the server offers it, plaintext otherwise (credentials still need TLS
        /// unless `allowsCredentialsWithoutTLS`).
        public static let startTLSIfOffered = Security(.startTLSIfOffered)
        /// STARTTLS, and a `SMTPError.tls` failure when the server does not offer it (port 587).
        public static let startTLSRequired = Security(.startTLSRequired)
        /// TLS from the first byte (port 465, RFC 8314).
        public static let implicitTLS = Security(.implicitTLS)

        /// The mode's name, e.g. `startTLSRequired`.
        public var description: String { base.rawValue }
    }
}
