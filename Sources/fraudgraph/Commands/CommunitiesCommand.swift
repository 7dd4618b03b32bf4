import ArgumentParser
import Communities
import FraudGraph
import Foundation
import Interchange

extension CommunityAlgorithm: ExpressibleByArgument {}
extension QualityFunction: ExpressibleByArgument {}

/// How `communities` writes its result.
enum MembershipFormat: String, ExpressibleByArgument, CaseIterable {
    /// One community number per line, line i for node i.
    case membership
    /// The membership with modularity, timings and settings.
    case json
}

/// `fraudgraph communities --edgelist FILE`: the ring algorithms on a plain graph.
struct CommunitiesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "communities",
        abstract: "Find communities in a plain edge list (u v [w] per line, nodes 0..n-1).",
        discussion: """
        Prints one community number per line, line i for node i (--format membership), \
        or JSON with the membership, modularity, timings, seed and parameters.
        """
    )

    @Option(help: ArgumentHelp("The edge list: one `u v` or `u v w` line per undirected edge.", valueName: "file"))
    var edgelist: String

    @OptionGroup var search: SearchOptions

    @Option(help: "membership (one community per line) or json.")
    var format: MembershipFormat = .membership

    @Option(help: ArgumentHelp("Write the result to this file instead of stdout.", valueName: "file"))
    var out: String?

    func validate() throws {
        if search.quality == .cpm && search.resolution == nil && (search.algorithm == .leiden || search.algorithm == .louvain) {
            throw ValidationError("--quality cpm needs --resolution: CPM's γ is a density in the graph's weight units")
        }
    }

    func run() throws {
        let clock = ContinuousClock()
        let loadStart = clock.now
        let loadCPU = ProcessorTime.now()
        let graph: WeightedGraph
        do {
            graph = try EdgeListReader().read(path: edgelist)
        } catch {
            Terminal.warn(error.description)
            throw ExitCode(2)
        }
        let loaded = clock.now
        let detectCPU = ProcessorTime.now()
        let detection = search.detection(defaultQuality: .modularity) { _ in nil }
        let (partition, resolution) = detection.search(graph)
        let detected = clock.now
        let doneCPU = ProcessorTime.now()
        switch format {
        case .membership:
            try ResultOutput.emit(MembershipText.lines(partition), to: out)
        case .json:
            func seconds(_ d: Duration) -> Double {
                Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
            }
            let json = JSON.object([
                ("algorithm", .string(detection.algorithm.rawValue)),
                ("quality", detection.algorithm == .leiden || detection.algorithm == .louvain ? .string(detection.quality.rawValue) : .null),
                ("resolution", resolution.map { .double($0) } ?? .null),
                ("seed", .int(Int(detection.seed))),
                ("resolutionFitted", .bool(detection.resolution == nil && detection.algorithm == .leiden && detection.quality == .modularity)),
                ("nodes", .int(graph.nodeCount)),
                ("edges", .int(graph.edgeCount)),
                ("communities", .int(partition.count)),
                ("modularity", .double(Modularity.of(partition, in: graph))),
                ("seconds", .object([("load", .double(seconds(loaded - loadStart))), ("detect", .double(seconds(detected - loaded)))])),
                // Processor time of this process: what a busy machine does not inflate.
                ("cpuSeconds", .object([("load", .double(detectCPU - loadCPU)), ("detect", .double(doneCPU - detectCPU))])),
                ("membership", .array(partition.membership.map { .int(Int($0)) })),
            ])
            try ResultOutput.emit(json, to: out)
        }
    }
}

/// The settings of a community search, shared by `rings` and `communities`.
struct SearchOptions: ParsableArguments {
    @Option(help: "leiden (default), louvain, lpa (label propagation) or components.")
    var algorithm: CommunityAlgorithm = .leiden

    @Option(help: "What Leiden and Louvain maximise: modularity or cpm (constant Potts model). Default: modularity for communities, cpm for rings.")
    var quality: QualityFunction?

    @Option(help: ArgumentHelp("Resolution γ: larger finds smaller communities. Default: fitted to the graph for Leiden on modularity, 1 for Louvain, 0.002 for rings on cpm.", valueName: "R"))
    var resolution: Double?

    @Option(help: "Leiden iterations; 0 runs until nothing changes. Default: 2 at a given resolution; a fitted one runs until it settles.")
    var iterations: Int?

    @Option(help: "Seed of the random choices: the same seed gives the same result.")
    var seed: UInt64 = 42

    func validate() throws {
        if let r = resolution, !(r > 0) || !r.isFinite { throw ValidationError("--resolution must be a positive number") }
        if seed > UInt64(Int64.max) { throw ValidationError("--seed must be at most \(Int64.max)") }
    }

    /// The search, with `defaultQuality` and `defaultResolution(quality)` where the
    /// options say nothing.
    func detection(defaultQuality: QualityFunction, defaultResolution: (QualityFunction) -> Double?) -> CommunityDetection {
        let q = quality ?? defaultQuality
        return CommunityDetection(algorithm: algorithm, quality: q, resolution: resolution ?? defaultResolution(q),
                                  iterations: iterations, seed: seed)
    }
}

/// Processor time used by this process so far, user and system, in seconds.
enum ProcessorTime {
    static func now() -> Double { Double(clock()) / Double(CLOCKS_PER_SEC) }
}

/// A membership as text: one community number per line.
enum MembershipText {
    static func lines(_ p: Partition) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(p.nodeCount * 5)
        var digits = [UInt8](repeating: 0, count: 12)
        for c in p.membership {
            var x = Int(c), k = 0
            repeat { digits[k] = UInt8(48 + x % 10); x /= 10; k += 1 } while x > 0
            while k > 0 { k -= 1; bytes.append(digits[k]) }
            bytes.append(10)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
