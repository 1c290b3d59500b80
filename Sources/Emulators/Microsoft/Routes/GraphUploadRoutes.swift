import Foundation

/// The pre-authenticated upload URLs of attachment upload sessions (Outlook serves them under
/// `https://outlook.office.com/api/v2.0/...`; the emulator under its own origin). Requests must not
/// carry `Authorization` (https://learn.microsoft.com/graph/outlook-large-attachments#request-headers).
struct GraphUploadRoutes: Sendable {
    let state: MicrosoftEmulatorState

    func addRoutes(to table: inout MicrosoftRouteTable) {
        table.add("PUT", "api/v2.0/AttachmentSessions/:session") { request, parameters in
            guard request.header("Authorization") == nil else {
                return MicrosoftHTTP.failure(
                    GraphFailure(
                        401, "InvalidAuthenticationToken", "Do not send an Authorization header to an upload URL."))
            }
            do {
                let outcome = try await state.upload(
                    sessionID: parameters["session"] ?? "", token: request.query("authtoken") ?? "",
                    range: request.header("Content-Range"), bytes: request.body)
                switch outcome {
                case .partial(let expiresAt, let next):
                    return MicrosoftHTTP.json(
                        GraphUploadSessionJSON(
                            expirationDateTime: GraphDateText.isoSevenDigits(expiresAt), nextExpectedRanges: ["\(next)"]
                        ))
                case .complete(let accountID, let messageID, let attachmentID):
                    let location =
                        "\(request.origin)/api/v2.0/Users('\(accountID)')/Messages('\(messageID)')/Attachments('\(attachmentID)')"
                    return MicrosoftHTTP.empty(201, headers: [("Location", location)])
                }
            } catch let failure as GraphFailure {
                return MicrosoftHTTP.failure(failure)
            } catch {
                return MicrosoftHTTP.failure(GraphFailure(500, "UnknownError", "An internal server error occurred."))
            }
        }
    }
}
