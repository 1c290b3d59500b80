import NIOCore

/// A message's content as it goes on the wire after `DATA` (RFC 5321 section 4.5.2): line ends
/// made CRLF (a bare LF or bare CR becomes CRLF, so no server reads lines differently from this
/// client), a `.` doubled at the start of a line, a CRLF added when the content does not end in
/// one, and the closing `.` line.
struct EncodedContent: Sendable {
    /// The bytes to write, closing `.` line included.
    let bytes: ByteBuffer
    /// The message's size as SIZE counts it (RFC 1870): CRLF line ends, without the dots added
    /// for transparency and without the closing `.` line.
    let messageSize: Int
    /// Whether a byte is outside 7-bit ASCII (then `BODY=8BITMIME` is announced when offered).
    let has8BitBytes: Bool

    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")
    private static let dot = UInt8(ascii: ".")

    init(encoding content: [UInt8]) {
        var buffer = ByteBufferAllocator().buffer(capacity: content.count + content.count / 32 + 5)
        var stuffedDots = 0
        var has8BitBytes = false
        content.withUnsafeBufferPointer { bytes in
            var atLineStart = true
            var runStart = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte >= 0x80 { has8BitBytes = true }
                if atLineStart && byte == Self.dot {
                    buffer.writeInteger(Self.dot)
                    stuffedDots += 1
                }
                if byte == Self.cr || byte == Self.lf {
                    buffer.writeBytes(UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                    buffer.writeBytes([Self.cr, Self.lf])
                    if byte == Self.cr && index + 1 < bytes.count && bytes[index + 1] == Self.lf { index += 1 }
                    index += 1
                    runStart = index
                    atLineStart = true
                } else {
                    index += 1
                    atLineStart = false
                }
            }
            buffer.writeBytes(UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
            if !atLineStart { buffer.writeBytes([Self.cr, Self.lf]) }
        }
        messageSize = buffer.readableBytes - stuffedDots
        buffer.writeBytes([Self.dot, Self.cr, Self.lf])
        bytes = buffer
        self.has8BitBytes = has8BitBytes
    }
}
