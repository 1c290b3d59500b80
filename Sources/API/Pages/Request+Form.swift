import Foundation
import Hummingbird

extension Request {
    /// The body as `application/x-www-form-urlencoded` fields (the first value of a repeated name
    /// wins). The body is collected, so later reads see it again.
    mutating func formFields(context: some RequestContext) async throws -> [String: String] {
        let buffer = try await collectBody(upTo: 64 * 1024)
        var fields = [String: String]()
        for pair in String(buffer: buffer).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                $0.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            guard let name = parts.first, !name.isEmpty, fields[name] == nil else { continue }
            fields[name] = parts.count > 1 ? parts[1] : ""
        }
        return fields
    }

    /// A query parameter, nil when absent or empty.
    func query(_ name: String) -> String? {
        uri.queryParameters[Substring(name)].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
    }
}

extension Response {
    /// A 303 to `location` (after a form post, or to the sign-in page).
    static func seeOther(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }
}
