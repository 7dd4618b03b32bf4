import FraudGraph

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Betweenness centrality by Brandes's algorithm (2001): for every source, one
/// shortest-path search, then dependencies accumulated backwards. The conventions
/// are networkx's `betweenness_centrality`: endpoints not counted; on an undirected
/// graph each pair counts once; normalised values are divided by `(n-1)(n-2)`.
///
/// Exact when `samples` is nil or at least the number of nodes. Otherwise `samples`
/// sources are drawn uniformly without replacement (Brandes and Pich 2007) and the
/// sums scaled by `n / samples`; by Hoeffding's inequality and a union bound over
/// the nodes, every normalised value is then within
/// `ε = n/(n-1) · sqrt(ln(2n/δ) / (2 · samples))` of the exact one with probability
/// at least `1 - δ` (`failureProbability`); the result states `ε` and `δ`.
public struct Betweenness: Sendable {
    /// What a path's length is.
    public enum Length: String, Sendable, CaseIterable {
        /// Every tie has length 1 (networkx `weight=None`).
        case hops
        /// A tie's weight is its length (networkx `weight="weight"`).
        case weight
        /// A tie's length is 1 / weight: strong ties are short (calls, money).
        case inverseWeight
    }

    public var length = Length.hops
    /// Divide by `(n-1)(n-2)`, the number of ordered pairs that could pass through a node.
    public var normalized = true
    /// Sources to sample; nil for the exact value.
    public var samples: Int?
    /// Seed of the source sample.
    public var seed: UInt64 = 42
    /// `δ` of the stated error bound of a sampled run.
    public var failureProbability = 0.05

    public init() {}

    /// Betweenness of every node of a directed graph (paths follow arcs).
    /// - Complexity: O(k · m) with hops, O(k · m log n) with lengths, for `k`
    ///   sources (all `n` when exact).
    public func run(on graph: DirectedGraph) -> CentralityScores { run(Adjacency(graph)) }

    /// Betweenness of every node of an undirected graph.
    public func run(on graph: WeightedGraph) -> CentralityScores { run(Adjacency(graph)) }

    /// The error bound `ε` of a run sampling `samples` of `n` sources (see above).
    public static func errorBound(nodes n: Int, samples: Int, failureProbability delta: Double) -> Double {
        guard n > 2, samples > 0 else { return 0 }
        let range = Double(n) / Double(n - 1)
        return range * (log(2 * Double(n) / delta) / (2 * Double(samples))).squareRoot()
    }

    func run(_ g: Adjacency) -> CentralityScores {
        let n = g.nodeCount
        var sources = ContiguousArray<Int32>(0 ..< Int32(n))
        var sampled: Int? = nil
        if let k = samples, k < n {
            var rng = SplitMix64(seed: seed)
            for i in 0 ..< k {
                let j = i + Int(rng.next() % UInt64(n - i))
                sources.swapAt(i, j)
            }
            sources.removeLast(n - k)
            sources.sort()
            sampled = k
        }
        var total = ContiguousArray<Double>(repeating: 0, count: n)
        var search = ShortestPaths(nodeCount: n)
        for s in sources {
            if length == .hops { search.breadthFirst(g, from: s) } else { search.dijkstra(g, from: s, inverse: length == .inverseWeight) }
            search.accumulate(g, source: s, length: length, into: &total)
        }
        // MARK: - Scaling (networkx's _rescale)
        var scale = 1.0
        if normalized {
            scale = n > 2 ? 1 / (Double(n - 1) * Double(n - 2)) : 1
            if n <= 2 { scale = 1 }
        } else if !g.directed {
            scale = 0.5
        }
        if let k = sampled { scale *= Double(n) / Double(k) }
        if normalized && n <= 2 { for i in 0 ..< n { total[i] = 0 } }
        for i in 0 ..< n { total[i] *= scale }
        if let k = sampled {
            return CentralityScores(measure: .betweenness, values: total, sampledSources: k,
                                    errorBound: Betweenness.errorBound(nodes: n, samples: k, failureProbability: failureProbability),
                                    failureProbability: failureProbability)
        }
        return CentralityScores(measure: .betweenness, values: total)
    }
}

/// The working arrays of one shortest-path search of Brandes's algorithm, reused
/// from source to source.
struct ShortestPaths {
    /// Nodes in the order they were settled.
    var settled: ContiguousArray<Int32> = []
    /// Distance from the source (hops or length); -1 / infinity when unreached.
    var distance: ContiguousArray<Double>
    /// Number of shortest paths from the source.
    var sigma: ContiguousArray<Double>
    /// Dependency of the source on each node.
    var delta: ContiguousArray<Double>
    var done: ContiguousArray<Bool>
    var heap = MinHeap()

    init(nodeCount n: Int) {
        distance = ContiguousArray(repeating: .infinity, count: n)
        sigma = ContiguousArray(repeating: 0, count: n)
        delta = ContiguousArray(repeating: 0, count: n)
        done = ContiguousArray(repeating: false, count: n)
        settled.reserveCapacity(n)
    }

    /// Resets what the previous search touched.
    private mutating func reset() {
        for v in settled {
            distance[Int(v)] = .infinity; sigma[Int(v)] = 0; delta[Int(v)] = 0; done[Int(v)] = false
        }
        settled.removeAll(keepingCapacity: true)
    }

    // MARK: - Searches

    /// Breadth-first search from `s` along out-arcs.
    mutating func breadthFirst(_ g: Adjacency, from s: Int32) {
        reset()
        distance[Int(s)] = 0; sigma[Int(s)] = 1; done[Int(s)] = true
        settled.append(s)
        var head = 0
        g.outOffsets.withUnsafeBufferPointer { off in
            g.outTargets.withUnsafeBufferPointer { tg in
                distance.withUnsafeMutableBufferPointer { dist in
                    sigma.withUnsafeMutableBufferPointer { sg in
                        done.withUnsafeMutableBufferPointer { seen in
                            while head < settled.count {
                                let v = Int(settled[head]); head += 1
                                let dv = dist[v] + 1
                                let sv = sg[v]
                                for k in off[v] ..< off[v + 1] {
                                    let w = Int(tg[k])
                                    if !seen[w] {
                                        seen[w] = true
                                        dist[w] = dv
                                        settled.append(Int32(w))
                                    }
                                    if dist[w] == dv { sg[w] += sv }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Dijkstra's search from `s` along out-arcs, a tie's length its weight (or 1 / weight).
    mutating func dijkstra(_ g: Adjacency, from s: Int32, inverse: Bool) {
        reset()
        heap.removeAll()
        distance[Int(s)] = 0; sigma[Int(s)] = 1
        heap.push(0, s)
        // `done` marks settled nodes; a node can be pushed several times.
        var touched = ContiguousArray<Int32>([s])
        while !heap.isEmpty {
            let (d, v) = heap.pop()
            let vi = Int(v)
            if done[vi] || d > distance[vi] { continue }
            done[vi] = true
            settled.append(v)
            for k in g.outOffsets[vi] ..< g.outOffsets[vi + 1] {
                let w = Int(g.outTargets[k])
                if done[w] { continue }
                let len = inverse ? 1 / Double(g.outWeights[k]) : Double(g.outWeights[k])
                let alt = d + len
                if alt < distance[w] {
                    if distance[w] == .infinity { touched.append(Int32(w)) }
                    distance[w] = alt
                    sigma[w] = sigma[vi]
                    heap.push(alt, Int32(w))
                } else if alt == distance[w] {
                    sigma[w] += sigma[vi]
                }
            }
        }
        // Nodes reached but never settled cannot exist (every push is popped); keep
        // `touched` so reset() clears all that was written.
        for v in touched where !done[Int(v)] { distance[Int(v)] = .infinity; sigma[Int(v)] = 0 }
    }

    // MARK: - Accumulation

    /// Adds the dependencies of source `s` to `total` (Brandes's backward pass).
    /// Predecessors are found again from the in-lists: `v` precedes `w` when
    /// `distance[v] + length(v, w) == distance[w]`.
    mutating func accumulate(_ g: Adjacency, source s: Int32, length: Betweenness.Length, into total: inout ContiguousArray<Double>) {
        let count = settled.count
        g.inOffsets.withUnsafeBufferPointer { off in
            g.inSources.withUnsafeBufferPointer { src in
                g.inWeights.withUnsafeBufferPointer { wt in
                    settled.withUnsafeBufferPointer { order in
                        distance.withUnsafeBufferPointer { dist in
                            sigma.withUnsafeBufferPointer { sg in
                                done.withUnsafeBufferPointer { reached in
                                    delta.withUnsafeMutableBufferPointer { dl in
                                        total.withUnsafeMutableBufferPointer { tot in
                                            var i = count - 1
                                            while i >= 0 {
                                                let w = Int(order[i]); i -= 1
                                                let dw = dist[w]
                                                let coefficient = (1 + dl[w]) / sg[w]
                                                var k = off[w]
                                                let end = off[w + 1]
                                                switch length {
                                                case .hops:
                                                    let before = dw - 1
                                                    while k < end {
                                                        let v = Int(src[k]); k += 1
                                                        if reached[v] && dist[v] == before { dl[v] += sg[v] * coefficient }
                                                    }
                                                case .weight, .inverseWeight:
                                                    let inverse = length == .inverseWeight
                                                    while k < end {
                                                        let v = Int(src[k])
                                                        let len = inverse ? 1 / Double(wt[k]) : Double(wt[k])
                                                        k += 1
                                                        if v != w && reached[v] && dist[v] + len == dw { dl[v] += sg[v] * coefficient }
                                                    }
                                                }
                                                if w != Int(s) { tot[w] += dl[w] }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A small, fast, seedable generator (Steele, Lea and Flood 2014).
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E4B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
