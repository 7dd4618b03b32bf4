import FraudGraph

/// The org charts of a case's dens, and what they were made with.
public struct HierarchyReport: Sendable {
    /// Who was placed in which den, and why.
    public let roster: DenRoster
    /// One chart per den asked for, in den order.
    public let charts: [OrgChart]
    /// The evidence weights used.
    public let weights: CommandWeights
    /// SpringRank's regularisation.
    public let alpha: Double
    /// Whether a ring membership was given (placement step 3).
    public let usedRings: Bool
    /// Payments between persons read as salaries and as sweeps of proceeds.
    public let salaryPayments: Int
    public let sweepPayments: Int
}
