import FraudGraph

/// One ring as the Communities module reports it: its number and its members.
public struct RingMembers: Sendable, Hashable {
    /// The ring's number (1 = largest threat).
    public var id: Int
    /// Entity indices of every member.
    public var members: [Int32]
    /// How the ring was found, for the picture's notes.
    public var source: String

    public init(id: Int, members: [Int32], source: String) {
        self.id = id; self.members = members; self.source = source
    }

    /// Ring `id` of a grouping (`Grouping.membership`).
    public static func from(_ grouping: Grouping, id: Int) -> RingMembers {
        let members = grouping.membership.indices.filter { grouping.membership[$0] == Int32(id) }.map { Int32($0) }
        return RingMembers(id: id, members: members, source: grouping.source)
    }
}

/// `ring:ID`: one ring's people, accounts, phones, devices, IPs and dens, each den a
/// box holding the people located at it or working for it and what they own or use;
/// ties and money among members drawn, each account with the money it took in and
/// sent out.
public struct RingDiagram: Sendable {
    /// Most members drawn.
    public var maxMembers: Int
    /// Leaves of a hub beyond this many are drawn as one node.
    public var hubThreshold: Int

    public init(maxMembers: Int = 400, hubThreshold: Int = 15) {
        self.maxMembers = maxMembers; self.hubThreshold = hubThreshold
    }

    /// - Complexity: O(entities + links + transfers).
    public func build(_ c: Case, ring: RingMembers) -> Diagram {
        let t = c.entities
        var members = Array(Set(ring.members.filter { $0 >= 0 && Int($0) < t.count })).sorted()
        let total = members.count
        if members.count > maxMembers { members = Array(members.prefix(maxMembers)) }
        let denOf = RingDiagram.denAssignment(c, members: members)

        // Dens named by members' ties, members or not, each a cluster.
        var dens: [Int32] = []
        for e in members where t.kind[Int(e)] == EntityKind.Code.den { dens.append(e) }
        for e in members { if let den = denOf[e], !dens.contains(den) { dens.append(den) } }
        dens.sort()
        var drawn = members
        for den in dens where !members.contains(den) { drawn.append(den) }

        var d = Diagram(title: "Ring \(ring.id): \(EntityText.count(total, "member")) in \(EntityText.count(dens.count, "den"))",
                        direction: .leftToRight, engine: .dot)
        var clusterOf: [Int32: Int] = [:]
        for den in dens {
            var details: [String] = [t.id(den)]
            if let country = t.countryOf(den) { details[0] += " · " + country }
            let people = members.filter { denOf[$0] == den && t.kind[Int($0)] == EntityKind.Code.person }.count
            details.append(EntityText.count(people, "person", "people") + " of the ring")
            clusterOf[den] = d.add(Diagram.Cluster(title: "Den: " + t.displayName(den), details: details, fill: DOTColor(0xFEF5E7)))
        }

        // Money in and out of each member account, in the ring's main currency.
        let sub = CaseSubgraph(c, entities: drawn)
        let flows = sub.flows(c)
        let money = RingDiagram.moneyInOut(c, members: Set(members))
        var nodeOf: [Int] = []
        for e in drawn {
            var extra: [String] = []
            if let m = money[e] {
                if m.in.units > 0 { extra.append("in " + EntityText.amount(m.in, m.currency)) }
                if m.out.units > 0 { extra.append("out " + EntityText.amount(m.out, m.currency)) }
            }
            let cluster = t.kind[Int(e)] == EntityKind.Code.den ? clusterOf[e] : denOf[e].flatMap { clusterOf[$0] }
            var node = Diagram.entityNode(c, e, cluster: cluster, extra: extra)
            if !members.contains(e) { node.details.append("not in the ring") }
            nodeOf.append(d.add(node))
        }
        // Ties among members; located_at/member_of to a den are shown by the box.
        var ties = sub.ties(c)
        ties.removeAll { tie in
            (tie.kind == LinkKind.Code.locatedAt || tie.kind == LinkKind.Code.memberOf)
                && clusterOf[drawn[tie.to]] != nil && denOf[drawn[tie.from]] == drawn[tie.to]
        }
        CaseSubgraph.addEdges(c, ties: ties, flows: flows, nodeOf: nodeOf, to: &d)
        // Ties that do not order people (calls, same-as) should not stretch the layout.
        for i in d.edges.indices {
            if case .link(let k) = d.edges[i].look, k == .contacted || k == .sameAs { d.edges[i].constraint = false }
        }

        let noDen = members.filter { denOf[$0] == nil && t.kind[Int($0)] != EntityKind.Code.den }.count
        d.notes.append(ring.source)
        d.notes.append("boxes are dens: the people located at, member of or in command within each, with what they own or use" +
                       (noDen > 0 ? "; \(noDen) member\(noDen == 1 ? "" : "s") tied to no den outside the boxes" : ""))
        if total > members.count { d.notes.append("the first \(members.count) of \(total) members are drawn") }
        HubCollapse(threshold: hubThreshold).apply(to: &d)
        d.edgeLabels = d.edges.count <= 150
        return d
    }

    // MARK: - Dens

    /// The den each member belongs with: a person's den is the one they are located
    /// at or member of (the one with most such ties; ties broken by lower index), or
    /// else the den of the people they manage or are managed by; a
    /// device or IP located at a den is there; an account, wallet, phone or device
    /// goes with the den of the people who own or use it (the most common one).
    public static func denAssignment(_ c: Case, members: [Int32]) -> [Int32: Int32] {
        let t = c.entities, l = c.links
        let isMember = Set(members)
        var votes: [Int32: [Int32: Int]] = [:]
        for i in 0 ..< l.count {
            let k = l.kind[i]
            guard k == LinkKind.Code.locatedAt || k == LinkKind.Code.memberOf else { continue }
            let a = l.source[i], b = l.target[i]
            guard isMember.contains(a), t.kind[Int(b)] == EntityKind.Code.den else { continue }
            votes[a, default: [:]][b, default: 0] += 1
        }
        var den: [Int32: Int32] = [:]
        func best(_ v: [Int32: Int]) -> Int32? { v.max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key }
        for (e, v) in votes { den[e] = best(v) }
        // People with no such tie who manage or are managed by people of a den work there.
        var commandVotes: [Int32: [Int32: Int]] = [:]
        for i in 0 ..< l.count where l.kind[i] == LinkKind.Code.manages {
            let a = l.source[i], b = l.target[i]
            guard isMember.contains(a), isMember.contains(b) else { continue }
            if den[a] == nil, let d = den[b], t.kind[Int(a)] == EntityKind.Code.person { commandVotes[a, default: [:]][d, default: 0] += 1 }
            if den[b] == nil, let d = den[a], t.kind[Int(b)] == EntityKind.Code.person { commandVotes[b, default: [:]][d, default: 0] += 1 }
        }
        for (e, v) in commandVotes { den[e] = best(v) }
        // Things owned or used go with their owners' or users' den.
        var thingVotes: [Int32: [Int32: Int]] = [:]
        for i in 0 ..< l.count {
            let k = l.kind[i]
            guard k == LinkKind.Code.owns || k == LinkKind.Code.uses else { continue }
            let owner = l.source[i], thing = l.target[i]
            guard isMember.contains(thing), den[thing] == nil, let d = den[owner] else { continue }
            thingVotes[thing, default: [:]][d, default: 0] += 1
        }
        for (e, v) in thingVotes { den[e] = best(v) }
        return den
    }

    /// Money each member account took in and sent out, in its most used currency.
    static func moneyInOut(_ c: Case, members: Set<Int32>) -> [Int32: (in: Money, out: Money, currency: String)] {
        let t = c.transfers
        var inSum: [Int32: [UInt16: Int64]] = [:], outSum: [Int32: [UInt16: Int64]] = [:]
        for i in 0 ..< t.count {
            let a = t.source[i], b = t.target[i]
            if members.contains(a) { outSum[a, default: [:]][t.currency[i], default: 0] &+= t.amount[i] }
            if members.contains(b) { inSum[b, default: [:]][t.currency[i], default: 0] &+= t.amount[i] }
        }
        var out: [Int32: (in: Money, out: Money, currency: String)] = [:]
        for e in Set(inSum.keys).union(outSum.keys) {
            var both: [UInt16: Int64] = inSum[e] ?? [:]
            for (k, v) in outSum[e] ?? [:] { both[k, default: 0] &+= v }
            let cur = both.max { ($0.value, -Int($0.key)) < ($1.value, -Int($1.key)) }!.key
            out[e] = (Money(units: inSum[e]?[cur] ?? 0), Money(units: outSum[e]?[cur] ?? 0), t.currencies[cur])
        }
        return out
    }
}
