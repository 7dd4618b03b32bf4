import FraudGraph

/// The hashes of the two entity ids each record of a batch names (a transfer's from
/// and to, a link's source and target), with their slots of the entity table touched
/// all at once: lookups one by one wait for each cache miss in turn, a batch overlaps
/// them.
struct EndpointHashes {
    private var first = [UInt64](repeating: 0, count: CSVReader.batchCapacity)
    private var second = [UInt64](repeating: 0, count: CSVReader.batchCapacity)
    /// What the touches read, kept so that they are not optimised away.
    private var sink: UInt64 = 0

    /// Hashes fields `a` and `b` of the `n` records of the batch and touches their
    /// slots in `builder`'s entity table; false when a record does not have
    /// `fieldCount` fields.
    mutating func prepare(_ batch: borrowing CSVReader, count n: Int, fields a: Int, _ b: Int, fieldCount: Int,
                          builder: CaseBuilder) -> Bool {
        for r in 0 ..< n {
            let record = batch.record(r)
            guard record.fieldCount == fieldCount else { return false }
            first[r] = byteHash(record.field(a))
            second[r] = byteHash(record.field(b))
        }
        sink &+= first.withUnsafeBufferPointer { builder.prefetchEntities(hashes: UnsafeBufferPointer(rebasing: $0[0 ..< n])) }
        sink &+= second.withUnsafeBufferPointer { builder.prefetchEntities(hashes: UnsafeBufferPointer(rebasing: $0[0 ..< n])) }
        return true
    }

    /// The hashes of record `r`'s two ids.
    @inline(__always)
    func hashes(_ r: Int) -> (UInt64, UInt64) { (first[r], second[r]) }
}
