import Foundation
import Mail

/// Outgoing messages covering what the builder must write: any language in subjects and names,
/// long headers, text/HTML, attachments with RFC 2231 names, inline images, threading headers.
enum BuilderCases {
    static let date = Date(timeIntervalSince1970: 1_795_000_000)
    static let sender = MailAddress(displayName: "Jürgen Müller", address: "juergen@crm.example.com")
    static let names = [
        "Anna Schmidt", "Smith, John (Sales)", "O'Brien \"Pat\"", "Zofia Łukasiewicz", "Дмитрий Иванов", "李雷",
        "Ève Dubois", "🚀 Launch Team", "Ægir Þórsson", "नमस्ते", "=?not-a-word?=", "  spaced  out  ",
    ]
    static let subjects = [
        "Quarterly report", "Angebot für Müller GmbH – Größe XL", "Zażółć gęślą jaźń", "Привет, как дела?",
        "你好，世界", "Launch 🚀 today ✅",
        "A very long subject line that goes on and on well past the seventy-eight character folding limit of RFC 5322",
        String(repeating: "Überlänge ", count: 40), "Re: =?utf-8?q?literal?= text", "x" + String(repeating: "y", count: 200),
        "", "Tab\there",
    ]

    /// Named cases; every one must build, read back here and in Python identically.
    static var all: [(name: String, message: OutgoingMessage)] {
        var cases = [(String, OutgoingMessage)]()
        for (index, subject) in subjects.enumerated() {
            let name = names[index % names.count]
            var message = OutgoingMessage(
                from: sender, to: [MailAddress(displayName: name, address: "contact\(index)@example.org")],
                subject: subject, date: date)
            switch index % 4 {
            case 0: message.textBody = "Hello \(name),\n\nplain text only.\n-- \nSignature"
            case 1: message.htmlBody = "<p>Hallo <b>\(name)</b></p>\n<p>" + String(repeating: "Lange Zeile ", count: 120) + "</p>"
            case 2:
                message.textBody = "Zeile mit Umlauten: äöü ß\nTrailing space \nA=B\n" + String(repeating: "x", count: 1200)
                message.htmlBody = "<p>äöü</p>"
            default:
                message.textBody = "Body with attachments"
                message.attachments = [
                    OutgoingAttachment(filename: "report.pdf", contentType: "application/pdf", data: Array(0...255)),
                    OutgoingAttachment(
                        filename: "Übersicht – Straße & Söhne (final) \(String(repeating: "lang ", count: 12)).docx",
                        contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        data: Array("docx bytes".utf8)),
                    OutgoingAttachment(filename: "счёт.txt", contentType: "text/plain", data: Array("plain\r\nfile\r\n".utf8)),
                ]
            }
            cases.append(("subject \(index)", message))
        }
        var full = OutgoingMessage(
            from: sender,
            to: names.enumerated().map { MailAddress(displayName: $1, address: "p\($0)@example.org") },
            subject: "Everything", date: date)
        full.cc = [MailAddress(address: "cc@example.org"), MailAddress(displayName: "Čestmír Šťastný", address: "cs@example.cz")]
        full.bcc = [MailAddress(displayName: "Hidden Person", address: "bcc@example.org")]
        full.replyTo = [MailAddress(displayName: "Support Team", address: "support@crm.example.com")]
        full.inReplyTo = "parent.1@mail.example.com"
        full.references = (1...30).map { "ref\($0).\(String(repeating: "a", count: 20))@mail.example.com" } + ["parent.1@mail.example.com"]
        full.textBody = "Text part"
        full.htmlBody = "<p>HTML with image <img src=\"cid:logo@crm\"></p>"
        full.attachments = [
            OutgoingAttachment(filename: "logo.png", contentType: "image/png", data: [0x89, 0x50, 0x4E, 0x47], contentID: "logo@crm"),
            OutgoingAttachment(filename: "画像 ファイル.zip", contentType: "application/zip", data: Array(repeating: 7, count: 5000)),
        ]
        full.listUnsubscribe = ["mailto:unsubscribe@crm.example.com?subject=stop", "https://crm.example.com/u/abc123"]
        full.listUnsubscribeOneClick = true
        full.extraHeaders = [HeaderField(name: "X-CRM-Message", value: "42"), HeaderField(name: "X-Note", value: "Grüße aus Köln")]
        cases.append(("everything", full))
        var empty = OutgoingMessage(from: MailAddress(address: "a@example.com"), to: [], subject: "No body", date: date)
        empty.bcc = [MailAddress(address: "only-bcc@example.com")]
        cases.append(("no body, bcc only", empty))
        return cases
    }
}
