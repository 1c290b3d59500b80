/// Why a push request was rejected. The description names the check, never the token.
public struct PushVerificationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Which check failed.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case missingToken, malformed, badSignature, expired, wrongIssuer, wrongAudience, wrongServiceAccount
            case unverifiedEmail, keysUnavailable, notConfigured
        }

        private let base: Base

        private init(_ base: Base) {
            self.base = base
        }

        /// No `Authorization: Bearer` header.
        public static let missingToken = Code(.missingToken)
        /// The token or the body is not in the expected format.
        public static let malformed = Code(.malformed)
        /// The signature does not verify against Google's published keys.
        public static let badSignature = Code(.badSignature)
        /// The token's `exp` has passed (or `iat` lies in the future).
        public static let expired = Code(.expired)
        /// The issuer is not Google.
        public static let wrongIssuer = Code(.wrongIssuer)
        /// The audience is not the configured one.
        public static let wrongAudience = Code(.wrongAudience)
        /// The token was not issued to the configured push service account.
        public static let wrongServiceAccount = Code(.wrongServiceAccount)
        /// The service account's email is not verified.
        public static let unverifiedEmail = Code(.unverifiedEmail)
        /// Google's key set could not be fetched.
        public static let keysUnavailable = Code(.keysUnavailable)
        /// Push audience or service account is not configured, so nothing can be accepted.
        public static let notConfigured = Code(.notConfigured)

        public var description: String { base.rawValue }
    }

    /// Which check failed.
    public var code: Code

    /// Creates an error.
    public init(_ code: Code) {
        self.code = code
    }

    public var description: String { "PushVerificationError.\(code)" }
}
