/// The book of haircut: each slot that holds taint keeps one holding per (seed, hops),
/// in the order they first came (with an index from (seed, hops) to the holding once
/// there are many); its clean money is its balance minus its tainted total.
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
struct HaircutBook: TaintBook {
    struct Holdings {
        var lots: ContiguousArray<Lot> = []
        var tainted: Int64 = 0
        /// At least the largest holding (exact after each full pass).
        var largest: Int64 = 0
        /// Once there are more than `HaircutBook.indexFrom` holdings: an open-addressing
        /// table from (seed, hops) to position in `lots` + 1 (0: empty), a power of two
        /// at most half full. Empty while the holdings are few.
        var index: ContiguousArray<Int32> = []

        /// The position of the holding of `lot`'s kind, or -1.
        @inline(__always)
        func find(_ lot: Lot) -> Int {
            if index.isEmpty {
                for i in 0 ..< lots.count where lots[i].sameKind(lot) { return i }
                return -1
            }
            return index.withUnsafeBufferPointer { table in
                lots.withUnsafeBufferPointer { lots in
                    let mask = table.count - 1
                    var i = Holdings.home(lot, mask)
                    while true {
                        let e = Int(table[i])
                        if e == 0 { return -1 }
                        if lots[e - 1].sameKind(lot) { return e - 1 }
                        i = (i + 1) & mask
                    }
                }
            }
        }

        @inline(__always)
        static func home(_ lot: Lot, _ mask: Int) -> Int {
            let key = UInt64(UInt32(bitPattern: lot.seed)) << 32 | UInt64(UInt32(bitPattern: lot.hops))
            return Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
        }

        /// Appends a holding of a kind not held yet.
        mutating func append(_ lot: Lot) {
            lots.append(lot)
            let n = lots.count
            guard n > HaircutBook.indexFrom else { return }
            if n * 2 > index.count { return reindex() }
            let mask = index.count - 1
            index.withUnsafeMutableBufferPointer { table in
                var i = Holdings.home(lot, mask)
                while table[i] != 0 { i = (i + 1) & mask }
                table[i] = Int32(n)
            }
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
                    for p in 0 ..< n {
                        var i = Holdings.home(lots[p], mask)
                        while table[i] != 0 { i = (i + 1) & mask }
                        table[i] = Int32(p + 1)
                    }
                }
            }
        }
    }

    /// Holdings found by a scan up to this many, through the index beyond.
    static let indexFrom = 16

    var pool = RecordPool(fresh: Holdings())
    private var taken: ContiguousArray<Int64> = []
    private var remainders: ContiguousArray<Int64> = []

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
            for lot in pool.records[k].lots { pieces.append(lot) }
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
        // MARK: Proportional shares, rounded down
        let n = pool.records[k].lots.count
        taken.removeAll(keepingCapacity: true)
        var takenTotal: Int64 = 0
        // A holding below ceil(B / m) gives nothing (h·m < B): no arithmetic at all.
        let givesNothingBelow = moved > 0 ? balance / moved + (balance % moved == 0 ? 0 : 1) : Int64.max
        pool.records[k].lots.withUnsafeBufferPointer { lots in
            for i in 0 ..< n {
                let h = lots[i].amount
                let q = h < givesNothingBelow ? 0 : HaircutBook.share(h, moved, balance).quotient
                taken.append(q)
                takenTotal += q
            }
        }
        // MARK: Dust the sender cannot hold
        var excess = moved - takenTotal - clean
        if excess > 0 {
            remainders.removeAll(keepingCapacity: true)
            for i in 0 ..< n { remainders.append(HaircutBook.share(pool.records[k].lots[i].amount, moved, balance).remainder) }
        }
        while excess > 0 {
            var best = -1
            for i in 0 ..< n where remainders[i] > 0 {
                if best < 0 || remainders[i] > remainders[best]
                    || (remainders[i] == remainders[best] && pool.records[k].lots[i].precedes(pool.records[k].lots[best])) {
                    best = i
                }
            }
            precondition(best >= 0, "haircut: excess dust without a remainder")
            remainders[best] = 0
            pool.records[k].lots[best].amount -= 1
            pool.records[k].tainted -= 1
            rounding[Int(pool.records[k].lots[best].seed)] += 1
            excess -= 1
        }
        // MARK: Pieces, and what stays
        var kept = 0
        var largest: Int64 = 0
        pool.records[k].lots.withUnsafeMutableBufferPointer { lots in
            for i in 0 ..< n {
                var lot = lots[i]
                let q = taken[i]
                if q > 0 { pieces.append(Lot(seed: lot.seed, hops: lot.hops, amount: q)) }
                lot.amount -= q
                if lot.amount > 0 {
                    lots[kept] = lot
                    kept += 1
                    if lot.amount > largest { largest = lot.amount }
                }
            }
        }
        pool.records[k].largest = largest
        if kept < n {
            pool.records[k].lots.removeLast(n - kept)
            reindex(k)
        }
        pool.records[k].tainted -= takenTotal
        if amount > takenTotal { pieces.append(.clean(amount - takenTotal)) }
        if pool.records[k].tainted == 0 {
            release(k)
            return -1
        }
        return k32
    }

    mutating func deposit(_ k32: Int32, slot: Int, account: Int, pieces: ContiguousArray<Lot>, balance: Int64) -> Int32 {
        let k = k32 >= 0 ? Int(k32) : pool.allocate(slot: slot)
        // Work on the record out of the pool: one owner, no copy-on-write checks.
        var h = Holdings()
        swap(&h, &pool.records[k])
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

    func remainingTaint() -> (slots: ContiguousArray<Int>, seeds: ContiguousArray<Int32>, amounts: ContiguousArray<Int64>) {
        var slots: ContiguousArray<Int> = [], seeds: ContiguousArray<Int32> = [], amounts: ContiguousArray<Int64> = []
        for (k, slot) in pool.owner.enumerated() where slot >= 0 {
            for lot in pool.records[k].lots {
                slots.append(slot); seeds.append(lot.seed); amounts.append(lot.amount)
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

    /// Rebuilds the index of record `k` (or drops it when the holdings are few).
    private mutating func reindex(_ k: Int) {
        pool.records[k].reindex()
    }

    private mutating func release(_ k: Int) {
        pool.records[k].lots.removeAll(keepingCapacity: pool.records[k].lots.capacity <= 64)
        pool.records[k].index = []
        pool.records[k].tainted = 0
        pool.records[k].largest = 0
        pool.release(k)
    }
}
