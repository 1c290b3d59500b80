import Hummingbird

/// The problem types the API answers with; each `type` URI is stable.
enum Problems {
    static func unauthorized(_ detail: String) -> ProblemDetails {
        ProblemDetails(slug: "unauthorized", title: "Unauthorized", status: .unauthorized, detail: detail)
    }

    static func forbidden(_ detail: String) -> ProblemDetails {
        ProblemDetails(slug: "forbidden", title: "Forbidden", status: .forbidden, detail: detail)
    }

    /// Unknown ids and other tenants' ids answer exactly alike.
    static func notFound(_ what: String) -> ProblemDetails {
        ProblemDetails(slug: "not-found", title: "Not found", status: .notFound, detail: "No such \(what).")
    }

    static func conflict(_ detail: String) -> ProblemDetails {
        ProblemDetails(slug: "conflict", title: "Conflict", status: .conflict, detail: detail)
    }

    static func invalidBody(_ detail: String, fields: [ProblemDetails.InvalidParam] = []) -> ProblemDetails {
        var problem = ProblemDetails(
            slug: "invalid-request", title: "Invalid request", status: .unprocessableContent, detail: detail)
        problem.invalidParams = fields
        return problem
    }

    static func tooLarge(limit: String = "1 MiB") -> ProblemDetails {
        ProblemDetails(
            slug: "payload-too-large", title: "Payload too large", status: .contentTooLarge,
            detail: "The request body is larger than \(limit).")
    }
}
