import Foundation

/// How strongly each kind of tie binds two entities in the graph that rings are
/// found in (`RingGraph`). The defaults, and why:
///
/// | tie | weight | because |
/// |---|---|---|
/// | `same_as` | 5 | two records of one real-world entity |
/// | `owns` | 3 | an account, phone or device is its owner's |
/// | `manages` | 3 | a command tie inside an organisation |
/// | `uses` | 2 | a shared phone, device or IP address ties its users |
/// | `recruited` | 2 | a recruiter brings people into the group |
/// | `located_at`, `member_of` | 1 | the den or organisation itself gathers its people |
/// | `contacted` | 1 × log₂(1 + calls) | one call is weak; a hundred are not |
/// | transfers between two accounts | 1 × log₂(1 + count) | one payment is weak; many count more, but less than in proportion |
/// | any other link kind | 1 | |
///
/// Hubs: an entity tied to more than `hubDegree` distinct others (a bank's cash desk,
/// a popular shop, an exchange, a big employer) would otherwise glue every group it
/// touches into one. Each tie of a hub is scaled by `hubDegree / degree` (both ends
/// scaled when both are hubs), so a hub's ties together weigh about as much as
/// `hubDegree` ordinary ties, and no single one of them can hold two groups
/// together. The default, 100, is above the size of an organised group's biggest
/// gathering point (a den, a payroll account) and far below a shop's customers.
///
/// Victims: a victim pays the ring and is called by it, but is not part of it. The
/// victim side of a case is every person that `reports.csv` names as a victim or
/// whose `role` is `victim`, every account that sent a reported payment, and what
/// those own or use (one `owns`, `uses` or `same_as` step). Ties between the victim side and everyone else are
/// scaled by `victimTies` (default 0: left out), so that victims form their own small
/// groups instead of joining the ring that defrauded them; ties inside the victim
/// side (a victim and her phone) stay.
///
/// Every weight is overridable; a weight of 0 leaves that tie out.
public struct RingWeights: Sendable, Hashable {
    public var sameAs: Double = 5
    public var owns: Double = 3
    public var manages: Double = 3
    public var uses: Double = 2
    public var recruited: Double = 2
    public var locatedAt: Double = 1
    public var memberOf: Double = 1
    /// Per log₂(1 + calls); a `contacted` link's `weight` is its number of calls.
    public var contacted: Double = 1
    /// Links of kinds FraudGraph does not know.
    public var otherLink: Double = 1
    /// Per log₂(1 + number of transfers) between two accounts, either direction.
    public var transfers: Double = 1
    /// Factor on cash withdrawals (`cash_out` transfers): 0 by default, since a
    /// withdrawal ties an account to a cash desk, which is no party to anything (the
    /// same desk serves the ring's mules and every honest customer of that country).
    public var cashWithdrawals: Double = 0
    /// Entities with more distinct neighbours than this are hubs; 0 turns the
    /// damping off.
    public var hubDegree: Int = 100
    /// Factor on ties between the victim side and the rest (1: no special case).
    public var victimTies: Double = 0

    public init() {}

    /// The weight of one link of kind `code` (`LinkKind.Code`) whose own weight is
    /// `linkWeight`.
    @inlinable
    public func weight(linkKind code: UInt16, linkWeight: Double) -> Double {
        switch code {
        case LinkKind.Code.sameAs: sameAs
        case LinkKind.Code.owns: owns
        case LinkKind.Code.manages: manages
        case LinkKind.Code.uses: uses
        case LinkKind.Code.recruited: recruited
        case LinkKind.Code.locatedAt: locatedAt
        case LinkKind.Code.memberOf: memberOf
        case LinkKind.Code.contacted: contacted * log2(1 + max(1, linkWeight))
        default: otherLink
        }
    }

    /// The weight of `count` transfers between two accounts.
    @inlinable
    public func weight(transferCount count: Int) -> Double {
        transfers * log2(1 + Double(count))
    }

    /// The settings as (name, value) pairs, for recording how a result was made.
    public var parameters: [(String, Double)] {
        [("sameAs", sameAs), ("owns", owns), ("manages", manages), ("uses", uses), ("recruited", recruited),
         ("locatedAt", locatedAt), ("memberOf", memberOf), ("contacted", contacted), ("otherLink", otherLink),
         ("transfers", transfers), ("cashWithdrawals", cashWithdrawals), ("hubDegree", Double(hubDegree)), ("victimTies", victimTies)]
    }
}
