import FraudGraph

/// Finds laundering typologies in a case's transfers: fan-in, fan-out,
/// scatter-gather, gather-scatter, cycles, bipartite layers, stacks, layering chains,
/// cash-outs of laundered money, and pass-through mule accounts.
///
/// How (all in replay order, time windows in seconds):
/// 1. `RelayAnalysis`: which transfers pass on money the sender received within
///    `window` (most recent first, same currency) and mostly forwarded.
/// 2. Relays are joined into episodes: a relay joins the relays that brought it the
///    money it passes on, and the other relays that passed on the same received
///    payment (a fan-out's branches), when that money is at least a tenth of it; and
///    relays that reach the same account within `gatherWindow` of each other (a
///    fan-in's branches).
///    Transfers into hubs (exchanges, shops, cash desks: accounts paid by at least
///    `hubSenders` distinct accounts, or by `hubRelaySenders` distinct accounts
///    passing money on, or that never send anything and are paid by at least three
///    accounts passing money on) and cash withdrawals are kept out of the shapes,
///    and a hub's own payments join no episodes. Episodes of more than
///    `maximumEpisode` relays are networks, not one typology.
/// 3. Each episode's shape names its typology: who only sends (entries), who only
///    receives (exits), who does both (intermediaries), the longest path, a cycle.
///    Cash withdrawals of relayed money are findings of their own, per account. Fans
///    wider than `maximumFan` accounts look like payroll runs and are left out.
/// 4. Accounts that forward at least `passThroughShare` of what they receive, within
///    the window, in at least `passThroughRelays` relays, are pass-through findings.
public struct PatternFinder: Sendable {
    /// How long money may sit in an account and still count as passed on.
    public var window: Int64 = 4 * 86_400
    /// A received payment is passed on when at least this share of it leaves within the window.
    public var passedOnShare = 0.8
    /// A payment is a relay when at least this share of it is passed-on money.
    public var relayShare = 0.8
    /// Relays into one account this close in time belong to one episode (a gathering).
    public var gatherWindow: Int64 = 12 * 3600
    /// Relays below this amount (units) are ignored.
    public var minimumAmount: Int64 = 50 * 10_000
    /// Accounts paid by at least this many distinct accounts are hubs (shops, exchanges).
    public var hubSenders = 200
    /// Accounts paid by at least this many distinct accounts passing money on are hubs
    /// too (an exchange's deposit account, a cash desk: where many rings' money ends).
    public var hubRelaySenders = 25
    /// Fans (one to many, many to one) wider than this are payroll-like, not typologies.
    public var maximumFan = 12
    /// Episodes of more relays than this are networks, not one typology: only their
    /// cash withdrawals are reported.
    public var maximumEpisode = 200
    /// Pass-through accounts: share of received money forwarded within the window.
    public var passThroughShare = 0.7
    /// Pass-through accounts: least number of relays.
    public var passThroughRelays = 2

    /// A finder with the default thresholds.
    public init() {}

    /// Every pattern in `c`'s transfers, replayed in `ledger` order.
    /// - Complexity: O(transfers · α) plus the matching of received to sent money.
    public func run(on c: Case, ledger: Ledger) -> [PatternFinding] {
        let t = c.transfers
        let m = t.count
        let accountTransfers = AccountTransfers(c, ledger: ledger)
        var position = ContiguousArray<Int32>(repeating: 0, count: m)
        for (p, r) in ledger.order.enumerated() { position[Int(r)] = Int32(p) }
        let relays = RelayAnalysis(c, accountTransfers: accountTransfers, position: position, window: window,
                                   passedOnShare: passedOnShare, relayShare: relayShare, minimumAmount: minimumAmount)
        // MARK: Hubs: distinct senders, and distinct senders passing money on
        var isHub = ContiguousArray<Bool>(repeating: false, count: c.entities.count)
        var stamp = ContiguousArray<Int32>(repeating: -1, count: c.entities.count)
        var relayStamp = ContiguousArray<Int32>(repeating: -1, count: c.entities.count)
        for a in 0 ..< c.entities.count {
            let range = accountTransfers.receivedRange(Int32(a))
            if range.count < 3 { continue }
            var senders = 0, relaySenders = 0
            for i in range {
                let r = Int(accountTransfers.incoming[i])
                let s = Int(t.source[r])
                if stamp[s] != Int32(a) { stamp[s] = Int32(a); senders += 1 }
                if relays.isRelay[r] && relayStamp[s] != Int32(a) { relayStamp[s] = Int32(a); relaySenders += 1 }
            }
            // An account that only receives, from several accounts passing money on, is
            // where money leaves the traced system (an exchange's deposit account).
            let sink = accountTransfers.sentRange(Int32(a)).isEmpty && relaySenders >= 3
            isHub[a] = senders >= hubSenders || relaySenders >= hubRelaySenders || sink
        }

        // MARK: Episodes
        var parent = ContiguousArray<Int32>(repeating: -1, count: m)   // -1: not in any episode
        func find(_ x: Int32) -> Int32 {
            var x = x
            while parent[Int(x)] != x {
                parent[Int(x)] = parent[Int(parent[Int(x)])]
                x = parent[Int(x)]
            }
            return x
        }
        func union(_ a: Int32, _ b: Int32) {
            let ra = find(a), rb = find(b)
            if ra == rb { return }
            if ra < rb { parent[Int(rb)] = ra } else { parent[Int(ra)] = rb }
        }
        func shaped(_ r: Int) -> Bool { relays.isRelay[r] && !isHub[Int(t.target[r])] && !t.isCashOut(Int32(r)) }
        for r in 0 ..< m where relays.isRelay[r] || relays.isLaunderedCash[r] { parent[r] = Int32(r) }
        var anchor = ContiguousArray<Int32>(repeating: -1, count: m)  // first relay that passed on a received payment
        for k in 0 ..< relays.pairSent.count {
            let o = relays.pairSent[k], i = relays.pairReceived[k]
            guard parent[Int(o)] >= 0, PatternFinder.isATenthOrMore(relays.pairAmount[k], of: t.amount[Int(o)]), !isHub[Int(t.source[Int(o)])] else { continue }
            if parent[Int(i)] >= 0 { union(o, i) }
            if anchor[Int(i)] < 0 { anchor[Int(i)] = o } else { union(o, anchor[Int(i)]) }
        }
        // Money that arrives together and stays: a gathering with nothing after it.
        for a in 0 ..< c.entities.count where !isHub[a] {
            var previous: Int32 = -1
            for i in accountTransfers.receivedRange(Int32(a)) {
                let r = accountTransfers.incoming[i]
                guard parent[Int(r)] >= 0 && !t.isCashOut(r)
                    && Double(relays.forwarded[Int(r)]) < passedOnShare * Double(t.amount[Int(r)]) else { continue }
                if previous >= 0 && t.time[Int(r)] - t.time[Int(previous)] <= gatherWindow { union(r, previous) }
                previous = r
            }
        }
        // Episodes: member rows sorted by root, then replay position.
        var keyed = ContiguousArray<UInt64>()
        for r in 0 ..< m where parent[r] >= 0 && (shaped(r) || relays.isLaunderedCash[r]) {
            keyed.append(UInt64(UInt32(find(Int32(r)))) << 32 | UInt64(UInt32(position[r])))
        }
        keyed.sort()

        // MARK: Shapes
        var findings: [PatternFinding] = []
        var start = 0
        while start < keyed.count {
            let root = keyed[start] >> 32
            var end = start
            while end < keyed.count && keyed[end] >> 32 == root { end += 1 }
            var shape: [Int32] = [], cash: [Int32] = []
            for k in start ..< end {
                let r = ledger.order[Int(keyed[k] & 0xFFFF_FFFF)]
                if t.isCashOut(r) { cash.append(r) } else { shape.append(r) }
            }
            start = end
            if let (typology, accounts) = classify(shape, c, relays: relays) {
                findings.append(finding(typology, accounts, shape, c, relays))
            }
            // Cash withdrawals, per account.
            var byAccount: [Int32: [Int32]] = [:]
            for r in cash { byAccount[t.source[Int(r)], default: []].append(r) }
            for a in byAccount.keys.sorted() {
                findings.append(finding(.cashOut, [a], byAccount[a]!, c, relays))
            }
        }

        // MARK: Pass-through accounts
        for a in 0 ..< c.entities.count where !isHub[a] {
            let outs = accountTransfers.sentRange(Int32(a))
            var relayed: [Int32] = []
            for o in outs {
                let r = Int(accountTransfers.outgoing[o])
                if shaped(r) || relays.isLaunderedCash[r] { relayed.append(Int32(r)) }
            }
            guard relayed.count >= passThroughRelays else { continue }
            var received: Int64 = 0, forwarded: Int64 = 0
            for i in accountTransfers.receivedRange(Int32(a)) {
                let r = Int(accountTransfers.incoming[i])
                received += t.amount[r]
                forwarded += relays.forwarded[r]
            }
            guard received > 0, Double(forwarded) >= passThroughShare * Double(received) else { continue }
            findings.append(finding(.passThrough, [Int32(a)], relayed, c, relays, share: Double(forwarded) / Double(received)))
        }
        findings.sort {
            ($1.score, $0.first, $0.typology.rawValue, $0.transfers.first ?? 0, $0.accounts.first ?? 0)
                < ($0.score, $1.first, $1.typology.rawValue, $1.transfers.first ?? 0, $1.accounts.first ?? 0)
        }
        return findings
    }

    // MARK: - Shapes

    /// The typology of an episode's relays (replay order) and its accounts, entries
    /// first; nil for a lone relay or nothing.
    func classify(_ rows: [Int32], _ c: Case, relays: RelayAnalysis) -> (Typology, [Int32])? {
        guard rows.count >= 2 && rows.count <= maximumEpisode else { return nil }
        let t = c.transfers
        // Accounts on local indices; distinct counterparts each way.
        var local: [Int32: Int] = [:]
        var accountOf: [Int32] = []
        func index(_ a: Int32) -> Int {
            if let k = local[a] { return k }
            local[a] = accountOf.count
            accountOf.append(a)
            return accountOf.count - 1
        }
        var out: [[Int]] = [], into: [[Int]] = []
        for r in rows {
            let s = index(t.source[Int(r)]), d = index(t.target[Int(r)])
            while out.count < accountOf.count { out.append([]); into.append([]) }
            if !out[s].contains(d) { out[s].append(d) }
            if !into[d].contains(s) { into[d].append(s) }
        }
        let n = accountOf.count
        let entries = (0 ..< n).filter { into[$0].isEmpty }
        let exits = (0 ..< n).filter { out[$0].isEmpty }
        let middles = (0 ..< n).filter { !into[$0].isEmpty && !out[$0].isEmpty }
        let ordered = [entries, middles, exits].flatMap { group in group.map { accountOf[$0] }.sorted() }
        if comesBack(rows, c, relays: relays) { return (.cycle, ordered) }
        if entries.count > maximumFan || exits.count > maximumFan || middles.count > maximumFan { return nil }
        // Longest path in transfers, over a topological order (Kahn); an account graph
        // that loops without money coming back is layering, not one of the shapes.
        var indegree = into.map(\.count)
        var queue = entries
        var depth = [Int](repeating: 0, count: n)
        var head = 0
        while head < queue.count {
            let a = queue[head]
            head += 1
            for b in out[a] {
                depth[b] = max(depth[b], depth[a] + 1)
                indegree[b] -= 1
                if indegree[b] == 0 { queue.append(b) }
            }
        }
        if queue.count < n { return (.layeringChain, ordered) }
        let length = depth.max() ?? 0
        let simple = (0 ..< n).allSatisfy { out[$0].count <= 1 && into[$0].count <= 1 }
        switch length {
        case 1:
            if entries.count == 1 && exits.count >= 2 { return (.fanOut, ordered) }
            if entries.count >= 2 && exits.count == 1 { return (.fanIn, ordered) }
            if entries.count >= 2 && exits.count >= 2 { return (.bipartite, ordered) }
            return nil
        case 2:
            if middles.count == 1 {
                if entries.count >= 2 && exits.count >= 2 { return (.gatherScatter, ordered) }
                if entries.count >= 2 { return (.fanIn, ordered) }
                if exits.count >= 2 { return (.fanOut, ordered) }
                return (.layeringChain, ordered)
            }
            // Where the intermediaries' money meets: one point is a scatter-gather, two
            // or more a stack (each of the second layer paid by several of the first).
            let isMiddle = Set(middles)
            let meeting = (0 ..< n).filter { a in into[a].filter { isMiddle.contains($0) }.count >= 2 }.count
            if entries.count == 1 && meeting == 1 { return (.scatterGather, ordered) }
            if meeting >= 2 { return (.stack, ordered) }
            if simple || meeting == 0 { return (.layeringChain, ordered) }
            return (.stack, ordered)
        default:
            return (.layeringChain, ordered)
        }
    }

    /// Whether money of the episode comes back to an account it left: a chain of
    /// relays, each passing on (at least a tenth of) the one before, from an account
    /// back into it, at most six long.
    private func comesBack(_ rows: [Int32], _ c: Case, relays: RelayAnalysis) -> Bool {
        let t = c.transfers
        var local: [Int32: Int] = [:]
        for (k, r) in rows.enumerated() { local[r] = k }
        // feeders[k]: the episode's relays whose money relay k passed on.
        var feeders = [[Int]](repeating: [], count: rows.count)
        for (k, o) in rows.enumerated() {
            for p in relays.pairs(of: o) where PatternFinder.isATenthOrMore(relays.pairAmount[p], of: t.amount[Int(o)]) {
                if let i = local[relays.pairReceived[p]], !feeders[k].contains(i) { feeders[k].append(i) }
            }
        }
        var stamp = [Int](repeating: -1, count: rows.count)
        var frontier: [Int] = [], next: [Int] = []
        for k in 0 ..< rows.count {
            let home = t.target[Int(rows[k])]
            stamp[k] = k
            frontier = [k]
            for _ in 0 ..< 6 where !frontier.isEmpty {
                next.removeAll(keepingCapacity: true)
                for x in frontier {
                    for y in feeders[x] where stamp[y] != k {
                        if t.source[Int(rows[y])] == home { return true }
                        stamp[y] = k
                        next.append(y)
                    }
                }
                swap(&frontier, &next)
            }
        }
        return false
    }

    private func finding(_ typology: Typology, _ accounts: [Int32], _ rows: [Int32], _ c: Case, _ relays: RelayAnalysis,
                         share: Double? = nil) -> PatternFinding {
        let t = c.transfers
        var amount: Int64 = 0, covered: Int64 = 0
        var delay = 0.0
        for r in rows {
            amount += t.amount[Int(r)]
            covered += min(relays.relayCover[Int(r)], t.amount[Int(r)])
            delay += Double(relays.delay[Int(r)]) * Double(min(relays.relayCover[Int(r)], t.amount[Int(r)]))
        }
        let coverage = share ?? (amount > 0 ? Double(covered) / Double(amount) : 0)
        let averageDelay = covered > 0 ? delay / Double(covered) : Double(window)
        let speed = max(0, 1 - averageDelay / Double(window))
        let times = rows.map { t.time[Int($0)] }
        return PatternFinding(typology: typology, accounts: accounts, transfers: rows, amount: amount,
                              score: (min(1, coverage) * speed * 1000).rounded() / 1000,
                              first: times.min() ?? 0, last: times.max() ?? 0)
    }

    /// Whether `part` is at least a tenth of `whole` (both positive), without
    /// multiplying (`part · 10` could overflow).
    @inline(__always)
    static func isATenthOrMore(_ part: Int64, of whole: Int64) -> Bool {
        part >= whole / 10 + (whole % 10 == 0 ? 0 : 1)
    }
}
