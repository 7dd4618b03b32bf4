import FraudGraph

/// Draws the views of one case: turns a `PictureView` into a `Diagram`, finding the
/// entities its ids name, with the analysis results it is given (rings, a trace, org
/// charts) or, where this build has no such analysis, a stated stand-in.
public struct CasePictures: Sendable {
    public let c: Case
    /// Hops for `ego`.
    public var hops = 1
    /// Rings for `overview` and `ring:ID` (nil: `Grouping.tieComponents`).
    public var grouping: Grouping?
    /// The trace for `trace` (nil: the view cannot be drawn).
    public var trace: MoneyTrace?
    /// Org charts by den (missing: `DenChart.fromManagesTies`).
    public var orgCharts: [Int32: DenChart] = [:]

    public init(_ c: Case) { self.c = c }

    /// The diagram of `view`.
    /// - Throws: `PictureError` when an id names nothing or the view lacks its input.
    public func diagram(_ view: PictureView) throws(PictureError) -> Diagram {
        switch view {
        case .overview:
            return OverviewDiagram().build(c, grouping: groups())
        case .ring(let id):
            let g = groups()
            let count = Int(g.membership.max() ?? 0)
            guard id >= 1, id <= count else { throw .unknownRing(id, rings: max(count, 0)) }
            return RingDiagram().build(c, ring: .from(g, id: id))
        case .trace:
            guard let trace else { throw .needsAnalysis(view: "trace", module: "MoneyFlow") }
            guard !trace.steps.isEmpty else { throw .nothingToDraw("the trace carried no money: no reports or seeds") }
            return TraceDiagram().build(c, trace: trace)
        case .hierarchy(let id):
            let den = try entity(id)
            guard c.entities.kind[Int(den)] == EntityKind.Code.den else {
                throw .notADen(id, kind: c.entities.kindOf(den).name)
            }
            let chart = orgCharts[den] ?? DenChart.fromManagesTies(c, den: den)
            guard !chart.members.isEmpty else { throw .nothingToDraw("no people are located at or members of den \"\(id)\"") }
            return OrgChartDiagram().build(c, chart: chart)
        case .ego(let id):
            return EgoDiagram(hops: hops).build(c, center: try entity(id))
        }
    }

    private func groups() -> Grouping { grouping ?? .tieComponents(c) }

    private func entity(_ id: String) throws(PictureError) -> Int32 {
        guard let e = c.entities.index(of: id) else { throw .unknownEntity(id) }
        return e
    }
}
