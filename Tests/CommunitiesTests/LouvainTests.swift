import Communities
import FraudGraph
import Testing

@Suite("Louvain")
struct LouvainTests {
    @Test("Zachary's karate club: modularity above 0.41")
    func karate() {
        let g = Graphs.karate
        for seed: UInt64 in [1, 2, 42] {
            let q = Modularity.of(Louvain(seed: seed).run(on: g), in: g)
            #expect(q > 0.41, "seed \(seed): \(q)")
        }
    }

    @Test("covers every node once, deterministic for a seed")
    func coversAndDeterministic() {
        let g = Graphs.random(250, p: 0.03, weighted: true, seed: 11)
        let p = Louvain(seed: 3).run(on: g)
        #expect(p.nodeCount == 250 && p.sizes().reduce(0, +) == 250 && p.sizes().allSatisfy { $0 > 0 })
        #expect(p == Louvain(seed: 3).run(on: g))
        #expect(Louvain(quality: .cpm, resolution: 0.1, seed: 3).run(on: g) == Louvain(quality: .cpm, resolution: 0.1, seed: 3).run(on: g))
    }

    @Test("exhaustive tiny graphs: never above the best partition, finds it on most")
    func exhaustive() {
        var optimal = 0, total = 0
        for seed in 0 ..< 30 {
            let n = 5 + seed % 3
            let g = Graphs.random(n, p: 0.5, seed: UInt64(300 + seed))
            let best = Graphs.allPartitions(n).map { Modularity.of($0, in: g) }.max()!
            let found = Modularity.of(Louvain(seed: UInt64(seed)).run(on: g), in: g)
            #expect(found <= best + 1e-9)
            total += 1
            if found >= best - 1e-9 { optimal += 1 }
        }
        #expect(Double(optimal) >= 0.8 * Double(total), "optimal on \(optimal) of \(total)")
    }
}

@Suite("LabelPropagation")
struct LabelPropagationTests {
    @Test("two cliques joined by one edge: two communities")
    func twoCliques() {
        var edges: [(Int32, Int32)] = []
        for base: Int32 in [0, 6] { for i in 0 ..< Int32(6) { for j in i + 1 ..< 6 { edges.append((base + i, base + j)) } } }
        edges.append((5, 6))
        let p = LabelPropagation(seed: 1).run(on: Graphs.graph(12, edges))
        #expect(p.membership == [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1])
    }

    @Test("every node ends with a heaviest label of its neighbours; deterministic; covers all nodes")
    func stable() {
        let g = Graphs.random(300, p: 0.02, weighted: true, seed: 21)
        let p = LabelPropagation(seed: 5).run(on: g)
        #expect(p == LabelPropagation(seed: 5).run(on: g))
        #expect(p.nodeCount == 300 && p.sizes().allSatisfy { $0 > 0 })
        for u in 0 ..< Int32(300) where g.degree(of: u) > 0 {
            var weight: [Int32: Double] = [:]
            for k in g.neighborRange(of: u) where g.targets[k] != u { weight[p[g.targets[k]], default: 0] += Double(g.weights[k]) }
            let best = weight.values.max() ?? 0
            #expect((weight[p[u]] ?? 0) == best, "node \(u)")
        }
    }
}
