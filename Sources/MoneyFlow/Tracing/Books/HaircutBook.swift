/// The book of haircut: each slot that holds taint keeps one holding per (seed, hops),
/// sorted by seed then hops; its clean money is its balance minus its tainted total.
///
/// A transfer of `a` out of a slot with balance `B` takes `floor(h · min(a, B) / B)`
/// of every holding `h` (a 128-bit product, so that units times units cannot
/// overflow); the rest of `a` is clean. The dust of the rounding stays with the
/// sender, so nothing is created or lost, with one exception the spec leaves open and
/// this book settles: when the sender's clean money cannot cover its share of the
/// transfer (it is almost wholly tainted), keeping all the dust would leave it holding
/// more taint than money. Then exactly that excess, `min(a, B) - taken - clean` units
/// (fewer than the number of holdings), is removed from the sender, one unit from each
/// of the holdings with the largest rounding remainders (ties: the earlier holding in
/// (seed, hops) order), and reported per seed as `rounding`. So the taken pieces are
/// always exactly rounded down, a slot never holds more taint than money, and per seed
/// held + exited + cut + rounding = amount.
struct HaircutBook: TaintBook {
    struct Holdings {
        var lots: ContiguousArray<Lot> = []
        var tainted: Int64 = 0
        /// At least the largest holding (exact after each full pass).
        var largest: Int64 = 0
    }

    var pool = RecordPool(fresh: Holdings())
    private var taken: ContiguousArray<Int64> = []
    private var remainders: ContiguousArray<Int64> = []
    private var fresh: ContiguousArray<Lot> = []

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
            var bestRemainder: Int64 = 0
            for i in 0 ..< n where remainders[i] > bestRemainder {
                best = i
                bestRemainder = remainders[i]
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
        pool.records[k].lots.removeLast(n - kept)
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
        // Holdings already there grow in place; new (seed, hops) are merged in once.
        fresh.removeAll(keepingCapacity: true)
        var largest = pool.records[k].largest
        var added: Int64 = 0
        pool.records[k].lots.withUnsafeMutableBufferPointer { lots in
            // Pieces usually come in (seed, hops) order: search each from where the
            // last one was found, galloping, so a deposit into a big holder costs
            // O(p log(k/p)), not a search from scratch per piece.
            var from = 0
            for p in pieces where !p.isClean {
                if from > 0 && !lots[from - 1].precedes(p) { from = 0 }
                var step = 1, hi = from
                while hi < lots.count && lots[hi].precedes(p) {
                    from = hi + 1
                    hi += step
                    step <<= 1
                }
                var lo = from
                hi = min(hi, lots.count)
                while lo < hi {
                    let mid = (lo + hi) >> 1
                    if lots[mid].precedes(p) { lo = mid + 1 } else { hi = mid }
                }
                from = lo
                if lo < lots.count && lots[lo].sameKind(p) {
                    lots[lo].amount += p.amount
                    if lots[lo].amount > largest { largest = lots[lo].amount }
                } else if let last = fresh.last, last.sameKind(p) {
                    fresh[fresh.count - 1].amount += p.amount
                    largest = max(largest, fresh[fresh.count - 1].amount)
                } else {
                    fresh.append(p)
                    largest = max(largest, p.amount)
                }
                added += p.amount
            }
        }
        pool.records[k].tainted += added
        if !fresh.isEmpty {
            if !fresh.indices.dropFirst().allSatisfy({ fresh[$0 - 1].precedes(fresh[$0]) }) {
                fresh.sort { $0.precedes($1) }
                var merged = ContiguousArray<Lot>()
                for p in fresh {
                    if let last = merged.last, last.sameKind(p) { merged[merged.count - 1].amount += p.amount } else { merged.append(p) }
                }
                fresh = merged
                for p in fresh { largest = max(largest, p.amount) }
            }
            // Merge from the back, in place.
            let old = pool.records[k].lots.count
            pool.records[k].lots.append(contentsOf: fresh)
            var a = old - 1, b = fresh.count - 1, w = old + fresh.count - 1
            while b >= 0 {
                if a >= 0 && fresh[b].precedes(pool.records[k].lots[a]) {
                    pool.records[k].lots[w] = pool.records[k].lots[a]
                    a -= 1
                } else {
                    pool.records[k].lots[w] = fresh[b]
                    b -= 1
                }
                w -= 1
            }
        }
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

    private mutating func release(_ k: Int) {
        pool.records[k].lots.removeAll(keepingCapacity: pool.records[k].lots.capacity <= 64)
        pool.records[k].tainted = 0
        pool.records[k].largest = 0
        pool.release(k)
    }
}
