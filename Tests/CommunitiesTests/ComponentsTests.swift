import Communities
import FraudGraph
import Testing

@Suite("ConnectedComponents")
struct ConnectedComponentsTests {
    @Test("worked example: two paths, a loop and a lone node")
    func worked() {
        let g = Graphs.graph(7, [(0, 1), (1, 2), (3, 4), (5, 5)])
        #expect(ConnectedComponents().run(on: g).membership == [0, 0, 0, 1, 1, 2, 3])
    }

    @Test("random graphs: the same grouping as a breadth-first search")
    func random() {
        for seed in 0 ..< 10 {
            let n = 10 + seed * 17
            let g = Graphs.random(n, p: 1.2 / Double(n), seed: UInt64(seed))
            var label = [Int32](repeating: -1, count: n)
            var next: Int32 = 0
            for s in 0 ..< n where label[s] < 0 {
                label[s] = next
                var queue = [Int32(s)], head = 0
                while head < queue.count {
                    let u = queue[head]; head += 1
                    for k in g.neighborRange(of: u) where label[Int(g.targets[k])] < 0 {
                        label[Int(g.targets[k])] = next
                        queue.append(g.targets[k])
                    }
                }
                next += 1
            }
            #expect(ConnectedComponents().run(on: g) == Partition(labels: label))
        }
    }
}

@Suite("StronglyConnectedComponents")
struct StronglyConnectedComponentsTests {
    @Test("worked example: a money cycle, a chain out of it, a two-way pair")
    func worked() {
        // 0 → 1 → 2 → 0 is a cycle; 2 → 3 → 4 a chain; 5 ⇄ 6.
        let g = DirectedGraph(nodeCount: 7, sources: [0, 1, 2, 2, 3, 5, 6] as [Int32], destinations: [1, 2, 0, 3, 4, 6, 5] as [Int32], weights: nil as [Float]?)
        #expect(StronglyConnectedComponents().run(on: g).membership == [0, 0, 0, 1, 2, 3, 3])
    }

    @Test("random digraphs: two nodes share a component exactly when each reaches the other")
    func random() {
        for seed in 0 ..< 8 {
            let n = 8 + seed * 5
            var r = TestRandom(UInt64(seed))
            var s: [Int32] = [], d: [Int32] = []
            for u in 0 ..< n { for v in 0 ..< n where u != v && r.unit() < 1.5 / Double(n) { s.append(Int32(u)); d.append(Int32(v)) } }
            let g = DirectedGraph(nodeCount: n, sources: s, destinations: d, weights: nil as [Float]?)
            var reach = [[Bool]](repeating: [Bool](repeating: false, count: n), count: n)
            for u in 0 ..< n { reach[u][u] = true }
            for (a, b) in zip(s, d) { reach[Int(a)][Int(b)] = true }
            for k in 0 ..< n { for i in 0 ..< n where reach[i][k] { for j in 0 ..< n where reach[k][j] { reach[i][j] = true } } }
            let p = StronglyConnectedComponents().run(on: g)
            for i in 0 ..< n { for j in 0 ..< n { #expect((p.membership[i] == p.membership[j]) == (reach[i][j] && reach[j][i])) } }
        }
    }

    @Test("a chain of 200,000 arcs does not overflow the stack")
    func longChain() {
        let n = 200_000
        let g = DirectedGraph(nodeCount: n, sources: (0 ..< Int32(n - 1)).map { $0 }, destinations: (1 ..< Int32(n)).map { $0 }, weights: nil as [Float]?)
        #expect(StronglyConnectedComponents().run(on: g).count == n)
    }
}

@Suite("KCore")
struct KCoreTests {
    @Test("worked example: a 4-clique with a pendant, a triangle, a lone node")
    func worked() {
        // Clique 0-1-2-3 (core 3), pendant 4 on 3 (core 1), triangle 5-6-7 (core 2), lone 8.
        let g = Graphs.graph(9, [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3), (3, 4), (5, 6), (6, 7), (5, 7)])
        #expect(Array(KCore().coreNumbers(of: g)) == [3, 3, 3, 3, 1, 2, 2, 2, 0])
        #expect(KCore().core(2, of: g) == [0, 1, 2, 3, 5, 6, 7])
    }

    @Test("random graphs: the same core numbers as naive peeling")
    func random() {
        for seed in 0 ..< 10 {
            let n = 20 + seed * 9
            let g = Graphs.random(n, p: 6.0 / Double(n), seed: UInt64(seed))
            // Naive: for k = 1, 2, ... repeatedly remove nodes with fewer than k neighbours left.
            var core = [Int32](repeating: 0, count: n)
            var alive = [Bool](repeating: true, count: n)
            var k: Int32 = 1
            while alive.contains(true) {
                var changed = true
                while changed {
                    changed = false
                    for u in 0 ..< n where alive[u] {
                        let d = g.neighborRange(of: Int32(u)).filter { Int(g.targets[$0]) != u && alive[Int(g.targets[$0])] }.count
                        if d < k { alive[u] = false; changed = true }
                    }
                }
                for u in 0 ..< n where alive[u] { core[u] = k }
                k += 1
            }
            #expect(Array(KCore().coreNumbers(of: g)) == core)
        }
    }
}
