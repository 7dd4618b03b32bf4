import FraudGraph

extension DenHierarchy {
    /// Undirected ties between persons: every link of any kind between two persons,
    /// weighted by the link's weight (meetings, co-location, calls, ...).
    public static func personTies(_ c: Case) -> WeightedGraph {
        var s = ContiguousArray<Int32>(), t = ContiguousArray<Int32>(), w = ContiguousArray<Float>()
        let kind = c.entities.kind, links = c.links
        for l in 0 ..< links.count {
            let a = links.source[l], b = links.target[l]
            guard a != b, kind[Int(a)] == EntityKind.Code.person, kind[Int(b)] == EntityKind.Code.person else { continue }
            let x = Float(links.weight[l])
            guard x > 0, x.isFinite else { continue }
            s.append(a); t.append(b); w.append(x)
        }
        return WeightedGraph(nodeCount: c.entities.count, sources: s, destinations: t, weights: w)
    }

    /// The chart of a den whose people have no directed tie among them: PageRank on
    /// their undirected ties; the most central person is level 0 and everyone else
    /// level 1, roles only from what people do (the rest `unknown`).
    func fallbackChart(den: Int32, members: ContiguousArray<Int32>, ties: WeightedGraph, roster: DenRoster,
                       activity: PersonActivity, localOf: ContiguousArray<Int32>) -> OrgChart {
        var s = ContiguousArray<Int32>(), t = ContiguousArray<Int32>(), w = ContiguousArray<Float>()
        for (i, u) in members.enumerated() {
            for k in ties.neighborRange(of: u) {
                let j = localOf[Int(ties.targets[k])]
                if j > Int32(i) { s.append(Int32(i)); t.append(j); w.append(ties.weights[k]) }
            }
        }
        let method: OrgChart.Method = s.isEmpty ? .none : .centrality
        var scores = ContiguousArray<Double>(repeating: 0, count: members.count)
        var tied = ContiguousArray<Bool>(repeating: false, count: members.count)
        if !s.isEmpty {
            let local = WeightedGraph(nodeCount: members.count, sources: s, destinations: t, weights: w)
            scores = PageRank().run(on: local).values
            for i in 0 ..< members.count { tied[i] = local.degree(of: Int32(i)) > 0 }
        }
        var top = -1
        for i in 0 ..< members.count where tied[i] && (top < 0 || scores[i] > scores[top]) { top = i }
        var people: [PlacedPerson] = []
        for (i, e) in members.enumerated() {
            var role = DenRole.unknown
            var reason = method == .none ? "no tie to the den's other people" : "no directed tie in the den: ranked by centrality only"
            if let (r, why) = DenWork.roleFromActivity(e, roster: roster, activity: activity) { role = r; reason = why }
            people.append(PlacedPerson(
                person: e, level: i == top || top < 0 ? 0 : 1, score: scores[i], role: role, roleReason: reason,
                membership: roster.basis[Int(e)], rankBasis: tied[i] ? .centrality : .noEvidence,
                above: [], below: [], aboveCount: 0, belowCount: 0))
        }
        // Mules one level below everyone else, as in ranked dens.
        let lowest = people.filter { $0.role != .mule }.map(\.level).max() ?? 0
        people = people.map { p in
            p.role != .mule ? p : PlacedPerson(
                person: p.person, level: lowest + 1, score: p.score, role: p.role, roleReason: p.roleReason,
                membership: p.membership, rankBasis: p.rankBasis, above: [], below: [], aboveCount: 0, belowCount: 0)
        }
        return OrgChart(den: den, method: method, people: DenWork.ordered(people), arcCount: 0, levelSpacing: 1,
                        iterations: 0, relativeResidual: 0)
    }
}
