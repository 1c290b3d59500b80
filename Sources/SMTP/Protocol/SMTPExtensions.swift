/// The service extensions a server announced in its EHLO reply (one keyword and its parameters
/// per line after the first), as far as this client uses them.
struct SMTPExtensions: Sendable, Hashable {
    /// Upper-cased keyword to its parameters, e.g. `"SIZE": ["35882577"]`.
    private var keywords: [String: [String]] = [:]

    /// No extensions: the server answered HELO, or EHLO before anything was parsed.
    init() {}

    /// Reads the extensions from a 250 reply to EHLO.
    init(ehloReply reply: SMTPReply) {
        for line in reply.lines.dropFirst() {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "=" }).map(String.init)
            guard let keyword = words.first?.uppercased() else { continue }
            // "AUTH=LOGIN PLAIN" is the pre-standard form of "AUTH LOGIN PLAIN"; merge both.
            keywords[keyword, default: []].append(contentsOf: words.dropFirst())
        }
    }

    /// Whether the server offers STARTTLS (RFC 3207).
    var offersStartTLS: Bool { keywords["STARTTLS"] != nil }
    /// Whether commands may be pipelined (RFC 2920).
    var offersPipelining: Bool { keywords["PIPELINING"] != nil }
    /// Whether `MAIL FROM` takes `SIZE=` (RFC 1870).
    var offersSize: Bool { keywords["SIZE"] != nil }
    /// The largest message the server takes, when it names one (`SIZE 0` or `SIZE` names none).
    var sizeLimit: Int? { keywords["SIZE"]?.first.flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil } }
    /// Whether `MAIL FROM` takes `BODY=8BITMIME` (RFC 6152).
    var offers8BitMIME: Bool { keywords["8BITMIME"] != nil }
    /// Whether UTF-8 addresses may be sent with `SMTPUTF8` (RFC 6531).
    var offersSMTPUTF8: Bool { keywords["SMTPUTF8"] != nil }
    /// The upper-cased SASL mechanisms after `AUTH`.
    var authMechanisms: Set<String> { Set((keywords["AUTH"] ?? []).map { $0.uppercased() }) }
}
