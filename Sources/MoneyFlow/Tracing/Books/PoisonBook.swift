/// The book of poison: per account (every currency together, as the spec words it:
/// "once an account has received any tainted money, every later transfer out of it is
/// wholly tainted"), the seeds whose money reached it, each with the least hop count
/// it arrived with. Every transfer out of a marked account carries its whole amount
/// under every seed that marked it.
///
/// Whether an account is marked is one bit (the table stays in cache while every
/// transfer of the ledger asks it). Marks arriving are appended and merged into the
/// account's marks when it next sends, as haircut's holdings are: a hub marked by
/// thousands of seeds pays no sorted insert per mark.
struct PoisonBook: TaintBook {
    /// Marks need no balance (the engine fills in holdings from `EndBalances`).
    static let readsBalances = false

    /// One bit per account: marked.
    private var marked: ContiguousArray<UInt64>
    /// Marks of each marked account (an index into `marks`).
    private var marksOf: ContiguousArray<Int32>
    private var marks: ContiguousArray<Marks> = []
    /// Where arrivals and marks are merged before they are copied back.
    private let merged = LotScratch()
    /// The second buffer of a radix sort of arrivals.
    private var sortBuffer: ContiguousArray<Lot> = []

    /// One account's marks.
    struct Marks {
        /// (seed, least hops), one per seed, in seed order; `amount` unused.
        var settled: ContiguousArray<Lot> = []
        /// Marks that arrived since the last merge (their amounts are not read).
        var arrivals = Arrivals()
    }

    /// When arrivals are merged and how they are sorted.
    let sizes: ReplaySizes

    init(accounts: Int, sizes: ReplaySizes) {
        self.sizes = sizes
        marked = ContiguousArray(repeating: 0, count: (accounts + 63) / 64)
        marksOf = ContiguousArray(repeating: -1, count: accounts)
    }

    @inline(__always)
    func holdsTaint(_ k: Int32, account: Int) -> Bool {
        marked.withUnsafeBufferPointer { $0[account >> 6] & (1 << UInt64(account & 63)) != 0 }
    }

    /// The slots' records stay -1: marks live per account here.
    mutating func take(_ k32: Int32, account: Int, amount: Int64, balance: Int64,
                       into pieces: inout ContiguousArray<Lot>, rounding: inout ContiguousArray<Int64>) -> Int32 {
        guard holdsTaint(k32, account: account) else { return -1 }
        let k = Int(marksOf[account])
        settle(k)
        let first = pieces.count
        pieces.append(contentsOf: marks[k].settled)
        pieces.withUnsafeMutableBufferPointer { pieces in
            for i in first ..< pieces.count { pieces[i].amount = amount }
        }
        return -1
    }

    mutating func deposit(_ k32: Int32, slot: Int, account: Int, pieces: ContiguousArray<Lot>, balance: Int64) -> Int32 {
        var k = Int(marksOf[account])
        if k < 0 {
            k = marks.count
            marks.append(Marks())
            marksOf[account] = Int32(k)
            marked[account >> 6] |= 1 << UInt64(account & 63)
        }
        marks[k].arrivals.append(pieces)
        let waiting = marks[k].arrivals.count
        if waiting > sizes.arrivalsSettledFrom && waiting > marks[k].settled.count { settle(k) }
        return -1
    }

    /// Merges account record `k`'s arrivals into its marks: one per seed, the least hops.
    private mutating func settle(_ k: Int) {
        guard !marks[k].arrivals.isEmpty else { return }
        var m = Marks()
        swap(&m, &marks[k])
        m.arrivals.sort(radixFrom: sizes.radixSortFrom, scratch: &sortBuffer)
        merged.reserve(m.settled.count + m.arrivals.count)
        let out = merged.base
        var n = 0
        m.settled.withUnsafeBufferPointer { settled in
            m.arrivals.lots.withUnsafeBufferPointer { arrivals in
                var i = 0, j = 0
                while i < settled.count || j < arrivals.count {
                    // The next seed, from either list; (seed, hops) order puts its least
                    // hops first.
                    let fromSettled = j == arrivals.count || (i < settled.count && settled[i].key <= arrivals[j].key)
                    let next = fromSettled ? settled[i] : arrivals[j]
                    (out + n).initialize(to: next)
                    n += 1
                    while i < settled.count && settled[i].seed == next.seed { i += 1 }
                    while j < arrivals.count && arrivals[j].seed == next.seed { j += 1 }
                }
            }
        }
        m.settled.removeAll(keepingCapacity: true)
        m.settled.append(contentsOf: UnsafeBufferPointer(start: out, count: n))
        m.arrivals.removeAll(keepingCapacity: true)
        swap(&m, &marks[k])
    }

    /// For poison the "slots" are accounts and the amounts are 0: the engine fills in
    /// each marked account's whole balance (`EndBalances`).
    mutating func remainingTaint(accounts: Int) -> (slots: ContiguousArray<Int>, seeds: ContiguousArray<Int32>, amounts: ContiguousArray<Int64>) {
        var slots: ContiguousArray<Int> = [], seeds: ContiguousArray<Int32> = []
        // At most every mark settled or waiting.
        let most = marks.reduce(0) { $0 + $1.settled.count + $1.arrivals.count }
        slots.reserveCapacity(most)
        seeds.reserveCapacity(most)
        for (account, k) in marksOf.enumerated() where k >= 0 {
            settle(Int(k))
            marks[Int(k)].settled.withUnsafeBufferPointer { settled in
                for mark in settled {
                    slots.append(account)
                    seeds.append(mark.seed)
                }
            }
        }
        return (slots, seeds, ContiguousArray(repeating: 0, count: seeds.count))
    }
}
