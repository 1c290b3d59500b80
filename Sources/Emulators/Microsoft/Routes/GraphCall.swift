import Foundation

/// One authenticated Graph request, as the route handlers see it.
struct GraphCall: Sendable {
    let request: MicrosoftEmulatorRequest
    let accountID: String
    let scopes: [String]
    let parameters: [String: String]

    /// The preference that asks for immutable ids (https://learn.microsoft.com/graph/outlook-immutable-id).
    static let immutableIDPreference = #"IdType="ImmutableId""#

    var body: [UInt8] { request.body }
    var origin: String { request.origin }

    /// Whether the request asked for immutable ids.
    var immutableIDs: Bool {
        MicrosoftHTTP.preferences(request).contains(Self.immutableIDPreference)
    }

    /// `Prefer: odata.maxpagesize=N`, if given.
    var maxPageSize: Int? {
        MicrosoftHTTP.preferences(request).compactMap { preference -> Int? in
            guard preference.lowercased().hasPrefix("odata.maxpagesize=") else { return nil }
            return Int(preference.dropFirst("odata.maxpagesize=".count))
        }.first
    }

    /// A query parameter.
    func query(_ name: String) -> String? {
        request.query(name)
    }

    /// `$select` as a list of property names.
    var select: [String]? {
        query("$select").map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
    }

    /// The path parameter `name`.
    func parameter(_ name: String) -> String {
        parameters[name] ?? ""
    }

    /// The JSON body as `T`, or Graph's 400.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(body))
        } catch {
            throw GraphFailure.badRequest("Unable to read JSON request payload.", code: "BadRequest")
        }
    }

    /// A MIME body: base64 text (`Content-Type: text/plain`), as sendMail and the draft calls take
    /// it (https://learn.microsoft.com/graph/api/user-sendmail).
    func mimeBody() throws -> [UInt8] {
        let text = String(decoding: body, as: UTF8.self).filter { !$0.isWhitespace }
        guard !text.isEmpty, let decoded = Data(base64Encoded: text) else {
            throw GraphFailure.badRequest(
                "Invalid base64 string for MIME content.", code: "ErrorMimeContentInvalidBase64String")
        }
        return Array(decoded)
    }

    /// Whether the body is MIME (`text/plain`) rather than JSON.
    var isMIME: Bool {
        request.header("Content-Type")?.lowercased().hasPrefix("text/plain") == true
    }

    /// Fails with 403 unless the token holds one of `scopes`.
    func require(_ anyOf: String...) throws {
        let held = Set(scopes.map { $0.lowercased() })
        guard anyOf.contains(where: { held.contains($0.lowercased()) }) else {
            throw GraphFailure(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.")
        }
    }
}
