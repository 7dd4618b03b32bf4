/// The part a person plays in a den, in investigators' words.
public enum DenRole: String, Sendable, CaseIterable, CustomStringConvertible {
    /// Runs the den: the top of its hierarchy.
    case boss
    /// Between the boss and the team leaders.
    case manager
    /// Leads a team of callers.
    case leader
    /// A caller (often a trafficked worker, a victim too).
    case worker
    /// Brings people in: recruits others and commands no one.
    case recruiter
    /// Moves the den's money: collects proceeds and passes them on.
    case broker
    /// Holds accounts that take victims' money, and is not at the den.
    case mule
    /// Too little evidence to say.
    case unknown

    public var description: String { rawValue }
}
