/// Collects a trace's lists as the replay goes.
struct Recorder {
    var cut: ContiguousArray<Int64>
    var exited: ContiguousArray<Int64>
    var rounding: ContiguousArray<Int64>
    var transfers = ContiguousArray<Int32>()
    var hops = ContiguousArray<Int32>()
    var transferShares = TaintShares()
    var exits = ContiguousArray<Int32>()
    var exitAccounts = ContiguousArray<Int32>()
    var exitShares = TaintShares()
    /// Ledger positions of `transfers` and of `exits`.
    var positions = ContiguousArray<Int32>()
    var exitPositions = ContiguousArray<Int32>()
    /// Owns the two buffers below, and frees them with the last copy of the recorder.
    /// (A class rather than a non-copyable recorder: Swift 6.3.1 fails to compile a
    /// non-copyable one with the thread sanitizer.)
    private final class Buffers {
        let pending: UnsafeMutableBufferPointer<Int64>
        let touched: UnsafeMutableBufferPointer<Int32>
        let row: UnsafeMutableBufferPointer<Int64>

        init(seeds: Int) {
            pending = .allocate(capacity: max(1, seeds))
            pending.initialize(repeating: 0)
            touched = .allocate(capacity: max(1, seeds))
            row = .allocate(capacity: max(1, seeds))
        }

        deinit {
            pending.deallocate()
            touched.deallocate()
            row.deallocate()
        }
    }
    private let buffers: Buffers
    /// Per seed, the tainted money of the transfer being replayed (0 for the others).
    private let pending: UnsafeMutableBufferPointer<Int64>
    /// The seeds with pending money: `touched[0 ..< touchedCount]`, each once.
    private let touched: UnsafeMutableBufferPointer<Int32>
    private var touchedCount = 0
    /// The pending amounts of `touched`, in its order, as a row is written.
    private let row: UnsafeMutableBufferPointer<Int64>

    init(seeds: Int) {
        cut = ContiguousArray(repeating: 0, count: seeds)
        exited = cut
        rounding = cut
        buffers = Buffers(seeds: seeds)
        pending = buffers.pending
        touched = buffers.touched
        row = buffers.row
    }

    /// Adds tainted money (positive) of `seed` to the transfer being replayed.
    @inline(__always)
    mutating func add(seed: Int32, amount: Int64) {
        let s = Int(seed)
        if pending[s] == 0 {
            precondition(touchedCount < touched.count, "tracer: a seed listed twice in one transfer (an amount not positive?)")
            touched[touchedCount] = seed
            touchedCount += 1
        }
        pending[s] += amount
    }

    /// The transfer being replayed (at ledger position `position`) is a cash
    /// withdrawal from `account`.
    mutating func exit(_ t: Int32, from account: Int32, at position: Int) {
        sortTouched()
        exits.append(t)
        exitPositions.append(Int32(position))
        exitAccounts.append(account)
        exited.withUnsafeMutableBufferPointer { exited in
            for i in 0 ..< touchedCount {
                let s = Int(touched[i])
                row[i] = pending[s]
                exited[s] += pending[s]
            }
        }
        exitShares.appendRow(seeds: UnsafeBufferPointer(rebasing: touched[..<touchedCount]),
                             amounts: UnsafeBufferPointer(rebasing: row[..<touchedCount]))
    }

    /// Ends the transfer being replayed (at ledger position `position`): it carried
    /// the pending money.
    mutating func transfer(_ t: Int32, hops h: Int32, at position: Int) {
        sortTouched()
        transfers.append(t)
        positions.append(Int32(position))
        hops.append(h)
        for i in 0 ..< touchedCount {
            let s = Int(touched[i])
            row[i] = pending[s]
            pending[s] = 0
        }
        transferShares.appendRow(seeds: UnsafeBufferPointer(rebasing: touched[..<touchedCount]),
                                 amounts: UnsafeBufferPointer(rebasing: row[..<touchedCount]))
        touchedCount = 0
    }

    private mutating func sortTouched() {
        guard touchedCount > 1 else { return }
        // Books that hand over pieces seed by seed (haircut) need no sort.
        for i in 1 ..< touchedCount where touched[i - 1] > touched[i] {
            var seeds = UnsafeMutableBufferPointer(rebasing: touched[..<touchedCount])
            seeds.sort()
            return
        }
    }
}
