/// One HTTP request as the Microsoft emulator reads it, whichever server carried it: the
/// emulator's own (`start`), another Hummingbird router (`addRoutes(to:)`), or a server in front
/// of several emulators that calls `respond(to:)`.
public struct MicrosoftEmulatorRequest: Sendable {
    /// The method, upper case.
    public var method: String
    /// The path without the query, e.g. `/v1.0/me/messages`.
    public var path: String
    /// The query parameters in order, decoded.
    public var query: [(name: String, value: String)]
    /// The header fields in order (a repeated field appears more than once).
    public var headers: [(name: String, value: String)]
    /// The body.
    public var body: [UInt8]
    /// `http://host:port` as the client addressed the emulator; paging links and upload URLs the
    /// emulator returns start with it.
    public var origin: String

    /// Creates a request.
    public init(
        method: String, path: String, query: [(name: String, value: String)] = [],
        headers: [(name: String, value: String)] = [], body: [UInt8] = [], origin: String
    ) {
        self.method = method.uppercased()
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.origin = origin
    }

    /// The first value of a header, by case-insensitive name.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Every value of a header, by case-insensitive name.
    public func headerValues(_ name: String) -> [String] {
        headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
    }

    /// The first value of a query parameter.
    public func query(_ name: String) -> String? {
        query.first { $0.name == name }?.value
    }

    /// The path's segments, percent-decoded.
    var segments: [String] {
        path.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
    }
}
