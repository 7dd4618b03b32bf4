import Foundation

/// A slot's state in the replay: its balance (never negative), its record in the
/// policy's book, and its currency. 16 bytes, so that the common case (clean money
/// moving) touches one cache line per side. All zero is an unused slot.
struct SlotCell {
    var balance: Int64
    /// The book's record + 1 (0: only clean money).
    var record: Int32
    /// Currency code; 0 while the slot is unused.
    var currency: UInt16
    var spare: UInt16

    /// The book's record, -1 while the slot holds only clean money.
    @inline(__always) var taint: Int32 {
        get { record &- 1 }
        set { record = newValue &+ 1 }
    }
}

/// The replay's slots: one per account and currency it used.
///
/// Slot `a < n` is account `a` in the first currency it used, in replay order. Any
/// other currency `c` of account `a` is slot `c·n + a`, in a block of `n` cells for
/// that currency made the first time any account needs it. Blocks are zeroed memory
/// that the system maps lazily, so only the pages of accounts that really use a
/// second currency cost memory. No pass before the replay: the slot's currency is in
/// its cell.
///
/// Memory: 16 bytes an account, and 16 per account-and-currency beyond the first
/// (by 4 KiB page).
struct SlotCells {
    let accounts: Int
    private(set) var base: UnsafeMutablePointer<SlotCell>
    /// Per currency code, its block of cells (nil until an account needs it); the
    /// block of an account's first currency is never used (that cell is in `base`).
    private let blocks: UnsafeMutablePointer<UnsafeMutablePointer<SlotCell>?>
    /// Where the memory of `base` (index 0) and of each block (index = code) starts.
    private let mappings: UnsafeMutablePointer<UnsafeMutableRawPointer?>
    private let blockCount: Int
    /// Slots beyond the first currency in use, in the order they appeared.
    private(set) var extraSlots = ContiguousArray<Int>()

    init(accounts n: Int, currencies: Int) {
        accounts = n
        blockCount = currencies + 1
        blocks = .allocate(capacity: blockCount)
        blocks.initialize(repeating: nil, count: blockCount)
        mappings = .allocate(capacity: blockCount)
        mappings.initialize(repeating: nil, count: blockCount)
        base = SlotCells.zeroed(max(1, n), mapping: &mappings[0])
    }

    // MARK: - Memory

    /// The cells are touched at random, one per transfer side: 2 MiB pages (where the
    /// system gives them on request) spare the processor a page-table walk on nearly
    /// every access and the kernel a page fault per 4 KiB.
    private static let hugePage = 2 << 20

    private static func bytes(_ count: Int) -> Int {
        (count * MemoryLayout<SlotCell>.stride + hugePage - 1) / hugePage * hugePage + hugePage
    }

    /// `count` zeroed cells; `mapping` is what `release` needs.
    private static func zeroed(_ count: Int, mapping: inout UnsafeMutableRawPointer?) -> UnsafeMutablePointer<SlotCell> {
        #if os(Linux)
        let size = bytes(count)
        let raw = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        guard let raw, raw != MAP_FAILED else { fatalError("out of memory for \(count) slots") }
        mapping = raw
        // Start on a 2 MiB boundary so that every page of the cells can be a huge one.
        let aligned = UnsafeMutableRawPointer(bitPattern: (Int(bitPattern: raw) + hugePage - 1) & ~(hugePage - 1))!
        _ = madvise(aligned, size - hugePage, MADV_HUGEPAGE)
        return aligned.bindMemory(to: SlotCell.self, capacity: count)
        #else
        guard let raw = calloc(count, MemoryLayout<SlotCell>.stride) else { fatalError("out of memory for \(count) slots") }
        mapping = raw
        return raw.bindMemory(to: SlotCell.self, capacity: count)
        #endif
    }

    private static func release(_ mapping: UnsafeMutableRawPointer, count: Int) {
        #if os(Linux)
        _ = munmap(mapping, bytes(count))
        #else
        free(mapping)
        #endif
    }

    func deallocate() {
        SlotCells.release(mappings[0]!, count: max(1, accounts))
        for c in 1 ..< blockCount { if let m = mappings[c] { SlotCells.release(m, count: accounts) } }
        blocks.deallocate()
        mappings.deallocate()
    }

    // MARK: - Slots

    /// The account of slot `id`.
    func account(of id: Int) -> Int32 { Int32(id % accounts) }

    /// The cell of slot `id`.
    func cell(_ id: Int) -> UnsafeMutablePointer<SlotCell> {
        id < accounts ? base + id : blocks[id / accounts]! + id % accounts
    }

    /// Every slot in use: the accounts', then the others in order of appearance.
    var usedSlots: [Int] { Array(0 ..< accounts) + extraSlots }

    /// The slot of `account` in `currency`, made if new: its id and its cell.
    @inline(__always)
    mutating func slot(account a: Int, currency code: UInt16) -> (id: Int, cell: UnsafeMutablePointer<SlotCell>) {
        let p = base + a
        let own = p.pointee.currency
        if own == code { return (a, p) }
        if own == 0 {
            p.pointee.currency = code
            return (a, p)
        }
        let c = Int(code)
        if let block = blocks[c], block[a].currency == code { return (c * accounts + a, block + a) }
        return otherSlot(account: a, currency: code)
    }

    @inline(never)
    private mutating func otherSlot(account a: Int, currency code: UInt16) -> (id: Int, cell: UnsafeMutablePointer<SlotCell>) {
        let c = Int(code)
        if blocks[c] == nil { blocks[c] = SlotCells.zeroed(accounts, mapping: &mappings[c]) }
        let q = blocks[c]! + a
        let id = c * accounts + a
        if q.pointee.currency == 0 {
            q.pointee.currency = code
            extraSlots.append(id)
        }
        return (id, q)
    }
}
