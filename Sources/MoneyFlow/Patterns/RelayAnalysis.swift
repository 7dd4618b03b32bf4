import FraudGraph

/// Which transfers pass money on: per account, money sent is matched to the money
/// received within a time window before it, in the same currency, most recent first
/// (a mule forwards what just came in; older money that sat is matched last).
///
/// - A received transfer is *passed on* when at least `passedOnShare` of it leaves
///   the account within the window.
/// - A sent transfer is a *relay* when at least `relayShare` of it is covered by
///   passed-on money received within the window before it.
///
/// A cash withdrawal is *laundered cash* when at least `relayShare` of it is covered
/// by relays received within the window (the end of a chain: what arrives need not
/// all leave, the rest may sit).
///
/// Salaries spent slowly, or a shop's takings, are not passed on; a mule's
/// incoming victim money, forwarded within hours, is, and so the mule's payments are
/// relays. Relays are the material of every typology.
struct RelayAnalysis {
    /// Per transfer row: whether it is a relay, and how much of it was covered.
    var isRelay: ContiguousArray<Bool>
    var relayCover: ContiguousArray<Int64>
    /// Per transfer row: whether it is a cash withdrawal of relayed money.
    var isLaunderedCash: ContiguousArray<Bool>
    /// Per transfer row: how much of a received transfer left within the window.
    var forwarded: ContiguousArray<Int64>
    /// Per relay: money-weighted average delay between arrival and departure, seconds.
    var delay: ContiguousArray<Float>
    /// Matches of sent money to received money: (sent, received, amount). The
    /// matches of one sent transfer are adjacent, from `firstPair[sent]` on.
    var firstPair: ContiguousArray<Int32>
    var pairSent: ContiguousArray<Int32> = []
    var pairReceived: ContiguousArray<Int32> = []
    var pairAmount: ContiguousArray<Int64> = []

    /// The matches of `sent`, as positions in the pair arrays.
    func pairs(of sent: Int32) -> Range<Int> {
        let first = Int(firstPair[Int(sent)])
        guard first >= 0 else { return 0 ..< 0 }
        var end = first
        while end < pairSent.count && pairSent[end] == sent { end += 1 }
        return first ..< end
    }

    /// - Complexity: O(transfers + matches).
    init(_ c: Case, accountTransfers at: AccountTransfers, position: ContiguousArray<Int32>,
         window: Int64, passedOnShare: Double, relayShare: Double, minimumAmount: Int64) {
        let t = c.transfers
        let m = t.count
        forwarded = ContiguousArray(repeating: 0, count: m)
        isRelay = ContiguousArray(repeating: false, count: m)
        isLaunderedCash = ContiguousArray(repeating: false, count: m)
        relayCover = ContiguousArray(repeating: 0, count: m)
        delay = ContiguousArray(repeating: 0, count: m)
        firstPair = ContiguousArray(repeating: -1, count: m)
        pairSent.reserveCapacity(m)
        pairReceived.reserveCapacity(m)
        pairAmount.reserveCapacity(m)

        // MARK: Most recent first, within the window
        struct Received { var row: Int32; var left: Int64; var time: Int64; var currency: UInt16 }
        var queue = ContiguousArray<Received>()
        for a in 0 ..< c.entities.count {
            let ins = at.receivedRange(Int32(a)), outs = at.sentRange(Int32(a))
            if ins.isEmpty || outs.isEmpty { continue }
            queue.removeAll(keepingCapacity: true)
            var head = 0
            var i = ins.lowerBound
            for o in outs {
                let out = Int(at.outgoing[o])
                let p = position[out]
                while i < ins.upperBound && position[Int(at.incoming[i])] < p {
                    let r = Int(at.incoming[i])
                    queue.append(Received(row: Int32(r), left: t.amount[r], time: t.time[r], currency: t.currency[r]))
                    i += 1
                }
                let now = t.time[out]
                while head < queue.count && (queue[head].time < now - window || queue[head].left == 0) { head += 1 }
                if head > 1024 && head * 2 > queue.count {
                    queue.removeFirst(head)
                    head = 0
                }
                var need = t.amount[out]
                let currency = t.currency[out]
                firstPair[out] = Int32(pairSent.count)
                var k = queue.count - 1
                while need > 0 && k >= head {
                    if queue[k].currency == currency && queue[k].left > 0 {
                        let take = min(need, queue[k].left)
                        queue[k].left -= take
                        need -= take
                        forwarded[Int(queue[k].row)] += take
                        pairSent.append(Int32(out))
                        pairReceived.append(queue[k].row)
                        pairAmount.append(take)
                    }
                    k -= 1
                }
                while queue.count > head && queue[queue.count - 1].left == 0 { queue.removeLast() }
            }
        }

        // MARK: Relays: covered by money that was passed on
        for k in 0 ..< pairSent.count {
            let r = Int(pairReceived[k])
            if Double(forwarded[r]) >= passedOnShare * Double(t.amount[r]) {
                let o = Int(pairSent[k])
                relayCover[o] += pairAmount[k]
                delay[o] += Float(Double(pairAmount[k]) * Double(t.time[o] - t.time[r]))
            }
        }
        for o in 0 ..< m where relayCover[o] > 0 {
            delay[o] = delay[o] / Float(relayCover[o])
            isRelay[o] = t.amount[o] >= minimumAmount && Double(relayCover[o]) >= relayShare * Double(t.amount[o])
        }
        // MARK: Cash withdrawals fed by relays
        var fed = ContiguousArray<Int64>(repeating: 0, count: 0)
        var fedRow = ContiguousArray<Int32>()
        for k in 0 ..< pairSent.count {
            let o = Int(pairSent[k])
            guard t.isCashOut(Int32(o)), isRelay[Int(pairReceived[k])] else { continue }
            fedRow.append(Int32(o))
            fed.append(pairAmount[k])
        }
        var k = 0
        while k < fedRow.count {
            let o = fedRow[k]
            var covered: Int64 = 0
            while k < fedRow.count && fedRow[k] == o { covered += fed[k]; k += 1 }
            if t.amount[Int(o)] >= minimumAmount && Double(covered) >= relayShare * Double(t.amount[Int(o)]) {
                isLaunderedCash[Int(o)] = true
            }
        }
        for o in 0 ..< m where isRelay[o] && t.isCashOut(Int32(o)) { isLaunderedCash[o] = true }
    }
}
