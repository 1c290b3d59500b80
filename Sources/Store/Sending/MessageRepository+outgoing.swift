import Foundation
import Postgres
import SyncCore

extension MessageRepository {
    /// A stored message with its attachments' bytes, as a send builds it.
    public func stored(_ id: UUID) async throws -> OutgoingContent? {
        let subAccountID = try transaction.requireSubAccount()
        guard
            let row = try await transaction.connection.query(
                """
                SELECT id, thread_id, message_id, from_address, from_name, to_addresses, cc_addresses, bcc_addresses,
                    subject, text_body, html_body, in_reply_to, reference_ids, sent_at
                FROM messages WHERE sub_account_id = \(subAccountID) AND id = \(id)
                """
            ).first
        else { return nil }
        let attachments = try await transaction.connection.query(
            """
            SELECT part_id, filename, mime_type, content FROM message_attachments
            WHERE sub_account_id = \(subAccountID) AND message_id = \(id) AND content IS NOT NULL
            ORDER BY length(part_id), part_id
            """
        ).decode((String, String?, String, [UInt8]).self).map {
            OutgoingContent.Attachment(partID: $0.0, filename: $0.1, mimeType: $0.2, content: $0.3)
        }
        return OutgoingContent(
            id: try row.decode(UUID.self, column: "id"), threadID: try row.decode(UUID.self, column: "thread_id"),
            messageID: try row.decode(String.self, column: "message_id"),
            from: try row.decode(String?.self, column: "from_address").map {
                MailAddressText(address: $0, name: try row.decode(String?.self, column: "from_name"))
            },
            to: try row.decodeStrings(column: "to_addresses"), cc: try row.decodeStrings(column: "cc_addresses"),
            bcc: try row.decodeStrings(column: "bcc_addresses"),
            subject: try row.decode(String?.self, column: "subject"),
            textBody: try row.decode(String?.self, column: "text_body"),
            htmlBody: try row.decode(String?.self, column: "html_body"),
            inReplyTo: try row.decodeStrings(column: "in_reply_to"),
            references: try row.decodeStrings(column: "reference_ids"),
            sentAt: try row.decode(Date?.self, column: "sent_at"), attachments: attachments)
    }

    /// Changes a CRM message's sender (a send handed over to the user's new connection) and its
    /// fingerprint, which includes the From address.
    public func changeSender(_ id: UUID, from: MailAddressText, fingerprint: String, connectionID: UUID) async throws {
        let subAccountID = try transaction.requireSubAccount()
        try await transaction.connection.changeOne(
            """
            UPDATE messages SET from_address = \(from.address), from_name = \(from.name), fingerprint = \(fingerprint),
                sender_connection_id = \(connectionID), updated_at = now()
            WHERE sub_account_id = \(subAccountID) AND id = \(id)
            """, of: "messages")
    }
}
