import Foundation
import Hummingbird
import JobQueue
import Store
import Sync
import SyncCore

/// `/v1/sub-accounts/{id}/contacts`: the people a sub-account emails. `?email=` finds one by
/// address (case-insensitive).
struct ContactController {
    let store: Store

    func addRoutes(to group: RouterGroup<MailSyncRequestContext>) {
        group.post("sub-accounts/:subAccountID/contacts", use: create)
        group.get("sub-accounts/:subAccountID/contacts", use: list)
        group.get("sub-accounts/:subAccountID/contacts/:contactID", use: get)
        group.patch("sub-accounts/:subAccountID/contacts/:contactID", use: update)
        group.delete("sub-accounts/:subAccountID/contacts/:contactID", use: delete)
    }

    struct CreateBody: ValidatedBody {
        var email: String
        var name: String?
        func validate() -> [ProblemDetails.InvalidParam] {
            FieldRules.email(email, "email") + FieldRules.singleLine(name, "name", maxLength: 200)
        }
    }

    struct UpdateBody: ValidatedBody {
        var name: String?
        func validate() -> [ProblemDetails.InvalidParam] { FieldRules.singleLine(name, "name", maxLength: 200) }
    }

    @Sendable func create(_ request: Request, context: MailSyncRequestContext) async throws -> EditedResponse<ContactResponse> {
        let scope = try TenantAccess.subAccount(request, context)
        let body = try await request.decodeJSON(CreateBody.self, context: context)
        let contact = try await TenantAccess.withSubAccount(store, scope) { tx in
            let contact = try await tx.contacts.create(email: body.email, name: body.name, source: .crm)
            // Rule 11: the new contact's recently skipped mail is evaluated again, once this commits.
            try await JobQueue(client: store.client).enqueue(
                [SyncJobs.reevaluate(contactEmail: contact.email, subAccountID: contact.subAccountID, agencyID: scope.agencyID)],
                on: tx.connection)
            return contact
        }
        return EditedResponse(status: .created, response: ContactResponse(contact))
    }

    @Sendable func list(_ request: Request, context: MailSyncRequestContext) async throws -> Page<ContactResponse> {
        let scope = try TenantAccess.subAccount(request, context)
        let page = try PageRequest(request)
        let email = request.uri.queryParameters["email"].map(String.init)
        return try await TenantAccess.withSubAccount(store, scope) { tx in
            if let email {
                let found = try await tx.contacts.find(email: email)
                return Page(items: found.map { [ContactResponse($0)] } ?? [], nextCursor: nil)
            }
            let contacts = try await tx.contacts.list(after: page.after, limit: page.limit + 1)
            return page.page(contacts.map(ContactResponse.init), id: \.id)
        }
    }

    @Sendable func get(_ request: Request, context: MailSyncRequestContext) async throws -> ContactResponse {
        let scope = try TenantAccess.subAccount(request, context)
        let id = try TenantAccess.uuid(context, "contactID", what: "contact")
        return try await TenantAccess.withSubAccount(store, scope) { tx in
            guard let contact = try await tx.contacts.get(id) else { throw Problems.notFound("contact") }
            return ContactResponse(contact)
        }
    }

    @Sendable func update(_ request: Request, context: MailSyncRequestContext) async throws -> ContactResponse {
        let scope = try TenantAccess.subAccount(request, context)
        let id = try TenantAccess.uuid(context, "contactID", what: "contact")
        let body = try await request.decodeJSON(UpdateBody.self, context: context)
        return try await TenantAccess.withSubAccount(store, scope) { tx in
            try await tx.contacts.rename(id, to: body.name)
            guard let contact = try await tx.contacts.get(id) else { throw Problems.notFound("contact") }
            return ContactResponse(contact)
        }
    }

    @Sendable func delete(_ request: Request, context: MailSyncRequestContext) async throws -> HTTPResponse.Status {
        let scope = try TenantAccess.subAccount(request, context)
        let id = try TenantAccess.uuid(context, "contactID", what: "contact")
        let deleted = try await TenantAccess.withSubAccount(store, scope) { tx in try await tx.contacts.delete(id) }
        guard deleted else { throw Problems.notFound("contact") }
        return .noContent
    }
}
