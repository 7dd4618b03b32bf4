/// What a link between two entities says. The known kinds and their direction:
///
/// - `owns`: person/organization -> account/wallet/phone/device
/// - `uses`: person -> device/phone/ip/account (used, not owned)
/// - `located_at`: person/device/ip -> den
/// - `member_of`: person -> organization/den
/// - `manages`: superior -> subordinate
/// - `recruited`: recruiter -> recruit
/// - `contacted`: caller -> callee (weight = number of calls or messages)
/// - `same_as`: two records of one real-world entity
///
/// Any other word is kept as a custom kind.
public struct LinkKind: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let name: String

    public init(_ name: String) { self.name = name }
    public init(stringLiteral value: String) { name = value }
    public var description: String { name }

    public static let owns: LinkKind = "owns"
    public static let uses: LinkKind = "uses"
    public static let locatedAt: LinkKind = "located_at"
    public static let memberOf: LinkKind = "member_of"
    public static let manages: LinkKind = "manages"
    public static let recruited: LinkKind = "recruited"
    public static let contacted: LinkKind = "contacted"
    public static let sameAs: LinkKind = "same_as"

    /// The known kinds, in code order.
    public static let known: [LinkKind] = [.owns, .uses, .locatedAt, .memberOf, .manages, .recruited, .contacted, .sameAs]

    /// Codes of the known kinds in every case's `LinkTable.kinds` vocabulary.
    public enum Code {
        public static let owns: UInt16 = 1
        public static let uses: UInt16 = 2
        public static let locatedAt: UInt16 = 3
        public static let memberOf: UInt16 = 4
        public static let manages: UInt16 = 5
        public static let recruited: UInt16 = 6
        public static let contacted: UInt16 = 7
        public static let sameAs: UInt16 = 8
        public static let firstCustom: UInt16 = 9
    }

    /// The known kind spelled `word` in any letter case, if there is one.
    public static func known(matching word: String) -> LinkKind? {
        let lower = word.lowercased()
        return known.first { $0.name == lower }
    }
}
