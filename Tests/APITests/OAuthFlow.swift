import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The browser's part of connecting a mailbox in tests: start as the user, follow the consent URL
/// to the emulator's redirect, and call the service's callback with what it carried.
struct OAuthFlow {
    let http: HTTPClient
    let userToken: String

    /// Follows the consent URL to the emulator's redirect and returns its query.
    func consent(_ authorizationURL: String) async throws -> [String: String] {
        let response = try await http.execute(HTTPClientRequest(url: authorizationURL), timeout: .seconds(10))
        _ = try await response.body.collect(upTo: 1 << 20)
        let location = try #require(response.headers.first(name: "Location"), "status \(response.status.code)")
        let items = URLComponents(string: location)?.queryItems ?? []
        return Dictionary(items.map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { first, _ in first })
    }

    /// Starts connecting `provider` as the user, consents at the emulator and calls the callback.
    func connect(_ client: any TestClientProtocol, provider: String, as email: String) async throws
        -> (HTTPResponse.Status, [String: Any])
    {
        let started = try await client.json(
            .post, "/v1/me/connection/authorize", token: userToken,
            body: #"{"provider":"\#(provider)","loginHint":"\#(email)"}"#)
        let query = try await consent(try #require(started.body["authorizationUrl"] as? String))
        var components = URLComponents()
        components.path = "/oauth/callback"
        components.queryItems = query.map { URLQueryItem(name: $0.key, value: $0.value) }
        let answer = try await client.json(.get, components.string ?? "", token: nil)
        return (answer.status, answer.body)
    }
}
