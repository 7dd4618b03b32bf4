import FraudGraph
import Foundation
import GraphvizExport
import Interchange

/// Writes the brief of an analysed case into a folder: `index.html` (one
/// self-contained page), `brief.md`, `figures/` (each picture as SVG, PNG, PDF and
/// its DOT source), `tables/` (every table in full, as CSV), `provenance.json` and `timings.json`.
/// The folder appears whole or not at all.
public struct CaseBriefWriter {
    public var settings: BriefSettings
    /// Files copied into the brief's folder: name in the folder -> path (the rows a
    /// lenient reading set aside, `rejects.csv`).
    public var copies: [String: String] = [:]

    public init(settings: BriefSettings) { self.settings = settings }

    /// What was written.
    public struct Result: Sendable {
        public var folder: String
        public var figures: Int
        public var tables: Int
        /// Pictures that could not be drawn, and why.
        public var problems: [String]
        public var drawingSeconds: Double
    }

    /// Builds the document from `analysis` and writes it to `path`.
    /// - Parameters:
    ///   - provenance: the inputs and the tool; the analyses' parameters are added here.
    ///   - progress: told what is being drawn.
    public func write(_ analysis: CaseAnalysis, provenance: BriefProvenance, to path: String,
                      progress: (String) -> Void = { _ in }) throws -> Result {
        var result = Result(folder: path, figures: 0, tables: 0, problems: [], drawingSeconds: 0)
        let fm = FileManager.default
        let keep = ((try? fm.contentsOfDirectory(atPath: path)) ?? []).filter { $0 == ".gitkeep" }
        try AtomicFolder.write(path, isReplaceable: { folder in
            let contents = (try? fm.contentsOfDirectory(atPath: folder)) ?? []
            return contents.contains("index.html") || contents.allSatisfy { $0.hasPrefix(".") }
        }) { folder in
            for name in keep { fm.createFile(atPath: folder + "/" + name, contents: Data()) }
            for (name, source) in copies.sorted(by: { $0.key < $1.key }) { try fm.copyItem(atPath: source, toPath: folder + "/" + name) }
            var provenance = provenance
            provenance.analyses = MethodSection.analyses(analysis, formats: settings.figureFormats.map(\.rawValue).joined(separator: ","))
            let pictureProvenance = ["\(provenance.tool) \(provenance.version) brief, \(provenance.madeAt)", "case \(provenance.caseFolder)"]
                + provenance.files.compactMap { f in f.sha256.map { "\(f.name) sha256 \($0)" } }
            var out = BriefOutputs(figures: FigureMaker(folder: folder, formats: settings.figureFormats, provenance: pictureProvenance))

            var doc = BriefDocument(title: "Case brief: \(provenance.caseName)",
                                    subtitle: "Made by \(provenance.tool) \(provenance.version) on \(provenance.madeAt.prefix(10)) from the case folder \(provenance.caseFolder). Every figure can be reproduced from the files and parameters in section 6.")
            progress("Drawing the summary")
            doc.add(SummarySection(a: analysis).blocks(&out))
            progress("Drawing the rings")
            doc.add(RingsSection(a: analysis).blocks(&out))
            progress("Drawing the money flow")
            doc.add(MoneyFlowSection(a: analysis).blocks(&out))
            progress("Drawing the dens")
            doc.add(DensSection(a: analysis).blocks(&out))
            progress("Writing the international section")
            doc.add(CooperationSection(a: analysis).blocks(&out))
            doc.add(MethodSection(a: analysis, provenance: provenance).blocks())

            progress("Writing the page")
            try Data(HTMLRenderer().render(doc).utf8).write(to: URL(fileURLWithPath: folder + "/index.html"))
            try Data(MarkdownRenderer().render(doc).utf8).write(to: URL(fileURLWithPath: folder + "/brief.md"))
            if let failed = out.figures.writeErrors.first { throw BriefWriteError(message: "cannot write \(failed)") }
            try out.writeTables(into: folder)
            try Data(provenance.json().utf8).write(to: URL(fileURLWithPath: folder + "/provenance.json"))
            let steps = analysis.timings.map { JSON.object([("step", .string($0.step)), ("seconds", .double($0.seconds))]) }
                + [JSON.object([("step", .string("Drawing the pictures (Graphviz)")), ("seconds", .double(out.figures.seconds))])]
            try Data((JSON.array(steps).serialized(indent: 2) + "\n").utf8).write(to: URL(fileURLWithPath: folder + "/timings.json"))
            result.figures = out.figures.made.count
            result.tables = out.tables.count
            result.drawingSeconds = out.figures.seconds
            for case .figure(let f) in doc.blocks where f.svg == nil { result.problems.append("\(f.caption): \(f.problem ?? "")") }
        }
        return result
    }
}

/// A file of the brief that could not be written.
public struct BriefWriteError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
