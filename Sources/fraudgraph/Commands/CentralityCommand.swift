import ArgumentParser
import FraudGraph
import Hierarchy
import Interchange

/// `fraudgraph centrality CASE`: the most central people and accounts.
struct CentralityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "centrality",
        abstract: "Rank the most central entities of a case by PageRank, betweenness, degree or eigenvector centrality.",
        discussion: """
        Betweenness is exact up to \(CentralityCommand.exactLimit) nodes; on larger graphs it samples \
        --samples sources (default \(CentralityCommand.defaultSamples), fewer on graphs of millions of \
        ties, at least 16) and states the error bound.
        """
    )

    static let exactLimit = 5000
    static let defaultSamples = 256

    enum Direction: String, ExpressibleByArgument, CaseIterable { case directed, undirected }
    enum Length: String, ExpressibleByArgument, CaseIterable { case hops, weight, strength }

    @OptionGroup var caseOptions: CaseOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "pagerank, betweenness, degree or eigenvector.")
    var measure: String = "pagerank"

    @Option(help: "How many entities to list.")
    var top: Int = 20

    @Option(help: "The graph: all (links and transfers), links, money (transfers) or command (command ties between persons).")
    var graph: String = "all"

    @Option(help: "Read ties with their direction or not (default: directed for money and command, undirected otherwise).")
    var direction: Direction?

    @Option(help: ArgumentHelp("Only entities of this kind (person, account, ...).", valueName: "kind"))
    var kind: String?

    @Option(help: "Betweenness: path length in hops, by weight, or by strength (1/weight).")
    var length: Length = .hops

    @Option(help: "Betweenness: number of sampled sources (default: exact up to 5000 nodes, else up to 256).")
    var samples: Int?

    @Flag(help: "Betweenness: exact, whatever the size.")
    var exact = false

    @Option(help: "Seed of the betweenness sample.")
    var seed: UInt64 = 42

    func validate() throws {
        if output.format == .csv { throw ValidationError("centrality writes table or json") }
        guard CentralityMeasure(rawValue: measure) != nil else {
            throw ValidationError("--measure must be one of \(CentralityMeasure.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard CaseView(rawValue: graph) != nil else {
            throw ValidationError("--graph must be one of \(CaseView.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if top < 1 { throw ValidationError("--top must be >= 1") }
        if let samples, samples < 1 { throw ValidationError("--samples must be >= 1") }
        if exact && samples != nil { throw ValidationError("--exact and --samples exclude each other") }
    }

    func run() throws {
        let loaded = try CaseLoading.load(caseOptions, outputBeside: output.out)
        let c = loaded.case
        var kindCode: UInt16? = nil
        if let kind {
            guard let code = c.entities.kinds.code(of: kind) ?? EntityKind.known(matching: kind).flatMap({ c.entities.kinds.code(of: $0.name) }) else {
                Terminal.warn("no entity of kind \(HierarchyReportText.quoted(kind)) in the case")
                throw ExitCode(2)
            }
            kindCode = code
        }
        let view = CaseView(rawValue: graph)!
        let m = CentralityMeasure(rawValue: measure)!
        let directed = (direction ?? (view.directedByDefault ? .directed : .undirected)) == .directed
        let run = CentralityRun(view: view, measure: m, directed: directed, length: length.rawValue,
                                samples: exact ? nil : samples, sampleAboveNodes: exact ? Int.max : Self.exactLimit,
                                defaultSamples: Self.defaultSamples, seed: seed)
        let result = run.compute(c)
        let best = result.scores.top(top) { e in kindCode.map { c.entities.kind[Int(e)] == $0 } ?? true }
        switch output.format {
        case .json: try ResultOutput.emit(json(result, best, c), to: output.out)
        default: try ResultOutput.emit(table(result, best, c), to: output.out)
        }
    }

    func json(_ r: CentralityRun.Result, _ best: [(node: Int32, value: Double)], _ c: Case) -> JSON {
        let s = r.scores
        return .object([
            ("measure", .string(s.measure.rawValue)),
            ("graph", .string(graph)),
            ("directed", .bool(r.directed)),
            ("nodes", .int(r.nodes)),
            ("ties", .int(r.ties)),
            ("parameters", .object(r.parameters.map { ($0.0, .string($0.1)) })),
            ("iterations", .int(s.iterations)),
            ("converged", .bool(s.converged)),
            ("sampledSources", s.sampledSources.map { .int($0) } ?? .null),
            ("errorBound", s.errorBound.map { .double($0) } ?? .null),
            ("failureProbability", s.failureProbability.map { .double($0) } ?? .null),
            ("top", .array(best.enumerated().map { (i, item) in
                .object([
                    ("rank", .int(i + 1)),
                    ("id", .string(c.entities.id(item.node))),
                    ("kind", .string(c.entities.kindOf(item.node).name)),
                    ("name", .string(c.entities.name.isEmpty(Int(item.node)) ? nil : c.entities.name[Int(item.node)])),
                    ("value", .double(item.value)),
                ])
            })),
        ])
    }

    func table(_ r: CentralityRun.Result, _ best: [(node: Int32, value: Double)], _ c: Case) -> String {
        let s = r.scores
        var lines = ["\(s.measure.rawValue) on the \(graph) graph (\(r.directed ? "directed" : "undirected")): \(r.nodes) nodes, \(r.ties) ties"]
        if let k = s.sampledSources, let e = s.errorBound, let d = s.failureProbability {
            lines.append("sampled \(k) sources: every value within \(e) of the exact one with probability \(1 - d)")
        }
        if !s.converged { lines.append("warning: did not converge in \(s.iterations) iterations") }
        lines.append(pad("rank", 6) + pad("value", 14, right: true) + "  " + pad("kind", 10) + pad("id", 20) + "name")
        for (i, item) in best.enumerated() {
            let e = item.node
            lines.append(pad(String(i + 1), 6) + pad(String((item.value * 1e8).rounded() / 1e8), 14, right: true) + "  "
                         + pad(c.entities.kindOf(e).name, 10) + pad(c.entities.id(e), 20)
                         + (c.entities.name.isEmpty(Int(e)) ? "" : c.entities.name[Int(e)]))
        }
        return tableText(lines)
    }
}
