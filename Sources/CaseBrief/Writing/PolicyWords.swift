import MoneyFlow

/// Each tracing policy in one plain sentence, for readers who are not accountants.
enum PolicyWords {
    static func rule(_ p: TracePolicy) -> String {
        switch p {
        case .fifo: "first in, first out: money leaves an account in the order it came in"
        case .lifo: "last in, first out: the latest money in leaves first"
        case .libr: "lowest intermediate balance: an account spends its own clean money first, so only what must be victims' money is counted"
        case .dirtyFirst: "victims' money first: every payment out is counted as victims' money while any is left"
        case .haircut: "proportional: every payment out carries victims' money in the share the account held"
        case .poison: "taint: once an account received victims' money, everything it pays out counts as tainted (an upper bound)"
        }
    }
}
