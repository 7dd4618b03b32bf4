import FraudGraph

/// Every entity's id as an XML attribute value (`GraphMLText.appendAttribute`), back to
/// back in one buffer, found through one 64-bit entry per entity: an edge line copies
/// its two ends' ids with one lookup each, where scanning and escaping each id byte by
/// byte, per edge, cost more than the rest of the line. Like `FtMEntityIDs`, it lives
/// in memory of its own, read through plain pointers.
final class GraphMLEntityIDs: @unchecked Sendable {
    /// Entry of entity `e`: `offset << 21 | length << 1 | plain`; plain (1) means the id
    /// needs no percent-encoding, so the bytes at `offset` are what an edge writes.
    let entries: UnsafeBufferPointer<UInt64>
    let bytes: UnsafeBufferPointer<UInt8>

    /// - Complexity: O(entities).
    init(_ e: EntityTable) {
        var entries = ContiguousArray<UInt64>()
        var bytes = ContiguousArray<UInt8>()
        entries.reserveCapacity(e.count)
        bytes.reserveCapacity(e.ids.byteCount + e.count)
        var escaped: [UInt8] = []
        for i in 0 ..< e.count {
            let offset = bytes.count
            let plain = e.ids.withBytes(Int32(i)) { id -> Bool in
                guard !GraphMLText.needsEncoding(id, isID: true) else { return false }
                escaped.removeAll(keepingCapacity: true)
                GraphMLText.appendAttribute(id, to: &escaped)
                guard escaped.count < 1 << 20 else { return false }
                bytes.append(contentsOf: escaped)
                return true
            }
            entries.append(UInt64(offset) << 21 | UInt64(bytes.count - offset) << 1 | (plain ? 1 : 0))
        }
        bytes.append(0)  // never empty
        let e = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: entries.count)
        _ = e.initialize(from: entries)
        let b = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
        _ = b.initialize(from: bytes)
        self.entries = UnsafeBufferPointer(e)
        self.bytes = UnsafeBufferPointer(b)
    }

    deinit {
        entries.deallocate()
        bytes.deallocate()
    }
}
