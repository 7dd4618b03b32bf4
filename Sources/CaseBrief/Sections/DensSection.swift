import FraudGraph
import GraphvizExport
import Hierarchy

/// Section 4: each den's org chart and the table of its people with their roles and
/// levels (level 0 is the top).
struct DensSection {
    let a: CaseAnalysis

    func blocks(_ out: inout BriefOutputs) -> [Block] {
        let c = a.c, settings = a.settings
        var blocks: [Block] = [.pageBreak, .heading(level: 1, text: "Dens", anchor: "dens")]
        // Dens with people, the biggest first.
        let charts = a.hierarchy.charts.filter { !$0.people.isEmpty }
            .sorted { ($0.people.count, -$0.den) > ($1.people.count, -$1.den) }
        guard !charts.isEmpty else {
            return blocks + [.paragraph([.text("No den in the case has people placed in it.")])]
        }
        blocks.append(.paragraph([
            .text("People are placed in a den by what the case records (located at, member of), by the den's phones, devices and IPs they use, and by their ring and command ties. "),
            .text("Within each den they are ranked by who manages, recruits, calls, pays and receives from whom (SpringRank): level 0 is the top. "),
            .text("Roles follow from the level and from what a person does (recruiting, moving money, holding accounts that took victims' money)."),
        ]))
        blocks.append(.table(BriefTable(caption: "Dens", header: ["Den", "Country", "People", "Top of the den", "Ranked by"], numeric: [2],
                                        rows: charts.prefix(settings.tableRows).map { chart in
                                            let boss = chart.people.first.map { BriefText.entity(c, $0.person) } ?? "–"
                                            return [[.code(c.entities.id(chart.den))], BriefText.cell(BriefText.country(c.entities.countryOf(chart.den))),
                                                    BriefText.cell(chart.people.count.formatted()), BriefText.cell(boss),
                                                    BriefText.cell(chart.method == .springRank ? "command ties" : "centrality (no directed tie)")]
                                        }, omitted: max(0, charts.count - settings.tableRows))))
        var peopleRows: [[String]] = []
        for chart in charts {
            for p in chart.people {
                peopleRows.append([c.entities.id(chart.den), c.entities.id(p.person), c.entities.name[Int(p.person)], p.role.rawValue,
                                   String(p.level), String(format: "%.4f", p.score), p.membership.description, p.roleReason])
            }
        }
        out.table("people.csv", header: ["den", "person", "name", "role", "level", "score", "placed_by", "role_reason"], rows: peopleRows)

        for chart in charts.prefix(settings.densShown) {
            let den = chart.den
            blocks.append(.heading(level: 2, text: "Den \(BriefText.entity(c, den))", anchor: "den-\(den)"))
            var roles: [DenRole: Int] = [:]
            for p in chart.people { roles[p.role, default: 0] += 1 }
            let roleText = DenRole.allCases.compactMap { r in roles[r].map { "\($0) \(r.rawValue)\($0 == 1 ? "" : "s")" } }.joined(separator: ", ")
            blocks.append(.facts([
                ("Located in", [.text(BriefText.country(c.entities.countryOf(den)))]),
                ("People", [.text("\(chart.people.count.formatted()): \(roleText)")]),
                ("Rings", [.text(ringsOf(chart))]),
            ]))
            let diagram = OrgChartDiagram(collapseFrom: 3, maxRow: 12).build(c, chart: DenChart(chart))
            blocks.append(.figure(out.figures.figure(diagram, name: "den-\(c.entities.id(den))".filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" },
                                                     caption: "Org chart of den \(c.entities.id(den)): level 0 at the top; each line from a person's strongest superior.")))
            let shown = chart.people.prefix(40)
            blocks.append(.table(BriefTable(caption: "People of den \(c.entities.id(den))",
                                            header: ["Level", "Person", "Role", "Score", "Placed by", "Reports to"], numeric: [0, 3],
                                            rows: shown.map { p in
                                                [BriefText.cell(String(p.level)), BriefText.cell(BriefText.entity(c, p.person)), [.strong(p.role.rawValue)],
                                                 BriefText.cell(String(format: "%.2f", p.score)), BriefText.cell(p.membership.description),
                                                 BriefText.cell(p.below.first.map { BriefText.entity(c, $0.other) } ?? "–")]
                                            }, omitted: chart.people.count - shown.count)))
        }
        if charts.count > settings.densShown {
            blocks.append(.paragraph([.text("\(BriefText.count(charts.count - settings.densShown, "more den")) are in "), .code("tables/people.csv"),
                                      .text("; "), .code("fraudgraph render CASE --view hierarchy:DEN"), .text(" draws any org chart.")]))
        }
        return blocks
    }

    /// The rings (that took victims' money or hold a den) of the den's people: the
    /// three biggest shares, then how many more.
    private func ringsOf(_ chart: OrgChart) -> String {
        let threat = RingsSection.threatNumbers(a)
        var rings: [Int32: Int] = [:]
        var elsewhere = 0
        for p in chart.people {
            let r = a.ringOf[Int(p.person)]
            if r > 0 && threat.contains(r) { rings[r, default: 0] += 1 } else { elsewhere += 1 }
        }
        if rings.isEmpty { return "none of its people is in a ring" }
        let sorted = rings.sorted { ($0.value, -$0.key) > ($1.value, -$1.key) }
        var parts = sorted.prefix(3).map { "ring \($0.key) (\(BriefText.count($0.value, "person", plural: "people")))" }
        let more = sorted.dropFirst(3).reduce(0) { $0 + $1.value }
        if more > 0 { parts.append("\(BriefText.count(more, "person", plural: "people")) in \(BriefText.count(sorted.count - 3, "other ring"))") }
        if elsewhere > 0 { parts.append("\(elsewhere.formatted()) in no ring") }
        return parts.joined(separator: ", ")
    }
}
