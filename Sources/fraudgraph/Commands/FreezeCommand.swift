import ArgumentParser
import FraudGraph
import Foundation
import Interchange
import MoneyFlow

/// `fraudgraph freeze CASE --policy P`: the freeze list, tainted money still held,
/// grouped by country and bank, biggest first; with `--out-dir`, one CSV per country.
struct FreezeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "freeze",
        abstract: "List the victims' money still held, by country and bank, biggest first, for freeze requests.",
        discussion: """
        Traces every reported transfer (or --seed ids) under --policy and lists what each \
        account still holds. --out-dir DIR writes freeze.csv (the groups) and one \
        freeze-CC.csv per country (account by account, seed by seed, with reports and \
        victims): what a request to that country's police would carry.
        """
    )

    @OptionGroup var caseOptions: CaseOptions
    @OptionGroup var traceOptions: TraceOptions
    @OptionGroup var output: OutputOptions

    @Option(name: .customLong("out-dir"), help: ArgumentHelp("Write freeze.csv and one freeze-CC.csv per country into this folder.", valueName: "dir"))
    var outDir: String?

    @Option(help: "Groups in the table.")
    var limit = 30

    func run() throws {
        let c = try CaseLoading.load(caseOptions, outputBeside: output.out ?? outDir.map { $0 + "/freeze.csv" }).case
        let seeds = try traceOptions.seedRows(in: c, reportsByDefault: true)
        let trace = traceOptions.tracer.run(on: c, ledger: Ledger(c.transfers), seeds: seeds)
        let list = FreezeList(trace: trace, case: c)
        if let outDir {
            do {
                try AtomicFolder.write(outDir, isReplaceable: { FileManager.default.fileExists(atPath: $0 + "/freeze.csv") }) { folder in
                    try (FreezeReport.groupsCSV(list) + "\n").write(toFile: folder + "/freeze.csv", atomically: false, encoding: .utf8)
                    var names = UniqueFileNames(reserved: ["freeze.csv"])
                    var seeds = FreezeReport.SeedColumns(c)
                    for country in list.countries {
                        let path = folder + "/" + names.claim(FreezeReport.countryFileName(country))
                        try FreezeReport.writeCountryCSV(list, country: country, c, seeds: &seeds, to: path)
                    }
                }
            } catch {
                Terminal.warn("cannot write \(outDir): \(Terminal.reason(error))")
                throw ExitCode(2)
            }
        }
        switch output.format {
        case .json: try ResultOutput.emit(FreezeReport.json(list, c), to: output.out)
        case .csv: try ResultOutput.emit(FreezeReport.groupsCSV(list), to: output.out)
        case .table: try ResultOutput.emit(FreezeReport.table(list, c, limit: limit), to: output.out)
        }
    }
}
