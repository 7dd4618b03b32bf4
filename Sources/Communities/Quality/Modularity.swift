import FraudGraph

/// The quality of a partition of a graph.
public enum Modularity {
    /// Newman–Girvan modularity with resolution γ:
    /// `Q = Σ_c [ L_c / m − γ (K_c / 2m)² ]`, `L_c` the weight inside community `c`
    /// (a self-loop counted once), `K_c` its nodes' strengths (a self-loop twice),
    /// `m` the total weight. The same conventions as igraph and NetworKit, so values
    /// compare. 0 for a graph without edges.
    /// - Complexity: O(n + m).
    public static func of(_ partition: Partition, in graph: WeightedGraph, resolution: Double = 1) -> Double {
        parts(of: partition, in: graph).modularity(resolution: resolution)
    }

    /// What modularity at every resolution is made of, for one partition.
    public struct Parts: Sendable, Equatable {
        /// Weight inside communities, each edge once (L_in).
        public var inside: Double
        /// Σ_c K_c², the communities' strengths squared.
        public var sumSquaredStrength: Double
        /// Total weight m.
        public var totalWeight: Double

        /// `L_in / m − γ Σ K_c² / 4m²`; 0 without edges.
        public func modularity(resolution: Double) -> Double {
            let m = totalWeight
            guard m > 0 else { return 0 }
            return inside / m - resolution * sumSquaredStrength / (4 * m * m)
        }

        /// Newman's resolution estimate for this partition.
        public var resolutionEstimate: ResolutionEstimate {
            ResolutionEstimate(inside: inside, sumSquaredStrength: sumSquaredStrength, totalWeight: totalWeight)
        }
    }

    /// The parts of modularity for `partition`.
    /// - Complexity: O(n + m).
    public static func parts(of partition: Partition, in graph: WeightedGraph) -> Parts {
        precondition(partition.nodeCount == graph.nodeCount, "the partition must cover the graph's nodes")
        var strength = [Double](repeating: 0, count: partition.count)
        var inside = 0.0
        graph.withUnsafeBuffers { o, t, w in
            partition.membership.withUnsafeBufferPointer { c in
                strength.withUnsafeMutableBufferPointer { k in
                    for u in 0 ..< graph.nodeCount {
                        let cu = c[u]
                        var sum = 0.0, inner = 0.0
                        for e in o[u] ..< o[u + 1] {
                            let v = Int(t[e])
                            let x = Double(w[e])
                            // Each inner edge is seen from both ends; a loop once but counts twice.
                            let twice = v == u ? 2 * x : x
                            sum += twice
                            if c[v] == cu { inner += twice }
                        }
                        k[Int(cu)] += sum
                        inside += inner
                    }
                }
            }
        }
        var squares = 0.0
        for k in strength { squares += k * k }
        return Parts(inside: inside / 2, sumSquaredStrength: squares, totalWeight: graph.totalWeight)
    }

    /// The Constant Potts Model quality `Σ_c [ L_c − γ n_c (n_c − 1) / 2 ]`.
    /// - Complexity: O(n + m).
    public static func cpm(_ partition: Partition, in graph: WeightedGraph, resolution: Double) -> Double {
        precondition(partition.nodeCount == graph.nodeCount, "the partition must cover the graph's nodes")
        var inside = 0.0
        graph.withUnsafeBuffers { o, t, w in
            partition.membership.withUnsafeBufferPointer { c in
                for u in 0 ..< graph.nodeCount {
                    for k in o[u] ..< o[u + 1] where c[Int(t[k])] == c[u] {
                        inside += Int(t[k]) == u ? 2 * Double(w[k]) : Double(w[k])
                    }
                }
            }
        }
        var pairs = 0.0
        for s in partition.sizes() { pairs += Double(s) * Double(s - 1) / 2 }
        return inside / 2 - resolution * pairs
    }

    /// The quality that `quality` measures, at resolution γ.
    public static func quality(_ quality: QualityFunction, of partition: Partition, in graph: WeightedGraph, resolution: Double) -> Double {
        switch quality {
        case .modularity: of(partition, in: graph, resolution: resolution)
        case .cpm: cpm(partition, in: graph, resolution: resolution)
        }
    }
}
