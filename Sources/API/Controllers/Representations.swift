import Foundation
import Hummingbird
import SyncCore

/// JSON shapes of the API's resources (see openapi.yaml).
struct SubAccountResponse: ResponseEncodable, Sendable {
    var id: UUID
    var agencyId: UUID
    var name: String
    var bccAddress: String
    var labs: LabsBody
    var attachmentPolicy: AttachmentPolicyBody
    var backfillDays: Int?
    var createdAt: Date

    init(_ subAccount: SubAccount) {
        id = subAccount.id
        agencyId = subAccount.agencyID
        name = subAccount.name
        bccAddress = subAccount.bccAddress
        labs = LabsBody(outlookTwoWaySync: subAccount.labs.outlookTwoWaySync)
        attachmentPolicy = AttachmentPolicyBody(subAccount.attachmentPolicy)
        backfillDays = subAccount.backfillDays
        createdAt = subAccount.createdAt
    }
}

struct LabsBody: Codable, Sendable {
    var outlookTwoWaySync: Bool
}

struct AttachmentPolicyBody: Codable, Sendable {
    var maxBytes: Int
    var extensions: [String]
    var mimeTypes: [String]

    init(_ policy: AttachmentPolicy) {
        maxBytes = policy.maxBytes
        extensions = policy.extensions
        mimeTypes = policy.mimeTypes
    }

    var policy: AttachmentPolicy { AttachmentPolicy(maxBytes: maxBytes, extensions: extensions, mimeTypes: mimeTypes) }

    func validate(prefix: String) -> [ProblemDetails.InvalidParam] {
        var problems: [ProblemDetails.InvalidParam] = []
        if !(1...(50 * 1024 * 1024)).contains(maxBytes) {
            problems.append(.init(name: "\(prefix).maxBytes", reason: "must be from 1 to 52428800"))
        }
        for (index, value) in extensions.enumerated()
        where value.isEmpty || value.count > 16 || !value.allSatisfy({ $0.isLetter || $0.isNumber }) {
            problems.append(.init(name: "\(prefix).extensions[\(index)]", reason: "must be 1-16 letters or digits, without a dot"))
        }
        for (index, value) in mimeTypes.enumerated() where !value.contains("/") || value.count > 127 {
            problems.append(.init(name: "\(prefix).mimeTypes[\(index)]", reason: "must be a MIME type like application/pdf"))
        }
        return problems
    }
}

struct UserResponse: ResponseEncodable, Sendable {
    var id: UUID
    var agencyId: UUID
    var email: String
    var name: String?
    var createdAt: Date

    init(_ user: User) {
        id = user.id
        agencyId = user.agencyID
        email = user.email
        name = user.name
        createdAt = user.createdAt
    }
}

struct ContactResponse: ResponseEncodable, Sendable {
    var id: UUID
    var subAccountId: UUID
    var email: String
    var name: String?
    var source: String
    var createdAt: Date

    init(_ contact: Contact) {
        id = contact.id
        subAccountId = contact.subAccountID
        email = contact.email
        name = contact.name
        source = contact.source.rawValue
        createdAt = contact.createdAt
    }
}

struct APIKeyResponse: ResponseEncodable, Sendable {
    var id: UUID
    var name: String
    var createdAt: Date
    var lastUsedAt: Date?
    var revokedAt: Date?
    /// Present only in the answer that created the key.
    var token: String?

    init(_ key: APIKey, token: String? = nil) {
        id = key.id
        name = key.name
        createdAt = key.createdAt
        lastUsedAt = key.lastUsedAt
        revokedAt = key.revokedAt
        self.token = token
    }
}

struct EmailProviderResponse: ResponseEncodable, Sendable {
    var kind: String
    var host: String
    var port: Int
    var tlsMode: String
    var username: String?
    var sendingDomain: String
    var defaultFromAddress: String
    var defaultFromName: String?
    /// Whether a password is stored; the password itself is never returned.
    var hasSecret: Bool

    init(_ settings: EmailProviderSettings, hasSecret: Bool) {
        kind = settings.kind.rawValue
        host = settings.host
        port = settings.port
        tlsMode = settings.tlsMode.rawValue
        username = settings.username
        sendingDomain = settings.sendingDomain
        defaultFromAddress = settings.defaultFromAddress
        defaultFromName = settings.defaultFromName
        self.hasSecret = hasSecret
    }
}
