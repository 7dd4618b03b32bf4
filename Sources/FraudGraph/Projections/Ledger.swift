/// The transfer ledger: every transfer in replay order, ascending time with ties kept
/// in file order (the order of events in `tracing.md`).
///
/// Memory: 4 bytes a transfer; nothing when the file is already in time order.
public struct Ledger: Sendable {
    /// Transfer rows in replay order.
    public let order: ContiguousArray<Int32>

    /// The ledger of `transfers`.
    /// - Complexity: O(n) when already in time order; otherwise an LSD radix sort,
    ///   O(n · passes) with one pass per 11 bits of the time span (3 for a decade).
    public init(_ transfers: TransferTable) {
        order = Ledger.timeOrder(transfers.time)
    }

    /// Number of transfers.
    @inlinable public var count: Int { order.count }

    /// Rows of `time` in ascending time, ties in row order.
    public static func timeOrder(_ time: ContiguousArray<Int64>) -> ContiguousArray<Int32> {
        let n = time.count
        precondition(n < Int(Int32.max))
        var inOrder = true
        var lo = Int64.max, hi = Int64.min
        for i in 0 ..< n {
            let t = time[i]
            if i > 0 && t < time[i - 1] { inOrder = false }
            if t < lo { lo = t }
            if t > hi { hi = t }
        }
        if inOrder { return ContiguousArray((0 ..< n).lazy.map { Int32($0) }) }
        let span = UInt64(bitPattern: hi &- lo)
        var bits = 0
        while bits < 64 && (span >> UInt64(bits)) != 0 { bits += 1 }
        let digitBits = 11
        let radix = 1 << digitBits
        var keys = ContiguousArray<UInt64>(unsafeUninitializedCapacity: n) { buf, count in
            for i in 0 ..< n { buf[i] = UInt64(bitPattern: time[i] &- lo) }
            count = n
        }
        var rows = ContiguousArray<Int32>(unsafeUninitializedCapacity: n) { buf, count in
            for i in 0 ..< n { buf[i] = Int32(i) }
            count = n
        }
        var keys2 = keys, rows2 = rows
        var shift = 0
        var histogram = [Int](repeating: 0, count: radix)
        while shift < bits {
            for d in 0 ..< radix { histogram[d] = 0 }
            keys.withUnsafeBufferPointer { k in
                for i in 0 ..< n { histogram[Int((k[i] >> UInt64(shift)) & UInt64(radix - 1))] += 1 }
            }
            var sum = 0
            for d in 0 ..< radix { let c = histogram[d]; histogram[d] = sum; sum += c }
            keys.withUnsafeBufferPointer { k in
                rows.withUnsafeBufferPointer { r in
                    keys2.withUnsafeMutableBufferPointer { k2 in
                        rows2.withUnsafeMutableBufferPointer { r2 in
                            histogram.withUnsafeMutableBufferPointer { h in
                                for i in 0 ..< n {
                                    let d = Int((k[i] >> UInt64(shift)) & UInt64(radix - 1))
                                    let p = h[d]
                                    h[d] = p + 1
                                    k2[p] = k[i]
                                    r2[p] = r[i]
                                }
                            }
                        }
                    }
                }
            }
            swap(&keys, &keys2)
            swap(&rows, &rows2)
            shift += digitBits
        }
        return rows
    }
}
