import Testing
@testable import MoneyFlow

@Suite("MaxFlow")
struct MaxFlowTests {
    @Test("the textbook network (Cormen et al., figure 26.1): 23")
    func textbook() {
        var g = MaxFlow(nodes: 6)
        for (u, v, c) in [(0, 1, 16), (0, 2, 13), (2, 1, 4), (1, 3, 12), (3, 2, 9), (2, 4, 14), (4, 3, 7), (3, 5, 20), (4, 5, 4)] {
            g.addEdge(from: u, to: v, capacity: Int64(c))
        }
        let (value, flow) = g.run(source: 0, sink: 5)
        #expect(value == 23)
        #expect(flow[0] + flow[1] == 23)
    }

    @Test func noPathNoFlow() {
        var g = MaxFlow(nodes: 3)
        g.addEdge(from: 0, to: 1, capacity: 5)
        #expect(g.run(source: 0, sink: 2).value == 0)
    }

    /// Edmonds–Karp on an adjacency matrix: the plain reference.
    static func reference(_ n: Int, _ edges: [(Int, Int, Int64)], _ s: Int, _ t: Int) -> Int64 {
        var cap = [[Int64]](repeating: [Int64](repeating: 0, count: n), count: n)
        for (u, v, c) in edges { cap[u][v] += c }
        var total: Int64 = 0
        while true {
            var parent = [Int](repeating: -1, count: n)
            parent[s] = s
            var queue = [s]
            while !queue.isEmpty && parent[t] < 0 {
                let u = queue.removeFirst()
                for v in 0 ..< n where parent[v] < 0 && cap[u][v] > 0 { parent[v] = u; queue.append(v) }
            }
            if parent[t] < 0 { return total }
            var b = Int64.max
            var v = t
            while v != s { b = min(b, cap[parent[v]][v]); v = parent[v] }
            v = t
            while v != s { cap[parent[v]][v] -= b; cap[v][parent[v]] += b; v = parent[v] }
            total += b
        }
    }

    @Test("random networks: the same value as Edmonds–Karp, and a valid flow")
    func agreesWithReference() {
        var rng = SplitMix(seed: 11)
        for _ in 0 ..< 300 {
            let n = 2 + rng.below(9)
            var edges: [(Int, Int, Int64)] = []
            for _ in 0 ..< rng.below(30) {
                let u = rng.below(n), v = rng.below(n)
                if u != v { edges.append((u, v, Int64(rng.below(20)))) }
            }
            var g = MaxFlow(nodes: n)
            for (u, v, c) in edges { g.addEdge(from: u, to: v, capacity: c) }
            let (value, flow) = g.run(source: 0, sink: n - 1)
            #expect(value == Self.reference(n, edges, 0, n - 1))
            // Capacity and conservation.
            var net = [Int64](repeating: 0, count: n)
            for (e, (u, v, c)) in edges.enumerated() {
                #expect(flow[e] >= 0 && flow[e] <= c)
                net[u] -= flow[e]; net[v] += flow[e]
            }
            for v in 1 ..< n - 1 { #expect(net[v] == 0) }
            #expect(net[n - 1] == value)
        }
    }
}
