import Foundation
import Hummingbird
import Store
import SyncCore

/// `/v1/sub-accounts/{id}/email-provider`: the sub-account-level sender (SMTP) that workflow,
/// bulk and unconnected users' mail goes through. The password is write-only.
struct EmailProviderController {
    let store: Store

    func addRoutes(to group: RouterGroup<MailSyncRequestContext>) {
        group.get("sub-accounts/:subAccountID/email-provider", use: get)
        group.put("sub-accounts/:subAccountID/email-provider", use: put)
        group.delete("sub-accounts/:subAccountID/email-provider", use: delete)
    }

    struct PutBody: ValidatedBody {
        var host: String
        var port: Int
        var tlsMode: String
        var username: String?
        /// Write-only; omit to keep the stored one.
        var password: String?
        var sendingDomain: String
        var defaultFromAddress: String
        var defaultFromName: String?

        func validate() -> [ProblemDetails.InvalidParam] {
            var problems = FieldRules.nonEmpty(host, "host") + FieldRules.singleLine(username, "username")
                + FieldRules.nonEmpty(sendingDomain, "sendingDomain") + FieldRules.email(defaultFromAddress, "defaultFromAddress")
                + FieldRules.singleLine(defaultFromName, "defaultFromName", maxLength: 200)
                + FieldRules.singleLine(password, "password", maxLength: 1024)
            if !(1...65535).contains(port) { problems.append(.init(name: "port", reason: "must be from 1 to 65535")) }
            if EmailProviderSettings.TLSMode(rawValue: tlsMode) == nil {
                problems.append(.init(name: "tlsMode", reason: "must be one of none, starttls, tls"))
            }
            if !defaultFromAddress.lowercased().hasSuffix("@" + sendingDomain.lowercased()) {
                problems.append(.init(name: "defaultFromAddress", reason: "must be an address on sendingDomain"))
            }
            return problems
        }
    }

    @Sendable func get(_ request: Request, context: MailSyncRequestContext) async throws -> EmailProviderResponse {
        let scope = try TenantAccess.subAccount(request, context)
        return try await TenantAccess.withSubAccount(store, scope) { tx in
            guard let settings = try await tx.emailProvider.get() else { throw Problems.notFound("email provider") }
            return EmailProviderResponse(settings, hasSecret: try await tx.emailProvider.secret() != nil)
        }
    }

    @Sendable func put(_ request: Request, context: MailSyncRequestContext) async throws -> EmailProviderResponse {
        let scope = try TenantAccess.subAccount(request, context)
        let body = try await request.decodeJSON(PutBody.self, context: context)
        let settings = EmailProviderSettings(
            host: body.host, port: body.port, tlsMode: EmailProviderSettings.TLSMode(rawValue: body.tlsMode) ?? .startTLS,
            username: body.username, sendingDomain: body.sendingDomain, defaultFromAddress: body.defaultFromAddress,
            defaultFromName: body.defaultFromName)
        return try await TenantAccess.withSubAccount(store, scope) { tx in
            try await tx.emailProvider.save(settings)
            if let password = body.password { try await tx.emailProvider.setSecret(SecretText(password)) }
            return EmailProviderResponse(settings, hasSecret: try await tx.emailProvider.secret() != nil)
        }
    }

    @Sendable func delete(_ request: Request, context: MailSyncRequestContext) async throws -> HTTPResponse.Status {
        let scope = try TenantAccess.subAccount(request, context)
        let deleted = try await TenantAccess.withSubAccount(store, scope) { tx in try await tx.emailProvider.delete() }
        guard deleted else { throw Problems.notFound("email provider") }
        return .noContent
    }
}
