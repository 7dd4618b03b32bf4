/// What an entity is: a person, an account, a wallet, ... or a kind the user named.
///
/// The eight known kinds have fixed codes in every case (`EntityKind.Code`), so hot
/// loops compare 16-bit codes, not strings.
public struct EntityKind: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The word as it appears in `entities.csv`.
    public let name: String

    public init(_ name: String) { self.name = name }
    public init(stringLiteral value: String) { name = value }
    public var description: String { name }

    public static let person: EntityKind = "person"
    /// A bank or e-wallet account.
    public static let account: EntityKind = "account"
    /// A crypto address.
    public static let wallet: EntityKind = "wallet"
    public static let device: EntityKind = "device"
    public static let phone: EntityKind = "phone"
    public static let ip: EntityKind = "ip"
    /// A physical compound or call centre.
    public static let den: EntityKind = "den"
    /// A company or gang name.
    public static let organization: EntityKind = "organization"

    /// The known kinds, in code order.
    public static let known: [EntityKind] = [.person, .account, .wallet, .device, .phone, .ip, .den, .organization]

    /// Codes of the known kinds in every case's `EntityTable.kinds` vocabulary.
    public enum Code {
        public static let person: UInt16 = 1
        public static let account: UInt16 = 2
        public static let wallet: UInt16 = 3
        public static let device: UInt16 = 4
        public static let phone: UInt16 = 5
        public static let ip: UInt16 = 6
        public static let den: UInt16 = 7
        public static let organization: UInt16 = 8
        /// Codes from here on are kinds the user named.
        public static let firstCustom: UInt16 = 9

        /// Whether entities of kind `code` can send or receive money: accounts,
        /// wallets and the kinds the user named.
        @inlinable
        public static func holdsMoney(_ code: UInt16) -> Bool { code == account || code == wallet || code >= firstCustom }
    }

    /// The known kind spelled `word` in any letter case, if there is one.
    public static func known(matching word: String) -> EntityKind? {
        let lower = word.lowercased()
        return known.first { $0.name == lower }
    }
}
