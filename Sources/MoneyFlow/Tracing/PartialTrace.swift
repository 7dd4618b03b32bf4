/// What a replay of part of the ledger (some of its currencies) found: the trace's
/// lists in ledger order with their ledger positions, so that the parts of one trace
/// can be put together (`merging`), and the tainted money left, not yet grouped.
struct PartialTrace: Sendable {
    /// Per seed.
    var cut: ContiguousArray<Int64>
    var exited: ContiguousArray<Int64>
    var rounding: ContiguousArray<Int64>

    var transfers: ContiguousArray<Int32>
    var transferHops: ContiguousArray<Int32>
    var transferShares: TaintShares
    var transferPositions: ContiguousArray<Int32>

    var exits: ContiguousArray<Int32>
    var exitAccounts: ContiguousArray<Int32>
    var exitShares: TaintShares
    var exitPositions: ContiguousArray<Int32>

    /// (account, seed, amount) triples of what is still held, several per account and
    /// seed possibly.
    var heldAccounts: ContiguousArray<Int32>
    var heldSeeds: ContiguousArray<Int32>
    var heldAmounts: ContiguousArray<Int64>

    var piecesMoved: Int

    /// The parts of two disjoint sets of currencies as one: lists in ledger order,
    /// figures per seed added up.
    static func merging(_ a: PartialTrace, _ b: PartialTrace) -> PartialTrace {
        func sum(_ x: ContiguousArray<Int64>, _ y: ContiguousArray<Int64>) -> ContiguousArray<Int64> {
            ContiguousArray(zip(x, y).lazy.map { $0 + $1 })
        }
        var m = PartialTrace(
            cut: sum(a.cut, b.cut), exited: sum(a.exited, b.exited), rounding: sum(a.rounding, b.rounding),
            transfers: [], transferHops: [], transferShares: TaintShares(), transferPositions: [],
            exits: [], exitAccounts: [], exitShares: TaintShares(), exitPositions: [],
            heldAccounts: [], heldSeeds: [], heldAmounts: [], piecesMoved: a.piecesMoved + b.piecesMoved)
        m.appendHeld(a, b)
        m.reserve(transfers: a.transfers.count + b.transfers.count, shares: a.transferShares.seed.count + b.transferShares.seed.count,
                  exits: a.exits.count + b.exits.count, exitShares: a.exitShares.seed.count + b.exitShares.seed.count)
        forEachRun(a.transferPositions, b.transferPositions) { part, rows in
            if part == 0 { m.appendTransfers(rows, of: a) } else { m.appendTransfers(rows, of: b) }
        }
        forEachRun(a.exitPositions, b.exitPositions) { part, rows in
            if part == 0 { m.appendExits(rows, of: a) } else { m.appendExits(rows, of: b) }
        }
        return m
    }

    /// Appends the held triples of `a` and `b`: merged in (account, seed) order when
    /// each part's are (so that grouping them needs no sort), else one after the other.
    private mutating func appendHeld(_ a: PartialTrace, _ b: PartialTrace) {
        let n = a.heldAccounts.count + b.heldAccounts.count
        heldAccounts.reserveCapacity(n)
        heldSeeds.reserveCapacity(n)
        heldAmounts.reserveCapacity(n)
        guard a.heldInOrder && b.heldInOrder else {
            for p in [a, b] {
                heldAccounts.append(contentsOf: p.heldAccounts)
                heldSeeds.append(contentsOf: p.heldSeeds)
                heldAmounts.append(contentsOf: p.heldAmounts)
            }
            return
        }
        var i = 0, j = 0
        while i < a.heldAccounts.count || j < b.heldAccounts.count {
            // The run of a's triples that come next, then b's.
            let start = i
            while i < a.heldAccounts.count && (j == b.heldAccounts.count || a.heldKey(i) <= b.heldKey(j)) { i += 1 }
            appendHeld(start ..< i, of: a)
            let startB = j
            while j < b.heldAccounts.count && (i == a.heldAccounts.count || b.heldKey(j) < a.heldKey(i)) { j += 1 }
            appendHeld(startB ..< j, of: b)
        }
    }

    private mutating func appendHeld(_ rows: Range<Int>, of p: PartialTrace) {
        heldAccounts.append(contentsOf: p.heldAccounts[rows])
        heldSeeds.append(contentsOf: p.heldSeeds[rows])
        heldAmounts.append(contentsOf: p.heldAmounts[rows])
    }

    /// Held triple `i`'s (account, seed) as one number, in (account, seed) order.
    private func heldKey(_ i: Int) -> UInt64 {
        UInt64(UInt32(bitPattern: heldAccounts[i])) << 32 | UInt64(UInt32(bitPattern: heldSeeds[i]))
    }

    /// Whether the held triples are in (account, seed) order.
    private var heldInOrder: Bool {
        for i in heldAccounts.indices.dropFirst() where heldKey(i - 1) > heldKey(i) { return false }
        return true
    }

    private mutating func reserve(transfers n: Int, shares: Int, exits e: Int, exitShares: Int) {
        transfers.reserveCapacity(n)
        transferHops.reserveCapacity(n)
        transferPositions.reserveCapacity(n)
        transferShares.reserve(rows: n, pairs: shares)
        exits.reserveCapacity(e)
        exitAccounts.reserveCapacity(e)
        exitPositions.reserveCapacity(e)
        self.exitShares.reserve(rows: e, pairs: exitShares)
    }

    private mutating func appendTransfers(_ rows: Range<Int>, of p: PartialTrace) {
        transfers.append(contentsOf: p.transfers[rows])
        transferHops.append(contentsOf: p.transferHops[rows])
        transferShares.appendRows(rows, of: p.transferShares)
        transferPositions.append(contentsOf: p.transferPositions[rows])
    }

    private mutating func appendExits(_ rows: Range<Int>, of p: PartialTrace) {
        exits.append(contentsOf: p.exits[rows])
        exitAccounts.append(contentsOf: p.exitAccounts[rows])
        exitShares.appendRows(rows, of: p.exitShares)
        exitPositions.append(contentsOf: p.exitPositions[rows])
    }

    /// Calls `body` with the runs (part 0 or 1, rows) of two ascending position lists,
    /// in position order: each run as long as it goes.
    private static func forEachRun(_ x: ContiguousArray<Int32>, _ y: ContiguousArray<Int32>, _ body: (Int, Range<Int>) -> Void) {
        var i = 0, j = 0
        while i < x.count || j < y.count {
            if j == y.count || (i < x.count && x[i] < y[j]) {
                let start = i
                while i < x.count && (j == y.count || x[i] < y[j]) { i += 1 }
                body(0, start ..< i)
            } else {
                let start = j
                while j < y.count && (i == x.count || y[j] < x[i]) { j += 1 }
                body(1, start ..< j)
            }
        }
    }
}
