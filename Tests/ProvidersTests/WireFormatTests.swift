import Foundation
import NIOHTTP1
import Testing

@testable import Providers

/// The small wire-format pieces: PKCE, base64url, form encoding, Retry-After, batch bodies.
@Suite struct WireFormatTests {
    @Test func pkceChallengeMatchesRFC7636AppendixB() {
        let pkce = PKCE(verifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
        #expect(pkce.challenge == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
    }

    @Test func freshPKCEVerifiersAreLongUnreservedAndDistinct() {
        let first = PKCE()
        let second = PKCE()
        #expect((43...128).contains(first.verifier.count))
        #expect(first.verifier.allSatisfy { $0.isLetter || $0.isNumber || "-_".contains($0) })
        #expect(first.verifier != second.verifier)
    }

    @Test func formEncodingKeepsPlusSignsAndBracketsIntact() {
        #expect(FormEncoding.encode([("q", "rfc822msgid:<a+b@c>")]) == "q=rfc822msgid%3A%3Ca%2Bb%40c%3E")
    }

    @Test(arguments: [("7", 7), ("0", 0), ("Wed, 21 Oct 2015 07:28:00 GMT", 0)])
    func retryAfterReadsSecondsAndDates(header: String, seconds: Int) {
        #expect(RetryAfter.parse(header, now: Date(timeIntervalSince1970: 1_800_000_000)) == .seconds(seconds))
    }

    @Test func retryAfterDateInTheFutureIsTheDifference() {
        let now = Date(timeIntervalSince1970: 1_445_412_470)
        #expect(RetryAfter.parse("Wed, 21 Oct 2015 07:28:00 GMT", now: now) == .seconds(10))
        #expect(RetryAfter.parse("soon", now: now) == nil)
    }

    @Test func batchRequestHasOneApplicationHTTPPartPerCall() {
        let batch = GoogleBatch.encode(
            [
                .init(contentID: "item-0", method: "GET", path: "/gmail/v1/users/me/messages/a?format=raw"),
                .init(contentID: "item-1", method: "GET", path: "/gmail/v1/users/me/messages/b?format=raw"),
            ], boundary: "b0")
        #expect(batch.contentType == "multipart/mixed; boundary=b0")
        #expect(
            String(decoding: batch.body, as: UTF8.self)
                == "--b0\r\nContent-Type: application/http\r\nContent-ID: <item-0>\r\n\r\n"
                + "GET /gmail/v1/users/me/messages/a?format=raw HTTP/1.1\r\n\r\n"
                + "--b0\r\nContent-Type: application/http\r\nContent-ID: <item-1>\r\n\r\n"
                + "GET /gmail/v1/users/me/messages/b?format=raw HTTP/1.1\r\n\r\n--b0--\r\n")
    }

    @Test func batchResponseIsMatchedByContentIDInAnyOrder() throws {
        let body = try Fixtures.text("batch-response.txt")
        let parts = try #require(
            GoogleBatch.decodeResponse(
                Array(body.utf8), contentType: "multipart/mixed; boundary=batch_pK7JBAk73-E=_AA5eFwv4m2Q="))
        #expect(parts.keys.sorted() == ["item1:12930812@barnstormer.com", "item2:12930812@barnstormer.com"])
        #expect(parts["item1:12930812@barnstormer.com"]?.status == 200)
        #expect(parts["item2:12930812@barnstormer.com"]?.status == 404)
        let first = parts["item1:12930812@barnstormer.com"].map { String(decoding: $0.body, as: UTF8.self) }
        #expect(first?.contains("\"id\"") == true)
    }
}
