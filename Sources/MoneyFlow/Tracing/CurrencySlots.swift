import FraudGraph

/// Where each transfer takes money from and puts it: a "slot" is one account in one
/// currency (each account keeps one sequence of lots per currency).
///
/// When the case moves a single currency, the slot of an account is the account
/// itself and nothing is stored. Otherwise an account's slot in the first currency it
/// used (in file order) is the account itself; its second currency gets a slot after
/// the last account, and so on.
///
/// Memory: nothing for a one-currency case; else 8 bytes a transfer and 6 an account.
struct CurrencySlots: Sendable {
    /// Number of slots.
    let count: Int
    /// The account of each slot.
    let account: ContiguousArray<Int32>
    /// Slot of each transfer's sender and receiver, by transfer row; empty when the
    /// case has a single currency (slot = account).
    let sourceSlot: ContiguousArray<Int32>
    let targetSlot: ContiguousArray<Int32>

    var isIdentity: Bool { sourceSlot.isEmpty }

    /// - Complexity: O(transfers), one sequential pass; a hash lookup only for an
    ///   account's third or later currency.
    init(_ c: Case) {
        let n = c.entities.count
        let t = c.transfers
        let m = t.count
        var single = true
        if let seen = t.currency.first {
            t.currency.withUnsafeBufferPointer { cur in
                for code in cur where code != seen { single = false; break }
            }
        }
        if single {
            count = n
            account = ContiguousArray((0 ..< n).lazy.map { Int32($0) })
            sourceSlot = []
            targetSlot = []
            return
        }
        var accounts = ContiguousArray((0 ..< n).lazy.map { Int32($0) })
        var first = ContiguousArray<UInt16>(repeating: 0, count: n)
        var second = ContiguousArray<UInt16>(repeating: 0, count: n)
        var secondSlot = ContiguousArray<Int32>(repeating: -1, count: n)
        var further: [UInt64: Int32] = [:]
        var sourceSlots = ContiguousArray<Int32>(repeating: 0, count: m)
        var targetSlots = ContiguousArray<Int32>(repeating: 0, count: m)
        t.currency.withUnsafeBufferPointer { cur in
        t.source.withUnsafeBufferPointer { src in
        t.target.withUnsafeBufferPointer { dst in
        first.withUnsafeMutableBufferPointer { first in
        second.withUnsafeMutableBufferPointer { second in
        secondSlot.withUnsafeMutableBufferPointer { secondSlot in
        sourceSlots.withUnsafeMutableBufferPointer { sourceSlots in
        targetSlots.withUnsafeMutableBufferPointer { targetSlots in
            @inline(__always) func slot(_ a: Int32, _ code: UInt16) -> Int32 {
                let i = Int(a)
                let f = first[i]
                if f == code { return a }
                if f == 0 { first[i] = code; return a }
                let s = second[i]
                if s == code { return secondSlot[i] }
                if s == 0 {
                    second[i] = code
                    let k = Int32(accounts.count)
                    accounts.append(a)
                    secondSlot[i] = k
                    return k
                }
                let key = UInt64(UInt32(bitPattern: a)) << 16 | UInt64(code)
                if let k = further[key] { return k }
                let k = Int32(accounts.count)
                accounts.append(a)
                further[key] = k
                return k
            }
            for r in 0 ..< m {
                let code = cur[r]
                sourceSlots[r] = slot(src[r], code)
                targetSlots[r] = slot(dst[r], code)
            }
        }}}}}}}}
        count = accounts.count
        account = accounts
        sourceSlot = sourceSlots
        targetSlot = targetSlots
    }
}
