import Foundation
import FraudGraph
import Testing
@testable import GraphvizExport

/// Every view of the sample case renders in SVG, PNG and PDF, and each file decodes.
@Suite struct ViewRenderingTests {
    static func views() throws -> [(String, Diagram)] {
        let s = try SampleCase.build()
        let c = s.c
        let grouping = Grouping.tieComponents(c)
        return [
            ("overview", OverviewDiagram().build(c, grouping: grouping)),
            ("overview-groups", OverviewDiagram(detailLimit: 10).build(c, grouping: grouping)),
            ("ego", EgoDiagram(hops: 2).build(c, center: s.collector)),
            ("ring", RingDiagram().build(c, ring: .from(grouping, id: Int(grouping.membership[Int(s.compound)])))),
            ("trace", TraceDiagram().build(c, trace: SampleCase.dirtyFirstTrace(c, seeds: s.seeds))),
            ("hierarchy", OrgChartDiagram().build(c, chart: .fromManagesTies(c, den: s.compound))),
        ]
    }

    @Test func everyViewRendersInEveryFormat() throws {
        for (name, d) in try Self.views() {
            let dot = DiagramWriter.dot(d)
            let svg = try Renderer.shared.render(dot: dot, engine: d.engine, format: .svg)
            #expect(SVGStructure.read(svg.data) != nil, "\(name): SVG")
            // PNG at most 6 inches a side, so the test's plain decoder stays quick.
            var small = DiagramWriter.graph(d)
            small.attributes[.size] = .token("6,6")
            let png = try Renderer.shared.render(small, engine: d.engine, format: .png)
            let image = try PNGDecoder.decode(png.data)
            #expect(image.width > 100 && image.height > 100, "\(name): \(image.width)x\(image.height)")
            // Not blank: a picture has both light and dark pixels.
            let samples = stride(from: 0, to: image.pixels.count, by: 97).map { image.pixels[$0] }
            #expect(samples.min()! < 80 && samples.max()! > 200, "\(name): blank picture")
            let pdf = try Renderer.shared.render(dot: dot, engine: d.engine, format: .pdf)
            let head = String(decoding: pdf.data.prefix(5), as: UTF8.self)
            let tail = String(decoding: pdf.data.suffix(8), as: UTF8.self)
            #expect(head == "%PDF-" && tail.contains("%%EOF"), "\(name): PDF")
        }
    }

    @Test func pngDecoderRejectsDamage() throws {
        let (_, d) = try Self.views()[5]
        var g = DiagramWriter.graph(d)
        g.attributes[.size] = .token("4,4")
        var png = try Renderer.shared.render(g, engine: d.engine, format: .png).data
        #expect(throws: Never.self) { _ = try PNGDecoder.decode(png) }
        png[png.count / 2] ^= 0xFF
        #expect(throws: PNGDecoder.Failure.self) { _ = try PNGDecoder.decode(png) }
    }

    /// Python's PIL decodes the PNG too, when it is installed (optional cross-check).
    @Test(.enabled(if: ViewRenderingTests.pythonHasPIL()))
    func pillowDecodesThePNG() throws {
        let (_, d) = try Self.views()[4]
        let png = try Renderer.shared.render(DiagramWriter.graph(d), engine: d.engine, format: .png).data
        let path = NSTemporaryDirectory() + "fraudgraph-pil-\(getpid()).png"
        try Data(png).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let image = try PNGDecoder.decode(png)
        let out = try Self.run(["python3", "-c", "import sys; from PIL import Image; im = Image.open(sys.argv[1]); im.load(); print(im.size[0], im.size[1])", path])
        #expect(out.trimmingCharacters(in: .whitespacesAndNewlines) == "\(image.width) \(image.height)")
    }

    static func pythonHasPIL() -> Bool {
        (try? run(["python3", "-c", "import PIL"])) != nil
    }

    static func run(_ arguments: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = arguments
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw CocoaError(.fileReadUnknown) }
        return String(decoding: data, as: UTF8.self)
    }
}
