import FraudGraph
import Testing
@testable import Hierarchy

@Suite struct EigenvectorCentralityTests {
    @Test func karateClubMatchesNetworkx() {
        // networkx 3.6.1: nx.eigenvector_centrality(karate, tol=1e-12)
        let e = EigenvectorCentrality().run(on: Graphs.karate)
        #expect(e.converged)
        #expect(abs(e.values[0] - 0.3554914445167459) < 1e-8)
        #expect(abs(e.values[2] - 0.3171925044837801) < 1e-8)
        #expect(abs(e.values[33] - 0.3733634702989749) < 1e-8)
        let norm = e.values.reduce(0) { $0 + $1 * $1 }
        #expect(abs(norm - 1) < 1e-12)
    }

    @Test func starCentreLeads() {
        let g = WeightedGraph(nodeCount: 5, sources: [0, 0, 0, 0] as [Int32], destinations: [1, 2, 3, 4] as [Int32], weights: nil as [Float]?)
        let e = EigenvectorCentrality().run(on: g)
        // The leading eigenvector of a 4-leaf star: centre 1/sqrt(2), leaves 1/(2 sqrt(2)).
        #expect(abs(e.values[0] - 0.5.squareRoot()) < 1e-8)
        for leaf in 1 ... 4 { #expect(abs(e.values[leaf] - 0.5.squareRoot() / 2) < 1e-8) }
    }
}
