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
            heldAccounts: a.heldAccounts + b.heldAccounts, heldSeeds: a.heldSeeds + b.heldSeeds,
            heldAmounts: a.heldAmounts + b.heldAmounts, piecesMoved: a.piecesMoved + b.piecesMoved)
        for (part, i) in inLedgerOrder(a.transferPositions, b.transferPositions) {
            let p = part == 0 ? a : b
            m.transfers.append(p.transfers[i])
            m.transferHops.append(p.transferHops[i])
            m.transferShares.appendRow(i, of: p.transferShares)
            m.transferPositions.append(p.transferPositions[i])
        }
        for (part, i) in inLedgerOrder(a.exitPositions, b.exitPositions) {
            let p = part == 0 ? a : b
            m.exits.append(p.exits[i])
            m.exitAccounts.append(p.exitAccounts[i])
            m.exitShares.appendRow(i, of: p.exitShares)
            m.exitPositions.append(p.exitPositions[i])
        }
        return m
    }

    /// (part, index) of the entries of two ascending position lists, in position order.
    private static func inLedgerOrder(_ x: ContiguousArray<Int32>, _ y: ContiguousArray<Int32>) -> [(part: Int, index: Int)] {
        var out: [(part: Int, index: Int)] = []
        out.reserveCapacity(x.count + y.count)
        var i = 0, j = 0
        while i < x.count || j < y.count {
            if j == y.count || (i < x.count && x[i] < y[j]) {
                out.append((0, i))
                i += 1
            } else {
                out.append((1, j))
                j += 1
            }
        }
        return out
    }
}
