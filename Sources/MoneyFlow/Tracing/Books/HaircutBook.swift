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
    }

    static var keepsCleanLots: Bool { false }

    var holdingsOf: ContiguousArray<Int32>
    var holdings: ContiguousArray<Holdings> = []
    var free: ContiguousArray<Int32> = []
    private var taken: ContiguousArray<Int64> = []
    private var remainders: ContiguousArray<Int64> = []

    init(slots: Int) {
        holdingsOf = ContiguousArray(repeating: -1, count: slots)
    }

    @inline(__always)
    func holdsTaint(slot: Int, account: Int) -> Bool { holdingsOf[slot] >= 0 }

    func depositClean(slot: Int, amount: Int64) {}

    mutating func take(slot: Int, account: Int, amount: Int64, balance: Int64,
                       into pieces: inout ContiguousArray<Lot>, rounding: inout ContiguousArray<Int64>) {
        let k = Int(holdingsOf[slot])
        guard k >= 0 else {
            pieces.appendMerging(.clean(amount))
            return
        }
        let moved = min(amount, balance)
        let total = holdings[k].tainted
        if moved == balance {
            // The fraction is 1: every holding leaves whole.
            for lot in holdings[k].lots { pieces.append(lot) }
            if amount > total { pieces.append(.clean(amount - total)) }
            release(slot: slot, holdings: k)
            return
        }
        // MARK: Proportional shares, rounded down
        let n = holdings[k].lots.count
        taken.removeAll(keepingCapacity: true)
        remainders.removeAll(keepingCapacity: true)
        var takenTotal: Int64 = 0
        for i in 0 ..< n {
            let h = holdings[k].lots[i].amount
            let (q, r) = balance.dividingFullWidth(h.multipliedFullWidth(by: moved))
            taken.append(q)
            remainders.append(r)
            takenTotal += q
        }
        // MARK: Dust the sender cannot hold
        let clean = balance - total
        var excess = moved - takenTotal - clean
        while excess > 0 {
            var best = -1
            var bestRemainder: Int64 = 0
            for i in 0 ..< n where remainders[i] > bestRemainder {
                best = i
                bestRemainder = remainders[i]
            }
            precondition(best >= 0, "haircut: excess dust without a remainder")
            remainders[best] = 0
            holdings[k].lots[best].amount -= 1
            holdings[k].tainted -= 1
            rounding[Int(holdings[k].lots[best].seed)] += 1
            excess -= 1
        }
        // MARK: Pieces, and what stays
        var kept = 0
        for i in 0 ..< n {
            var lot = holdings[k].lots[i]
            let q = taken[i]
            if q > 0 { pieces.append(Lot(seed: lot.seed, hops: lot.hops, amount: q)) }
            lot.amount -= q
            if lot.amount > 0 {
                holdings[k].lots[kept] = lot
                kept += 1
            }
        }
        holdings[k].lots.removeLast(n - kept)
        holdings[k].tainted -= takenTotal
        if amount > takenTotal { pieces.append(.clean(amount - takenTotal)) }
        if holdings[k].tainted == 0 { release(slot: slot, holdings: k) }
    }

    mutating func deposit(slot: Int, account: Int, pieces: ContiguousArray<Lot>, balance: Int64) {
        var k = Int(holdingsOf[slot])
        if k < 0 {
            if let reused = free.popLast() {
                k = Int(reused)
            } else {
                k = holdings.count
                holdings.append(Holdings())
            }
            holdingsOf[slot] = Int32(k)
        }
        for p in pieces where !p.isClean {
            // Binary search for (seed, hops) in the sorted holdings.
            var lo = 0, hi = holdings[k].lots.count
            while lo < hi {
                let mid = (lo + hi) >> 1
                if holdings[k].lots[mid].precedes(p) { lo = mid + 1 } else { hi = mid }
            }
            if lo < holdings[k].lots.count && holdings[k].lots[lo].sameKind(p) {
                holdings[k].lots[lo].amount += p.amount
            } else {
                holdings[k].lots.insert(p, at: lo)
            }
            holdings[k].tainted += p.amount
        }
    }

    func remainingTaint() -> (slots: ContiguousArray<Int32>, seeds: ContiguousArray<Int32>, amounts: ContiguousArray<Int64>) {
        var slots: ContiguousArray<Int32> = [], seeds: ContiguousArray<Int32> = [], amounts: ContiguousArray<Int64> = []
        for (slot, k) in holdingsOf.enumerated() where k >= 0 {
            for lot in holdings[Int(k)].lots {
                slots.append(Int32(slot)); seeds.append(lot.seed); amounts.append(lot.amount)
            }
        }
        return (slots, seeds, amounts)
    }

    private mutating func release(slot: Int, holdings k: Int) {
        holdings[k].lots.removeAll(keepingCapacity: holdings[k].lots.capacity <= 64)
        holdings[k].tainted = 0
        holdingsOf[slot] = -1
        free.append(Int32(k))
    }
}
