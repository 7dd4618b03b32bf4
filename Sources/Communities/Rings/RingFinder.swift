import FraudGraph

/// Finds the rings of a case: builds the `RingGraph`, splits it into communities,
/// and turns into a `Ring` every community that holds together without its hubs and
/// victims (its largest part connected without them has at least `minSize`
/// entities), so that customers of one shop, or a victim with her phone and account,
/// are not a ring. Victims (`RingGraph.victimSide`) are never members; a hub is one
/// only when most of its tie weight stays inside the ring (a ring's own payroll
/// account, not the shop its members buy at). Rings come largest threat first.
///
/// Threat order: the victim money that reached the ring (reported payments into its
/// accounts), then the number of such reports, then the number of people, then size.
public struct RingFinder: Sendable, Hashable {
    /// How communities are found: by default Leiden on the Constant Potts Model at
    /// γ = `RingFinder.defaultResolution`.
    public var detection: CommunityDetection
    /// How ties weigh.
    public var weights: RingWeights
    /// Communities whose largest part without hubs and victims is smaller are not
    /// rings.
    public var minSize: Int
    /// How many central members each ring lists.
    public var centralCount: Int

    /// The default CPM resolution for rings, in `RingWeights` units: a group holds
    /// together while its members' ties weigh more than 0.002 per pair of members
    /// (a single tie of weight 1 keeps an entity in a group of up to 500). Measured on
    /// generated cases (`bench/rings`): mean best-match F1 of the planted rings 0.95
    /// (tiny), 0.98 (small), 0.99 (large, 300 rings among 2.3M entities), where
    /// modularity, plain or with a fitted resolution, merges rings or splits them.
    public static let defaultResolution = 0.002

    public static let defaultDetection = CommunityDetection(algorithm: .leiden, quality: .cpm, resolution: defaultResolution)

    public init(detection: CommunityDetection = RingFinder.defaultDetection, weights: RingWeights = RingWeights(),
                minSize: Int = 3, centralCount: Int = 5) {
        self.detection = detection
        self.weights = weights
        self.minSize = minSize
        self.centralCount = centralCount
    }

    /// The rings of `c`.
    /// - Complexity: the projection, the community search, then O(E + T + R).
    public func run(on c: Case) -> RingReport {
        let projection = RingGraph(c, weights: weights)
        let outcome = detection.run(on: projection.graph)
        return RingReport(case: c, projection: projection, outcome: outcome, finder: self)
    }
}
