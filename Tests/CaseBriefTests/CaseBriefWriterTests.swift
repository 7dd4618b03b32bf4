import CaseBrief
import FraudGraph
import Foundation
import MoneyFlow
import Synthetic
import Testing

@Suite("Case brief")
struct CaseBriefWriterTests {
    @Test("worked example: the figures a person can check by hand")
    func workedExample() throws {
        let dir = try BriefFixtures.writeCase(BriefFixtures.workedExample)
        let out = dir + "/../brief"
        let (analysis, result) = try BriefFixtures.brief(caseFolder: dir, out: out)
        #expect(result.problems.isEmpty)

        // Where Ana's 3 is, under each rule (worked out in BriefFixtures).
        let byPolicy = Dictionary(uniqueKeysWithValues: analysis.policyTotals.map { ($0.policy, $0.totals["USD"]!) })
        #expect(byPolicy[.fifo]?.held == 30_000 && byPolicy[.fifo]?.exited == 0)
        #expect(byPolicy[.libr]?.held == 30_000 && byPolicy[.libr]?.exited == 0)
        #expect(byPolicy[.dirtyFirst]?.held == 20_000 && byPolicy[.dirtyFirst]?.exited == 10_000)

        let md = try BriefFixtures.read(out + "/brief.md")
        #expect(md.contains("- **Money reported**: 3.00 USD in 1 payment"))
        #expect(md.contains("- **Still held, can be frozen**: 3.00 USD in 1 account"))
        // The rules side by side: fifo and libr keep the 3 in M, dirty-first moves it on.
        #expect(md.contains("| **fifo \\(used in this brief\\)** | 3.00 USD | none | none |"))
        #expect(md.contains("| **dirty-first** | 2.00 USD | 1.00 USD | none |"))
        // The freeze list: one account, in Cambodia, at ABA.
        #expect(md.contains("| KH | ABA | 1 | 3.00 USD |"))
        let freeze = try BriefFixtures.read(out + "/tables/freeze.csv").split(separator: "\n")
        #expect(freeze.count == 2 && freeze[1].hasPrefix("M,,KH,ABA,false,USD,3.0000,T2,"))
        #expect(try BriefFixtures.read(out + "/tables/freeze-KH.csv") == freeze.joined(separator: "\n") + "\n")
        // The den: its three people, the top one first.
        let people = try BriefFixtures.read(out + "/tables/people.csv").split(separator: "\n")
        #expect(people.count == 4)
        #expect(people[1].hasPrefix("D1,P2,"))
        // Every section is there, in order.
        let headings = md.split(separator: "\n").filter { $0.hasPrefix("## ") }.map(String.init)
        #expect(headings == ["## Summary", "## Rings", "## Money flow", "## Dens", "## International cooperation", "## Method and provenance"])
        // The provenance names every input file with its SHA-256.
        let provenance = try BriefFixtures.read(out + "/provenance.json")
        for name in ["entities.csv", "links.csv", "transfers.csv", "reports.csv"] { #expect(provenance.contains("\"\(name)\"")) }
        #expect(provenance.contains("\"policy\": \"fifo\""))
        #expect(provenance.split(separator: "\"sha256\": \"").count == 5)
    }

    @Test("hostile names cannot add markup or script to the page, the Markdown or the pictures")
    func hostileNamesAreEscaped() throws {
        let dir = try BriefFixtures.writeCase(BriefFixtures.workedExample)
        let out = dir + "/../brief"
        try BriefFixtures.brief(caseFolder: dir, out: out)
        let html = try BriefFixtures.read(out + "/index.html")
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.lowercased().contains("<img"))
        #expect(html.contains("&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;"))
        #expect(html.contains("Content-Security-Policy"))
        let md = try BriefFixtures.read(out + "/brief.md")
        #expect(!md.contains("<script") && !md.contains("<img"))
        let figures = try FileManager.default.contentsOfDirectory(atPath: out + "/figures").filter { $0.hasSuffix(".svg") }
        #expect(figures.contains("den-D1.svg"))
        for f in figures {
            let svg = try BriefFixtures.read(out + "/figures/" + f).lowercased()
            #expect(!svg.contains("<script") && !svg.contains("<img") && !svg.contains("<foreignobject"), "\(f)")
        }
        // The name does show, as text, in the den's org chart.
        #expect(try BriefFixtures.read(out + "/figures/den-D1.svg").contains("&lt;script&gt;"))
    }

    @Test("the same case gives the same brief, byte for byte")
    func deterministic() throws {
        let dir = try BriefFixtures.writeCase(BriefFixtures.workedExample)
        try BriefFixtures.brief(caseFolder: dir, out: dir + "/../one")
        try BriefFixtures.brief(caseFolder: dir, out: dir + "/../two")
        for file in ["index.html", "brief.md", "provenance.json", "tables/freeze.csv", "tables/rings.csv", "tables/people.csv", "figures/overview.svg"] {
            #expect(try BriefFixtures.read(dir + "/../one/" + file) == BriefFixtures.read(dir + "/../two/" + file), "\(file)")
        }
    }

    @Test("generated case: planted dens all briefed, freeze list adds up to the money still held")
    func plantedTruth() throws {
        let generated = CaseGenerator(preset: .tiny, seed: 3).generate()
        let dir = BriefFixtures.temporaryFolder() + "/case"
        try generated.write(to: dir)
        var settings = BriefFixtures.fastSettings
        settings.densShown = 50
        let out = dir + "/../brief"
        let (a, result) = try BriefFixtures.brief(caseFolder: dir, out: out, settings: settings)
        #expect(result.problems.isEmpty)
        let c = a.c
        // Conservation, for every rule that allocates: held + exited + cut = reported.
        for (policy, totals) in a.policyTotals where policy.conservesMoney {
            for (_, o) in totals { #expect(o.held + o.exited + o.cut + o.rounding == o.reported, "\(policy)") }
        }
        // The freeze list is the money still held, to the unit.
        var held: [String: Int64] = [:]
        for e in a.freeze.entries { held[e.currency, default: 0] += e.amount }
        #expect(held == a.policyTotals[0].totals.mapValues(\.held).filter { $0.value != 0 })
        // Every planted den has its org chart, and its ring names it.
        let md = try BriefFixtures.read(out + "/brief.md")
        let plantedDens = Set(generated.truth.roles.map(\.den))
        #expect(!plantedDens.isEmpty)
        for den in plantedDens {
            let id = c.entities.id(den)
            #expect(md.contains("## Den ") && md.contains("\\(\(id)\\)"), "den \(id)")
            #expect(FileManager.default.fileExists(atPath: out + "/figures/den-\(id).svg"), "den \(id)")
            #expect(a.rings.rings.contains { $0.dens.contains(den) }, "den \(id) in a ring")
        }
    }

    @Test("PNG and PDF files beside each SVG, and a folder that is not ours is never replaced")
    func filesAndRefusal() throws {
        let dir = try BriefFixtures.writeCase(BriefFixtures.workedExample)
        var settings = BriefFixtures.fastSettings
        settings.figureFormats = [.svg, .png, .pdf]
        try BriefFixtures.brief(caseFolder: dir, out: dir + "/../brief", settings: settings)
        let png = try Data(contentsOf: URL(fileURLWithPath: dir + "/../brief/figures/overview.png"))
        let pdf = try Data(contentsOf: URL(fileURLWithPath: dir + "/../brief/figures/overview.pdf"))
        #expect(png.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
        #expect(pdf.prefix(5) == Data("%PDF-".utf8))
        // A case folder is not a brief: writing a brief over it is refused, and it stays.
        #expect(throws: (any Error).self) { try BriefFixtures.brief(caseFolder: dir, out: dir) }
        #expect(FileManager.default.fileExists(atPath: dir + "/transfers.csv"))
    }
}
