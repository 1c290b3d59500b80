/// Response of `users.watch`.
/// https://developers.google.com/workspace/gmail/api/reference/rest/v1/users/watch
struct WatchResponseJSON: Encodable, Sendable {
    var historyId: String
    var expiration: String
}
