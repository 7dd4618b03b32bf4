/// One finding: the accounts and transfers that form a pattern, and how strongly.
public struct PatternFinding: Sendable, Equatable {
    /// Which laundering typology the pattern is.
    public let typology: Typology
    /// Accounts involved: where the money entered the pattern first, then the rest,
    /// by entity index within each group.
    public let accounts: [Int32]
    /// Transfers of the pattern, in replay order.
    public let transfers: [Int32]
    /// Money moved by those transfers, in units (currencies summed as they are).
    public let amount: Int64
    /// 0...1: the share of the money that was passed on within the window, times how
    /// fast (1 - average delay / window).
    public let score: Double
    /// Time of the first transfer.
    public let first: Int64
    /// Time of the last transfer.
    public let last: Int64
}
