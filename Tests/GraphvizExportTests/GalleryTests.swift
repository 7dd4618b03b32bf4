import Foundation
import FraudGraph
import Interchange
import Synthetic
import Testing
@testable import GraphvizExport

/// Writes every view of the sample case as PNG, SVG and DOT into the folder named
/// by FRAUDGRAPH_PICTURES_OUT, for people to look at (skipped when unset).
@Suite struct GalleryTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["FRAUDGRAPH_PICTURES_OUT"] != nil))
    func writeGallery() throws {
        let out = ProcessInfo.processInfo.environment["FRAUDGRAPH_PICTURES_OUT"]!
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let s = try SampleCase.build()
        let c = s.c
        try? FileManager.default.removeItem(atPath: out + "/sample-case")
        try CaseFolderWriter().write(c, to: out + "/sample-case")
        let grouping = Grouping.tieComponents(c)
        let ringID = Int(grouping.membership[Int(s.compound)])
        var views: [(String, Diagram)] = [
            ("overview", OverviewDiagram().build(c, grouping: grouping)),
            ("overview-groups", OverviewDiagram(detailLimit: 10).build(c, grouping: grouping)),
            ("ring", RingDiagram().build(c, ring: .from(grouping, id: ringID))),
            ("trace", TraceDiagram().build(c, trace: SampleCase.dirtyFirstTrace(c, seeds: s.seeds))),
            ("hierarchy", OrgChartDiagram().build(c, chart: .fromManagesTies(c, den: s.compound))),
            ("ego", EgoDiagram(hops: 2).build(c, center: s.collector)),
        ]
        views.append(("hierarchy2", OrgChartDiagram().build(c, chart: .fromManagesTies(c, den: s.callCentre))))
        for (name, d) in views {
            let dot = DiagramWriter.dot(d)
            try dot.write(toFile: "\(out)/\(name).dot", atomically: true, encoding: .utf8)
            for format in [PictureFormat.png, .svg] {
                let r = try Renderer.shared.render(dot: dot, engine: d.engine, format: format)
                try Data(r.data).write(to: URL(fileURLWithPath: "\(out)/\(name).\(format.rawValue)"))
                if format == .png { print(name, r.engine, String(format: "%.2fs", r.seconds), r.notes) }
            }
        }
    }

    /// The same for a generated case (FRAUDGRAPH_PICTURES_PRESET: tiny or small),
    /// with the planted truth standing in for rings and hierarchies.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["FRAUDGRAPH_PICTURES_OUT"] != nil))
    func writeGeneratedGallery() throws {
        let out = ProcessInfo.processInfo.environment["FRAUDGRAPH_PICTURES_OUT"]!
        let preset = Preset(rawValue: ProcessInfo.processInfo.environment["FRAUDGRAPH_PICTURES_PRESET"] ?? "tiny") ?? .tiny
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let g = CaseGenerator(preset: preset, seed: 7).generate()
        let c = g.case
        let boss = g.truth.roles.first { $0.role == "boss" }!.person
        let views: [(String, Diagram)] = [
            ("overview", OverviewDiagram().build(c, grouping: g.truthGrouping)),
            ("ring1", RingDiagram().build(c, ring: .from(g.truthGrouping, id: 1))),
            ("trace", TraceDiagram().build(c, trace: SampleCase.dirtyFirstTrace(c, seeds: g.reportedTransfers))),
            ("hierarchy1", OrgChartDiagram().build(c, chart: g.truthChart(den: g.dens[0]))),
            ("ego-boss", EgoDiagram(hops: 1).build(c, center: boss)),
        ]
        for (name, d) in views {
            let dot = DiagramWriter.dot(d)
            let file = "\(out)/\(preset.rawValue)-\(name)"
            try dot.write(toFile: file + ".dot", atomically: true, encoding: .utf8)
            for format in [PictureFormat.png, .svg] {
                let r = try Renderer.shared.render(dot: dot, engine: d.engine, format: format)
                try Data(r.data).write(to: URL(fileURLWithPath: file + "." + format.rawValue))
                if format == .png { print(name, r.engine, r.nodeCount, r.edgeCount, String(format: "%.2fs", r.seconds), r.notes) }
            }
        }
    }
}
