/// A delivery status notification (RFC 3464): which recipients failed or were delayed, and the
/// Message-ID of the message it reports on, so the sent CRM message can be marked bounced.
public struct DeliveryStatusReport: Sendable, Hashable {
    /// The per-recipient fields of one report.
    public struct Recipient: Sendable, Hashable {
        /// The address from `Final-Recipient`, without the `rfc822;` type.
        public var finalRecipient: String?
        /// The address from `Original-Recipient`, if given.
        public var originalRecipient: String?
        /// `failed`, `delayed`, `delivered`, `relayed` or `expanded`, lower-cased.
        public var action: String?
        /// The status code, e.g. `5.1.1`.
        public var status: String?
        /// The remote server's diagnostic, e.g. `smtp; 550 5.1.1 No such user`.
        public var diagnosticCode: String?

        /// Creates a recipient entry.
        public init(
            finalRecipient: String?, originalRecipient: String?, action: String?, status: String?,
            diagnosticCode: String?
        ) {
            self.finalRecipient = finalRecipient
            self.originalRecipient = originalRecipient
            self.action = action
            self.status = status
            self.diagnosticCode = diagnosticCode
        }
    }

    /// The `Reporting-MTA`, without its type.
    public var reportingMTA: String?
    /// The Message-ID of the reported message, from the returned message or its headers.
    public var originalMessageID: String?
    /// One entry per recipient block.
    public var recipients: [Recipient]

    /// Creates a report.
    public init(reportingMTA: String?, originalMessageID: String?, recipients: [Recipient]) {
        self.reportingMTA = reportingMTA
        self.originalMessageID = originalMessageID
        self.recipients = recipients
    }

    /// Whether any recipient failed permanently, so the message counts as bounced.
    public var hasFailure: Bool { recipients.contains { $0.action == "failed" } }

    /// The report among a message's leaf parts, or nil when none is a delivery status.
    static func find(in leaves: [MIMEPart], limits: ParseLimits) -> DeliveryStatusReport? {
        guard
            let status = leaves.first(where: {
                $0.contentType.mimeType == "message/delivery-status"
                    || $0.contentType.mimeType == "message/global-delivery-status"
            })
        else { return nil }
        var warnings = [ParseWarning]()
        let parser = HeaderBlockParser(limits: limits)
        var blocks = [MessageHeader]()
        let body = status.body[...]
        var start = body.startIndex
        while blocks.count < limits.maxParts {
            while start < body.endIndex, ASCII.isWhitespace(body[start]) { start += 1 }
            guard start < body.endIndex else { break }
            let (block, next) = parser.parse(body[start...], path: status.path, warnings: &warnings)
            if !block.fields.isEmpty { blocks.append(block) }
            guard next > start else { break }
            start = next
        }
        func typed(_ field: HeaderField?) -> String? {
            guard let value = field?.value else { return nil }
            let text = value.split(separator: ";", maxSplits: 1).last.map(String.init) ?? value
            return text.trimmingWhitespace()
        }
        let recipients = blocks.dropFirst().map { block in
            Recipient(
                finalRecipient: typed(block["final-recipient"]),
                originalRecipient: typed(block["original-recipient"]),
                action: block["action"].map { $0.value.trimmingWhitespace().lowercased() },
                status: block["status"].map { $0.value.trimmingWhitespace() },
                diagnosticCode: block["diagnostic-code"].map { $0.value.trimmingWhitespace() })
        }
        var originalID: String?
        let returnedTypes: Set = ["message/rfc822", "text/rfc822-headers", "message/rfc822-headers", "message/global",
            "message/global-headers"]
        if let returned = leaves.first(where: { returnedTypes.contains($0.contentType.mimeType) }) {
            let (header, _) = parser.parse(returned.body[...], path: returned.path, warnings: &warnings)
            originalID = header["message-id"].flatMap { MessageIDList.parse($0.rawValue[...]).first }
        }
        if originalID == nil, let first = blocks.first {
            originalID = (first["original-message-id"] ?? first["x-original-message-id"]).flatMap {
                MessageIDList.parse($0.rawValue[...]).first
            }
        }
        return DeliveryStatusReport(
            reportingMTA: blocks.first.flatMap { typed($0["reporting-mta"]) }, originalMessageID: originalID,
            recipients: Array(recipients))
    }
}
