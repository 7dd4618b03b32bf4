/// One CSV record's fields, as views into a reader's or a batch's bytes.
struct RecordView {
    let base: UnsafePointer<UInt8>
    /// Start and end of field i at 2i and 2i+1, relative to `base`.
    let spans: UnsafePointer<Int>
    let fieldCount: Int
    /// 1-based line where the record starts.
    let line: Int

    @inline(__always)
    func field(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        let lo = spans[2 &* i], hi = spans[2 &* i &+ 1]
        return UnsafeBufferPointer(start: base + lo, count: hi &- lo)
    }

    func string(_ i: Int) -> String { String(decoding: field(i), as: UTF8.self) }

    var strings: [String] { (0 ..< fieldCount).map { string($0) } }
}

/// A few dozen records copied out of a `CSVReader`, so that they can be looked at
/// together: the table readers hash every id of a batch first and touch the hash
/// tables' memory for all of them at once (see `StringInterner.prefetch`), which
/// overlaps cache misses that one-by-one lookups would wait for in turn.
struct RecordBatch: ~Copyable {
    /// Records a batch holds at most.
    static let capacity = 64

    private var bytes: UnsafeMutablePointer<UInt8>
    private var byteCount = 0
    private var byteCapacity: Int
    private var spans: UnsafeMutablePointer<Int>
    private var spanCount = 0
    private var spanCapacity: Int
    private let firstSpan: UnsafeMutablePointer<Int>
    private let fieldCounts: UnsafeMutablePointer<Int>
    private let lines: UnsafeMutablePointer<Int>
    private(set) var count = 0

    init() {
        byteCapacity = 1 << 16
        bytes = .allocate(capacity: byteCapacity)
        spanCapacity = 1024
        spans = .allocate(capacity: spanCapacity)
        firstSpan = .allocate(capacity: RecordBatch.capacity)
        fieldCounts = .allocate(capacity: RecordBatch.capacity)
        lines = .allocate(capacity: RecordBatch.capacity)
    }

    deinit {
        bytes.deallocate()
        spans.deallocate()
        firstSpan.deallocate()
        fieldCounts.deallocate()
        lines.deallocate()
    }

    var isFull: Bool { count == RecordBatch.capacity }

    mutating func removeAll() {
        count = 0
        byteCount = 0
        spanCount = 0
    }

    /// Copies the reader's current record into the batch.
    mutating func append(_ reader: borrowing CSVReader) {
        let n = reader.fieldCount
        if spanCount + 2 * n > spanCapacity {
            let bigger = UnsafeMutablePointer<Int>.allocate(capacity: max(2 * spanCapacity, spanCount + 2 * n))
            bigger.update(from: spans, count: spanCount)
            spans.deallocate()
            spans = bigger
            spanCapacity = max(2 * spanCapacity, spanCount + 2 * n)
        }
        firstSpan[count] = spanCount
        fieldCounts[count] = n
        lines[count] = reader.line
        for i in 0 ..< n {
            let f = reader.field(i)
            if byteCount + f.count > byteCapacity {
                let newCapacity = max(2 * byteCapacity, byteCount + f.count)
                let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
                bigger.update(from: bytes, count: byteCount)
                bytes.deallocate()
                bytes = bigger
                byteCapacity = newCapacity
            }
            if let src = f.baseAddress, f.count > 0 { (bytes + byteCount).update(from: src, count: f.count) }
            spans[spanCount] = byteCount
            spans[spanCount + 1] = byteCount + f.count
            spanCount += 2
            byteCount += f.count
        }
        count += 1
    }

    /// Record `r` of the batch; valid until the batch changes.
    func record(_ r: Int) -> RecordView {
        RecordView(base: UnsafePointer(bytes), spans: UnsafePointer(spans + firstSpan[r]), fieldCount: fieldCounts[r], line: lines[r])
    }
}
