import FraudGraph

/// One centrality on one view of a case, with the settings the command line offers;
/// what `fraudgraph centrality` runs.
public struct CentralityRun: Sendable {
    public var view: CaseView
    public var measure: CentralityMeasure
    /// Read ties with their direction (false: each tie counts both ways).
    public var directed: Bool
    /// Betweenness path length: `hops`, `weight`, or `strength` (1 / weight).
    public var length: String
    /// Betweenness sources to sample; nil: exact up to `sampleAboveNodes` nodes;
    /// above, `defaultSamples`, fewer on big graphs so that a run reads about
    /// `arcBudget` arcs (one search reads every arc twice), but at least 16 (or
    /// `defaultSamples` if smaller).
    public var samples: Int?
    public var sampleAboveNodes: Int
    public var defaultSamples: Int
    public var arcBudget = 400_000_000
    public var seed: UInt64

    public init(view: CaseView, measure: CentralityMeasure, directed: Bool, length: String = "hops", samples: Int? = nil,
                sampleAboveNodes: Int = 5000, defaultSamples: Int = 256, seed: UInt64 = 42) {
        self.view = view
        self.measure = measure
        self.directed = directed
        self.length = length
        self.samples = samples
        self.sampleAboveNodes = sampleAboveNodes
        self.defaultSamples = defaultSamples
        self.seed = seed
    }

    /// Scores and how they were made.
    public struct Result: Sendable {
        public let scores: CentralityScores
        public let directed: Bool
        /// Nodes of the graph (every entity) and distinct ties.
        public let nodes: Int
        public let ties: Int
        /// Settings, for the record.
        public let parameters: [(String, String)]
    }

    /// - Complexity: that of the projection plus that of the measure.
    public func compute(_ c: Case) -> Result {
        let d = view.graph(of: c)
        let u: WeightedGraph? = directed ? nil : d.undirected
        let ties = u.map(\.edgeCount) ?? d.arcCount
        var parameters: [(String, String)] = []
        let scores: CentralityScores
        switch measure {
        case .pagerank:
            let p = PageRank()
            parameters = [("damping", "\(p.damping)"), ("tolerance", "\(p.tolerance)")]
            scores = u.map { p.run(on: $0) } ?? p.run(on: d)
        case .eigenvector:
            let e = EigenvectorCentrality()
            parameters = [("tolerance", "\(e.tolerance)")]
            scores = u.map { e.run(on: $0) } ?? e.run(on: d)
        case .degree:
            let g = DegreeCentrality()
            parameters = [("normalized", "true")]
            scores = u.map { g.run(on: $0) } ?? g.run(on: d)
        case .betweenness:
            var b = Betweenness()
            b.length = length == "weight" ? .weight : (length == "strength" ? .inverseWeight : .hops)
            b.seed = seed
            let arcs = 2 * (u.map(\.entryCount) ?? d.arcCount) + d.nodeCount
            let affordable = max(min(16, defaultSamples), min(defaultSamples, arcBudget / max(1, arcs)))
            b.samples = samples ?? (d.nodeCount > sampleAboveNodes ? affordable : nil)
            parameters = [("length", length), ("normalized", "true")]
            if let k = b.samples { parameters += [("samples", "\(k)"), ("seed", "\(seed)")] }
            scores = u.map { b.run(on: $0) } ?? b.run(on: d)
        }
        return Result(scores: scores, directed: directed, nodes: d.nodeCount, ties: ties, parameters: parameters)
    }
}
