import ArgumentParser
import FraudGraph
import MoneyFlow

/// `fraudgraph trace CASE (--reports | --seed ID ...) --policy P [--max-hops H]`:
/// follow victims' money through the case; or, with `--at ACCOUNT`, whose money an
/// account holds and how it got there.
struct TraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Follow victims' money: which transfers carried it, where it is held, where it left as cash.",
        discussion: """
        Transfers are replayed in time order (ties in file order); the policy decides which \
        of a sender's money leaves. Every seed's figures add up: held + exited + cut \
        (+ haircut rounding) = amount, except under poison, an upper bound. \
        See shared/spec/tracing.md.
        """
    )

    @OptionGroup var caseOptions: CaseOptions
    @OptionGroup var traceOptions: TraceOptions
    @OptionGroup var output: OutputOptions

    @Option(help: ArgumentHelp("Show whose money this account holds at the end, and the chain of transfers that brought it.", valueName: "account-id"))
    var at: String?

    @Option(help: "Rows per list in the table.")
    var limit = 20

    func validate() throws {
        if output.format == .csv { throw ValidationError("trace writes table or json") }
        if !traceOptions.reports && traceOptions.seeds.isEmpty { throw ValidationError("give --reports or --seed TRANSFER_ID") }
    }

    func run() throws {
        let c = try CaseLoading.load(caseOptions, outputBeside: output.out).case
        let seeds = try traceOptions.seedRows(in: c)
        var account: Int32?
        if let id = at {
            guard let a = c.entities.index(of: id) else {
                Terminal.warn("no entity with id '\(id)' in the case")
                throw ExitCode(2)
            }
            account = a
        }
        let trace = traceOptions.tracer.run(on: c, ledger: Ledger(c.transfers), seeds: seeds)
        if let account {
            let provenance = AccountProvenance(account: account, trace: trace, case: c)
            switch output.format {
            case .json: try ResultOutput.emit(TraceReport.provenanceJSON(provenance, trace, c), to: output.out)
            default: try ResultOutput.emit(TraceReport.provenanceTable(provenance, trace, c, limit: limit), to: output.out)
            }
            return
        }
        switch output.format {
        case .json: try ResultOutput.emit(bytes: TraceReport.json(trace, c), to: output.out)
        default: try ResultOutput.emit(TraceReport.table(trace, c, limit: limit), to: output.out)
        }
    }
}
