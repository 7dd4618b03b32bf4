import Communities
import FraudGraph
import Hierarchy
import Interchange

/// The analyses' results per entity as columns that the GraphML and Neo4j exports add
/// to their nodes: `ring` (the ring number, largest threat first), `den` (the den a
/// person was placed in), `den_level` (0 at the top of the den), `den_role`, `rank_score`
/// (SpringRank). Entities without a value get none.
public enum AnalysisColumns {
    /// Runs rings and den hierarchies on `c` with their defaults and returns the columns.
    /// - Complexity: ring detection plus the hierarchy's projections and charts.
    public static func make(_ c: Case, rings finder: RingFinder = RingFinder(), hierarchy: DenHierarchy = DenHierarchy()) -> [NodeColumn] {
        let n = c.entities.count
        let report = finder.run(on: c)
        let ringOf = report.ringNumbers(entityCount: n)
        let ring = ContiguousArray<Int64>(ringOf.lazy.map { $0 > 0 ? Int64($0) : NodeColumn.missingInteger })
        var h = hierarchy
        h.evidenceLimit = 0
        let charts = h.run(on: c, rings: ringOf).charts
        var den = [String?](repeating: nil, count: n)
        var level = ContiguousArray<Int64>(repeating: NodeColumn.missingInteger, count: n)
        var role = [String?](repeating: nil, count: n)
        var score = ContiguousArray<Double>(repeating: .nan, count: n)
        for chart in charts {
            let denID = c.entities.id(chart.den)
            for p in chart.people {
                let e = Int(p.person)
                den[e] = denID; level[e] = Int64(p.level); role[e] = p.role.rawValue; score[e] = p.score
            }
        }
        return [NodeColumn(name: "ring", integers: ring), NodeColumn(name: "den", values: .text(den)),
                NodeColumn(name: "den_level", integers: level), NodeColumn(name: "den_role", values: .text(role)),
                NodeColumn(name: "rank_score", numbers: score)]
    }
}
