/// The emulator's routes: a method and a path pattern (`v1.0/me/messages/:id`) per handler. The
/// route whose pattern matches with the most literal segments wins.
struct MicrosoftRouteTable: Sendable {
    typealias Handler = @Sendable (MicrosoftEmulatorRequest, [String: String]) async -> MicrosoftEmulatorResponse

    struct Route: Sendable {
        var method: String
        var pattern: String
        var segments: [String]
        var handler: Handler
    }

    private(set) var routes: [Route] = []

    /// Adds a route; `:name` segments capture.
    mutating func add(_ method: String, _ pattern: String, _ handler: @escaping Handler) {
        routes.append(
            Route(
                method: method, pattern: pattern, segments: pattern.split(separator: "/").map(String.init),
                handler: handler))
    }

    /// The route for a request and the values of its captures, or nil when none matches.
    func match(_ request: MicrosoftEmulatorRequest) -> (Route, [String: String])? {
        let path = request.segments
        var best: (route: Route, parameters: [String: String], literals: Int)?
        for route in routes where route.method == request.method && route.segments.count == path.count {
            var parameters = [String: String]()
            var literals = 0
            var matches = true
            for (pattern, segment) in zip(route.segments, path) {
                if pattern.hasPrefix(":") {
                    parameters[String(pattern.dropFirst())] = segment
                } else if pattern == segment {
                    literals += 1
                } else {
                    matches = false
                    break
                }
            }
            if matches, literals > (best?.literals ?? -1) { best = (route, parameters, literals) }
        }
        return best.map { ($0.route, $0.parameters) }
    }
}
