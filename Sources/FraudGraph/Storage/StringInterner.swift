import Foundation

/// A set of distinct strings, each with a dense `Int32` number in order of arrival.
///
/// Used for ids (entity, transfer, report ids must be unique) and, through
/// `Vocabulary`, for the small sets of kinds, countries and currencies. The strings
/// live in one `StringColumn`; an open-addressing table (linear probing, load at most
/// 0.7) finds them again.
///
/// Each slot is 16 bytes: the string's number, its length and 24 bits of its hash,
/// then either the string itself (8 bytes or less, as most ids are: `A0001234`) or
/// the offset of its text. So a lookup of a short id touches one cache line, and of a
/// longer one two, where a table of numbers alone would also read the offsets.
/// Lookups take bytes: readers never build a `String` to find an id.
public struct StringInterner: Sendable {
    @usableFromInline var strings: StringColumn
    /// Two words a slot. Word 0: 0 = empty, else (number + 1) << 32 | length << 24 |
    /// tag (length 255: 255 bytes or more). Word 1: the bytes, or their offset.
    @usableFromInline var slots: ContiguousArray<UInt64>
    @usableFromInline var mask: Int

    /// An empty interner with room for about `capacity` strings before it grows.
    public init(capacity: Int = 16) {
        strings = StringColumn()
        let size = StringInterner.tableSize(for: capacity)
        slots = ContiguousArray(repeating: 0, count: 2 * size)
        mask = size - 1
    }

    static func tableSize(for count: Int) -> Int {
        var size = 16
        while size * 7 / 10 < count { size <<= 1 }
        return size
    }

    /// Number of distinct strings.
    @inlinable public var count: Int { strings.count }

    /// Bytes of UTF-8 text held.
    public var byteCount: Int { strings.byteCount }

    /// Approximate bytes of memory held (text, offsets and table).
    public var memoryFootprint: Int { strings.byteCount + strings.count * 8 + slots.count * 8 }

    /// The string numbered `i`.
    @inlinable public subscript(i: Int32) -> String { strings[Int(i)] }

    /// Calls `body` with the UTF-8 bytes of the string numbered `i`.
    @inlinable
    public func withBytes<R>(_ i: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try strings.withBytes(Int(i), body)
    }

    // MARK: - Slot layout

    /// The part of word 0 that a key determines: its length and hash tag.
    @inlinable @inline(__always)
    static func key(_ h: UInt64, length: Int) -> UInt64 {
        UInt64(min(length, 255)) << 24 | (h >> 40)
    }

    /// The bytes of a key of 8 bytes or less, as word 1 holds them.
    @inlinable @inline(__always)
    static func packed(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        if bytes.count == 8 { return UnsafeRawPointer(bytes.baseAddress!).loadUnaligned(as: UInt64.self) }
        var word: UInt64 = 0
        for i in 0 ..< bytes.count { word |= UInt64(bytes[i]) << UInt64(8 * i) }
        return word
    }

    /// The two words of the slot of string number `i`, whose bytes `key` (at `offset`
    /// in the text) have the `byteHash` `h`.
    @inlinable @inline(__always)
    static func slotWords(number i: Int, hash h: UInt64, key: UnsafeBufferPointer<UInt8>, offset: Int) -> (UInt64, UInt64) {
        (UInt64(truncatingIfNeeded: i &+ 1) << 32 | StringInterner.key(h, length: key.count),
         key.count <= 8 ? StringInterner.packed(key) : UInt64(truncatingIfNeeded: offset))
    }

    /// Whether slot `s`, whose key part matched, holds `key`.
    @inlinable @inline(__always)
    func matches(_ table: UnsafeBufferPointer<UInt64>, _ s: Int, _ key: UnsafeBufferPointer<UInt8>, packed: UInt64) -> Bool {
        let n = key.count
        if n <= 8 { return table[2 &* s &+ 1] == packed }
        if n < 255 {
            let offset = Int(truncatingIfNeeded: table[2 &* s &+ 1])
            return strings.bytes.withUnsafeBufferPointer { memcmpBytes($0.baseAddress! + offset, key.baseAddress!, n) }
        }
        return equals(Int32(truncatingIfNeeded: table[2 &* s] >> 32) &- 1, key)
    }

    // MARK: - Lookup and insertion

    /// The number of `string`, or nil if it is not in the set.
    public func index(of string: String) -> Int32? {
        var s = string
        return s.withUTF8 { index(of: $0) }
    }

    /// The number of the string with these UTF-8 bytes, or nil.
    /// - Complexity: O(length) expected.
    @inlinable
    public func index(of key: UnsafeBufferPointer<UInt8>) -> Int32? {
        index(of: key, hash: byteHash(key))
    }

    /// The number of the string with these UTF-8 bytes whose `byteHash` is `h`.
    @inlinable
    public func index(of key: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> Int32? {
        let want = StringInterner.key(h, length: key.count)
        let packed = key.count <= 8 ? StringInterner.packed(key) : 0
        var s = Int(truncatingIfNeeded: h) & mask
        return slots.withUnsafeBufferPointer { table in
            while true {
                let meta = table[2 &* s]
                if meta == 0 { return nil }
                if meta & 0xFFFF_FFFF == want && matches(table, s, key, packed: packed) {
                    return Int32(truncatingIfNeeded: meta >> 32) &- 1
                }
                s = (s &+ 1) & mask
            }
        }
    }

    /// Adds `string` unless it is there; returns its number and whether it was new.
    @discardableResult
    public mutating func insert(_ string: String) -> (index: Int32, inserted: Bool) {
        var s = string
        return s.withUTF8 { insert($0) }
    }

    /// Adds the string with these UTF-8 bytes unless it is there.
    /// - Complexity: O(length) amortised.
    @inlinable
    @discardableResult
    public mutating func insert(_ key: UnsafeBufferPointer<UInt8>) -> (index: Int32, inserted: Bool) {
        insert(key, hash: byteHash(key))
    }

    /// Adds the string with these UTF-8 bytes, whose `byteHash` is `h`, unless it is there.
    @inlinable
    @discardableResult
    public mutating func insert(_ key: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> (index: Int32, inserted: Bool) {
        let want = StringInterner.key(h, length: key.count)
        let packed = key.count <= 8 ? StringInterner.packed(key) : 0
        var s = Int(truncatingIfNeeded: h) & mask
        let found: Int32? = slots.withUnsafeBufferPointer { table in
            while true {
                let meta = table[2 &* s]
                if meta == 0 { return nil }
                if meta & 0xFFFF_FFFF == want && matches(table, s, key, packed: packed) {
                    return Int32(truncatingIfNeeded: meta >> 32) &- 1
                }
                s = (s &+ 1) & mask
            }
        }
        if let found { return (found, false) }
        precondition(strings.count < Int(Int32.max) - 1, "more than 2^31 strings")
        let index = Int32(strings.count)
        let offset = strings.byteCount
        strings.append(bytes: key)
        (slots[2 * s], slots[2 * s + 1]) = StringInterner.slotWords(number: Int(index), hash: h, key: key, offset: offset)
        if strings.count * 10 > (mask + 1) * 7 { grow() }
        return (index, true)
    }

    /// Touches the table slots that looking up keys with these hashes will read, all
    /// at once, so that the lookups that follow find them in cache: lookups one by
    /// one wait for each cache miss in turn; a batch overlaps them (memory-level
    /// parallelism). Returns a value only so that the reads are not optimised away.
    /// - Complexity: O(keys).
    public func prefetch(hashes: UnsafeBufferPointer<UInt64>) -> UInt64 {
        var sink: UInt64 = 0
        slots.withUnsafeBufferPointer { table in
            for h in hashes { sink &+= table[2 &* (Int(truncatingIfNeeded: h) & mask)] }
        }
        return sink
    }

    /// Reserves room for `additional` more strings of about `bytesEach` bytes.
    public mutating func reserve(_ additional: Int, bytesEach: Int) {
        strings.reserve(rows: additional, bytesPerRow: bytesEach)
        let size = StringInterner.tableSize(for: strings.count + additional)
        if size > mask + 1 { rehash(size: size) }
    }

    @usableFromInline
    func equals(_ entry: Int32, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let lo = strings.starts[Int(entry)], hi = strings.starts[Int(entry) + 1]
        if hi - lo != key.count { return false }
        if key.count == 0 { return true }
        return strings.bytes.withUnsafeBufferPointer { all in
            memcmpBytes(all.baseAddress! + lo, key.baseAddress!, key.count)
        }
    }

    @usableFromInline
    mutating func grow() { rehash(size: 2 * (mask + 1)) }

    mutating func rehash(size: Int) {
        var newSlots = ContiguousArray<UInt64>(repeating: 0, count: 2 * size)
        let newMask = size - 1
        strings.bytes.withUnsafeBufferPointer { all in
            for i in 0 ..< strings.count {
                let lo = strings.starts[i], hi = strings.starts[i + 1]
                let key = UnsafeBufferPointer(rebasing: all[lo ..< hi])
                let h = byteHash(key)
                var s = Int(truncatingIfNeeded: h) & newMask
                while newSlots[2 * s] != 0 { s = (s &+ 1) & newMask }
                (newSlots[2 * s], newSlots[2 * s + 1]) = StringInterner.slotWords(number: i, hash: h, key: key, offset: lo)
            }
        }
        slots = newSlots
        mask = newMask
    }
}

@usableFromInline
func memcmpBytes(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    var i = 0
    let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
    while i &+ 8 <= n {
        if ra.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            != rb.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
        i &+= 8
    }
    while i < n {
        if a[i] != b[i] { return false }
        i &+= 1
    }
    return true
}
