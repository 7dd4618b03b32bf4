import ArgumentParser
import FraudGraph
import MoneyFlow

/// `fraudgraph flow CASE --from ID[,ID...] --to ID[,ID...]`: the most money that could
/// have moved from one set of accounts to another, respecting time.
struct FlowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flow",
        abstract: "The most money that could have moved from some accounts to others, respecting time (a max-flow bound).",
        discussion: """
        Each transfer carries at most its amount, money can only leave an account after it \
        arrived, and the --from accounts have unlimited money. With --policy, the transfers \
        the --from accounts sent are traced too, and what that policy attributes to the \
        --to accounts is set beside the bound.
        """
    )

    @OptionGroup var caseOptions: CaseOptions
    @OptionGroup var output: OutputOptions

    @Option(help: ArgumentHelp("Source accounts, comma-separated (repeatable).", valueName: "ids"))
    var from: [String] = []

    @Option(help: ArgumentHelp("Target accounts, comma-separated (repeatable).", valueName: "ids"))
    var to: [String] = []

    @Option(help: "Currency of the flow (default: the one the source accounts sent most).")
    var currency: String?

    @Option(help: "Also trace the sources' transfers under this policy and show what it attributes to the targets.")
    var policy: TracePolicy?

    @Option(help: "Transfers listed in the table.")
    var limit = 20

    func validate() throws {
        if output.format == .csv { throw ValidationError("flow writes table or json") }
        if ids(from).isEmpty || ids(to).isEmpty { throw ValidationError("give --from and --to account ids") }
        if !Set(ids(from)).isDisjoint(with: ids(to)) { throw ValidationError("an account cannot be both in --from and --to") }
    }

    private func ids(_ list: [String]) -> [String] {
        list.flatMap { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty }
    }

    func run() throws {
        let c = try CaseLoading.load(caseOptions, outputBeside: output.out).case
        func resolve(_ list: [String]) throws -> [Int32] {
            var out: [Int32] = []
            for id in ids(list) {
                guard let e = c.entities.index(of: id) else {
                    Terminal.warn("no entity with id '\(id)' in the case")
                    throw ExitCode(2)
                }
                if !out.contains(e) { out.append(e) }
            }
            return out
        }
        let sources = try resolve(from), targets = try resolve(to)
        let code: UInt16
        if let currency {
            guard let k = c.transfers.currencies.code(of: currency) else {
                Terminal.warn("no transfer in currency '\(currency)' in the case")
                throw ExitCode(2)
            }
            code = k
        } else {
            code = FlowBound.usualCurrency(of: sources, in: c)
        }
        let ledger = Ledger(c.transfers)
        let bound = FlowBound(case: c, ledger: ledger, from: sources, to: targets, currency: code)
        var attributed: Int64?
        if let policy {
            let seeds = FlowBound.seeds(from: sources, currency: code, case: c, ledger: ledger)
            let trace = Tracer(policy: policy).run(on: c, ledger: ledger, seeds: seeds)
            attributed = FlowBound.attributed(by: trace, case: c, to: targets, currency: code)
        }
        let t = c.transfers, e = c.entities
        let currencyName = t.currencies[code]
        switch output.format {
        case .json:
            var w = JSONByteWriter()
            w.beginObject()
            w.key("from"); w.beginArray(); for a in sources { w.string(e.id(a)) }; w.endArray()
            w.key("to"); w.beginArray(); for a in targets { w.string(e.id(a)) }; w.endArray()
            w.key("currency"); w.string(currencyName)
            w.key("maximum"); w.money(bound.maximum)
            w.key("policy"); w.string(policy?.rawValue)
            w.key("attributed"); if let attributed { w.money(attributed) } else { w.null() }
            w.key("network"); w.beginObject()
            w.key("transfers"); w.int(bound.networkTransfers)
            w.key("accounts"); w.int(bound.networkAccounts)
            w.endObject()
            w.key("transfers")
            w.beginArray()
            for (row, amount) in bound.transfers {
                w.beginObject()
                w.key("id"); w.string(t.id(row))
                w.key("from"); w.string(e.id(t.source[Int(row)]))
                w.key("to"); w.string(e.id(t.target[Int(row)]))
                w.key("time"); w.time(t.time[Int(row)])
                w.key("amount"); w.money(t.amount[Int(row)])
                w.key("flow"); w.money(amount)
                w.endObject()
            }
            w.endArray()
            w.endObject()
            try ResultOutput.emit(w.text, to: output.out)
        default:
            var lines: [String] = []
            lines.append("At most \(exactMoney(bound.maximum)) \(currencyName) could have moved from \(ids(from).joined(separator: ", ")) to \(ids(to).joined(separator: ", ")), respecting time.")
            lines.append("(\(bound.networkTransfers) transfers through \(bound.networkAccounts) accounts lie on time-respecting paths between them.)")
            if let policy, let attributed {
                lines.append("\(policy.rawValue) attributes \(exactMoney(attributed)) \(currencyName) of the sources' transfers to the targets"
                    + (bound.maximum > 0 ? String(format: " (%.1f%% of the bound).", Double(attributed) / Double(bound.maximum) * 100) : "."))
            }
            if !bound.transfers.isEmpty {
                lines.append("")
                lines.append("One maximum flow, biggest parts first:")
                for (row, amount) in bound.transfers.sorted(by: { ($1.amount, $0.transfer) < ($0.amount, $1.transfer) }).prefix(limit) {
                    lines.append("  " + pad(t.id(row), 16) + pad(e.id(t.source[Int(row)]) + " -> " + e.id(t.target[Int(row)]), 34)
                        + pad(Timestamp.iso8601(t.time[Int(row)]), 22) + pad(columnMoney(amount), 18, right: true))
                }
                if bound.transfers.count > limit { lines.append("  ... \(bound.transfers.count - limit) more (--limit)") }
            }
            try ResultOutput.emit(tableText(lines), to: output.out)
        }
    }
}
