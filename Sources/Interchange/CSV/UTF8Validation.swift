/// Whether `bytes` are well-formed UTF-8. Pure ASCII, the common case, is checked
/// eight bytes at a time.
@inline(__always)
func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let n = bytes.count
    guard let base = bytes.baseAddress, n > 0 else { return true }
    let raw = UnsafeRawPointer(base)
    var i = 0
    while i + 8 <= n {
        if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { break }
        i += 8
    }
    while i < n && base[i] < 0x80 { i += 1 }
    if i == n { return true }
    return String(validating: UnsafeBufferPointer(rebasing: bytes[i...]), as: UTF8.self) != nil
}

/// Whether every field of `record` is well-formed UTF-8: one pass over the whole
/// record when it is ASCII (the usual case), else field by field.
@inline(__always)
func fieldsAreValidUTF8(_ record: RecordView) -> Bool {
    let n = record.fieldCount
    guard n > 0 else { return true }
    let first = record.field(0), last = record.field(n - 1)
    if let lo = first.baseAddress, let end = last.baseAddress, end + last.count >= lo {
        // From the first field to the end of the last: fields, commas and quotes.
        let count = end + last.count - lo
        let raw = UnsafeRawPointer(lo)
        var i = 0, high: UInt64 = 0
        while i + 8 <= count {
            high |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i += 8
        }
        while i < count {
            high |= UInt64(lo[i])
            i += 1
        }
        if high & 0x8080_8080_8080_8080 == 0 { return true }
    }
    for i in 0 ..< n where !isValidUTF8(record.field(i)) { return false }
    return true
}
