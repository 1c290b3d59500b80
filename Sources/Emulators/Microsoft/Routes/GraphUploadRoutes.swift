import Foundation
import Hummingbird

/// The pre-authenticated upload URLs of attachment upload sessions (Outlook serves them under
/// `https://outlook.office.com/api/v2.0/...`; the emulator under its own origin). Requests must not
/// carry `Authorization` (https://learn.microsoft.com/graph/outlook-large-attachments#request-headers).
struct UploadRoutes: Sendable {
    let state: MicrosoftEmulatorState

    func addRoutes(to router: Router<some RequestContext>) {
        router.put("api/v2.0/AttachmentSessions/:session") { request, context in
            guard request.headers[.authorization] == nil else {
                return EmulatorHTTP.failure(
                    GraphFailure(
                        401, "InvalidAuthenticationToken", "Do not send an Authorization header to an upload URL."))
            }
            do {
                let bytes = Array(buffer: try await request.body.collect(upTo: 8 * 1024 * 1024))
                let outcome = try await state.upload(
                    sessionID: context.parameters.get("session") ?? "",
                    token: request.uri.queryParameters["authtoken"].map(String.init) ?? "",
                    range: request.headers[.contentRange], bytes: bytes)
                switch outcome {
                case .partial(let expiresAt, let next):
                    return EmulatorHTTP.json(
                        UploadSessionJSON(
                            expirationDateTime: EmulatorDate.isoSevenDigits(expiresAt), nextExpectedRanges: ["\(next)"])
                    )
                case .complete(let accountID, let messageID, let attachmentID):
                    let location =
                        "\(EmulatorHTTP.origin(request))/api/v2.0/Users('\(accountID)')/Messages('\(messageID)')/Attachments('\(attachmentID)')"
                    return EmulatorHTTP.empty(.created, headers: [.location: location])
                }
            } catch let failure as GraphFailure {
                return EmulatorHTTP.failure(failure)
            }
        }
    }
}
