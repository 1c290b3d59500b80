import Testing

@testable import Providers

/// The SIMD delimiter search finds exactly what a byte-by-byte search finds.
@Suite struct MultipartBodySearchTests {
    @Test(arguments: ["-", "--a", "--ab", "--batch_ab-b--a-bab"])
    func findsTheFirstOccurrenceFromEveryStart(needle: String) {
        let needle = Array(needle.utf8)
        let alphabet = Array("-ab_\r\n".utf8)
        var state: UInt64 = 7
        for count in 0...300 {
            let haystack = (0..<count).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return alphabet[Int(state >> 33) % alphabet.count]
            }
            let occurrences = haystack.indices.filter { haystack[$0...].starts(with: needle) }
            for start in 0...count {
                let expected = occurrences.first { $0 >= start }
                #expect(MultipartBody.find(needle, in: haystack, from: start) == expected, "\(count) \(start)")
            }
        }
    }
}
