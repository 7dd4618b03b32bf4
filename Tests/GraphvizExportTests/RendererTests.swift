import Foundation
import Testing
@testable import GraphvizExport

@Suite struct RendererTests {
    static let small = """
    digraph G { a -> b; b -> c; c -> a; a [label="Anna"]; }
    """

    @Test(arguments: LayoutEngine.allCases)
    func everyEngineRendersSVG(engine: LayoutEngine) throws {
        let r = try Renderer.shared.render(dot: Self.small, engine: engine, format: .svg)
        let text = String(decoding: r.data, as: UTF8.self)
        #expect(text.contains("<svg"))
        #expect(text.contains(">Anna</text>"))
        #expect(r.engine == engine)
        #expect(r.nodeCount == 3 && r.edgeCount == 3)
    }

    @Test func pngAndPDFInMemory() throws {
        let png = try Renderer.shared.render(dot: Self.small, format: .png).data
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let pdf = try Renderer.shared.render(dot: Self.small, format: .pdf).data
        #expect(String(decoding: pdf.prefix(5), as: UTF8.self) == "%PDF-")
    }

    @Test func syntaxErrorsCarryGraphvizMessages() {
        #expect {
            _ = try Renderer.shared.render(dot: "digraph { a -> ; }", format: .svg)
        } throws: { error in
            guard case RenderError.syntax(let messages) = error else { return false }
            return messages.contains { $0.contains("syntax error") }
        }
        // The next render is not disturbed by the earlier error.
        #expect(throws: Never.self) { _ = try Renderer.shared.render(dot: Self.small, format: .svg) }
    }
}

extension RendererTests {
    @Test func callsFromManyThreadsAreSerialised() async throws {
        let dot = Self.small
        try await withThrowingTaskGroup(of: Int.self) { group in
            for i in 0 ..< 8 {
                group.addTask {
                    var n = 0
                    for k in 0 ..< 5 {
                        let engine = LayoutEngine.allCases[(i + k) % LayoutEngine.allCases.count]
                        n += try Renderer.shared.render(dot: dot, engine: engine, format: k % 2 == 0 ? .svg : .png).data.count
                    }
                    return n
                }
            }
            for try await n in group { #expect(n > 0) }
        }
    }

    /// A chain of `n` nodes.
    static func chain(_ n: Int) -> String {
        "digraph { " + (0 ..< n - 1).map { "v\($0) -> v\($0 + 1);" }.joined(separator: " ") + " }"
    }

    @Test func graphsTooLargeForDotGoToSFDPOrAreRefused() throws {
        var limits = RenderLimits.standard
        limits.maxSize[.dot] = .init(nodes: 100, edges: 1000)
        let r = try Renderer.shared.render(dot: Self.chain(150), engine: .dot, format: .svg, limits: limits)
        #expect(r.engine == .sfdp)
        #expect(r.notes.contains { $0.contains("too many for dot") })
        limits.whenTooLarge = .refuse
        #expect(throws: RenderError.tooLarge(engine: .dot, nodes: 150, edges: 149, limit: .init(nodes: 100, edges: 1000))) {
            _ = try Renderer.shared.render(dot: Self.chain(150), engine: .dot, format: .svg, limits: limits)
        }
        limits.maxSize[.sfdp] = .init(nodes: 100, edges: 1000)
        limits.whenTooLarge = .switchToSFDP
        #expect(throws: RenderError.self) {
            _ = try Renderer.shared.render(dot: Self.chain(150), engine: .dot, format: .svg, limits: limits)
        }
    }

    @Test func dotSearchIsLimitedPastASize() throws {
        let small = try Renderer.shared.render(dot: Self.chain(20), engine: .dot, format: .svg)
        #expect(!small.notes.contains { $0.contains("search limited") })
        var limits = RenderLimits.standard
        limits.dotStraightEdgesFrom = 100
        let big = try Renderer.shared.render(dot: Self.chain(200), engine: .dot, format: .svg, limits: limits)
        #expect(big.notes.contains { $0.contains("dot search limited for 200 nodes") })
        #expect(big.notes.contains { $0.contains("splines=line") })
    }

    @Test func layoutErrorsAreSwiftErrors() {
        // An HTML label Graphviz cannot parse: its own message comes back.
        #expect {
            _ = try Renderer.shared.render(dot: "digraph { a [label=<<B>x</I>>]; }", format: .svg)
        } throws: { error in
            guard let e = error as? RenderError, case .layout(.dot, let messages) = e else { return false }
            return messages.contains { $0.hasPrefix("Error") && $0.contains("mismatched tag") }
        }
    }

    /// Resident memory of this process, from /proc/self/statm.
    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        return (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// Renders `dot` 100 times, then 1,000 times, and returns resident memory
    /// (bytes) before and after the 1,000.
    static func residentAcrossAThousandRenders(_ dot: String) throws -> (before: Int, after: Int) {
        // Mostly SVG (cheap); every tenth PNG, every tenth PDF (cairo).
        func format(_ i: Int) -> PictureFormat { i % 10 == 3 ? .png : (i % 10 == 7 ? .pdf : .svg) }
        for i in 0 ..< 100 { _ = try Renderer.shared.render(dot: dot, format: format(i)) }
        let before = residentBytes()
        for i in 0 ..< 1000 { _ = try Renderer.shared.render(dot: dot, format: format(i)) }
        return (before, residentBytes())
    }

    /// Measures in a child process of its own (this test binary, running only
    /// `memoryLoopInThisProcess`): tests running beside it in this process would
    /// move the resident set by megabytes.
    @Test func renderingAThousandTimesDoesNotGrowMemory() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        p.arguments = ["--testing-library", "swift-testing", "--filter", "memoryLoopInThisProcess"]
        var environment = ProcessInfo.processInfo.environment
        environment["FRAUDGRAPH_MEMORY_CHILD"] = "1"
        p.environment = environment
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = FileHandle.nullDevice
        try p.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        // "MEMORY name before after" lines, in bytes.
        var growth: [String: Int] = [:]
        for line in output.split(separator: "\n") where line.hasPrefix("MEMORY ") {
            let f = line.split(separator: " ")
            print("1000 renders, \(f[1]): resident \(Int(f[2])! >> 10) kB -> \(Int(f[3])! >> 10) kB")
            growth[String(f[1])] = Int(f[3])! - Int(f[2])!
        }
        // Plain labels: everything the renderer allocates is freed. Without agclose
        // the same loop grows by over 100 MB (shared/notes/graphviz.md).
        let plain = try #require(growth["plain"], "no measurement: \(output.suffix(500))")
        #expect(plain < 2 << 20, "plain labels grew \(plain >> 10) kB")
        // A whole diagram (HTML labels, legend table): Graphviz 2.42 itself leaks a
        // few hundred bytes per HTML label span (bench/pictures/graphviz_leak.c shows
        // the same growth in C alone).
        let chart = try #require(growth["orgchart"])
        #expect(chart < 8 << 20, "org chart grew \(chart >> 10) kB")
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["FRAUDGRAPH_MEMORY_CHILD"] != nil))
    func memoryLoopInThisProcess() throws {
        var plain = "digraph G { node [shape=box, style=filled, fillcolor=\"#a9dfbf\"]; "
        for i in 0 ..< 12 { plain += "v\(i) [label=\"Account \(i)\\nA-\(i) · KH\"]; v\(i) -> v\((i + 1) % 12) [label=\"1,000.00 USD\"]; " }
        plain += "}"
        let p = try Self.residentAcrossAThousandRenders(plain)
        print("MEMORY plain \(p.before) \(p.after)")
        let s = try SampleCase.build()
        let d = OrgChartDiagram().build(s.c, chart: .fromManagesTies(s.c, den: s.callCentre))
        let h = try Self.residentAcrossAThousandRenders(DiagramWriter.dot(d))
        print("MEMORY orgchart \(h.before) \(h.after)")
    }

}

extension RendererTests {
    @Test func bigBitmapsAreRenderedAtALowerResolution() throws {
        var limits = RenderLimits.standard
        limits.maxPixels = 200_000
        let r = try Renderer.shared.render(dot: Self.chain(60), engine: .dot, format: .png, limits: limits)
        let image = try PNGDecoder.decode(r.data)
        #expect(image.width * image.height <= 200_000 + 2 * (image.width + image.height))
        #expect(r.notes.contains { $0.contains("dpi instead of 96") })
        let full = try Renderer.shared.render(dot: Self.chain(60), engine: .dot, format: .png)
        let big = try PNGDecoder.decode(full.data)
        #expect(big.width * big.height > 200_000)
    }
}

extension RendererTests {
    @Test(arguments: [LayoutEngine.neato, .fdp, .twopi, .circo])
    func parallelEdgesAreNotRoutedOutsideDot(engine: LayoutEngine) throws {
        // Routed splines over parallel edges overrun a buffer in Graphviz 2.42
        // (makeMultiSpline); the renderer draws such edges curved instead.
        var dot = "digraph { splines=true; size=\"4,4\"; "
        for i in 0 ..< 30 { dot += "c -> v\(i); c -> v\(i); v\(i) -> c; " }
        dot += "}"
        let r = try Renderer.shared.render(dot: dot, engine: engine, format: .png)
        #expect(r.notes.contains { $0.contains("curved edges instead of splines=true") })
        #expect(try PNGDecoder.decode(r.data).width > 0)
    }
}

extension RendererTests {
    @Test func labelsOfEdgesWithinARankMoveBesideTheEdge() throws {
        // dot in Graphviz 2.42 frees its rank array twice after laying out labelled
        // edges between nodes of the top rank (seen on a generated case's trace).
        let dot = """
        digraph { rankdir=LR; { rank=same; a; b; c; } a -> b [label=<<B>1,000.00 USD</B>>]; b -> c [label="2"];
                  c -> a [label="3"]; a -> d [label="4"]; d -> e [label="5", constraint=false]; }
        """
        let r = try Renderer.shared.render(dot: dot, engine: .dot, format: .svg)
        #expect(r.notes.contains("4 label(s) of edges within one rank placed beside the edge (xlabel)"))
        let s = try #require(SVGStructure.read(r.data))
        // Every label is still drawn, the HTML one as HTML.
        for label in ["1,000.00 USD", "2", "3", "4", "5"] { #expect(s.texts.contains(label), "\(label)") }
        let parsed = try Renderer.shared.inspect(dot: dot)
        #expect(parsed.edgeCount == 5)
    }
}
