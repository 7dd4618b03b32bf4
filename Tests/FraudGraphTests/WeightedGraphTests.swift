import FraudGraph
import Testing

@Suite("WeightedGraph")
struct WeightedGraphTests {
    @Test("a triangle with a doubled edge and a loop, checked by hand")
    func worked() {
        // Edges: 0-1 (1), 1-0 (2, merges into 0-1 = 3), 1-2 (1), 0-2 (4), loop 2-2 (5).
        let g = WeightedGraph(nodeCount: 3, sources: [0, 1, 1, 0, 2] as [Int32], destinations: [1, 0, 2, 2, 2] as [Int32],
                              weights: [1, 2, 1, 4, 5] as [Float])
        #expect(g.nodeCount == 3)
        #expect(g.edgeCount == 4)
        #expect(Array(g.targets[g.neighborRange(of: 0)]) == [1, 2])
        #expect(Array(g.weights[g.neighborRange(of: 0)]) == [3, 4])
        #expect(Array(g.targets[g.neighborRange(of: 2)]) == [0, 1, 2])
        #expect(g.strength(of: 0) == 7)
        #expect(g.strength(of: 2) == 4 + 1 + 10)
        #expect(g.totalWeight == 3 + 1 + 4 + 5)
        let total = (0 ..< 3).reduce(0.0) { $0 + g.strength(of: Int32($1)) }
        #expect(total == 2 * g.totalWeight)
    }

    @Test("random multigraphs: symmetric, sorted, merged like a naive dictionary build")
    func random() {
        var x: UInt64 = 7
        func next(_ n: Int) -> Int32 { x = x &* 6364136223846793005 &+ 1442695040888963407; return Int32((x >> 33) % UInt64(n)) }
        for n in [1, 2, 5, 40] {
            var s: [Int32] = [], d: [Int32] = [], w: [Float] = []
            var naive: [Int32: [Int32: Float]] = [:]
            for _ in 0 ..< n * 4 {
                let u = next(n), v = next(n), weight = Float(next(5) + 1)
                s.append(u); d.append(v); w.append(weight)
                naive[u, default: [:]][v, default: 0] += weight
                if u != v { naive[v, default: [:]][u, default: 0] += weight }
            }
            let g = WeightedGraph(nodeCount: n, sources: s, destinations: d, weights: w)
            for u in 0 ..< Int32(n) {
                let expected = (naive[u] ?? [:]).sorted { $0.key < $1.key }
                #expect(Array(g.targets[g.neighborRange(of: u)]) == expected.map(\.key))
                #expect(Array(g.weights[g.neighborRange(of: u)]) == expected.map(\.value))
            }
        }
    }
}

@Suite("DirectedGraph")
struct DirectedGraphTests {
    @Test("out and in lists agree, parallel arcs merge")
    func worked() {
        let g = DirectedGraph(nodeCount: 4, sources: [0, 0, 1, 2, 0] as [Int32], destinations: [1, 2, 2, 0, 1] as [Int32],
                              weights: [1, 1, 2, 3, 4] as [Float])
        #expect(g.arcCount == 4)
        #expect(Array(g.outTargets[g.outRange(of: 0)]) == [1, 2])
        #expect(Array(g.outWeights[g.outRange(of: 0)]) == [5, 1])
        #expect(Array(g.inSources[g.inRange(of: 2)]) == [0, 1])
        #expect(Array(g.inSources[g.inRange(of: 3)]) == [])
        #expect(g.reversed.outTargets[g.reversed.outRange(of: 2)].elementsEqual([0, 1]))
        let u = g.undirected
        #expect(Array(u.targets[u.neighborRange(of: 0)]) == [1, 2])
        #expect(Array(u.weights[u.neighborRange(of: 0)]) == [5, 4])
    }
}
