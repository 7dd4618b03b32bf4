import FraudGraph

/// The money each account holds at the end of the data, all its currencies summed:
/// poison's holdings (a marked account is wholly tainted). Replayed on its own, as
/// the tracer replays balances (per account and currency, never below zero), so that
/// poison's replay of marks, which needs no balance, can run beside it on another
/// core.
enum EndBalances {
    /// Per account (entity index), its balances at the end, all currencies summed.
    /// The case's amounts must add up to at most `Int64.max`
    /// (`TransferTable.firstAmountPastExactSum` is nil).
    /// - Complexity: O(transfers), one random access per side, plus one pass over the
    ///   slots.
    static func whole(of c: Case, ledger: Ledger) -> ContiguousArray<Int64> {
        let transfers = c.transfers
        let slots = SlotCells(accounts: c.entities.count, currencies: transfers.currencies.count)
        defer { slots.deallocate() }
        let all = ContiguousArray(repeating: true, count: max(1, transfers.currencies.count))
        slots.replayBalances(transfers, ledger, currencies: all, positions: 0 ..< ledger.count) { _, _, _ in }
        var used = [Bool](repeating: false, count: transfers.currencies.count)
        for code in transfers.currency { used[Int(code)] = true }
        var whole = ContiguousArray<Int64>(repeating: 0, count: c.entities.count)
        for slot in slots.slotsHoldingMoney(currencies: used) { whole[Int(slots.account(of: slot))] += slots.cell(slot).pointee.balance }
        return whole
    }
}
