import FraudGraph

/// `ego:ENTITY`: everything within `hops` ties or transfers of one entity, the
/// entity in the middle, rings of neighbours around it by distance.
public struct EgoDiagram: Sendable {
    /// How far to look (1: the entity's direct neighbours).
    public var hops: Int
    /// Most entities drawn; the nearest are kept.
    public var maxEntities: Int
    /// Leaves of a hub beyond this many are drawn as one node.
    public var hubThreshold: Int

    public init(hops: Int = 1, maxEntities: Int = 250, hubThreshold: Int = 20) {
        self.hops = hops; self.maxEntities = maxEntities; self.hubThreshold = hubThreshold
    }

    /// The diagram around `center`. `neighbourhood` is `CaseNeighbourhood.graph(c)`,
    /// passed in when several pictures of one case are drawn.
    /// - Complexity: O(links + transfers) plus the walk.
    public func build(_ c: Case, center: Int32, neighbourhood: WeightedGraph? = nil) -> Diagram {
        let g = neighbourhood ?? CaseNeighbourhood.graph(c)
        let found = CaseNeighbourhood.within(g, of: center, hops: max(0, hops), limit: max(1, maxEntities))
        let sub = CaseSubgraph(c, entities: found.entities)
        let ties = sub.ties(c), flows = sub.flows(c)
        let name = DOTText.shortened(EntityText.title(c, center), to: 40)

        var d = Diagram(title: "Around \(name): \(hops) hop\(hops == 1 ? "" : "s")", direction: .free,
                        engine: found.entities.count <= 400 ? .twopi : .sfdp)
        var nodeOf: [Int] = []
        for (i, e) in found.entities.enumerated() {
            let distance = found.distance[i]
            var node = Diagram.entityNode(c, e, marks: e == center ? [.focus] : [])
            if distance > 0 { node.tooltip = (node.tooltip ?? "") + "\n\(distance) hop\(distance == 1 ? "" : "s") away" }
            nodeOf.append(d.add(node))
        }
        CaseSubgraph.addEdges(c, ties: ties, flows: flows, nodeOf: nodeOf, to: &d)
        var summary = (found.reachable > 100_000 ? "more than " : "") + EntityText.count(found.reachable, "entity", "entities") +
            " within \(hops) hop\(hops == 1 ? "" : "s") (ties and transfers)"
        if found.cut { summary += "; the \(found.entities.count) nearest are shown" }
        d.notes.append(summary)
        d.notes.append("\(EntityText.count(flows.reduce(0) { $0 + $1.count }, "transfer")), \(EntityText.count(ties.reduce(0) { $0 + $1.count }, "tie")) between them")
        HubCollapse(threshold: hubThreshold).apply(to: &d)
        d.edgeLabels = d.edges.count <= 120
        if !d.edgeLabels && !flows.isEmpty { d.notes.append("amounts in the tooltips (SVG): too many edges to label") }
        return d
    }
}
