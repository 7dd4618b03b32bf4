/// The book of haircut: each slot that holds taint keeps one holding per (seed, hops),
/// in (seed, hops) order; its clean money is its balance minus its tainted total.
/// Tainted money arriving is appended to the slot's arrivals and merged into the
/// holdings in one pass when the slot next sends (the pass that takes the shares), or
/// once they outnumber the holdings, so a hub that receives from thousands of mules
/// pays no lookup per piece.
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
/// holdings (except a payment its clean money covers whose every share provably
/// rounds to nothing, a hub's purchases, which touches none): one pass, each share by
/// a multiplication with the transfer's reciprocal fraction instead of a division
/// (`Share`). The pieces come out in (seed, hops) order, so the receiver's arrivals
/// are sorted runs.
struct HaircutBook: TaintBook {
    /// One slot's tainted money.
    struct Holdings {
        /// One holding per (seed, hops), in (seed, hops) order.
        var lots: ContiguousArray<Lot> = []
        /// Tainted pieces that arrived since the holdings were last settled, in the
        /// order they came (each deposit a run in (seed, hops) order). They join
        /// `lots` when the slot next sends, or once they outnumber the holdings (and
        /// `ReplaySizes.arrivalsSettledFrom`), so that money arriving at a hub with
        /// many holdings is an append, not a lookup.
        var arrivals = Arrivals()
        /// All tainted money: `lots` and `arrivals`.
        var tainted: Int64 = 0
        /// At least the largest of `lots` (exact after each full pass).
        var largest: Int64 = 0
    }

    /// When arrivals are merged and how they are sorted.
    let sizes: ReplaySizes

    var pool = RecordPool(fresh: Holdings())
    private var remainders: ContiguousArray<(remainder: Int64, index: Int)> = []
    /// The second buffer of a radix sort of arrivals.
    private var sortBuffer: ContiguousArray<Lot> = []
    /// Where a transfer's pieces are cut before they are handed over.
    private let taken = LotScratch()
    /// Where arrivals and holdings are merged before they are copied back.
    private let merged = LotScratch()

    init(sizes: ReplaySizes) { self.sizes = sizes }

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
            settle(k)
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
            // No holding, settled or not, exceeds the largest plus all arrivals.
            let bound = pool.records[k].largest + pool.records[k].arrivals.total
            let (high, low) = bound.multipliedFullWidth(by: moved)
            if high == 0 && low < UInt64(balance) {
                pieces.append(.clean(amount))
                return k32
            }
        }
        // Work on the record out of the pool: one owner, no copy-on-write checks.
        var h = Holdings()
        swap(&h, &pool.records[k])

        // MARK: Proportional shares, rounded down, in one pass (that also settles arrivals)
        let share = Share(moved: moved, balance: balance)
        let firstPiece = pieces.count
        taken.reserve(h.lots.count + h.arrivals.count)
        var cutter = Cutter(share: share, out: taken.base)
        if h.arrivals.isEmpty {
            h.lots.withUnsafeMutableBufferPointer { lots in
                for i in 0 ..< lots.count { cutter.cut(&lots[i]) }
            }
        } else {
            h.arrivals.sort(radixFrom: sizes.radixSortFrom, scratch: &sortBuffer)
            mergeArrivals(into: &h) { cutter.cut(&$0) }
        }
        pieces.append(contentsOf: UnsafeBufferPointer(start: taken.base, count: cutter.taken))
        let takenTotal = cutter.takenTotal
        let largest = cutter.largest
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
        // Holdings are in (seed, hops) order, so the lower index is the lower seed, then
        // the fewer hops.
        remainders.sort { $0.remainder > $1.remainder || ($0.remainder == $1.remainder && $0.index < $1.index) }
        for j in 0 ..< Int(excess) {
            let i = remainders[j].index
            h.lots[i].amount -= 1
            rounding[Int(h.lots[i].seed)] += 1
        }
        h.tainted -= excess
        h.lots.removeAll { $0.amount == 0 }
        h.largest = h.lots.reduce(0) { max($0, $1.amount) }
    }

    mutating func deposit(_ k32: Int32, slot: Int, account: Int, pieces: ContiguousArray<Lot>, balance: Int64) -> Int32 {
        let k = k32 >= 0 ? Int(k32) : pool.allocate(slot: slot)
        // Work on the record out of the pool: one owner, no copy-on-write checks.
        var h = Holdings()
        swap(&h, &pool.records[k])
        let before = h.arrivals.total
        h.arrivals.append(pieces)
        h.tainted += h.arrivals.total - before
        let waiting = h.arrivals.count
        swap(&h, &pool.records[k])
        if waiting > sizes.arrivalsSettledFrom && waiting > pool.records[k].lots.count { settle(k) }
        return Int32(k)
    }

    /// Merges slot record `k`'s arrivals into its holdings: one holding per (seed,
    /// hops), in (seed, hops) order.
    private mutating func settle(_ k: Int) {
        guard !pool.records[k].arrivals.isEmpty else { return }
        var h = Holdings()
        swap(&h, &pool.records[k])
        h.arrivals.sort(radixFrom: sizes.radixSortFrom, scratch: &sortBuffer)
        var largest: Int64 = 0
        mergeArrivals(into: &h) { largest = max(largest, $0.amount) }
        h.largest = largest
        swap(&h, &pool.records[k])
    }

    /// Merges `h`'s sorted arrivals into its holdings (through the merge buffer, so
    /// that the holdings keep their storage), calling `visit` on each merged holding.
    @inline(__always)
    private mutating func mergeArrivals(into h: inout Holdings, _ visit: (inout Lot) -> Void) {
        merged.reserve(h.lots.count + h.arrivals.count)
        let out = merged.base
        let n = h.lots.withUnsafeBufferPointer { lots in
            h.arrivals.lots.withUnsafeBufferPointer { arrivals in
                HaircutBook.merge(lots, arrivals, into: out, visit)
            }
        }
        h.lots.removeAll(keepingCapacity: true)
        h.lots.append(contentsOf: UnsafeBufferPointer(start: out, count: n))
        h.arrivals.removeAll(keepingCapacity: true)
    }

    /// Merges `lots` and `arrivals` (both in (seed, hops) order; arrivals may repeat a
    /// kind) into `out`, one lot per kind, calling `visit` on each merged lot before it
    /// is stored. Returns how many were stored.
    @inline(__always)
    private static func merge(_ lots: UnsafeBufferPointer<Lot>, _ arrivals: UnsafeBufferPointer<Lot>,
                              into out: UnsafeMutablePointer<Lot>, _ visit: (inout Lot) -> Void) -> Int {
        var i = 0, j = 0, n = 0
        let nl = lots.count, na = arrivals.count
        while i < nl || j < na {
            var next: Lot
            if j == na || (i < nl && lots[i].key < arrivals[j].key) {
                next = lots[i]
                i += 1
            } else {
                next = arrivals[j]
                j += 1
                if i < nl && lots[i].key == next.key {
                    next.amount += lots[i].amount
                    i += 1
                }
            }
            while j < na && arrivals[j].key == next.key {
                next.amount += arrivals[j].amount
                j += 1
            }
            visit(&next)
            (out + n).initialize(to: next)
            n += 1
        }
        return n
    }

    /// Takes one transfer's rounded-down share of holdings, one at a time, writing
    /// the pieces taken to `out` (the `taken` buffer, reserved for every holding the
    /// pass visits before the cutter is made, and not resized while it works).
    private struct Cutter {
        let share: Share
        let out: UnsafeMutablePointer<Lot>
        /// Pieces written.
        var taken = 0
        var takenTotal: Int64 = 0
        /// The largest holding left.
        var largest: Int64 = 0

        init(share: Share, out: UnsafeMutablePointer<Lot>) {
            self.share = share
            self.out = out
        }

        /// Without branches on the amounts (which share is zero is unpredictable): the
        /// piece is always written, and kept only if it is not zero.
        @inline(__always)
        mutating func cut(_ lot: inout Lot) {
            let amount = lot.amount
            let q = share.quotient(amount)
            (out + taken).initialize(to: Lot(seed: lot.seed, hops: lot.hops, amount: q))
            taken &+= q > 0 ? 1 : 0
            takenTotal &+= q
            lot.amount = amount &- q
            largest = max(largest, lot.amount)
        }
    }

    /// One sum per slot and seed, in (account, seed) order: each slot's holdings and
    /// arrivals are in (seed, hops) order, so a seed's holdings are side by side.
    mutating func remainingTaint(accounts n: Int) -> (slots: ContiguousArray<Int>, seeds: ContiguousArray<Int32>, amounts: ContiguousArray<Int64>) {
        var slots: ContiguousArray<Int> = [], seeds: ContiguousArray<Int32> = [], amounts: ContiguousArray<Int64> = []
        var live: ContiguousArray<(account: Int, slot: Int, record: Int)> = []
        for (k, slot) in pool.owner.enumerated() where slot >= 0 {
            var h = Holdings()
            swap(&h, &pool.records[k])
            h.arrivals.sort(radixFrom: sizes.radixSortFrom, scratch: &sortBuffer)
            swap(&h, &pool.records[k])
            live.append((slot % max(1, n), slot, k))
        }
        live.sort { ($0.account, $0.slot) < ($1.account, $1.slot) }
        var sums: ContiguousArray<(seed: Int32, amount: Int64)> = []
        var i = 0
        while i < live.count {
            var j = i
            while j < live.count && live[j].account == live[i].account { j += 1 }
            sums.removeAll(keepingCapacity: true)
            for r in i ..< j { HaircutBook.sumPerSeed(pool.records[live[r].record], into: &sums) }
            if j - i > 1 {
                // Several currencies: their sums interleave.
                sums.sort { $0.seed < $1.seed }
            }
            var s = 0
            while s < sums.count {
                var total: Int64 = 0
                let seed = sums[s].seed
                while s < sums.count && sums[s].seed == seed {
                    total += sums[s].amount
                    s += 1
                }
                if total != 0 { slots.append(live[i].slot); seeds.append(seed); amounts.append(total) }
            }
            i = j
        }
        return (slots, seeds, amounts)
    }

    /// Appends one sum per seed of `h`'s holdings and (sorted) arrivals, in seed order.
    private static func sumPerSeed(_ h: Holdings, into sums: inout ContiguousArray<(seed: Int32, amount: Int64)>) {
        h.lots.withUnsafeBufferPointer { lots in
            h.arrivals.lots.withUnsafeBufferPointer { arrivals in
                var i = 0, j = 0
                while i < lots.count || j < arrivals.count {
                    let seed = j == arrivals.count || (i < lots.count && lots[i].seed <= arrivals[j].seed) ? lots[i].seed : arrivals[j].seed
                    var total: Int64 = 0
                    while i < lots.count && lots[i].seed == seed {
                        total += lots[i].amount
                        i += 1
                    }
                    while j < arrivals.count && arrivals[j].seed == seed {
                        total += arrivals[j].amount
                        j += 1
                    }
                    sums.append((seed, total))
                }
            }
        }
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

        init(moved: Int64, balance: Int64) {
            precondition(moved > 0 && moved < balance, "haircut: a share needs 0 < moved < balance")
            self.moved = moved
            self.balance = balance
            reciprocal = UInt64(balance).dividingFullWidth((high: UInt64(moved), low: 0)).quotient
        }

        /// floor(h · moved / balance), exactly.
        @inline(__always)
        func quotient(_ h: Int64) -> Int64 {
            var q = UInt64(h).multipliedFullWidth(by: reciprocal).high
            // h·m − q·B is in [0, 2B): exact in wrapping 64-bit arithmetic.
            let r = UInt64(h) &* UInt64(moved) &- q &* UInt64(balance)
            q &+= r >= UInt64(balance) ? 1 : 0
            return Int64(q)
        }
    }

    private mutating func release(_ k: Int) {
        pool.records[k].lots.removeAll(keepingCapacity: pool.records[k].lots.capacity <= 64)
        pool.records[k].arrivals.removeAll(keepingCapacity: pool.records[k].arrivals.lots.capacity <= 64)
        pool.records[k].tainted = 0
        pool.records[k].largest = 0
        pool.release(k)
    }
}
