/// Raw RFC 5322 messages for tests.
enum RawMessages {
    /// A plain-text message; extra header lines go after Subject.
    static func message(
        from: String, to: String, subject: String, messageID: String, extraHeaders: [String] = [],
        body: String = "Hello."
    ) -> [UInt8] {
        var lines = [
            "From: \(from)", "To: \(to)", "Subject: \(subject)", "Date: Sun, 29 Nov 2026 10:00:00 +0000",
            "Message-ID: <\(messageID)>",
        ]
        lines += extraHeaders
        lines += ["MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "", body, ""]
        return Array(lines.joined(separator: "\r\n").utf8)
    }
}
