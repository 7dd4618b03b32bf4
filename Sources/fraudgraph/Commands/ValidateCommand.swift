import ArgumentParser
import FraudGraph
import Interchange

/// `fraudgraph validate CASE`: exit 0 when the case folder is valid; otherwise one
/// line per problem on stderr, `FILE:LINE:COLUMN: message (value)`, and exit 1.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a case folder against the case format; list every problem."
    )

    @OptionGroup var caseOptions: CaseOptions

    func run() throws {
        var reader = CaseFolderReader(lenient: caseOptions.lenient)
        reader.maxIssues = 100_000
        let progress = ProgressLine(quiet: caseOptions.quiet)
        reader.progress = { p in progress.show("Checking \(p.file)", done: p.bytesRead, total: p.totalBytes) }
        let loaded: CaseImport
        do {
            loaded = try reader.read(folder: caseOptions.casePath)
        } catch {
            progress.finish()
            Terminal.warn(error.description)
            throw ExitCode(1)
        }
        progress.finish()
        do {
            let c = loaded.case
            if !loaded.report.rejected.isEmpty {
                for r in loaded.report.rejected { Terminal.warn(r.issue.description) }
                let path = CaseLoading.rejectsPath(caseOptions, outputBeside: nil, insideFolder: false)
                try RejectsWriter.write(loaded.report, to: path)
                Terminal.warn("lenient: \(loaded.report.rejected.count) rows set aside; see \(path)")
            }
            Terminal.print("valid: \(c.entities.count) entities, \(c.links.count) links, \(c.transfers.count) transfers, \(c.reports.count) reports\n")
        } catch {
            Terminal.warn("cannot write rejects: \(Terminal.reason(error))")
            throw ExitCode(2)
        }
    }
}
