import FraudGraph
import GraphvizExport

/// Section 1: what the case holds, what was found, and where the reported money is.
struct SummarySection {
    let a: CaseAnalysis

    func blocks(_ out: inout BriefOutputs) -> [Block] {
        let c = a.c
        let s = CaseSummary(c)
        let kinds = s.entitiesByKind
        var blocks: [Block] = [.heading(level: 1, text: "Summary", anchor: "summary")]

        // MARK: - What the case holds
        let span = s.firstTransfer.flatMap { f in s.lastTransfer.map { "\(BriefText.day(f)) to \(BriefText.day($0))" } } ?? "no transfers"
        let countries = s.entitiesByCountry.keys.filter { !$0.isEmpty }.count
        var victims = Set<Int32>()
        for r in 0 ..< c.reports.count where c.reports.victim[r] >= 0 { victims.insert(c.reports.victim[r]) }
        blocks.append(.paragraph([
            .text("The case holds "), .strong(BriefText.count(kinds["person", default: 0], "person", plural: "people")), .text(", "),
            .strong(BriefText.count(kinds["account", default: 0] + kinds["wallet", default: 0], "account or wallet", plural: "accounts and wallets")),
            .text(" and "), .strong(BriefText.count(kinds["den", default: 0], "den")),
            .text(" in \(BriefText.count(countries, "country", plural: "countries")), linked by \(BriefText.count(s.linkCount, "tie")); "),
            .text("\(BriefText.count(s.transferCount, "transfer")) from \(span); and "),
            .strong(BriefText.count(s.reportCount, "victim report")), .text(" from \(BriefText.count(victims.count, "victim")).")
        ]))
        var holds: [(String, [Inline])] = []
        for kind in EntityKind.known.map(\.name) + kinds.keys.filter({ k in !EntityKind.known.contains { $0.name == k } }).sorted() {
            guard let n = kinds[kind], n > 0 else { continue }
            holds.append((kind.prefix(1).uppercased() + kind.dropFirst() + (n == 1 ? "" : "s"), [.text(n.formatted())]))
        }
        holds.append(("Transfers", [.text(s.transferCount.formatted())]))
        holds.append(("Money moved", BriefText.money(s.totalByCurrency.mapValues(\.units))))
        holds.append(("Time span", [.text(span)]))
        blocks.append(.facts(holds))

        // MARK: - What was found
        blocks.append(.heading(level: 2, text: "Findings", anchor: "findings"))
        var reported: [String: Int64] = [:], held: [String: Int64] = [:], exited: [String: Int64] = [:], cut: [String: Int64] = [:]
        for (currency, o) in a.policyTotals[0].totals {
            reported[currency] = o.reported; held[currency] = o.held; exited[currency] = o.exited; cut[currency] = o.cut + o.rounding
        }
        let threats = a.rings.rings.filter(RingsSection.isThreat)
        let ringPeople = threats.reduce(0) { $0 + $1.byKind["person", default: 0] }
        let frozenAccounts = Set(a.freeze.entries.map(\.account)).count
        var found: [(String, [Inline])] = [
            ("Rings found", [.text("\(threats.count.formatted()) with victims' money or a den, \(ringPeople.formatted()) people in them (\(a.rings.rings.count.formatted()) groups in all)")]),
            ("Dens ranked", [.text(a.hierarchy.charts.filter { !$0.people.isEmpty }.count.formatted())]),
            ("Money reported", BriefText.money(reported)),
            ("Still held, can be frozen", BriefText.money(held) + [.text(" in \(BriefText.count(frozenAccounts, "account"))")]),
            ("Gone as cash", BriefText.money(exited)),
            ("Not followed", BriefText.money(cut) + [.text(a.settings.maxHops.map { " (past \($0) hops, or mixed away)" } ?? "")]),
            ("Laundering patterns", [.text(a.patterns.count.formatted())]),
        ]
        found[2].1.append(.text(" in \(BriefText.count(a.trace.seeds.count, "payment"))"))
        blocks.append(.facts(found))
        blocks.append(.note([
            .text("Where money went is measured by replaying every transfer in time order under the "),
            .strong(a.settings.policy.rawValue), .text(" rule (\(PolicyWords.rule(a.settings.policy))). "),
            .text("Other rules give other figures; section 6 shows them side by side."),
        ]))

        // MARK: - The picture of the whole case
        var overview = OverviewDiagram().build(c, grouping: Grouping(rings: a.rings, entityCount: c.entities.count))
        overview.title = "The case at a glance: rings and dens"
        blocks.append(.figure(out.figures.figure(overview, name: "overview",
                                          caption: "The whole case: each ring found, its dens and the money between rings.")))
        return blocks
    }
}
