import Communities
import FraudGraph
import GraphvizExport

extension Grouping {
    /// The rings `report` found, as groups to draw: ring number per entity (-1 for
    /// entities in no ring), in threat order.
    /// - Complexity: O(entities + ring members).
    public init(rings report: RingReport, entityCount: Int) {
        let membership = report.ringNumbers(entityCount: entityCount)
        let d = report.finder.detection
        let how = "\(d.algorithm.rawValue) (\(d.quality.rawValue), resolution \(report.resolution.map { String($0) } ?? "fitted"), seed \(d.seed))"
        self.init(membership: membership, word: "ring",
                  source: "rings found by fraudgraph rings: \(how) on the ring graph",
                  order: report.rings.map { Int32($0.number) })
    }
}
