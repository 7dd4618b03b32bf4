import FraudGraph
import Foundation
import Synchronization

/// The balances a replay needs, replayed ahead of it on another thread: for each
/// ledger position of the replayed currencies, the sender's and the receiver's
/// balance just before that transfer, exactly as the replay keeps them (per account
/// and currency, never below zero; the receiver's after the sender's, so a transfer
/// to the same slot sees the sender's new balance, as the replay does).
///
/// With them, a replay whose book's work is on tainted money (haircut) asks only a
/// bit per slot for the transfers out of clean slots, touching no cell, and reads a
/// balance only where taint moves. `fill` runs on one thread and `wait(past:)` on
/// another; positions are published in chunks.
final class BalancesAhead: @unchecked Sendable {
    /// (sender, receiver) balances just before each ledger position; only positions
    /// of replayed currencies are filled.
    let before: UnsafeMutableBufferPointer<(sender: Int64, receiver: Int64)>
    /// Positions `0 ..< published` are filled.
    private let published = Atomic<Int>(0)
    private let chunk = 1 << 14

    init(positions: Int) {
        before = .allocate(capacity: max(1, positions))
    }

    deinit { before.deallocate() }

    /// Replays the balances of `replayed` currencies (a flag per currency code) over
    /// `ledger`, publishing them as it goes.
    func fill(_ c: Case, _ ledger: Ledger, _ replayed: ContiguousArray<Bool>) {
        let slots = SlotCells(accounts: c.entities.count, currencies: c.transfers.currencies.count)
        defer { slots.deallocate() }
        let out = before
        for start in stride(from: 0, to: ledger.count, by: chunk) {
            let end = min(start + chunk, ledger.count)
            slots.replayBalances(c.transfers, ledger, currencies: replayed, positions: start ..< end) { out[$0] = ($1, $2) }
            published.store(end, ordering: .releasing)
        }
    }

    /// Waits until position `pos` is filled; returns how many positions are.
    @inline(never)
    func wait(past pos: Int) -> Int {
        while true {
            let n = published.load(ordering: .acquiring)
            if n > pos { return n }
            _ = sched_yield()
        }
    }
}
