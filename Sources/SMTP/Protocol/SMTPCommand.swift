import NIOCore
import SyncCore

/// One command line this client sends.
enum SMTPCommand: Sendable, Hashable {
    case ehlo(String)
    case helo(String)
    case startTLS
    /// `AUTH PLAIN` with its initial response (base64 of `\0user\0password`).
    case authPlain(SecretText)
    case authLogin
    /// A base64 answer to a server challenge (AUTH LOGIN's user name and password).
    case authResponse(SecretText)
    case mailFrom(String, parameters: [String])
    case recipient(String)
    case data
    /// The lone `.` that ends a DATA the server accepted although no recipient was (RFC 2920).
    case endOfEmptyData
    case quit

    /// The command's verb, for logs and errors; never an argument.
    var verb: String {
        switch self {
        case .ehlo: "EHLO"
        case .helo: "HELO"
        case .startTLS: "STARTTLS"
        case .authPlain, .authLogin: "AUTH"
        case .authResponse: "AUTH response"
        case .mailFrom: "MAIL FROM"
        case .recipient: "RCPT TO"
        case .data: "DATA"
        case .endOfEmptyData: "end of data"
        case .quit: "QUIT"
        }
    }

    /// Appends the command line and its CRLF.
    func write(to buffer: inout ByteBuffer) {
        switch self {
        case .ehlo(let name): buffer.writeString("EHLO \(name)")
        case .helo(let name): buffer.writeString("HELO \(name)")
        case .startTLS: buffer.writeString("STARTTLS")
        case .authPlain(let response): buffer.writeString("AUTH PLAIN \(response.value)")
        case .authLogin: buffer.writeString("AUTH LOGIN")
        case .authResponse(let response): buffer.writeString(response.value)
        case .mailFrom(let address, let parameters):
            buffer.writeString((["MAIL FROM:<\(address)>"] + parameters).joined(separator: " "))
        case .recipient(let address): buffer.writeString("RCPT TO:<\(address)>")
        case .data: buffer.writeString("DATA")
        case .endOfEmptyData: buffer.writeString(".")
        case .quit: buffer.writeString("QUIT")
        }
        buffer.writeString("\r\n")
    }
}
