/// One CSV record's fields, as views into a reader's buffer; valid until the reader
/// parses its next batch.
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

    /// Field `i`, or no bytes when the column is absent (`i` negative).
    @inline(__always)
    func field(ifPresent i: Int) -> UnsafeBufferPointer<UInt8> {
        i >= 0 ? field(i) : UnsafeBufferPointer(start: nil, count: 0)
    }

    func string(_ i: Int) -> String { String(decoding: field(i), as: UTF8.self) }

    var strings: [String] { (0 ..< fieldCount).map { string($0) } }
}
