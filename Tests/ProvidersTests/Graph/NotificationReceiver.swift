import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Providers

/// The service's side of Graph change notifications in miniature: a Hummingbird server on
/// loopback that answers validation requests and checks notifications with
/// `GraphNotificationVerifier`.
struct NotificationReceiver: Sendable {
    /// How the receiver answers validation requests.
    enum ValidationMode: Sendable {
        case echo, wrongToken, serverError
    }

    /// What the receiver saw.
    actor Record {
        var validations = 0
        var batches: [GraphNotificationBatch] = []
        var lifecycleBatches: [GraphNotificationBatch] = []
        var clientStates: [String: String] = [:]
        var mode = ValidationMode.echo

        func expect(_ clientState: String, for subscriptionID: String) {
            clientStates[subscriptionID] = clientState
        }

        func clientState(_ subscriptionID: String) -> String? {
            clientStates[subscriptionID]
        }

        func add(_ batch: GraphNotificationBatch, lifecycle: Bool) {
            if lifecycle { lifecycleBatches.append(batch) } else { batches.append(batch) }
        }

        func validated() {
            validations += 1
        }

        func set(_ mode: ValidationMode) {
            self.mode = mode
        }

        var changes: [GraphChangeNotification] { batches.flatMap(\.changes) }
        var lifecycleEvents: [GraphLifecycleNotification] { (batches + lifecycleBatches).flatMap(\.lifecycleEvents) }
        /// Lifecycle events that came to the lifecycle URL.
        var lifecycleURLEvents: [GraphLifecycleNotification] { lifecycleBatches.flatMap(\.lifecycleEvents) }
        var rejected: Int { batches.map(\.rejected).reduce(0, +) }
    }

    let record: Record
    /// `http://127.0.0.1:{port}/graph/notifications`.
    let url: String
    /// `http://127.0.0.1:{port}/graph/lifecycle`.
    let lifecycleURL: String

    /// Serves on a free loopback port while `body` runs.
    static func run(_ body: @Sendable (NotificationReceiver) async throws -> Void) async throws {
        let record = Record()
        let router = Router()
        router.post("graph/:kind") { request, context -> Response in
            let lifecycle = context.parameters.get("kind") == "lifecycle"
            if let token = request.uri.queryParameters["validationToken"] {
                await record.validated()
                switch await record.mode {
                case .serverError:
                    return Response(status: .internalServerError)
                case .wrongToken:
                    return Response(
                        status: .ok, headers: [.contentType: "text/plain"],
                        body: .init(byteBuffer: ByteBuffer(string: "nope")))
                case .echo:
                    guard let echo = GraphNotificationVerifier.validationEcho(String(token)) else {
                        return Response(status: .badRequest)
                    }
                    return Response(
                        status: .ok, headers: [.contentType: "text/plain; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: echo)))
                }
            }
            let body = try await request.body.collect(upTo: 1 << 20)
            let batch = try await GraphNotificationVerifier.verify(body: Array(buffer: body)) { id in
                await record.clientState(id)
            }
            await record.add(batch, lifecycle: lifecycle)
            return Response(status: .accepted)
        }
        try await Application(router: router).test(.live) { client in
            let origin = "http://127.0.0.1:\(client.port ?? 0)"
            try await body(
                NotificationReceiver(
                    record: record, url: origin + "/graph/notifications", lifecycleURL: origin + "/graph/lifecycle"))
        }
    }
}
