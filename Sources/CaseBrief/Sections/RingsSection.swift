import Communities
import FraudGraph
import GraphvizExport

/// Section 2: the rings, largest threat first; the main ones each with a picture,
/// members by kind, dens, countries and the victims' money that reached them.
struct RingsSection {
    let a: CaseAnalysis

    func blocks(_ out: inout BriefOutputs) -> [Block] {
        let c = a.c, all = a.rings.rings, settings = a.settings
        // Rings that took victims' money or hold a den first; the other groups (households,
        // firms, friends sharing devices) are counted and listed in the CSV only.
        let rings = all.filter(RingsSection.isThreat)
        let others = all.count - rings.count
        var blocks: [Block] = [.pageBreak, .heading(level: 1, text: "Rings", anchor: "rings")]
        guard !rings.isEmpty else {
            blocks.append(.paragraph([.text("No ring was found that received victims' money or holds a den (\(BriefText.count(all.count, "group")) of at least \(settings.rings.minSize) entities hold together by their ties; see tables/rings.csv).")]))
            out.table("rings.csv", header: RingsSection.csvHeader, rows: all.map { RingsSection.csvRow($0, c) })
            return blocks
        }
        let d = a.rings.finder.detection
        blocks.append(.paragraph([
            .text("A ring is a group of people, accounts, phones, devices and places bound more tightly to each other than to the rest of the case: "),
            .text("shared phones and devices, ownership, command ties and repeated transfers weigh most; shops, exchanges and victims do not bind a ring. "),
            .text("\(BriefText.count(rings.count, "ring")) received victims' money or hold a den (\(d.algorithm.rawValue) community detection, seed \(d.seed)); "),
            .text("they are ranked by the victims' money that reached their accounts. "),
            .text(others > 0 ? "\(BriefText.count(others, "further group")) hold together the same way but took no reported money and hold no den (households, firms, friends sharing devices): they are listed in tables/rings.csv only." : ""),
        ]))

        // MARK: - The table of every ring
        func denList(_ ring: Ring) -> String { ring.dens.map { c.entities.id($0) }.joined(separator: ", ") }
        let rows: [[[Inline]]] = rings.prefix(settings.tableRows).map { r in
            [[.strong("\(r.number)")], BriefText.cell(r.size.formatted()), BriefText.cell(r.byKind["person", default: 0].formatted()),
             BriefText.cell((r.byKind["account", default: 0] + r.byKind["wallet", default: 0]).formatted()),
             BriefText.cell(denList(r).isEmpty ? "–" : denList(r)),
             BriefText.cell(r.countries.prefix(4).joined(separator: ", ") + (r.countries.count > 4 ? ", …" : "")),
             BriefText.money(r.victimMoneyByCurrency.mapValues(\.units)),
             BriefText.cell(r.reportCount.formatted()),
             BriefText.cell("\(Int((r.cohesion * 100).rounded()))%")]
        }
        blocks.append(.table(BriefTable(caption: "Rings, largest threat first",
                                        header: ["Ring", "Members", "People", "Accounts", "Dens", "Countries", "Victims' money in", "Reports", "Ties inside"],
                                        numeric: [1, 2, 3, 6, 7, 8], rows: rows, omitted: max(0, rings.count - settings.tableRows))))
        out.table("rings.csv", header: RingsSection.csvHeader, rows: all.map { RingsSection.csvRow($0, c) })
        var memberRows: [[String]] = []
        for r in rings {
            for e in r.members {
                memberRows.append([String(r.number), c.entities.id(e), c.entities.kindOf(e).name, c.entities.name[Int(e)], c.entities.countryOf(e) ?? ""])
            }
        }
        out.table("ring-members.csv", header: ["ring", "entity", "kind", "name", "country"], rows: memberRows)
        blocks.append(.paragraph([.text("\"Ties inside\" is the share of the members' tie weight that stays within the ring: the higher, the clearer the ring. Every member of these rings is listed in "),
                                  .code("tables/ring-members.csv"), .text(".")]))

        // MARK: - The main rings, one by one
        let grouping = Grouping(rings: a.rings, entityCount: c.entities.count)
        for ring in rings.prefix(settings.ringsShown) {
            blocks.append(.heading(level: 2, text: "Ring \(ring.number)", anchor: "ring-\(ring.number)"))
            let kinds = ring.byKind.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { "\($0.value) \($0.key)\($0.value == 1 ? "" : "s")" }
            var facts: [(String, [Inline])] = [
                ("Members", [.text("\(ring.size.formatted()): " + kinds.joined(separator: ", "))]),
                ("Dens", [.text(ring.dens.isEmpty ? "none among the members" : ring.dens.map { BriefText.entity(c, $0) + (c.entities.countryOf($0).map { " in \($0)" } ?? "") }.joined(separator: "; "))]),
                ("Countries", [.text(ring.countries.isEmpty ? "unknown" : ring.countries.joined(separator: ", "))]),
                ("Victims' money in", BriefText.money(ring.victimMoneyByCurrency.mapValues(\.units))
                    + [.text(" from \(BriefText.count(ring.reportCount, "report")) by \(BriefText.count(ring.victimCount, "victim"))")]),
            ]
            if !ring.central.isEmpty {
                facts.append(("Most connected", [.text(ring.central.map { BriefText.entity(c, $0.entity) + " (\(c.entities.kindOf($0.entity).name))" }.joined(separator: "; "))]))
            }
            blocks.append(.facts(facts))
            let diagram = RingsSection.picture(c, ring: ring, grouping: grouping)
            blocks.append(.figure(out.figures.figure(diagram, name: "ring-\(ring.number)",
                                                     caption: "Ring \(ring.number): its members, boxed by den, and the ties between them.")))
        }
        if rings.count > settings.ringsShown {
            blocks.append(.paragraph([.text("\(BriefText.count(rings.count - settings.ringsShown, "more ring")) are in the table above; "),
                                      .code("fraudgraph render CASE --view ring:N"), .text(" draws any of them.")]))
        }
        return blocks
    }

    /// Past this many members, a ring's picture shows its people, accounts, wallets,
    /// organisations and dens, and counts the phones, devices and IPs that bind them.
    static let drawnMembers = 80

    /// The picture of `ring`, small enough to read on a page.
    static func picture(_ c: Case, ring: Ring, grouping: Grouping) -> Diagram {
        var members = RingMembers.from(grouping, id: ring.number)
        let total = members.members.count
        var leftOut = 0
        if total > drawnMembers {
            let glue: Set<UInt16> = [EntityKind.Code.phone, EntityKind.Code.device, EntityKind.Code.ip]
            let kept = members.members.filter { !glue.contains(c.entities.kind[Int($0)]) }
            leftOut = total - kept.count
            members.members = kept
        }
        var diagram = RingDiagram().build(c, ring: members)
        if leftOut > 0 {
            diagram.title = "Ring \(ring.number): \(total) members, of which the \(total - leftOut) people, accounts and dens are drawn"
            diagram.notes.append("\(leftOut) phones, devices and IPs of the ring are not drawn: every member is in tables/ring-members.csv")
        }
        return diagram
    }

    /// Whether a ring took reported victims' money or holds a den.
    static func isThreat(_ r: Ring) -> Bool { r.reportCount > 0 || !r.dens.isEmpty }

    /// The numbers of the rings that took reported victims' money or hold a den.
    static func threatNumbers(_ a: CaseAnalysis) -> Set<Int32> {
        Set(a.rings.rings.filter(isThreat).map { Int32($0.number) })
    }

    static let csvHeader = ["ring", "members", "people", "accounts", "dens", "countries", "victim_money", "reports", "victims", "cohesion", "conductance"]

    static func csvRow(_ r: Ring, _ c: Case) -> [String] {
        [String(r.number), String(r.size), String(r.byKind["person", default: 0]),
         String(r.byKind["account", default: 0] + r.byKind["wallet", default: 0]),
         r.dens.map { c.entities.id($0) }.joined(separator: ";"), r.countries.joined(separator: ";"),
         r.victimMoneyByCurrency.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ";"),
         String(r.reportCount), String(r.victimCount), String(format: "%.4f", r.cohesion), String(format: "%.4f", r.conductance)]
    }
}
