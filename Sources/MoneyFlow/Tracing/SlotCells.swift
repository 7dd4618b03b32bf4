import FraudGraph
import Foundation

/// A slot's state in the replay: its balance (never negative) and its record in the
/// policy's book. 16 bytes, so that the common case (clean money moving) touches one
/// cache line per side. All zero is a slot with nothing in it.
struct SlotCell {
    var balance: Int64
    /// The book's record + 1 (0: only clean money).
    var record: Int32

    /// The book's record, -1 while the slot holds only clean money.
    @inline(__always) var taint: Int32 {
        get { record &- 1 }
        set { record = newValue &+ 1 }
    }
}

/// The replay's slots: one per account and currency.
///
/// Slot `c·n + a` is account `a` in currency code `c`, at a fixed place: the cell of
/// either side of a transfer is known from the transfer alone, with no lookup, so the
/// processor can fetch the cells of the next transfers while it replays this one. The
/// cells are one block of zeroed memory that the system maps lazily: only the pages
/// of the currencies accounts really use cost memory.
///
/// Memory: 16 bytes an account for each currency it uses (by 4 KiB page, or 2 MiB
/// page where the system gives them).
struct SlotCells {
    let accounts: Int
    /// Currency codes: 0 ..< codes.
    private let codes: Int
    private(set) var base: UnsafeMutablePointer<SlotCell>
    private let mapping: UnsafeMutableRawPointer
    private let size: Int

    init(accounts n: Int, currencies: Int) {
        accounts = max(1, n)
        codes = max(1, currencies)
        size = SlotCells.bytes(accounts * codes)
        (base, mapping) = SlotCells.zeroed(size)
    }

    // MARK: - Memory

    /// The cells are touched at random, one per transfer side: 2 MiB pages (where the
    /// system gives them on request) spare the processor a page-table walk on nearly
    /// every access and the kernel a page fault per 4 KiB.
    private static let hugePage = 2 << 20

    private static func bytes(_ count: Int) -> Int {
        (count * MemoryLayout<SlotCell>.stride + hugePage - 1) / hugePage * hugePage + hugePage
    }

    /// `size` bytes of zeroed cells (their start, on a 2 MiB boundary), and the
    /// mapping that `deallocate` releases.
    private static func zeroed(_ size: Int) -> (UnsafeMutablePointer<SlotCell>, UnsafeMutableRawPointer) {
        #if os(Linux)
        // Reserved, not committed: a case with many currencies maps far more than it
        // touches, and the system should not refuse it for that.
        let raw = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
        guard let raw, raw != MAP_FAILED else { fatalError("out of memory for \(size) bytes of slots") }
        // Start on a 2 MiB boundary so that every page of the cells can be a huge one.
        let aligned = UnsafeMutableRawPointer(bitPattern: (Int(bitPattern: raw) + hugePage - 1) & ~(hugePage - 1))!
        _ = madvise(aligned, size - hugePage, MADV_HUGEPAGE)
        return (aligned.bindMemory(to: SlotCell.self, capacity: (size - hugePage) / MemoryLayout<SlotCell>.stride), raw)
        #else
        guard let raw = calloc(size, 1) else { fatalError("out of memory for \(size) bytes of slots") }
        return (raw.bindMemory(to: SlotCell.self, capacity: size / MemoryLayout<SlotCell>.stride), raw)
        #endif
    }

    func deallocate() {
        #if os(Linux)
        _ = munmap(mapping, size)
        #else
        free(mapping)
        #endif
    }

    // MARK: - Slots

    /// Number of slots: ids are 0 ..< count.
    var count: Int { accounts * codes }

    /// The account of slot `id`.
    func account(of id: Int) -> Int32 { Int32(id % accounts) }

    /// The cell of slot `id`.
    func cell(_ id: Int) -> UnsafeMutablePointer<SlotCell> { base + id }

    /// Every slot of the currencies `used` (by code) that holds money, in slot order.
    func slotsHoldingMoney(currencies used: [Bool]) -> [Int] {
        var slots: [Int] = []
        for c in 0 ..< min(codes, used.count) where used[c] {
            for id in c * accounts ..< (c + 1) * accounts where base[id].balance != 0 { slots.append(id) }
        }
        return slots
    }

    /// The slot of `account` in `currency`: its id and its cell.
    @inline(__always)
    func slot(account a: Int, currency code: UInt16) -> (id: Int, cell: UnsafeMutablePointer<SlotCell>) {
        let id = Int(code) &* accounts &+ a
        return (id, base + id)
    }

    // MARK: - Balances alone

    /// Replays the balances of ledger positions `positions` in the currencies
    /// `replayed` (a flag per currency code), as the tracer keeps them: per slot,
    /// never below zero, the sender's before the receiver's (so a transfer to its own
    /// slot shows the sender's new balance as the receiver's). `visit` gets each
    /// replayed position with the sender's and the receiver's balance just before it.
    @inline(__always)
    func replayBalances(_ transfers: TransferTable, _ ledger: Ledger, currencies replayed: ContiguousArray<Bool>,
                        positions: Range<Int>, _ visit: (_ position: Int, _ sender: Int64, _ receiver: Int64) -> Void) {
        ledger.order.withUnsafeBufferPointer { order in
        transfers.source.withUnsafeBufferPointer { source in
        transfers.target.withUnsafeBufferPointer { target in
        transfers.amount.withUnsafeBufferPointer { amount in
        transfers.currency.withUnsafeBufferPointer { currency in
        replayed.withUnsafeBufferPointer { replayed in
            for pos in positions {
                let t = Int(order[pos]), code = currency[t]
                if !replayed[Int(code)] { continue }
                let a = amount[t]
                let sc = slot(account: Int(source[t]), currency: code).cell
                let dc = slot(account: Int(target[t]), currency: code).cell
                let s = sc.pointee.balance
                sc.pointee.balance = s > a ? s - a : 0
                visit(pos, s, dc.pointee.balance)
                dc.pointee.balance += a
            }
        }}}}}}
    }
}
