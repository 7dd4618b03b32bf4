/// Records of a book, reused after release: `records[k]` belongs to slot `owner[k]`
/// (-1 when free).
struct RecordPool<Record> {
    var records: ContiguousArray<Record> = []
    var owner: ContiguousArray<Int> = []
    private var free: ContiguousArray<Int32> = []
    let fresh: Record

    init(fresh: Record) { self.fresh = fresh }

    mutating func allocate(slot: Int) -> Int {
        if let k = free.popLast() {
            owner[Int(k)] = slot
            return Int(k)
        }
        records.append(fresh)
        owner.append(slot)
        return records.count - 1
    }

    mutating func release(_ k: Int) {
        owner[k] = -1
        free.append(Int32(k))
    }
}
