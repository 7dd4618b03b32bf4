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
        let clean = balance - pool.records[k].tainted
        if cleanFirst && clean > 0 && need > 0 {
            let c = min(clean, need)
            pieces.appendMerging(.clean(c))
            need -= c
        }
        while need > 0 && pool.records[k].head < pool.records[k].lots.count {
            let h = pool.records[k].head
            let lot = pool.records[k].lots[h]
            let piece = min(lot.amount, need)
            pieces.appendMerging(Lot(seed: lot.seed, hops: lot.hops, amount: piece))
            need -= piece
            pool.records[k].tainted -= piece
            if piece == lot.amount {
                pool.records[k].head = h + 1
            } else {
                pool.records[k].lots[h].amount -= piece
            }
        }
        // dirty-first: then the clean money; both: beyond the balance, unknown origin.
        if need > 0 { pieces.appendMerging(.clean(need)) }
        if pool.records[k].tainted == 0 {
            pool.records[k].lots.removeAll(keepingCapacity: pool.records[k].lots.capacity <= 64)
            pool.records[k].head = 0
            pool.release(k)
            return -1
        }
        if pool.records[k].head >= 32 && pool.records[k].head * 2 >= pool.records[k].lots.count {
            pool.records[k].lots.removeFirst(pool.records[k].head)
            pool.records[k].head = 0
        }
        return k32
    }

    mutating func deposit(_ k32: Int32, slot: Int, account: Int, pieces: ContiguousArray<Lot>, balance: Int64) -> Int32 {
        let k = k32 >= 0 ? Int(k32) : pool.allocate(slot: slot)
        for p in pieces where !p.isClean {
            let n = pool.records[k].lots.count
            if n > pool.records[k].head && pool.records[k].lots[n - 1].sameKind(p) {
                pool.records[k].lots[n - 1].amount += p.amount
            } else {
                pool.records[k].lots.append(p)
            }
            pool.records[k].tainted += p.amount
        }
        return Int32(k)
    }

    func remainingTaint() -> (slots: ContiguousArray<Int>, seeds: ContiguousArray<Int32>, amounts: ContiguousArray<Int64>) {
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
