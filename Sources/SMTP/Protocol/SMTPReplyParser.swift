import NIOCore

/// Cuts an SMTP server's byte stream into replies (RFC 5321 section 4.2): lines ending in CRLF
/// (a bare LF is tolerated), each `ddd-text` while more lines follow and `ddd text` (or `ddd`)
/// on the last, every line of a reply with the same code.
///
/// Feed it the bytes received so far; it consumes whole lines and returns a reply once its last
/// line arrived, keeping a partial reply until then.
struct SMTPReplyParser {
    /// Longer lines are not SMTP (RFC 5321 allows 512 octets; servers write a little more).
    static let maximumLineLength = 4096

    private var code: Int?
    private var lines: [String] = []

    /// Whether a multi-line reply has begun but not ended.
    var isInsideReply: Bool { code != nil }

    /// The next complete reply in `buffer`, consuming its lines; `nil` when more bytes are needed.
    mutating func parse(_ buffer: inout ByteBuffer) throws(SMTPError) -> SMTPReply? {
        while let line = try nextLine(&buffer) {
            let (lineCode, isLast, text) = try Self.split(line)
            if let code, code != lineCode {
                throw SMTPError(.protocolViolation, reason: "a multi-line reply changed its code")
            }
            code = lineCode
            lines.append(text)
            if isLast {
                let reply = SMTPReply(code: lineCode, lines: lines)
                code = nil
                lines = []
                return reply
            }
        }
        return nil
    }

    private func nextLine(_ buffer: inout ByteBuffer) throws(SMTPError) -> ArraySlice<UInt8>? {
        guard let end = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > Self.maximumLineLength {
                throw SMTPError(.protocolViolation, reason: "a reply line is too long")
            }
            return nil
        }
        let length = end - buffer.readerIndex
        var line = buffer.readBytes(length: length + 1)![...].dropLast()
        if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
        guard line.count <= Self.maximumLineLength else {
            throw SMTPError(.protocolViolation, reason: "a reply line is too long")
        }
        return line
    }

    private static func split(_ line: ArraySlice<UInt8>) throws(SMTPError) -> (code: Int, isLast: Bool, text: String) {
        let digits = line.prefix(3)
        guard digits.count == 3, digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            (UInt8(ascii: "2")...UInt8(ascii: "5")).contains(digits.first!)
        else {
            throw SMTPError(.protocolViolation, reason: "a reply line does not start with a reply code")
        }
        let code = digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        let rest = line.dropFirst(3)
        switch rest.first {
        case nil:
            return (code, true, "")
        case UInt8(ascii: " "):
            return (code, true, String(decoding: rest.dropFirst(), as: UTF8.self))
        case UInt8(ascii: "-"):
            return (code, false, String(decoding: rest.dropFirst(), as: UTF8.self))
        default:
            throw SMTPError(.protocolViolation, reason: "a reply code is followed by neither a space nor a hyphen")
        }
    }
}
