import ArgumentParser
import FraudGraph
import Interchange

/// `fraudgraph stats CASE`: what the case holds, as a table or the JSON of cli.md.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Count what a case holds: entities and links by kind, transfers, money, time span, reports."
    )

    @OptionGroup var caseOptions: CaseOptions
    @OptionGroup var output: OutputOptions

    @Flag(help: "Also report the memory the loaded case holds (columns per table, strings) and the seconds the load took.")
    var footprint = false

    func validate() throws {
        if output.format == .csv { throw ValidationError("stats writes table or json") }
    }

    func run() throws {
        let started = ContinuousClock.now
        let loaded = try CaseLoading.load(caseOptions, outputBeside: output.out)
        let seconds = (ContinuousClock.now - started) / .seconds(1)
        let summary = CaseSummary(loaded.case)
        let memory = footprint ? CaseFootprint(loaded.case) : nil
        switch output.format {
        case .json:
            var json = StatsReport.json(summary)
            if let memory, case .object(var members) = json {
                members.append(("memory", StatsReport.json(memory)))
                members.append(("loadSeconds", .double(seconds)))
                json = .object(members)
            }
            try ResultOutput.emit(json, to: output.out)
        default:
            var text = StatsReport.table(summary, name: caseOptions.casePath)
            if let memory { text += "\n" + StatsReport.table(memory, seconds: seconds) }
            try ResultOutput.emit(text, to: output.out)
        }
    }
}

/// The two renderings of a `CaseSummary`.
enum StatsReport {
    static func json(_ s: CaseSummary) -> JSON {
        func counts(_ d: [String: Int]) -> JSON { .object(d.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) }) }
        return .object([
            ("entities", .object([("total", .int(s.entityCount)), ("byKind", counts(s.entitiesByKind))])),
            ("links", .object([("total", .int(s.linkCount)), ("byKind", counts(s.linksByKind))])),
            ("transfers", .object([
                ("total", .int(s.transferCount)),
                ("externalAccounts", .int(s.outsideAccountCount)),
                ("byCurrency", .object(s.totalByCurrency.sorted { $0.key < $1.key }.map { ($0.key, .money($0.value)) })),
                ("first", .string(s.firstTransfer.map(Timestamp.iso8601))),
                ("last", .string(s.lastTransfer.map(Timestamp.iso8601))),
            ])),
            ("reports", .int(s.reportCount)),
        ])
    }

    static func json(_ m: CaseFootprint) -> JSON {
        .object([
            ("entityColumns", .int(m.entityColumns)), ("linkColumns", .int(m.linkColumns)),
            ("transferColumns", .int(m.transferColumns)), ("reportColumns", .int(m.reportColumns)),
            ("strings", .int(m.strings)), ("total", .int(m.total)),
            ("bytesPerTransfer", .double(m.bytesPerTransfer)), ("bytesPerEntity", .double(m.bytesPerEntity)),
        ])
    }

    static func table(_ m: CaseFootprint, seconds: Double) -> String {
        func mb(_ b: Int) -> String { String(format: "%.1f MB", Double(b) / 1e6) }
        return [
            pad("Memory", 22) + pad(mb(m.total), 12, right: true),
            "  " + pad("transfer columns", 20) + pad(mb(m.transferColumns), 12, right: true) + String(format: "  %.1f bytes a transfer", m.bytesPerTransfer),
            "  " + pad("entity columns", 20) + pad(mb(m.entityColumns), 12, right: true) + String(format: "  %.1f bytes an entity", m.bytesPerEntity),
            "  " + pad("link columns", 20) + pad(mb(m.linkColumns), 12, right: true),
            "  " + pad("strings and ids", 20) + pad(mb(m.strings), 12, right: true),
            pad("Loaded in", 22) + pad(String(format: "%.2f s", seconds), 12, right: true),
        ].joined(separator: "\n")
    }

    static func table(_ s: CaseSummary, name: String) -> String {
        var lines: [String] = ["Case \(name)", ""]
        func section(_ title: String, _ total: Int, _ parts: [String: Int]) {
            lines.append(pad(title, 22) + pad(String(total), 12, right: true))
            for (k, v) in parts.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) {
                lines.append("  " + pad(k, 20) + pad(String(v), 12, right: true))
            }
        }
        section("Entities", s.entityCount, s.entitiesByKind)
        section("Links", s.linkCount, s.linksByKind)
        lines.append(pad("Transfers", 22) + pad(String(s.transferCount), 12, right: true))
        lines.append("  " + pad("outside accounts", 20) + pad(String(s.outsideAccountCount), 12, right: true))
        for (currency, total) in s.totalByCurrency.sorted(by: { $0.key < $1.key }) {
            lines.append("  " + pad("total \(currency)", 20) + pad(total.readable, 22, right: true))
        }
        if let first = s.firstTransfer, let last = s.lastTransfer {
            lines.append("  " + pad("from", 20) + Timestamp.iso8601(first))
            lines.append("  " + pad("to", 20) + Timestamp.iso8601(last))
        }
        lines.append(pad("Reports", 22) + pad(String(s.reportCount), 12, right: true))
        for (currency, total) in s.reportedByCurrency.sorted(by: { $0.key < $1.key }) {
            lines.append("  " + pad("reported \(currency)", 20) + pad(total.readable, 22, right: true))
        }
        if !s.entitiesByCountry.isEmpty {
            let top = s.entitiesByCountry.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(12)
            lines.append(pad("Countries", 22) + pad(String(s.entitiesByCountry.count), 12, right: true))
            lines.append("  " + top.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
        return tableText(lines)
    }
}

/// Text from case data made safe for a terminal: control characters (ESC, CR, LF,
/// C1), line and paragraph separators and bidirectional embeddings, overrides and
/// isolates are shown as `?`.
func terminalSafe(_ text: String) -> String {
    func unsafe(_ s: Unicode.Scalar) -> Bool { ShownText.isControl(s) || ShownText.isSeparator(s) || ShownText.isBidiControl(s) }
    guard text.unicodeScalars.contains(where: unsafe) else { return text }
    return String(String.UnicodeScalarView(text.unicodeScalars.map { unsafe($0) ? "?" : $0 }))
}

/// `text` padded with spaces to `width` characters (cleaned for the terminal first).
func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
    let text = terminalSafe(text)
    let n = text.count
    if n >= width { return text + (right ? "" : " ") }
    let fill = String(repeating: " ", count: width - n)
    return right ? fill + text : text + fill
}

/// Table lines as one text, without the spaces that padding leaves at line ends.
/// Each line is cleaned for the terminal (`terminalSafe`): a value from case data
/// cannot break a row, move the cursor, recolour the screen or reverse a line.
func tableText(_ lines: [String]) -> String {
    lines.map { raw in
        let line = terminalSafe(raw)
        var end = line.endIndex
        while end > line.startIndex && line[line.index(before: end)] == " " { end = line.index(before: end) }
        return String(line[..<end])
    }.joined(separator: "\n")
}
