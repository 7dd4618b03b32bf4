import FraudGraph

/// The arrays a centrality reads, whichever projection they come from: out-lists
/// and in-lists in CSR form (the same arrays twice for an undirected graph).
struct Adjacency: Sendable {
    let nodeCount: Int
    let outOffsets: ContiguousArray<Int>
    let outTargets: ContiguousArray<Int32>
    let outWeights: ContiguousArray<Float>
    let inOffsets: ContiguousArray<Int>
    let inSources: ContiguousArray<Int32>
    let inWeights: ContiguousArray<Float>
    /// False when every tie is listed at both ends (a `WeightedGraph`).
    let directed: Bool

    init(_ g: DirectedGraph) {
        nodeCount = g.nodeCount
        outOffsets = g.outOffsets; outTargets = g.outTargets; outWeights = g.outWeights
        inOffsets = g.inOffsets; inSources = g.inSources; inWeights = g.inWeights
        directed = true
    }

    init(_ g: WeightedGraph) {
        nodeCount = g.nodeCount
        outOffsets = g.offsets; outTargets = g.targets; outWeights = g.weights
        inOffsets = g.offsets; inSources = g.targets; inWeights = g.weights
        directed = false
    }
}
