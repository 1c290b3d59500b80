import Foundation

/// Turns an `OutgoingMessage` into RFC 5322 bytes: encoded words for any language, a fresh
/// Message-ID on the service's domain, threading headers, `multipart/alternative` for text with
/// HTML, `multipart/related` for inline images, `multipart/mixed` with base64 attachments and
/// RFC 2231 names; CRLF line ends, lines within 998 octets.
///
/// ```swift
/// let builder = MessageBuilder(messageIDDomain: "mail.example.com")
/// let built = try builder.build(message)
/// provider.send(raw: built.bytes)   // and record built.messageID
/// ```
public struct MessageBuilder: Sendable {
    /// The domain on the right of every generated Message-ID (`MAILSYNC_MESSAGE_ID_DOMAIN`).
    public let messageIDDomain: String
    /// Whether Bcc is written: true for a copy kept in the sender's mailbox, false for what
    /// goes on the wire when the transport takes recipients separately.
    public let keepsBcc: Bool

    /// Creates a builder.
    public init(messageIDDomain: String, keepsBcc: Bool = false) {
        self.messageIDDomain = messageIDDomain
        self.keepsBcc = keepsBcc
    }

    /// A globally unique Message-ID on `messageIDDomain`, without angle brackets.
    public func newMessageID() -> String {
        let random = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let millis = UInt64(max(0, Date().timeIntervalSince1970 * 1000))
        return "\(String(millis, radix: 36)).\(random)@\(messageIDDomain)"
    }

    /// The message as bytes; throws when an address, id or header would be invalid or could
    /// inject header lines.
    public func build(_ message: OutgoingMessage) throws(MailBuildError) -> BuiltMessage {
        let messageID = message.messageID ?? newMessageID()
        try Self.checkMessageID(messageID, field: "messageID")
        var head = ""
        head += HeaderEncoder.field("From", try Self.addressList([message.from], field: "from"))
        if !message.replyTo.isEmpty {
            head += HeaderEncoder.field("Reply-To", try Self.addressList(message.replyTo, field: "replyTo"))
        }
        if !message.to.isEmpty { head += HeaderEncoder.field("To", try Self.addressList(message.to, field: "to")) }
        if !message.cc.isEmpty { head += HeaderEncoder.field("Cc", try Self.addressList(message.cc, field: "cc")) }
        if keepsBcc, !message.bcc.isEmpty {
            head += HeaderEncoder.field("Bcc", try Self.addressList(message.bcc, field: "bcc"))
        }
        try Self.checkNoLineBreak(message.subject, field: "subject")
        head += HeaderEncoder.field("Subject", HeaderEncoder.unstructured(message.subject))
        let seconds = Int64(message.date.timeIntervalSince1970.rounded(.down))
        head += HeaderEncoder.field("Date", MailDate(timestamp: seconds, utcOffsetMinutes: 0).rfc5322)
        head += HeaderEncoder.field("Message-ID", "<\(messageID)>")
        if let parent = message.inReplyTo {
            try Self.checkMessageID(parent, field: "inReplyTo")
            head += HeaderEncoder.field("In-Reply-To", "<\(parent)>")
        }
        if !message.references.isEmpty {
            for (index, id) in message.references.enumerated() {
                try Self.checkMessageID(id, field: "references[\(index)]")
            }
            head += HeaderEncoder.field("References", message.references.map { "<\($0)>" }.joined(separator: " "))
        }
        if !message.listUnsubscribe.isEmpty {
            for (index, uri) in message.listUnsubscribe.enumerated() {
                if uri.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," }) || !uri.isASCII {
                    throw MailBuildError(.lineBreakInHeader, field: "listUnsubscribe[\(index)]")
                }
                if uri.utf8.count > 900 { throw MailBuildError(.valueTooLong, field: "listUnsubscribe[\(index)]") }
            }
            head += HeaderEncoder.field("List-Unsubscribe", message.listUnsubscribe.map { "<\($0)>" }.joined(separator: ", "))
            if message.listUnsubscribeOneClick {
                head += HeaderEncoder.field("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
            }
        }
        for (index, field) in message.extraHeaders.enumerated() {
            let name = field.name
            guard name.count > 2, name.utf8.count <= 76, name.lowercased().hasPrefix("x-"),
                name.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) || $0 == ASCII.hyphen })
            else { throw MailBuildError(.invalidHeaderName, field: "extraHeaders[\(index)]") }
            let value = String(decoding: field.rawValue, as: UTF8.self)
            try Self.checkNoLineBreak(value, field: "extraHeaders[\(index)]")
            head += HeaderEncoder.field(name, HeaderEncoder.unstructured(value))
        }
        head += "MIME-Version: 1.0\r\n"
        var bytes = Array(head.utf8)
        bytes += try body(message).render()
        return BuiltMessage(messageID: messageID, bytes: bytes)
    }

    /// The MIME tree of the bodies and attachments.
    private func body(_ message: OutgoingMessage) throws(MailBuildError) -> OutgoingPart {
        var inline = [OutgoingPart]()
        var attached = [OutgoingPart]()
        for (index, attachment) in message.attachments.enumerated() {
            let part = try OutgoingPart.attachment(attachment, field: "attachments[\(index)]")
            if attachment.contentID != nil, message.htmlBody != nil { inline.append(part) } else { attached.append(part) }
        }
        var html = message.htmlBody.map { OutgoingPart.text($0, subtype: "html") }
        if let page = html, !inline.isEmpty {
            html = .multipart("related", [page] + inline, extraParameters: ["type=\"text/html\""])
        }
        let text = message.textBody.map { OutgoingPart.text($0, subtype: "plain") }
        let main: OutgoingPart
        switch (text, html) {
        case let (text?, html?): main = .multipart("alternative", [text, html])
        case let (text?, nil): main = text
        case let (nil, html?): main = html
        case (nil, nil): main = .text("", subtype: "plain")
        }
        return attached.isEmpty ? main : .multipart("mixed", [main] + attached)
    }

    private static func addressList(_ addresses: [MailAddress], field: String) throws(MailBuildError) -> String {
        var rendered = [String]()
        for (index, address) in addresses.enumerated() {
            let name = "\(field)[\(index)]"
            try checkAddress(address.address, field: name)
            if let display = address.displayName { try checkNoLineBreak(display, field: name) }
            var trimmed = address
            trimmed.displayName = address.displayName?.trimmingWhitespace()
            rendered.append(HeaderEncoder.mailbox(trimmed))
        }
        return rendered.joined(separator: ", ")
    }

    private static func checkAddress(_ address: String, field: String) throws(MailBuildError) {
        let bytes = Array(address.utf8)
        guard let at = bytes.lastIndex(of: ASCII.at), at > 0, at < bytes.count - 1, bytes.count <= 254,
            bytes.allSatisfy({ $0 > ASCII.space && $0 < 0x7F && $0 != ASCII.lessThan && $0 != ASCII.greaterThan
                && $0 != ASCII.comma && $0 != ASCII.semicolon && $0 != ASCII.quote && $0 != ASCII.openParen
                && $0 != ASCII.closeParen && $0 != ASCII.backslash })
        else { throw MailBuildError(.invalidAddress, field: field) }
    }

    private static func checkMessageID(_ id: String, field: String) throws(MailBuildError) {
        let bytes = Array(id.utf8)
        guard let at = bytes.firstIndex(of: ASCII.at), at > 0, at < bytes.count - 1, bytes.count <= 900,
            bytes.allSatisfy({ $0 > ASCII.space && $0 < 0x7F && $0 != ASCII.lessThan && $0 != ASCII.greaterThan })
        else { throw MailBuildError(.invalidMessageID, field: field) }
    }

    private static func checkNoLineBreak(_ text: String, field: String) throws(MailBuildError) {
        if text.utf8.contains(where: { $0 == ASCII.cr || $0 == ASCII.lf }) {
            throw MailBuildError(.lineBreakInHeader, field: field)
        }
    }
}

extension String {
    fileprivate var isASCII: Bool { utf8.allSatisfy { $0 < 0x80 } }
}
