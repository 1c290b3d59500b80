extension PageTemplates {
    /// Conversations: contacts, a contact's threads with their messages, compose and reply.
    static let conversations = """
        {{<layout}}{{$main}}
        <h1>Conversations{{#contact}}: {{name}}{{/contact}}</h1>
        {{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
        {{^hasContacts}}
        <div class="card empty">
        <h2>No contacts yet</h2>
        <p>Conversations are kept per contact. Add contacts through the API, or email someone from your connected mailbox with the BCC address in copy.</p>
        </div>
        {{/hasContacts}}
        {{#hasContacts}}
        <nav aria-label="Contacts" class="card">
        <h2>Contacts</h2>
        <ul class="contacts">
        {{#contacts}}<li><a href="/app/conversations/{{id}}"{{#selected}} aria-current="page"{{/selected}}>{{name}}</a> <span class="mono">{{email}}</span></li>
        {{/contacts}}
        </ul>
        </nav>
        {{#contact}}
        <section aria-labelledby="threads-heading">
        <h2 id="threads-heading">Threads with {{name}}</h2>
        {{/contact}}
        {{#threads}}
        <article class="card thread" aria-label="Thread {{subject}}">
        <h3>{{subject}}</h3>
        <ol class="messages">
        {{#messages}}<li class="message {{direction}}">
        <p class="meta"><strong>{{directionText}}</strong> <time datetime="{{when.iso}}">{{when.text}}</time> from {{from}} to {{to}}{{#sentThrough}}; sent through {{.}}{{/sentThrough}}{{#state}} ({{.}}){{/state}}</p>
        <div class="body">{{text}}</div>
        {{#hasAttachments}}<ul class="attachments">
        {{#attachments}}<li>{{filename}} ({{size}}){{#notSynced}}: not synced, {{notSynced}}{{/notSynced}}</li>
        {{/attachments}}</ul>{{/hasAttachments}}
        </li>
        {{/messages}}
        </ol>
        {{#canSend}}
        <form method="post" action="/app/conversations/send" class="reply">
        <input type="hidden" name="csrf" value="{{frame.csrf}}">
        <input type="hidden" name="replyTo" value="{{replyTo}}">
        <input type="hidden" name="back" value="{{contact.id}}">
        <input type="hidden" name="to.{{contact.id}}" value="on">
        <input type="hidden" name="subject" value="Re: {{subject}}">
        <p><label for="reply-{{id}}">Reply</label>
        <textarea id="reply-{{id}}" name="text" rows="3" required></textarea></p>
        <p><button type="submit">Send reply</button></p>
        </form>
        {{/canSend}}
        </article>
        {{/threads}}
        {{#contact}}
        {{^hasThreads}}<div class="card empty"><h2>No email yet</h2><p>Write the first email below; replies sync back here.</p></div>{{/hasThreads}}
        </section>
        {{/contact}}
        {{#canSend}}
        <form method="post" action="/app/conversations/send" class="card compose" aria-labelledby="compose-heading">
        <h2 id="compose-heading">New email</h2>
        <input type="hidden" name="csrf" value="{{frame.csrf}}">
        {{#contact}}<input type="hidden" name="back" value="{{id}}">{{/contact}}
        <fieldset><legend>To</legend>
        {{#contacts}}<p><input type="checkbox" id="to-{{id}}" name="to.{{id}}"{{#selected}} checked{{/selected}}> <label for="to-{{id}}">{{name}} ({{email}})</label></p>
        {{/contacts}}
        </fieldset>
        <fieldset><legend>Kind</legend>
        <p><input type="radio" id="kind-single" name="kind" value="single" checked> <label for="kind-single">Single email (through your mailbox)</label></p>
        <p><input type="radio" id="kind-bulk" name="kind" value="bulk"> <label for="kind-bulk">Bulk (one email per contact, with unsubscribe link)</label></p>
        </fieldset>
        <p><label for="subject">Subject</label> <input id="subject" name="subject" required></p>
        <p><label for="text">Text</label> <textarea id="text" name="text" rows="6" required></textarea></p>
        <p><button type="submit">Send</button></p>
        </form>
        {{/canSend}}
        {{/hasContacts}}
        {{/main}}{{/layout}}
        """
}
