import Emulators
import Foundation

/// Generates the benchmark's mailboxes: realistic sizes (70% under 20 KB, 25% 20-200 KB, 5% with
/// an attachment up to 2 MB), half from known contacts, threads of 1-10 messages, deterministic
/// for a seed.
struct MailFactory {
    private var random: SeededGenerator

    init(seed: UInt64) {
        random = SeededGenerator(seed: seed)
    }

    /// `count` raw messages to `mailbox`, senders drawn from `contacts` (half) or strangers.
    mutating func mailbox(_ mailbox: String, count: Int, contacts: [String]) -> [[UInt8]] {
        var messages = [[UInt8]]()
        var threadNumber = 0
        while messages.count < count {
            threadNumber += 1
            let length = min(Int(random.next() % 10) + 1, count - messages.count)
            let fromContact = random.next() % 2 == 0
            let sender =
                fromContact
                ? contacts[Int(random.next() % UInt64(contacts.count))]
                : "stranger\(random.next() % 100_000)@elsewhere.example"
            var parent: String?
            for index in 0..<length {
                let id = "\(threadNumber).\(index).\(random.next() % 1_000_000_000)@\(mailbox.split(separator: "@")[0]).bench"
                messages.append(
                    message(from: sender, to: mailbox, id: id, parent: parent, subject: "Thread \(threadNumber)"))
                parent = id
            }
        }
        return messages
    }

    /// One message from `from`, with a body (and maybe an attachment) of the mix's size.
    mutating func message(from: String, to: String, id: String, parent: String?, subject: String) -> [UInt8] {
        let roll = random.next() % 100
        var headers = [
            "From: \(from)", "To: \(to)", "Subject: \(parent == nil ? "" : "Re: ")\(subject)",
            "Date: \(Self.date)", "Message-ID: <\(id)>", "MIME-Version: 1.0",
        ]
        if let parent { headers += ["In-Reply-To: <\(parent)>", "References: <\(parent)>"] }
        if roll < 70 {
            return Array(
                (headers + ["Content-Type: text/plain; charset=utf-8", "", text(bytes: 1_000 + Int(random.next() % 18_000))])
                    .joined(separator: "\r\n").utf8)
        }
        if roll < 95 {
            return Array(
                (headers + ["Content-Type: text/html; charset=utf-8", "", "<html><body><p>" + text(bytes: 20_000 + Int(random.next() % 180_000)) + "</p></body></html>"])
                    .joined(separator: "\r\n").utf8)
        }
        let attachment = bytes(count: 50_000 + Int(random.next() % 1_950_000)).base64EncodedString(
            options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        return Array(
            (headers + [
                "Content-Type: multipart/mixed; boundary=\"bench\"", "", "--bench",
                "Content-Type: text/plain; charset=utf-8", "", text(bytes: 2_000), "--bench",
                "Content-Type: application/pdf; name=\"report.pdf\"",
                "Content-Disposition: attachment; filename=\"report.pdf\"", "Content-Transfer-Encoding: base64", "",
                attachment, "--bench--", "",
            ]).joined(separator: "\r\n").utf8)
    }

    private static let date = "Sun, 29 Nov 2026 09:00:00 +0000"
    private static let words = [
        "quote", "order", "delivery", "invoice", "meeting", "thanks", "schedule", "project", "update", "proposal",
        "contract", "price", "monday", "call", "details", "attached", "please", "review", "regards", "team",
    ]

    private mutating func text(bytes: Int) -> String {
        var out = ""
        out.reserveCapacity(bytes + 16)
        var column = 0
        while out.utf8.count < bytes {
            let word = Self.words[Int(random.next() % UInt64(Self.words.count))]
            out += word
            column += word.count + 1
            if column > 70 {
                out += "\r\n"
                column = 0
            } else {
                out += " "
            }
        }
        return out
    }

    private mutating func bytes(count: Int) -> Data {
        var data = Data(capacity: count + 8)
        while data.count < count {
            var value = random.next()
            withUnsafeBytes(of: &value) { data.append(contentsOf: $0) }
        }
        return data.prefix(count)
    }
}
