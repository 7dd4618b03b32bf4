import FraudGraph

/// The last word of 8 bytes or less seen in a column (packed, with its length) and
/// its code: most rows repeat it.
struct WordCache {
    var word: UInt64 = 0
    var length = 0
    var lastCode: UInt16 = 0

    /// The code of `text` in `words`, adding it if new; nil when `words` is full.
    @inline(__always)
    mutating func code(_ text: UnsafeBufferPointer<UInt8>, in words: inout Vocabulary) -> UInt16? {
        let n = text.count
        var packed: UInt64 = 0
        if n <= 8 {
            for i in 0 ..< n { packed |= UInt64(text[i]) << UInt64(8 &* i) }
            if n == length && packed == word { return lastCode }
        }
        guard let code = words.intern(text) else { return nil }
        if n <= 8 { (word, length, lastCode) = (packed, n, code) }
        return code
    }
}
