/// Which den each person belongs to, and on what grounds.
public struct DenRoster: Sendable {
    /// How a person was placed in a den, surest first.
    public enum Basis: UInt8, Sendable, CaseIterable, CustomStringConvertible {
        /// Not placed.
        case none = 0
        /// A `located_at` or `member_of` link to the den (or to an organisation of it).
        case recorded
        /// Uses or owns a device, phone or IP located at the den.
        case sharedInfrastructure
        /// Member of an organisation whose members are at the den.
        case organization
        /// In the same ring (a membership the caller gave) as people of the den.
        case ring
        /// Command ties (manages, recruited, money) to people of the den.
        case ties

        public var description: String {
            switch self {
            case .none: "none"
            case .recorded: "recorded"
            case .sharedInfrastructure: "shared-infrastructure"
            case .organization: "organization"
            case .ring: "ring"
            case .ties: "ties"
            }
        }

        /// Whether the person is seen at the den itself (recorded or through its
        /// devices and IPs), not only around it.
        public var isAtDen: Bool { self == .recorded || self == .sharedInfrastructure }
    }

    /// The dens (entity indices of kind `den`), in entity order; a den's number is
    /// its position here.
    public let dens: ContiguousArray<Int32>
    /// The den number of each entity, or -1.
    public let denOf: ContiguousArray<Int32>
    /// How each entity was placed.
    public let basis: ContiguousArray<Basis>
    /// Members of den `d`: `members[memberOffsets[d] ..< memberOffsets[d + 1]]`, by entity index.
    public let memberOffsets: ContiguousArray<Int>
    public let members: ContiguousArray<Int32>
    /// Accounts of the dens' money layer (mules' collection and laundering accounts):
    /// victims' money reached them through accounts of people not seen at a den.
    public let moneyLayer: ContiguousArray<Bool>

    public init(dens: ContiguousArray<Int32>, denOf: ContiguousArray<Int32>, basis: ContiguousArray<Basis>,
                moneyLayer: ContiguousArray<Bool>) {
        self.moneyLayer = moneyLayer
        self.dens = dens
        self.denOf = denOf
        self.basis = basis
        var offsets = ContiguousArray<Int>(repeating: 0, count: dens.count + 1)
        for d in denOf where d >= 0 { offsets[Int(d) + 1] += 1 }
        for d in 0 ..< dens.count { offsets[d + 1] += offsets[d] }
        var cursor = offsets
        var list = ContiguousArray<Int32>(repeating: 0, count: offsets[dens.count])
        for e in 0 ..< denOf.count where denOf[e] >= 0 {
            list[cursor[Int(denOf[e])]] = Int32(e)
            cursor[Int(denOf[e])] += 1
        }
        memberOffsets = offsets
        members = list
    }

    /// The members of den number `d`, by entity index.
    public func members(ofDen d: Int) -> ArraySlice<Int32> {
        ArraySlice(members[memberOffsets[d] ..< memberOffsets[d + 1]])
    }

    /// The den number of den entity `e`, or nil if `e` is not a den.
    public func denNumber(ofEntity e: Int32) -> Int? {
        var lo = 0, hi = dens.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if dens[mid] < e { lo = mid + 1 } else { hi = mid }
        }
        return lo < dens.count && dens[lo] == e ? lo : nil
    }

    /// Number of persons placed on each basis.
    public func countByBasis() -> [Basis: Int] {
        var out: [Basis: Int] = [:]
        for e in 0 ..< denOf.count where denOf[e] >= 0 { out[basis[e], default: 0] += 1 }
        return out
    }
}
