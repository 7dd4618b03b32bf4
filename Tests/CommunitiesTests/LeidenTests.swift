import Foundation
import Communities
import FraudGraph
import Testing

@Suite("Leiden")
struct LeidenTests {
    @Test("Zachary's karate club: modularity reaches the best known 0.41979, in 4 groups, for every seed tried")
    func karate() {
        let g = Graphs.karate
        for seed: UInt64 in [1, 2, 3, 42, 1234] {
            let p = Leiden(seed: seed).run(on: g)
            let q = Modularity.of(p, in: g)
            #expect(q >= 0.4197, "seed \(seed): \(q)")
            #expect(p.count == 4)
        }
    }

    @Test("every node in exactly one community, communities connected, on random graphs")
    func coversAndConnected() {
        for (i, (n, p)) in [(1, 0.0), (2, 0.0), (30, 0.05), (60, 0.08), (200, 0.02), (120, 0.3)].enumerated() {
            let g = Graphs.random(n, p: p, weighted: i % 2 == 0, seed: UInt64(i))
            for quality in QualityFunction.allCases {
                let partition = Leiden(quality: quality, resolution: quality == .cpm ? 0.1 : 1, seed: 9).run(on: g)
                #expect(partition.nodeCount == n)
                #expect(partition.sizes().allSatisfy { $0 > 0 })
                #expect(partition.sizes().reduce(0, +) == n)
                #expect(partition == Partition(labels: partition.membership), "canonical numbering")
                #expect(Graphs.communitiesAreConnected(partition, in: g), "n \(n), \(quality)")
            }
        }
    }

    @Test("the same seed gives the same partition")
    func deterministic() {
        let g = Graphs.random(300, p: 0.03, weighted: true, seed: 5)
        let a = Leiden(seed: 7).run(on: g), b = Leiden(seed: 7).run(on: g)
        #expect(a == b)
        let c = Leiden(quality: .cpm, resolution: 0.05, seed: 7).run(on: g)
        #expect(c == Leiden(quality: .cpm, resolution: 0.05, seed: 7).run(on: g))
    }

    @Test("exhaustive tiny graphs: never above the best partition, and finds it on most (igraph's Leiden also stops short on some)")
    func exhaustive() {
        var optimal = 0, total = 0
        for seed in 0 ..< 40 {
            let n = 5 + seed % 4
            let g = Graphs.random(n, p: 0.45, weighted: seed % 3 == 0, seed: UInt64(100 + seed))
            let all = Graphs.allPartitions(n)
            for (quality, gamma) in [(QualityFunction.modularity, 1.0), (.cpm, 0.5)] {
                let best = all.map { Modularity.quality(quality, of: $0, in: g, resolution: gamma) }.max()!
                let found = Modularity.quality(quality, of: Leiden(quality: quality, resolution: gamma, iterations: 0).run(on: g), in: g, resolution: gamma)
                #expect(found <= best + 1e-9)
                total += 1
                if found >= best - 1e-9 { optimal += 1 } 
            }
        }
        #expect(Double(optimal) >= 0.8 * Double(total), "optimal on \(optimal) of \(total)")
    }

    @Test("run until stable, no single node can raise the quality by moving (checked naively)")
    func nodeOptimal() {
        for seed in 0 ..< 6 {
            let g = Graphs.random(40, p: 0.12, weighted: seed % 2 == 0, seed: UInt64(500 + seed))
            for (quality, gamma) in [(QualityFunction.modularity, 1.0), (.cpm, 0.3)] {
                let p = Leiden(quality: quality, resolution: gamma, iterations: 0, seed: UInt64(seed)).run(on: g)
                let q = Modularity.quality(quality, of: p, in: g, resolution: gamma)
                var labels = Array(p.membership)
                for v in 0 ..< 40 {
                    let own = labels[v]
                    for c in 0 ... Int32(p.count) where c != own {  // p.count: a new community of its own
                        labels[v] = c
                        let moved = Modularity.quality(quality, of: Partition(labels: labels), in: g, resolution: gamma)
                        #expect(moved <= q + 1e-9, "seed \(seed) \(quality): node \(v) to \(c)")
                    }
                    labels[v] = own
                }
            }
        }
    }

    @Test("modularity's resolution limit: γ = 1 merges small cliques in a ring of cliques, a higher γ does not")
    func resolutionLimit() {
        // 30 cliques of 5 nodes: joining two neighbours raises modularity (Fortunato & Barthélemy 2007).
        let g = Graphs.ringOfCliques(count: 30, size: 5)
        let cliques = Partition(labels: (0 ..< 150).map { Int32($0 / 5) })
        let plain = Leiden().run(on: g)
        #expect(plain.count < 30)
        #expect(Modularity.of(plain, in: g) > Modularity.of(cliques, in: g))
        #expect(Leiden(resolution: 5).run(on: g) == cliques)
        #expect(Leiden(quality: .cpm, resolution: 0.5).run(on: g) == cliques)
    }

    @Test("a starting partition is kept when nothing improves on it")
    func startingPartition() {
        let g = Graphs.ringOfCliques(count: 6, size: 4)
        let cliques = Partition(labels: (0 ..< 24).map { Int32($0 / 4) })
        #expect(Leiden(resolution: 2).run(on: g, startingFrom: cliques) == cliques)
    }

    @Test("an empty graph, and nodes without edges stay alone")
    func edgeless() {
        #expect(Leiden().run(on: Graphs.graph(0, [])).count == 0)
        let g = Graphs.graph(4, [(0, 1)])
        let p = Leiden().run(on: g)
        #expect(p.membership == [0, 0, 1, 2])
    }
}

@Suite("FittedLeiden")
struct FittedLeidenTests {
    @Test("a ring of many small cliques: the fitted γ finds every clique where γ = 1 merges them")
    func ringOfCliques() {
        let g = Graphs.ringOfCliques(count: 60, size: 5)
        let cliques = Partition(labels: (0 ..< 300).map { Int32($0 / 5) })
        let fit = FittedLeiden().run(on: g)
        #expect(fit.partition == cliques)
        #expect(fit.resolution > 5)
        #expect(Leiden().run(on: g).count < 60)
    }

    @Test("its γ is the estimate of its own partition, within the tolerance; same seed, same result")
    func settles() {
        let g = Graphs.random(400, p: 0.02, seed: 3)
        let fit = FittedLeiden().run(on: g)
        let estimate = Modularity.parts(of: fit.partition, in: g).resolutionEstimate.resolution!
        #expect(abs(estimate - fit.resolution) <= 1e-9 * estimate)
        #expect(fit.iterations >= 1 && fit.iterations <= 4)
        #expect(fit == FittedLeiden().run(on: g))
    }
}

@Suite("ResolutionEstimate")
struct ResolutionEstimateTests {
    @Test("worked example: two triangles joined by one edge")
    func twoTriangles() {
        // m = 7, L_in = 6; both groups have strength 7: Σ K² = 98, Σ K²/2m = 7.
        // ω_in = 2·6/7 = 12/7; ω_out = 2·1/(14 − 7) = 2/7;
        // γ = (12/7 − 2/7) / ln 6 = 10 / (7 ln 6).
        let g = Graphs.graph(6, [(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)])
        let parts = Modularity.parts(of: Partition(labels: [0, 0, 0, 1, 1, 1]), in: g)
        #expect(parts.inside == 6 && parts.sumSquaredStrength == 98 && parts.totalWeight == 7)
        let e = parts.resolutionEstimate
        #expect(abs(e.omegaIn - 12.0 / 7) < 1e-12)
        #expect(abs(e.omegaOut - 2.0 / 7) < 1e-12)
        #expect(abs(e.resolution! - 10 / (7 * log(6.0))) < 1e-12)
    }

    @Test("no estimate without signal: one community, or nothing between communities")
    func degenerate() {
        let g = Graphs.graph(6, [(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5)])
        #expect(Modularity.parts(of: .whole(6), in: g).resolutionEstimate.resolution == nil)
        #expect(Modularity.parts(of: Partition(labels: [0, 0, 0, 1, 1, 1]), in: g).resolutionEstimate.resolution == nil)
    }
}
