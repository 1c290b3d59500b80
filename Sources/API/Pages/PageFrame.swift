/// What the layout shows around every page: the title, the navigation with the current page
/// marked, the sign-out form's CSRF token, and an optional refresh while a sync runs.
struct PageFrame: Sendable {
    /// One navigation entry.
    struct NavItem: Sendable {
        var href: String
        var label: String
        var current: Bool
        /// Opens another site (the emulators): says so to screen readers.
        var external: Bool
    }

    var title: String
    var signedIn: Bool
    var nav: [NavItem]
    var csrf: String
    /// Seconds until the page reloads itself (progress of a first sync), nil: never.
    var refreshSeconds: Int?

    /// The frame of a signed-in page; `current` is the path of the page shown.
    static func signedIn(title: String, current: String, csrf: String, configuration: PagesConfiguration) -> PageFrame {
        let items = PageNavigation.items(emulatedMailboxesURL: configuration.emulatedMailboxesURL)
        return PageFrame(
            title: title, signedIn: true,
            nav: items.map {
                NavItem(href: $0.href, label: $0.label, current: $0.href == current, external: $0.external)
            },
            csrf: csrf, refreshSeconds: nil)
    }

    /// The frame of the sign-in and error pages.
    static func signedOut(title: String) -> PageFrame {
        PageFrame(title: title, signedIn: false, nav: [], csrf: "", refreshSeconds: nil)
    }
}
