import Foundation

/// Newman's estimate of the resolution that makes modularity maximisation the
/// maximum-likelihood fit of a degree-corrected planted-partition model to a
/// partition (M. E. J. Newman, "Equivalence between modularity optimization and
/// maximum likelihood methods for community detection", Phys. Rev. E 94, 052315,
/// 2016):
///
///     ω_in  = 2 L_in / Σ_c K_c² / 2m          (edges inside, over what chance gives)
///     ω_out = 2 (m − L_in) / (2m − Σ_c K_c² / 2m)
///     γ     = (ω_in − ω_out) / (ln ω_in − ln ω_out)
///
/// Alternating "find communities at γ" and "re-estimate γ from them" settles where
/// the communities explain the graph best, which is a γ scaled to the size of the
/// graph and of its groups: the cure for modularity's resolution limit, which on
/// its own merges groups smaller than about √(2m) in total strength.
public struct ResolutionEstimate: Sendable, Equatable {
    /// Weight inside communities over its expectation under the null model.
    public let omegaIn: Double
    /// Weight between communities over its expectation.
    public let omegaOut: Double
    /// The estimated γ, or nil when the partition carries no signal (one community,
    /// no edge inside, or no edge between).
    public let resolution: Double?

    /// The estimate from a partition's inner weight `inside` (L_in), the sum of its
    /// communities' squared strengths `sumSquaredStrength` (Σ K_c²) and the total
    /// weight `m`.
    public init(inside: Double, sumSquaredStrength: Double, totalWeight m: Double) {
        let expectedInside = sumSquaredStrength / (2 * m)
        omegaIn = expectedInside > 0 ? 2 * inside / expectedInside : 0
        let expectedOutside = 2 * m - expectedInside
        omegaOut = expectedOutside > 0 ? 2 * (m - inside) / expectedOutside : 0
        if omegaIn > 0, omegaOut > 0, omegaIn != omegaOut, omegaIn.isFinite {
            let g = (omegaIn - omegaOut) / (log(omegaIn) - log(omegaOut))
            resolution = g.isFinite && g > 0 ? g : nil
        } else {
            resolution = nil
        }
    }
}
