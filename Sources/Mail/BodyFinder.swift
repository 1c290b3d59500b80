/// Chooses the body a mail client shows, exactly as Python's `EmailMessage.get_body` with a
/// one-subtype preference list: the first `text/<subtype>` part that is not an attachment,
/// depth first, entering only the start part (or first part) of a `multipart/related`.
enum BodyFinder {
    /// The shown `text/<subtype>` part, or nil.
    static func find(in part: MIMEPart, subtype: String) -> MIMEPart? {
        if part.isAttachment { return nil }
        if part.contentType.type == "text" {
            return part.contentType.subtype == subtype ? part : nil
        }
        guard part.isMultipart else { return nil }
        guard part.contentType.subtype == "related" else {
            for child in part.children {
                if let found = find(in: child, subtype: subtype) { return found }
            }
            return nil
        }
        var start: MIMEPart?
        if let startID = part.contentType.parameters["start"], !startID.isEmpty {
            let wanted = MessageIDList.parse(Array(startID.utf8)[...]).first ?? startID
            start = part.children.first { $0.contentID == wanted }
        }
        guard let candidate = start ?? part.children.first else { return nil }
        return find(in: candidate, subtype: subtype)
    }
}
