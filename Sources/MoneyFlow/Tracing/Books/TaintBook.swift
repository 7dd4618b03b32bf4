/// What an allocation policy keeps about tainted money. The replay engine owns, per
/// account and currency ("slot"), the balance (never negative) and a taint number:
/// -1 while the slot holds only clean money, else the book's record of the slot. The
/// engine calls a book only for slots that hold taint, for seed transfers, and for
/// tainted arrivals, so clean money costs the book nothing.
///
/// Invariant for every allocating book: the tainted money a slot holds never exceeds
/// its balance, and for order-keeping books the lots of a slot add up to its balance.
protocol TaintBook {
    /// Whether clean money arriving in a slot that holds taint must be recorded as a
    /// lot (the policies where the position of clean money matters: fifo, lifo).
    static var keepsCleanLots: Bool { get }

    /// Whether a transfer out of a slot with taint number `k` (of `account`) can
    /// carry tainted money.
    func holdsTaint(_ k: Int32, account: Int) -> Bool

    /// Clean money of `amount` arrives in the slot with record `k` (≥ 0).
    mutating func depositClean(_ k: Int32, amount: Int64)

    /// A transfer of `amount` leaves a slot (record `k`, balance just before
    /// `balance`). Appends the pieces it carries, in the order taken (clean pieces
    /// with seed `Lot.clean`), adding up to `amount`: money beyond the balance is
    /// clean. Taint that rounding removes from the sender is added to
    /// `rounding[seed]`. Returns the slot's record afterwards (-1: only clean left).
    mutating func take(_ k: Int32, account: Int, amount: Int64, balance: Int64,
                       into pieces: inout ContiguousArray<Lot>, rounding: inout ContiguousArray<Int64>) -> Int32

    /// Pieces arrive in `slot` (record `k`, -1 if none yet; balance just before
    /// `balance`); tainted pieces carry their final hop count, and there is at least
    /// one. Returns the slot's record afterwards.
    mutating func deposit(_ k: Int32, slot: Int, account: Int, pieces: ContiguousArray<Lot>, balance: Int64) -> Int32

    /// The tainted money left at the end: (slot, seed, amount) for each holding, any order.
    func remainingTaint() -> (slots: ContiguousArray<Int32>, seeds: ContiguousArray<Int32>, amounts: ContiguousArray<Int64>)
}

/// Records of a book, reused after release: `records[k]` belongs to slot `owner[k]`
/// (-1 when free).
struct RecordPool<Record> {
    var records: ContiguousArray<Record> = []
    var owner: ContiguousArray<Int32> = []
    private var free: ContiguousArray<Int32> = []
    let fresh: Record

    init(fresh: Record) { self.fresh = fresh }

    mutating func allocate(slot: Int) -> Int {
        if let k = free.popLast() {
            owner[Int(k)] = Int32(slot)
            return Int(k)
        }
        records.append(fresh)
        owner.append(Int32(slot))
        return records.count - 1
    }

    mutating func release(_ k: Int) {
        owner[k] = -1
        free.append(Int32(k))
    }
}
