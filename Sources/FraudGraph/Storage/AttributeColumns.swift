/// The columns of a table that FraudGraph does not interpret, kept so that export
/// gives back what import took. Each is a sparse string column; names keep the case
/// they were written in and are found case-insensitively.
public struct AttributeColumns: Sendable, Equatable {
    /// Column names as written in the header, in order of first appearance.
    public private(set) var names: [String]
    /// Values, in lock step with `names`.
    public private(set) var columns: [SparseStringColumn]

    public init() {
        names = []
        columns = []
    }

    /// Number of attribute columns.
    public var count: Int { names.count }

    /// The position of the column called `name` (any case), or nil.
    public func column(named name: String) -> Int? {
        let key = name.lowercased()
        return names.firstIndex { $0.lowercased() == key }
    }

    /// Adds a column (or finds it) and returns its position.
    @discardableResult
    public mutating func addColumn(named name: String) -> Int {
        if let k = column(named: name) { return k }
        names.append(name)
        columns.append(SparseStringColumn())
        return names.count - 1
    }

    /// Sets `row`'s value in column `k` (rows in increasing order per column).
    public mutating func append(column k: Int, row: Int32, bytes: UnsafeBufferPointer<UInt8>) {
        columns[k].append(row: row, bytes: bytes)
    }

    /// Appends the values of `values` to column `k`, their rows `rowOffset` higher.
    public mutating func append(column k: Int, contentsOf values: SparseStringColumn, rowOffset: Int32) {
        columns[k].append(contentsOf: values, rowOffset: rowOffset)
    }

    /// Sets `row`'s value in column `k`.
    public mutating func append(column k: Int, row: Int32, _ value: String) {
        columns[k].append(row: row, value)
    }

    /// The value of attribute `name` for `row`, or nil.
    public func value(_ name: String, row: Int32) -> String? {
        column(named: name).flatMap { columns[$0][row] }
    }

    /// Every non-empty attribute of `row`, in column order.
    public func values(row: Int32) -> [(name: String, value: String)] {
        var out: [(String, String)] = []
        for k in 0 ..< names.count {
            if let v = columns[k][row] { out.append((names[k], v)) }
        }
        return out
    }

    /// Total stored values.
    public var valueCount: Int { columns.reduce(0) { $0 + $1.count } }

    public static func == (a: AttributeColumns, b: AttributeColumns) -> Bool {
        a.names == b.names && a.columns == b.columns
    }
}
