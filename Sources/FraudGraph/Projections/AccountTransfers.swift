/// For every entity, the transfers it sent and the transfers it received, each list
/// in replay order (ascending time, ties in file order). Built from a `Ledger`.
///
/// Memory: 8 bytes a transfer plus 16 an entity.
public struct AccountTransfers: Sendable {
    public let outOffsets: ContiguousArray<Int>
    /// Transfers sent, entity by entity.
    public let outgoing: ContiguousArray<Int32>
    public let inOffsets: ContiguousArray<Int>
    /// Transfers received, entity by entity.
    public let incoming: ContiguousArray<Int32>

    /// - Complexity: O(entities + transfers).
    public init(_ c: Case, ledger: Ledger) {
        let n = c.entities.count
        (outOffsets, outgoing) = AccountTransfers.bucket(n, ledger.order, c.transfers.source)
        (inOffsets, incoming) = AccountTransfers.bucket(n, ledger.order, c.transfers.target)
    }

    /// Positions in `outgoing` of the transfers `e` sent.
    @inlinable public func sentRange(_ e: Int32) -> Range<Int> { outOffsets[Int(e)] ..< outOffsets[Int(e) + 1] }

    /// Positions in `incoming` of the transfers `e` received.
    @inlinable public func receivedRange(_ e: Int32) -> Range<Int> { inOffsets[Int(e)] ..< inOffsets[Int(e) + 1] }

    private static func bucket(_ n: Int, _ order: ContiguousArray<Int32>, _ owner: ContiguousArray<Int32>)
        -> (ContiguousArray<Int>, ContiguousArray<Int32>) {
        var offsets = ContiguousArray<Int>(repeating: 0, count: n + 1)
        for a in owner { offsets[Int(a) + 1] += 1 }
        for e in 0 ..< n { offsets[e + 1] += offsets[e] }
        var cursor = offsets
        var list = ContiguousArray<Int32>(repeating: 0, count: order.count)
        for t in order {
            let a = Int(owner[Int(t)])
            list[cursor[a]] = t
            cursor[a] += 1
        }
        return (offsets, list)
    }
}
