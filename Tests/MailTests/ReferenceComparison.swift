@testable import Mail

/// Field-by-field differences between this parser's reading of a message and Python's.
struct ReferenceComparison {
    private(set) var differences = [String]()

    /// Python's phrase parser puts a space between adjacent encoded words (`=?..?= =?..?=`), which
    /// RFC 2047 6.2 says to drop; such a name counts as equal (docs/mail.md, accepted differences).
    static func acceptingPythonPhraseSpace(_ ours: String?, _ python: String?) -> String? {
        guard let ours, let python, ours != python else { return ours }
        let squeezed = { (text: String) in text.filter { !$0.isWhitespace } }
        return squeezed(ours) == squeezed(python) && python.count > ours.count ? python : ours
    }

    /// Compares `message` with `reference`; differences are prefixed with `name`.
    init(_ message: ParsedMessage, _ reference: PythonReference, name: String, compareLeaves: Bool = true) {
        func check<T: Equatable>(_ field: String, _ ours: T, _ theirs: T) {
            if ours != theirs { differences.append("\(name) \(field): ours \(ours) python \(theirs)") }
        }
        check("header names", message.header.fields.map { $0.name.lowercased() }, reference.headerNames)
        for (key, value) in reference.unstructured {
            check(key, message.header[key]?.value, value)
        }
        let lists: [(String, [MailAddress], [[String?]])] = [
            ("from", message.from, reference.from), ("to", message.to, reference.to), ("cc", message.cc, reference.cc),
            ("bcc", message.bcc, reference.bcc), ("reply-to", message.replyTo, reference.replyTo),
            ("sender", message.sender.map { [$0] } ?? [], reference.sender),
        ]
        for (field, ours, theirs) in lists {
            let aligned = zip(ours, theirs).map { mine, python -> [String?] in
                let name = Self.acceptingPythonPhraseSpace(mine.displayName, python.first ?? nil)
                return [name, mine.address]
            }
            check(field, ours.count == theirs.count ? aligned : ours.map { [$0.displayName, $0.address] }, theirs)
        }
        check("date", message.date?.timestamp, reference.date)
        check("message-id", message.messageID, reference.messageId)
        check("in-reply-to", message.inReplyTo, reference.inReplyTo)
        check("references", message.references, reference.references)
        check("text body", message.textBody, reference.text)
        check("html body", message.htmlBody, reference.html)
        guard compareLeaves else { return }
        let leaves = message.root.leaves
        check("leaf count", leaves.count, reference.leaves.count)
        for (ours, theirs) in zip(leaves, reference.leaves) {
            let at = "leaf \(theirs.path)"
            check("\(at) path", ours.path, theirs.path)
            check("\(at) type", ours.contentType.mimeType, theirs.type)
            check("\(at) filename", ours.filename, theirs.filename)
            check("\(at) disposition", ours.disposition?.kind, theirs.disposition)
            check("\(at) content-id", ours.contentID, theirs.contentId)
            if let text = theirs.text {
                check("\(at) text", ours.text, text)
            } else if let sha256 = theirs.sha256 {
                check("\(at) size", ours.body.count, theirs.size)
                check("\(at) sha256", SHA256.hexDigest(ours.body), sha256)
            }
        }
    }
}
