/// The book of fifo and lifo: each slot that holds taint keeps its money as a
/// sequence of lots, clean ones included, and after the last lot the clean money that
/// arrived since (its balance minus the lots: money arriving clean is only counted in
/// the balance, so a busy account that holds some taint costs nothing per payment in).
/// A slot without taint is only its balance.
///
/// fifo takes lots from the front, lifo from the back; the receiver appends the taken
/// pieces at its back in the order taken. Adjacent lots of the same kind are merged,
/// which changes nothing a policy can see.
struct LotSequenceBook: TaintBook {
    struct Sequence {
        var lots: ContiguousArray<Lot> = []
        /// Lots before `head` are spent (fifo consumes the front lazily).
        var head = 0
        /// Tainted lots among `lots[head...]`.
        var taintedLots = 0
        /// Sum of `lots[head...]`; the slot's balance minus this is clean money after them.
        var recorded: Int64 = 0
    }

    let fromBack: Bool
    var pool = RecordPool(fresh: Sequence())

    init(lifo: Bool) { fromBack = lifo }

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
        var trailing = balance - pool.records[k].recorded
        if fromBack {
            // The clean money after the last lot is the newest: it leaves first.
            if trailing > 0 {
                let c = min(trailing, need)
                pieces.appendMerging(.clean(c))
                need -= c
            }
            while need > 0 && pool.records[k].lots.count > pool.records[k].head {
                let last = pool.records[k].lots.count - 1
                let lot = pool.records[k].lots[last]
                let piece = min(lot.amount, need)
                pieces.appendMerging(Lot(seed: lot.seed, hops: lot.hops, amount: piece))
                need -= piece
                pool.records[k].recorded -= piece
                if piece == lot.amount {
                    pool.records[k].lots.removeLast()
                    if !lot.isClean { pool.records[k].taintedLots -= 1 }
                } else {
                    pool.records[k].lots[last].amount -= piece
                }
            }
        } else {
            while need > 0 && pool.records[k].head < pool.records[k].lots.count {
                let h = pool.records[k].head
                let lot = pool.records[k].lots[h]
                let piece = min(lot.amount, need)
                pieces.appendMerging(Lot(seed: lot.seed, hops: lot.hops, amount: piece))
                need -= piece
                pool.records[k].recorded -= piece
                if piece == lot.amount {
                    pool.records[k].head = h + 1
                    if !lot.isClean { pool.records[k].taintedLots -= 1 }
                } else {
                    pool.records[k].lots[h].amount -= piece
                }
            }
            if need > 0 && trailing > 0 {
                let c = min(trailing, need)
                pieces.appendMerging(.clean(c))
                need -= c
                trailing -= c
            }
        }
        // Money beyond what the data shows the account held: unknown origin, clean.
        if need > 0 { pieces.appendMerging(.clean(need)) }
        if pool.records[k].taintedLots == 0 {
            // Only clean money left: the balance says all.
            pool.records[k].lots.removeAll(keepingCapacity: pool.records[k].lots.capacity <= 64)
            pool.records[k].head = 0
            pool.records[k].recorded = 0
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
        // The clean money that came since the last lot becomes a lot before the pieces.
        let trailing = balance - pool.records[k].recorded
        if trailing > 0 { append(.clean(trailing), to: k) }
        for p in pieces { append(p, to: k) }
        return Int32(k)
    }

    @inline(__always)
    private mutating func append(_ p: Lot, to k: Int) {
        let n = pool.records[k].lots.count
        if n > pool.records[k].head && pool.records[k].lots[n - 1].sameKind(p) {
            pool.records[k].lots[n - 1].amount += p.amount
        } else {
            pool.records[k].lots.append(p)
            if !p.isClean { pool.records[k].taintedLots += 1 }
        }
        pool.records[k].recorded += p.amount
    }

    func remainingTaint() -> (slots: ContiguousArray<Int>, seeds: ContiguousArray<Int32>, amounts: ContiguousArray<Int64>) {
        var slots: ContiguousArray<Int> = [], seeds: ContiguousArray<Int32> = [], amounts: ContiguousArray<Int64> = []
        for (k, slot) in pool.owner.enumerated() where slot >= 0 {
            let s = pool.records[k]
            for lot in s.lots[s.head...] where !lot.isClean {
                slots.append(slot); seeds.append(lot.seed); amounts.append(lot.amount)
            }
        }
        return (slots, seeds, amounts)
    }
}
