import FraudGraph

/// One transfer as the balance replay saw it: the slots it moved money between, and
/// their balances just before (the receiver's after the sender's change, which matters
/// when they are the same slot). All the taint replay needs to know about balances.
struct LedgerStep {
    var sender: Int
    var receiver: Int
    var senderBefore: Int64
    var receiverBefore: Int64
}

/// The first half of a trace: every transfer moves its amount from the sender's slot
/// (never below zero) to the receiver's, in replay order, and says what it saw in
/// `LedgerStep`s. It knows nothing of taint, so it can run ahead of `TaintReplay` on
/// another core.
struct BalanceReplay: @unchecked Sendable {
    private(set) var slots: SlotCells
    private let order: UnsafeBufferPointer<Int32>
    private let source: UnsafeBufferPointer<Int32>
    private let target: UnsafeBufferPointer<Int32>
    private let amount: UnsafeBufferPointer<Int64>
    private let currency: UnsafeBufferPointer<UInt16>

    /// Column buffers must outlive the replay.
    init(slots: SlotCells, order: UnsafeBufferPointer<Int32>, source: UnsafeBufferPointer<Int32>,
         target: UnsafeBufferPointer<Int32>, amount: UnsafeBufferPointer<Int64>, currency: UnsafeBufferPointer<UInt16>) {
        self.slots = slots
        self.order = order
        self.source = source
        self.target = target
        self.amount = amount
        self.currency = currency
    }

    /// Replays ledger positions `range`, writing step `pos - range.lowerBound` of `steps`.
    mutating func run(_ range: Range<Int>, into steps: UnsafeMutablePointer<LedgerStep>) {
        // Batches: first touch the cells of a batch's accounts in a tight loop of
        // independent loads (the memory system fetches them side by side), then replay
        // the batch from cache.
        let batch = 64
        var warm: UInt64 = 0
        let base = slots.base
        var out = steps
        for start in stride(from: range.lowerBound, to: range.upperBound, by: batch) {
            let end = min(start + batch, range.upperBound)
            for pos in start ..< end {
                let t = Int(order[pos])
                warm &+= UInt64(base[Int(source[t])].currency) &+ UInt64(base[Int(target[t])].currency)
            }
            if warm == 0x5EED_5EED { base[0].spare &+= 1 }  // keeps the loads (never true in practice)
            for pos in start ..< end {
                let t = Int(order[pos])
                let a = amount[t]
                let code = currency[t]
                let (s, sc) = slots.slot(account: Int(source[t]), currency: code)
                let (d, dc) = slots.slot(account: Int(target[t]), currency: code)
                let before = sc.pointee.balance
                sc.pointee.balance = before > a ? before - a : 0
                let received = dc.pointee.balance
                dc.pointee.balance = received + a
                out.pointee = LedgerStep(sender: s, receiver: d, senderBefore: before, receiverBefore: received)
                out += 1
            }
        }
    }
}
