/// What an allocation policy keeps about tainted money. The replay engine owns, per
/// account and currency ("slot"), the balance (never negative) and a taint number:
/// -1 while the slot holds only clean money, else the book's record of the slot. Apart
/// from `holdsTaint`, asked once per transfer, the engine calls a book only for slots
/// that hold taint, for seed transfers, and for tainted arrivals: clean money arriving
/// anywhere costs a book nothing (it is in the balance; books that keep order keep it
/// as the clean money after their last lot).
///
/// Invariant for every allocating book: the tainted money a slot holds never exceeds
/// its balance, and for order-keeping books the lots of a slot add up to at most its
/// balance (the rest is clean money that came after them).
protocol TaintBook {
    /// Whether `take` and `deposit` read the balance they are given. A book that does
    /// not (poison) keeps its own records: the replay touches no slot cell for it,
    /// asks `holdsTaint` first, gives it record -1 and balance 0 (it keeps none) and
    /// drops the records it returns.
    static var readsBalances: Bool { get }

    /// Whether a transfer out of a slot with taint number `k` (of `account`) can
    /// carry tainted money.
    func holdsTaint(_ k: Int32, account: Int) -> Bool

    /// A transfer of `amount` leaves a slot (record `k`, balance just before
    /// `balance`). Appends the pieces it carries, in the order taken (clean pieces
    /// with seed `Lot.clean`), adding up to `amount`: money beyond the balance is
    /// clean. Taint that rounding removes from the sender is added to
    /// `rounding[seed]`. Returns the slot's record afterwards (-1: only clean left).
    mutating func take(_ k: Int32, account: Int, amount: Int64, balance: Int64,
                       into pieces: inout ContiguousArray<Lot>, rounding: inout ContiguousArray<Int64>) -> Int32

    /// Pieces arrive in `slot` (record `k`, -1 if none yet; balance just before
    /// `balance`); tainted pieces carry their final hop count, and there is at least
    /// one. Adjacent pieces of one kind (clean ones too) may come apart or merged:
    /// a book must give the same result either way. Returns the slot's record afterwards.
    mutating func deposit(_ k: Int32, slot: Int, account: Int, pieces: ContiguousArray<Lot>, balance: Int64) -> Int32

    /// The tainted money left at the end as (slot, seed, amount) triples, any order;
    /// the caller adds up the triples of one account and seed. Slot `s` is of account
    /// `s % accounts`: a book that can hand the triples over in (account, seed) order
    /// saves the caller a sort. Mutating: a book may put its records in order first.
    mutating func remainingTaint(accounts: Int) -> (slots: ContiguousArray<Int>, seeds: ContiguousArray<Int32>, amounts: ContiguousArray<Int64>)
}

extension TaintBook {
    static var readsBalances: Bool { true }
}
