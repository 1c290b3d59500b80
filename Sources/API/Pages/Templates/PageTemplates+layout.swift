extension PageTemplates {
    /// The frame of every page: skip link, header with the main navigation, `main` landmark.
    static let layout = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        {{#frame.refreshSeconds}}<meta http-equiv="refresh" content="{{frame.refreshSeconds}}">{{/frame.refreshSeconds}}
        <title>{{frame.title}} · MailSync</title>
        <link rel="stylesheet" href="/app/assets/app.css">
        <script src="/app/assets/app.js" defer></script>
        </head>
        <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="top">
        <p class="brand"><a href="/app/profile/email">MailSync</a> <span>CRM demo</span></p>
        {{#frame.signedIn}}
        <nav aria-label="Main">
        <ul>
        {{#frame.nav}}<li><a href="{{href}}"{{#current}} aria-current="page"{{/current}}{{#external}} target="_blank" rel="noopener"{{/external}}>{{label}}{{#external}}<span class="visually-hidden"> (opens in a new tab)</span>{{/external}}</a></li>
        {{/frame.nav}}
        </ul>
        </nav>
        <form method="post" action="/app/sign-out" class="sign-out">
        <input type="hidden" name="csrf" value="{{frame.csrf}}">
        <button type="submit">Sign out</button>
        </form>
        {{/frame.signedIn}}
        </header>
        <main id="main" tabindex="-1">
        {{$main}}{{/main}}
        </main>
        <footer><p>MailSync: two-way email sync between the CRM and Gmail or Outlook.</p></footer>
        </body>
        </html>
        """

    /// The sign-in form: a user token, as the CRM issues it for a member of a sub-account.
    static let signIn = """
        {{<layout}}{{$main}}
        <h1>Sign in</h1>
        {{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
        {{#error}}<p class="notice error" role="alert" id="sign-in-error">{{error}}</p>{{/error}}
        <form method="post" action="/app/sign-in" class="card">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><label for="token">User token</label>
        <textarea id="token" name="token" rows="3" required autocomplete="off" spellcheck="false"
          aria-describedby="token-help{{#error}} sign-in-error{{/error}}"></textarea></p>
        <p id="token-help" class="help">The CRM issues it for you (<code>POST /v1/sub-accounts/{id}/user-tokens</code>);
        <code>make run</code> prints one for the demo user.</p>
        <p><button type="submit">Sign in</button></p>
        </form>
        {{/main}}{{/layout}}
        """
}
