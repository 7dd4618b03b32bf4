import FraudGraph
import GraphvizExport
import Hierarchy

/// Turns the Hierarchy module's org chart of a den into the picture's `DenChart`:
/// people with level, role and score, and one line to each person from the person
/// the evidence puts most strongly above them (an org chart is a tree; the other
/// ties are in `fraudgraph hierarchy`'s evidence).
enum OrgChartBridge {
    static func denChart(_ c: Case, den: Int32) -> DenChart? {
        var h = DenHierarchy()
        h.evidenceLimit = 1
        guard let chart = h.run(on: c, dens: [den]).charts.first, !chart.people.isEmpty else { return nil }
        let members = chart.people.map { DenChart.Member(person: $0.person, level: $0.level, role: $0.role.rawValue, score: $0.score) }
        var ties: [DenChart.Tie] = []
        for p in chart.people {
            guard let t = p.below.first else { continue }
            let words = t.support.nonZero.map { "\(Int($0.count)) \($0.kind)" }.joined(separator: ", ")
            ties.append(DenChart.Tie(superior: t.other, subordinate: p.person, strength: t.weight, evidence: words))
        }
        let source = chart.method == .springRank
            ? "levels and roles by fraudgraph hierarchy (SpringRank on the den's command ties)"
            : "levels by centrality: the den has no directed tie"
        return DenChart(den: den, members: members, ties: ties, source: source)
    }
}
