extension PageTemplates {
    /// The sync log: the decisions of the user's connections, filterable by reason and address.
    static let syncLog = """
        {{<layout}}{{$main}}
        <h1>Sync log</h1>
        <p>Every email the sync looked at in your mailbox, and why it was synced or skipped. Looking for a missing email? Filter by its reason or by an address in it.</p>
        <form method="get" action="/app/sync-log" class="card filters" role="search" aria-label="Filter the sync log">
        <p><label for="reason">Reason</label>
        <select id="reason" name="reason">
        <option value="">All reasons</option>
        {{#reasonGroups}}<optgroup label="{{label}}">
        {{#options}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{label}}</option>
        {{/options}}</optgroup>
        {{/reasonGroups}}
        </select></p>
        <p><label for="address">Address</label>
        <input id="address" name="address" type="email" value="{{address}}" autocomplete="off"></p>
        <p><button type="submit">Filter</button>{{#filtered}} <a href="/app/sync-log">Show all</a>{{/filtered}}</p>
        </form>
        {{#hasConnection}}
        {{#hasEntries}}
        <table class="log">
        <caption>{{caption}}</caption>
        <thead><tr><th scope="col">When</th><th scope="col">Mailbox</th><th scope="col">Outcome</th><th scope="col">Addresses</th><th scope="col">Message-ID</th></tr></thead>
        <tbody>
        {{#entries}}<tr class="{{decision}}">
        <td><time datetime="{{when.iso}}">{{when.text}}</time></td>
        <td>{{mailbox}}</td>
        <td class="reason-{{decision}}" data-reason="{{reason}}">{{reasonText}}</td>
        <td>{{addresses}}</td>
        <td class="mono">{{messageID}}</td>
        </tr>
        {{/entries}}
        </tbody>
        </table>
        {{/hasEntries}}
        {{^hasEntries}}
        <div class="card empty">
        <h2>Nothing here yet</h2>
        {{#filtered}}<p>No email matches this filter. <a href="/app/sync-log">Show every decision</a>.</p>{{/filtered}}
        {{^filtered}}<p>The sync has not looked at any email yet. Send an email to your connected address (in the demo: from an emulated mailbox), then reload this page.</p>{{/filtered}}
        </div>
        {{/hasEntries}}
        {{/hasConnection}}
        {{^hasConnection}}
        <div class="card empty">
        <h2>No mailbox connected</h2>
        <p>The sync log lists the emails of your connected mailbox. <a href="/app/profile/email">Connect your mailbox</a> first.</p>
        </div>
        {{/hasConnection}}
        {{/main}}{{/layout}}
        """
}
