/// A column of strings stored back to back as UTF-8 in one buffer.
///
/// Row `i` is `bytes[starts[i] ..< starts[i + 1]]`. An empty string costs one offset.
/// This is how names and other free text are kept: no `String` object per row.
public struct StringColumn: Sendable, Equatable {
    @usableFromInline var bytes: ContiguousArray<UInt8>
    @usableFromInline var starts: ContiguousArray<Int>

    /// An empty column.
    public init() {
        bytes = []
        starts = [0]
    }

    /// A column holding `strings` in order.
    public init<S: Sequence>(_ strings: S) where S.Element == String {
        self.init()
        for s in strings { append(s) }
    }

    /// Number of rows.
    @inlinable public var count: Int { starts.count - 1 }

    /// Bytes of UTF-8 text held, all rows together.
    public var byteCount: Int { bytes.count }

    /// Appends one row.
    public mutating func append(_ string: String) {
        var s = string
        s.withUTF8 { append(bytes: $0) }
    }

    /// Appends one row from UTF-8 bytes (the caller has validated them).
    @inlinable
    public mutating func append(bytes newBytes: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: newBytes)
        starts.append(bytes.count)
    }

    /// Appends every row of `other`, in order.
    /// - Complexity: O(rows + bytes of `other`).
    public mutating func append(contentsOf other: StringColumn) {
        let shift = bytes.count
        bytes.append(contentsOf: other.bytes)
        starts.reserveCapacity(starts.count + other.count)
        other.starts.withUnsafeBufferPointer { o in
            for i in 1 ..< o.count { starts.append(o[i] &+ shift) }
        }
    }

    /// Reserves room for `rows` more rows of about `bytesPerRow` bytes each.
    public mutating func reserve(rows: Int, bytesPerRow: Int) {
        starts.reserveCapacity(starts.count + rows)
        bytes.reserveCapacity(bytes.count + rows * bytesPerRow)
    }

    /// The string of row `i`.
    @inlinable
    public subscript(i: Int) -> String {
        let lo = starts[i], hi = starts[i + 1]
        if lo == hi { return "" }
        return bytes.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[lo ..< hi]), as: UTF8.self)
        }
    }

    /// Whether row `i` is the empty string.
    @inlinable
    public func isEmpty(_ i: Int) -> Bool { starts[i] == starts[i + 1] }

    /// Calls `body` with the UTF-8 bytes of row `i`.
    @inlinable
    public func withBytes<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let lo = starts[i], hi = starts[i + 1]
        return try bytes.withUnsafeBufferPointer {
            try body(UnsafeBufferPointer(rebasing: $0[lo ..< hi]))
        }
    }
}
