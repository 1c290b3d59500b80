import Foundation

/// One HTTP answer of an emulator.
public struct EmulatorReply: Sendable {
    /// The status code.
    public var status: Int
    /// Header fields in order.
    public var headers: [(name: String, value: String)]
    /// The body.
    public var body: [UInt8]

    /// Creates an answer.
    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON answer in Google's style: fields without a value are left out (encoders skip nil).
    static func json(_ value: some Encodable, status: Int = 200) -> EmulatorReply {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = (try? encoder.encode(value)).map { Array($0) } ?? Array("{}".utf8)
        return EmulatorReply(status: status, headers: [("Content-Type", "application/json; charset=UTF-8")], body: body)
    }

    /// An HTML page.
    static func html(_ page: String, status: Int = 200) -> EmulatorReply {
        EmulatorReply(status: status, headers: [("Content-Type", "text/html; charset=utf-8")], body: Array(page.utf8))
    }

    /// A 302 to `location`.
    static func redirect(_ location: String) -> EmulatorReply {
        EmulatorReply(status: 302, headers: [("Location", location)])
    }

    /// An empty answer.
    static func empty(_ status: Int = 204) -> EmulatorReply {
        EmulatorReply(status: status)
    }

    /// The first value of a header.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}
