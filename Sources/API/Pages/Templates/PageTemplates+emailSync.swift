extension PageTemplates {
    /// My Profile -> Email (2-way sync).
    static let emailSync = """
        {{<layout}}{{$main}}
        <p class="breadcrumb">My Profile</p>
        <h1>Email (2-way sync)</h1>
        {{#notice}}<p class="notice{{#isError}} error{{/isError}}" role="{{#isError}}alert{{/isError}}{{^isError}}status{{/isError}}" id="notice">{{text}}</p>{{/notice}}
        {{^configured}}<p class="notice error" role="alert">Connecting mailboxes is not configured on this service.</p>{{/configured}}

        {{#connection}}
        <section class="card" aria-labelledby="status-heading">
        <h2 id="status-heading">Your mailbox</h2>
        <dl class="facts">
        <dt>Provider</dt><dd>{{provider}}</dd>
        <dt>Address</dt><dd id="connected-address">{{address}}</dd>
        <dt>Status</dt><dd><span class="status status-{{statusCode}}" id="connection-status">{{status}}</span></dd>
        <dt>Last sync</dt><dd>{{#lastSync}}<time datetime="{{iso}}">{{text}}</time>{{/lastSync}}{{^lastSync}}Not yet{{/lastSync}}</dd>
        {{#lastError}}<dt>Last error</dt><dd class="error-text">{{lastError}}{{#lastErrorAt}} (<time datetime="{{iso}}">{{text}}</time>){{/lastErrorAt}}</dd>{{/lastError}}
        </dl>
        {{#progress}}
        <div class="progress" role="status">
        <p><label for="sync-progress">{{progress}}</label></p>
        <progress id="sync-progress">Working…</progress>
        <p class="help">This page refreshes itself until it is done.</p>
        </div>
        {{/progress}}
        {{#labsNote}}<p class="labs">{{labsNote}}</p>{{/labsNote}}
        {{#needsReauth}}
        <form method="post" action="/app/profile/email/connect">
        <input type="hidden" name="csrf" value="{{frame.csrf}}">
        <input type="hidden" name="provider" value="{{providerCode}}">
        <input type="hidden" name="loginHint" value="{{address}}">
        <p>The provider no longer accepts the mailbox's sign-in. Sign in again with the same account and the sync resumes where it stopped.</p>
        <p><button type="submit">Reconnect {{address}}</button></p>
        </form>
        {{/needsReauth}}
        </section>

        <section class="card" aria-labelledby="update-heading">
        <h2 id="update-heading">Update email</h2>
        <p>Connect a different address instead. The current one stops syncing, and new CRM emails, replies included, go out through the new one.</p>
        <form method="post" action="/app/profile/email/connect">
        <input type="hidden" name="csrf" value="{{frame.csrf}}">
        <fieldset>
        <legend>Provider of the new address</legend>
        {{#providers}}<p><input type="radio" name="provider" id="update-{{code}}" value="{{code}}"{{#selected}} checked{{/selected}} required> <label for="update-{{code}}">{{name}}</label>{{#note}} <span class="help">{{note}}</span>{{/note}}</p>
        {{/providers}}
        </fieldset>
        <p><button type="submit" id="update-email">Update email</button></p>
        </form>
        </section>

        <section class="card" aria-labelledby="disconnect-heading">
        <h2 id="disconnect-heading">Disconnect</h2>
        <p>Sync stops at once. Emails already synced stay in the CRM; CRM emails then go out through the sub-account's email provider.</p>
        <form method="post" action="/app/profile/email/disconnect">
        <input type="hidden" name="csrf" value="{{frame.csrf}}">
        <p><button type="submit" class="danger" id="disconnect">Disconnect {{address}}</button></p>
        </form>
        </section>
        {{/connection}}

        {{^connection}}
        <section class="card empty" aria-labelledby="connect-heading">
        <h2 id="connect-heading">Connect your mailbox</h2>
        {{#previous}}<p>Your last mailbox, {{previous}}, is no longer connected.</p>{{/previous}}
        <p>No mailbox is connected yet. Choose your provider and sign in: emails with your contacts then appear in the CRM, and emails you send from the CRM go out from your own address.</p>
        <form method="post" action="/app/profile/email/connect">
        <input type="hidden" name="csrf" value="{{frame.csrf}}">
        <fieldset>
        <legend>Provider</legend>
        {{#providers}}<p><input type="radio" name="provider" id="connect-{{code}}" value="{{code}}"{{#selected}} checked{{/selected}} required> <label for="connect-{{code}}">{{name}}</label>{{#note}} <span class="help">{{note}}</span>{{/note}}</p>
        {{/providers}}
        </fieldset>
        <p><button type="submit" id="connect">Connect</button></p>
        </form>
        </section>
        {{/connection}}

        <section class="card" aria-labelledby="bcc-heading">
        <h2 id="bcc-heading">BCC address</h2>
        <p id="bcc-help">Put this address in Cc or Bcc of an email you send from your mailbox to people who are not contacts yet: they become contacts and the email syncs.</p>
        <p class="copy-row"><label for="bcc-address">BCC address of {{subAccountName}}</label>
        <input id="bcc-address" type="text" readonly value="{{bccAddress}}" aria-describedby="bcc-help">
        <button type="button" class="copy" data-copy="bcc-address" hidden>Copy</button>
        <span class="copy-status" role="status"></span></p>
        </section>
        {{/main}}{{/layout}}
        """
}
