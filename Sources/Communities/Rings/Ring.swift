import FraudGraph

/// One organised group found in a case: a community of the `RingGraph`, joined back
/// to the case's entities, places and money.
public struct Ring: Sendable, Equatable {
    /// 1 for the largest threat, 2 for the next, ...
    public var number: Int
    /// Every entity of the ring, in case order (no victim; a hub only when most of
    /// its tie weight stays inside the ring).
    public var members: [Int32]
    /// Members by kind name.
    public var byKind: [String: Int]
    /// The dens among the members.
    public var dens: [Int32]
    /// Country codes of the members, most frequent first (ties alphabetical).
    public var countries: [String]
    /// Reported victim payments received by the ring's accounts, added up as
    /// written whatever their currency (see `victimMoneyByCurrency` for the split).
    public var victimMoney: Money
    /// The same money per currency.
    public var victimMoneyByCurrency: [String: Money]
    /// Reports whose transfer reached the ring, and their distinct victims.
    public var reportCount: Int
    public var victimCount: Int
    /// The most central members: highest tie weight inside the ring first.
    public var central: [CentralMember]
    /// Tie weight inside the community the ring comes from (each tie once) and from
    /// it to the rest.
    public var internalWeight: Double
    public var cutWeight: Double
    /// Conductance: cut / min(volume inside, volume outside), 0 for a ring with no
    /// tie outside, 1 for one with no tie inside. Lower is a clearer ring.
    public var conductance: Double

    /// Fraction of the members' tie weight that stays inside the ring (1 − the
    /// share that leaves it): a second, more readable cohesion figure.
    public var cohesion: Double {
        let volume = 2 * internalWeight + cutWeight
        return volume > 0 ? 2 * internalWeight / volume : 0
    }

    /// Number of members.
    public var size: Int { members.count }

    /// A member with its weight of ties to the rest of the ring.
    public struct CentralMember: Sendable, Equatable {
        public var entity: Int32
        public var strength: Double
    }
}
