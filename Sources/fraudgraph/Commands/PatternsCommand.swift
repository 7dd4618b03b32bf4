import ArgumentParser
import FraudGraph
import Foundation
import MoneyFlow
import Synthetic

/// `fraudgraph patterns CASE`: laundering typologies found in the transfers.
struct PatternsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "patterns",
        abstract: "Find laundering typologies: fan-in/out, scatter-gather, gather-scatter, cycles, layers, chains, cash-outs, pass-through mules.",
        discussion: """
        Every finding lists its accounts and transfers and a score (0-1: how much of the \
        money was passed on within the window, and how fast). --score compares the \
        findings with truth/laundering.csv of a generated case: precision and recall per \
        typology, transfer by transfer.
        """
    )

    @OptionGroup var caseOptions: CaseOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "Hours money may sit in an account and still count as passed on.")
    var windowHours = 96

    @Option(help: "Findings listed in the table.")
    var limit = 25

    @Flag(help: "Score the findings against truth/laundering.csv (generated cases).")
    var score = false

    @Option(help: ArgumentHelp("Only findings of these typologies (comma-separated).", valueName: "names"))
    var typology: String?

    func validate() throws {
        if output.format == .csv { throw ValidationError("patterns writes table or json") }
        if windowHours <= 0 { throw ValidationError("--window-hours must be positive") }
        if let names = typology {
            for n in names.split(separator: ",") where Typology(rawValue: String(n)) == nil {
                throw ValidationError("unknown typology '\(n)'; known: \(Typology.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
    }

    func run() throws {
        let c = try CaseLoading.load(caseOptions, outputBeside: output.out).case
        var finder = PatternFinder()
        finder.window = Int64(windowHours) * 3600
        let clock = ContinuousClock.now
        var findings = finder.run(on: c, ledger: Ledger(c.transfers))
        let elapsed = ContinuousClock.now - clock
        var scored: PatternScore?
        if score {
            let truth: GroundTruth
            do {
                truth = try GroundTruth.load(folder: caseOptions.casePath, for: c)
            } catch {
                Terminal.warn("cannot read the case's truth: \(Terminal.reason(error))")
                throw ExitCode(2)
            }
            scored = PatternScore(findings: findings, truthTransfers: truth.laundering.map(\.transfer),
                                  truthTypologies: truth.laundering.map(\.typology))
        }
        if let names = typology {
            let wanted = Set(names.split(separator: ",").compactMap { Typology(rawValue: String($0)) })
            findings = findings.filter { wanted.contains($0.typology) }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        switch output.format {
        case .json: try ResultOutput.emit(PatternsReport.json(findings, c, finder: finder, score: scored), to: output.out)
        default: try ResultOutput.emit(PatternsReport.table(findings, c, limit: limit, score: scored, seconds: seconds), to: output.out)
        }
    }
}
