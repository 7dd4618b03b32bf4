import FraudGraph

/// Where each transfer takes money from and puts it: a "slot" is one account in one
/// currency (each account keeps one sequence of lots per currency).
///
/// When the case moves a single currency, the slot of an account is the account
/// itself and nothing is stored. Otherwise an account's slot in the first currency it
/// used (in file order) is the account itself, and every further (account, currency)
/// pair gets a slot after the last account.
///
/// Memory: nothing for a one-currency case; else 8 bytes a transfer.
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

    /// - Complexity: O(transfers), with a hash lookup only for the sides of transfers
    ///   in an account's second or later currency.
    init(_ c: Case) {
        let n = c.entities.count
        let t = c.transfers
        var first = ContiguousArray<UInt16>(repeating: 0, count: n)
        var single = true
        var seen: UInt16 = 0
        for code in t.currency {
            if seen == 0 { seen = code } else if code != seen { single = false; break }
        }
        if single {
            count = n
            account = ContiguousArray((0 ..< n).lazy.map { Int32($0) })
            sourceSlot = []
            targetSlot = []
            return
        }
        var accounts = ContiguousArray((0 ..< n).lazy.map { Int32($0) })
        var extra: [UInt64: Int32] = [:]
        var sourceSlots = ContiguousArray<Int32>(repeating: 0, count: t.count)
        var targetSlots = ContiguousArray<Int32>(repeating: 0, count: t.count)
        func slot(_ a: Int32, _ code: UInt16) -> Int32 {
            let f = first[Int(a)]
            if f == code { return a }
            if f == 0 { first[Int(a)] = code; return a }
            let key = UInt64(UInt32(bitPattern: a)) << 16 | UInt64(code)
            if let s = extra[key] { return s }
            let s = Int32(accounts.count)
            accounts.append(a)
            extra[key] = s
            return s
        }
        for r in 0 ..< t.count {
            let code = t.currency[r]
            sourceSlots[r] = slot(t.source[r], code)
            targetSlots[r] = slot(t.target[r], code)
        }
        count = accounts.count
        account = accounts
        sourceSlot = sourceSlots
        targetSlot = targetSlots
    }
}
