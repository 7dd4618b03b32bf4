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
        var word: UInt64 = 0
        for i in 0 ..< bytes.count { word |= UInt64(bytes[i]) << UInt64(8 * i) }
        return word
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
        slots[2 * s] = UInt64(index + 1) << 32 | want
        slots[2 * s + 1] = key.count <= 8 ? packed : UInt64(offset)
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

    /// An interner holding the rows of `strings`, numbered in order, its table built in
    /// one go (for readers that collect ids first, on several threads, and index them
    /// afterwards). Fails when a string repeats an earlier one.
    ///
    /// The table is built on two threads: each takes the strings whose home slot lies
    /// in its half of the table and inserts them in row order, never probing past the
    /// end of its half; a string whose probe would cross it is set aside and inserted
    /// afterwards, alone. So no slot is written by both threads, and the table is the
    /// same on every run. Hashes of a batch are computed first and their slots
    /// touched together, so that cache misses overlap. The table has the size that
    /// inserting the strings one by one into an interner reserved for them gives.
    /// - Returns: the interner, or a row that repeats an earlier one.
    /// - Complexity: O(total bytes) expected.
    public static func indexing(_ strings: StringColumn) -> Result<StringInterner, Repeated> {
        let size = StringInterner.tableSize(for: strings.count)
        let half = size / 2
        let table = Table(words: 2 * size)
        // Both threads read the strings through raw pointers taken once: no reference
        // counting on shared buffers in the loop (two cores bumping the same count
        // slow each other down).
        let repeated: Int? = strings.bytes.withUnsafeBufferPointer { all in
            strings.starts.withUnsafeBufferPointer { starts in
                let keys = Keys(bytes: all.baseAddress, starts: starts.baseAddress!, count: strings.count)
                let helper = IndexingHalf(table: table, keys: keys, region: half ..< size)
                let thread = Thread { helper.run() }
                thread.stackSize = 1 << 20
                thread.start()
                let mine = IndexingHalf(table: table, keys: keys, region: 0 ..< half)
                mine.run()
                helper.done.wait()
                // The strings set aside, in a fixed order: the first half's, then the second's.
                if let r = mine.repeated ?? helper.repeated { return r }
                let all = IndexingHalf(table: table, keys: keys, region: nil)
                for row in mine.setAside + helper.setAside where !all.insert(row: row, hash: keys.hash(row)) {
                    return row
                }
                return nil
            }
        }
        if let repeated { return .failure(Repeated(row: repeated)) }
        var interner = StringInterner()
        interner.slots = table.slots
        interner.mask = size - 1
        interner.strings = strings
        return .success(interner)
    }

    /// The strings of a `StringColumn` seen through raw pointers, for `indexing`.
    struct Keys: @unchecked Sendable {
        let bytes: UnsafePointer<UInt8>?
        let starts: UnsafePointer<Int>
        let count: Int

        @inline(__always)
        func key(_ i: Int) -> UnsafeBufferPointer<UInt8> {
            let lo = starts[i]
            return UnsafeBufferPointer(start: bytes.map { $0 + lo }, count: starts[i &+ 1] &- lo)
        }

        @inline(__always)
        func hash(_ i: Int) -> UInt64 { byteHash(key(i)) }
    }

    /// A string that repeats an earlier one (see `indexing`).
    public struct Repeated: Error, Sendable {
        /// Its row.
        public var row: Int
    }

    /// The slots being filled by `indexing`, shared by its threads (each writes only
    /// its own half).
    final class Table: @unchecked Sendable {
        var slots: ContiguousArray<UInt64>
        let base: UnsafeMutablePointer<UInt64>
        init(words: Int) {
            var zeroed = ContiguousArray<UInt64>(repeating: 0, count: words)
            base = zeroed.withUnsafeMutableBufferPointer { $0.baseAddress! }
            slots = zeroed
        }
    }

    /// One thread's share of `indexing`: the strings whose home slot is in `region`.
    final class IndexingHalf: @unchecked Sendable {
        let table: UnsafeMutablePointer<UInt64>
        let keys: Keys
        /// The home slots taken, or nil for all (with no edge to stop at).
        let region: Range<Int>?
        let mask: Int
        let edge: Int
        var setAside: [Int] = []
        var repeated: Int?
        let done = DispatchSemaphore(value: 0)

        init(table: Table, keys: Keys, region: Range<Int>?) {
            self.table = table.base
            self.keys = keys
            self.region = region
            let mask = table.slots.count / 2 - 1
            self.mask = mask
            edge = region.map { $0.upperBound & mask } ?? -1
        }

        func run() {
            defer { done.signal() }
            guard let region else { return }
            let lower = region.lowerBound, upper = region.upperBound
            let n = keys.count
            let batch = 256
            var hashes = ContiguousArray<UInt64>(repeating: 0, count: batch)
            var sink: UInt64 = 0
            hashes.withUnsafeMutableBufferPointer { hashes in
                var lo = 0
                while lo < n {
                    let hi = Swift.min(n, lo &+ batch)
                    for i in lo ..< hi { hashes[i &- lo] = keys.hash(i) }
                    // A tight loop of loads only, so that the processor keeps many
                    // misses in flight (hashing between them would fill its window).
                    var touched: UInt64 = 0
                    for j in 0 ..< hi &- lo {
                        let s = Int(truncatingIfNeeded: hashes[j]) & mask
                        if s >= lower && s < upper { touched &+= table[2 &* s] }
                    }
                    sink &+= touched
                    for i in lo ..< hi {
                        let h = hashes[i &- lo]
                        let s = Int(truncatingIfNeeded: h) & mask
                        guard s >= lower && s < upper else { continue }
                        if !insert(row: i, hash: h) {
                            repeated = i
                            return
                        }
                    }
                    lo = hi
                }
            }
            if sink == 1 { setAside.reserveCapacity(1) }  // keeps the touches
        }

        /// Inserts row `i`; false when it repeats a row already in. A probe that would
        /// leave the region sets the row aside instead.
        @inline(__always)
        func insert(row i: Int, hash h: UInt64) -> Bool {
            let key = keys.key(i)
            let n = key.count
            let want = StringInterner.key(h, length: n)
            let packed = n <= 8 ? StringInterner.packed(key) : 0
            var s = Int(truncatingIfNeeded: h) & mask
            while true {
                let meta = table[2 &* s]
                if meta == 0 { break }
                if meta & 0xFFFF_FFFF == want {
                    let other = keys.key(Int(truncatingIfNeeded: meta >> 32) &- 1)
                    if other.count == n && (n == 0 || memcmpBytes(other.baseAddress!, key.baseAddress!, n)) {
                        return false
                    }
                }
                s = (s &+ 1) & mask
                if s == edge {
                    setAside.append(i)
                    return true
                }
            }
            table[2 &* s] = UInt64(i &+ 1) << 32 | want
            table[2 &* s &+ 1] = n <= 8 ? packed : UInt64(keys.starts[i])
            return true
        }
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
                newSlots[2 * s] = UInt64(i + 1) << 32 | StringInterner.key(h, length: key.count)
                newSlots[2 * s + 1] = key.count <= 8 ? StringInterner.packed(key) : UInt64(lo)
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
