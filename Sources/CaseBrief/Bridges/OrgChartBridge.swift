import FraudGraph
import GraphvizExport
import Hierarchy

extension DenChart {
    /// The Hierarchy module's org chart of a den as the picture's chart: people with
    /// level, role and score, and one line to each person from the person the
    /// evidence puts most strongly above them (an org chart is a tree; the other ties
    /// are in `fraudgraph hierarchy`'s evidence).
    public init(_ chart: OrgChart) {
        let members = chart.people.map { Member(person: $0.person, level: $0.level, role: $0.role.rawValue, score: $0.score) }
        var ties: [Tie] = []
        for p in chart.people {
            guard let t = p.below.first else { continue }
            let words = t.support.nonZero.map { "\(Int($0.count)) \($0.kind)" }.joined(separator: ", ")
            ties.append(Tie(superior: t.other, subordinate: p.person, strength: t.weight, evidence: words))
        }
        let source = chart.method == .springRank
            ? "levels and roles by fraudgraph hierarchy (SpringRank on the den's command ties)"
            : "levels by centrality: the den has no directed tie"
        self.init(den: chart.den, members: members, ties: ties, source: source)
    }
}
