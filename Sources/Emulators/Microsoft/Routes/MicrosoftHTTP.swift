import Foundation

/// Small helpers the emulator's routes share: answers and forms.
enum MicrosoftHTTP {
    /// Graph's JSON content type.
    static let graphJSON =
        "application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8"

    static func json(
        _ value: some Encodable, status: Int = 200, headers: [(name: String, value: String)] = [],
        contentType: String = graphJSON
    ) -> MicrosoftEmulatorResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let data = (try? encoder.encode(value)).map { Array($0) } ?? Array("{}".utf8)
        return MicrosoftEmulatorResponse(status: status, headers: [("Content-Type", contentType)] + headers, body: data)
    }

    static func bytes(_ bytes: [UInt8], status: Int = 200, contentType: String) -> MicrosoftEmulatorResponse {
        MicrosoftEmulatorResponse(status: status, headers: [("Content-Type", contentType)], body: bytes)
    }

    static func empty(_ status: Int, headers: [(name: String, value: String)] = []) -> MicrosoftEmulatorResponse {
        MicrosoftEmulatorResponse(status: status, headers: headers)
    }

    static func redirect(_ location: String) -> MicrosoftEmulatorResponse {
        empty(302, headers: [("Location", location)])
    }

    static func failure(_ failure: GraphFailure) -> MicrosoftEmulatorResponse {
        var headers: [(name: String, value: String)] = [("Content-Type", "application/json")]
        if let retryAfter = failure.retryAfter { headers.append(("Retry-After", retryAfter)) }
        return MicrosoftEmulatorResponse(status: failure.status, headers: headers, body: failure.body)
    }

    /// An `application/x-www-form-urlencoded` body as fields (`+` is a space).
    static func form(_ bytes: [UInt8]) -> [String: String] {
        var fields = [String: String]()
        for pair in String(decoding: bytes, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(part)
            }
            fields[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return fields
    }

    /// Every `Prefer` preference of the request, from separate headers or comma-separated
    /// (RFC 7240).
    static func preferences(_ request: MicrosoftEmulatorRequest) -> [String] {
        request.headerValues("Prefer").flatMap { $0.split(separator: ",") }.map {
            $0.trimmingCharacters(in: .whitespaces)
        }
    }

    static func htmlEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
