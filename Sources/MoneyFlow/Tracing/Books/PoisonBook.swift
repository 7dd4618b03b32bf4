/// The book of poison: per account (every currency together, as the spec words it:
/// "once an account has received any tainted money, every later transfer out of it is
/// wholly tainted"), the seeds whose money reached it, each with the least hop count
/// it arrived with. Every transfer out of a marked account carries its whole amount
/// under every seed that marked it.
struct PoisonBook: TaintBook {
    /// Marks of each account, or -1.
    var marksOf: ContiguousArray<Int32>
    /// Per marked account: (seed, least hops), sorted by seed; `amount` unused.
    var marks: ContiguousArray<ContiguousArray<Lot>> = []

    init(accounts: Int) {
        marksOf = ContiguousArray(repeating: -1, count: accounts)
    }

    @inline(__always)
    func holdsTaint(_ k: Int32, account: Int) -> Bool { marksOf[account] >= 0 }

    /// The slots' records stay -1: marks live per account here.
    mutating func take(_ k32: Int32, account: Int, amount: Int64, balance: Int64,
                       into pieces: inout ContiguousArray<Lot>, rounding: inout ContiguousArray<Int64>) -> Int32 {
        let k = Int(marksOf[account])
        guard k >= 0 else { return -1 }
        for mark in marks[k] { pieces.append(Lot(seed: mark.seed, hops: mark.hops, amount: amount)) }
        return -1
    }

    mutating func deposit(_ k32: Int32, slot: Int, account: Int, pieces: ContiguousArray<Lot>, balance: Int64) -> Int32 {
        var k = Int(marksOf[account])
        if k < 0 {
            k = marks.count
            marks.append([])
            marksOf[account] = Int32(k)
        }
        for p in pieces where !p.isClean {
            var lo = 0, hi = marks[k].count
            while lo < hi {
                let mid = (lo + hi) >> 1
                if marks[k][mid].seed < p.seed { lo = mid + 1 } else { hi = mid }
            }
            if lo < marks[k].count && marks[k][lo].seed == p.seed {
                if p.hops < marks[k][lo].hops { marks[k][lo].hops = p.hops }
            } else {
                marks[k].insert(Lot(seed: p.seed, hops: p.hops, amount: 0), at: lo)
            }
        }
        return -1
    }

    /// For poison the "slots" are accounts and the amounts are 0: the engine fills in
    /// each marked account's whole balance.
    func remainingTaint(accounts: Int) -> (slots: ContiguousArray<Int>, seeds: ContiguousArray<Int32>, amounts: ContiguousArray<Int64>) {
        var slots: ContiguousArray<Int> = [], seeds: ContiguousArray<Int32> = [], amounts: ContiguousArray<Int64> = []
        for (account, k) in marksOf.enumerated() where k >= 0 {
            for mark in marks[Int(k)] {
                slots.append(account); seeds.append(mark.seed); amounts.append(0)
            }
        }
        return (slots, seeds, amounts)
    }
}
