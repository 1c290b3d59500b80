import AsyncHTTPClient
import Foundation
import JWTKit
import Mail
import NIOCore

/// Checks that a Gmail push really comes from Google's Pub/Sub: the `Authorization: Bearer` JWT
/// must be RS256-signed by a key of Google's JWKS, issued by Google, for the configured audience,
/// to the configured push service account (with a verified email), and not expired.
/// https://cloud.google.com/pubsub/docs/authenticate-push-subscriptions#validate_tokens
///
/// ```swift
/// let notification = try await verifier.verify(authorization: request.headers[.authorization], body: bytes)
/// ```
public struct GmailPushVerifier: Sendable {
    private let audience: String?
    private let serviceAccount: String?
    private let keySet: GoogleKeySet
    private let now: @Sendable () -> Date
    /// Clock difference tolerated on `exp` and `iat`.
    private let leeway: TimeInterval = 60

    /// Creates a verifier for the configured audience, service account and JWKS URL.
    public init(
        configuration: GoogleConfiguration, httpClient: HTTPClient, now: @escaping @Sendable () -> Date = Date.init
    ) {
        audience = configuration.pushAudience
        serviceAccount = configuration.pushServiceAccount
        keySet = GoogleKeySet(
            http: ProviderHTTP(client: httpClient, timeout: .seconds(10)), url: configuration.jwksURL.absoluteString,
            now: now)
        self.now = now
    }

    /// Verifies the token of a push and reads its notification.
    public func verify(authorization: String?, body: [UInt8]) async throws -> GmailPushNotification {
        try await verifyToken(authorization: authorization)
        return try GmailPushNotification(body: body)
    }

    /// Verifies the `Authorization` header value of a push.
    public func verifyToken(authorization: String?) async throws {
        guard let audience, let serviceAccount else { throw PushVerificationError(.notConfigured) }
        guard let authorization, authorization.lowercased().hasPrefix("bearer ") else {
            throw PushVerificationError(.missingToken)
        }
        let token = String(authorization.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
        let header = try Self.header(of: token)
        guard header.alg == "RS256" else { throw PushVerificationError(.badSignature) }
        let keys = try await keySet.collection(for: header.kid)
        let claims: PubSubPushClaims
        do {
            claims = try await keys.verify(token, as: PubSubPushClaims.self)
        } catch let error as JWTError where error.errorType == .malformedToken {
            throw PushVerificationError(.malformed)
        } catch {
            throw PushVerificationError(.badSignature)
        }
        let current = now()
        guard claims.exp.value.addingTimeInterval(leeway) > current,
            claims.iat.value.addingTimeInterval(-leeway) <= current
        else { throw PushVerificationError(.expired) }
        guard ["https://accounts.google.com", "accounts.google.com"].contains(claims.iss) else {
            throw PushVerificationError(.wrongIssuer)
        }
        guard claims.aud.value.contains(audience) else { throw PushVerificationError(.wrongAudience) }
        guard claims.email == serviceAccount else { throw PushVerificationError(.wrongServiceAccount) }
        guard claims.email_verified == true else { throw PushVerificationError(.unverifiedEmail) }
    }

    private struct Header: Decodable {
        var alg: String?
        var kid: String?
    }

    private static func header(of token: String) throws -> Header {
        guard let first = token.split(separator: ".", omittingEmptySubsequences: false).first,
            let bytes = Base64URL.decode(first),
            let header = try? JSONDecoder().decode(Header.self, from: Data(bytes))
        else { throw PushVerificationError(.malformed) }
        return header
    }
}
