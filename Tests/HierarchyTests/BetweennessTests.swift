import FraudGraph
import Foundation
import Testing
@testable import Hierarchy

@Suite struct BetweennessTests {
    @Test func karateClubMatchesNetworkx() {
        // networkx 3.6.1: nx.betweenness_centrality(karate)
        let b = Betweenness().run(on: Graphs.karate)
        #expect(abs(b.values[0] - 0.43763528138528146) < 1e-12)
        #expect(abs(b.values[2] - 0.14365680615680618) < 1e-12)
        #expect(abs(b.values[31] - 0.13827561327561325) < 1e-12)
        #expect(abs(b.values[33] - 0.30407497594997596) < 1e-12)
        #expect(b.sampledSources == nil && b.errorBound == nil)
        var raw = Betweenness()
        raw.normalized = false
        #expect(abs(raw.run(on: Graphs.karate).values[0] - 231.0714285714286) < 1e-9)
    }

    @Test func directedWorkedExample() {
        // 0 -> 1 -> 2 -> 0, 2 -> 3 -> 4. Node 2 lies on 0->3, 0->4, 1->0, 1->3, 1->4:
        // 5 of the 12 ordered pairs = 0.41666...
        let b = Betweenness().run(on: Graphs.cycleWithTail)
        let expected = [1.0 / 12, 0.25, 5.0 / 12, 0.25, 0]
        for i in 0 ..< 5 { #expect(abs(b.values[i] - expected[i]) < 1e-12) }
    }

    @Test func weightedLengthsChooseTheShortRoute() {
        // 0 -> 1 -> 3 costs 2; 0 -> 2 -> 3 costs 10: only 1 is between 0 and 3.
        let g = Graphs.directed(4, [(0, 1, 1), (1, 3, 1), (0, 2, 5), (2, 3, 5)])
        var byWeight = Betweenness()
        byWeight.length = .weight
        byWeight.normalized = false
        let b = byWeight.run(on: g)
        #expect(b.values == [0, 1, 0, 0])
        var byHops = byWeight
        byHops.length = .hops
        #expect(byHops.run(on: g).values == [0, 0.5, 0.5, 0])
        var byStrength = byWeight
        byStrength.length = .inverseWeight
        #expect(byStrength.run(on: g).values == [0, 0, 1, 0])
    }

    @Test func samplingEveryNodeIsExact() {
        var all = Betweenness()
        all.samples = 34
        let exact = Betweenness().run(on: Graphs.karate)
        let sampled = all.run(on: Graphs.karate)
        for i in 0 ..< 34 { #expect(abs(exact.values[i] - sampled.values[i]) < 1e-12) }
    }

    @Test func sampledValuesStayWithinTheStatedBound() {
        let g = Graphs.random(nodes: 400, arcs: 1600, seed: 11)
        let exact = Betweenness().run(on: g)
        var sampler = Betweenness()
        sampler.samples = 100
        let a = sampler.run(on: g)
        #expect(a.sampledSources == 100)
        let bound = try! #require(a.errorBound)
        // eps = n/(n-1) sqrt(ln(2n/delta) / 2k) with n = 400, k = 100, delta = 0.05.
        #expect(abs(bound - 400.0 / 399 * (log(2 * 400 / 0.05) / 200).squareRoot()) < 1e-12)
        var worst = 0.0
        for i in 0 ..< 400 { worst = max(worst, abs(a.values[i] - exact.values[i])) }
        #expect(worst <= bound)
        // Same seed, same sample; another seed, another estimate.
        #expect(sampler.run(on: g).values == a.values)
        sampler.seed = 7
        #expect(sampler.run(on: g).values != a.values)
    }
}
