/// Which rule of SPEC "What syncs" made a message sync, as a stable code stored with the decision.
public struct SyncReason: Sendable, Hashable, CaseIterable, CustomStringConvertible {
    private enum Code: String, CaseIterable {
        case crmThread = "crm_thread"
        case syncedThread = "synced_thread"
        case contactInbound = "contact_inbound"
        case contactOutbound = "contact_outbound"
        case bccAddress = "bcc_address"
        case bccCopy = "bcc_copy"
    }

    private let code: Code

    private init(_ code: Code) {
        self.code = code
    }

    /// Reads a stored code; nil for a code this version does not know.
    public init?(rawValue: String) {
        guard let code = Code(rawValue: rawValue) else { return nil }
        self.code = code
    }

    /// The stable code, e.g. `contact_inbound`.
    public var rawValue: String { code.rawValue }
    public var description: String { code.rawValue }
    /// Every reason, for documentation and database checks.
    public static var allCases: [SyncReason] { Code.allCases.map(SyncReason.init) }

    /// Rule 1: the thread was started by a CRM send.
    public static let crmThread = SyncReason(.crmThread)
    /// Rules 2-4, "with every later message of its thread": the thread synced before.
    public static let syncedThread = SyncReason(.syncedThread)
    /// Rule 2: inbound from a contact.
    public static let contactInbound = SyncReason(.contactInbound)
    /// Rule 3: outbound to a contact.
    public static let contactOutbound = SyncReason(.contactOutbound)
    /// Rule 4: outbound with the sub-account's BCC address in Cc or Bcc; creates its recipients as contacts.
    public static let bccAddress = SyncReason(.bccAddress)
    /// Rule 4 through the BCC endpoint: the copy of a user without an active connection.
    public static let bccCopy = SyncReason(.bccCopy)
}
