import FraudGraph

/// `overview`: the whole case at a glance. A small case is drawn entity by entity,
/// coloured by group; a big one as its groups, each one node sized by members and
/// money, with the ties and money between groups as weighted edges.
public struct OverviewDiagram: Sendable {
    /// Up to this many entities, every entity is drawn.
    public var detailLimit: Int
    /// Most groups drawn as nodes; smaller groups are merged into one node.
    public var maxGroups: Int
    /// Groups smaller than this are merged into one node.
    public var minGroupSize: Int
    /// Most edges between groups drawn (the strongest).
    public var maxTies: Int

    public init(detailLimit: Int = 150, maxGroups: Int = 40, minGroupSize: Int = 5, maxTies: Int = 150) {
        self.detailLimit = detailLimit; self.maxGroups = maxGroups; self.minGroupSize = minGroupSize; self.maxTies = maxTies
    }

    /// The overview of `c` with its entities grouped by `grouping`.
    /// - Complexity: O(entities + links + transfers).
    public func build(_ c: Case, grouping: Grouping) -> Diagram {
        precondition(grouping.membership.count == c.entities.count, "one group number per entity")
        return c.entities.count <= detailLimit ? detailed(c, grouping) : aggregated(c, grouping)
    }

    private func title(_ c: Case) -> String {
        "Case overview: \(EntityText.count(c.entities.count, "entity", "entities")), \(EntityText.count(c.transfers.count, "transfer"))"
    }

    // MARK: - Every entity

    private func detailed(_ c: Case, _ grouping: Grouping) -> Diagram {
        let all = (0 ..< Int32(c.entities.count)).map { $0 }
        let sub = CaseSubgraph(c, entities: all)
        var d = Diagram(title: title(c), direction: .free, engine: .neato)
        // Colour groups of two or more, numbered by the grouping.
        var sizes: [Int32: Int] = [:]
        for g in grouping.membership where g >= 0 { sizes[g, default: 0] += 1 }
        let colored = sizes.filter { $0.value >= minGroupSize }.keys.sorted()
        let coloredSet = Set(colored)
        var nodeOf: [Int] = []
        for e in all {
            var node = Diagram.entityNode(c, e)
            let g = grouping.membership[Int(e)]
            if g >= 0, coloredSet.contains(g) {
                node.fill = DiagramPalette.color(of: g, theme: .standard)
                node.tooltip = (node.tooltip ?? "") + "\n\(grouping.word) \(g)"
            } else if !colored.isEmpty {
                node.fill = DOTColor(0xFFFFFF)
            }
            nodeOf.append(d.add(node))
        }
        CaseSubgraph.addEdges(c, ties: sub.ties(c), flows: sub.flows(c), nodeOf: nodeOf, to: &d)
        for g in colored.prefix(12) {
            d.extraLegend.append(.init(swatch: DiagramPalette.color(of: g, theme: .standard), text: "\(grouping.word) \(g) (\(sizes[g]!) members)"))
        }
        if colored.count > 12 { d.notes.append("\(colored.count) \(grouping.word)s: colours repeat after 12") }
        d.notes.append("fill colour: the \(grouping.word); " + grouping.source + (colored.isEmpty ? "" : "; white: in no \(grouping.word) of \(minGroupSize) or more"))
        HubCollapse(threshold: 20).apply(to: &d)
        d.edgeLabels = d.edges.count <= 80
        return d
    }

    // MARK: - Groups as nodes

    private func aggregated(_ c: Case, _ grouping: Grouping) -> Diagram {
        let n = c.entities.count
        let membership = grouping.membership
        // Sizes and kinds per group.
        var maxID: Int32 = -1
        for g in membership where g > maxID { maxID = g }
        var size = [Int](repeating: 0, count: Int(maxID) + 1)
        for g in membership where g >= 0 { size[Int(g)] += 1 }
        // Victims' money each group's accounts received (reported transfers).
        let t = c.transfers
        var perCurrency = [Int](repeating: 0, count: t.currencies.count)
        for cur in t.currency { perCurrency[Int(cur)] += 1 }
        let mainCurrency = UInt16(perCurrency.indices.max { (perCurrency[$0], -$0) < (perCurrency[$1], -$1) } ?? 1)
        let currencyName = t.currencies[mainCurrency]
        var victimMoney = [Int64](repeating: 0, count: size.count)
        for r in 0 ..< c.reports.count {
            let tr = Int(c.reports.transfer[r])
            let g = membership[Int(t.target[tr])]
            if g >= 0 && t.currency[tr] == mainCurrency { victimMoney[Int(g)] &+= t.amount[tr] }
        }
        let ranked: [Int]
        if let order = grouping.order {
            var seen = Set<Int>()
            ranked = order.map(Int.init).filter { $0 >= 0 && $0 < size.count && size[$0] >= minGroupSize && seen.insert($0).inserted }
        } else {
            ranked = (0 ..< size.count).filter { size[$0] >= minGroupSize || victimMoney[$0] > 0 }
                .sorted { (victimMoney[$0], size[$0], -$0) > (victimMoney[$1], size[$1], -$1) }
        }
        let shown = Array(ranked.prefix(maxGroups))
        let k = shown.count
        let others = k, loose = k + 1, slots = k + 2
        var slotOfGroup = [Int32](repeating: Int32(others), count: size.count)
        for (i, g) in shown.enumerated() { slotOfGroup[g] = Int32(i) }
        var slot = ContiguousArray<Int32>(repeating: Int32(loose), count: n)
        for e in 0 ..< n where membership[e] >= 0 { slot[e] = slotOfGroup[Int(membership[e])] }

        // MARK: Counts and money between slots
        var transfers = [Int](repeating: 0, count: slots * slots)
        var money = [Int64](repeating: 0, count: slots * slots)
        var ties = [Int](repeating: 0, count: slots * slots)
        slot.withUnsafeBufferPointer { s in
            t.source.withUnsafeBufferPointer { src in
                t.target.withUnsafeBufferPointer { dst in
                    for i in 0 ..< t.count {
                        let cell = Int(s[Int(src[i])]) * slots + Int(s[Int(dst[i])])
                        transfers[cell] += 1
                        if t.currency[i] == mainCurrency { money[cell] &+= t.amount[i] }
                    }
                }
            }
            let l = c.links
            for i in 0 ..< l.count {
                let a = Int(s[Int(l.source[i])]), b = Int(s[Int(l.target[i])])
                ties[min(a, b) * slots + max(a, b)] += 1
            }
        }
        var members = [Int](repeating: 0, count: slots)
        var kinds = [[Int]](repeating: [Int](repeating: 0, count: c.entities.kinds.count), count: slots)
        var denOf = [Int32](repeating: -1, count: slots)
        var dens = [Int](repeating: 0, count: slots)
        for e in 0 ..< n {
            let s = Int(slot[e])
            members[s] += 1
            kinds[s][Int(c.entities.kind[e])] += 1
            if c.entities.kind[e] == EntityKind.Code.den {
                dens[s] += 1
                if denOf[s] < 0 { denOf[s] = Int32(e) }
            }
        }

        // MARK: Nodes
        var d = Diagram(title: title(c), direction: .free, engine: .sfdp)
        let biggest = Double(members.prefix(k).max() ?? 1)
        let richest = Double((0 ..< k).map { money[$0 * slots + $0] }.max() ?? 1)
        var nodeOfSlot = [Int](repeating: -1, count: slots)
        for s in 0 ..< slots where members[s] > 0 {
            let label: String
            if s < k { label = "\(grouping.word.capitalizedFirst) \(shown[s])" }
            else if s == others { label = "smaller \(grouping.word)s" }
            else { label = "in no \(grouping.word)" }
            var details = [EntityText.count(members[s], kind: "")]
            let topKinds = kinds[s].indices.filter { kinds[s][$0] > 0 }
                .sorted { (kinds[s][$0], -$0) > (kinds[s][$1], -$1) }.prefix(3)
            details.append(topKinds.map { EntityText.count(kinds[s][$0], kind: c.entities.kinds[UInt16($0)]) }.joined(separator: " · "))
            if denOf[s] >= 0 {
                details.append("den " + DOTText.shortened(c.entities.displayName(denOf[s]), to: 24) + (dens[s] > 1 ? " +\(dens[s] - 1)" : ""))
            }
            let inside = money[s * slots + s]
            if inside > 0 { details.append("moved inside: " + EntityText.amount(Money(units: inside), currencyName)) }
            if s < k, victimMoney[shown[s]] > 0 {
                details.append("victims' money in: " + EntityText.amount(Money(units: victimMoney[shown[s]]), currencyName))
            }
            if s >= k {
                var withShown = 0
                for o in 0 ..< k { withShown += transfers[s * slots + o] + transfers[o * slots + s] }
                if withShown > 0 { details.append(EntityText.count(withShown, "transfer") + " with the groups drawn") }
            }
            let share = s < k ? (Double(members[s]) / biggest).squareRoot() + (richest > 0 ? 0.5 * (Double(inside) / richest).squareRoot() : 0) : 0.3
            let node = Diagram.Node(look: .group, title: label, details: details,
                                    fill: s < k ? DiagramPalette.color(of: Int32(shown[s]), theme: .standard) : DOTColor(0xEAECEE),
                                    marks: s < k ? [] : [.collapsed], scale: 1 + 2 * share)
            nodeOfSlot[s] = d.add(node)
        }

        // MARK: Edges between groups, the strongest
        var pairs: [(a: Int, b: Int, transfers: Int, ties: Int, money: Int64)] = []
        // Only between groups drawn: the catch-all nodes would tie to everything.
        for a in 0 ..< k {
            for b in (a + 1) ..< k {
                let tr = transfers[a * slots + b] + transfers[b * slots + a]
                let ti = ties[a * slots + b]
                if tr + ti == 0 { continue }
                pairs.append((a, b, tr, ti, money[a * slots + b] &+ money[b * slots + a]))
            }
        }
        pairs.sort { ($0.money, $0.transfers + $0.ties, -$0.a, -$0.b) > ($1.money, $1.transfers + $1.ties, -$1.a, -$1.b) }
        for p in pairs.prefix(maxTies) where nodeOfSlot[p.a] >= 0 && nodeOfSlot[p.b] >= 0 {
            var text: [String] = []
            if p.transfers > 0 { text.append(EntityText.count(p.transfers, "transfer")) }
            if p.ties > 0 { text.append(EntityText.count(p.ties, "tie")) }
            d.add(Diagram.Edge(from: nodeOfSlot[p.a], to: nodeOfSlot[p.b], look: .groupTie,
                               amount: p.money > 0 ? Money(units: p.money) : nil, currency: currencyName,
                               count: 1, text: text.joined(separator: ", "), strength: Double(p.transfers + p.ties)))
        }
        d.notes.append(grouping.source)
        d.notes.append("\(k) of \(ranked.count) \(grouping.word)s of \(minGroupSize) or more entities, " +
                       (grouping.order == nil ? "those that received most victims' money and the largest, " : "largest threat first, ") +
                       "drawn as one circle each; money in \(currencyName)")
        if pairs.count > maxTies { d.notes.append("the \(maxTies) strongest of \(pairs.count) links between groups are drawn") }
        d.edgeLabels = min(pairs.count, maxTies) <= 60
        return d
    }
}

/// Ring colours by ring number.
enum DiagramPalette {
    static func color(of group: Int32, theme: Theme) -> DOTColor {
        theme.ringColor(Int(group) - 1)
    }
}

extension String {
    /// The string with its first letter in upper case.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
