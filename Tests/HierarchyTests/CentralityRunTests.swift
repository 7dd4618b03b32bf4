import FraudGraph
import Testing
@testable import Hierarchy

@Suite struct CentralityRunTests {
    @Test func viewsOfTheHandMadeDen() throws {
        let c = try HandMadeDen().c
        // Links: every link but none a self-loop; parallel links merged.
        let links = CaseView.links.graph(of: c)
        #expect(links.nodeCount == c.entities.count)
        #expect(links.arcCount > 0 && links.arcCount <= c.links.count)
        let money = CaseView.money.graph(of: c)
        for u in 0 ..< money.nodeCount where money.outRange(of: Int32(u)).count > 0 {
            #expect(c.entities.holdsMoney(Int32(u)))
        }
        // 45 transfers, each pair of accounts paid once.
        #expect(money.arcCount == c.transfers.count)
        let command = CaseView.command.graph(of: c)
        for u in 0 ..< command.nodeCount where command.outRange(of: Int32(u)).count > 0 {
            #expect(c.entities.kindOf(Int32(u)) == .person)
        }
    }

    @Test func bigGraphsAreSampledAndSaySo() throws {
        let c = try HandMadeDen().c
        var run = CentralityRun(view: .all, measure: .betweenness, directed: false)
        let exact = run.compute(c)
        #expect(exact.scores.sampledSources == nil)
        run.sampleAboveNodes = 10
        run.defaultSamples = 8
        let sampled = run.compute(c)
        #expect(sampled.scores.sampledSources == 8 && sampled.scores.errorBound != nil)
        #expect(sampled.parameters.contains { $0.0 == "samples" && $0.1 == "8" })
    }

    @Test func topBreaksTiesByIndexAndFilters() {
        let s = CentralityScores(measure: .degree, values: [0.5, 0.9, 0.5, 0.1, 0.9])
        #expect(s.top(3).map(\.node) == [1, 4, 0])
        #expect(s.top(10).count == 5)
        #expect(s.top(2) { $0 % 2 == 0 }.map(\.node) == [4, 0])
        #expect(s.top(0).isEmpty)
    }
}
