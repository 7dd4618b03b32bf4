/// The book of fifo and lifo: each slot that holds taint keeps its whole money as a
/// sequence of lots, clean ones included, adding up to its balance. A slot without
/// taint is only its balance (one clean lot) and costs nothing here.
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
    }

    static var keepsCleanLots: Bool { true }

    let fromBack: Bool
    var pool = RecordPool(fresh: Sequence())

    init(lifo: Bool) { fromBack = lifo }

    @inline(__always)
    func holdsTaint(_ k: Int32, account: Int) -> Bool { k >= 0 }

    @inline(__always)
    mutating func depositClean(_ k: Int32, amount: Int64) {
        let i = Int(k)
        let n = pool.records[i].lots.count
        if pool.records[i].lots[n - 1].seed == Lot.clean {
            pool.records[i].lots[n - 1].amount += amount
        } else {
            pool.records[i].lots.append(.clean(amount))
        }
    }

    mutating func take(_ k32: Int32, account: Int, amount: Int64, balance: Int64,
                       into pieces: inout ContiguousArray<Lot>, rounding: inout ContiguousArray<Int64>) -> Int32 {
        let k = Int(k32)
        var need = amount
        guard k >= 0 else {
            pieces.appendMerging(.clean(need))
            return -1
        }
        if fromBack {
            while need > 0 && pool.records[k].lots.count > pool.records[k].head {
                let last = pool.records[k].lots.count - 1
                let lot = pool.records[k].lots[last]
                let piece = min(lot.amount, need)
                pieces.appendMerging(Lot(seed: lot.seed, hops: lot.hops, amount: piece))
                need -= piece
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
                if piece == lot.amount {
                    pool.records[k].head = h + 1
                    if !lot.isClean { pool.records[k].taintedLots -= 1 }
                } else {
                    pool.records[k].lots[h].amount -= piece
                }
            }
        }
        // Money beyond what the data shows the account held: unknown origin, clean.
        if need > 0 { pieces.appendMerging(.clean(need)) }
        if pool.records[k].taintedLots == 0 {
            // Only clean money left: the balance says all.
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
        var k = Int(k32)
        if k < 0 {
            k = pool.allocate(slot: slot)
            if balance > 0 { pool.records[k].lots.append(.clean(balance)) }
        }
        for p in pieces {
            let n = pool.records[k].lots.count
            if n > pool.records[k].head && pool.records[k].lots[n - 1].sameKind(p) {
                pool.records[k].lots[n - 1].amount += p.amount
            } else {
                pool.records[k].lots.append(p)
                if !p.isClean { pool.records[k].taintedLots += 1 }
            }
        }
        return Int32(k)
    }

    func remainingTaint() -> (slots: ContiguousArray<Int32>, seeds: ContiguousArray<Int32>, amounts: ContiguousArray<Int64>) {
        var slots: ContiguousArray<Int32> = [], seeds: ContiguousArray<Int32> = [], amounts: ContiguousArray<Int64> = []
        for (k, slot) in pool.owner.enumerated() where slot >= 0 {
            let s = pool.records[k]
            for lot in s.lots[s.head...] where !lot.isClean {
                slots.append(slot); seeds.append(lot.seed); amounts.append(lot.amount)
            }
        }
        return (slots, seeds, amounts)
    }
}
