/// A character set the parser can turn into text, looked up by its MIME name.
///
/// Every decoder is written here, on tables, so the same charsets work on Linux and macOS whatever
/// Foundation supports. Bytes a charset leaves unmapped become U+FFFD, as in Python's
/// `errors="replace"`.
struct Charset: Sendable {
    private enum Kind: Sendable {
        case utf8
        case latin1
        case table([UInt16])
    }

    private let kind: Kind

    static let utf8 = Charset(kind: .utf8)
    static let latin1 = Charset(kind: .latin1)

    /// The charset for a MIME charset name (any case, with aliases), or nil when unknown.
    ///
    /// US-ASCII is read as UTF-8: real mail labelled us-ascii often carries UTF-8, and every ASCII
    /// text decodes the same either way.
    static func named(_ rawName: some StringProtocol) -> Charset? {
        var name = rawName.lowercased().filter { !$0.isWhitespace && $0 != "\"" }
        if let star = name.firstIndex(of: "*") { name = String(name[..<star]) }
        switch name {
        case "utf-8", "utf8", "us-ascii", "ascii", "ansi_x3.4-1968", "iso646-us", "us", "646", "cp65001":
            return .utf8
        case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "iso-ir-100", "cp819", "ibm819":
            return .latin1
        case "iso-8859-2", "iso8859-2", "iso_8859-2", "latin2", "latin-2", "l2", "iso-ir-101":
            return Charset(kind: .table(CharsetTables.iso88592))
        case "iso-8859-15", "iso8859-15", "iso_8859-15", "latin-9", "latin9", "l9":
            return Charset(kind: .table(CharsetTables.iso885915))
        case "windows-1250", "cp1250", "x-cp1250", "win-1250":
            return Charset(kind: .table(CharsetTables.windows1250))
        case "windows-1252", "cp1252", "x-cp1252", "win-1252":
            return Charset(kind: .table(CharsetTables.windows1252))
        case "koi8-r", "koi8r", "cskoi8r", "koi8":
            return Charset(kind: .table(CharsetTables.koi8r))
        default:
            return nil
        }
    }

    /// The text of `bytes` in this charset.
    func decode(_ bytes: some Collection<UInt8>) -> String {
        switch kind {
        case .utf8:
            return String(decoding: bytes, as: UTF8.self)
        case .latin1:
            var scalars = String.UnicodeScalarView()
            for byte in bytes { scalars.append(Unicode.Scalar(byte)) }
            return String(scalars)
        case .table(let upperHalf):
            var scalars = String.UnicodeScalarView()
            for byte in bytes {
                if byte < 0x80 {
                    scalars.append(Unicode.Scalar(byte))
                } else {
                    let value = upperHalf[Int(byte) - 0x80]
                    scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
                }
            }
            return String(scalars)
        }
    }
}
