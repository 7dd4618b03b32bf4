import ArgumentParser
import FraudGraph
import Interchange

/// Formats a case can be exported to.
enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
    /// A case folder holding every row, column and value that was read.
    case `case`
}

/// `fraudgraph export CASE --to DIR [--format case]`.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a case in another form: a case folder that gives back every row, column and value read."
    )

    @OptionGroup var caseOptions: CaseOptions

    @Option(help: ArgumentHelp("The folder to write; it appears only when complete.", valueName: "dir"))
    var to: String

    @Option(help: "What to write.")
    var format: ExportFormat = .case

    func run() throws {
        let loaded = try CaseLoading.load(caseOptions, outputBeside: to, insideFolder: false)
        do {
            switch format {
            case .case: try CaseFolderWriter().write(loaded.case, to: to)
            }
        } catch {
            Terminal.warn("cannot export to \(to): \(error)")
            throw ExitCode(2)
        }
    }
}
