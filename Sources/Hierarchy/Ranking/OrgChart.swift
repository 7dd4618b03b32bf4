/// The hierarchy of one den: its people with a level (0 at the top), a score, a
/// role, and the ties that put each of them where they are.
public struct OrgChart: Sendable {
    /// How the den's people were ranked.
    public enum Method: String, Sendable {
        /// SpringRank on the directed command ties among the den's people.
        case springRank = "springrank"
        /// No directed tie among them: ranked by PageRank on their undirected ties
        /// (co-location, meetings, any link), a coarse fallback.
        case centrality
        /// No tie at all among them.
        case none
    }

    /// The den (entity index).
    public let den: Int32
    public let method: Method
    /// The people, top level first, then by score.
    public let people: [PlacedPerson]
    /// Directed ties among the den's people.
    public let arcCount: Int
    /// The length of one level in score units (the typical score drop along the
    /// surest ties; 1 on a clean tree).
    public let levelSpacing: Double
    /// Conjugate-gradient iterations and final relative residual (SpringRank only).
    public let iterations: Int
    public let relativeResidual: Double

    public init(den: Int32, method: Method, people: [PlacedPerson], arcCount: Int, levelSpacing: Double,
                iterations: Int, relativeResidual: Double) {
        self.den = den
        self.method = method
        self.people = people
        self.arcCount = arcCount
        self.levelSpacing = levelSpacing
        self.iterations = iterations
        self.relativeResidual = relativeResidual
    }
}

/// One person of a den's org chart.
public struct PlacedPerson: Sendable {
    /// What fixed a person's level.
    public enum RankBasis: String, Sendable {
        /// SpringRank, in the den's main web of directed ties.
        case springRank = "springrank"
        /// SpringRank, in a small group of directed ties not linked to the den's
        /// main web: its scores are centred on their own and less comparable.
        case detached
        /// Centrality on undirected ties (the den has no directed tie).
        case centrality
        /// No tie to the den's other people: put at the bottom level.
        case noEvidence = "no-evidence"
    }

    /// The person (entity index).
    public let person: Int32
    /// 0 at the top.
    public let level: Int
    /// SpringRank score (higher is higher up), or the centrality when ranked by it.
    public let score: Double
    public let role: DenRole
    /// Why this role, in a few words.
    public let roleReason: String
    /// How the person was placed in the den.
    public let membership: DenRoster.Basis
    public let rankBasis: RankBasis
    /// The strongest ties that put this person above others, strongest first.
    public let above: [PlacementTie]
    /// The strongest ties that put this person below others, strongest first.
    public let below: [PlacementTie]
    /// Numbers of people this person is above and below, all of them.
    public let aboveCount: Int
    public let belowCount: Int
}

/// Why one person is above (or below) another: the evidence each way.
public struct PlacementTie: Sendable {
    /// The other person (entity index).
    public let other: Int32
    /// Net weight of the evidence: `support` weighed minus `against` weighed (> 0).
    public let weight: Double
    /// Evidence for this direction of the tie.
    public let support: TieCounts
    /// Evidence the other way.
    public let against: TieCounts
}

/// Counts of evidence for "a above b" between two persons.
public struct TieCounts: Sendable, Equatable {
    /// `a manages b` observations.
    public var manages: Float = 0
    /// `a recruited b` observations.
    public var recruited: Float = 0
    /// Calls or messages from `a` to `b`.
    public var calls: Float = 0
    /// Salary payments from `a` to `b`.
    public var salaries: Float = 0
    /// Sweeps of proceeds from `b` to `a`.
    public var sweeps: Float = 0

    public init() {}

    /// The counts that are not zero, by evidence kind name.
    public var nonZero: [(kind: String, count: Float)] {
        var out: [(String, Float)] = []
        if manages > 0 { out.append(("manages", manages)) }
        if recruited > 0 { out.append(("recruited", recruited)) }
        if calls > 0 { out.append(("contacted", calls)) }
        if salaries > 0 { out.append(("salary", salaries)) }
        if sweeps > 0 { out.append(("proceeds", sweeps)) }
        return out
    }
}
