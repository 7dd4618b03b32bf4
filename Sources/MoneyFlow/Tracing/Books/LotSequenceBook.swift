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
    /// Sequence number of each slot, or -1 when the slot holds only clean money.
    var sequenceOf: ContiguousArray<Int32>
    var sequences: ContiguousArray<Sequence> = []
    var free: ContiguousArray<Int32> = []

    init(slots: Int, lifo: Bool) {
        fromBack = lifo
        sequenceOf = ContiguousArray(repeating: -1, count: slots)
    }

    @inline(__always)
    func holdsTaint(slot: Int, account: Int) -> Bool { sequenceOf[slot] >= 0 }

    mutating func depositClean(slot: Int, amount: Int64) {
        let k = Int(sequenceOf[slot])
        sequences[k].lots.appendMerging(.clean(amount))
    }

    mutating func take(slot: Int, account: Int, amount: Int64, balance: Int64,
                       into pieces: inout ContiguousArray<Lot>, rounding: inout ContiguousArray<Int64>) {
        let k = Int(sequenceOf[slot])
        var need = amount
        if k >= 0 {
            if fromBack {
                while need > 0 && sequences[k].lots.count > sequences[k].head {
                    let last = sequences[k].lots.count - 1
                    let lot = sequences[k].lots[last]
                    let piece = min(lot.amount, need)
                    pieces.appendMerging(Lot(seed: lot.seed, hops: lot.hops, amount: piece))
                    need -= piece
                    if piece == lot.amount {
                        sequences[k].lots.removeLast()
                        if !lot.isClean { sequences[k].taintedLots -= 1 }
                    } else {
                        sequences[k].lots[last].amount -= piece
                    }
                }
            } else {
                while need > 0 && sequences[k].head < sequences[k].lots.count {
                    let h = sequences[k].head
                    let lot = sequences[k].lots[h]
                    let piece = min(lot.amount, need)
                    pieces.appendMerging(Lot(seed: lot.seed, hops: lot.hops, amount: piece))
                    need -= piece
                    if piece == lot.amount {
                        sequences[k].head = h + 1
                        if !lot.isClean { sequences[k].taintedLots -= 1 }
                    } else {
                        sequences[k].lots[h].amount -= piece
                    }
                }
            }
            if sequences[k].taintedLots == 0 {
                release(slot: slot, sequence: k)
            } else if sequences[k].head >= 32 && sequences[k].head * 2 >= sequences[k].lots.count {
                sequences[k].lots.removeFirst(sequences[k].head)
                sequences[k].head = 0
            }
        } else {
            let fromBalance = min(need, balance)
            if fromBalance > 0 { pieces.appendMerging(.clean(fromBalance)) }
            need -= fromBalance
        }
        // Money beyond what the data shows the account held: unknown origin, clean.
        if need > 0 { pieces.appendMerging(.clean(need)) }
    }

    mutating func deposit(slot: Int, account: Int, pieces: ContiguousArray<Lot>, balance: Int64) {
        var k = Int(sequenceOf[slot])
        if k < 0 {
            k = allocate(slot: slot)
            if balance > 0 { sequences[k].lots.append(.clean(balance)) }
        }
        for p in pieces {
            let n = sequences[k].lots.count
            if n > sequences[k].head && sequences[k].lots[n - 1].sameKind(p) {
                sequences[k].lots[n - 1].amount += p.amount
            } else {
                sequences[k].lots.append(p)
                if !p.isClean { sequences[k].taintedLots += 1 }
            }
        }
    }

    func remainingTaint() -> (slots: ContiguousArray<Int32>, seeds: ContiguousArray<Int32>, amounts: ContiguousArray<Int64>) {
        var slots: ContiguousArray<Int32> = [], seeds: ContiguousArray<Int32> = [], amounts: ContiguousArray<Int64> = []
        for (slot, k) in sequenceOf.enumerated() where k >= 0 {
            let s = sequences[Int(k)]
            for lot in s.lots[s.head...] where !lot.isClean {
                slots.append(Int32(slot)); seeds.append(lot.seed); amounts.append(lot.amount)
            }
        }
        return (slots, seeds, amounts)
    }

    // MARK: - Sequence storage

    private mutating func allocate(slot: Int) -> Int {
        let k: Int
        if let reused = free.popLast() {
            k = Int(reused)
        } else {
            k = sequences.count
            sequences.append(Sequence())
        }
        sequenceOf[slot] = Int32(k)
        return k
    }

    /// The slot holds only clean money again: its balance says all.
    private mutating func release(slot: Int, sequence k: Int) {
        sequences[k].lots.removeAll(keepingCapacity: sequences[k].lots.capacity <= 64)
        sequences[k].head = 0
        sequences[k].taintedLots = 0
        sequenceOf[slot] = -1
        free.append(Int32(k))
    }
}
