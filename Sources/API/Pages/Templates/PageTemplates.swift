/// The pages' Mustache templates, embedded as strings so the `mailsync` binary is the whole
/// service: no resource bundle to ship beside it or to find at run time (SwiftPM's
/// `Bundle.module` stops a Linux process whose bundle folder is missing). Each page extends
/// `layout` (`{{<layout}}...{{/layout}}`) and fills its `title` and `main` blocks.
enum PageTemplates {
    /// Every template by name.
    static let all: [String: String] = [
        "layout": layout, "message": message, "sign-in": signIn, "email-sync": emailSync, "sync-log": syncLog,
        "conversations": conversations,
    ]

    /// A page that only says something.
    static let message = """
        {{<layout}}{{$main}}
        <h1>{{heading}}</h1>
        <p>{{message}}</p>
        <p><a href="/app/profile/email">Back to your profile</a></p>
        {{/main}}{{/layout}}
        """
}
