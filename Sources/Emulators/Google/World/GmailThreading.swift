/// Gmail's threading rule, as its API documents it for adding a message to a thread: the
/// message must reference the thread (`In-Reply-To` or `References`) and its subject must match
/// the thread's. A message without an explicit `threadId` joins the thread of a message it
/// references when the subjects match; anything else starts a new thread.
/// https://developers.google.com/workspace/gmail/api/guides/sending#sending_messages_as_replies
enum GmailThreading {
    /// The subject with reply and forward prefixes removed, trimmed and lowercased.
    static func normalizedSubject(_ subject: String) -> String {
        var text = subject.trimmingCharacters(in: .whitespaces)
        let prefixes = ["re:", "fwd:", "fw:", "aw:", "wg:", "sv:", "antw:"]
        var stripped = true
        while stripped {
            stripped = false
            for prefix in prefixes where text.lowercased().hasPrefix(prefix) {
                text = String(text.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
                stripped = true
            }
        }
        return text.lowercased()
    }

    /// The thread a new message joins, or nil for a new thread.
    /// - Parameters:
    ///   - requested: the `threadId` given with the request, if any.
    ///   - referencedIDs: In-Reply-To and References ids of the message.
    ///   - subject: the message's normalized subject.
    ///   - threadSubject: a thread's normalized subject, nil for an unknown thread.
    ///   - threadOfMessageID: the thread holding a message with this Message-ID, if any.
    static func thread(
        requested: String?, referencedIDs: [String], subject: String, threadSubject: (String) -> String?,
        threadOfMessageID: (String) -> String?
    ) -> String? {
        if let requested {
            guard !referencedIDs.isEmpty, threadSubject(requested) == subject else { return nil }
            return requested
        }
        for id in referencedIDs.reversed() {
            if let thread = threadOfMessageID(id), threadSubject(thread) == subject { return thread }
        }
        return nil
    }
}
