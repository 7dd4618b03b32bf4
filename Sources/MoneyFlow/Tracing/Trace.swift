import FraudGraph

/// The result of tracing seed transfers through a case under one policy
/// (`shared/spec/tracing.md`): every transfer that carried tainted money, the tainted
/// money each account still holds, the tainted money that left through cash
/// withdrawals, and per seed the totals. Entities and transfers are case indices.
public struct Trace: Sendable {
    /// The allocation policy that made the trace.
    public let policy: TracePolicy
    /// `--max-hops`, or nil.
    public let maxHops: Int?
    /// The seed transfers (rows), in the order given; seed number `s` is `seeds[s]`.
    public let seeds: [Int32]
    /// Per seed.
    public let totals: [SeedTotals]

    /// Transfers that carried tainted money, in replay order (seeds included).
    public let transfers: ContiguousArray<Int32>
    /// The least hop count with which each transfer's tainted pieces arrive (0 for a
    /// seed transfer).
    public let transferHops: ContiguousArray<Int32>
    /// Tainted money each of `transfers` carried, per seed.
    public let transferShares: TaintShares

    /// Accounts that hold tainted money at the end, ascending index.
    public let holdingAccounts: ContiguousArray<Int32>
    /// Per holding account, the tainted money it holds per seed.
    public let holdingShares: TaintShares

    /// Cash withdrawals (`channel` = `cash_out`) that carried tainted money out, in
    /// replay order, and the account it left from (the sender).
    public let exits: ContiguousArray<Int32>
    /// Per exit, the account the money left from.
    public let exitAccounts: ContiguousArray<Int32>
    /// Per exit, the tainted money it took out per seed.
    public let exitShares: TaintShares

    /// Tainted pieces that transfers took from senders (seed transfers' cut pieces
    /// included): the replay's work on taint beyond moving balances. A piece is one
    /// lot, or part of one, of one seed and hop count (under fifo to dirty-first, lots
    /// of one kind that are not adjacent are separate pieces). Under haircut every
    /// holding of a sender gives its rounded share, so this grows with the holdings,
    /// not with the transfers.
    public var piecesMoved = 0

    /// Per seed: its amount and where that money ended.
    public struct SeedTotals: Sendable, Equatable {
        /// The seed transfer's amount, in units.
        public var amount: Int64
        /// Still held in accounts at the end.
        public var held: Int64 = 0
        /// Left through cash withdrawals.
        public var exited: Int64 = 0
        /// No longer followed: beyond `--max-hops`, or taken by another seed's transfer.
        public var cut: Int64 = 0
        /// haircut only: dust a nearly wholly tainted sender could not hold.
        public var rounding: Int64 = 0

        /// Whether held + exited + cut + rounding = amount.
        public var addsUp: Bool { held + exited + cut + rounding == amount }
    }

    /// The position of `transfer` in `transfers`, or nil if it carried no taint.
    /// - Complexity: O(n), a linear search.
    public func index(ofTransfer transfer: Int32) -> Int? { transfers.firstIndex(of: transfer) }

    /// The position of `account` in `holdingAccounts`, or nil.
    /// - Complexity: O(log n).
    public func index(ofHolding account: Int32) -> Int? {
        var lo = 0, hi = holdingAccounts.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if holdingAccounts[mid] < account { lo = mid + 1 } else { hi = mid }
        }
        return lo < holdingAccounts.count && holdingAccounts[lo] == account ? lo : nil
    }

    /// Tainted money `account` holds at the end, per seed number.
    public func held(by account: Int32) -> [Int: Int64] {
        guard let i = index(ofHolding: account) else { return [:] }
        var out: [Int: Int64] = [:]
        for (s, a) in holdingShares.shares(i) { out[s] = a }
        return out
    }

    /// Row `i` of `shares` (a transfer's, an exit's or a holding account's, of this
    /// trace) as one amount, over the seeds numbered in `seeds` (nil: all): their
    /// shares `TracePolicy.combined`, so that under poison the whole amount counts
    /// once. A holding account's shares may be in several currencies (the seeds'):
    /// combine them per currency instead.
    public func tainted(_ shares: TaintShares, row i: Int, seeds: Set<Int>? = nil) -> Int64 {
        var total: Int64 = 0
        for p in shares.range(i) where seeds?.contains(Int(shares.seed[p])) ?? true {
            total = policy.combined(total, shares.amount[p])
        }
        return total
    }

    /// Tainted money `transfer` carried, per seed number.
    public func carried(by transfer: Int32) -> [Int: Int64] {
        guard let i = index(ofTransfer: transfer) else { return [:] }
        var out: [Int: Int64] = [:]
        for (s, a) in transferShares.shares(i) { out[s] = a }
        return out
    }
}
