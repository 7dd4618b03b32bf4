/// A set of distinct strings, each with a dense `Int32` number in order of arrival.
///
/// Used for ids (entity, transfer, report ids must be unique) and, through
/// `Vocabulary`, for the small sets of kinds, countries and currencies. The strings
/// live in one `StringColumn`; an open-addressing table of `Int32` finds them again.
/// Lookups take bytes, so readers never build a `String` to find an id.
public struct StringInterner: Sendable {
    @usableFromInline var strings: StringColumn
    @usableFromInline var hashes: ContiguousArray<UInt32>
    @usableFromInline var slots: ContiguousArray<Int32>
    @usableFromInline var mask: Int

    /// An empty interner with room for about `capacity` strings before it grows.
    public init(capacity: Int = 16) {
        strings = StringColumn()
        hashes = []
        var size = 16
        while size * 7 / 10 < capacity { size <<= 1 }
        slots = ContiguousArray(repeating: -1, count: size)
        mask = size - 1
    }

    /// Number of distinct strings.
    @inlinable public var count: Int { hashes.count }

    /// Bytes of UTF-8 text held.
    public var byteCount: Int { strings.byteCount }

    /// Approximate bytes of memory held (text, offsets, hashes and table).
    public var memoryFootprint: Int {
        strings.byteCount + strings.count * 8 + hashes.count * 4 + slots.count * 4
    }

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
        let h = byteHash(key)
        let tag = UInt32(truncatingIfNeeded: h >> 32)
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let entry = slots[slot]
            if entry < 0 { return nil }
            if hashes[Int(entry)] == tag, equals(entry, key) { return entry }
            slot = (slot &+ 1) & mask
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
        let h = byteHash(key)
        let tag = UInt32(truncatingIfNeeded: h >> 32)
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let entry = slots[slot]
            if entry < 0 { break }
            if hashes[Int(entry)] == tag, equals(entry, key) { return (entry, false) }
            slot = (slot &+ 1) & mask
        }
        precondition(hashes.count < Int(Int32.max), "more than 2^31 strings")
        let index = Int32(hashes.count)
        strings.append(bytes: key)
        hashes.append(tag)
        slots[slot] = index
        if hashes.count * 10 > slots.count * 7 { grow() }
        return (index, true)
    }

    /// Reserves room for `additional` more strings of about `bytesEach` bytes.
    public mutating func reserve(_ additional: Int, bytesEach: Int) {
        strings.reserve(rows: additional, bytesPerRow: bytesEach)
        hashes.reserveCapacity(hashes.count + additional)
        var size = slots.count
        while size * 7 / 10 < hashes.count + additional { size <<= 1 }
        if size != slots.count { rehash(size: size) }
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
        var newSlots = ContiguousArray<Int32>(repeating: -1, count: size)
        let newMask = size - 1
        strings.bytes.withUnsafeBufferPointer { all in
            for i in 0 ..< hashes.count {
                let lo = strings.starts[i], hi = strings.starts[i + 1]
                let h = byteHash(UnsafeBufferPointer(rebasing: all[lo ..< hi]))
                var slot = Int(truncatingIfNeeded: h) & newMask
                while newSlots[slot] >= 0 { slot = (slot &+ 1) & newMask }
                newSlots[slot] = Int32(i)
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
