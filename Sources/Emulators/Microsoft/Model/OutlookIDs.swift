/// Graph-looking opaque ids: base64 text with Exchange's usual prefixes. Immutable message ids
/// (`AAkALg...`) stay for an item's life; REST ids (`AAMkAD...`) change when it moves
/// (https://learn.microsoft.com/graph/outlook-immutable-id).
enum OutlookIDs {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")

    static func random(_ count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }

    static func immutableMessage() -> String { "AAkALg" + random(58) + "AAA=" }
    static func restMessage() -> String { "AAMkAD" + random(58) + "AAA=" }
    static func folder() -> String { "AQMkAD" + random(38) + "AAAA==" }
    static func conversation() -> String { "AAQkAD" + random(38) + "=" }
    static func token() -> String { random(48) }
}
