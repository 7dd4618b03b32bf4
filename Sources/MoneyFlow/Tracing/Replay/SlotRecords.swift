import Foundation

/// Which slots hold taint, and their record numbers in the policy's book.
///
/// Every transfer asks whether its sender's slot holds taint, so that answer is one bit
/// in a bitmap small enough to stay in the processor's cache (290 KB for 2.3 million
/// accounts); the record number is read only for slots whose bit is set. Slot ids are
/// those of `SlotCells` (`block · accounts + account`); a block's bits and records are
/// made the first time one of its slots gets a record, as zeroed memory the system
/// maps lazily.
struct SlotRecords {
    let accounts: Int
    private let bits: UnsafeMutablePointer<UnsafeMutablePointer<UInt64>?>
    private let records: UnsafeMutablePointer<UnsafeMutablePointer<Int32>?>
    private let blockCount: Int

    /// Records for slots of `accounts` accounts in `currencies` currencies.
    init(accounts n: Int, currencies: Int) {
        accounts = max(1, n)
        blockCount = currencies + 1
        bits = .allocate(capacity: blockCount)
        bits.initialize(repeating: nil, count: blockCount)
        records = .allocate(capacity: blockCount)
        records.initialize(repeating: nil, count: blockCount)
    }

    func deallocate() {
        for b in 0 ..< blockCount {
            if let p = bits[b] { p.deallocate() }
            if let p = records[b] { SlotRecords.release(p, count: accounts) }
        }
        bits.deallocate()
        records.deallocate()
    }

    /// Whether slot `id` has a record (holds taint).
    @inline(__always)
    func holdsTaint(_ id: Int) -> Bool {
        let (b, a) = id < accounts ? (0, id) : id.quotientAndRemainder(dividingBy: accounts)
        guard let words = bits[b] else { return false }
        return words[a >> 6] & (1 << UInt64(a & 63)) != 0
    }

    /// The record of slot `id`, -1 if it has none.
    @inline(__always)
    func record(_ id: Int) -> Int32 {
        let (b, a) = id < accounts ? (0, id) : id.quotientAndRemainder(dividingBy: accounts)
        guard let r = records[b] else { return -1 }
        return r[a] &- 1
    }

    /// Sets the record of slot `id` (-1: none).
    @inline(__always)
    mutating func setRecord(_ id: Int, _ k: Int32) {
        let (b, a) = id < accounts ? (0, id) : id.quotientAndRemainder(dividingBy: accounts)
        if records[b] == nil {
            if k < 0 { return }
            makeBlock(b)
        }
        records[b]![a] = k &+ 1
        if k >= 0 {
            bits[b]![a >> 6] |= 1 << UInt64(a & 63)
        } else {
            bits[b]![a >> 6] &= ~(1 << UInt64(a & 63))
        }
    }

    @inline(never)
    private mutating func makeBlock(_ b: Int) {
        let words = (accounts + 63) / 64
        bits[b] = .allocate(capacity: words)
        bits[b]!.initialize(repeating: 0, count: words)
        records[b] = SlotRecords.zeroed(count: accounts)
    }

    private static func zeroed(count: Int) -> UnsafeMutablePointer<Int32> {
        #if os(Linux)
        let raw = mmap(nil, count * 4, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        guard let raw, raw != MAP_FAILED else { fatalError("out of memory for \(count) slot records") }
        return raw.bindMemory(to: Int32.self, capacity: count)
        #else
        guard let raw = calloc(count, 4) else { fatalError("out of memory for \(count) slot records") }
        return raw.bindMemory(to: Int32.self, capacity: count)
        #endif
    }

    private static func release(_ p: UnsafeMutablePointer<Int32>, count: Int) {
        #if os(Linux)
        _ = munmap(UnsafeMutableRawPointer(p), count * 4)
        #else
        free(p)
        #endif
    }
}
