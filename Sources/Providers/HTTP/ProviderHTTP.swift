import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// The one place provider clients touch the network: sends a request over the shared
/// `HTTPClient`, reads the body up to a limit, and turns transport failures into `transient`.
struct ProviderHTTP: Sendable {
    let client: HTTPClient
    let timeout: TimeAmount

    /// Sends a request; any HTTP status comes back as a reply, only transport failures throw.
    func send(
        _ method: HTTPMethod, _ url: String, headers: HTTPHeaders = [:], body: [UInt8]? = nil,
        maxBodyBytes: Int = 64 << 20
    ) async throws -> HTTPReply {
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers = headers
        if let body {
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        do {
            let response = try await client.execute(request, timeout: timeout)
            let buffer = try await response.body.collect(upTo: maxBodyBytes)
            return HTTPReply(status: Int(response.status.code), headers: response.headers, body: Array(buffer: buffer))
        } catch let error as ProviderError {
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw ProviderError(.transient, providerMessage: String(describing: type(of: error)))
        }
    }
}
