import Emulators
import Foundation
import Providers
import Testing

/// `GmailPushVerifier` accepts only Google-signed, current tokens for our audience and push
/// service account; the keys come from the emulator's JWKS URL.
@Suite struct GmailPushVerifierTests {
    private static let body = Array(
        """
        {"message":{"data":"eyJlbWFpbEFkZHJlc3MiOiJhbm5hQGV4YW1wbGUuY29tIiwiaGlzdG9yeUlkIjoxMjM0NTY3ODkwfQ==",\
        "messageId":"2070443601311540","publishTime":"2026-11-29T10:00:00Z"},\
        "subscription":"projects/mailsync-test/subscriptions/gmail-push"}
        """.utf8)

    private func claims(
        audience: String = GoogleHarness.pushAudience, email: String = GoogleHarness.pushServiceAccount,
        issuedAgo: Int = 10, lifetime: Int = 3600, issuer: String = "https://accounts.google.com"
    ) -> GoogleTokenClaims {
        let now = Int(Date().timeIntervalSince1970)
        return GoogleTokenClaims(
            iss: issuer, aud: audience, azp: "113774264463038321964", sub: "113774264463038321964", email: email,
            emailVerified: true, iat: now - issuedAgo, exp: now - issuedAgo + lifetime)
    }

    private func verify(_ google: GoogleHarness, _ token: String) async throws -> GmailPushNotification {
        try await GmailPushVerifier(configuration: google.configuration, httpClient: google.http)
            .verify(authorization: "Bearer \(token)", body: Self.body)
    }

    @Test func aTokenSignedByTheEmulatorsPublishedKeyVerifies() async throws {
        try await GoogleHarness.run { google in
            let token = try await google.emulator.signingKey.sign(claims())
            let notification = try await verify(google, token)
            #expect(notification.emailAddress == "anna@example.com")
            #expect(notification.historyID == 1_234_567_890)
            #expect(notification.pubSubMessageID == "2070443601311540")
        }
    }

    @Test func aForgedSignatureIsRejected() async throws {
        try await GoogleHarness.run { google in
            let forger = try await JWTSigningKey.generate(kid: google.emulator.signingKey.kid)
            let error = await #expect(throws: PushVerificationError.self) {
                try await verify(google, try await forger.sign(claims()))
            }
            #expect(error?.code == .badSignature)
        }
    }

    @Test(arguments: [
        (PushVerificationError.Code.expired, "expired"),
        (.wrongAudience, "audience"),
        (.wrongServiceAccount, "serviceAccount"),
        (.wrongIssuer, "issuer"),
    ])
    func aTokenWithAWrongClaimIsRejected(expected: PushVerificationError.Code, claim: String) async throws {
        try await GoogleHarness.run { google in
            let bad =
                switch claim {
                case "expired": claims(issuedAgo: 7200)
                case "audience": claims(audience: "https://attacker.example/hook")
                case "serviceAccount": claims(email: "someone@attacker.iam.gserviceaccount.com")
                default: claims(issuer: "https://evil.example")
                }
            let token = try await google.emulator.signingKey.sign(bad)
            let error = await #expect(throws: PushVerificationError.self) { try await verify(google, token) }
            #expect(error?.code == expected)
        }
    }

    @Test func aMissingOrMalformedAuthorizationIsRejected() async throws {
        try await GoogleHarness.run { google in
            let verifier = GmailPushVerifier(configuration: google.configuration, httpClient: google.http)
            let missing = await #expect(throws: PushVerificationError.self) {
                try await verifier.verify(authorization: nil, body: Self.body)
            }
            #expect(missing?.code == .missingToken)
            let malformed = await #expect(throws: PushVerificationError.self) {
                try await verifier.verify(authorization: "Bearer not-a-jwt", body: Self.body)
            }
            #expect(malformed?.code == .malformed)
        }
    }
}
