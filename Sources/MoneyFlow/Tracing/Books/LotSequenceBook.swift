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
    /// One slot's lots, front to back.
    struct Lots {
        var lots: ContiguousArray<Lot> = []
        /// Lots before `head` are spent (fifo consumes the front lazily).
        var head = 0
        /// Tainted lots among `lots[head...]`.
        var taintedLots = 0
        /// Sum of `lots[head...]`; the slot's balance minus this is clean money after them.
        var recorded: Int64 = 0
    }

    let fromBack: Bool
    var pool = RecordPool(fresh: Lots())

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
        // Work on the record out of the pool: one owner, no copy-on-write checks.
        var r = Lots()
        swap(&r, &pool.records[k])
        var trailing = balance - r.recorded
        if fromBack {
            // The clean money after the last lot is the newest: it leaves first.
            if trailing > 0 {
                let c = min(trailing, need)
                pieces.appendMerging(.clean(c))
                need -= c
            }
            while need > 0 && r.lots.count > r.head {
                let last = r.lots.count - 1
                let lot = r.lots[last]
                let piece = min(lot.amount, need)
                pieces.appendMerging(Lot(seed: lot.seed, hops: lot.hops, amount: piece))
                need -= piece
                r.recorded -= piece
                if piece == lot.amount {
                    r.lots.removeLast()
                    if !lot.isClean { r.taintedLots -= 1 }
                } else {
                    r.lots[last].amount -= piece
                }
            }
        } else {
            while need > 0 && r.head < r.lots.count {
                let h = r.head
                let lot = r.lots[h]
                let piece = min(lot.amount, need)
                pieces.appendMerging(Lot(seed: lot.seed, hops: lot.hops, amount: piece))
                need -= piece
                r.recorded -= piece
                if piece == lot.amount {
                    r.head = h + 1
                    if !lot.isClean { r.taintedLots -= 1 }
                } else {
                    r.lots[h].amount -= piece
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
        if r.taintedLots == 0 {
            // Only clean money left: the balance says all.
            r.lots.removeAll(keepingCapacity: r.lots.capacity <= 64)
            r.head = 0
            r.recorded = 0
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
        var r = Lots()
        swap(&r, &pool.records[k])
        // The clean money that came since the last lot becomes a lot before the pieces.
        let trailing = balance - r.recorded
        if trailing > 0 { LotSequenceBook.append(.clean(trailing), to: &r) }
        for p in pieces { LotSequenceBook.append(p, to: &r) }
        swap(&r, &pool.records[k])
        return Int32(k)
    }

    @inline(__always)
    private static func append(_ p: Lot, to r: inout Lots) {
        let n = r.lots.count
        if n > r.head && r.lots[n - 1].sameKind(p) {
            r.lots[n - 1].amount += p.amount
        } else {
            r.lots.append(p)
            if !p.isClean { r.taintedLots += 1 }
        }
        r.recorded += p.amount
    }

    func remainingTaint(accounts: Int) -> (slots: ContiguousArray<Int>, seeds: ContiguousArray<Int32>, amounts: ContiguousArray<Int64>) {
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
