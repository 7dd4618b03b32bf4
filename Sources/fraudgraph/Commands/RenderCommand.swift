import ArgumentParser
import CaseBrief
import Communities
import FraudGraph
import Foundation
import GraphvizExport
import Hierarchy
import Interchange
import MoneyFlow

/// What `render` writes.
enum RenderFormat: String, ExpressibleByArgument, CaseIterable {
    case svg, png, pdf, dot
}

extension LayoutEngine: ExpressibleByArgument {}

/// `fraudgraph render CASE --view V [--engine E] [--hops K] --format svg|png|pdf|dot --out FILE`.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Draw a case through Graphviz: overview, ring:ID, trace, hierarchy:DEN, ego:ENTITY.",
        discussion: """
        Graphviz runs inside the tool (libgvc), with caps so a picture never takes for ever: \
        big graphs go to sfdp, dot's searches are limited, hubs with many one-off senders are \
        drawn as one node, and a big case's overview draws its rings as single nodes. \
        Names from the case are escaped: they show verbatim and cannot add anything to the file.
        """
    )

    @OptionGroup var caseOptions: CaseOptions

    @Option(help: ArgumentHelp("overview | ring:ID | trace | hierarchy:DEN | ego:ENTITY", valueName: "view"))
    var view: String

    @Option(help: "Layout engine (default: the view's own: dot for traces and org charts, sfdp for big pictures).")
    var engine: LayoutEngine?

    @Option(help: "How far an ego view reaches, in ties and transfers.")
    var hops: Int = 1

    @Option(help: "The allocation policy of the trace view: fifo, lifo, libr, dirty-first, haircut or poison.")
    var policy: TracePolicy = .fifo

    @Option(help: "svg, png, pdf, or dot (the Graphviz source).")
    var format: RenderFormat = .svg

    @Option(help: ArgumentHelp("Write the picture to this file instead of stdout.", valueName: "file"))
    var out: String?

    @Flag(help: "Print how long loading, building the diagram and Graphviz took, on stderr.")
    var timings = false

    func validate() throws {
        do { _ = try PictureView(parsing: view) } catch { throw ValidationError(error.description) }
        if hops < 0 || hops > 10 { throw ValidationError("--hops must be 0 to 10") }
        if out == nil && (format == .png || format == .pdf) && isatty(1) != 0 {
            throw ValidationError("--format \(format.rawValue) writes binary data: give --out FILE or redirect stdout")
        }
    }

    func run() throws {
        guard let picture = try? PictureView(parsing: view) else { throw ValidationError("unknown view \(view)") }
        var clock = Stopwatch()
        let loaded = try CaseLoading.load(caseOptions, outputBeside: out, digests: true)
        let loadSeconds = clock.lap()
        var pictures = CasePictures(loaded.case)
        pictures.hops = hops
        let c = loaded.case
        // Each view gets the analysis it draws: rings, a trace, an org chart.
        switch picture {
        case .overview, .ring:
            pictures.grouping = Grouping(rings: RingFinder().run(on: c), entityCount: c.entities.count)
        case .trace:
            let seeds = Tracer.reportedTransfers(in: c)
            pictures.trace = MoneyTrace(Tracer(policy: policy).run(on: c, ledger: Ledger(c.transfers), seeds: seeds), in: c)
        case .hierarchy(let id):
            if let den = c.entities.index(of: id), c.entities.kind[Int(den)] == EntityKind.Code.den {
                var h = DenHierarchy()
                h.evidenceLimit = 1
                if let chart = h.run(on: c, dens: [den]).charts.first, !chart.people.isEmpty { pictures.orgCharts[den] = DenChart(chart) }
            }
        case .ego:
            break
        }
        var diagram: Diagram
        do {
            diagram = try pictures.diagram(picture)
        } catch {
            Terminal.warn(error.description)
            throw ExitCode(1)
        }
        diagram.provenance = ["fraudgraph \(FraudGraphCommand.version) render --view \(picture)" + " --hops \(hops)" + (picture == .trace ? " --policy \(policy.rawValue)" : ""),
                              "case \(caseOptions.casePath)"]
            + loaded.report.files.compactMap { f in f.sha256.map { "\(f.name) sha256 \($0)" } }
        let dot = DiagramWriter.dot(diagram)
        let diagramSeconds = clock.lap()
        let bytes: [UInt8]
        if format == .dot {
            bytes = Array(dot.utf8)
        } else {
            let pictureFormat = PictureFormat(rawValue: format.rawValue)!
            do {
                let rendering = try Renderer.shared.render(dot: dot, engine: engine ?? diagram.engine, format: pictureFormat)
                if !caseOptions.quiet { for note in rendering.notes { Terminal.warn("graphviz: " + note) } }
                if timings {
                    Terminal.warn(String(format: "load %.2f s, diagram %.2f s (%d nodes, %d edges), graphviz %@ %.2f s",
                                         loadSeconds, diagramSeconds, rendering.nodeCount, rendering.edgeCount, rendering.engine.rawValue, rendering.seconds))
                }
                bytes = rendering.data
            } catch {
                Terminal.warn(error.description)
                throw ExitCode(1)
            }
        }
        try ResultOutput.emit(bytes: bytes, to: out)
    }
}

/// Seconds between laps.
struct Stopwatch {
    private var last = DispatchTime.now().uptimeNanoseconds
    /// Seconds since the previous lap (or the start).
    mutating func lap() -> Double {
        let now = DispatchTime.now().uptimeNanoseconds
        defer { last = now }
        return Double(now - last) / 1e9
    }
}
