import FraudGraph
import Testing
@testable import Hierarchy

@Suite struct DenHierarchyTests {
    @Test func printsHandMadeDen() throws {
        let den = try HandMadeDen()
        let report = DenHierarchy().run(on: den.c)
        for chart in report.charts {
            for p in chart.people {
                print(den.c.entities.id(p.person), p.level, (p.score * 1000).rounded() / 1000, p.role, p.membership, p.rankBasis, p.roleReason)
            }
        }
    }
}
