/// Response of `users.getProfile`.
/// https://developers.google.com/workspace/gmail/api/reference/rest/v1/users/getProfile
struct GmailProfile: Codable, Sendable, Hashable {
    var emailAddress: String
    var messagesTotal: Int?
    var threadsTotal: Int?
    var historyId: GoogleUInt64
}
