import Communities
import FraudGraph

/// Graphs and reference answers shared by the community tests.
enum Graphs {
    /// Zachary's karate club (W. W. Zachary 1977): 34 members, 78 ties. The best
    /// modularity is 0.41979 with 4 groups (Brandes et al. 2008).
    static let karateEdges: [(Int32, Int32)] = [
        (0, 1), (0, 2), (0, 3), (0, 4), (0, 5), (0, 6), (0, 7), (0, 8), (0, 10), (0, 11), (0, 12), (0, 13), (0, 17), (0, 19),
        (0, 21), (0, 31), (1, 2), (1, 3), (1, 7), (1, 13), (1, 17), (1, 19), (1, 21), (1, 30), (2, 3), (2, 7), (2, 27), (2, 28),
        (2, 32), (2, 9), (2, 8), (2, 13), (3, 7), (3, 12), (3, 13), (4, 6), (4, 10), (5, 6), (5, 10), (5, 16), (6, 16), (8, 30),
        (8, 32), (8, 33), (9, 33), (13, 33), (14, 32), (14, 33), (15, 32), (15, 33), (18, 32), (18, 33), (19, 33), (20, 32),
        (20, 33), (22, 32), (22, 33), (23, 25), (23, 27), (23, 32), (23, 33), (23, 29), (24, 25), (24, 27), (24, 31), (25, 31),
        (26, 29), (26, 33), (27, 33), (28, 31), (28, 33), (29, 32), (29, 33), (30, 32), (30, 33), (31, 32), (31, 33), (32, 33),
    ]

    static var karate: WeightedGraph { graph(34, karateEdges) }

    static func graph(_ n: Int, _ edges: [(Int32, Int32)], weights: [Float]? = nil) -> WeightedGraph {
        WeightedGraph(nodeCount: n, sources: edges.map(\.0), destinations: edges.map(\.1), weights: weights)
    }

    /// A random graph: each of the n(n-1)/2 pairs is an edge with probability p, of
    /// weight 1 or a random weight in 1...4.
    static func random(_ n: Int, p: Double, weighted: Bool = false, seed: UInt64) -> WeightedGraph {
        var r = TestRandom(seed)
        var edges: [(Int32, Int32)] = [], w: [Float] = []
        for u in 0 ..< n {
            for v in u + 1 ..< n where r.unit() < p {
                edges.append((Int32(u), Int32(v)))
                w.append(weighted ? Float(1 + r.below(4)) : 1)
            }
        }
        return graph(n, edges, weights: w)
    }

    /// `count` cliques of `size` nodes, clique i joined to clique i+1 (mod count) by one
    /// edge: the resolution-limit example of Fortunato & Barthélemy (2007). With many
    /// small cliques, plain modularity prefers pairs of cliques to single ones.
    static func ringOfCliques(count: Int, size: Int) -> WeightedGraph {
        var edges: [(Int32, Int32)] = []
        for c in 0 ..< count {
            let base = c * size
            for i in 0 ..< size { for j in i + 1 ..< size { edges.append((Int32(base + i), Int32(base + j))) } }
            edges.append((Int32(base + size - 1), Int32(((c + 1) % count) * size)))
        }
        return graph(count * size, edges)
    }

    /// Every partition of `0 ..< n` (restricted growth strings), for exhaustive checks
    /// on tiny graphs. Bell(8) = 4140.
    static func allPartitions(_ n: Int) -> [Partition] {
        var out: [Partition] = []
        var labels = [Int32](repeating: 0, count: n)
        func extend(_ i: Int, _ used: Int32) {
            if i == n { out.append(Partition(labels: labels)); return }
            for l in 0 ... used {
                labels[i] = l
                extend(i + 1, l == used ? used + 1 : used)
            }
        }
        if n == 0 { return [Partition(labels: [])] }
        labels[0] = 0
        extend(1, 1)
        return out
    }

    /// Whether every community of `p` induces a connected subgraph.
    static func communitiesAreConnected(_ p: Partition, in g: WeightedGraph) -> Bool {
        var seen = [Bool](repeating: false, count: g.nodeCount)
        var components = 0
        for s in 0 ..< g.nodeCount where !seen[s] {
            components += 1
            var stack = [Int32(s)]
            seen[s] = true
            while let u = stack.popLast() {
                for k in g.neighborRange(of: u) {
                    let v = g.targets[k]
                    if !seen[Int(v)] && p[v] == p[u] { seen[Int(v)] = true; stack.append(v) }
                }
            }
        }
        return components == p.count
    }

    /// Modularity straight from the definition, `(1/2m) Σ_ij [A_ij − γ k_i k_j / 2m] δ(c_i, c_j)`,
    /// over a dense adjacency matrix: the naive reference.
    static func naiveModularity(_ p: Partition, _ g: WeightedGraph, resolution: Double = 1) -> Double {
        let n = g.nodeCount
        var a = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for u in 0 ..< n {
            for k in g.neighborRange(of: Int32(u)) {
                let v = Int(g.targets[k])
                a[u][v] = v == u ? 2 * Double(g.weights[k]) : Double(g.weights[k])
            }
        }
        let k = a.map { $0.reduce(0, +) }
        let twoM = k.reduce(0, +)
        guard twoM > 0 else { return 0 }
        var q = 0.0
        for i in 0 ..< n { for j in 0 ..< n where p.membership[i] == p.membership[j] { q += a[i][j] - resolution * k[i] * k[j] / twoM } }
        return q / twoM
    }
}

/// A tiny deterministic generator for test inputs (64-bit LCG, high bits).
struct TestRandom {
    var state: UInt64
    init(_ seed: UInt64) { state = seed &* 2862933555777941757 &+ 3037000493 }
    mutating func next() -> UInt64 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return state >> 11
    }
    mutating func unit() -> Double { Double(next()) / Double(1 << 53) }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}
