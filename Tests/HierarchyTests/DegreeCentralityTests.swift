import FraudGraph
import Testing
@testable import Hierarchy

@Suite struct DegreeCentralityTests {
    @Test func karateClubMatchesNetworkx() {
        let d = DegreeCentrality().run(on: Graphs.karate)
        #expect(abs(d.values[0] - 16.0 / 33) < 1e-15)
        #expect(abs(d.values[33] - 17.0 / 33) < 1e-15)
    }

    @Test func directionsAndWeights() {
        var degree = DegreeCentrality()
        degree.normalized = false
        let g = Graphs.cycleWithTail
        #expect(degree.run(on: g).values == [2, 2, 3, 2, 1])
        degree.direction = .outgoing
        #expect(degree.run(on: g).values == [1, 1, 2, 1, 0])
        degree.direction = .incoming
        degree.weighted = true
        #expect(degree.run(on: g).values == [1, 1, 2, 3, 1])
    }
}
