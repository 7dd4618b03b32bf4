import FraudGraph

/// Every entity's FtM id, and for an account also the id of its payer/beneficiary
/// (its holder, or its stand-in), as bytes back to back in one buffer, found through
/// one 64-bit entry per entity. A Payment line then reads two entries and copies four
/// short runs of bytes, where looking the ids up one by one (holder, derived-id flag,
/// id offsets and bytes, for both ends) costs about a dozen reads from all over memory.
///
/// FtM ids are at most 200 characters of `[0-9A-Za-z.-]` (`FtMIdentifiers`), so they
/// need no JSON escaping and their lengths fit in a byte.
///
/// The table lives in memory of its own, never changed after it is made, so that the
/// writers' loops read it through plain pointers (no closure to reach into an array,
/// whose captured state Swift then checks for exclusive access at run time).
final class FtMEntityIDs: @unchecked Sendable {
    /// Entry of entity `e`: `offset << 24 | partyLength << 16 | idLength << 8 | flags`;
    /// the party's id (if any) starts at `offset`, the entity's own id follows it.
    let entries: UnsafeBufferPointer<UInt64>
    let bytes: UnsafeBufferPointer<UInt8>

    /// The entity is written as a BankAccount (or a schema that is one).
    static let isBank: UInt64 = 1

    /// - Parameters:
    ///   - appendID: appends the FtM id of an entity.
    ///   - appendParty: appends the FtM id of the payer/beneficiary of an account (if it needs one).
    ///   - isBank: whether the entity is written as a bank account.
    /// - Complexity: O(entities).
    init(count: Int, isBank: (Int32) -> Bool, appendParty: (Int32, inout ContiguousArray<UInt8>) -> Void,
         appendID: (Int32, inout ContiguousArray<UInt8>) -> Void) {
        var entries = ContiguousArray<UInt64>()
        var bytes = ContiguousArray<UInt8>()
        entries.reserveCapacity(count)
        bytes.reserveCapacity(count * 12)
        for i in 0 ..< count {
            let e = Int32(i)
            let offset = bytes.count
            appendParty(e, &bytes)
            let idStart = bytes.count
            appendID(e, &bytes)
            let partyLength = idStart - offset, idLength = bytes.count - idStart
            precondition(partyLength <= 255 && idLength <= 255, "FtM ids are at most 200 bytes")
            entries.append(UInt64(offset) << 24 | UInt64(partyLength) << 16 | UInt64(idLength) << 8 | (isBank(e) ? Self.isBank : 0))
        }
        bytes.append(0)  // never empty
        self.entries = UnsafeBufferPointer(Self.copy(entries))
        self.bytes = UnsafeBufferPointer(Self.copy(bytes))
    }

    /// No entities.
    convenience init() {
        self.init(count: 0, isBank: { _ in false }, appendParty: { _, _ in }, appendID: { _, _ in })
    }

    deinit {
        entries.deallocate()
        bytes.deallocate()
    }

    private static func copy<T>(_ a: ContiguousArray<T>) -> UnsafeMutableBufferPointer<T> {
        let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: a.count)
        _ = buffer.initialize(from: a)
        return buffer
    }

    /// Calls `body` with the FtM id of entity `e`.
    @inline(__always)
    func withID<R>(_ e: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let entry = entries[Int(e)]
        let start = Int(entry >> 24) + Int((entry >> 16) & 255)
        return body(UnsafeBufferPointer(rebasing: bytes[start ..< start + Int((entry >> 8) & 255)]))
    }
}
