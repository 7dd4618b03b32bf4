/// Ties between entities (`owns`, `uses`, `manages`, `contacted`, ...). Link `l` is
/// row `l` of every column, in file order.
public struct LinkTable: Sendable {
    public static let columns = ["source", "target", "kind", "time", "weight"]
    public static let requiredColumns = ["source", "target", "kind"]

    public internal(set) var source: ContiguousArray<Int32> = []
    public internal(set) var target: ContiguousArray<Int32> = []
    /// Kind code into `kinds` (known kinds: `LinkKind.Code`).
    public internal(set) var kind: ContiguousArray<UInt16> = []
    public internal(set) var kinds = Vocabulary(seed: LinkKind.known.map(\.name))
    /// When the tie was observed, Unix seconds, or `Timestamp.absent`.
    public internal(set) var time: ContiguousArray<Int64> = []
    /// Strength of the tie (number of calls for `contacted`); 1 when not given.
    public internal(set) var weight: ContiguousArray<Double> = []
    public var attributes = AttributeColumns()
    public var layout = TableLayout()

    public init() {}

    @inlinable public var count: Int { source.count }

    /// The kind of link `l`.
    public func kindOf(_ l: Int32) -> LinkKind { LinkKind(kinds[kind[Int(l)]]) }

    /// The number of links of each kind, by kind name.
    public func countByKind() -> [String: Int] {
        var counts = [Int](repeating: 0, count: kinds.count)
        for k in kind { counts[Int(k)] += 1 }
        var out: [String: Int] = [:]
        for (code, n) in counts.enumerated() where n > 0 { out[kinds[UInt16(code)]] = n }
        return out
    }
}
