import Foundation

/// What `mailsync mail parse` prints for one message: the parsed fields as one JSON object.
///
/// The CLI and the fuzzer both go through `init(parsing:)` and `jsonLine()`, so the fuzzer
/// exercises exactly what operators run when asking why a message did not sync.
public struct MailParseReport: Encodable, Sendable {
    struct Address: Encodable, Sendable {
        var name: String?
        var address: String
        var normalized: String
    }

    struct Part: Encodable, Sendable {
        var path: String
        var filename: String?
        var contentType: String
        var disposition: String?
        var contentID: String?
        var size: Int
        var sha256: String
    }

    struct Field: Encodable, Sendable {
        var name: String
        var value: String
    }

    struct Recipient: Encodable, Sendable {
        var finalRecipient: String?
        var action: String?
        var status: String?
        var diagnosticCode: String?
    }

    struct DeliveryStatus: Encodable, Sendable {
        var reportingMTA: String?
        var originalMessageID: String?
        var recipients: [Recipient]
    }

    /// The file the message came from, when read from one.
    public var file: String?
    var size: Int
    var headers: [Field]
    var subject: String?
    var from: [Address]
    var to: [Address]
    var cc: [Address]
    var bcc: [Address]
    var replyTo: [Address]
    var date: String?
    var messageID: String?
    var inReplyTo: [String]
    var references: [String]
    var textBody: String?
    var htmlBody: String?
    var attachments: [Part]
    var deliveryStatus: DeliveryStatus?
    var warnings: [String]

    /// Parses `bytes` with the service's parser and collects the report.
    public init(parsing bytes: [UInt8], file: String? = nil, parser: MessageParser = MessageParser()) {
        self.init(message: parser.parse(bytes), file: file)
    }

    /// Collects the report of an already parsed message.
    public init(message: ParsedMessage, file: String? = nil) {
        func addresses(_ list: [MailAddress]) -> [Address] {
            list.map { Address(name: $0.displayName, address: $0.address, normalized: $0.normalized) }
        }
        self.file = file
        size = message.size
        headers = message.header.fields.map { Field(name: $0.name, value: $0.value) }
        subject = message.subject
        from = addresses(message.from)
        to = addresses(message.to)
        cc = addresses(message.cc)
        bcc = addresses(message.bcc)
        replyTo = addresses(message.replyTo)
        date = message.date?.iso8601
        messageID = message.messageID
        inReplyTo = message.inReplyTo
        references = message.references
        textBody = message.textBody
        htmlBody = message.htmlBody
        attachments = message.attachments.map {
            Part(
                path: $0.path, filename: $0.filename, contentType: $0.contentType.mimeType,
                disposition: $0.disposition, contentID: $0.contentID, size: $0.size,
                sha256: $0.sha256Hex)
        }
        deliveryStatus = message.deliveryStatus.map { report in
            DeliveryStatus(
                reportingMTA: report.reportingMTA, originalMessageID: report.originalMessageID,
                recipients: report.recipients.map {
                    Recipient(
                        finalRecipient: $0.finalRecipient, action: $0.action, status: $0.status,
                        diagnosticCode: $0.diagnosticCode)
                })
        }
        warnings = message.warnings.map(\.description)
    }

    /// The report as one line of JSON (keys in snake_case, sorted).
    public func jsonLine() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
