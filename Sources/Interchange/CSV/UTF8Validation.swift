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
