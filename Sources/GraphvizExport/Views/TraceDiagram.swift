import FraudGraph

/// A money-flow trace as the MoneyFlow module reports it (tracing.md), reduced to
/// what a picture needs: tainted amounts summed over seeds.
public struct MoneyTrace: Sendable {
    /// A transfer that carried tainted money.
    public struct Step: Sendable, Hashable {
        public var transfer: Int32
        /// Tainted money it carried (all seeds).
        public var tainted: Money
        /// The least hop count of its tainted pieces (0 for a seed transfer).
        public var hops: Int
        public init(transfer: Int32, tainted: Money, hops: Int) { self.transfer = transfer; self.tainted = tainted; self.hops = hops }
    }

    /// Tainted money still in an account at the end of the data, in one currency.
    public struct Holding: Sendable, Hashable {
        public var account: Int32
        public var amount: Money
        /// The currency (a code of the case's transfers), or nil for an amount that
        /// adds up the account's currencies (poison's whole balances).
        public var currency: UInt16?
        public init(account: Int32, amount: Money, currency: UInt16?) {
            self.account = account; self.amount = amount; self.currency = currency
        }
    }

    /// Tainted money that left through a cash-out transfer.
    public struct Exit: Sendable, Hashable {
        public var transfer: Int32
        public var amount: Money
        public init(transfer: Int32, amount: Money) { self.transfer = transfer; self.amount = amount }
    }

    /// The seed transfers (reports' transfers or ids given).
    public var seeds: [Int32]
    /// Every transfer that carried tainted money, the seeds included.
    public var steps: [Step]
    public var holdings: [Holding]
    public var exits: [Exit]
    /// The allocation policy (`fifo`, `lifo`, ...), for the notes.
    public var policy: String

    public init(seeds: [Int32], steps: [Step], holdings: [Holding], exits: [Exit], policy: String) {
        self.seeds = seeds; self.steps = steps; self.holdings = holdings; self.exits = exits; self.policy = policy
    }
}

/// `trace`: victims' money flowing left to right, from the victims' accounts through
/// the mule layers to where it is held or left as cash; edge width by the tainted
/// amount, amounts on the edges, holdings and cash-outs marked.
public struct TraceDiagram: Sendable {
    /// Most accounts drawn: past it, the smallest flows are left out (and counted).
    public var maxAccounts: Int
    /// Leaves of a hub beyond this many are drawn as one node.
    public var hubThreshold: Int
    /// Flows smaller than this share of the largest carry no label.
    public var labelShare: Double
    /// Holdings of at least this share of the reported money are marked as freeze
    /// candidates (smaller ones are only written in the account's label).
    public var holdingShare: Double

    /// More victims than this: victims who paid into one account are drawn as one node.
    public var maxVictims: Int

    public init(maxAccounts: Int = 200, hubThreshold: Int = 12, labelShare: Double = 0.05, holdingShare: Double = 0.005, maxVictims: Int = 30) {
        self.maxAccounts = maxAccounts; self.hubThreshold = hubThreshold; self.labelShare = labelShare; self.holdingShare = holdingShare
        self.maxVictims = maxVictims
    }

    /// - Complexity: O(steps log steps + reports).
    public func build(_ c: Case, trace: MoneyTrace) -> Diagram {
        let tt = c.transfers
        let seedSet = Set(trace.seeds)
        // Main currency: the one carrying most tainted steps.
        var currencyCount: [UInt16: Int] = [:]
        for s in trace.steps { currencyCount[tt.currency[Int(s.transfer)], default: 0] += 1 }

        // MARK: - Which flows to draw: the largest first, until the account budget
        var steps = trace.steps.filter { $0.tainted.units > 0 || seedSet.contains($0.transfer) }
        steps.sort { ($0.tainted, -$0.hops, -$0.transfer) > ($1.tainted, -$1.hops, -$1.transfer) }
        var accounts: [Int32] = []
        var accountSet = Set<Int32>()
        var kept: [MoneyTrace.Step] = []
        var leftOut = 0
        var leftOutMoney: [UInt16: Int64] = [:]
        for s in steps {
            let a = tt.source[Int(s.transfer)], b = tt.target[Int(s.transfer)]
            let new = (accountSet.contains(a) ? 0 : 1) + (accountSet.contains(b) ? 0 : 1)
            if accounts.count + new > maxAccounts && !seedSet.contains(s.transfer) {
                leftOut += 1
                leftOutMoney[tt.currency[Int(s.transfer)], default: 0] += s.tainted.units
                continue
            }
            for e in [a, b] where accountSet.insert(e).inserted { accounts.append(e) }
            kept.append(s)
        }
        // Draw in a stable order: by depth, then index.
        // Depth: 0 for victims, else one more than the least hops money arrived with.
        var depth: [Int32: Int] = [:]
        for s in kept where seedSet.contains(s.transfer) { depth[tt.source[Int(s.transfer)]] = 0 }
        for s in kept {
            let b = tt.target[Int(s.transfer)]
            depth[b] = min(depth[b] ?? Int.max, s.hops + 1)
        }
        for s in kept {
            let a = tt.source[Int(s.transfer)]
            depth[a] = min(depth[a] ?? Int.max, s.hops)
        }
        accounts.sort { (depth[$0] ?? 0, $0) < (depth[$1] ?? 0, $1) }

        // MARK: - Nodes: victims, mules, holdings, cash-outs
        let victims = Set(trace.seeds.map { tt.source[Int($0)] })
        var victimName: [Int32: String] = [:]
        let r = c.reports
        for i in 0 ..< r.count where r.victim[i] >= 0 {
            let account = tt.source[Int(r.transfer[i])]
            if victimName[account] == nil { victimName[account] = c.entities.displayName(r.victim[i]) }
        }
        // Held per account and currency (-1: the account's currencies together).
        var held: [Int32: [Int: Int64]] = [:]
        for h in trace.holdings { held[h.account, default: [:]][h.currency.map(Int.init) ?? -1, default: 0] += h.amount.units }
        var seedTotal: [Int: Int64] = [:]
        for s in trace.seeds { seedTotal[Int(tt.currency[Int(s)]), default: 0] += tt.amount[Int(s)] }
        var cashedOut: [Int32: [UInt16: Int64]] = [:]
        for x in trace.exits {
            cashedOut[tt.target[Int(x.transfer)], default: [:]][tt.currency[Int(x.transfer)], default: 0] += x.amount.units
        }
        let tracedTotal = trace.seeds.reduce(Int64(0)) { $0 + tt.amount[Int($1)] }
        let mainCurrency = currencyCount.max { ($0.value, -Int($0.key)) < ($1.value, -Int($1.key)) }?.key ?? 1
        let currencyName = tt.currencies[mainCurrency]

        var d = Diagram(title: "Where the victims' money went", direction: .leftToRight, engine: .dot)
        var nodeOf: [Int32: Int] = [:]
        for e in accounts {
            var marks: Set<Theme.Mark> = []
            var extra: [String] = []
            if victims.contains(e) {
                marks.insert(.victim)
                if let v = victimName[e] { extra.append("victim: " + v) }
            }
            for (cur, units) in (held[e] ?? [:]).sorted(by: { $0.key < $1.key }) where units > 0 {
                // A freeze candidate: a share of the money reported in its currency.
                let reported = seedTotal[cur] ?? tracedTotal
                if Double(units) >= holdingShare * Double(reported) { marks.insert(.holding) }
                extra.append("holds " + (cur >= 0 ? EntityText.amount(Money(units: units), tt.currencies[UInt16(cur)])
                                                  : Money(units: units).readable + " (whole balance, all currencies)"))
            }
            if let x = cashedOut[e] {
                marks.insert(.cashOut)
                for (cur, units) in x.sorted(by: { $0.key < $1.key }) {
                    extra.append("cash-out " + EntityText.amount(Money(units: units), tt.currencies[UInt16(cur)]))
                }
            }
            nodeOf[e] = d.add(Diagram.entityNode(c, e, marks: marks, extra: extra))
        }

        // MARK: - Edges: tainted money per pair and currency
        struct Key: Hashable { let a: Int32, b: Int32, cur: UInt16 }
        var merged: [Key: (tainted: Int64, count: Int, hops: Int, first: Int64, last: Int64, total: Int64)] = [:]
        var order: [Key] = []
        for s in kept.sorted(by: { $0.transfer < $1.transfer }) {
            let i = Int(s.transfer)
            let key = Key(a: tt.source[i], b: tt.target[i], cur: tt.currency[i])
            if let m = merged[key] {
                merged[key] = (m.tainted + s.tainted.units, m.count + 1, min(m.hops, s.hops), min(m.first, tt.time[i]), max(m.last, tt.time[i]), m.total + tt.amount[i])
            } else {
                merged[key] = (s.tainted.units, 1, s.hops, tt.time[i], tt.time[i], tt.amount[i])
                order.append(key)
            }
        }
        // Labels on the flows that matter: the rest keep their amounts in tooltips.
        let largest = merged.values.map(\.tainted).max() ?? 0
        var withinLayer = 0
        for key in order {
            let m = merged[key]!
            var edge = Diagram.Edge(from: nodeOf[key.a]!, to: nodeOf[key.b]!, look: .transfer,
                                    amount: Money(units: m.tainted), currency: tt.currencies[key.cur], count: m.count)
            // Dates and the full amount sent go to the tooltip.
            var tip = [CaseSubgraph.dateSpan(m.first, m.last)]
            if m.total != m.tainted { tip.append("traced part of " + EntityText.amount(Money(units: m.total), tt.currencies[key.cur]) + " sent") }
            edge.detail = tip.joined(separator: "\n")
            // Money shuffled within one layer is drawn, unlabelled: the labels go to
            // the flows that carry it from layer to layer.
            let sameLayer = (depth[key.a] ?? 0) == (depth[key.b] ?? 0)
            if sameLayer { withinLayer += 1 }
            edge.labelled = !sameLayer && Double(m.tainted) >= labelShare * Double(largest)
            d.add(edge)
        }
        // One column per layer: victims, then each hop, left to right. (Backward
        // edges are left to dot to turn round: `constraint=false` edges make Graphviz
        // 2.42's router fail and then free twice.)
        var columns: [Int: [Int]] = [:]
        for e in accounts { columns[depth[e] ?? 0, default: []].append(nodeOf[e]!) }
        d.ranks = columns.keys.sorted().map { columns[$0]! }
        var note = "columns, left to right: the victims, then each layer of accounts the money reached"
        if withinLayer > 0 { note += "; \(withinLayer) flows within a layer are drawn without amounts" }
        let small = d.edges.filter { !$0.labelled }.count - withinLayer
        if small > 0 { note += "; \(small) small flows (under \(Int(labelShare * 100))% of the largest) too" }
        d.notes.append(note)

        // MARK: - Notes: totals that add up
        // Each currency on its own: sums across currencies mean nothing.
        var heldTotal: [Int: Int64] = [:]
        for h in trace.holdings { heldTotal[h.currency.map(Int.init) ?? -1, default: 0] += h.amount.units }
        var exitTotal: [Int: Int64] = [:]
        for x in trace.exits { exitTotal[Int(tt.currency[Int(x.transfer)]), default: 0] += x.amount.units }
        func amounts(_ sums: [Int: Int64]) -> String {
            guard !sums.isEmpty else { return EntityText.amount(Money(units: 0), currencyName) }
            return sums.sorted { $0.key < $1.key }.map {
                $0.key >= 0 ? EntityText.amount(Money(units: $0.value), tt.currencies[UInt16($0.key)])
                            : Money(units: $0.value).readable + " (whole balances, all currencies)"
            }.joined(separator: ", ")
        }
        d.notes.append("\(EntityText.count(trace.seeds.count, "reported transfer")): " +
                       amounts(seedTotal) +
                       " · still held " + amounts(heldTotal) + " · left as cash " + amounts(exitTotal))
        d.notes.append("traced with the \(trace.policy) rule; amounts on arrows are the traced money each transfer carried")
        if leftOut > 0 {
            d.notes.append("\(leftOut) smaller flows (" + leftOutMoney.sorted { $0.key < $1.key }
                .map { EntityText.amount(Money(units: $0.value), tt.currencies[$0.key]) }.joined(separator: ", ") +
                ") are not drawn: at most \(maxAccounts) accounts")
        }
        HubCollapse(threshold: hubThreshold).apply(to: &d)
        // Many victims: those who paid into the same account are drawn as one.
        if victims.count > maxVictims { HubCollapse(threshold: 1, marks: [.victim]).apply(to: &d) }
        d.edgeLabels = d.edges.count <= 300
        return d
    }
}
