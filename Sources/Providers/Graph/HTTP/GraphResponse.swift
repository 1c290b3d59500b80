import Foundation
import NIOHTTP1

/// A collected HTTP response.
struct GraphResponse: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: [UInt8]

    var isSuccess: Bool { (200..<300).contains(status) }

    /// The JSON body as `T`; a body Graph would never send is a permanent failure.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(body))
        } catch {
            throw ProviderError(.permanent, providerCode: "invalidResponse", httpStatus: status)
        }
    }
}
