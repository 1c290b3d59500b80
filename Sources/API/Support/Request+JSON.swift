import Foundation
import Hummingbird
import NIOCore

/// A JSON request body that checks its own fields after decoding.
protocol ValidatedBody: Decodable, Sendable {
    /// Field-level problems; empty when the body is acceptable.
    func validate() -> [ProblemDetails.InvalidParam]
}

extension Request {
    /// Decodes and validates a JSON body, answering 413 past the size limit and 422 with one entry
    /// per bad field (malformed JSON, a wrong type, a missing field, a failed rule).
    func decodeJSON<T: ValidatedBody>(_ type: T.Type, context: MailSyncRequestContext) async throws -> T {
        let buffer: ByteBuffer
        do {
            buffer = try await body.collect(upTo: context.maxUploadSize)
        } catch {
            throw Problems.tooLarge()
        }
        return try Self.decodeJSON(type, from: buffer)
    }

    /// Decodes and validates a JSON body already read (a route with its own size limit).
    static func decodeJSON<T: ValidatedBody>(_ type: T.Type, from buffer: ByteBuffer) throws -> T {
        let value: T
        do {
            value = try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
        } catch let error as DecodingError {
            throw Problems.invalidBody("The JSON body does not match the expected shape.", fields: [Self.invalidParam(error)])
        } catch {
            throw Problems.invalidBody("The body is not valid JSON.")
        }
        let problems = value.validate()
        guard problems.isEmpty else { throw Problems.invalidBody("Some fields are invalid.", fields: problems) }
        return value
    }

    private static func invalidParam(_ error: DecodingError) -> ProblemDetails.InvalidParam {
        func path(_ codingPath: [any CodingKey], _ key: (any CodingKey)? = nil) -> String {
            let keys = codingPath + (key.map { [$0] } ?? [])
            let joined = keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return joined.isEmpty ? "(body)" : joined
        }
        switch error {
        case .keyNotFound(let key, let context):
            return .init(name: path(context.codingPath, key), reason: "is required")
        case .typeMismatch(let type, let context):
            return .init(name: path(context.codingPath), reason: "must be \(Self.jsonName(of: type))")
        case .valueNotFound(let type, let context):
            return .init(name: path(context.codingPath), reason: "must be \(Self.jsonName(of: type)), not null")
        case .dataCorrupted(let context):
            return .init(name: path(context.codingPath), reason: context.codingPath.isEmpty ? "is not valid JSON" : "has an invalid value")
        @unknown default:
            return .init(name: "(body)", reason: "is invalid")
        }
    }

    private static func jsonName(of type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type: "an integer"
        case is Bool.Type: "a boolean"
        case is Double.Type: "a number"
        case is UUID.Type: "a UUID string"
        default: "a valid value"
        }
    }
}

/// Rules shared by request bodies.
enum FieldRules {
    /// Values that end up in mail headers or logs must not carry line breaks (header injection).
    static func singleLine(_ value: String?, _ name: String, maxLength: Int = 320) -> [ProblemDetails.InvalidParam] {
        guard let value else { return [] }
        if value.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) {
            return [.init(name: name, reason: "must not contain line breaks")]
        }
        if value.count > maxLength { return [.init(name: name, reason: "must be at most \(maxLength) characters")] }
        return []
    }

    /// A plausible single mailbox address (`local@domain`), single-line.
    static func email(_ value: String, _ name: String) -> [ProblemDetails.InvalidParam] {
        let lineProblems = singleLine(value, name)
        if !lineProblems.isEmpty { return lineProblems }
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !value.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," })
        else { return [.init(name: name, reason: "must be an email address like anna@example.com")] }
        return []
    }

    static func nonEmpty(_ value: String, _ name: String) -> [ProblemDetails.InvalidParam] {
        value.trimmingCharacters(in: .whitespaces).isEmpty ? [.init(name: name, reason: "must not be empty")] : singleLine(value, name)
    }
}
