import FraudGraph

/// The graph that one level of Louvain or Leiden works on: the input graph at level
/// 0, then graphs whose nodes are the communities of the level below (aggregates).
///
/// CSR like `WeightedGraph` (each edge in both lists, a self-loop once, holding the
/// weight inside an aggregate node), plus each node's weight in the quality function:
/// its strength for modularity, the number of original nodes it stands for in CPM.
/// Lists need not be sorted.
@usableFromInline
struct LevelGraph: Sendable {
    var offsets: ContiguousArray<Int>
    var targets: ContiguousArray<Int32>
    var weights: ContiguousArray<Float>
    /// The weight of each node in the null model (strength or size).
    var nodeWeight: ContiguousArray<Double>

    var nodeCount: Int { offsets.count - 1 }

    /// Level 0: `graph` itself (no copy of its arrays).
    init(_ graph: WeightedGraph, quality: QualityFunction) {
        offsets = graph.offsets
        targets = graph.targets
        weights = graph.weights
        let n = graph.nodeCount
        switch quality {
        case .cpm:
            nodeWeight = ContiguousArray(repeating: 1, count: n)
        case .modularity:
            nodeWeight = ContiguousArray(repeating: 0, count: n)
            graph.withUnsafeBuffers { o, t, w in
                nodeWeight.withUnsafeMutableBufferPointer { s in
                    for u in 0 ..< n {
                        var sum = 0.0
                        for k in o[u] ..< o[u + 1] {
                            sum += Int(t[k]) == u ? 2 * Double(w[k]) : Double(w[k])
                        }
                        s[u] = sum
                    }
                }
            }
        }
    }

    init(offsets: ContiguousArray<Int>, targets: ContiguousArray<Int32>, weights: ContiguousArray<Float>, nodeWeight: ContiguousArray<Double>) {
        self.offsets = offsets
        self.targets = targets
        self.weights = weights
        self.nodeWeight = nodeWeight
    }

    /// Calls `body` with an unsafe view of the arrays, for the kernels.
    @inline(__always)
    func withView<R>(_ body: (LevelView) throws -> R) rethrows -> R {
        try offsets.withUnsafeBufferPointer { o in
            try targets.withUnsafeBufferPointer { t in
                try weights.withUnsafeBufferPointer { w in
                    try nodeWeight.withUnsafeBufferPointer { a in
                        try body(LevelView(offsets: o, targets: t, weights: w, nodeWeight: a))
                    }
                }
            }
        }
    }

    // MARK: - Aggregation

    /// The graph whose nodes are the groups of `group` (labels `0 ..< groupCount`):
    /// the weight between two groups is the sum of the weights between their nodes,
    /// the weight inside a group becomes its self-loop, node weights add up.
    /// - Complexity: O(n + m).
    func aggregated(by group: UnsafeBufferPointer<Int32>, groupCount r: Int, workspace ws: CommunityWorkspace) -> LevelGraph {
        let n = nodeCount
        let capacity = targets.count
        var newOffsets = ContiguousArray<Int>(repeating: 0, count: r + 1)
        var newNodeWeight = ContiguousArray<Double>(repeating: 0, count: r)
        var written = 0
        var newWeights = ContiguousArray<Float>()
        var newTargets = ContiguousArray<Int32>(unsafeUninitializedCapacity: capacity) { outTargets, targetCount in
            newWeights = ContiguousArray<Float>(unsafeUninitializedCapacity: capacity) { outWeights, weightCount in
                withView { g in
                    newOffsets.withUnsafeMutableBufferPointer { outOffsets in
                        newNodeWeight.withUnsafeMutableBufferPointer { nw in
                            written = LevelGraph.aggregate(g, group, r, ws, outOffsets, outTargets, outWeights, nw)
                        }
                    }
                }
                weightCount = written
            }
            targetCount = written
        }
        // Give back the room when the aggregate is much smaller.
        if written < capacity / 2 {
            newTargets = ContiguousArray(newTargets)
            newWeights = ContiguousArray(newWeights)
        }
        _ = n
        return LevelGraph(offsets: newOffsets, targets: newTargets, weights: newWeights, nodeWeight: newNodeWeight)
    }

    /// The kernel of `aggregated`: writes the aggregate's CSR, returns its entry count.
    private static func aggregate(
        _ g: LevelView, _ group: UnsafeBufferPointer<Int32>, _ r: Int, _ ws: CommunityWorkspace,
        _ outOffsets: UnsafeMutableBufferPointer<Int>, _ outTargets: UnsafeMutableBufferPointer<Int32>,
        _ outWeights: UnsafeMutableBufferPointer<Float>, _ nw: UnsafeMutableBufferPointer<Double>
    ) -> Int {
        let n = g.nodeCount
        // Nodes of each group, by counting sort (`labelMap` holds the starts, `queue` the nodes).
        let start = UnsafeMutableBufferPointer<Int>.allocate(capacity: r + 1)
        defer { start.deallocate() }
        start.initialize(repeating: 0)
        for v in 0 ..< n { start[Int(group[v]) + 1] += 1 }
        for c in 0 ..< r { start[c + 1] += start[c] }
        let nodes = ws.queue
        for v in 0 ..< n {
            let c = Int(group[v])
            nodes[start[c]] = Int32(v)
            start[c] += 1
        }
        // `start[c]` is now the end of group c; the start is the end of c - 1.
        let acc = ws.neighborWeight, touched = ws.touched, sums = ws.gains
        var written = 0
        var lo = 0
        for c in 0 ..< r {
            let hi = start[c]
            var count = 0
            var weightSum = 0.0
            var entries = 0
            for i in lo ..< hi { let u = Int(nodes[i]); entries += g.offsets[u + 1] - g.offsets[u] }
            let short = entries <= CommunityWorkspace.shortList
            for i in lo ..< hi {
                let u = Int(nodes[i])
                weightSum += g.nodeWeight[u]
                for k in g.offsets[u] ..< g.offsets[u + 1] {
                    let t = Int(g.targets[k])
                    let d = group[t]
                    // A loop counts twice, as every inner edge is seen from both ends.
                    let w = t == u ? 2 * Double(g.weights[k]) : Double(g.weights[k])
                    if short {
                        var j = 0
                        while j < count && touched[j] != d { j += 1 }
                        if j == count { touched[j] = d; sums[j] = w; count += 1 } else { sums[j] += w }
                    } else {
                        if acc[Int(d)] == 0 { touched[count] = d; count += 1 }
                        acc[Int(d)] += w
                    }
                }
            }
            nw[c] = weightSum
            for j in 0 ..< count {
                let d = Int(touched[j])
                var w: Double
                if short { w = sums[j] } else { w = acc[d]; acc[d] = 0 }
                if d == c { w /= 2 }
                outTargets[written] = Int32(d)
                outWeights[written] = Float(w)
                written += 1
            }
            outOffsets[c + 1] = written
            lo = hi
        }
        return written
    }
}

/// Unsafe views of a `LevelGraph`'s arrays, valid inside `withView`.
@usableFromInline
struct LevelView {
    let offsets: UnsafeBufferPointer<Int>
    let targets: UnsafeBufferPointer<Int32>
    let weights: UnsafeBufferPointer<Float>
    let nodeWeight: UnsafeBufferPointer<Double>
    var nodeCount: Int { offsets.count - 1 }
}
