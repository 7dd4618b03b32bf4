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
        /// (seed, hops) -> position in `lots`, kept once there are more than
        /// `HaircutBook.indexFrom` holdings.
        var index: [UInt64: Int32] = [:]
    }

    /// Holdings found by a scan up to this many, through the index beyond.
    static let indexFrom = 16

    var pool = RecordPool(fresh: Holdings())
    private var taken: ContiguousArray<Int64> = []
    private var remainders: ContiguousArray<Int64> = []

    init() {}

    @inline(__always)
    func holdsTaint(_ k: Int32, account: Int) -> Bool { k >= 0 }

    @inline(__always)
    static func key(_ lot: Lot) -> UInt64 { UInt64(UInt32(bitPattern: lot.seed)) << 32 | UInt64(UInt32(bitPattern: lot.hops)) }

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
        var largest = pool.records[k].largest
        var added: Int64 = 0
        for p in pieces where !p.isClean {
            added += p.amount
            var found = -1
            if pool.records[k].index.isEmpty {
                let n = pool.records[k].lots.count
                var i = 0
                while i < n {
                    if pool.records[k].lots[i].sameKind(p) { found = i; break }
                    i += 1
                }
            } else if let i = pool.records[k].index[HaircutBook.key(p)] {
                found = Int(i)
            }
            if found >= 0 {
                pool.records[k].lots[found].amount += p.amount
                largest = max(largest, pool.records[k].lots[found].amount)
                continue
            }
            pool.records[k].lots.append(p)
            largest = max(largest, p.amount)
            let n = pool.records[k].lots.count
            if n > HaircutBook.indexFrom {
                if pool.records[k].index.isEmpty { reindex(k) } else { pool.records[k].index[HaircutBook.key(p)] = Int32(n - 1) }
            }
        }
        pool.records[k].tainted += added
        pool.records[k].largest = largest
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
        pool.records[k].index.removeAll(keepingCapacity: true)
        guard pool.records[k].lots.count > HaircutBook.indexFrom else { return }
        for (i, lot) in pool.records[k].lots.enumerated() { pool.records[k].index[HaircutBook.key(lot)] = Int32(i) }
    }

    private mutating func release(_ k: Int) {
        pool.records[k].lots.removeAll(keepingCapacity: pool.records[k].lots.capacity <= 64)
        pool.records[k].index = [:]
        pool.records[k].tainted = 0
        pool.records[k].largest = 0
        pool.release(k)
    }
}
