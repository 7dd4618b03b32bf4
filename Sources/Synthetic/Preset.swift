/// The sizes of generated cases.
public enum Preset: String, Sendable, CaseIterable {
    /// Two dens and a few hundred bystanders: for tests (under a second).
    case tiny
    /// Six dens among a few thousand people: the bundled demo case (a few MB).
    case small
    /// Three hundred dens hidden among 1M+ accounts and 10M+ transfers: for benchmarks.
    case large

    /// The numbers behind the preset.
    public var settings: GeneratorSettings {
        switch self {
        case .tiny:
            GeneratorSettings(rings: 2, managers: 2 ... 2, leadersPerManager: 2 ... 2, workersPerLeader: 2 ... 3,
                              recruiters: 1 ... 1, brokers: 1 ... 1, mules: 5 ... 7, victims: 8 ... 10,
                              backgroundPeople: 200, shops: 10, employers: 5, days: 60,
                              purchasesPerMonth: 2, transfersToFriendsPerMonth: 0.5)
        case .small:
            GeneratorSettings(rings: 6, managers: 2 ... 3, leadersPerManager: 2 ... 3, workersPerLeader: 3 ... 5,
                              recruiters: 1 ... 2, brokers: 1 ... 2, mules: 8 ... 14, victims: 25 ... 40,
                              backgroundPeople: 4000, shops: 60, employers: 30, days: 90,
                              purchasesPerMonth: 2, transfersToFriendsPerMonth: 0.5)
        case .large:
            GeneratorSettings(rings: 300, managers: 2 ... 4, leadersPerManager: 2 ... 3, workersPerLeader: 3 ... 7,
                              recruiters: 1 ... 2, brokers: 1 ... 2, mules: 10 ... 20, victims: 80 ... 150,
                              backgroundPeople: 820_000, shops: 8000, employers: 4000, days: 180,
                              purchasesPerMonth: 1.05, transfersToFriendsPerMonth: 0.25)
        }
    }
}

/// How big a generated case is and how busy its people are.
public struct GeneratorSettings: Sendable {
    /// Organised groups, one den each.
    public var rings: Int
    public var managers: ClosedRange<Int>
    public var leadersPerManager: ClosedRange<Int>
    public var workersPerLeader: ClosedRange<Int>
    public var recruiters: ClosedRange<Int>
    public var brokers: ClosedRange<Int>
    /// Local people whose accounts launder a ring's money.
    public var mules: ClosedRange<Int>
    /// Victims per ring.
    public var victims: ClosedRange<Int>
    /// Ordinary people among whom the rings hide.
    public var backgroundPeople: Int
    public var shops: Int
    public var employers: Int
    /// Length of the observed period.
    public var days: Int
    public var purchasesPerMonth: Double
    public var transfersToFriendsPerMonth: Double
    /// Share of ordinary people who take cash out of their account, and how often.
    /// Honest withdrawals, so that a withdrawal alone says nothing: laundering shows in
    /// money passed on and withdrawn within hours.
    public var cashUsers = 0.45
    public var cashWithdrawalsPerMonth = 0.6

    /// 2024-01-01T00:00:00Z: when every generated case starts.
    public static let start: Int64 = 1_704_067_200
}
