import Foundation
import Mail

/// The claims of the ID token that comes with a code exchange.
///
/// Its signature is not checked: it arrives straight from Google's token endpoint over TLS, in an
/// exchange authenticated with the client secret, which Google documents as sufficient.
/// https://developers.google.com/identity/openid-connect/openid-connect#obtainuserinfo
struct GoogleIDTokenClaims: Decodable, Sendable {
    /// The issuers Google uses.
    static let issuers: Set<String> = ["https://accounts.google.com", "accounts.google.com"]

    var iss: String
    var sub: String
    var email: String?
    var audience: String

    private enum CodingKeys: String, CodingKey {
        case iss, sub, email, aud
    }

    /// Reads the payload of a compact JWT.
    init(jwt: String) throws {
        let parts = jwt.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let payload = Base64URL.decode(parts[1]),
            let claims = try? JSONDecoder().decode(GoogleIDTokenClaims.self, from: Data(payload))
        else {
            throw ProviderError(.permanent, providerCode: "unreadableIDToken")
        }
        self = claims
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        iss = try container.decode(String.self, forKey: .iss)
        sub = try container.decode(String.self, forKey: .sub)
        email = try container.decodeIfPresent(String.self, forKey: .email)
        if let single = try? container.decode(String.self, forKey: .aud) {
            audience = single
        } else {
            audience = try container.decode([String].self, forKey: .aud).first ?? ""
        }
    }
}
