/// The mailbox pages' Mustache templates, embedded like the service's own pages (one binary, no
/// resource bundle).
enum MailboxPageTemplates {
    static let all: [String: String] = [
        "layout": layout, "index": index, "missing": missing, "mailbox": mailbox, "message": message,
    ]

    static let layout = """
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{$title}}Emulated mailboxes{{/title}}</title>
        <style>
        body { font-family: system-ui, sans-serif; line-height: 1.5; color: #1b1f24; background: #fbfbf8; margin: 0; }
        header, main { max-width: 58em; margin: 0 auto; padding: .5em 1.5em; }
        header { border-bottom: 1px solid #c9d1db; }
        a { color: #0b57d0; } :focus-visible { outline: 3px solid #f2a900; outline-offset: 2px; }
        nav ul { display: flex; gap: 1.5em; list-style: none; padding: 0; }
        nav a[aria-current="page"] { font-weight: 700; }
        article, .box { background: #fff; border: 1px solid #c9d1db; border-radius: 8px; padding: .75em 1.25em; margin: .75em 0; }
        article.unread h3::after { content: " (unread)"; font-size: .8em; color: #4a5360; }
        .meta { color: #4a5360; font-size: .92em; margin: 0; }
        .notice { background: #e6f4ea; border: 1px solid #11683a; padding: .5em 1em; border-radius: 6px; }
        label { display: block; font-weight: 600; margin-top: .5em; }
        input, textarea { font: inherit; width: 100%; box-sizing: border-box; padding: .35em; border: 1px solid #6b7683; border-radius: 4px; }
        button { font: inherit; margin-top: .75em; padding: .4em 1em; background: #0b57d0; color: #fff; border: 0; border-radius: 6px; }
        </style></head>
        <body>
        <header><p><strong>Emulated mailboxes</strong> · the demo's Gmail and Outlook, served by <code>mailsync emulators</code></p>
        <nav aria-label="Mailboxes"><ul><li><a href="/emulator/mailboxes">All mailboxes</a></li></ul></nav></header>
        <main id="main">
        {{$main}}{{/main}}
        </main>
        </body></html>
        """

    static let index = """
        {{<layout}}{{$main}}
        <h1>Emulated mailboxes</h1>
        <p>Open a mailbox to read its mail, reply as its owner, or send it new mail from a contact.</p>
        {{#groups}}
        <section class="box"><h2>{{name}}</h2>
        <ul>{{#accounts}}<li><a href="{{href}}">{{address}}</a></li>{{/accounts}}</ul>
        {{^accounts}}<p>No accounts yet. Create one with the control API, or run <code>make run</code>, which creates the demo's.</p>{{/accounts}}
        </section>
        {{/groups}}
        {{/main}}{{/layout}}
        """

    static let missing = """
        {{<layout}}{{$title}}Unknown mailbox{{/title}}{{$main}}
        <h1>Unknown mailbox</h1>
        <p>There is no emulated mailbox {{address}}. <a href="/emulator/mailboxes">See every mailbox</a>.</p>
        {{/main}}{{/layout}}
        """

    static let mailbox = """
        {{<layout}}{{$title}}{{heading}} · {{address}}{{/title}}{{$main}}
        <h1>{{address}} <small>({{providerName}})</small></h1>
        <nav aria-label="Folders"><ul>{{#tabs}}<li><a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{label}}</a></li>{{/tabs}}</ul></nav>
        {{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
        <h2>{{heading}}</h2>
        {{#isEmpty}}<p class="box">No mail yet. Send this mailbox a message from a contact with the form below, or write one as its owner.</p>{{/isEmpty}}
        {{^isThreads}}
        {{#messages}}{{> message}}{{/messages}}
        {{/isThreads}}
        {{#isThreads}}
        {{#threads}}<section class="box" aria-label="Thread {{subject}}"><h3>{{subject}}</h3>
        {{#messages}}{{> message}}{{/messages}}
        </section>{{/threads}}
        {{/isThreads}}

        <section class="box" aria-labelledby="deliver-heading">
        <h2 id="deliver-heading">Send new mail from a contact</h2>
        <form method="post" action="{{action}}/deliver">
        <input type="hidden" name="view" value="{{view}}">
        <label for="deliver-from">From (address)</label><input id="deliver-from" name="from" type="email" required>
        <label for="deliver-name">From (name)</label><input id="deliver-name" name="fromName">
        <label for="deliver-subject">Subject</label><input id="deliver-subject" name="subject" required>
        <label for="deliver-text">Text</label><textarea id="deliver-text" name="text" rows="4"></textarea>
        <button type="submit" id="deliver">Deliver to {{address}}</button>
        </form>
        </section>

        <section class="box" aria-labelledby="send-heading">
        <h2 id="send-heading">Write as {{address}}</h2>
        <form method="post" action="{{action}}/send">
        <input type="hidden" name="view" value="sent">
        <label for="send-to">To</label><input id="send-to" name="to" required>
        <label for="send-cc">Cc</label><input id="send-cc" name="cc">
        <label for="send-bcc">Bcc</label><input id="send-bcc" name="bcc">
        <label for="send-subject">Subject</label><input id="send-subject" name="subject" required>
        <label for="send-text">Text</label><textarea id="send-text" name="text" rows="4"></textarea>
        <button type="submit" id="send">Send</button>
        </form>
        </section>
        {{/main}}{{/layout}}
        """

    /// One message, with "reply as the owner" for received mail.
    static let message = """
        <article{{#unread}} class="unread"{{/unread}} aria-labelledby="m-{{id}}">
        <h3 id="m-{{id}}">{{subject}}</h3>
        <p class="meta">From {{from}} · to {{to}} · <time datetime="{{iso}}">{{date}}</time></p>
        <p>{{snippet}}</p>
        {{#canReply}}<details><summary>Reply as {{address}}</summary>
        <form method="post" action="{{action}}/reply">
        <input type="hidden" name="message" value="{{id}}"><input type="hidden" name="view" value="{{view}}">
        <label for="reply-{{id}}">Reply text</label><textarea id="reply-{{id}}" name="text" rows="3" required></textarea>
        <button type="submit">Send reply</button>
        </form></details>{{/canReply}}
        {{#recipient}}<details><summary>Reply as {{.}}</summary>
        <form method="post" action="{{action}}/contact-reply">
        <input type="hidden" name="message" value="{{id}}"><input type="hidden" name="view" value="{{view}}">
        <label for="contact-reply-{{id}}">Reply text</label><textarea id="contact-reply-{{id}}" name="text" rows="3" required></textarea>
        <button type="submit" class="contact-reply">Deliver {{.}}'s reply</button>
        </form></details>{{/recipient}}
        </article>
        """
}
