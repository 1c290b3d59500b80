import Foundation
import Mail

/// The claims of an id token the service reads: the account's object id (`oid`, the stable id a
/// mailbox is keyed by), its tenant and its sign-in address
/// (https://learn.microsoft.com/entra/identity-platform/id-token-claims-reference).
///
/// The token comes straight from the token endpoint over TLS in the code flow, so its signature is
/// not checked here (OpenID Connect Core 3.1.3.7).
struct MicrosoftIDToken: Decodable, Sendable {
    var oid: String?
    var tid: String?
    var email: String?
    var preferredUsername: String?

    enum CodingKeys: String, CodingKey {
        case oid, tid, email
        case preferredUsername = "preferred_username"
    }

    /// The claims of a compact JWT, or nil when it is not one.
    init?(jwt: String) {
        let parts = jwt.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let payload = Base64URL.decode(parts[1]),
            let claims = try? JSONDecoder().decode(MicrosoftIDToken.self, from: Data(payload))
        else { return nil }
        self = claims
    }
}
