import Foundation

/// One business of an agency: the tenant most rows belong to, with its sync settings.
public struct SubAccount: Sendable, Hashable, Identifiable {
    /// The sub-account's id, the tenant key of its rows.
    public var id: UUID
    /// The agency that owns it.
    public var agencyID: UUID
    /// Display name.
    public var name: String
    /// The sync BCC address (unique, unguessable): mail a user sends with it in Cc or Bcc is
    /// logged to the CRM and creates its recipients as contacts (SPEC rule 4).
    public var bccAddress: String
    /// Which attachments a synced message may carry.
    public var attachmentPolicy: AttachmentPolicy
    /// How many days of existing mail a new connection imports; nil imports none.
    public var backfillDays: Int?
    /// Opt-in features.
    public var labs: LabsFlags
    /// When the sub-account was created.
    public var createdAt: Date

    /// Creates a sub-account value.
    public init(
        id: UUID, agencyID: UUID, name: String, bccAddress: String, attachmentPolicy: AttachmentPolicy = .standard,
        backfillDays: Int? = nil, labs: LabsFlags = LabsFlags(), createdAt: Date
    ) {
        self.id = id
        self.agencyID = agencyID
        self.name = name
        self.bccAddress = bccAddress
        self.attachmentPolicy = attachmentPolicy
        self.backfillDays = backfillDays
        self.labs = labs
        self.createdAt = createdAt
    }

    /// The scope of this sub-account's rows.
    public var scope: TenantScope { .subAccount(id, of: agencyID) }
}
