/// Bounds that keep parsing any input, however hostile, in bounded memory and time.
///
/// The defaults are far above what real mail needs; parts beyond them are dropped with a warning.
public struct ParseLimits: Sendable, Hashable {
    /// How deep multiparts (and enclosed messages) may nest.
    public var maxDepth: Int
    /// How many MIME parts one message may hold in all.
    public var maxParts: Int
    /// How many header fields one header block may hold.
    public var maxHeaderFields: Int
    /// How many bytes one header block may hold.
    public var maxHeaderBytes: Int
    /// How many addresses one address header yields.
    public var maxAddresses: Int

    /// Creates limits; every value must be positive.
    public init(
        maxDepth: Int = 32,
        maxParts: Int = 2_000,
        maxHeaderFields: Int = 2_000,
        maxHeaderBytes: Int = 1 << 20,
        maxAddresses: Int = 5_000
    ) {
        self.maxDepth = maxDepth
        self.maxParts = maxParts
        self.maxHeaderFields = maxHeaderFields
        self.maxHeaderBytes = maxHeaderBytes
        self.maxAddresses = maxAddresses
    }

    /// The limits the sync service uses.
    public static let standard = ParseLimits()
}
