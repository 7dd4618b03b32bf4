import FraudGraph

/// The community-finding algorithms the command line offers.
public enum CommunityAlgorithm: String, Sendable, CaseIterable, Hashable {
    case leiden, louvain, lpa, components
}

/// One community search, whichever algorithm: the settings, and `run` that returns
/// the partition with the figures that describe how it was made.
public struct CommunityDetection: Sendable, Hashable {
    public var algorithm: CommunityAlgorithm
    /// What Leiden and Louvain maximise.
    public var quality: QualityFunction
    /// γ; nil: fitted to the graph for Leiden on modularity (`FittedLeiden`), 1 for
    /// Louvain. CPM needs a γ (it is a density in the graph's weight units; nil
    /// means 1).
    public var resolution: Double?
    /// Leiden's iterations (0 or less: until stable); nil: 2 at a given γ (as
    /// igraph), at least 1 and until γ settles for a fitted one.
    public var iterations: Int?
    public var seed: UInt64

    public init(algorithm: CommunityAlgorithm = .leiden, quality: QualityFunction = .modularity,
                resolution: Double? = nil, iterations: Int? = nil, seed: UInt64 = 42) {
        self.algorithm = algorithm
        self.quality = quality
        self.resolution = resolution
        self.iterations = iterations
        self.seed = seed
    }

    /// What a search found, and with which settings.
    public struct Outcome: Sendable {
        public var partition: Partition
        /// The γ used (nil for algorithms without one).
        public var resolution: Double?
        /// Modularity at γ = 1, the common yardstick.
        public var modularity: Double
    }

    /// Runs the search on `graph`, and measures the result's modularity.
    public func run(on graph: WeightedGraph) -> Outcome {
        let (partition, used) = search(graph)
        return Outcome(partition: partition, resolution: used, modularity: Modularity.of(partition, in: graph))
    }

    /// The partition of `graph` and the γ it was found with (nil for algorithms
    /// without one), nothing else: what a timing should cover.
    public func search(_ graph: WeightedGraph) -> (partition: Partition, resolution: Double?) {
        let gamma = resolution ?? 1
        switch algorithm {
        case .leiden where resolution == nil && quality == .modularity:
            let fit = FittedLeiden(leiden: Leiden(quality: quality, resolution: 1, iterations: iterations ?? 1, seed: seed)).run(on: graph)
            return (fit.partition, fit.resolution)
        case .leiden:
            return (Leiden(quality: quality, resolution: gamma, iterations: iterations ?? 2, seed: seed).run(on: graph), gamma)
        case .louvain:
            return (Louvain(quality: quality, resolution: gamma, seed: seed).run(on: graph), gamma)
        case .lpa:
            return (LabelPropagation(seed: seed).run(on: graph), nil)
        case .components:
            return (ConnectedComponents().run(on: graph), nil)
        }
    }
}
