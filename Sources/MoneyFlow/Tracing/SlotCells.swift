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
    private var blocks: [UnsafeMutablePointer<SlotCell>?]
    /// Slots beyond the first currency in use, in the order they appeared.
    private(set) var extraSlots = ContiguousArray<Int>()

    init(accounts n: Int, currencies: Int) {
        accounts = n
        base = SlotCells.zeroed(max(1, n))
        blocks = Array(repeating: nil, count: currencies + 1)
    }

    private static func zeroed(_ count: Int) -> UnsafeMutablePointer<SlotCell> {
        guard let raw = calloc(count, MemoryLayout<SlotCell>.stride) else { fatalError("out of memory for \(count) slots") }
        return raw.bindMemory(to: SlotCell.self, capacity: count)
    }

    func deallocate() {
        free(base)
        for b in blocks { if let b { free(b) } }
    }

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
        return otherSlot(account: a, currency: code)
    }

    @inline(never)
    private mutating func otherSlot(account a: Int, currency code: UInt16) -> (id: Int, cell: UnsafeMutablePointer<SlotCell>) {
        let c = Int(code)
        if blocks[c] == nil { blocks[c] = SlotCells.zeroed(accounts) }
        let q = blocks[c]! + a
        let id = c * accounts + a
        if q.pointee.currency == 0 {
            q.pointee.currency = code
            extraSlots.append(id)
        }
        return (id, q)
    }
}
