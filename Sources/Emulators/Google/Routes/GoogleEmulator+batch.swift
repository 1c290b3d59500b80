import Foundation

extension GoogleEmulator {
    /// Google's limit on calls in one batch.
    static let maxBatchCalls = 100

    /// `POST /batch/gmail/v1`: each `application/http` part is run as its own Gmail call (the outer
    /// Authorization applies unless a part sets its own) and answered in a part whose Content-ID is
    /// `response-` plus the request's.
    /// https://developers.google.com/workspace/gmail/api/guides/batch
    func batch(_ request: EmulatorRequest) async -> EmulatorReply {
        if let fault = await world.takeFault(for: "batch") { return Self.faultReply(fault) }
        guard let contentType = request.header("content-type"), contentType.lowercased().hasPrefix("multipart/mixed"),
            let boundary = BatchMultipart.boundary(of: contentType)
        else {
            return Self.googleError(400, reason: "badRequest", message: "Batch requests must be multipart/mixed")
        }
        let parts = BatchMultipart.parts(of: request.body, boundary: boundary)
        guard parts.count <= Self.maxBatchCalls else {
            return Self.googleError(400, reason: "badRequest", message: "Too many requests in batch")
        }
        let responseBoundary = "batch_" + UUID().uuidString.replacingOccurrences(of: "-", with: "")
        var body = ""
        var bytes = [UInt8]()
        for part in parts {
            guard let inner = BatchMultipart.httpRequest(part.body, inheriting: request.headers) else { continue }
            let reply = await gmail(inner)
            body = "--\(responseBoundary)\r\nContent-Type: application/http\r\n"
            if let id = part.headers["content-id"] {
                let bare = id.trimmingCharacters(in: CharacterSet(charactersIn: " <>"))
                body += "Content-ID: <response-\(bare)>\r\n"
            }
            body += "\r\nHTTP/1.1 \(reply.status) \(Self.reasonPhrase(reply.status))\r\n"
            for (name, value) in reply.headers {
                body += "\(name): \(value)\r\n"
            }
            body += "Content-Length: \(reply.body.count)\r\n\r\n"
            bytes += Array(body.utf8) + reply.body + Array("\r\n".utf8)
        }
        bytes += Array("--\(responseBoundary)--\r\n".utf8)
        return EmulatorReply(
            status: 200, headers: [("Content-Type", "multipart/mixed; boundary=\(responseBoundary)")], body: bytes)
    }

    static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 204: "No Content"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }
}
