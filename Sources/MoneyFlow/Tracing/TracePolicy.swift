/// How a sending account's money is split between clean money and each seed's tainted
/// money when it pays out: the allocation policies of `shared/spec/tracing.md`.
public enum TracePolicy: String, Sendable, CaseIterable, Hashable {
    /// First in, first out (Clayton's case): lots leave from the front of the sequence.
    case fifo
    /// Last in, first out: lots leave from the back of the sequence.
    case lifo
    /// Clean money first (the lowest intermediate balance rule), then tainted lots
    /// front to back.
    case libr
    /// Tainted lots first, front to back (seniority), then clean money.
    case dirtyFirst = "dirty-first"
    /// Proportional: every (seed, hops) holding gives the fraction min(a, B) / B,
    /// rounded down to the unit.
    case haircut
    /// Once an account received tainted money, every later transfer out of it is
    /// wholly tainted. An upper bound on what is touched, not an allocation: its
    /// figures do not add up.
    case poison

    /// Whether held + exited + cut (+ rounding) equals every seed's amount.
    public var conservesMoney: Bool { self != .poison }

    /// Two seeds' shares of one transfer, withdrawal or account as one amount: their
    /// sum; under poison, where every share is the whole amount, that amount once.
    @inlinable public func combined(_ total: Int64, _ share: Int64) -> Int64 {
        conservesMoney ? total + share : Swift.max(total, share)
    }
}
