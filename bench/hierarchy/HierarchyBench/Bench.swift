import FraudGraph
import Foundation
import Hierarchy
import Interchange
import Synthetic

/// The hierarchy benchmark's modes (see bench/hierarchy/README.md).
enum Bench {
    static func main(_ args: [String]) throws {
        guard let mode = args.first else { throw Usage() }
        var options: [String: String] = [:]
        var positional: [String] = []
        var i = 1
        while i < args.count {
            if args[i].hasPrefix("--") {
                let key = String(args[i].dropFirst(2))
                if i + 1 < args.count && !args[i + 1].hasPrefix("--") { options[key] = args[i + 1]; i += 2 } else { options[key] = "true"; i += 1 }
            } else { positional.append(args[i]); i += 1 }
        }
        if let w = options["weights"] { settings = w.split(separator: ",").map(String.init) }
        switch mode {
        case "scores": try scores(measure: positional[0], file: positional[1], options)
        case "synthetic": try synthetic(options)
        case "evaluate": try evaluate(folder: positional[0], options)
        case "den-ties": try denTies(folder: positional[0], out: positional[1], options)
        case "springrank-dir": try springRankDirectory(positional[0])
        case "phases": try phases(folder: positional[0])
        default: throw Usage()
        }
    }

    struct Usage: Error, CustomStringConvertible {
        var description: String {
            """
            usage: hierarchy-bench scores springrank|pagerank|betweenness|betweenness-weight|eigenvector|degree EDGES [--nodes N] [--undirected] [--alpha A] [--time]
                   hierarchy-bench springrank-dir DIR     (times SpringRank on every DIR/*.edges)
                   hierarchy-bench synthetic [--dens N] [--seed S] [--filler-accounts A] [--filler-transfers T] [--write DIR] [--den-ties DIR]
                   hierarchy-bench evaluate CASE          (CASE/truth/roles.csv)
                   hierarchy-bench den-ties CASE OUTDIR [--limit N]
            """
        }
    }

    // MARK: - Scores on an edge list

    /// One value per node, one per line: `u v [w]` lines, nodes 0..n-1.
    static func scores(measure: String, file: String, _ options: [String: String]) throws {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        var s: [Int32] = [], t: [Int32] = [], w: [Float] = []
        var n = Int(options["nodes"] ?? "0") ?? 0
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let f = line.split(separator: " ")
            guard f.count >= 2, let a = Int32(f[0]), let b = Int32(f[1]) else { continue }
            s.append(a); t.append(b); w.append(f.count > 2 ? Float(f[2])! : 1)
            n = max(n, Int(max(a, b)) + 1)
        }
        let d = DirectedGraph(nodeCount: n, sources: s, destinations: t, weights: w)
        let undirected = options["undirected"] != nil
        let clock = ContinuousClock()
        let start = clock.now
        let values: ContiguousArray<Double>
        switch measure {
        case "springrank":
            var sr = SpringRank()
            sr.alpha = Double(options["alpha"] ?? "0")!
            sr.tolerance = 1e-12
            values = sr.run(on: d).scores
        case "pagerank":
            values = undirected ? PageRank().run(on: d.undirected).values : PageRank().run(on: d).values
        case "betweenness", "betweenness-weight":
            var b = Betweenness()
            if measure == "betweenness-weight" { b.length = .weight }
            values = undirected ? b.run(on: d.undirected).values : b.run(on: d).values
        case "eigenvector":
            values = undirected ? EigenvectorCentrality().run(on: d.undirected).values : EigenvectorCentrality().run(on: d).values
        case "degree":
            values = undirected ? DegreeCentrality().run(on: d.undirected).values : DegreeCentrality().run(on: d).values
        default: throw Usage()
        }
        let elapsed = clock.now - start
        if options["time"] != nil {
            print("{\"measure\": \"\(measure)\", \"nodes\": \(n), \"arcs\": \(d.arcCount), \"seconds\": \(seconds(elapsed))}")
        } else {
            print(values.map { String($0) }.joined(separator: "\n"))
        }
    }

    /// Times SpringRank on every `*.edges` file of a folder (reading excluded).
    static func springRankDirectory(_ folder: String) throws {
        var graphs: [DirectedGraph] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() where name.hasSuffix(".edges") {
            let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
            var s: [Int32] = [], t: [Int32] = [], w: [Float] = []
            var n = 0
            for line in text.split(separator: "\n") where !line.hasPrefix("#") {
                let f = line.split(separator: " ")
                guard f.count >= 3, let a = Int32(f[0]), let b = Int32(f[1]), let x = Float(f[2]) else { continue }
                s.append(a); t.append(b); w.append(x)
                n = max(n, Int(max(a, b)) + 1)
            }
            graphs.append(DirectedGraph(nodeCount: n, sources: s, destinations: t, weights: w))
        }
        let clock = ContinuousClock()
        let start = clock.now
        var iterations = 0
        for g in graphs { iterations += SpringRank().run(on: g).iterations }
        let elapsed = clock.now - start
        print("{\"graphs\": \(graphs.count), \"iterations\": \(iterations), \"seconds\": \(seconds(elapsed))}")
    }

    /// Times each projection the hierarchy builds, one by one, on a case folder.
    static func phases(folder: String) throws {
        let c = try CaseFolderReader().read(folder: folder).case
        let clock = ContinuousClock()
        var t = clock.now
        func lap(_ name: String) {
            let now = clock.now
            print("\(name): \(seconds(now - t)) s")
            t = now
        }
        let owners = AccountOwners(c); lap("owners")
        let victims = VictimMoney(c, owners: owners); lap("victims")
        let ledger = Ledger(c.transfers); lap("ledger")
        let commands = CommandGraph(c, owners: owners, ledger: ledger, victims: victims); lap("command graph (\(commands.arcCount) ties)")
        let roster = DenPlacement().run(on: c, commands: commands, owners: owners, victims: victims, rings: nil); lap("placement")
        _ = PersonActivity(c, commands: commands, owners: owners, roster: roster); lap("activity")
        _ = DenHierarchy.personTies(c); lap("person ties")
    }

    // MARK: - Synthetic dens

    static func synthetic(_ options: [String: String]) throws {
        var gen = SyntheticDens()
        gen.dens = Int(options["dens"] ?? "50")!
        gen.seed = UInt64(options["seed"] ?? "1")!
        gen.fillerAccounts = Int(options["filler-accounts"] ?? "0")!
        gen.fillerTransfers = Int(options["filler-transfers"] ?? "0")!
        let clock = ContinuousClock()
        let start = clock.now
        let (c, truth) = try gen.generate()
        let built = clock.now - start
        if let folder = options["write"] {
            try CaseFolderWriter().write(c, to: folder)
            var roles = "person,den,role,rank\n"
            for (id, t) in truth.sorted(by: { $0.key < $1.key }) { roles += "\(id),\(t.den),\(t.role),\(t.rank)\n" }
            try FileManager.default.createDirectory(atPath: folder + "/truth", withIntermediateDirectories: true)
            try roles.write(toFile: folder + "/truth/roles.csv", atomically: true, encoding: .utf8)
        }
        let (report, timing) = timedRun(c)
        if let out = options["den-ties"] { try writeDenTies(c, out: out, limit: Int(options["limit"] ?? "20")!) }
        let card = Scorecard(report: report, case: c, truth: truth)
        if let show = options["show-den"], let k = Int(show) { showDen(report.charts[k], c, truth) }
        print("{\"case\": {\"dens\": \(gen.dens), \"seed\": \(gen.seed), \"entities\": \(c.entities.count), \"links\": \(c.links.count), \"transfers\": \(c.transfers.count), \"generateSeconds\": \(seconds(built))},")
        print(" \"seconds\": \(timing),")
        print(" \"scores\": \(card.json)}")
    }

    /// Runs the hierarchy of every den, timing the projections and the charts.
    /// Settings for experiments: `--weights manages=4,contacted=1`.
    nonisolated(unsafe) static var settings: [String] = []

    static func timedRun(_ c: Case) -> (HierarchyReport, String) {
        let clock = ContinuousClock()
        var h = DenHierarchy()
        for s in settings { try? h.weights.apply(s) }
        let t0 = clock.now
        let inputs = h.inputs(c)
        let t1 = clock.now
        let report = h.run(on: inputs)
        let t2 = clock.now
        let people = report.charts.reduce(0) { $0 + $1.people.count }
        return (report, "{\"projections\": \(seconds(t1 - t0)), \"charts\": \(seconds(t2 - t1)), \"total\": \(seconds(t2 - t0)), \"dens\": \(report.charts.count), \"people\": \(people), \"commandTies\": \(inputs.commands.arcCount)}")
    }

    /// Prints a chart beside the truth, for looking into a den.
    static func showDen(_ chart: OrgChart, _ c: Case, _ truth: [String: Scorecard.Truth]) {
        for p in chart.people {
            let id = c.entities.id(p.person)
            let t = truth[id]
            let score = (p.score * 1000).rounded() / 1000
            let ties = "above \(p.above.prefix(3).map { c.entities.id($0.other).split(separator: "-").last! }) below \(p.below.prefix(3).map { c.entities.id($0.other).split(separator: "-").last! })"
            print("\(id)\t\(p.level)\t\(score)\t\(p.role)\t| \(t?.role ?? "-") \(t?.rank ?? -1)\t\(p.membership)\t\(ties)")
        }
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    // MARK: - Case folders

    static func evaluate(folder: String, _ options: [String: String]) throws {
        let clock = ContinuousClock()
        let t0 = clock.now
        let c = try CaseFolderReader().read(folder: folder).case
        let loaded = clock.now - t0
        let truth = try readRoles(folder, c)
        let (report, timing) = timedRun(c)
        let card = Scorecard(report: report, case: c, truth: truth)
        if let show = options["show-den"], let k = Int(show) { showDen(report.charts[k], c, truth) }
        if options["failures"] != nil {
            for chart in report.charts {
                guard let first = chart.people.first, truth[c.entities.id(first.person)]?.role != "boss" else { continue }
                print("== \(c.entities.id(chart.den))")
                showDen(OrgChart(den: chart.den, method: chart.method, people: Array(chart.people.prefix(4)), arcCount: 0,
                                 levelSpacing: 1, iterations: 0, relativeResidual: 0), c, truth)
            }
        }
        print("{\"case\": {\"folder\": \"\(folder)\", \"entities\": \(c.entities.count), \"transfers\": \(c.transfers.count), \"loadSeconds\": \(seconds(loaded))},")
        print(" \"seconds\": \(timing),")
        print(" \"scores\": \(card.json)}")
    }

    /// The truth of a generated case folder (truth/roles.csv), by person id.
    static func readRoles(_ folder: String, _ c: Case) throws -> [String: Scorecard.Truth] {
        let truth = try GroundTruth.load(folder: folder, for: c)
        var out: [String: Scorecard.Truth] = [:]
        for r in truth.roles {
            out[c.entities.id(r.person)] = Scorecard.Truth(den: c.entities.id(r.den), role: r.role, rank: r.rank)
        }
        return out
    }

    static func denTies(folder: String, out: String, _ options: [String: String]) throws {
        let c = try CaseFolderReader().read(folder: folder).case
        try writeDenTies(c, out: out, limit: Int(options["limit"] ?? "20")!)
    }

    /// Writes the ties SpringRank ranks in each den (up to `limit` dens) as edge lists.
    static func writeDenTies(_ c: Case, out: String, limit: Int) throws {
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let h = DenHierarchy()
        let inputs = h.inputs(c)
        var written = 0
        for d in 0 ..< inputs.roster.dens.count where written < limit {
            let (members, g, _) = h.denTies(den: d, inputs: inputs)
            guard g.arcCount > 1 else { continue }
            var text = "# den \(c.entities.id(inputs.roster.dens[d])), \(members.count) people\n"
            for u in 0 ..< g.nodeCount {
                for k in g.outRange(of: Int32(u)) { text += "\(u) \(g.outTargets[k]) \(g.outWeights[k])\n" }
            }
            try text.write(toFile: "\(out)/den\(d).edges", atomically: true, encoding: .utf8)
            written += 1
        }
    }
}
