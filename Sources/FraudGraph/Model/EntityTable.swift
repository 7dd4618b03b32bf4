/// Who and what a case is about: people, accounts, wallets, devices, phones, IPs,
/// dens, organisations. Entity `e` is row `e` of every column; ids are unique.
///
/// Memory: about 32 bytes an entity plus its strings.
public struct EntityTable: Sendable {
    /// Known column names of `entities.csv`, in the order FraudGraph writes them.
    public static let columns = ["id", "kind", "name", "country", "role"]
    /// Columns that must be present.
    public static let requiredColumns = ["id", "kind"]

    /// Unique ids; the interner's number of an id is the entity's index.
    public internal(set) var ids = StringInterner()
    /// Kind code of each entity, into `kinds` (known kinds: `EntityKind.Code`).
    public internal(set) var kind: ContiguousArray<UInt16> = []
    public internal(set) var kinds = Vocabulary(seed: EntityKind.known.map(\.name))
    /// Display names ("" when none was given).
    public internal(set) var name = StringColumn()
    /// Country code of each entity into `countries` (0: unknown).
    public internal(set) var country: ContiguousArray<UInt16> = []
    public internal(set) var countries = Vocabulary()
    /// Role code of each entity into `roles` (0: none given).
    public internal(set) var role: ContiguousArray<UInt16> = []
    public internal(set) var roles = Vocabulary()
    /// True for accounts that transfers named but `entities.csv` did not list.
    public internal(set) var isOutside: ContiguousArray<Bool> = []
    /// Every other column of `entities.csv`.
    public var attributes = AttributeColumns()
    /// The header and exact written text.
    public var layout = TableLayout()

    public init() {}

    /// Number of entities.
    @inlinable public var count: Int { kind.count }

    /// The id of entity `e`.
    public func id(_ e: Int32) -> String { ids[e] }

    /// The entity with this id, or nil.
    public func index(of id: String) -> Int32? { ids.index(of: id) }

    /// The kind of entity `e`.
    public func kindOf(_ e: Int32) -> EntityKind { EntityKind(kinds[kind[Int(e)]]) }

    /// The given name of `e`, or its id when it has none.
    public func displayName(_ e: Int32) -> String {
        name.isEmpty(Int(e)) ? ids[e] : name[Int(e)]
    }

    /// The country code of `e`, or nil.
    public func countryOf(_ e: Int32) -> String? {
        let c = country[Int(e)]
        return c == 0 ? nil : countries[c]
    }

    /// The role of `e`, or nil.
    public func roleOf(_ e: Int32) -> String? {
        let r = role[Int(e)]
        return r == 0 ? nil : roles[r]
    }

    /// Whether `e` is an account outside the case's view: named only by transfers, or
    /// listed with the attribute `external=true`.
    public func isExternal(_ e: Int32) -> Bool {
        isOutside[Int(e)] || attributes.value("external", row: e)?.lowercased() == "true"
    }

    /// Whether `e` can send or receive money (an account, a wallet, or a custom kind).
    @inlinable
    public func holdsMoney(_ e: Int32) -> Bool {
        EntityKind.Code.holdsMoney(kind[Int(e)])
    }

    /// The number of entities of each kind, by kind name.
    public func countByKind() -> [String: Int] {
        var counts = [Int](repeating: 0, count: kinds.count)
        for k in kind { counts[Int(k)] += 1 }
        var out: [String: Int] = [:]
        for (code, n) in counts.enumerated() where n > 0 { out[kinds[UInt16(code)]] = n }
        return out
    }
}
