import ArgumentParser
import Communities
import FraudGraph
import Foundation
import Interchange

/// `fraudgraph rings CASE`: the organised groups of a case, largest threat first.
struct RingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rings",
        abstract: "Find the organised rings of a case, largest threat first.",
        discussion: """
        Builds the ring graph (links and transfers weighted by kind, hubs damped; \
        --weight overrides a weight), splits it into communities (Leiden on the constant Potts \
        model at resolution 0.002 unless --quality or --resolution say otherwise), and \
        reports every community of \
        at least --min-size entities: members by kind, dens, countries, the victim money \
        that reached it, its most central members and its conductance.
        Weights: sameAs owns manages uses recruited locatedAt memberOf contacted otherLink \
        transfers hubDegree victimTies (see RingWeights).
        """
    )

    @OptionGroup var caseOptions: CaseOptions
    @OptionGroup var search: SearchOptions

    @Option(help: "Communities with fewer entities are not listed.")
    var minSize: Int = 3

    @Option(help: ArgumentHelp("Override a tie weight, e.g. --weight owns=4 --weight hubDegree=200 (repeatable).", valueName: "name=value"))
    var weight: [String] = []

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if minSize < 1 { throw ValidationError("--min-size must be at least 1") }
        _ = try weights()
    }

    func weights() throws -> RingWeights {
        var w = RingWeights()
        for item in weight {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let value = Double(parts[1]), value >= 0, value.isFinite else {
                throw ValidationError("--weight takes name=value with a value of 0 or more: \(item)")
            }
            switch parts[0] {
            case "sameAs": w.sameAs = value
            case "owns": w.owns = value
            case "manages": w.manages = value
            case "uses": w.uses = value
            case "recruited": w.recruited = value
            case "locatedAt": w.locatedAt = value
            case "memberOf": w.memberOf = value
            case "contacted": w.contacted = value
            case "otherLink": w.otherLink = value
            case "transfers": w.transfers = value
            case "cashWithdrawals": w.cashWithdrawals = value
            case "hubDegree": w.hubDegree = Int(value)
            case "victimTies": w.victimTies = value
            default: throw ValidationError("unknown weight \(parts[0]); known: \(RingWeights().parameters.map(\.0).joined(separator: ", "))")
            }
        }
        return w
    }

    func run() throws {
        let loaded = try CaseLoading.load(caseOptions, outputBeside: output.out, digests: output.format == .json)
        let detection = search.detection(defaultQuality: RingFinder.defaultDetection.quality) { quality in
            quality == .cpm ? RingFinder.defaultResolution : nil
        }
        let finder = RingFinder(detection: detection, weights: try weights(), minSize: minSize)
        let report = finder.run(on: loaded.case)
        switch output.format {
        case .json:
            let inputs = loaded.report.files.map { f in
                JSON.object([("file", .string(f.name)), ("rows", .int(f.rows)), ("sha256", .string(f.sha256))])
            }
            var json = RingsOutput.json(report, loaded.case)
            if case .object(var fields) = json {
                fields.insert(("tool", .string("fraudgraph \(FraudGraphCommand.version)")), at: 2)
                fields.insert(("case", .string(caseOptions.casePath)), at: 3)
                fields.insert(("inputs", .array(inputs)), at: 4)
                json = .object(fields)
            }
            try ResultOutput.emit(json, to: output.out)
        case .csv: try RingsOutput.csv(report, loaded.case, to: output.out)
        case .table: try ResultOutput.emit(RingsOutput.table(report, loaded.case, name: caseOptions.casePath), to: output.out)
        }
    }
}

/// The renderings of a `RingReport`.
enum RingsOutput {
    static func json(_ report: RingReport, _ c: Case) -> JSON {
        let e = c.entities
        let d = report.finder.detection
        func ids(_ list: [Int32]) -> JSON { .array(list.map { .string(e.id($0)) }) }
        let rings: [JSON] = report.rings.map { ring in
            .object([
                ("id", .int(ring.number)),
                ("members", ids(ring.members)),
                ("size", .int(ring.size)),
                ("byKind", .object(ring.byKind.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })),
                ("dens", ids(ring.dens)),
                ("countries", .array(ring.countries.map { .string($0) })),
                ("victimMoney", .money(ring.victimMoney)),
                ("victimMoneyByCurrency", .object(ring.victimMoneyByCurrency.sorted { $0.key < $1.key }.map { ($0.key, .money($0.value)) })),
                ("reports", .int(ring.reportCount)),
                ("victims", .int(ring.victimCount)),
                ("central", .array(ring.central.map { m in
                    .object([("id", .string(e.id(m.entity))), ("kind", .string(e.kindOf(m.entity).name)),
                             ("name", .string(e.name[Int(m.entity)])), ("strength", .double(rounded(m.strength)))])
                })),
                ("conductance", .double(rounded(ring.conductance))),
                ("cohesion", .double(rounded(ring.cohesion))),
            ])
        }
        return .object([
            ("algorithm", .string(d.algorithm.rawValue)),
            ("modularity", .double(rounded(report.modularity))),
            ("quality", d.algorithm == .leiden || d.algorithm == .louvain ? .string(d.quality.rawValue) : .null),
            ("resolution", report.resolution.map { .double(rounded($0)) } ?? .null),
            ("resolutionFitted", .bool(d.resolution == nil && d.algorithm == .leiden && d.quality == .modularity)),
            ("seed", .int(Int(d.seed))),
            ("minSize", .int(report.finder.minSize)),
            ("weights", .object(report.finder.weights.parameters.map { ($0.0, .double($0.1)) })),
            ("communities", .int(report.partition.count)),
            ("hubs", .int(report.hubs.count)),
            ("rings", .array(rings)),
        ])
    }

    /// One row per ring member.
    static func csv(_ report: RingReport, _ c: Case, to path: String?) throws {
        var lines = ["ring,entity,kind,name,country,strength"]
        let e = c.entities
        for ring in report.rings {
            var strength: [Int32: Double] = [:]
            for m in ring.central { strength[m.entity] = m.strength }
            for m in ring.members {
                let fields = [String(ring.number), e.id(m), e.kindOf(m).name, e.name[Int(m)], e.countryOf(m) ?? "",
                              strength[m].map { String(rounded($0)) } ?? ""]
                lines.append(fields.map(csvField).joined(separator: ","))
            }
        }
        try ResultOutput.emit(lines.joined(separator: "\n"), to: path)
    }

    static func table(_ report: RingReport, _ c: Case, name: String) -> String {
        let e = c.entities
        let d = report.finder.detection
        var lines: [String] = []
        let gamma = report.resolution.map { String(format: "%.4g", $0) } ?? "-"
        lines.append("Rings of \(name): \(report.rings.count) of at least \(report.finder.minSize) entities")
        lines.append("\(d.algorithm.rawValue), resolution \(gamma)\(d.resolution == nil && d.algorithm == .leiden ? " (fitted)" : ""), seed \(d.seed), modularity \(String(format: "%.4f", report.modularity)), \(report.hubs.count) hubs damped")
        lines.append("")
        lines.append(pad("ring", 6) + pad("size", 6, right: true) + pad("people", 8, right: true) + pad("accounts", 10, right: true)
                     + "  " + pad("victim money", 16, right: true) + pad("reports", 9, right: true) + pad("conduct.", 10, right: true)
                     + "  " + pad("dens", 22) + pad("countries", 18) + "central")
        for ring in report.rings {
            let dens = ring.dens.map { e.displayName($0) }.joined(separator: "; ")
            let central = ring.central.prefix(3).map { e.displayName($0.entity) }.joined(separator: "; ")
            lines.append(pad(String(ring.number), 6) + pad(String(ring.size), 6, right: true)
                         + pad(String(ring.byKind["person"] ?? 0), 8, right: true)
                         + pad(String((ring.byKind["account"] ?? 0) + (ring.byKind["wallet"] ?? 0)), 10, right: true)
                         + "  " + pad(ring.victimMoney.readable, 16, right: true) + pad(String(ring.reportCount), 9, right: true)
                         + pad(String(format: "%.3f", ring.conductance), 10, right: true)
                         + "  " + pad(dens.isEmpty ? "-" : dens, 22) + pad(ring.countries.prefix(4).joined(separator: " "), 18) + central)
        }
        return tableText(lines)
    }

    static func rounded(_ x: Double) -> Double { (x * 1e6).rounded() / 1e6 }

    /// One field of `rings --format csv`: quoted as RFC 4180 says, and shown rather
    /// than run by a spreadsheet (`CSVWriter.spreadsheetSafe`).
    static func csvField(_ s: String) -> String { CSVWriter.quotedField(CSVWriter.spreadsheetSafe(s)) }
}
