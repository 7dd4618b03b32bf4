/// What a community search maximises. Both are sums over communities of "weight
/// inside, minus what a null model expects inside", the expectation scaled by the
/// resolution γ: a higher γ gives more, smaller communities.
///
/// - `modularity`: Newman–Girvan modularity with a resolution (Reichardt–Bornholdt,
///   configuration null model): `Q = Σ_c [ L_c / m − γ (K_c / 2m)² ]`, with `L_c` the
///   weight inside community `c`, `K_c` the sum of its nodes' strengths and `m` the
///   total weight. Its optimum cannot resolve communities much smaller than `√(2m/γ)`
///   in total strength (the resolution limit), which matters for small rings in big
///   graphs.
/// - `cpm`: the Constant Potts Model, `H = Σ_c [ L_c − γ n_c (n_c − 1) / 2 ]`, with
///   `n_c` the number of nodes: a community is worth keeping when its inner density
///   is above γ, whatever the size of the graph (no resolution limit). γ is an edge
///   weight per pair of nodes, so it depends on the weights' scale.
public enum QualityFunction: String, Sendable, CaseIterable, Hashable {
    case modularity
    case cpm

    /// The factor that turns "node weight times community weight" into expected edge
    /// weight: γ / 2m for modularity (node weight = strength), γ for CPM (node weight
    /// = number of original nodes).
    @inlinable
    func scale(resolution: Double, totalWeight: Double) -> Double {
        switch self {
        case .modularity: totalWeight > 0 ? resolution / (2 * totalWeight) : 0
        case .cpm: resolution
        }
    }
}
