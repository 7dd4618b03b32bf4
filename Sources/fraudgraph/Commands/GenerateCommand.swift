import ArgumentParser
import Foundation
import Synthetic

extension Preset: ExpressibleByArgument {}

/// `fraudgraph generate --preset tiny|small|large --seed N --out DIR`.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate a realistic case with planted truth (truth/rings.csv, roles.csv, laundering.csv).",
        discussion: """
        tiny: 2 dens among a few hundred people (for tests). small: 6 dens among a few \
        thousand (the bundled demo). large: 300 dens among 1M+ accounts and 10M+ \
        transfers (for benchmarks). The same preset and seed give the same bytes.
        """
    )

    @Option(help: "Size of the case: tiny, small or large.")
    var preset: Preset = .small

    @Option(help: "Seed of the random generator: the same seed gives the same case.")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("The case folder to write; it appears only when complete.", valueName: "dir"))
    var out: String

    @Flag(help: "No progress display on the terminal.")
    var quiet = false

    func run() throws {
        let progress = ProgressLine(quiet: quiet)
        let started = Date()
        let generated = CaseGenerator(preset: preset, seed: seed).generate { phase in
            progress.show("Generating \(preset.rawValue) case: \(phase)", force: true)
        }
        progress.show("Writing \(out)", force: true)
        do {
            try generated.write(to: out)
        } catch {
            progress.finish()
            Terminal.warn("cannot write \(out): \(Terminal.reason(error))")
            throw ExitCode(2)
        }
        progress.finish()
        let c = generated.case
        Terminal.warn(String(format: "generated %@: %d entities, %d links, %d transfers, %d reports, %d rings in %.1f s",
                             out, c.entities.count, c.links.count, c.transfers.count, c.reports.count,
                             generated.truth.ringCount, Date().timeIntervalSince(started)))
    }
}
