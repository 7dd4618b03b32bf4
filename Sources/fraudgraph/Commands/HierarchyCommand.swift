import ArgumentParser
import FraudGraph
import Hierarchy
import Interchange

/// `fraudgraph hierarchy CASE`: for each den, its people with a level (0 at the top),
/// a score, a role, and the ties behind each placement.
struct HierarchyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hierarchy",
        abstract: "Map who runs each den and who commands whom: levels, scores, roles and the evidence behind them.",
        discussion: """
        People are placed in dens by located_at/member_of links, then by the den's devices \
        and IPs, then by command ties. Ranks come from SpringRank on the directed evidence \
        (manages, recruited, contacted, salary payments, swept proceeds); a den without \
        directed ties falls back to centrality and says so. Evidence kinds: \
        \(CommandWeights.Kind.allCases.map(\.rawValue).joined(separator: ", ")); defaults \
        \(CommandWeights().description).
        """
    )

    @OptionGroup var caseOptions: CaseOptions
    @OptionGroup var output: OutputOptions

    @Option(help: ArgumentHelp("Only this den (its id).", valueName: "id"))
    var den: String?

    @Option(name: .customLong("weight"), help: ArgumentHelp(
        "Weight of an evidence kind, KIND=W (repeatable): manages, recruited, contacted, salary, proceeds; or sweep-share=S.",
        valueName: "kind=w"))
    var weights: [String] = []

    @Option(help: "SpringRank regularisation alpha (0: none; each group of ties centred on 0).")
    var alpha: Double = 0

    @Option(help: "Ties of evidence listed per person and direction.")
    var evidence: Int = 5

    @Flag(help: "Rank the raw ties both ways instead of netting the evidence between two people.")
    var rawTies = false

    func validate() throws {
        if output.format == .csv { throw ValidationError("hierarchy writes table or json") }
        if !(alpha >= 0) || !alpha.isFinite { throw ValidationError("--alpha must be a number >= 0") }
        if evidence < 0 { throw ValidationError("--evidence must be >= 0") }
        var w = CommandWeights()
        for setting in weights {
            do { try w.apply(setting) } catch { throw ValidationError("--weight: \(error)") }
        }
    }

    func run() throws {
        var h = DenHierarchy()
        for setting in weights { try? h.weights.apply(setting) }
        h.springRank.alpha = alpha
        h.evidenceLimit = evidence
        h.netEvidence = !rawTies
        let loaded = try CaseLoading.load(caseOptions, outputBeside: output.out)
        let c = loaded.case
        var only: [Int32]? = nil
        if let den {
            guard let e = c.entities.index(of: den) else {
                Terminal.warn("no entity with id \(HierarchyReportText.quoted(den)) in the case")
                throw ExitCode(2)
            }
            guard c.entities.kindOf(e) == .den else {
                Terminal.warn("\(HierarchyReportText.quoted(den)) is a \(c.entities.kindOf(e).name), not a den")
                throw ExitCode(2)
            }
            only = [e]
        }
        // Ring detection (the Communities module) is not in this build: people whose
        // den is not written down are placed by the den's devices and IPs and by ties.
        let report = h.run(on: c, rings: nil, dens: only)
        switch output.format {
        case .json: try ResultOutput.emit(HierarchyReportText.json(report, c, netEvidence: h.netEvidence), to: output.out)
        default: try ResultOutput.emit(HierarchyReportText.table(report, c), to: output.out)
        }
    }
}

/// The renderings of a `HierarchyReport`.
enum HierarchyReportText {
    static let ringsNote = "not used: ring detection is not in this build; people whose den is not written down are placed by the den's devices and IPs and by command ties"

    static func json(_ r: HierarchyReport, _ c: Case, netEvidence: Bool) -> JSON {
        let ids = c.entities
        func counts(_ t: TieCounts) -> JSON { .object(t.nonZero.map { ($0.kind, .double(Double($0.count))) }) }
        func ties(_ list: [PlacementTie]) -> JSON {
            .array(list.map { t in
                .object([("id", .string(ids.id(t.other))), ("weight", .double(rounded(t.weight))),
                         ("for", counts(t.support)), ("against", counts(t.against))])
            })
        }
        let dens: [JSON] = r.charts.map { chart in
            .object([
                ("den", .string(ids.id(chart.den))),
                ("name", .string(ids.name.isEmpty(Int(chart.den)) ? nil : ids.name[Int(chart.den)])),
                ("method", .string(chart.method.rawValue)),
                ("note", .string(note(chart.method))),
                ("ties", .int(chart.arcCount)),
                ("levelSpacing", .double(rounded(chart.levelSpacing))),
                ("people", .array(chart.people.map { p in
                    .object([
                        ("id", .string(ids.id(p.person))),
                        ("level", .int(p.level)),
                        ("score", .double(rounded(p.score))),
                        ("role", .string(p.role.rawValue)),
                        ("name", .string(ids.name.isEmpty(Int(p.person)) ? nil : ids.name[Int(p.person)])),
                        ("roleReason", .string(p.roleReason)),
                        ("membership", .string(p.membership.description)),
                        ("rankBasis", .string(p.rankBasis.rawValue)),
                        ("evidence", .object([
                            ("above", ties(p.above)), ("aboveTotal", .int(p.aboveCount)),
                            ("below", ties(p.below)), ("belowTotal", .int(p.belowCount)),
                        ])),
                    ])
                })),
            ])
        }
        let w = r.weights
        return .object([
            ("parameters", .object([
                ("weights", .object(CommandWeights.Kind.allCases.map { ($0.rawValue, .double(Double(w[$0]))) })),
                ("sweepShare", .double(w.sweepShare)),
                ("alpha", .double(r.alpha)),
                ("netEvidence", .bool(netEvidence)),
                ("rings", .string(r.usedRings ? "used" : ringsNote)),
            ])),
            ("payments", .object([("salaries", .int(r.salaryPayments)), ("sweeps", .int(r.sweepPayments))])),
            ("placed", .object(DenRoster.Basis.allCases.dropFirst().map { ($0.description, .int(r.roster.countByBasis()[$0] ?? 0)) })),
            ("dens", .array(dens)),
        ])
    }

    static func note(_ m: OrgChart.Method) -> String? {
        switch m {
        case .springRank: nil
        case .centrality: "no directed tie among the den's people: ranked by PageRank on undirected ties only"
        case .none: "no tie among the den's people: no ranking"
        }
    }

    static func table(_ r: HierarchyReport, _ c: Case) -> String {
        let ids = c.entities
        var lines: [String] = []
        if r.charts.isEmpty { lines.append("No den in this case.") }
        for chart in r.charts {
            let name = ids.name.isEmpty(Int(chart.den)) ? "" : " " + quoted(ids.name[Int(chart.den)])
            lines.append("Den \(ids.id(chart.den))\(name): \(chart.people.count) people, \(chart.arcCount) directed ties, \(chart.method.rawValue)")
            if let n = note(chart.method) { lines.append("  note: " + n) }
            lines.append("  " + pad("level", 6) + pad("role", 10) + pad("score", 9, right: true) + "  " + pad("id", 14) + pad("placed by", 22) + "above / below")
            for p in chart.people {
                func names(_ list: [PlacementTie]) -> String { list.prefix(3).map { ids.id($0.other) }.joined(separator: " ") }
                var ev = "\(p.aboveCount) / \(p.belowCount)"
                if !p.above.isEmpty { ev += "  over " + names(p.above) }
                if !p.below.isEmpty { ev += "  under " + names(p.below) }
                lines.append("  " + pad(String(p.level), 6) + pad(p.role.rawValue, 10)
                             + pad(formatScore(p.score), 9, right: true) + "  " + pad(ids.id(p.person), 14)
                             + pad(p.membership.description, 22) + ev)
            }
            lines.append("")
        }
        if !r.usedRings { lines.append("rings: " + ringsNote) }
        lines.append("weights: \(r.weights.description); payments read: \(r.salaryPayments) salaries, \(r.sweepPayments) sweeps")
        return tableText(lines)
    }

    static func rounded(_ x: Double) -> Double { (x * 1e6).rounded() / 1e6 }

    static func formatScore(_ x: Double) -> String {
        let r = (x * 1000).rounded() / 1000
        var s = String(r)
        if let dot = s.firstIndex(of: ".") {
            let decimals = s.distance(from: dot, to: s.endIndex) - 1
            if decimals < 3 { s += String(repeating: "0", count: 3 - decimals) }
        } else { s += ".000" }
        return s
    }

    /// `s` in quotes, for a message or a table line (`Terminal.warn` and `tableText`
    /// make both safe for the terminal).
    static func quoted(_ s: String) -> String { "\"" + s + "\"" }
}
