import FraudGraph
import Testing
@testable import Hierarchy

@Suite struct PageRankTests {
    @Test func karateClubMatchesNetworkx() {
        // networkx 3.6.1: nx.pagerank(karate, tol=1e-12)
        let pr = PageRank().run(on: Graphs.karate)
        #expect(pr.converged)
        #expect(abs(pr.values[0] - 0.09699728539860193) < 1e-9)
        #expect(abs(pr.values[2] - 0.05707850948821541) < 1e-9)
        #expect(abs(pr.values[31] - 0.03715808706641703) < 1e-9)
        #expect(abs(pr.values[33] - 0.10091918232295749) < 1e-9)
        #expect(abs(pr.values.reduce(0, +) - 1) < 1e-12)
    }

    @Test func weightedDirectedWithDanglingNodeMatchesNetworkx() {
        // Node 4 has no out-arc: its rank is spread over all nodes.
        let expected = [0.12174869136552788, 0.17746141688940362, 0.22481723358419792, 0.21729601563940484, 0.25867664252146577]
        let pr = PageRank().run(on: Graphs.cycleWithTail)
        for i in 0 ..< 5 { #expect(abs(pr.values[i] - expected[i]) < 1e-9) }
    }

    @Test func symmetricCycleIsUniform() {
        let g = Graphs.directed(4, [(0, 1, 1), (1, 2, 1), (2, 3, 1), (3, 0, 1)])
        let pr = PageRank().run(on: g)
        for v in pr.values { #expect(abs(v - 0.25) < 1e-12) }
    }

    @Test func agreesWithDensePowerIteration() {
        let g = Graphs.random(nodes: 30, arcs: 90, seed: 3)
        let pr = PageRank().run(on: g)
        // Naive dense version of the same definition.
        let n = 30
        var matrix = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        var strength = [Double](repeating: 0, count: n)
        for u in 0 ..< n {
            for k in g.outRange(of: Int32(u)) {
                matrix[u][Int(g.outTargets[k])] += Double(g.outWeights[k]); strength[u] += Double(g.outWeights[k])
            }
        }
        var x = [Double](repeating: 1 / Double(n), count: n)
        for _ in 0 ..< 500 {
            var next = [Double](repeating: 0, count: n)
            var dangling = 0.0
            for u in 0 ..< n {
                if strength[u] == 0 { dangling += x[u]; continue }
                for v in 0 ..< n where matrix[u][v] > 0 { next[v] += 0.85 * x[u] * matrix[u][v] / strength[u] }
            }
            for v in 0 ..< n { next[v] += 0.15 / Double(n) + 0.85 * dangling / Double(n) }
            x = next
        }
        for v in 0 ..< n { #expect(abs(pr.values[v] - x[v]) < 1e-9) }
    }
}
