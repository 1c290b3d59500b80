/// The token endpoint's answer to a code or refresh-token redemption
/// (https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#successful-response-2).
struct MicrosoftTokenResponse: Decodable, Sendable {
    var accessToken: String
    var refreshToken: String?
    var idToken: String?
    var scope: String?
    var expiresIn: Int

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case refreshToken = "refresh_token"
        case idToken = "id_token"
        case scope
        case expiresIn = "expires_in"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        accessToken = try container.decode(String.self, forKey: .accessToken)
        refreshToken = try container.decodeIfPresent(String.self, forKey: .refreshToken)
        idToken = try container.decodeIfPresent(String.self, forKey: .idToken)
        scope = try container.decodeIfPresent(String.self, forKey: .scope)
        if let seconds = try? container.decode(Int.self, forKey: .expiresIn) {
            expiresIn = seconds
        } else {
            expiresIn = Int(try container.decode(String.self, forKey: .expiresIn)) ?? 3600
        }
    }
}

/// The token endpoint's error body: `error`, `error_description` (which starts with the
/// `AADSTSnnnnn` code), `error_codes`, and sometimes `suberror`
/// (https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#error-response-1).
struct MicrosoftTokenError: Decodable, Sendable {
    var error: String
    var errorDescription: String?
    var errorCodes: [Int]?
    var suberror: String?

    enum CodingKeys: String, CodingKey {
        case error
        case errorDescription = "error_description"
        case errorCodes = "error_codes"
        case suberror
    }

    /// The first AADSTS code, e.g. `AADSTS65001`.
    var aadstsCode: String? {
        if let code = errorCodes?.first { return "AADSTS\(code)" }
        return errorDescription.flatMap(MicrosoftIdentity.aadstsCode(in:))
    }
}
