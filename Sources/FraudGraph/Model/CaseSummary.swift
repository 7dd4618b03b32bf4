/// What a case holds, counted: the figures of `fraudgraph stats`.
public struct CaseSummary: Sendable, Equatable {
    public var entityCount: Int
    public var entitiesByKind: [String: Int]
    public var linkCount: Int
    public var linksByKind: [String: Int]
    public var transferCount: Int
    /// Accounts that transfers named but `entities.csv` did not list.
    public var outsideAccountCount: Int
    public var totalByCurrency: [String: Money]
    /// Earliest and latest transfer time, Unix seconds.
    public var firstTransfer: Int64?
    public var lastTransfer: Int64?
    public var reportCount: Int
    /// The sum of reported transfers, per currency; a transfer several reports name
    /// (two victims of one payment) counts once.
    public var reportedByCurrency: [String: Money]
    /// Countries named by entities, with how many entities each.
    public var entitiesByCountry: [String: Int]

    /// Counts `c`.
    /// - Complexity: O(entities + links + transfers + reports).
    public init(_ c: Case) {
        entityCount = c.entities.count
        entitiesByKind = c.entities.countByKind()
        linkCount = c.links.count
        linksByKind = c.links.countByKind()
        transferCount = c.transfers.count
        outsideAccountCount = c.outsideAccountCount
        totalByCurrency = c.transfers.totalByCurrency()
        let span = c.transfers.timeSpan()
        firstTransfer = span?.lowerBound
        lastTransfer = span?.upperBound
        reportCount = c.reports.count
        var reported: [String: Money] = [:]
        var counted = Set<Int32>()
        for r in 0 ..< c.reports.count {
            let t = c.reports.transfer[r]
            guard counted.insert(t).inserted else { continue }
            reported[c.transfers.currencyOf(t), default: .zero] += c.transfers.money(t)
        }
        reportedByCurrency = reported
        var byCountry = [Int](repeating: 0, count: c.entities.countries.count)
        for code in c.entities.country { byCountry[Int(code)] += 1 }
        var countries: [String: Int] = [:]
        for (code, n) in byCountry.enumerated() where code > 0 && n > 0 { countries[c.entities.countries[UInt16(code)]] = n }
        entitiesByCountry = countries
    }
}
