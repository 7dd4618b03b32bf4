import ArgumentParser
import FraudGraph
import MoneyFlow

extension TracePolicy: ExpressibleByArgument {}

/// What to trace and how: the seeds (`--reports` or `--seed`), the policy and
/// `--max-hops`, shared by `trace` and `freeze`.
struct TraceOptions: ParsableArguments {
    @Flag(help: "Trace every transfer that a report in reports.csv names.")
    var reports = false

    @Option(name: .customLong("seed"), parsing: .upToNextOption,
            help: ArgumentHelp("Transfer ids to trace (repeatable; several may follow one --seed).", valueName: "transfer-id"))
    var seeds: [String] = []

    @Option(help: "Allocation policy: fifo, lifo, libr, dirty-first, haircut or poison (see shared/spec/tracing.md).")
    var policy: TracePolicy

    @Option(name: .customLong("max-hops"), parsing: .unconditional, help: "Follow tainted money for at most this many transfers after the seed's.")
    var maxHops: Int?

    func validate() throws {
        if reports && !seeds.isEmpty { throw ValidationError("give --reports or --seed, not both") }
        if let h = maxHops, h < 0 { throw ValidationError("--max-hops must be 0 or more") }
    }

    /// The seed transfers: the reported ones (also when neither option is given and
    /// `reportsByDefault`), or the ids given.
    func seedRows(in c: Case, reportsByDefault: Bool = false) throws -> [Int32] {
        if reports || (seeds.isEmpty && reportsByDefault) {
            let rows = Tracer.reportedTransfers(in: c)
            if rows.isEmpty { Terminal.warn("note: the case has no reports; nothing to trace") }
            return rows
        }
        if seeds.isEmpty { throw ValidationError("give --reports or --seed TRANSFER_ID") }
        var rows: [Int32] = []
        var unknown: [String] = []
        for id in seeds {
            if let r = c.transfers.index(of: id) { rows.append(r) } else { unknown.append(id) }
        }
        if !unknown.isEmpty {
            Terminal.warn("no transfer with id \(unknown.map { "'\($0)'" }.joined(separator: ", ")) in the case")
            throw ExitCode(2)
        }
        return rows
    }

    var tracer: Tracer { Tracer(policy: policy, maxHops: maxHops) }
}
