/// A centrality value for every node of a graph, and how it was computed.
public struct CentralityScores: Sendable {
    /// The measure these values are.
    public let measure: CentralityMeasure
    /// One value per node, by node index.
    public let values: ContiguousArray<Double>
    /// Iterations run (PageRank, eigenvector); 0 for direct computations.
    public let iterations: Int
    /// False when an iterative measure stopped at its iteration limit.
    public let converged: Bool
    /// For sampled betweenness: the number of source nodes sampled (nil when exact).
    public let sampledSources: Int?
    /// For sampled betweenness: every normalised value is within this distance of
    /// the exact one with probability at least `1 - failureProbability` (nil when exact).
    public let errorBound: Double?
    /// The probability that `errorBound` fails (nil when exact).
    public let failureProbability: Double?

    public init(measure: CentralityMeasure, values: ContiguousArray<Double>, iterations: Int = 0, converged: Bool = true,
                sampledSources: Int? = nil, errorBound: Double? = nil, failureProbability: Double? = nil) {
        self.measure = measure
        self.values = values
        self.iterations = iterations
        self.converged = converged
        self.sampledSources = sampledSources
        self.errorBound = errorBound
        self.failureProbability = failureProbability
    }

    /// The `k` nodes with the highest values among those `include` accepts, highest
    /// first, ties by node index.
    /// - Complexity: O(n log k).
    public func top(_ k: Int, where include: (Int32) -> Bool = { _ in true }) -> [(node: Int32, value: Double)] {
        guard k > 0 else { return [] }
        // A small bounded selection: keep the best k in a sorted buffer.
        var best: [(node: Int32, value: Double)] = []
        best.reserveCapacity(k + 1)
        func better(_ a: (node: Int32, value: Double), _ b: (node: Int32, value: Double)) -> Bool {
            a.value != b.value ? a.value > b.value : a.node < b.node
        }
        for i in 0 ..< values.count {
            let v = values[i]
            if best.count == k, let last = best.last, !better((Int32(i), v), last) { continue }
            guard include(Int32(i)) else { continue }
            let item = (node: Int32(i), value: v)
            var lo = 0, hi = best.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if better(best[mid], item) { lo = mid + 1 } else { hi = mid }
            }
            best.insert(item, at: lo)
            if best.count > k { best.removeLast() }
        }
        return best
    }
}

/// The centrality measures FraudGraph computes.
public enum CentralityMeasure: String, Sendable, CaseIterable {
    case pagerank, betweenness, degree, eigenvector
}
