import Foundation

/// The part of OData `$filter` the emulator evaluates on messages: clauses joined by `and`, each
/// `internetMessageId eq '...'`, `conversationId eq '...'`, `isRead eq true|false` or
/// `receivedDateTime eq|ge|gt|le|lt {timestamp}` (https://learn.microsoft.com/graph/filter-query-parameter).
struct GraphMessageFilter: Sendable {
    private enum Clause: Sendable {
        case internetMessageID(String)
        case conversationID(String)
        case isRead(Bool)
        case received(String, Date)
    }

    private var clauses: [Clause] = []

    /// Reads a filter; an expression it cannot evaluate is Graph's 400.
    init(_ expression: String) throws {
        let trimmed = expression.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return }
        for clause in trimmed.components(separatedBy: " and ") {
            let parts = clause.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 2).map(String.init)
            guard parts.count == 3 else { throw Self.invalid }
            let (field, op, value) = (parts[0].lowercased(), parts[1].lowercased(), parts[2])
            switch (field, op) {
            case ("internetmessageid", "eq"): clauses.append(.internetMessageID(try Self.quoted(value)))
            case ("conversationid", "eq"): clauses.append(.conversationID(try Self.quoted(value)))
            case ("isread", "eq"): clauses.append(.isRead(value.lowercased() == "true"))
            case ("receiveddatetime", "eq"), ("receiveddatetime", "ge"), ("receiveddatetime", "gt"),
                ("receiveddatetime", "le"), ("receiveddatetime", "lt"):
                guard let date = GraphDateText.parse(value) else { throw Self.invalid }
                clauses.append(.received(op, date))
            default:
                throw Self.invalid
            }
        }
    }

    func matches(_ message: OutlookMessage) -> Bool {
        clauses.allSatisfy { clause in
            switch clause {
            case .internetMessageID(let id): message.internetMessageID == id
            case .conversationID(let id): message.conversationID == id
            case .isRead(let isRead): message.isRead == isRead
            case .received("eq", let date):
                Int(message.receivedAt.timeIntervalSince1970) == Int(date.timeIntervalSince1970)
            case .received("ge", let date): message.receivedAt >= date
            case .received("gt", let date): message.receivedAt > date
            case .received("le", let date): message.receivedAt <= date
            case .received(_, let date): message.receivedAt < date
            }
        }
    }

    private static let invalid = GraphFailure.badRequest("Invalid filter clause", code: "ErrorInvalidUrlQueryFilter")

    private static func quoted(_ value: String) throws -> String {
        guard value.count >= 2, value.hasPrefix("'"), value.hasSuffix("'") else { throw invalid }
        return String(value.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'")
    }
}
