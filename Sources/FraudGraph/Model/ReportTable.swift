/// Victims' complaints: each names the transfer the victim reports as fraud. They are
/// the seeds of money-flow traces.
public struct ReportTable: Sendable {
    public static let columns = ["id", "transfer", "victim", "reported_at"]
    public static let requiredColumns = ["id", "transfer"]

    public internal(set) var ids = StringInterner()
    /// The reported transfer (transfer index).
    public internal(set) var transfer: ContiguousArray<Int32> = []
    /// The victim (entity index), or -1.
    public internal(set) var victim: ContiguousArray<Int32> = []
    /// When it was reported, Unix seconds, or `Timestamp.absent`.
    public internal(set) var reportedAt: ContiguousArray<Int64> = []
    public var attributes = AttributeColumns()
    public var layout = TableLayout()

    public init() {}

    @inlinable public var count: Int { transfer.count }

    /// The id of report `r`.
    public func id(_ r: Int32) -> String { ids[r] }

    /// The reports (rows, in file order) that name each reported transfer.
    /// - Complexity: O(reports).
    public func reportsByTransfer() -> [Int32: [Int32]] {
        var out: [Int32: [Int32]] = [:]
        for r in 0 ..< count { out[transfer[r], default: []].append(Int32(r)) }
        return out
    }
}
