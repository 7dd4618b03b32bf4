/// For each row of a list (a transfer, an account, an exit), the tainted money it
/// carries or holds per seed: `(seed, amount)` pairs, seeds ascending, amounts
/// positive. Stored flat, CSR style.
public struct TaintShares: Sendable, Equatable {
    /// Row `i`'s pairs are `offsets[i] ..< offsets[i + 1]`.
    public private(set) var offsets: ContiguousArray<Int> = [0]
    /// Seed number: position in `Trace.seeds`.
    public private(set) var seed: ContiguousArray<Int32> = []
    /// Amount in 1/10,000 units of the seed's currency.
    public private(set) var amount: ContiguousArray<Int64> = []

    /// No rows.
    public init() {}

    /// Number of rows.
    @inlinable public var count: Int { offsets.count - 1 }

    /// Positions of row `i`'s pairs.
    @inlinable public func range(_ i: Int) -> Range<Int> { offsets[i] ..< offsets[i + 1] }

    /// The pairs of row `i`.
    public func shares(_ i: Int) -> [(seed: Int, amount: Int64)] {
        range(i).map { (Int(seed[$0]), amount[$0]) }
    }

    /// Row `i`'s amount of seed `s` (0 if none).
    public func amount(ofSeed s: Int, row i: Int) -> Int64 {
        for p in range(i) where seed[p] == Int32(s) { return amount[p] }
        return 0
    }

    /// Row `i`'s tainted money, all seeds together.
    public func total(_ i: Int) -> Int64 {
        var sum: Int64 = 0
        for p in range(i) { sum += amount[p] }
        return sum
    }

    mutating func append(seed s: Int32, amount a: Int64) {
        seed.append(s)
        amount.append(a)
    }

    /// Makes room for `rows` more rows of `pairs` pairs in all.
    mutating func reserve(rows: Int, pairs: Int) {
        offsets.reserveCapacity(offsets.count + rows)
        seed.reserveCapacity(seed.count + pairs)
        amount.reserveCapacity(amount.count + pairs)
    }

    /// Appends rows `rows` of `other`.
    mutating func appendRows(_ rows: Range<Int>, of other: TaintShares) {
        guard !rows.isEmpty else { return }
        let lo = other.offsets[rows.lowerBound], hi = other.offsets[rows.upperBound]
        let shift = seed.count - lo
        seed.append(contentsOf: other.seed[lo ..< hi])
        amount.append(contentsOf: other.amount[lo ..< hi])
        for i in rows { offsets.append(other.offsets[i + 1] + shift) }
    }

    mutating func endRow() { offsets.append(seed.count) }

    /// Appends one row: `seeds[i]` holds `amounts[i]`.
    mutating func appendRow(seeds: UnsafeBufferPointer<Int32>, amounts: UnsafeBufferPointer<Int64>) {
        seed.append(contentsOf: seeds)
        amount.append(contentsOf: amounts)
        offsets.append(seed.count)
    }
}
