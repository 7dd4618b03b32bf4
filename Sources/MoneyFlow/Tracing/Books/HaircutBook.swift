/// The book of haircut: each slot that holds taint keeps one holding per (seed, hops),
/// in the order they first came (with a hash index from (seed, hops) to the holding
/// once there are several); its clean money is its balance minus its tainted total.
///
/// A transfer of `a` out of a slot with balance `B` takes `floor(h · min(a, B) / B)`
/// of every holding `h` (a 128-bit product, so that units times units cannot
/// overflow); the rest of `a` is clean. The dust of the rounding stays with the
/// sender, so nothing is created or lost, with one exception the spec leaves open and
/// this book settles: when the sender's clean money cannot cover its share of the
/// transfer (it is almost wholly tainted), keeping all the dust would leave it holding
/// more taint than money. Then exactly that excess, `min(a, B) - taken - clean` units
/// (fewer than the number of holdings), is removed from the sender, one unit from each
/// of the holdings with the largest rounding remainders (ties: the lower seed number,
/// then the fewer hops), and reported per seed as `rounding`. So the taken pieces are
/// always exactly rounded down, a slot never holds more taint than money, and per seed
/// held + exited + cut + rounding = amount.
///
/// The spec rounds every holding, so a transfer out of a tainted slot visits all its
/// holdings: one pass, each share by a multiplication with the transfer's reciprocal
/// fraction instead of a division (`Share`).
struct HaircutBook: TaintBook {
    struct Holdings {
        var lots: ContiguousArray<Lot> = []
        var tainted: Int64 = 0
        /// At least the largest holding (exact after each full pass).
        var largest: Int64 = 0
        /// Once there are more than `HaircutBook.indexFrom` holdings: an open-addressing
        /// table, a power of two at most half full, of entries `fingerprint << 32 |
        /// (position + 1)` (0: empty), so that a probe reads one word.
        var index: ContiguousArray<UInt64> = []

        /// The position of the holding of `lot`'s kind, or -1.
        @inline(__always)
        func find(_ lot: Lot) -> Int {
            lots.withUnsafeBufferPointer { lots in
                if index.isEmpty {
                    for i in 0 ..< lots.count where lots[i].sameKind(lot) { return i }
                    return -1
                }
                return index.withUnsafeBufferPointer { table in
                    let mask = table.count - 1
                    let hash = Holdings.hash(lot)
                    let tag = hash & 0xFFFF_FFFF_0000_0000
                    var i = Int(truncatingIfNeeded: hash) & mask
                    while true {
                        let e = table[i]
                        if e == 0 { return -1 }
                        if e & 0xFFFF_FFFF_0000_0000 == tag {
                            let at = Int(truncatingIfNeeded: e & 0xFFFF_FFFF) - 1
                            if lots[at].sameKind(lot) { return at }
                        }
                        i = (i + 1) & mask
                    }
                }
            }
        }

        /// Touches the index entries and holdings that `pieces` will look up, in a loop
        /// of independent loads, so that their cache misses overlap (a hub's holdings
        /// are rarely in cache when money arrives).
        @inline(__always)
        func warm(for pieces: ContiguousArray<Lot>) -> Int64 {
            var touched: Int64 = 0
            index.withUnsafeBufferPointer { table in
                lots.withUnsafeBufferPointer { lots in
                    let mask = table.count - 1
                    for p in pieces {
                        let e = table[Int(truncatingIfNeeded: Holdings.hash(p)) & mask]
                        if e != 0 { touched &+= lots[Int(truncatingIfNeeded: e & 0xFFFF_FFFF) - 1].amount }
                    }
                }
            }
            return touched
        }

        /// A well-mixed hash of (seed, hops): the low bits choose the home, the high
        /// 32 bits are the fingerprint.
        @inline(__always)
        static func hash(_ lot: Lot) -> UInt64 {
            var x = UInt64(UInt32(bitPattern: lot.seed)) << 32 | UInt64(UInt32(bitPattern: lot.hops))
            x = (x ^ (x >> 31)) &* 0x9E37_79B9_7F4A_7C15
            return x ^ (x >> 29)
        }

        /// Appends a holding of a kind not held yet.
        mutating func append(_ lot: Lot) {
            lots.append(lot)
            let n = lots.count
            guard n > HaircutBook.indexFrom else { return }
            if n * 2 > index.count { return reindex() }
            let mask = index.count - 1
            index.withUnsafeMutableBufferPointer { table in
                Holdings.place(lot, at: n - 1, in: table, mask: mask)
            }
        }

        @inline(__always)
        static func place(_ lot: Lot, at position: Int, in table: UnsafeMutableBufferPointer<UInt64>, mask: Int) {
            let hash = Holdings.hash(lot)
            var i = Int(truncatingIfNeeded: hash) & mask
            while table[i] != 0 { i = (i + 1) & mask }
            table[i] = hash & 0xFFFF_FFFF_0000_0000 | UInt64(position + 1)
        }

        /// Rebuilds the index (or drops it when the holdings are few).
        mutating func reindex() {
            let n = lots.count
            guard n > HaircutBook.indexFrom else {
                index = []
                return
            }
            var size = 64
            while size < n * 4 { size <<= 1 }
            if index.count == size {
                index.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
            } else {
                index = ContiguousArray(repeating: 0, count: size)
            }
            let mask = size - 1
            index.withUnsafeMutableBufferPointer { table in
                lots.withUnsafeBufferPointer { lots in
                    for p in 0 ..< n { Holdings.place(lots[p], at: p, in: table, mask: mask) }
                }
            }
        }
    }

    /// Holdings found by a scan up to this many, through the index beyond.
    static let indexFrom = 8

    var pool = RecordPool(fresh: Holdings())
    private var remainders: ContiguousArray<(remainder: Int64, index: Int)> = []
    /// What warming loads add up to, kept so that they are not optimised away.
    private var sink: Int64 = 0

    init() {}

    @inline(__always)
    func holdsTaint(_ k: Int32, account: Int) -> Bool { k >= 0 }

    mutating func take(_ k32: Int32, account: Int, amount: Int64, balance: Int64,
                       into pieces: inout ContiguousArray<Lot>, rounding: inout ContiguousArray<Int64>) -> Int32 {
        let k = Int(k32)
        guard k >= 0 else {
            pieces.appendMerging(.clean(amount))
            return -1
        }
        let moved = min(amount, balance)
        let total = pool.records[k].tainted
        if moved == balance {
            // The fraction is 1: every holding leaves whole.
            pieces.append(contentsOf: pool.records[k].lots)
            if amount > total { pieces.append(.clean(amount - total)) }
            release(k)
            return -1
        }
        // A small payment out of a big balance: every share rounds down to nothing and
        // the clean money covers it, so nothing tainted moves (a hub's purchases).
        let clean = balance - total
        if moved <= clean {
            let (high, low) = pool.records[k].largest.multipliedFullWidth(by: moved)
            if high == 0 && low < UInt64(balance) {
                pieces.append(.clean(amount))
                return k32
            }
        }
        // Work on the record out of the pool: one owner, no copy-on-write checks.
        var h = Holdings()
        swap(&h, &pool.records[k])

        // MARK: Proportional shares, rounded down, in one pass
        let share = Share(moved: moved, balance: balance)
        let firstPiece = pieces.count
        var takenTotal: Int64 = 0
        var largest: Int64 = 0
        h.lots.withUnsafeMutableBufferPointer { lots in
            for i in 0 ..< lots.count {
                let amount = lots[i].amount
                if amount >= share.givesNothingBelow {
                    let q = share.quotient(amount)
                    if q > 0 {
                        pieces.append(Lot(seed: lots[i].seed, hops: lots[i].hops, amount: q))
                        takenTotal += q
                        lots[i].amount = amount - q
                    }
                }
                largest = max(largest, lots[i].amount)
            }
        }
        h.largest = largest
        h.tainted -= takenTotal

        // MARK: Dust the sender cannot hold
        let excess = moved - takenTotal - clean
        if excess > 0 { removeDust(excess, from: &h, share: share, pieces: pieces[firstPiece...], rounding: &rounding) }

        if amount > takenTotal { pieces.append(.clean(amount - takenTotal)) }
        swap(&h, &pool.records[k])
        if pool.records[k].tainted == 0 {
            release(k)
            return -1
        }
        return k32
    }

    /// Removes `excess` units, one from each of the holdings with the largest rounding
    /// remainders (ties: the lower seed, then the fewer hops); `taken` are the pieces
    /// just taken, in the holdings' order.
    private mutating func removeDust(_ excess: Int64, from h: inout Holdings, share: Share,
                                     pieces taken: ArraySlice<Lot>, rounding: inout ContiguousArray<Int64>) {
        remainders.removeAll(keepingCapacity: true)
        var p = taken.startIndex
        for i in 0 ..< h.lots.count {
            let lot = h.lots[i]
            var q: Int64 = 0
            if p < taken.endIndex && taken[p].sameKind(lot) {
                q = taken[p].amount
                p += 1
            }
            let r = HaircutBook.share(lot.amount + q, share.moved, share.balance).remainder
            if r > 0 { remainders.append((r, i)) }
        }
        precondition(Int64(remainders.count) >= excess, "haircut: excess dust without a remainder")
        let lots = h.lots
        remainders.sort { $0.remainder > $1.remainder || ($0.remainder == $1.remainder && lots[$0.index].precedes(lots[$1.index])) }
        for j in 0 ..< Int(excess) {
            let i = remainders[j].index
            h.lots[i].amount -= 1
            rounding[Int(h.lots[i].seed)] += 1
        }
        h.tainted -= excess
        let before = h.lots.count
        h.lots.removeAll { $0.amount == 0 }
        if h.lots.count < before { h.reindex() }
        h.largest = h.lots.reduce(0) { max($0, $1.amount) }
    }

    mutating func deposit(_ k32: Int32, slot: Int, account: Int, pieces: ContiguousArray<Lot>, balance: Int64) -> Int32 {
        let k = k32 >= 0 ? Int(k32) : pool.allocate(slot: slot)
        // Work on the record out of the pool: one owner, no copy-on-write checks.
        var h = Holdings()
        swap(&h, &pool.records[k])
        if !h.index.isEmpty && pieces.count > 1 { sink &+= h.warm(for: pieces) }  // kept, so the loads are
        var largest = h.largest
        var added: Int64 = 0
        for p in pieces where !p.isClean {
            added += p.amount
            let found = h.find(p)
            if found >= 0 {
                h.lots[found].amount += p.amount
                largest = max(largest, h.lots[found].amount)
            } else {
                h.append(p)
                largest = max(largest, p.amount)
            }
        }
        h.tainted += added
        h.largest = largest
        swap(&h, &pool.records[k])
        return Int32(k)
    }

    /// One sum per slot and seed (a slot's holdings of a seed differ by hops only),
    /// without sorting: each seed remembers the last slot it was summed for and where.
    func remainingTaint() -> (slots: ContiguousArray<Int>, seeds: ContiguousArray<Int32>, amounts: ContiguousArray<Int64>) {
        var slots: ContiguousArray<Int> = [], seeds: ContiguousArray<Int32> = [], amounts: ContiguousArray<Int64> = []
        var seedCount = 0
        for (k, slot) in pool.owner.enumerated() where slot >= 0 {
            for lot in pool.records[k].lots { seedCount = max(seedCount, Int(lot.seed) + 1) }
        }
        var lastRecord = ContiguousArray<Int>(repeating: -1, count: seedCount)
        var at = ContiguousArray<Int>(repeating: 0, count: seedCount)
        for (k, slot) in pool.owner.enumerated() where slot >= 0 {
            pool.records[k].lots.withUnsafeBufferPointer { lots in
                for lot in lots where lot.amount != 0 {
                    let s = Int(lot.seed)
                    if lastRecord[s] == k {
                        amounts[at[s]] += lot.amount
                    } else {
                        lastRecord[s] = k
                        at[s] = amounts.count
                        slots.append(slot); seeds.append(lot.seed); amounts.append(lot.amount)
                    }
                }
            }
        }
        return (slots, seeds, amounts)
    }

    /// floor(h · m / B) and its remainder, exactly: a 128-bit product, divided in 64
    /// bits when it fits.
    @inline(__always)
    static func share(_ h: Int64, _ m: Int64, _ b: Int64) -> (quotient: Int64, remainder: Int64) {
        let (high, low) = h.multipliedFullWidth(by: m)
        if high == 0 && low <= UInt64(Int64.max) {
            let (q, r) = low.quotientAndRemainder(dividingBy: UInt64(b))
            return (Int64(q), Int64(r))
        }
        return b.dividingFullWidth((high, low))
    }

    /// One transfer's fraction `moved / balance` (0 < moved < balance), ready to apply
    /// to many holdings without a division each: `r = floor(2^64 · moved / balance)`,
    /// and `floor(h · r / 2^64)` is the share or one less (fixed by one comparison).
    struct Share {
        let moved: Int64
        let balance: Int64
        let reciprocal: UInt64
        /// A holding below ceil(B / m) gives nothing (h · m < B).
        let givesNothingBelow: Int64

        init(moved: Int64, balance: Int64) {
            precondition(moved > 0 && moved < balance, "haircut: a share needs 0 < moved < balance")
            self.moved = moved
            self.balance = balance
            reciprocal = UInt64(balance).dividingFullWidth((high: UInt64(moved), low: 0)).quotient
            givesNothingBelow = balance / moved + (balance % moved == 0 ? 0 : 1)
        }

        /// floor(h · moved / balance), exactly.
        @inline(__always)
        func quotient(_ h: Int64) -> Int64 {
            var q = UInt64(h).multipliedFullWidth(by: reciprocal).high
            // h·m − q·B is in [0, 2B): exact in wrapping 64-bit arithmetic.
            let r = UInt64(h) &* UInt64(moved) &- q &* UInt64(balance)
            if r >= UInt64(balance) { q += 1 }
            return Int64(q)
        }
    }

    private mutating func release(_ k: Int) {
        pool.records[k].lots.removeAll(keepingCapacity: pool.records[k].lots.capacity <= 64)
        pool.records[k].index = []
        pool.records[k].tainted = 0
        pool.records[k].largest = 0
        pool.release(k)
    }
}
