/// A string column that stores only its non-empty rows: rows in increasing order,
/// each with its text. Used for the attributes nobody asked about and for the exact
/// text of values whose written form differs from the canonical one.
public struct SparseStringColumn: Sendable, Equatable {
    /// Rows that have a value, strictly increasing.
    public private(set) var rows: ContiguousArray<Int32>
    /// The value of `rows[k]` is `values[k]`.
    public private(set) var values: StringColumn

    public init() {
        rows = []
        values = StringColumn()
    }

    /// Number of rows with a value.
    public var count: Int { rows.count }

    /// Sets the value of `row`; rows must arrive in increasing order. Empty values are
    /// not stored (an absent row reads as "").
    public mutating func append(row: Int32, bytes: UnsafeBufferPointer<UInt8>) {
        guard !bytes.isEmpty else { return }
        precondition(rows.last.map { $0 < row } ?? true, "rows must increase")
        appendUnchecked(row: row, bytes: bytes)
    }

    mutating func appendUnchecked(row: Int32, bytes: UnsafeBufferPointer<UInt8>) {
        rows.append(row)
        values.append(bytes: bytes)
    }

    /// Sets the value of `row`, keeping it even when it is empty (for exact text
    /// that must come back as written, blanks included).
    public mutating func appendKeepingEmpty(row: Int32, bytes: UnsafeBufferPointer<UInt8>) {
        precondition(rows.last.map { $0 < row } ?? true, "rows must increase")
        appendUnchecked(row: row, bytes: bytes)
    }

    /// Appends the rows of `other`, numbered `rowOffset` higher, empty values
    /// included; they must come after the rows already here.
    /// - Complexity: O(rows + bytes of `other`).
    public mutating func append(contentsOf other: SparseStringColumn, rowOffset: Int32) {
        guard other.count > 0 else { return }
        precondition(rows.last.map { $0 < other.rows[0] &+ rowOffset } ?? true, "rows must increase")
        rows.reserveCapacity(rows.count + other.count)
        for r in other.rows { rows.append(r &+ rowOffset) }
        values.append(contentsOf: other.values)
    }

    /// Sets the value of `row` (rows in increasing order).
    public mutating func append(row: Int32, _ value: String) {
        var v = value
        v.withUTF8 { append(row: row, bytes: $0) }
    }

    /// The position of `row` in `rows`, or nil when the row has no value.
    /// - Complexity: O(log count).
    @inlinable
    public func position(of row: Int32) -> Int? {
        var lo = 0, hi = rows.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if rows[mid] < row { lo = mid + 1 } else { hi = mid }
        }
        return lo < rows.count && rows[lo] == row ? lo : nil
    }

    /// The value of `row`, or nil when it has none.
    public subscript(row: Int32) -> String? {
        position(of: row).map { values[$0] }
    }

    /// Drops the rows for which `keep` is false and renumbers the rest with `newRow`.
    public func remapped(_ newRow: (Int32) -> Int32?) -> SparseStringColumn {
        var out = SparseStringColumn()
        for k in 0 ..< rows.count {
            if let r = newRow(rows[k]) {
                values.withBytes(k) { out.append(row: r, bytes: $0) }
            }
        }
        return out
    }
}
