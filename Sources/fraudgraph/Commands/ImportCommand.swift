import ArgumentParser
import FraudGraph
import Foundation
import Interchange

/// Formats a case can be imported from.
enum ImportFormat: String, ExpressibleByArgument, CaseIterable {
    /// FollowTheMoney JSON lines, one entity per line.
    case ftm
    /// GraphML, as `fraudgraph export --format graphml` writes it (or from other tools).
    case graphml
}

/// `fraudgraph import FILE --to CASE [--from ftm|graphml]`.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Make a case folder from FollowTheMoney JSON lines or GraphML.",
        discussion: """
        FollowTheMoney: Person, Organization, Company, LegalEntity, BankAccount, CryptoWallet \
        and other things become entities; Payments become transfers; Ownership, Membership, \
        Directorship, Employment, Family, Associate, Call and other links become links; phone \
        numbers, e-mail and IP addresses become entities that their holders use. Multi-valued \
        properties keep their later values as attributes NAME#2, NAME#3, .... What the reader \
        made of the file is said on stderr. See docs/interchange.md.
        """
    )

    @Argument(help: ArgumentHelp("The file to read (.ftm.json, .json, .jsonl or .graphml).", valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp("The case folder to write; it appears only when complete.", valueName: "case"))
    var to: String

    @Option(help: "The file's format (default: from its name; .graphml is GraphML, anything else FollowTheMoney).")
    var from: ImportFormat?

    @Flag(help: "Skip bad lines instead of failing: count them by cause and write them to rejects.csv beside the case.")
    var lenient = false

    @Option(help: ArgumentHelp("Where --lenient writes the lines it set aside (default: rejects.csv beside the case).", valueName: "file"))
    var rejects: String?

    func run() throws {
        let format = from ?? (file.lowercased().hasSuffix(".graphml") ? .graphml : .ftm)
        let c: Case
        let report: ImportReport
        let notes: InterchangeNotes
        do {
            switch format {
            case .ftm:
                let result = try FtMReader(lenient: lenient).read(file: file)
                (c, report, notes) = (result.case, result.report, result.notes)
            case .graphml:
                let result = try GraphMLReader(lenient: lenient).read(file: file)
                (c, report, notes) = (result.case, result.report, result.notes)
            }
        } catch {
            Terminal.warn(error.description)
            throw ExitCode(2)
        }
        for line in notes.lines(prefix: "import") { Terminal.warn(line) }
        if lenient && !report.rejected.isEmpty {
            let folder = (to as NSString).deletingLastPathComponent
            let path = rejects ?? (folder.isEmpty ? "rejects.csv" : folder + "/rejects.csv")
            do {
                try RejectsWriter.write(report, to: path)
            } catch {
                Terminal.warn("cannot write \(path): \(Terminal.reason(error))")
                throw ExitCode(2)
            }
            let causes = report.rejectedByCause.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
            Terminal.warn("lenient: \(report.rejected.count) lines set aside (\(causes.joined(separator: ", "))); see \(path)")
        }
        do {
            try CaseFolderWriter().write(c, to: to)
        } catch {
            Terminal.warn("cannot write \(to): \(Terminal.reason(error))")
            throw ExitCode(2)
        }
        Terminal.print("imported: \(c.entities.count) entities, \(c.links.count) links, \(c.transfers.count) transfers, \(c.reports.count) reports into \(to)\n")
    }
}
