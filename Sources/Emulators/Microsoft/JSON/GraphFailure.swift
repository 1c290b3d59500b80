import Foundation

/// A Graph error answer: the status and `{"error": {"code", "message", "innerError"}}`
/// (https://learn.microsoft.com/graph/errors).
struct GraphFailure: Error, Sendable {
    var status: Int
    var code: String
    var message: String
    var retryAfter: String?

    init(_ status: Int, _ code: String, _ message: String, retryAfter: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.retryAfter = retryAfter
    }

    static func notFound() -> GraphFailure {
        GraphFailure(404, "ErrorItemNotFound", "The specified object was not found in the store.")
    }

    static func badRequest(_ message: String, code: String = "BadRequest") -> GraphFailure {
        GraphFailure(400, code, message)
    }

    var body: [UInt8] {
        struct Body: Encodable {
            struct Detail: Encodable {
                struct Inner: Encodable {
                    var date: String
                    var requestId: String
                    enum CodingKeys: String, CodingKey {
                        case date
                        case requestId = "request-id"
                    }
                }

                var code: String
                var message: String
                var innerError: Inner
            }

            var error: Detail
        }
        let inner = Body.Detail.Inner(date: GraphDateText.iso(Date()), requestId: UUID().uuidString.lowercased())
        return (try? Array(JSONEncoder().encode(Body(error: .init(code: code, message: message, innerError: inner)))))
            ?? []
    }
}
