/// A laundering pattern that `PatternFinder` recognises. The raw values are the names
/// used in JSON and in `truth/laundering.csv` where one exists there.
public enum Typology: String, Sendable, CaseIterable, Hashable {
    /// Several accounts pass money on to one account within hours.
    case fanIn = "fan_in"
    /// One account passes money on to several accounts within hours.
    case fanOut = "fan_out"
    /// One account scatters money over several intermediaries that gather it in one account.
    case scatterGather = "scatter_gather"
    /// Several accounts gather money in one hub that scatters it over several accounts.
    case gatherScatter = "gather_scatter"
    /// Money passed on through accounts comes back to where it started.
    case cycle
    /// Several accounts each pass money to the same several accounts.
    case bipartite
    /// Two layers: one account pays a first layer, which pays a second layer, each to each.
    case stack
    /// Money passed on along a chain of accounts, one after the other.
    case layeringChain = "layering_chain"
    /// Cash withdrawals of money that had just been passed on.
    case cashOut = "cash_out"
    /// An account that forwards most of what it receives within hours (a mule).
    case passThrough = "pass_through"

    /// The typology of `truth/laundering.csv` this one is scored against; nil for
    /// `passThrough`, which is scored against laundering of any typology.
    public var truthName: String? {
        switch self {
        case .layeringChain: "random"
        case .passThrough: nil
        default: rawValue
        }
    }
}

/// One finding: the accounts and transfers that form a pattern, and how strongly.
public struct PatternFinding: Sendable, Equatable {
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
    /// Time of the first and the last transfer.
    public let first: Int64
    public let last: Int64
}
