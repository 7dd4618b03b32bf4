import FraudGraph
import Synthetic
@testable import GraphvizExport

/// Picture inputs taken from a generated case's planted truth, standing in for the
/// analysis modules' results in tests.
extension GeneratedCase {
    /// The planted rings as a grouping.
    var truthGrouping: Grouping {
        Grouping(membership: truth.ringOfEntity, word: "ring", source: "rings: the generator's planted truth")
    }

    /// The planted hierarchy of den `den`: levels are the planted ranks; lines are
    /// the case's `manages` ties.
    func truthChart(den: Int32) -> DenChart {
        let members = truth.roles.filter { $0.den == den }
            .map { DenChart.Member(person: $0.person, level: $0.rank, role: $0.role) }
        return DenChart(den: den, members: members, source: "levels and roles: the generator's planted truth")
    }

    /// The dens of the case, in index order.
    var dens: [Int32] {
        (0 ..< Int32(self.case.entities.count)).filter { self.case.entities.kind[Int($0)] == EntityKind.Code.den }
    }

    /// The reported transfers.
    var reportedTransfers: [Int32] { Array(self.case.reports.transfer) }
}
