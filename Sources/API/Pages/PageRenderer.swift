import Hummingbird
import Mustache

/// Renders the pages' Mustache templates (embedded in the binary, see ``PageTemplates``) into
/// HTML responses with the headers every page carries.
struct PageRenderer: Sendable {
    let library: MustacheLibrary

    /// Parses every template once. The templates are constants of this module and a test renders
    /// each of them, so a template that does not parse is a programming error.
    init() {
        var library = MustacheLibrary()
        for (name, text) in PageTemplates.all {
            do {
                try library.register(text, named: name)
            } catch {
                preconditionFailure("page template \(name) does not parse: \(error)")
            }
        }
        self.library = library
    }

    /// An HTML response of template `name` over `model` (a struct of stored properties).
    func render(_ name: String, _ model: Any, status: HTTPResponse.Status = .ok) -> Response {
        let html = library.render(model, withTemplate: name) ?? ""
        return Response(
            status: status, headers: Self.headers(contentType: "text/html; charset=utf-8"),
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// The 403 page: what happened and what to do, no form.
    func forbidden(_ message: String) -> Response {
        render(
            "message", MessagePage(frame: .signedOut(title: "Not allowed"), heading: "Not allowed", message: message),
            status: .forbidden)
    }

    /// Headers of every page: no caching (pages show a user's data), no framing, no sniffing, and
    /// scripts and styles only from the service itself.
    static func headers(contentType: String) -> HTTPFields {
        [
            .contentType: contentType, .cacheControl: "no-store",
            .contentSecurityPolicy: "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'",
            HTTPFields.Element.Name("X-Content-Type-Options")!: "nosniff",
            HTTPFields.Element.Name("Referrer-Policy")!: "same-origin",
        ]
    }
}

/// A page that only says something (403, errors).
struct MessagePage: Sendable {
    var frame: PageFrame
    var heading: String
    var message: String
}
