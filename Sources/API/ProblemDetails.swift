import Foundation
import Hummingbird

/// An HTTP error rendered as RFC 9457 problem details (`application/problem+json`).
///
/// `type` is a stable URI the CRM can switch on; `detail` is plain words for a person and never
/// carries a secret, a message body or another tenant's data.
public struct ProblemDetails: HTTPResponseError, Sendable, Encodable {
    /// A stable identifier of the problem kind, e.g. `https://mailsync.dev/problems/not-ready`.
    public var type: String
    /// A short summary of the problem kind.
    public var title: String
    /// The HTTP status code.
    public var statusCode: Int
    /// What went wrong this time, in plain words.
    public var detail: String?
    /// Field-level validation failures (RFC 9457's `invalid-params` extension).
    public var invalidParams: [InvalidParam] = []

    /// One invalid field of a request body or query.
    public struct InvalidParam: Sendable, Encodable, Hashable {
        /// The field's path, e.g. `email` or `attachmentPolicy.maxBytes`.
        public var name: String
        /// What is wrong with it.
        public var reason: String

        /// Creates an entry.
        public init(name: String, reason: String) {
            self.name = name
            self.reason = reason
        }
    }

    /// The HTTP status of the response.
    public var status: HTTPResponse.Status { HTTPResponse.Status(code: statusCode) }

    /// Creates a problem; `slug` becomes the last path segment of `type`.
    public init(slug: String, title: String, status: HTTPResponse.Status, detail: String? = nil) {
        self.type = "https://mailsync.dev/problems/\(slug)"
        self.title = title
        self.statusCode = status.code
        self.detail = detail
    }

    enum CodingKeys: String, CodingKey {
        case type, title, detail
        case statusCode = "status"
        case invalidParams = "invalid-params"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        try container.encode(title, forKey: .title)
        try container.encode(statusCode, forKey: .statusCode)
        try container.encodeIfPresent(detail, forKey: .detail)
        if !invalidParams.isEmpty { try container.encode(invalidParams, forKey: .invalidParams) }
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = try encoder.encode(self)
        return Response(
            status: status,
            headers: [.contentType: "application/problem+json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}
