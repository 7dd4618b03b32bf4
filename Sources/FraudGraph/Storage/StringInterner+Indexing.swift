import Foundation

extension StringInterner {
    /// An interner holding the rows of `strings`, numbered in order, its table built in
    /// one go (for readers that collect ids first, on several threads, and index them
    /// afterwards). Fails when a string repeats an earlier one.
    ///
    /// Inserting millions of keys one by one into a table of hundreds of MiB waits for
    /// memory at nearly every key. So the table is built the way databases build a
    /// hash join: the keys are first sorted by where they land (a radix pass that
    /// reads and writes memory in order), then inserted one stretch of the table at a
    /// time, each stretch small enough to stay in the processor's cache.
    ///
    /// Both steps run on two threads: each hashes and places half of the rows; then
    /// each fills half of the table, never probing past its end (a key whose probe
    /// would cross it is set aside and inserted afterwards, alone). Within a stretch
    /// keys go in in row order, so a repeat is always found at its later row, and the
    /// table is the same on every run. The table has the size that inserting the
    /// strings one by one into an interner reserved for them gives.
    /// - Returns: the interner, or a row that repeats an earlier one.
    /// - Complexity: O(total bytes) expected.
    public static func indexing(_ strings: StringColumn) -> Result<StringInterner, Repeated> {
        let n = strings.count
        let size = StringInterner.tableSize(for: n)
        var repeated: Int?
        // Every word of the table is written (zeroed, then filled) by the build.
        let slots = ContiguousArray<UInt64>(unsafeUninitializedCapacity: 2 * size) { table, initialized in
            repeated = strings.bytes.withUnsafeBufferPointer { all in
                strings.starts.withUnsafeBufferPointer { starts in
                    let keys = Keys(bytes: all.baseAddress, starts: starts.baseAddress!, count: n)
                    return TableBuild(keys: keys, table: table.baseAddress!, size: size).run()
                }
            }
            initialized = 2 * size
        }
        if let repeated { return .failure(Repeated(row: repeated)) }
        var interner = StringInterner()
        interner.slots = slots
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

        /// The slot words of row `i`, whose hash is `h` (see `StringInterner.slots`).
        @inline(__always)
        func words(_ i: Int, hash h: UInt64) -> (UInt64, UInt64) {
            StringInterner.slotWords(number: i, hash: h, key: key(i), offset: starts[i])
        }
    }

    /// A string that repeats an earlier one (see `indexing`).
    public struct Repeated: Error, Sendable {
        /// Its row.
        public var row: Int
    }
}

/// One run of `StringInterner.indexing`: the keys sorted by stretch of the table,
/// then inserted stretch by stretch.
private final class TableBuild: @unchecked Sendable {
    /// A stretch is 2^15 slots (512 KiB of table) or more, so that there are at most
    /// 2^9 of them: enough to stay in cache while filled, few enough that placing the
    /// keys writes to a few hundred places at once.
    static let stretchSlotBits = 15
    static let maxStretchBits = 9
    /// Fewer rows are indexed on one thread.
    static let twoThreadMinimum = 4_096

    let keys: StringInterner.Keys
    let table: UnsafeMutablePointer<UInt64>
    let mask: Int
    let shift: Int
    let stretches: Int
    let parts: Int
    /// Rows `partRows[t] ..< partRows[t + 1]` are hashed and placed by thread `t`.
    let partRows: [Int]
    /// Keys in stretch order: their two slot words, and their home slot.
    let words: UnsafeMutablePointer<UInt64>
    let homes: UnsafeMutablePointer<UInt32>
    /// Keys per stretch counted by each thread (`parts` arrays of `stretches`), then
    /// where each thread puts the next key of each stretch.
    let counts: UnsafeMutablePointer<Int>
    /// Where each stretch's keys start in `words`/`homes` (`stretches + 1`).
    let stretchStart: UnsafeMutablePointer<Int>

    /// What one thread's filling left: the keys it set aside (positions in `words`),
    /// and a repeated row if it met one.
    struct Filled: Sendable {
        var setAside: [Int] = []
        var repeated: Int?
    }

    init(keys: StringInterner.Keys, table: UnsafeMutablePointer<UInt64>, size: Int) {
        self.keys = keys
        self.table = table
        mask = size - 1
        let sizeBits = size.trailingZeroBitCount
        shift = min(sizeBits, max(TableBuild.stretchSlotBits, sizeBits - TableBuild.maxStretchBits))
        stretches = size >> shift
        let n = keys.count
        parts = n >= TableBuild.twoThreadMinimum ? 2 : 1
        partRows = parts == 2 ? [0, n / 2, n] : [0, n]
        words = .allocate(capacity: max(1, 2 * n))
        homes = .allocate(capacity: max(1, n))
        counts = .allocate(capacity: parts * stretches)
        counts.initialize(repeating: 0, count: parts * stretches)
        stretchStart = .allocate(capacity: stretches + 1)
    }

    deinit {
        words.deallocate()
        homes.deallocate()
        counts.deallocate()
        stretchStart.deallocate()
    }

    /// Builds the table; returns a repeated row, or nil.
    func run() -> Int? {
        // 1. Count the keys of each stretch, each thread over its rows.
        _ = inParallel { t in self.count(part: t) }
        // 2. Where each stretch starts; within a stretch, thread 0's rows (the
        // earlier ones) come first, so the keys stay in row order.
        var at = 0
        for b in 0 ..< stretches {
            stretchStart[b] = at
            for t in 0 ..< parts {
                let c = counts[t &* stretches &+ b]
                counts[t &* stretches &+ b] = at
                at &+= c
            }
        }
        stretchStart[stretches] = at
        // 3. Place each key's slot words in its stretch.
        _ = inParallel { t in self.place(part: t) }
        // 4. Fill the table, each thread its half of the stretches.
        let filled = inParallel { t in self.fill(part: t) }
        if let r = filled.compactMap(\.repeated).min() { return r }
        // 5. The keys set aside, in a fixed order, probing anywhere (no edge, and
        // every stretch zeroed by now).
        var zeroed = Frontier(at: -1, end: -1, stretch: 0)
        var none: [Int] = []
        for e in filled.flatMap(\.setAside) {
            if let r = insert(e, edge: -1, frontier: &zeroed, setAside: &none) { return r }
        }
        return nil
    }

    /// `body(t)` for each part `t`, the second on another thread; their results.
    private func inParallel<T: Sendable>(_ body: @escaping @Sendable (Int) -> T) -> [T] {
        guard parts == 2 else { return [body(0)] }
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var second: T?
        let thread = Thread {
            second = body(1)
            done.signal()
        }
        thread.stackSize = 1 << 20
        thread.start()
        let first = body(0)
        done.wait()
        return [first, second!]
    }

    @inline(__always)
    private func stretch(_ h: UInt64) -> Int { (Int(truncatingIfNeeded: h) & mask) &>> shift }

    private func count(part t: Int) {
        let mine = counts + t &* stretches
        for i in partRows[t] ..< partRows[t &+ 1] {
            mine[stretch(byteHash(keys.key(i)))] &+= 1
        }
    }

    private func place(part t: Int) {
        // Hashed again rather than kept from counting: 8 bytes a key less memory.
        let next = counts + t &* stretches
        for i in partRows[t] ..< partRows[t &+ 1] {
            let h = byteHash(keys.key(i))
            let b = stretch(h)
            let e = next[b]
            next[b] = e &+ 1
            let (meta, word) = keys.words(i, hash: h)
            words[2 &* e] = meta
            words[2 &* e &+ 1] = word
            homes[e] = UInt32(truncatingIfNeeded: Int(truncatingIfNeeded: h) & mask)
        }
    }

    private func fill(part t: Int) -> Filled {
        // Thread t owns the slots of stretches `first ..< last`; a probe that reaches
        // `edge` (the first slot past them, wrapping) would enter the other's. Each
        // stretch is zeroed just before it can be reached (one ahead of the one being
        // filled), while it is in cache.
        let first = parts == 2 ? t &* (stretches / 2) : 0
        let last = parts == 2 && t == 0 ? stretches / 2 : stretches
        let edge = parts == 2 ? (last &<< shift) & mask : -1
        var frontier = Frontier(at: first &<< shift, end: last &<< shift, stretch: 1 &<< shift)
        frontier.advance(table)
        var filled = Filled()
        for b in first ..< last {
            if frontier.at == (b &+ 1) &<< shift { frontier.advance(table) }
            for e in stretchStart[b] ..< stretchStart[b &+ 1] {
                if let r = insert(e, edge: edge, frontier: &frontier, setAside: &filled.setAside) {
                    filled.repeated = r
                    // The rest of the region is zeroed all the same: every word of
                    // the table is written.
                    while frontier.at < frontier.end { frontier.advance(table) }
                    return filled
                }
            }
        }
        return filled
    }

    /// The first slot of a thread's region not yet zeroed.
    struct Frontier {
        var at: Int
        let end: Int
        let stretch: Int

        /// Zeroes the next stretch, if the region has one.
        @inline(__always)
        mutating func advance(_ table: UnsafeMutablePointer<UInt64>) {
            guard at < end else { return }
            (table + 2 &* at).initialize(repeating: 0, count: 2 &* stretch)
            at &+= stretch
        }
    }

    /// Inserts key `e`; returns its row if it repeats a key already in. A probe that
    /// reaches `edge` puts the key in `setAside` instead; one that reaches the zeroed
    /// frontier moves it on.
    @inline(__always)
    private func insert(_ e: Int, edge: Int, frontier: inout Frontier, setAside: inout [Int]) -> Int? {
        let meta = words[2 &* e], word = words[2 &* e &+ 1]
        let want = meta & 0xFFFF_FFFF
        var s = Int(homes[e])
        while true {
            if s == frontier.at { frontier.advance(table) }
            let other = table[2 &* s]
            if other == 0 { break }
            if other & 0xFFFF_FFFF == want && same(meta, word, other, table[2 &* s &+ 1]) {
                return Int(truncatingIfNeeded: meta >> 32) &- 1
            }
            s = (s &+ 1) & mask
            if s == edge {
                setAside.append(e)
                return nil
            }
        }
        table[2 &* s] = meta
        table[2 &* s &+ 1] = word
        return nil
    }

    /// Whether two keys whose length and hash tag agree are the same string.
    @inline(__always)
    private func same(_ meta: UInt64, _ word: UInt64, _ otherMeta: UInt64, _ otherWord: UInt64) -> Bool {
        let length = Int(truncatingIfNeeded: (meta >> 24) & 0xFF)
        if length <= 8 { return word == otherWord }
        guard length < 255, let bytes = keys.bytes else {
            let a = keys.key(Int(truncatingIfNeeded: meta >> 32) &- 1)
            let b = keys.key(Int(truncatingIfNeeded: otherMeta >> 32) &- 1)
            return a.count == b.count && (a.isEmpty || memcmpBytes(a.baseAddress!, b.baseAddress!, a.count))
        }
        return memcmpBytes(bytes + Int(truncatingIfNeeded: word), bytes + Int(truncatingIfNeeded: otherWord), length)
    }
}
