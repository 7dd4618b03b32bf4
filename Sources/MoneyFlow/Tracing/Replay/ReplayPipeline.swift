import Foundation
import Synchronization

/// Runs a trace's two halves over the whole ledger in chunks of `chunk` transfers:
/// `BalanceReplay` writes a chunk's steps into a ring, `TaintReplay` follows them. On
/// one thread the two alternate chunk by chunk; on two, the balance replay runs up to
/// `ringChunks` chunks ahead on its own core. Either way the taint replay sees the same
/// steps in the same order, so the trace is the same to the unit.
enum ReplayPipeline {
    static let chunk = 4096
    static let ringChunks = 16

    /// Replays positions `0 ..< count`; returns the balance replay (its final slots).
    static func run<Book: TaintBook>(_ balances: BalanceReplay, _ taint: inout TaintReplay<Book>, count: Int, twoThreads: Bool,
                                     order: UnsafeBufferPointer<Int32>, amount: UnsafeBufferPointer<Int64>,
                                     channel: UnsafeBufferPointer<UInt16>) -> BalanceReplay {
        let chunks = (count + chunk - 1) / chunk
        let ring = UnsafeMutablePointer<LedgerStep>.allocate(capacity: chunk * (twoThreads ? ringChunks : 1))
        defer { ring.deallocate() }
        func range(_ c: Int) -> Range<Int> { c * chunk ..< min(count, (c + 1) * chunk) }

        guard twoThreads && chunks > 1 else {
            var balances = balances
            for c in 0 ..< chunks {
                balances.run(range(c), into: ring)
                taint.run(range(c), steps: ring, order: order, amount: amount, channel: channel)
            }
            return balances
        }

        // MARK: Two threads: the balances run ahead through a ring of chunks
        let shared = Shared(balances: balances, ring: ring)
        let thread = Thread {
            for c in 0 ..< chunks {
                while c - shared.consumed.load(ordering: .acquiring) >= ringChunks { sched_yield() }
                shared.balances.run(c * chunk ..< min(count, (c + 1) * chunk), into: shared.ring + (c % ringChunks) * chunk)
                shared.produced.store(c + 1, ordering: .releasing)
            }
            shared.finished.signal()
        }
        thread.stackSize = 1 << 20
        thread.start()
        for c in 0 ..< chunks {
            var spins = 0
            while shared.produced.load(ordering: .acquiring) <= c {
                spins += 1
                if spins > 64 { sched_yield() }
            }
            taint.run(range(c), steps: ring + (c % ringChunks) * chunk, order: order, amount: amount, channel: channel)
            shared.consumed.store(c + 1, ordering: .releasing)
        }
        shared.finished.wait()
        return shared.balances
    }

    /// What the two threads share: the balance replay (its thread's alone until it
    /// finishes), the ring, and how far each side has got.
    private final class Shared: @unchecked Sendable {
        var balances: BalanceReplay
        let ring: UnsafeMutablePointer<LedgerStep>
        let produced = Atomic<Int>(0)
        let consumed = Atomic<Int>(0)
        let finished = DispatchSemaphore(value: 0)

        init(balances: BalanceReplay, ring: UnsafeMutablePointer<LedgerStep>) {
            self.balances = balances
            self.ring = ring
        }
    }
}
