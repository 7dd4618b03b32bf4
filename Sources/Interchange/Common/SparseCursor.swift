import FraudGraph

/// Reads a sparse column (attributes, exact texts) row by row in increasing order, in
/// O(1) a row: the exporters walk every row once and ask each column for its value.
struct SparseCursor {
    let column: SparseStringColumn?
    var position = 0

    init(_ column: SparseStringColumn?) { self.column = column }

    /// A cursor that starts at `row` (the first row a chunk of rows reads).
    /// - Complexity: O(log values).
    init(_ column: SparseStringColumn?, from row: Int32) {
        self.column = column
        guard let c = column else { return }
        var low = 0, high = c.count
        while low < high {
            let mid = (low + high) / 2
            if c.rows[mid] < row { low = mid + 1 } else { high = mid }
        }
        position = low
    }

    /// Whether `row` has a value (the cursor stays on it, so `value(at:)` still reads it).
    @inline(__always)
    mutating func has(_ row: Int32) -> Bool {
        guard let c = column else { return false }
        while position < c.count && c.rows[position] < row { position += 1 }
        return position < c.count && c.rows[position] == row
    }

    /// Calls `body` with the value of `row` if the column has one; says whether it had.
    @inline(__always)
    mutating func value(at row: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> Void) -> Bool {
        guard let c = column else { return false }
        while position < c.count && c.rows[position] < row { position += 1 }
        guard position < c.count && c.rows[position] == row else { return false }
        c.values.withBytes(position, body)
        return true
    }
}
