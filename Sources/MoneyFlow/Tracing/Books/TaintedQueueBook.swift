/// The book of libr and dirty-first: where clean money sits in the sequence does not
/// matter to them (they take all clean money before, or after, all tainted money), so
/// a slot keeps only its tainted lots in arrival order; its clean money is its
/// balance minus its tainted total.
///
/// libr takes clean money first, then tainted lots front to back; dirty-first takes
/// tainted lots front to back, then clean money. Beyond the balance, money is clean.
struct TaintedQueueBook: TaintBook {
    struct Queue {
        var lots: ContiguousArray<Lot> = []
        var head = 0
        /// Sum of `lots[head...]`.
        var tainted: Int64 = 0
    }

    let cleanFirst: Bool
    var pool = RecordPool(fresh: Queue())

    init(cleanFirst: Bool) { self.cleanFirst = cleanFirst }

    @inline(__always)
    func holdsTaint(_ k: Int32, account: Int) -> Bool { k >= 0 }

    mutating func take(_ k32: Int32, account: Int, amount: Int64, balance: Int64,
                       into pieces: inout ContiguousArray<Lot>, rounding: inout ContiguousArray<Int64>) -> Int32 {
        let k = Int(k32)
        var need = amount
        guard k >= 0 else {
            pieces.appendMerging(.clean(need))
            return -1
        }
        // Work on the record out of the pool: one owner, no copy-on-write checks.
        var r = Queue()
        swap(&r, &pool.records[k])
        let clean = balance - r.tainted
        if cleanFirst && clean > 0 && need > 0 {
            let c = min(clean, need)
            pieces.appendMerging(.clean(c))
            need -= c
        }
        while need > 0 && r.head < r.lots.count {
            let h = r.head
            let lot = r.lots[h]
            let piece = min(lot.amount, need)
            pieces.appendMerging(Lot(seed: lot.seed, hops: lot.hops, amount: piece))
            need -= piece
            r.tainted -= piece
            if piece == lot.amount {
                r.head = h + 1
            } else {
                r.lots[h].amount -= piece
            }
        }
        // dirty-first: then the clean money; both: beyond the balance, unknown origin.
        if need > 0 { pieces.appendMerging(.clean(need)) }
        if r.tainted == 0 {
            r.lots.removeAll(keepingCapacity: r.lots.capacity <= 64)
            r.head = 0
            swap(&r, &pool.records[k])
            pool.release(k)
            return -1
        }
        if r.head >= 32 && r.head * 2 >= r.lots.count {
            r.lots.removeFirst(r.head)
            r.head = 0
        }
        swap(&r, &pool.records[k])
        return k32
    }

    mutating func deposit(_ k32: Int32, slot: Int, account: Int, pieces: ContiguousArray<Lot>, balance: Int64) -> Int32 {
        let k = k32 >= 0 ? Int(k32) : pool.allocate(slot: slot)
        var r = Queue()
        swap(&r, &pool.records[k])
        for p in pieces where !p.isClean {
            let n = r.lots.count
            if n > r.head && r.lots[n - 1].sameKind(p) {
                r.lots[n - 1].amount += p.amount
            } else {
                r.lots.append(p)
            }
            r.tainted += p.amount
        }
        swap(&r, &pool.records[k])
        return Int32(k)
    }

    func remainingTaint(accounts: Int) -> (slots: ContiguousArray<Int>, seeds: ContiguousArray<Int32>, amounts: ContiguousArray<Int64>) {
        var slots: ContiguousArray<Int> = [], seeds: ContiguousArray<Int32> = [], amounts: ContiguousArray<Int64> = []
        for (k, slot) in pool.owner.enumerated() where slot >= 0 {
            let q = pool.records[k]
            for lot in q.lots[q.head...] {
                slots.append(slot); seeds.append(lot.seed); amounts.append(lot.amount)
            }
        }
        return (slots, seeds, amounts)
    }
}
