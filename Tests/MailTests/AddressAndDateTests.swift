import Mail
import Testing

/// Address lists and dates as real mail writes them.
@Suite struct AddressAndDateTests {
    @Test(arguments: [
        ("a@example.com", [nil], ["a@example.com"]),
        ("Anna <Anna@Example.COM>", ["Anna"], ["Anna@Example.COM"]),
        ("\"Smith, John\" <j@x.org>, b@y.org", ["Smith, John", nil], ["j@x.org", "b@y.org"]),
        ("John Q. Public <jqp@x.org>", ["John Q. Public"], ["jqp@x.org"]),
        ("j@x.org (John Doe)", [nil], ["j@x.org"]),
        ("John (the man) Doe <j@x.org>", ["John Doe"], ["j@x.org"]),
        ("Team: a@x.org, B <b@x.org>;, c@x.org", [nil, "B", nil], ["a@x.org", "b@x.org", "c@x.org"]),
        ("undisclosed-recipients:;", [], []),
        ("<@relay.example,@other.example:route@x.org>", [nil], ["route@x.org"]),
        ("john . doe @ example . org", [nil], ["john.doe@example.org"]),
        ("\"john doe\"@example.org", [nil], ["\"john doe\"@example.org"]),
        ("a@x.org; b@y.org", [nil, nil], ["a@x.org", "b@y.org"]),
        ("=?utf-8?q?M=C3=BCller?= <m@x.de>", ["Müller"], ["m@x.de"]),
        ("\"=?utf-8?q?M=C3=BCller?=\" <m@x.de>", ["Müller"], ["m@x.de"]),
        ("=?utf-8?b?0JTQvNC4?= =?utf-8?b?0YLRgNC40Lk=?= <d@x.ru>", ["Дмитрий"], ["d@x.ru"]),
        ("Jürgen Müller <j@x.de>", ["Jürgen Müller"], ["j@x.de"]),
        ("user@[192.0.2.1]", [nil], ["user@[192.0.2.1]"]),
        ("MAILER-DAEMON", [nil], ["MAILER-DAEMON"]),
        (",, ,", [], []),
        ("<>", [], []),
    ] as [(String, [String?], [String])])
    func addressListsParse(value: String, names: [String?], addresses: [String]) {
        let parsed = MailAddress.parseList(value)
        #expect(parsed.map(\.displayName) == names)
        #expect(parsed.map(\.address) == addresses)
    }

    @Test func normalizedAddressesCompareCaseInsensitively() {
        let one = MailAddress.parseList("Anna <Anna.Schmidt@Example.COM>")
        let two = MailAddress.parseList("anna.schmidt@example.com")
        #expect(one.first?.normalized == two.first?.normalized)
        #expect(one.first?.normalized == "anna.schmidt@example.com")
    }

    @Test(arguments: [
        ("Tue, 3 Nov 2026 09:15:01 +0000", "2026-11-03T09:15:01+00:00"),
        ("3 Nov 2026 09:15:01 +0100", "2026-11-03T09:15:01+01:00"),
        ("Tue,  3 Nov 2026 09:15 -0500", "2026-11-03T09:15:00-05:00"),
        ("Tue, 03 Nov 26 09:15:01 GMT", "2026-11-03T09:15:01+00:00"),
        ("Tue, 3 Nov 2026 09:15:01 PST", "2026-11-03T09:15:01-08:00"),
        ("Tue, 3 Nov 2026 09:15:01 +0000 (UTC)", "2026-11-03T09:15:01+00:00"),
        ("Tue Nov  3 09:15:01 2026", "2026-11-03T09:15:01+00:00"),
        ("2026-11-03T09:15:01Z", "2026-11-03T09:15:01+00:00"),
        ("2026-11-03T09:15:01+05:30", "2026-11-03T09:15:01+05:30"),
        ("Tue, 3 November 2026 9:15:01 +0000", "2026-11-03T09:15:01+00:00"),
        ("Mon, 29 Feb 2028 23:59:60 -0000", "2028-02-29T23:59:59+00:00"),
        ("Tue, 3 Nov 1969 09:15:01 +0000", "1969-11-03T09:15:01+00:00"),
    ])
    func datesParse(value: String, iso: String) throws {
        #expect(try #require(MailDate(headerValue: value)).iso8601 == iso)
    }

    @Test(arguments: ["", "yesterday", "Tue, 31 Feb 2026 09:15:01 +0000", "3 Nov 2026", "Tue, 3 Nov 2026 25:00:00 +0000"])
    func unreadableDatesAreNil(value: String) {
        #expect(MailDate(headerValue: value) == nil)
    }

    @Test func datesRoundTripThroughRFC5322() throws {
        let date = MailDate(timestamp: 1_795_000_000, utcOffsetMinutes: -330)
        #expect(date.rfc5322 == "Wed, 18 Nov 2026 05:36:40 -0530")
        #expect(MailDate(headerValue: date.rfc5322) == date)
    }
}
