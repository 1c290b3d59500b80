import Foundation
import NIOHTTP1

/// Google's HTTP batch format: inner requests as `application/http` parts of a
/// `multipart/mixed` body; the answer has one part per request, in any order, whose Content-ID
/// is the request's prefixed with `response-`.
/// https://developers.google.com/workspace/gmail/api/guides/batch
enum GoogleBatch {
    /// One inner request (no body: the client batches only GETs).
    struct Request: Sendable, Hashable {
        var contentID: String
        var method: String
        /// Path and query only; full URLs are not allowed inside a batch.
        var path: String
    }

    /// The outer request's body and Content-Type.
    static func encode(_ requests: [Request], boundary: String = "batch_" + UUID().uuidString) -> (
        body: [UInt8], contentType: String
    ) {
        var text = ""
        for request in requests {
            text += "--\(boundary)\r\n"
            text += "Content-Type: application/http\r\n"
            text += "Content-ID: <\(request.contentID)>\r\n\r\n"
            text += "\(request.method) \(request.path) HTTP/1.1\r\n\r\n"
        }
        text += "--\(boundary)--\r\n"
        return (Array(text.utf8), "multipart/mixed; boundary=\(boundary)")
    }

    /// The inner answers keyed by the request Content-ID they answer (`response-` removed); nil
    /// when the body is not a multipart answer.
    static func decodeResponse(_ body: [UInt8], contentType: String) -> [String: HTTPReply]? {
        guard let boundary = MultipartBody.boundary(of: contentType) else { return nil }
        var replies = [String: HTTPReply]()
        for part in MultipartBody.parts(of: body, boundary: boundary) {
            guard let id = part.headers["content-id"].map(contentIDValue),
                let reply = parseHTTPResponse(part.body)
            else { continue }
            replies[id.hasPrefix("response-") ? String(id.dropFirst("response-".count)) : id] = reply
        }
        return replies
    }

    private static func contentIDValue(_ header: String) -> String {
        header.trimmingCharacters(in: CharacterSet(charactersIn: " <>"))
    }

    /// `HTTP/1.1 200 OK`, header lines, a blank line, the body.
    private static func parseHTTPResponse(_ bytes: ArraySlice<UInt8>) -> HTTPReply? {
        guard let head = MultipartBody.splitHead(bytes) else { return nil }
        var lines = head.lines
        guard !lines.isEmpty else { return nil }
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, statusLine[0].hasPrefix("HTTP/"), let status = Int(statusLine[1]) else {
            return nil
        }
        var headers = HTTPHeaders()
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.add(
                name: String(line[..<colon]).trimmingCharacters(in: .whitespaces),
                value: String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
        }
        return HTTPReply(status: status, headers: headers, body: Array(head.body))
    }
}
