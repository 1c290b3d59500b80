import Foundation

/// One HTTP request to an emulator, independent of the server, so that a batch's inner requests
/// and direct requests take the same path through the emulator.
public struct EmulatorRequest: Sendable {
    /// The method, upper case.
    public var method: String
    /// The path, without the query.
    public var path: String
    /// Query parameters in order, decoded.
    public var query: [(name: String, value: String)]
    /// Header fields, names lowercased (the last one wins).
    public var headers: [String: String]
    /// The body.
    public var body: [UInt8]
    /// `http://host:port` as the client addressed the server (its Host header), for emulators
    /// whose answers carry absolute links (Graph's `@odata.nextLink`).
    public var origin: String?

    /// Creates a request; `target` is a path with an optional query.
    public init(method: String, target: String, headers: [String: String] = [:], body: [UInt8] = []) {
        self.method = method.uppercased()
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        path = String(parts[0])
        query = parts.count > 1 ? FormDecoding.pairs(String(parts[1])) : []
        self.headers = Dictionary(
            headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { _, last in last })
        self.body = body
    }

    /// The first value of a query parameter.
    public func query(_ name: String) -> String? {
        query.first { $0.name == name }?.value
    }

    /// Every value of a repeated query parameter.
    public func queryAll(_ name: String) -> [String] {
        query.filter { $0.name == name }.map(\.value)
    }

    /// A header value by case-insensitive name.
    public func header(_ name: String) -> String? {
        headers[name.lowercased()]
    }

    /// The body read as `application/x-www-form-urlencoded`.
    public func form() -> [String: String] {
        Dictionary(FormDecoding.pairs(String(decoding: body, as: UTF8.self)).map { ($0.name, $0.value) }) { first, _ in
            first
        }
    }

    /// The path's segments, e.g. `["gmail", "v1", "users", "me", "profile"]`.
    public var segments: [String] {
        path.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
    }
}
