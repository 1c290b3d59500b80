import Foundation
import Mail
import Testing

/// base64url as Gmail's `raw` fields, JWTs and the service's tokens use it.
@Suite struct Base64URLTests {
    @Test(arguments: ["aGk", "aGk=", "aGk==", "-_8", "+/8=", " aGk=\r\n"])
    func readsPaddedUnpaddedAndStandardText(text: String) {
        #expect(Base64URL.decode(text) != nil)
    }

    @Test(arguments: ["a", "aGk*", "aG=k", "aGk= x", "ü"])
    func refusesWhatNoEncoderWrites(text: String) {
        #expect(Base64URL.decode(text) == nil)
    }

    @Test func roundTripsEveryByteWithoutPadding() {
        let bytes = (0...255).map(UInt8.init)
        let text = Base64URL.encode(bytes)
        #expect(!text.contains("=") && !text.contains("+") && !text.contains("/"))
        #expect(Base64URL.decode(text) == bytes)
    }

    /// Foundation's base64 with the URL alphabet swapped in is the reference, at every tail length.
    @Test(arguments: [0, 1, 2, 3, 4, 5, 6, 100, 1001, 65_537])
    func matchesFoundation(count: Int) {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let reference = Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
        #expect(Base64URL.encode(bytes, padded: true) == reference)
        #expect(Base64URL.encode(bytes) == reference.replacingOccurrences(of: "=", with: ""))
        #expect(Base64URL.decode(reference) == bytes)
    }
}
