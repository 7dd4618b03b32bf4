/// A directed weighted graph in CSR form, with both directions at hand: the
/// out-neighbours of `u` are `outTargets[outOffsets[u] ..< outOffsets[u + 1]]`, the
/// in-neighbours `inSources[inOffsets[u] ..< inOffsets[u + 1]]`, both sorted.
/// Parallel arcs are merged by adding weights; self-loops are kept.
public struct DirectedGraph: Sendable {
    public let outOffsets: ContiguousArray<Int>
    public let outTargets: ContiguousArray<Int32>
    public let outWeights: ContiguousArray<Float>
    public let inOffsets: ContiguousArray<Int>
    public let inSources: ContiguousArray<Int32>
    public let inWeights: ContiguousArray<Float>

    /// A graph of `nodeCount` nodes with arc `i` from `sources[i]` to
    /// `destinations[i]` of weight `weights[i]` (1 when nil); arcs of weight 0 or
    /// less are dropped.
    /// - Complexity: O(n + m).
    public init(nodeCount: Int, sources: some Collection<Int32>, destinations: some Collection<Int32>, weights: (some Collection<Float>)?) {
        let src = ContiguousArray(sources), dst = ContiguousArray(destinations)
        precondition(src.count == dst.count)
        let w = weights.map { ContiguousArray($0) } ?? ContiguousArray(repeating: 1, count: src.count)
        (outOffsets, outTargets, outWeights) = DirectedGraph.buildCSR(nodeCount: nodeCount, from: src, to: dst, weights: w)
        (inOffsets, inSources, inWeights) = DirectedGraph.buildCSR(nodeCount: nodeCount, from: dst, to: src, weights: w)
    }

    /// Number of nodes.
    @inlinable public var nodeCount: Int { outOffsets.count - 1 }

    /// Number of distinct arcs.
    @inlinable public var arcCount: Int { outTargets.count }

    /// Positions of `u`'s out-arcs in `outTargets`/`outWeights`.
    @inlinable public func outRange(of u: Int32) -> Range<Int> { outOffsets[Int(u)] ..< outOffsets[Int(u) + 1] }

    /// Positions of `u`'s in-arcs in `inSources`/`inWeights`.
    @inlinable public func inRange(of u: Int32) -> Range<Int> { inOffsets[Int(u)] ..< inOffsets[Int(u) + 1] }

    /// The same graph with every arc turned round.
    public var reversed: DirectedGraph {
        DirectedGraph(outOffsets: inOffsets, outTargets: inSources, outWeights: inWeights,
                      inOffsets: outOffsets, inSources: outTargets, inWeights: outWeights)
    }

    /// The undirected graph with the same ties: arcs both ways are merged by summing.
    public var undirected: WeightedGraph {
        var s = ContiguousArray<Int32>(), d = ContiguousArray<Int32>()
        s.reserveCapacity(arcCount); d.reserveCapacity(arcCount)
        for u in 0 ..< nodeCount {
            for k in outOffsets[u] ..< outOffsets[u + 1] {
                s.append(Int32(u)); d.append(outTargets[k])
            }
        }
        return WeightedGraph(nodeCount: nodeCount, sources: s, destinations: d, weights: outWeights)
    }

    private init(outOffsets: ContiguousArray<Int>, outTargets: ContiguousArray<Int32>, outWeights: ContiguousArray<Float>,
                 inOffsets: ContiguousArray<Int>, inSources: ContiguousArray<Int32>, inWeights: ContiguousArray<Float>) {
        self.outOffsets = outOffsets; self.outTargets = outTargets; self.outWeights = outWeights
        self.inOffsets = inOffsets; self.inSources = inSources; self.inWeights = inWeights
    }

    private static func buildCSR(
        nodeCount n: Int, from src: ContiguousArray<Int32>, to dst: ContiguousArray<Int32>, weights w: ContiguousArray<Float>
    ) -> (ContiguousArray<Int>, ContiguousArray<Int32>, ContiguousArray<Float>) {
        var start = [Int](repeating: 0, count: n + 1)
        var kept = 0
        for i in 0 ..< src.count where w[i] > 0 {
            precondition(src[i] >= 0 && Int(src[i]) < n && dst[i] >= 0 && Int(dst[i]) < n, "node index out of range")
            start[Int(dst[i]) + 1] += 1
            kept += 1
        }
        for u in 0 ..< n { start[u + 1] += start[u] }
        // Bucket by destination, then stably by source: lists sorted by target.
        var bySrc = ContiguousArray<Int32>(repeating: 0, count: kept)
        var byDst = ContiguousArray<Int32>(repeating: 0, count: kept)
        var byW = ContiguousArray<Float>(repeating: 0, count: kept)
        var cursor = start
        for i in 0 ..< src.count where w[i] > 0 {
            let k = cursor[Int(dst[i])]; cursor[Int(dst[i])] += 1
            bySrc[k] = src[i]; byDst[k] = dst[i]; byW[k] = w[i]
        }
        var srcStart = [Int](repeating: 0, count: n + 1)
        for k in 0 ..< kept { srcStart[Int(bySrc[k]) + 1] += 1 }
        for u in 0 ..< n { srcStart[u + 1] += srcStart[u] }
        var targets = ContiguousArray<Int32>(repeating: 0, count: kept)
        var weights = ContiguousArray<Float>(repeating: 0, count: kept)
        cursor = srcStart
        for k in 0 ..< kept {
            let u = Int(bySrc[k])
            let p = cursor[u]; cursor[u] += 1
            targets[p] = byDst[k]; weights[p] = byW[k]
        }
        var offsets = ContiguousArray<Int>(repeating: 0, count: n + 1)
        var write = 0
        for u in 0 ..< n {
            var k = srcStart[u]
            let hi = srcStart[u + 1]
            while k < hi {
                let t = targets[k]
                var sum = weights[k]
                k += 1
                while k < hi && targets[k] == t { sum += weights[k]; k += 1 }
                targets[write] = t; weights[write] = sum
                write += 1
            }
            offsets[u + 1] = write
        }
        targets.removeLast(kept - write)
        weights.removeLast(kept - write)
        return (offsets, targets, weights)
    }
}
