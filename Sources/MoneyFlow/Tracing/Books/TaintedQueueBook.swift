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

    static var keepsCleanLots: Bool { false }

    let cleanFirst: Bool
    var queueOf: ContiguousArray<Int32>
    var queues: ContiguousArray<Queue> = []
    var free: ContiguousArray<Int32> = []

    init(slots: Int, cleanFirst: Bool) {
        self.cleanFirst = cleanFirst
        queueOf = ContiguousArray(repeating: -1, count: slots)
    }

    @inline(__always)
    func holdsTaint(slot: Int, account: Int) -> Bool { queueOf[slot] >= 0 }

    func depositClean(slot: Int, amount: Int64) {}

    mutating func take(slot: Int, account: Int, amount: Int64, balance: Int64,
                       into pieces: inout ContiguousArray<Lot>, rounding: inout ContiguousArray<Int64>) {
        let k = Int(queueOf[slot])
        var need = amount
        guard k >= 0 else {
            pieces.appendMerging(.clean(need))
            return
        }
        var clean = balance - queues[k].tainted
        if cleanFirst && clean > 0 && need > 0 {
            let c = min(clean, need)
            pieces.appendMerging(.clean(c))
            need -= c
            clean -= c
        }
        while need > 0 && queues[k].head < queues[k].lots.count {
            let h = queues[k].head
            let lot = queues[k].lots[h]
            let piece = min(lot.amount, need)
            pieces.appendMerging(Lot(seed: lot.seed, hops: lot.hops, amount: piece))
            need -= piece
            queues[k].tainted -= piece
            if piece == lot.amount {
                queues[k].head = h + 1
            } else {
                queues[k].lots[h].amount -= piece
            }
        }
        // dirty-first: then the clean money; both: beyond the balance, unknown origin.
        if need > 0 { pieces.appendMerging(.clean(need)) }
        if queues[k].tainted == 0 {
            queues[k].lots.removeAll(keepingCapacity: queues[k].lots.capacity <= 64)
            queues[k].head = 0
            queueOf[slot] = -1
            free.append(Int32(k))
        } else if queues[k].head >= 32 && queues[k].head * 2 >= queues[k].lots.count {
            queues[k].lots.removeFirst(queues[k].head)
            queues[k].head = 0
        }
    }

    mutating func deposit(slot: Int, account: Int, pieces: ContiguousArray<Lot>, balance: Int64) {
        var k = Int(queueOf[slot])
        if k < 0 {
            if let reused = free.popLast() {
                k = Int(reused)
            } else {
                k = queues.count
                queues.append(Queue())
            }
            queueOf[slot] = Int32(k)
        }
        for p in pieces where !p.isClean {
            let n = queues[k].lots.count
            if n > queues[k].head && queues[k].lots[n - 1].sameKind(p) {
                queues[k].lots[n - 1].amount += p.amount
            } else {
                queues[k].lots.append(p)
            }
            queues[k].tainted += p.amount
        }
    }

    func remainingTaint() -> (slots: ContiguousArray<Int32>, seeds: ContiguousArray<Int32>, amounts: ContiguousArray<Int64>) {
        var slots: ContiguousArray<Int32> = [], seeds: ContiguousArray<Int32> = [], amounts: ContiguousArray<Int64> = []
        for (slot, k) in queueOf.enumerated() where k >= 0 {
            let q = queues[Int(k)]
            for lot in q.lots[q.head...] {
                slots.append(Int32(slot)); seeds.append(lot.seed); amounts.append(lot.amount)
            }
        }
        return (slots, seeds, amounts)
    }
}
