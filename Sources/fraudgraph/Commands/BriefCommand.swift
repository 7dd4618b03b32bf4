import ArgumentParser
import CaseBrief
import FraudGraph
import Foundation
import GraphvizExport
import Interchange
import MoneyFlow

/// `fraudgraph brief CASE --out DIR`: every analysis, written as a case brief.
struct BriefCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "brief",
        abstract: "Write a case brief: one self-contained HTML page, Markdown, pictures and tables.",
        discussion: """
        Runs rings, den hierarchies, the trace of every reported payment (under --policy, \
        with fifo, libr and dirty-first beside it), the freeze list and the laundering \
        patterns, then writes DIR/index.html (pictures inline as SVG, no script, no network), \
        DIR/brief.md, DIR/figures/ (SVG, PNG, PDF and DOT of every picture), DIR/tables/ \
        (every table in full, as CSV) and DIR/provenance.json. DIR appears whole or not at all.
        """
    )

    @OptionGroup var caseOptions: CaseOptions
    @OptionGroup var briefOptions: BriefOptions

    @Option(help: ArgumentHelp("The folder to write the brief into.", valueName: "dir"))
    var out: String

    func run() throws {
        try BriefRun.run(caseOptions, briefOptions, out: out, command: "brief")
    }
}

/// `fraudgraph demo`: the bundled case, end to end, into `output/`.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Brief the bundled case (datasets/demo) into output/: the page, pictures and tables.",
        discussion: "Run from the repository's folder (make demo does). Open output/index.html in a browser."
    )

    @Option(help: ArgumentHelp("The case to brief.", valueName: "dir"))
    var `case` = "datasets/demo"

    @Option(help: ArgumentHelp("Where the brief goes.", valueName: "dir"))
    var out = "output"

    @Flag(help: "No progress display on the terminal.")
    var quiet = false

    func run() throws {
        guard FileManager.default.fileExists(atPath: `case` + "/entities.csv") else {
            Terminal.warn("no case at \(`case`): run fraudgraph demo from the repository's folder, or give --case DIR")
            throw ExitCode(2)
        }
        var options = try CaseOptions.parse([`case`])
        options.quiet = quiet
        try BriefRun.run(options, try BriefOptions.parse([]), out: out, command: "demo")
        if !quiet { Terminal.warn("Open \(out)/index.html in a browser.") }
    }
}

/// The brief's own options.
struct BriefOptions: ParsableArguments {
    @Option(help: "The tracing rule of the freeze list: fifo, lifo, libr, dirty-first, haircut or poison.")
    var policy: TracePolicy = .fifo

    @Option(name: .customLong("max-hops"), parsing: .unconditional, help: "Follow victims' money for at most this many transfers.")
    var maxHops: Int?

    @Option(name: .customLong("rings-shown"), help: "Rings with their own picture.")
    var ringsShown = 5

    @Option(name: .customLong("reports-shown"), help: "Reported payments with their own trace picture.")
    var reportsShown = 3

    @Option(name: .customLong("dens-shown"), help: "Dens with their own org chart.")
    var densShown = 8

    @Option(name: .customLong("figure-formats"), help: "Files written per picture, comma-separated: svg,png,pdf.")
    var figureFormats = "svg,png,pdf"

    func validate() throws {
        if let h = maxHops, h < 0 { throw ValidationError("--max-hops must be 0 or more") }
        for n in [ringsShown, reportsShown, densShown] where n < 0 || n > 200 {
            throw ValidationError("--rings-shown, --reports-shown and --dens-shown must be 0 to 200")
        }
        _ = try formats()
    }

    func formats() throws -> [PictureFormat] {
        try figureFormats.split(separator: ",").map { name in
            guard let f = PictureFormat(rawValue: name.trimmingCharacters(in: .whitespaces).lowercased()) else {
                throw ValidationError("unknown figure format \(name): svg, png, pdf")
            }
            return f
        }
    }

    func settings() throws -> BriefSettings {
        var s = BriefSettings()
        s.policy = policy
        s.maxHops = maxHops
        s.ringsShown = ringsShown
        s.reportsShown = reportsShown
        s.densShown = densShown
        s.figureFormats = try formats()
        return s
    }
}

/// Loading, analysing and writing, with a progress line per step.
enum BriefRun {
    static func run(_ caseOptions: CaseOptions, _ options: BriefOptions, out: String, command: String) throws {
        let settings = try options.settings()
        let started = DispatchTime.now().uptimeNanoseconds
        func elapsed() -> String { String(format: "%6.1f s", Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9) }
        let say: (String) -> Void = { step in if !caseOptions.quiet { Terminal.warn("[\(elapsed())] \(step)") } }
        say("Loading \(caseOptions.casePath)")
        // Rows set aside under --lenient go beside the brief's folder first (the folder
        // itself appears only when complete), then a copy goes inside it.
        let loaded = try CaseLoading.load(caseOptions, outputBeside: out, insideFolder: false, digests: true)
        let rejects = caseOptions.lenient && !loaded.report.rejected.isEmpty
            ? CaseLoading.rejectsPath(caseOptions, outputBeside: out, insideFolder: false) : nil
        let analysis = CaseAnalysis(loaded.case, settings: settings, progress: say)
        let provenance = BriefProvenance(version: FraudGraphCommand.version, caseFolder: caseOptions.casePath,
                                         files: loaded.report.files, rejected: loaded.report.rejectedByCause)
        let result: CaseBriefWriter.Result
        do {
            var writer = CaseBriefWriter(settings: settings)
            if let rejects { writer.copies["rejects.csv"] = rejects }
            result = try writer.write(analysis, provenance: provenance, to: out, progress: say)
        } catch {
            Terminal.warn("cannot write the brief to \(out): \(Terminal.reason(error))")
            throw ExitCode(1)
        }
        for problem in result.problems { Terminal.warn("picture not drawn: \(problem)") }
        say("Wrote \(out)/index.html, brief.md, \(result.figures) pictures in figures/, \(result.tables) tables in tables/")
    }
}
