import Foundation
import Hummingbird
import NIOCore

/// Small helpers the emulator's routes share: responses, forms, the request's origin.
enum EmulatorHTTP {
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response
    {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        var fields = headers
        fields[.contentType] =
            "application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func bytes(_ bytes: [UInt8], status: HTTPResponse.Status = .ok, contentType: String) -> Response {
        Response(
            status: status, headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func empty(_ status: HTTPResponse.Status, headers: HTTPFields = [:]) -> Response {
        Response(status: status, headers: headers)
    }

    static func failure(_ failure: GraphFailure) -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let retryAfter = failure.retryAfter { headers[.retryAfter] = retryAfter }
        return Response(
            status: HTTPResponse.Status(code: failure.status), headers: headers,
            body: .init(byteBuffer: ByteBuffer(bytes: failure.body)))
    }

    /// `http://{Host}`: links and upload URLs point back at whatever address the client used.
    static func origin(_ request: Request) -> String {
        "http://\(request.head.authority ?? "127.0.0.1")"
    }

    /// An `application/x-www-form-urlencoded` body or query as fields (`+` is a space).
    static func form(_ text: String) -> [String: String] {
        var fields = [String: String]()
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(part)
            }
            fields[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return fields
    }

    /// The request body, refusing more than `limit` bytes with Graph's 413.
    static func body(_ request: Request, limit: Int) async throws -> [UInt8] {
        do {
            return Array(buffer: try await request.body.collect(upTo: limit))
        } catch {
            throw GraphFailure(
                413, "RequestEntityTooLarge", "The request body exceeds the maximum size of \(limit) bytes.")
        }
    }

    /// Every `Prefer` preference of the request, from separate headers or comma-separated.
    static func preferences(_ request: Request) -> [String] {
        request.headers[values: .init("Prefer")!].flatMap { $0.split(separator: ",") }.map {
            $0.trimmingCharacters(in: .whitespaces)
        }
    }

    static func htmlEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
