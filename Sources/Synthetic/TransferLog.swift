import FraudGraph

/// Transfers as the generator makes them, in no particular order; `sortedOrder()`
/// puts them in time order before they become the case's transfers.tsv rows.
struct TransferLog {
    /// Source and target: an entity index, or `-(k + 1)` for outside account `k`.
    var from: [Int32] = []
    var to: [Int32] = []
    var amount: [Int64] = []
    var time: [Int64] = []
    /// Index into `GenerationState.currencies`.
    var currency: [UInt8] = []
    /// Index into `GenerationState.channels`.
    var channel: [UInt8] = []
    /// Index into `GenerationState.references`, or -1.
    var reference: [Int32] = []

    var count: Int { from.count }

    mutating func reserve(_ n: Int) {
        from.reserveCapacity(n); to.reserveCapacity(n); amount.reserveCapacity(n); time.reserveCapacity(n)
        currency.reserveCapacity(n); channel.reserveCapacity(n); reference.reserveCapacity(n)
    }

    /// Adds a transfer; returns its position in the log.
    @discardableResult
    mutating func add(from a: Int32, to b: Int32, units: Int64, time t: Int64, currency c: UInt8, channel ch: UInt8, reference r: Int32 = -1) -> Int {
        from.append(a); to.append(b); amount.append(max(units, 100)); time.append(t)
        currency.append(c); channel.append(ch); reference.append(r)
        return from.count - 1
    }

    /// Log positions in time order, ties in the order made.
    func sortedOrder() -> ContiguousArray<Int32> { Ledger.timeOrder(ContiguousArray(time)) }
}
