/// What an allocation policy keeps about tainted money, per account and currency
/// ("slot"). The replay engine owns the balances (never negative) and calls a book
/// only for slots that hold taint, for seed transfers, and for tainted arrivals.
///
/// Invariant for every allocating book: the tainted money a slot holds never exceeds
/// its balance, and for order-keeping books the lots of a slot add up to its balance.
protocol TaintBook {
    /// Whether clean money arriving in a slot that holds taint must be recorded as a
    /// lot (the policies where the position of clean money matters: fifo, lifo).
    static var keepsCleanLots: Bool { get }

    /// Whether `slot` (of `account`) holds tainted money that a transfer out could carry.
    func holdsTaint(slot: Int, account: Int) -> Bool

    /// Clean money of `amount` arrives in `slot`, which holds taint.
    mutating func depositClean(slot: Int, amount: Int64)

    /// A transfer of `amount` leaves `slot`, whose balance just before is `balance`.
    /// Appends the pieces it carries, in the order taken (clean pieces with seed
    /// `Lot.clean`), adding up to `amount`: money beyond the balance is clean. Taint
    /// that rounding removes from the sender is added to `rounding[seed]`.
    mutating func take(slot: Int, account: Int, amount: Int64, balance: Int64,
                       into pieces: inout ContiguousArray<Lot>, rounding: inout ContiguousArray<Int64>)

    /// Pieces arrive in `slot`, whose balance just before is `balance`; tainted pieces
    /// carry their final hop count. `pieces` holds at least one tainted piece.
    mutating func deposit(slot: Int, account: Int, pieces: ContiguousArray<Lot>, balance: Int64)

    /// The tainted money left at the end: (slot, seed, amount) for each holding, any order.
    func remainingTaint() -> (slots: ContiguousArray<Int32>, seeds: ContiguousArray<Int32>, amounts: ContiguousArray<Int64>)
}
