/// An undirected weighted graph in compressed sparse row form: the neighbours of
/// node `u` are `targets[offsets[u] ..< offsets[u + 1]]`, sorted, each with its weight
/// in `weights` at the same position.
///
/// Every undirected edge `{u, v}` with `u != v` appears twice (in `u`'s list and in
/// `v`'s); a self-loop appears once, in its node's list. Parallel edges are merged
/// by adding their weights. Nodes are dense `Int32` indices `0 ..< nodeCount`.
///
/// Conventions (the ones igraph and NetworKit use for modularity): the strength of a
/// node counts a self-loop twice, and `totalWeight` counts each edge once, so
/// `sum of strengths == 2 * totalWeight`.
public struct WeightedGraph: Sendable {
    /// Start of each node's list; `nodeCount + 1` entries.
    public let offsets: ContiguousArray<Int>
    /// Neighbours, node by node.
    public let targets: ContiguousArray<Int32>
    /// Edge weights, in lock step with `targets`.
    public let weights: ContiguousArray<Float>
    /// Sum of the weights of all edges, each edge once.
    public let totalWeight: Double

    /// A graph from CSR arrays that are already symmetric, sorted and merged.
    public init(offsets: ContiguousArray<Int>, targets: ContiguousArray<Int32>, weights: ContiguousArray<Float>) {
        precondition(offsets.count >= 1 && offsets.last == targets.count && targets.count == weights.count)
        self.offsets = offsets
        self.targets = targets
        self.weights = weights
        var total = 0.0
        for u in 0 ..< offsets.count - 1 {
            for k in offsets[u] ..< offsets[u + 1] {
                total += Int(targets[k]) == u ? 2 * Double(weights[k]) : Double(weights[k])
            }
        }
        totalWeight = total / 2
    }

    /// A graph of `nodeCount` nodes from an edge list: edge `i` joins `sources[i]` and
    /// `destinations[i]` with `weights[i]` (1 when `weights` is nil). Parallel edges
    /// are merged by summing; edges of weight 0 or less are dropped.
    /// - Complexity: O(n + m), by two counting sorts.
    public init(nodeCount: Int, sources: some Collection<Int32>, destinations: some Collection<Int32>, weights: (some Collection<Float>)?) {
        let src = ContiguousArray(sources), dst = ContiguousArray(destinations)
        precondition(src.count == dst.count)
        let w = weights.map { ContiguousArray($0) } ?? ContiguousArray(repeating: 1, count: src.count)
        precondition(w.count == src.count)
        let n = nodeCount
        // Each edge becomes one or two half-edges (u -> v). First bucket them by
        // destination, then stably by source: each list comes out sorted by target.
        var degree = [Int](repeating: 0, count: n + 1)
        var halfCount = 0
        for i in 0 ..< src.count where w[i] > 0 {
            let u = Int(src[i]), v = Int(dst[i])
            precondition(u >= 0 && u < n && v >= 0 && v < n, "node index out of range")
            degree[v] += 1
            halfCount += 1
            if u != v { degree[u] += 1; halfCount += 1 }
        }
        var start = [Int](repeating: 0, count: n + 1)
        for u in 0 ..< n { start[u + 1] = start[u] + degree[u] }
        // Pass 1: bucket by target.
        var byTargetSource = ContiguousArray<Int32>(repeating: 0, count: halfCount)
        var byTargetTarget = ContiguousArray<Int32>(repeating: 0, count: halfCount)
        var byTargetWeight = ContiguousArray<Float>(repeating: 0, count: halfCount)
        var cursor = start
        for i in 0 ..< src.count where w[i] > 0 {
            let u = src[i], v = dst[i]
            var k = cursor[Int(v)]; cursor[Int(v)] += 1
            byTargetSource[k] = u; byTargetTarget[k] = v; byTargetWeight[k] = w[i]
            if u != v {
                k = cursor[Int(u)]; cursor[Int(u)] += 1
                byTargetSource[k] = v; byTargetTarget[k] = u; byTargetWeight[k] = w[i]
            }
        }
        // Pass 2: bucket by source, stable, so targets come out sorted.
        var sortedTargets = ContiguousArray<Int32>(repeating: 0, count: halfCount)
        var sortedWeights = ContiguousArray<Float>(repeating: 0, count: halfCount)
        cursor = start
        for k in 0 ..< halfCount {
            let u = Int(byTargetSource[k])
            let p = cursor[u]; cursor[u] += 1
            sortedTargets[p] = byTargetTarget[k]
            sortedWeights[p] = byTargetWeight[k]
        }
        // Merge parallel edges in place.
        var offsets = ContiguousArray<Int>(repeating: 0, count: n + 1)
        var write = 0
        for u in 0 ..< n {
            let lo = start[u], hi = start[u + 1]
            var k = lo
            while k < hi {
                let t = sortedTargets[k]
                var sum = sortedWeights[k]
                k += 1
                while k < hi && sortedTargets[k] == t { sum += sortedWeights[k]; k += 1 }
                sortedTargets[write] = t
                sortedWeights[write] = sum
                write += 1
            }
            offsets[u + 1] = write
        }
        sortedTargets.removeLast(halfCount - write)
        sortedWeights.removeLast(halfCount - write)
        self.init(offsets: offsets, targets: sortedTargets, weights: sortedWeights)
    }

    /// Number of nodes.
    @inlinable public var nodeCount: Int { offsets.count - 1 }

    /// Number of stored half-edges (each undirected edge twice, a self-loop once).
    @inlinable public var entryCount: Int { targets.count }

    /// Number of undirected edges, self-loops included once.
    public var edgeCount: Int {
        var loops = 0
        for u in 0 ..< nodeCount {
            for k in offsets[u] ..< offsets[u + 1] where Int(targets[k]) == u { loops += 1 }
        }
        return (targets.count - loops) / 2 + loops
    }

    /// Positions of `u`'s neighbours in `targets` and `weights`.
    @inlinable
    public func neighborRange(of u: Int32) -> Range<Int> { offsets[Int(u)] ..< offsets[Int(u) + 1] }

    /// Number of distinct neighbours of `u` (itself included if it has a loop).
    @inlinable public func degree(of u: Int32) -> Int { offsets[Int(u) + 1] - offsets[Int(u)] }

    /// Sum of the weights at `u`, a self-loop counted twice.
    /// - Complexity: O(degree).
    @inlinable
    public func strength(of u: Int32) -> Double {
        var s = 0.0
        for k in neighborRange(of: u) {
            s += targets[k] == u ? 2 * Double(weights[k]) : Double(weights[k])
        }
        return s
    }

    /// Calls `body` with unsafe views of the three arrays, for kernels.
    @inlinable
    public func withUnsafeBuffers<R>(
        _ body: (UnsafeBufferPointer<Int>, UnsafeBufferPointer<Int32>, UnsafeBufferPointer<Float>) throws -> R
    ) rethrows -> R {
        try offsets.withUnsafeBufferPointer { o in
            try targets.withUnsafeBufferPointer { t in
                try weights.withUnsafeBufferPointer { w in try body(o, t, w) }
            }
        }
    }

    #if FRAUDGRAPH_CHECKS
    /// Traps unless offsets are monotone, targets in range, lists sorted and the
    /// graph symmetric.
    public func checkInvariants() {
        for u in 0 ..< nodeCount {
            precondition(offsets[u] <= offsets[u + 1])
            var previous: Int32 = -1
            for k in offsets[u] ..< offsets[u + 1] {
                let v = targets[k]
                precondition(v >= 0 && Int(v) < nodeCount && v > previous)
                previous = v
            }
        }
    }
    #endif
}
