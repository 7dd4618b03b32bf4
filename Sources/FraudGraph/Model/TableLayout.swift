/// How a table was written in its file: the header as it was, and the exact text of
/// the values whose written form differs from the one FraudGraph would write
/// (`Person` for the kind `person`, `2024-03-01 10:15:00+07` for a time, a blank
/// currency that defaulted to USD). Export uses it to give back what import took.
public struct TableLayout: Sendable, Equatable {
    /// Column names as written, in file order; empty when the file was absent.
    public var header: [String]
    /// Exact text per known column (lower-case name), for the rows where it differs
    /// from the canonical form of the stored value.
    public var verbatim: [String: SparseStringColumn]

    public init(header: [String] = []) {
        self.header = header
        verbatim = [:]
    }

    /// Whether the file had a column called `name` (any case).
    public func has(_ name: String) -> Bool {
        let key = name.lowercased()
        return header.contains { $0.lowercased() == key }
    }

    /// Records that `row` of column `column` was written as `text`.
    public mutating func keep(_ column: String, row: Int32, bytes: UnsafeBufferPointer<UInt8>) {
        verbatim[column, default: SparseStringColumn()].appendKeepingEmpty(row: row, bytes: bytes)
    }

    /// The exact text of `row` in `column`, if it differs from the canonical form.
    public func text(_ column: String, row: Int32) -> String? {
        verbatim[column]?[row]
    }
}
