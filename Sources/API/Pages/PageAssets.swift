import Hummingbird

/// The pages' one stylesheet and one small script (the BCC address's copy button, and dates in
/// the browser's time zone); the pages work without the script.
enum PageAssets {
    static func addRoutes(to router: Router<MailSyncRequestContext>) {
        router.get("app/assets/app.css") { _, _ in response(stylesheet, type: "text/css; charset=utf-8") }
        router.get("app/assets/app.js") { _, _ in response(script, type: "text/javascript; charset=utf-8") }
    }

    private static func response(_ text: String, type: String) -> Response {
        var headers = PageRenderer.headers(contentType: type)
        headers[.cacheControl] = "public, max-age=300"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// Colours meet WCAG AA contrast (text #1b1f24 on #fff, links #0b57d0, errors #a61b1b); focus is always visible.
    static let stylesheet = """
        :root { color-scheme: light; --ink: #1b1f24; --muted: #4a5360; --line: #c9d1db; --accent: #0b57d0;
          --bad: #a61b1b; --good: #11683a; --bg: #f5f7fa; font-family: system-ui, sans-serif; line-height: 1.5; }
        body { margin: 0; color: var(--ink); background: var(--bg); }
        a { color: var(--accent); }
        :focus-visible { outline: 3px solid #f2a900; outline-offset: 2px; }
        .skip { position: absolute; left: -999px; } .skip:focus { left: 1em; top: 1em; background: #fff; padding: .5em; z-index: 1; }
        .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
        header.top { display: flex; flex-wrap: wrap; align-items: center; gap: 1em; padding: .5em 1.5em;
          background: #fff; border-bottom: 1px solid var(--line); }
        .brand { font-weight: 700; margin: 0; } .brand a { color: var(--ink); text-decoration: none; }
        .brand span { color: var(--muted); font-weight: 400; }
        nav ul { display: flex; flex-wrap: wrap; gap: 1em; list-style: none; margin: 0; padding: 0; }
        nav a[aria-current="page"] { font-weight: 700; text-decoration-thickness: 3px; }
        .sign-out { margin-left: auto; }
        main { max-width: 60em; margin: 0 auto; padding: 1em 1.5em 3em; }
        main:focus { outline: none; }
        footer { color: var(--muted); text-align: center; font-size: .9em; padding: 1em; }
        .card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 1em 1.5em; margin: 1em 0; }
        .empty { border-style: dashed; }
        .breadcrumb { color: var(--muted); margin-bottom: 0; }
        .help { color: var(--muted); font-size: .95em; }
        .notice { padding: .75em 1em; border-radius: 6px; background: #e6f4ea; border: 1px solid var(--good); }
        .notice.error, .error-text { color: var(--bad); } .notice.error { background: #fdecea; border-color: var(--bad); }
        .labs { background: #fff8e1; border-left: 4px solid #b07d00; padding: .5em 1em; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25em 1.5em; }
        dl.facts dt { font-weight: 600; } dl.facts dd { margin: 0; }
        .status-connected { color: var(--good); font-weight: 600; } .status-needs_reauth { color: var(--bad); font-weight: 600; }
        fieldset { border: 1px solid var(--line); border-radius: 6px; }
        label { font-weight: 600; }
        input[type=text], input[type=email], textarea, select { font: inherit; padding: .4em; border: 1px solid #6b7683;
          border-radius: 4px; max-width: 100%; }
        textarea { width: 100%; box-sizing: border-box; font-family: ui-monospace, monospace; }
        #bcc-address { width: 24em; font-family: ui-monospace, monospace; }
        button { font: inherit; padding: .45em 1em; border-radius: 6px; border: 1px solid var(--accent);
          background: var(--accent); color: #fff; cursor: pointer; }
        button.copy, .sign-out button { background: #fff; color: var(--accent); }
        button.danger { background: var(--bad); border-color: var(--bad); }
        progress { width: 100%; max-width: 30em; }
        table.log { width: 100%; border-collapse: collapse; background: #fff; }
        table.log th, table.log td { text-align: left; padding: .4em .6em; border-bottom: 1px solid var(--line); vertical-align: top; }
        table.log caption { text-align: left; font-weight: 600; padding: .5em 0; }
        .reason-synced { border-left: 4px solid var(--good); } .reason-skipped { border-left: 4px solid var(--bad); }
        .mono { font-family: ui-monospace, monospace; font-size: .85em; word-break: break-all; }
        .filters { display: flex; flex-wrap: wrap; gap: 1em; align-items: end; }
        .filters p { margin: 0; display: flex; flex-direction: column; }
        """

    /// Progressive enhancement only.
    static let script = """
        document.querySelectorAll("button[data-copy]").forEach(function (button) {
          if (!navigator.clipboard) { return; }
          button.hidden = false;
          button.addEventListener("click", function () {
            var field = document.getElementById(button.dataset.copy);
            var status = button.parentElement.querySelector(".copy-status");
            navigator.clipboard.writeText(field.value).then(function () { if (status) { status.textContent = "Copied."; } });
          });
        });
        document.querySelectorAll("time[datetime]").forEach(function (time) {
          var date = new Date(time.getAttribute("datetime"));
          if (!isNaN(date)) { time.textContent = date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }); }
        });
        """
}
