/// Least significant digit first radix sort by a 64-bit key: 11 bits a pass, only the
/// passes the largest key needs. Stable, so equal keys keep their order.
enum RadixSort {
    /// Sorts `items` by `key`, using `scratch` (grown as needed) as the second buffer.
    /// - Complexity: O(n · bits / 11), where bits is the width of the largest key.
    @inline(__always)
    static func sort<T>(_ items: inout ContiguousArray<T>, scratch: inout ContiguousArray<T>, by key: (T) -> UInt64) {
        let n = items.count
        guard n > 1 else { return }
        var largest: UInt64 = 0
        for e in items { largest |= key(e) }
        let bits = 64 - largest.leadingZeroBitCount
        guard bits > 0 else { return }
        if scratch.count < n { scratch = items }
        let digit = 11, buckets = 1 << 11
        var counts = ContiguousArray<Int>(repeating: 0, count: buckets)
        var shift = 0
        var inScratch = false
        while shift < bits {
            let s = UInt64(shift)
            func pass(_ from: UnsafeMutableBufferPointer<T>, _ to: UnsafeMutableBufferPointer<T>) {
                counts.withUnsafeMutableBufferPointer { counts in
                    counts.update(repeating: 0)
                    for i in 0 ..< n { counts[Int(truncatingIfNeeded: key(from[i]) >> s) & (buckets - 1)] += 1 }
                    var sum = 0
                    for b in 0 ..< buckets {
                        let c = counts[b]
                        counts[b] = sum
                        sum += c
                    }
                    for i in 0 ..< n {
                        let e = from[i]
                        let b = Int(truncatingIfNeeded: key(e) >> s) & (buckets - 1)
                        to[counts[b]] = e
                        counts[b] += 1
                    }
                }
            }
            items.withUnsafeMutableBufferPointer { a in
                scratch.withUnsafeMutableBufferPointer { b in
                    if inScratch { pass(b, a) } else { pass(a, b) }
                }
            }
            inScratch.toggle()
            shift += digit
        }
        if inScratch {
            items.withUnsafeMutableBufferPointer { a in
                scratch.withUnsafeBufferPointer { b in
                    for i in 0 ..< n { a[i] = b[i] }
                }
            }
        }
    }
}
