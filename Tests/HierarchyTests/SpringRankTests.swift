import FraudGraph
import Testing
@testable import Hierarchy

@Suite struct SpringRankTests {
    @Test func chainIsOneUnitPerLink() {
        // a -> b -> c: every spring at rest, scores 1, 0, -1.
        let r = SpringRank().run(on: Graphs.directed(3, [(0, 1, 1), (1, 2, 1)]))
        #expect(r.converged)
        for (got, want) in zip(r.scores, [1.0, 0, -1]) { #expect(abs(got - want) < 1e-9) }
    }

    @Test func opposingArcsMeetAtTheWeightedBalance() {
        // 3 (d - 1)^2 + 1 (-d - 1)^2 is least at d = 0.5: scores +-0.25.
        let r = SpringRank().run(on: Graphs.directed(2, [(0, 1, 3), (1, 0, 1)]))
        #expect(abs(r.scores[0] - 0.25) < 1e-9)
        #expect(abs(r.scores[1] + 0.25) < 1e-9)
    }

    @Test func treeIsExact() {
        // boss 0 -> 1, 2; 1 -> 3, 4; 2 -> 5: levels 0, 1, 2 exactly one apart.
        let r = SpringRank().run(on: Graphs.directed(6, [(0, 1, 1), (0, 2, 2), (1, 3, 1), (1, 4, 5), (2, 5, 1)]))
        let s = r.scores
        #expect(abs(s[0] - s[1] - 1) < 1e-9 && abs(s[0] - s[2] - 1) < 1e-9)
        #expect(abs(s[1] - s[3] - 1) < 1e-9 && abs(s[2] - s[5] - 1) < 1e-9)
        #expect(abs(s.reduce(0, +)) < 1e-9)
    }

    @Test func componentsAreCentredApart() {
        let r = SpringRank().run(on: Graphs.directed(5, [(0, 1, 1), (2, 3, 1), (3, 4, 1)]))
        #expect(r.component[0] == r.component[1] && r.component[2] == r.component[4] && r.component[0] != r.component[2])
        #expect(abs(r.scores[0] + r.scores[1]) < 1e-9)
        #expect(abs(r.scores[2] + r.scores[3] + r.scores[4]) < 1e-9)
        #expect(abs(r.scores[2] - 1) < 1e-9)
    }

    @Test func agreesWithDenseSolveOnRandomGraphs() {
        for seed in 1 ... 5 as ClosedRange<UInt64> {
            let n = 25
            let g = Graphs.random(nodes: n, arcs: 120, seed: seed)
            for alpha in [0.0, 0.5] {
                var solver = SpringRank()
                solver.alpha = alpha
                let r = solver.run(on: g)
                #expect(r.converged)
                let dense = SpringRankTests.denseSolve(g, alpha: alpha)
                for i in 0 ..< n { #expect(abs(r.scores[i] - dense[i]) < 1e-7) }
            }
        }
    }

    @Test func minimisesTheSpringEnergy() {
        let g = Graphs.random(nodes: 40, arcs: 100, seed: 9)
        let s = SpringRank().run(on: g).scores
        func energy(_ x: [Double]) -> Double {
            var e = 0.0
            for u in 0 ..< g.nodeCount {
                for k in g.outRange(of: Int32(u)) {
                    let d = x[u] - x[Int(g.outTargets[k])] - 1
                    e += Double(g.outWeights[k]) * d * d
                }
            }
            return e / 2
        }
        let best = energy(Array(s))
        var rng = TestRandom(seed: 5)
        for _ in 0 ..< 20 {
            var moved = Array(s)
            let i = Int(rng.next() % 40)
            moved[i] += Double(Int(rng.next() % 200) - 100) / 1000
            #expect(energy(moved) >= best - 1e-9)
        }
    }

    /// Gaussian elimination on `(D_out + D_in - A - Aᵀ + α I) s = d_out - d_in`; with
    /// α = 0 the last node of each component is pinned to 0, then components centred.
    static func denseSolve(_ g: DirectedGraph, alpha: Double) -> [Double] {
        let n = g.nodeCount
        var m = [[Double]](repeating: [Double](repeating: 0, count: n + 1), count: n)
        for u in 0 ..< n { m[u][u] = alpha }
        for u in 0 ..< n {
            for k in g.outRange(of: Int32(u)) {
                let v = Int(g.outTargets[k]), w = Double(g.outWeights[k])
                m[u][u] += w; m[v][v] += w; m[u][v] -= w; m[v][u] -= w
                m[u][n] += w; m[v][n] -= w
            }
        }
        let component = SpringRank.weakComponents(g)
        if alpha == 0 {
            // Pin each component's root (its smallest node) to 0.
            for u in 0 ..< n where Int(component[u]) == u {
                m[u] = [Double](repeating: 0, count: n + 1); m[u][u] = 1
            }
        }
        for col in 0 ..< n {
            var pivot = col
            for r in col ..< n where abs(m[r][col]) > abs(m[pivot][col]) { pivot = r }
            m.swapAt(col, pivot)
            let p = m[col][col]
            guard abs(p) > 1e-12 else { continue }
            for r in 0 ..< n where r != col {
                let f = m[r][col] / p
                if f != 0 { for c in col ... n { m[r][c] -= f * m[col][c] } }
            }
        }
        var s = (0 ..< n).map { abs(m[$0][$0]) > 1e-12 ? m[$0][n] / m[$0][$0] : 0 }
        if alpha == 0 {
            var sum = [Double](repeating: 0, count: n), size = [Double](repeating: 0, count: n)
            for u in 0 ..< n { sum[Int(component[u])] += s[u]; size[Int(component[u])] += 1 }
            for u in 0 ..< n { s[u] -= sum[Int(component[u])] / size[Int(component[u])] }
        }
        return s
    }
}
