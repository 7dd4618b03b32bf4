/// A set of distinct strings, each with a dense `Int32` number in order of arrival.
///
/// Used for ids (entity, transfer, report ids must be unique) and, through
/// `Vocabulary`, for the small sets of kinds, countries and currencies. The strings
/// live in one `StringColumn`; an open-addressing table finds them again. Each slot
/// is 64 bits, the string's number and 32 bits of its hash, so a probe touches one
/// cache line until a likely match. Lookups take bytes: readers never build a
/// `String` to find an id.
///
/// Memory: the text, 8 bytes of offset a string, and 8 bytes a slot at a load of at
/// most 0.7.
public struct StringInterner: Sendable {
    @usableFromInline var strings: StringColumn
    /// 0 = empty; otherwise (hash tag << 32) | (number + 1).
    @usableFromInline var slots: ContiguousArray<UInt64>
    @usableFromInline var mask: Int

    /// An empty interner with room for about `capacity` strings before it grows.
    public init(capacity: Int = 16) {
        strings = StringColumn()
        let size = StringInterner.tableSize(for: capacity)
        slots = ContiguousArray(repeating: 0, count: size)
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
        let tag = h >> 32
        var slot = Int(truncatingIfNeeded: h) & mask
        return slots.withUnsafeBufferPointer { table in
            while true {
                let entry = table[slot]
                if entry == 0 { return nil }
                if entry >> 32 == tag {
                    let index = Int32(truncatingIfNeeded: entry & 0xFFFF_FFFF) &- 1
                    if equals(index, key) { return index }
                }
                slot = (slot &+ 1) & mask
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
        let tag = h >> 32
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            if entry >> 32 == tag {
                let index = Int32(truncatingIfNeeded: entry & 0xFFFF_FFFF) &- 1
                if equals(index, key) { return (index, false) }
            }
            slot = (slot &+ 1) & mask
        }
        precondition(strings.count < Int(Int32.max) - 1, "more than 2^31 strings")
        let index = Int32(strings.count)
        strings.append(bytes: key)
        slots[slot] = tag << 32 | UInt64(index + 1)
        if strings.count * 10 > slots.count * 7 { grow() }
        return (index, true)
    }

    /// Touches the memory that looking up keys with these hashes will read, all at
    /// once, so that the lookups that follow find it in cache: the table slots first,
    /// then the offsets and text of the strings those slots point to. Lookups one by
    /// one wait for each cache miss in turn; a batch overlaps them (memory-level
    /// parallelism). Returns a value only so that the reads are not optimised away.
    /// - Complexity: O(keys).
    public func prefetch(hashes: UnsafeBufferPointer<UInt64>) -> UInt64 {
        var sink: UInt64 = 0
        let n = hashes.count
        slots.withUnsafeBufferPointer { table in
            strings.starts.withUnsafeBufferPointer { starts in
                strings.bytes.withUnsafeBufferPointer { bytes in
                    for k in 0 ..< n { sink &+= table[Int(truncatingIfNeeded: hashes[k]) & mask] }
                    for k in 0 ..< n {
                        let entry = table[Int(truncatingIfNeeded: hashes[k]) & mask]
                        guard entry != 0, entry >> 32 == hashes[k] >> 32 else { continue }
                        let i = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) &- 1
                        let start = starts[i]
                        sink &+= UInt64(truncatingIfNeeded: start)
                        if start < bytes.count { sink &+= UInt64(bytes[start]) }
                    }
                }
            }
        }
        return sink
    }

    /// Reserves room for `additional` more strings of about `bytesEach` bytes.
    public mutating func reserve(_ additional: Int, bytesEach: Int) {
        strings.reserve(rows: additional, bytesPerRow: bytesEach)
        let size = StringInterner.tableSize(for: strings.count + additional)
        if size > slots.count { rehash(size: size) }
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
    mutating func grow() { rehash(size: slots.count * 2) }

    mutating func rehash(size: Int) {
        var newSlots = ContiguousArray<UInt64>(repeating: 0, count: size)
        let newMask = size - 1
        strings.bytes.withUnsafeBufferPointer { all in
            for i in 0 ..< strings.count {
                let lo = strings.starts[i], hi = strings.starts[i + 1]
                let h = byteHash(UnsafeBufferPointer(rebasing: all[lo ..< hi]))
                var slot = Int(truncatingIfNeeded: h) & newMask
                while newSlots[slot] != 0 { slot = (slot &+ 1) & newMask }
                newSlots[slot] = (h >> 32) << 32 | UInt64(i + 1)
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
