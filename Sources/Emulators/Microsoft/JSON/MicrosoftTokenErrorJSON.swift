/// A token endpoint error
/// (https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#error-response-1).
struct MicrosoftTokenErrorJSON: Encodable, Sendable {
    var error: String
    var errorDescription: String
    var errorCodes: [Int]
    var timestamp: String
    var traceID: String
    var correlationID: String
    var suberror: String?

    enum CodingKeys: String, CodingKey {
        case error
        case errorDescription = "error_description"
        case errorCodes = "error_codes"
        case timestamp
        case traceID = "trace_id"
        case correlationID = "correlation_id"
        case suberror
    }
}
