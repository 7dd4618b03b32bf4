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
