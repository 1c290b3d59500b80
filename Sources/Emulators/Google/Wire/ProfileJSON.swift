/// Response of `users.getProfile`.
/// https://developers.google.com/workspace/gmail/api/reference/rest/v1/users/getProfile
struct ProfileJSON: Encodable, Sendable {
    var emailAddress: String
    var messagesTotal: Int
    var threadsTotal: Int
    var historyId: String
}
