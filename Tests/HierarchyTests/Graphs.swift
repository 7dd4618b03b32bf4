import FraudGraph

/// Small standard graphs for the tests.
enum Graphs {
    /// Zachary's karate club (1977), 34 members, 78 friendships, unweighted.
    static let karateEdges: [(Int32, Int32)] = {
        let flat: [Int32] = [
            0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8, 0, 10, 0, 11, 0, 12, 0, 13, 0, 17, 0, 19, 0, 21, 0, 31,
            1, 2, 1, 3, 1, 7, 1, 13, 1, 17, 1, 19, 1, 21, 1, 30, 2, 3, 2, 7, 2, 8, 2, 9, 2, 13, 2, 27, 2, 28, 2, 32,
            3, 7, 3, 12, 3, 13, 4, 6, 4, 10, 5, 6, 5, 10, 5, 16, 6, 16, 8, 30, 8, 32, 8, 33, 9, 33, 13, 33, 14, 32,
            14, 33, 15, 32, 15, 33, 18, 32, 18, 33, 19, 33, 20, 32, 20, 33, 22, 32, 22, 33, 23, 25, 23, 27, 23, 29,
            23, 32, 23, 33, 24, 25, 24, 27, 24, 31, 25, 31, 26, 29, 26, 33, 27, 33, 28, 31, 28, 33, 29, 32, 29, 33,
            30, 32, 30, 33, 31, 32, 31, 33, 32, 33,
        ]
        return stride(from: 0, to: flat.count, by: 2).map { (flat[$0], flat[$0 + 1]) }
    }()

    static var karate: WeightedGraph {
        WeightedGraph(nodeCount: 34, sources: karateEdges.map(\.0), destinations: karateEdges.map(\.1), weights: nil as [Float]?)
    }

    /// A directed graph from (source, target, weight) triples.
    static func directed(_ n: Int, _ arcs: [(Int32, Int32, Float)]) -> DirectedGraph {
        DirectedGraph(nodeCount: n, sources: arcs.map(\.0), destinations: arcs.map(\.1), weights: arcs.map(\.2))
    }

    /// The small directed example: a weighted 3-cycle 0 -> 1 -> 2 -> 0 with a tail 2 -> 3 -> 4.
    static var cycleWithTail: DirectedGraph { directed(5, [(0, 1, 1), (1, 2, 2), (2, 0, 1), (2, 3, 3), (3, 4, 1)]) }

    /// A seeded random directed graph with weights in 1...5.
    static func random(nodes n: Int, arcs m: Int, seed: UInt64) -> DirectedGraph {
        var rng = TestRandom(seed: seed)
        var arcs: [(Int32, Int32, Float)] = []
        while arcs.count < m {
            let u = Int32(rng.next() % UInt64(n)), v = Int32(rng.next() % UInt64(n))
            if u != v { arcs.append((u, v, Float(1 + rng.next() % 5))) }
        }
        return directed(n, arcs)
    }
}

struct TestRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E4B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
