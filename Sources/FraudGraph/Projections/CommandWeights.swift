#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How much each kind of evidence counts in the `CommandGraph`, and how payments
/// between persons are read.
///
/// Every kind of tie says "this person is above that one" with its own weight. `n`
/// observations of one kind between the same two persons, in the same direction,
/// weigh `weight × log2(1 + n)`: one observation weighs `weight`, three weigh twice
/// that, seven three times. Observations are counted from the link's `weight`
/// column (the number of calls for `contacted`, 1 when not given) and from the
/// number of transfers for payments. The logarithm keeps a chatty pair of callers
/// from outweighing a written `manages`.
///
/// The defaults, and why:
/// - `manages` 4: a written chain of command, the surest evidence.
/// - `recruited` 1.5: recruiters usually sit above those they bring in, not always.
/// - `contacted` 0.5 (caller above callee): orders flow down, but calls go both
///   ways; only the imbalance of calls between two people says who is above.
/// - `salary` 1 (payer above payee) and `proceeds` 1 (receiver of swept proceeds
///   above the sender): money follows the hierarchy, but the reading of a payment
///   as salary or proceeds is itself an inference (see `sweepShare`).
/// A weight of 0 leaves that kind of evidence out.
public struct CommandWeights: Sendable, Equatable, CustomStringConvertible {
    /// Weight of a `manages` link, superior above subordinate.
    public var manages: Float = 4
    /// Weight of a `recruited` link, recruiter above recruit.
    public var recruited: Float = 1.5
    /// Weight of `contacted` links, caller above callee.
    public var contacted: Float = 0.5
    /// Weight of salary payments, payer above payee.
    public var salary: Float = 1
    /// Weight of swept proceeds, receiver above sender.
    public var proceeds: Float = 1
    /// How a payment between two persons' accounts is read, in this order (fan-out:
    /// the number of persons' accounts the sending account pays; fan-in: the number
    /// that pay the receiving account):
    /// 1. a payroll, so a salary: the sender pays three accounts or more and is the
    ///    receiver's only payer;
    /// 2. a sweep of proceeds when the sending account took victims' money (a
    ///    collection account, `VictimMoney`);
    /// 3. a sweep of proceeds when it moves at least `sweepShare` of the sending
    ///    account's balance just before it (the ledger replayed in time order):
    ///    collection accounts are emptied upwards, salaries are a small part of
    ///    what the payer holds;
    /// 4. when the sender's balance is unknown (it paid out more than the case shows
    ///    it received): a sweep when fan-in >= fan-out (money converging), otherwise
    ///    a salary.
    public var sweepShare: Double = 0.5

    /// The standard weights.
    public init() {}

    /// The kinds of evidence, as named on the command line (`--weight manages=5`).
    public enum Kind: String, Sendable, CaseIterable {
        case manages, recruited, contacted, salary, proceeds
    }

    /// The weight of one kind of evidence.
    public subscript(kind: Kind) -> Float {
        get {
            switch kind {
            case .manages: manages
            case .recruited: recruited
            case .contacted: contacted
            case .salary: salary
            case .proceeds: proceeds
            }
        }
        set {
            switch kind {
            case .manages: manages = newValue
            case .recruited: recruited = newValue
            case .contacted: contacted = newValue
            case .salary: salary = newValue
            case .proceeds: proceeds = newValue
            }
        }
    }

    /// Why a weight setting was refused.
    public enum SettingError: Error, Equatable, Sendable, CustomStringConvertible {
        case notAnAssignment(String)
        case unknownKind(String)
        case badValue(String)

        public var description: String {
            switch self {
            case .notAnAssignment(let s): "expected KIND=WEIGHT, got \"\(s)\""
            case .unknownKind(let k):
                "unknown evidence kind \"\(k)\" (known: \(Kind.allCases.map(\.rawValue).joined(separator: ", ")), sweep-share)"
            case .badValue(let v): "weight must be a finite number >= 0, got \"\(v)\""
            }
        }
    }

    /// Applies a setting written `kind=weight` (`manages=6`, `contacted=0`), or
    /// `sweep-share=S` with `S` in [0, 1].
    public mutating func apply(_ setting: String) throws(SettingError) {
        let parts = setting.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw .notAnAssignment(setting) }
        let key = parts[0].trimmingSpaces.lowercased(), text = parts[1].trimmingSpaces
        guard let value = Double(text), value.isFinite, value >= 0 else { throw .badValue(String(text)) }
        if key == "sweep-share" || key == "sweepshare" || key == "sweep_share" {
            guard value <= 1 else { throw .badValue(String(text)) }
            sweepShare = value
            return
        }
        guard let kind = Kind(rawValue: key) else { throw .unknownKind(key) }
        self[kind] = Float(value)
    }

    /// What `n` observations of a kind of weight `weight` weigh: `weight × log2(1 + n)`.
    @inlinable
    public static func strength(weight: Float, count: Float) -> Float {
        count > 0 ? weight * log2(1 + count) : 0
    }

    public var description: String {
        Kind.allCases.map { "\($0.rawValue)=\(self[$0])" }.joined(separator: ",") + ",sweep-share=\(sweepShare)"
    }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var s = self
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return s
    }
}
