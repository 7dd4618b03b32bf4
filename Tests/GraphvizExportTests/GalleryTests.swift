import Foundation
import FraudGraph
import Interchange
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
}
