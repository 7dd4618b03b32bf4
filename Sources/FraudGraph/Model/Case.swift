/// A case, frozen: the entities, their ties, the money that moved between them and
/// the victims' reports, stored as columns with dense `Int32` indices.
///
/// A `Case` is made by a `CaseBuilder` (which the readers fill) and never changes
/// after. Analyses do not walk its rows: they ask for a projection (`Ledger`,
/// `WeightedGraph`, `DirectedGraph`) built once.
public struct Case: Sendable {
    public let entities: EntityTable
    public let links: LinkTable
    public let transfers: TransferTable
    public let reports: ReportTable
    /// Whether transfers in file order are already in time order.
    public let transfersInTimeOrder: Bool

    init(entities: EntityTable, links: LinkTable, transfers: TransferTable, reports: ReportTable) {
        self.entities = entities
        self.links = links
        self.transfers = transfers
        self.reports = reports
        var sorted = true
        transfers.time.withUnsafeBufferPointer { t in
            var i = 1
            while i < t.count {
                if t[i] < t[i - 1] { sorted = false; break }
                i += 1
            }
        }
        transfersInTimeOrder = sorted
    }

    /// Accounts that transfers named but `entities.csv` did not list.
    public var outsideAccountCount: Int { entities.isOutside.reduce(0) { $0 + ($1 ? 1 : 0) } }

    #if FRAUDGRAPH_CHECKS
    /// Traps if a column is out of step or an index out of range.
    public func checkInvariants() {
        let n = Int32(entities.count)
        precondition(entities.ids.count == entities.count)
        precondition(entities.name.count == entities.count && entities.country.count == entities.count)
        for i in 0 ..< links.count {
            precondition(links.source[i] >= 0 && links.source[i] < n && links.target[i] >= 0 && links.target[i] < n)
        }
        for i in 0 ..< transfers.count {
            precondition(transfers.source[i] >= 0 && transfers.source[i] < n)
            precondition(transfers.target[i] >= 0 && transfers.target[i] < n)
            precondition(transfers.amount[i] > 0)
        }
        for i in 0 ..< reports.count {
            precondition(reports.transfer[i] >= 0 && Int(reports.transfer[i]) < transfers.count)
        }
    }
    #endif
}
