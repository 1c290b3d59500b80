/// A folder of an emulated mailbox and its messages, for inspection.
public struct MicrosoftEmulatorFolder: Sendable, Hashable, Codable {
    /// The folder id.
    public var id: String
    /// The display name.
    public var displayName: String
    /// The parent folder's id (nil for the root).
    public var parentFolderID: String?
    /// `inbox`, `sentitems`, ... for well-known folders.
    public var wellKnownName: String?
    /// The messages in it, newest first.
    public var messages: [MicrosoftEmulatorMessage]

    /// Creates a folder value.
    public init(
        id: String, displayName: String, parentFolderID: String?, wellKnownName: String?,
        messages: [MicrosoftEmulatorMessage]
    ) {
        self.id = id
        self.displayName = displayName
        self.parentFolderID = parentFolderID
        self.wellKnownName = wellKnownName
        self.messages = messages
    }
}
