/// A slot's state in the replay: its balance (never negative), its record in the
/// policy's book (-1: only clean money), and its currency. 16 bytes, so that the
/// common case (clean money moving) touches one cache line per side.
struct SlotCell {
    var balance: Int64
    var taint: Int32
    /// Currency code; 0 while account slot a < n has not been used yet.
    var currency: UInt16
    var spare: UInt16 = 0
}

/// The replay's slots: one per account and currency it used. Slot `a < n` is account
/// `a` in the first currency it used, in replay order; an account's other currencies
/// get slots `n, n + 1, ...` as they appear, chained from the account's slot. Found
/// without any pass before the replay: the slot's currency is in its cell.
///
/// Memory: 16 bytes a slot, 4 more per slot once an account uses a second currency.
struct SlotCells {
    private(set) var cells: UnsafeMutablePointer<SlotCell>
    private(set) var count: Int
    private var capacity: Int
    private let accounts: Int
    /// Account of each extra slot (slot n + k).
    private var extraAccount = ContiguousArray<Int32>()
    /// Per slot: the next slot of the same account in another currency, or -1
    /// (allocated when the first account uses a second currency).
    private var next = ContiguousArray<Int32>()

    init(accounts n: Int) {
        accounts = n
        capacity = max(16, n + n / 16)
        cells = .allocate(capacity: capacity)
        cells.initialize(repeating: SlotCell(balance: 0, taint: -1, currency: 0), count: n)
        count = n
    }

    func deallocate() { cells.deallocate() }

    /// The account of `slot`.
    func account(of slot: Int) -> Int32 { slot < accounts ? Int32(slot) : extraAccount[slot - accounts] }

    /// The slot of `account` in `currency`, made if new.
    @inline(__always)
    mutating func slot(account a: Int, currency code: UInt16) -> Int {
        let own = cells[a].currency
        if own == code { return a }
        if own == 0 {
            cells[a].currency = code
            return a
        }
        return otherSlot(account: a, currency: code)
    }

    @inline(never)
    private mutating func otherSlot(account a: Int, currency code: UInt16) -> Int {
        if next.isEmpty { next = ContiguousArray(repeating: -1, count: capacity) }
        var s = a
        while next[s] >= 0 {
            s = Int(next[s])
            if cells[s].currency == code { return s }
        }
        if count == capacity {
            capacity *= 2
            let grown = UnsafeMutablePointer<SlotCell>.allocate(capacity: capacity)
            grown.moveInitialize(from: cells, count: count)
            cells.deallocate()
            cells = grown
            next.append(contentsOf: repeatElement(-1, count: capacity - next.count))
        }
        let made = count
        (cells + made).initialize(to: SlotCell(balance: 0, taint: -1, currency: code))
        count += 1
        extraAccount.append(Int32(a))
        next[s] = Int32(made)
        return made
    }
}
