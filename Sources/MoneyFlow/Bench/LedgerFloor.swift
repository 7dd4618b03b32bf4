import FraudGraph

/// The bare cost of any replay: one pass over the time-sorted ledger that only adds
/// up amounts per account (the sender's balance down, never below zero; the
/// receiver's up). Benchmarks measure every policy against it, in the same run.
public enum LedgerFloor {
    /// Replays `ledger` keeping only balances; returns a checksum of the final
    /// balances (so that the work cannot be optimised away).
    /// - Complexity: O(transfers), one random access per side.
    public static func run(on c: Case, ledger: Ledger) -> Int64 {
        let t = c.transfers
        var balance = ContiguousArray<Int64>(repeating: 0, count: c.entities.count)
        ledger.order.withUnsafeBufferPointer { order in
            t.source.withUnsafeBufferPointer { source in
                t.target.withUnsafeBufferPointer { target in
                    t.amount.withUnsafeBufferPointer { amount in
                        balance.withUnsafeMutableBufferPointer { balance in
                            for r in order {
                                let i = Int(r)
                                let a = amount[i]
                                let s = Int(source[i])
                                let b = balance[s]
                                balance[s] = b > a ? b - a : 0
                                balance[Int(target[i])] += a
                            }
                        }
                    }
                }
            }
        }
        var sum: Int64 = 0
        for (i, b) in balance.enumerated() { sum = sum &+ b &* Int64(i + 1) }
        return sum
    }
}
